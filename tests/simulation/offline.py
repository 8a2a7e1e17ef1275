"""Plays a scenario through the real flow engine, the offline NLU and the inbound agent's escalation
checks, without LiveKit or a database.

The host routes with the default rules (what a new operator is provisioned with) and handles
departments the way `agent.inbound.host.InboundHost` does for an operator without knowledge
documents: sales and critical complaints go to a person, every other department opens a ticket.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from agent.flows.captures import VALIDATORS
from agent.flows.engine import ActionResult, CallState, Captured, FlowEngine
from agent.flows.model import Action, Flow, load_flow
from agent.flows.understanding import read_dtmf, read_turn
from agent.inbound.host import InboundHost
from agent.nlu.sentiment import complaint_severity
from agent.routing import RoutingEngine, load_default_rules
from agent.simulation.scenarios import Scenario
from tests.simulation.conftest import FLOW_PATH


@cache
def _flow() -> Flow:
    return load_flow(FLOW_PATH)


@cache
def _router() -> RoutingEngine:
    return RoutingEngine(*load_default_rules())


class _Host:
    def __init__(self) -> None:
        self.router = _router()
        self.departments: list[str] = []
        self.tickets: list[str] = []

    async def run_action(self, action: Action, state: CallState) -> ActionResult:
        if action.name == "route":
            department = self.router.route(state.variables["need"]).department
            self.departments.append(department)
            return ActionResult(variables={"department": department})
        if action.name == "handle_department":
            department, need = state.variables["department"], state.variables["need"]
            critical = department == "complaints" and complaint_severity(need) == "critical"
            if department != "sales":
                self.tickets.append("complaint" if department == "complaints" else department)
            if department == "sales" or critical:
                state.escalation_reason = "complexity"
                return ActionResult(goto="escalate")
        if action.name in ("end_call", "schedule_callback"):
            return ActionResult(end=action.params.get("outcome", "completed"))
        if action.name == "escalate":
            return ActionResult(end="escalated")
        return ActionResult()


@dataclass
class Played:
    prompts: list[str] = field(default_factory=list)
    """The node the caller is at when each turn is taken, then the node the call ends at."""
    departments: list[str] = field(default_factory=list)
    tickets: list[str] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)
    ended: bool = False
    escalation_reason: str | None = None


async def play(scenario: Scenario, *, after_hours: bool = False) -> Played:
    host = _Host()
    # Only `assess` is used, which needs none of the host's services.
    assessor = InboundHost(operator=None, recorder=None, routing=_router(), departments={}, prompts={},  # type: ignore[arg-type]
                           telephony=None)  # type: ignore[arg-type]
    state = CallState(variables={"caller_number": scenario.caller_number, "after_hours": after_hours,
                                 "default_region": "SA"})
    engine = FlowEngine(_flow(), host, state, validators=VALIDATORS)
    await engine.start()
    played = Played()
    for turn in scenario.turns:
        played.prompts.append(engine.state.node_id)
        node = engine.node
        if turn.action == "silence":
            await engine.handle(Captured(kind="no_input"))
        elif turn.action == "press":  # a phone number is keyed in one go ("...#"), any other answer is one key
            await engine.handle(read_dtmf(node, turn.text.rstrip("#"), engine.state))
        elif reason := await assessor.assess(turn.text, node.capture):
            await engine.escalate(reason, turn.text)
        else:
            await engine.handle(read_turn(node, turn.text, engine.state)[0])
    played.prompts.append(engine.state.node_id)
    played.departments = host.departments
    played.tickets = host.tickets
    played.variables = dict(engine.state.variables)
    played.ended = engine.state.ended
    played.escalation_reason = engine.state.escalation_reason
    return played
