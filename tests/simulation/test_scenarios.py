"""Scenario generation: deterministic, varied, and understood by the real flow engine and NLU."""

from __future__ import annotations

from collections import Counter

import pytest

from agent.nlu.escalation import wants_human
from agent.inbound.host import SENTIMENT_THRESHOLD
from agent.nlu.sentiment import complaint_severity, sentiment_score
from agent.nlu.understand import understand
from agent.routing import RoutingEngine, load_default_rules
from agent.simulation import pools
from agent.simulation.scenarios import (
    DESCRIPTIVE_PROMPTS, Mode, Scenario, Turn, build, department_outcome, generate,
)
from tests.simulation.offline import play

ROUTER = RoutingEngine(*load_default_rules())


def test_same_seed_same_scenarios_and_each_stands_alone() -> None:
    first = generate(40, "mix", seed=3)
    assert first == generate(40, "mix", seed=3)
    assert build("mix", 3, 17) == first[17]
    assert [s.turns for s in generate(40, "mix", seed=4)] != [s.turns for s in first]


@pytest.mark.parametrize("mode", ["ar", "en"])
def test_single_language_modes(mode: Mode) -> None:
    scenarios = generate(60, mode, seed=1)
    assert {s.expect.language for s in scenarios} == {mode}
    assert "mixed" not in {s.dialect for s in scenarios}


def test_mix_mode_mixes_languages_and_dialects() -> None:
    scenarios = generate(200, "mix", seed=1)
    assert {s.expect.language for s in scenarios} == {"ar", "en"}
    assert {s.dialect for s in scenarios} == {"en", "gulf", "egyptian", "levantine", "msa", "mixed"}


@pytest.mark.parametrize("need", pools.NEEDS + pools.ANGRY, ids=lambda n: f"{n.department}-{n.dialect}-{n.text[:24]}")
def test_every_need_routes_to_its_department_without_asking_for_a_human(need: pools.Need) -> None:
    assert ROUTER.route(need.text).department == need.department
    assert not wants_human(need.text)
    if need.severity:
        assert complaint_severity(need.text) == need.severity


def test_only_angry_callers_sound_upset() -> None:
    """The agent also escalates on two upset turns in a row; scenarios leave that to angry callers."""
    angry = {n.text for n in pools.ANGRY}
    for scenario in generate(300, "mix", seed=2):
        for turn in scenario.turns:
            if turn.action == "say" and turn.text not in angry and turn.prompt not in DESCRIPTIVE_PROMPTS:
                assert sentiment_score(turn.text) > SENTIMENT_THRESHOLD, (scenario.id, turn.text)


@pytest.mark.parametrize("text", [t for texts in pools.HUMAN_REQUESTS.values() for t in texts])
def test_every_human_request_is_understood(text: str) -> None:
    assert wants_human(text)


@pytest.mark.parametrize(
    ("pool", "answer"),
    [(pools.YES, "yes"), (pools.MORE_YES, "yes"), (pools.NO_MORE, "no"), (pools.NO_EMAIL, "no")],
)
def test_yes_no_pools(pool: dict[str, list[str]], answer: str) -> None:
    for texts in pool.values():
        assert {understand(t, "yes_no").yes_no for t in texts} == {answer}, texts


@pytest.mark.parametrize(("mode", "after_hours"), [("ar", False), ("en", False), ("mix", False), ("mix", True)])
async def test_scenarios_play_through_the_flow_as_scripted(mode: Mode, after_hours: bool) -> None:
    """The engine, offline NLU and escalation checks take every caller where the scenario expects."""
    for scenario in generate(60, mode, seed=11, after_hours=after_hours):
        played = await play(scenario, after_hours=after_hours)
        where = f"{scenario.id}: {[(t.prompt, t.text) for t in scenario.turns]}"
        assert played.prompts == scenario.prompts, where
        assert played.departments == scenario.expect.departments, where
        assert played.tickets == scenario.expect.tickets, where
        assert played.ended, where
        assert played.escalation_reason == scenario.expect.escalation_reason, where
        intake = scenario.expect.intake
        if intake:
            for key in ("name", "phone", "email"):
                assert played.variables.get(key) == getattr(intake, key), (key, where)
            assert played.variables.get("language", "ar") == intake.language, where
            assert played.variables["need"] == _needs(scenario)[-1], where


def _needs(scenario: Scenario) -> list[str]:
    return [t.text for t in scenario.turns if t.tag.startswith("need:")]


def test_expectations_are_consistent() -> None:
    for scenario in generate(200, "mix", seed=5):
        expect = scenario.expect
        assert expect.escalated == (expect.final_prompt == "escalate") == (expect.escalation_reason is not None)
        assert (expect.severity is not None) == ("complaints" in expect.departments)
        assert len(expect.departments) == len(_needs(scenario)) or expect.escalated
        if expect.intake:
            assert expect.intake.need == _needs(scenario)[0]
        if not expect.escalated:
            assert len(expect.tickets) == len(expect.departments)


def test_department_outcomes() -> None:
    need = {n.department: n for n in pools.NEEDS if n.severity in (None, "low")}
    assert department_outcome(need["sales"]) == (None, "complexity")
    assert department_outcome(need["complaints"]) == ("complaint", None)
    assert department_outcome(need["billing"]) == ("billing", None)
    critical = next(n for n in pools.NEEDS if n.severity == "critical")
    assert department_outcome(critical) == ("complaint", "complexity")


def test_scenarios_cover_the_features_the_load_test_relies_on() -> None:
    scenarios = generate(300, "mix", seed=0)
    tags = Counter(t for s in scenarios for t in set(s.tags))
    wanted = [
        "language:dtmf", "language:speech", "name:bare", "name:intro", "silence", "more:yes",
        "phone:caller_number", "phone:caller_number_dtmf", "phone:invalid", "phone:dtmf", "phone:arabic_indic",
        "phone:spoken_ar", "phone:spoken_en", "phone:international", "phone:zero_zero", "phone:no_match",
        "email:none", "email:typed", "email:spoken", "email:invalid", "need:angry", "confirm:outburst",
        *(f"escalation:{r}" for r in ("caller_request", "repeated_failure", "sentiment", "keyword", "complexity")),
        *(f"correction:{k}" for k in ("email_value", "phone_value", "name_field", "dtmf_then_email")),
    ]
    assert [t for t in wanted if not tags[t]] == []
    assert len({t for t in tags if t.startswith("human:")}) >= 4
    departments = Counter(d for s in scenarios for d in s.expect.departments)
    assert set(departments) == {"reception", "sales", "complaints", "billing", "technical_support", "appointments"}
    assert {s.expect.severity for s in scenarios} >= {"low", "medium", "high", "critical"}
    numbers = {s.caller_number[:3] for s in scenarios}
    assert {"+96", "+1", "+44"} <= {n if n.startswith("+96") else n[:2] if n.startswith("+1") else n for n in numbers}


def test_turn_validation() -> None:
    with pytest.raises(ValueError):
        Turn(prompt="welcome", action="press", text="x")
    with pytest.raises(ValueError):
        Turn(prompt="welcome", action="say")
    with pytest.raises(ValueError):
        Turn(prompt="welcome", action="silence", text="hello")
