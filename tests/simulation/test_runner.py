"""The simulator's pure parts: recognising agent prompts, summarising results."""

from __future__ import annotations

import pytest

from agent.inbound.call import RETRY_TEXTS, inbound_flow
from agent.prompts import department_prompts
from agent.simulation.runner import CallResult, Recognizer, percentile, summarize
from agent.simulation.scenarios import generate

VARIABLES = {"company": "Nour Clinic", "name": "سارة Smith", "phone": "+966551230001", "email_spoken": "none",
             "need": "I was charged twice", "callback_when": "tomorrow at 09:00"}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_prompt_is_recognised_with_its_variables_filled(lang: str) -> None:
    recognizer = Recognizer.inbound()
    for node_id, node in inbound_flow().nodes.items():
        for text in (node.say, node.reprompt):
            if text:
                spoken = text.render(lang, VARIABLES)
                assert (recognizer.node(spoken), recognizer.department(spoken)) == (node_id, None)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_other_speech_is_not_a_prompt(lang: str) -> None:
    recognizer = Recognizer.inbound()
    for text in RETRY_TEXTS.values():
        assert recognizer.node(text.render(lang, {})) is None
    for department, prompts in department_prompts().items():
        intro = prompts.intro.render(lang, VARIABLES)
        assert (recognizer.node(intro), recognizer.department(intro)) == (None, department)
    assert recognizer.node("May I have your") is None  # cut short by the caller


def test_summary_counts_and_latency_percentiles() -> None:
    scenarios = generate(3, "en", seed=1)
    results = [
        CallResult(scenario_id=scenarios[0].id, room="r0", ok=True, joined=True, heard=["welcome", "escalate"],
                   departments=["sales"], latencies_s=[0.1, 0.2]),
        CallResult(scenario_id=scenarios[1].id, room="r1", ok=True, joined=True, heard=["welcome", "goodbye"],
                   departments=["billing", "sales"], latencies_s=[0.3], redispatches=1),
        CallResult(scenario_id=scenarios[2].id, room="r2", ok=False, error="timed out", latencies_s=[0.4]),
    ]
    summary = summarize(scenarios, results, wall_s=12.345)
    assert (summary.calls, summary.placed, summary.completed, summary.failed) == (3, 2, 2, 1)
    assert (summary.escalated, summary.redispatched) == (1, 1)
    assert summary.departments == {"sales": 2, "billing": 1}
    assert (summary.latency_s.turns, summary.latency_s.p50, summary.latency_s.max) == (4, 0.25, 0.4)
    assert [f.room for f in summary.failures] == ["r2"]
    assert percentile([], 50) is None
