"""Plays a scenario through the real flow engine and the offline NLU, without LiveKit or a database.

The host routes with the default rules (what a new operator is provisioned with) and otherwise
does nothing, so a run shows which prompts the caller hears and what the engine captures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from agent.flows.captures import VALIDATORS
from agent.flows.engine import ActionResult, CallState, Captured, FlowEngine
from agent.flows.model import Action, Flow, load_flow
from agent.flows.understanding import read_dtmf, read_turn
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

    async def run_action(self, action: Action, state: CallState) -> ActionResult:
        if action.name == "route":
            department = self.router.route(state.variables["need"]).department
            self.departments.append(department)
            return ActionResult(variables={"department": department})
        if action.name == "end_call":
            return ActionResult(end=action.params.get("outcome", "completed"))
        return ActionResult()


@dataclass
class Played:
    prompts: list[str] = field(default_factory=list)
    """The node the caller is at when each turn is taken, then the node the call ends at."""
    departments: list[str] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)
    ended: bool = False
    escalation_reason: str | None = None


async def play(scenario: Scenario) -> Played:
    host = _Host()
    state = CallState(variables={"caller_number": scenario.caller_number, "after_hours": False,
                                 "default_region": "SA"})
    engine = FlowEngine(_flow(), host, state, validators=VALIDATORS)
    await engine.start()
    played = Played()
    for turn in scenario.turns:
        played.prompts.append(engine.state.node_id)
        node = engine.node
        if turn.action == "silence":
            captured = Captured(kind="no_input")
        elif turn.action == "say":
            captured, _ = read_turn(node, turn.text, engine.state)
        else:  # a phone number is keyed in one go ("...#"), any other answer is one key
            captured = read_dtmf(node, turn.text.rstrip("#"), engine.state)
        await engine.handle(captured)
    played.prompts.append(engine.state.node_id)
    played.departments = host.departments
    played.variables = dict(engine.state.variables)
    played.ended = engine.state.ended
    played.escalation_reason = engine.state.escalation_reason
    return played
