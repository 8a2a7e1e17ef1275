"""Flow validation and the engine's decisions, with a host that records what it was asked to do."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from agent.flows.captures import VALIDATORS
from agent.flows.engine import ActionResult, CallState, Captured, FlowEngine
from agent.flows.model import Action, FlowError, Text, load_flow
from agent.flows.understanding import match_option, read_dtmf, read_turn

IVR = Path(__file__).resolve().parents[2] / "prompts" / "flows" / "inbound_ivr.json"

SCRIPT = {
    "id": "salon_booking",
    "name": "Salon booking",
    "initial": "service",
    "escalation_node": "human",
    "nodes": {
        "service": {
            "say": {"en": "Haircut or colour?", "ar": "قص أم صبغة؟"},
            "capture": "option",
            "options": [
                {"id": "haircut", "label": {"en": "haircut", "ar": "قص"}, "synonyms": ["trim", "حلاقة"], "dtmf": "1",
                 "to": "when"},
                {"id": "colour", "label": {"en": "colour", "ar": "صبغة"}, "synonyms": ["dye", "color"], "dtmf": "2",
                 "to": "when"},
            ],
        },
        "when": {"say": {"en": "Which day?", "ar": "أي يوم؟"}, "capture": "free_text", "slot": "day",
                 "max_retries": 1, "transitions": [{"to": "booked"}]},
        "booked": {"actions": [{"name": "open_ticket", "params": {"category": "booking"}}],
                   "say": {"en": "Booked {service_choice} on {day}, ref {ticket_number}.",
                           "ar": "تم حجز {service_choice} يوم {day}، المرجع {ticket_number}."},
                   "final": True},
        "human": {"actions": [{"name": "escalate"}], "say": {"en": "Connecting you.", "ar": "سأحولك."}, "final": True},
    },
}


class Host:
    def __init__(self) -> None:
        self.actions: list[str] = []

    async def run_action(self, action: Action, state: CallState) -> ActionResult:
        self.actions.append(action.name)
        if action.name == "open_ticket":
            return ActionResult(variables={"ticket_number": 42, "service_choice": state.variables.get("service")})
        if action.name == "escalate":
            return ActionResult(end="escalated")
        return ActionResult()


def test_the_shipped_ivr_flow_is_valid() -> None:
    flow = load_flow(IVR)
    assert flow.initial == "welcome" and flow.escalation_node == "escalate"
    assert all(node.say is not None for node in flow.nodes.values() if node.capture != "none")


@pytest.mark.parametrize(("break_it", "message"), [
    (lambda f: f["nodes"]["when"]["transitions"].__setitem__(0, {"to": "nowhere"}), "unknown node 'nowhere'"),
    (lambda f: f.__setitem__("initial", "missing"), "initial node 'missing'"),
    (lambda f: f["nodes"]["when"].pop("slot"), "has no slot"),
    (lambda f: f["nodes"]["when"].__setitem__("transitions", []), "dead end"),
    (lambda f: f["nodes"]["service"]["options"].__setitem__(0, {"id": "x", "label": {"en": "x"}}), r"label\.ar"),
    (lambda f: f["nodes"].__setitem__("orphan", {"say": {"en": "a", "ar": "ب"}, "final": True}), "unreachable"),
])
def test_broken_scripts_are_refused_with_a_clear_error(break_it, message) -> None:
    flow = copy.deepcopy(SCRIPT)
    break_it(flow)
    with pytest.raises(FlowError, match=message):
        load_flow(flow)
    with pytest.raises(FlowError, match="not valid JSON"):
        load_flow("{nodes: ")


async def test_a_custom_script_runs_on_the_same_engine() -> None:
    host = Host()
    flow = load_flow(SCRIPT)
    flow.nodes["service"].slot = "service"
    engine = FlowEngine(flow, host, CallState(language="en"), validators=VALIDATORS,
                        texts={"retry": Text(en="Sorry?", ar="عفواً؟")})
    reply = await engine.start()
    assert reply.say == ["Haircut or colour?"]
    captured, _ = read_turn(engine.node, "I'd like a trim please", engine.state)
    reply = await engine.handle(captured)
    assert engine.state.variables["service"] == "haircut" and reply.node_id == "when"
    reply = await engine.handle(Captured(kind="no_input"))
    assert reply.say == ["Sorry?", "Which day?"] and not reply.changed
    reply = await engine.handle(Captured(kind="value", value="Tuesday"))
    assert reply.ended and reply.say == ["Booked haircut on Tuesday, ref 42."]
    assert host.actions == ["open_ticket"] and engine.state.outcome == "completed"


async def test_retries_run_out_into_escalation() -> None:
    host = Host()
    engine = FlowEngine(load_flow(SCRIPT), host, CallState(language="ar"), validators=VALIDATORS)
    await engine.start()
    await engine.handle(Captured(kind="value", value="haircut"))
    await engine.handle(Captured(kind="no_match"))
    reply = await engine.handle(Captured(kind="no_match"))
    assert reply.ended and reply.say == ["سأحولك."]
    assert engine.state.escalation_reason == "repeated_failure" and host.actions == ["escalate"]


async def test_a_human_request_escalates_from_any_node() -> None:
    engine = FlowEngine(load_flow(SCRIPT), Host(), CallState(), validators=VALIDATORS)
    await engine.start()
    reply = await engine.handle(read_turn(engine.node, "بدي احكي مع موظف", engine.state)[0])
    assert reply.ended and engine.state.escalation_reason == "caller_request"


def test_options_by_words_and_keys() -> None:
    node = load_flow(SCRIPT).nodes["service"]
    assert match_option(node, "ابغى صبغة لو سمحت").id == "colour"
    assert match_option(node, "color") .id == "colour"
    assert match_option(node, "something else") is None
    assert read_dtmf(node, "1", CallState()).value == "haircut"
    assert read_dtmf(node, "7", CallState()).kind == "no_match"


def test_ivr_understanding_per_capture() -> None:
    flow = load_flow(IVR)
    state = CallState(variables={"caller_number": "+966501234567", "default_region": "SA"})
    read = lambda node, text: read_turn(flow.nodes[node], text, state)[0]  # noqa: E731
    assert read("welcome", "English please").value == "en"
    assert read("welcome", "عربي").value == "ar"
    assert read("welcome", "ابغى اسأل عن الفاتورة tomorrow").value == "ar"
    assert read("ask_phone", "ايوه").value == "caller"
    assert read("ask_phone", "my number is 055 123 4567").value == "+966551234567"
    assert read("ask_email", "no I don't have one").value is None
    assert read("confirm", "yes that's correct").value == (True, None, None)
    assert read("confirm", "لا الايميل غلط").value[:2] == (False, "email")
    assert read("confirm", "the request is wrong").value == (False, "need", None)
    assert read("ask_name", "I want to speak to a real person").kind == "human"
    assert read("ask_name", "").kind == "no_input"
    assert json.loads(IVR.read_text())["id"] == "inbound_ivr"


async def test_an_llm_department_proposal_becomes_a_variable() -> None:
    from agent.flows.tools import build_tools

    flow = load_flow(IVR)
    engine = FlowEngine(flow, Host(), CallState(variables={"name": "x"}), validators=VALIDATORS)
    engine.state.node_id = "ask_need"
    tools = {t.info.name: t for t in build_tools(flow.nodes["ask_need"], engine.handle)}
    await tools["provide_answer"]("my bill is wrong", department="billing")
    assert engine.state.variables["proposed_department"] == "billing"
    assert engine.state.variables["need"] == "my bill is wrong" and engine.state.node_id == "confirm"
