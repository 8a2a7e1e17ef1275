"""Runs a flow: validates captured input, counts retries, chooses transitions, asks its host to act.

The engine knows nothing about LiveKit or the database. Its host (`ActionHost`) performs actions
(routing, tickets, escalation, callbacks, hang-up) and the LiveKit adapter feeds it input and
speaks what it returns. One engine serves the inbound IVR, presets and custom scripts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field

from agent.flows.model import Action, Flow, Node, Text

InputKind = Literal["value", "no_match", "no_input", "human"]
MAX_CHAIN = 50


class Captured(BaseModel):
    """What the caller gave for the current node, already understood (by the LLM or locally)."""

    kind: InputKind
    value: Any = None
    text: str | None = Field(default=None, description="the caller's words, for the record")
    reason: str | None = Field(default=None, description="why the input was not accepted")
    extras: dict[str, Any] = Field(default_factory=dict, description="hints kept as variables (an LLM's proposals)")


class CallState(BaseModel):
    """Everything the engine remembers about one call."""

    node_id: str = ""
    language: Literal["ar", "en"] = "ar"
    variables: dict[str, Any] = Field(default_factory=dict)
    retries: dict[str, int] = Field(default_factory=dict)
    failures: int = 0
    tried: list[str] = Field(default_factory=list, description="what the agent did, for a human's summary")
    return_to: str | None = None
    ended: bool = False
    outcome: str | None = None
    escalation_reason: str | None = None


@dataclass
class ActionResult:
    say: list[str] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)
    goto: str | None = None
    end: str | None = None  # outcome, when the action ends the call


class ActionHost(Protocol):
    async def run_action(self, action: Action, state: CallState) -> ActionResult: ...


class InvalidValue(ValueError):
    """A captured value that fails validation (bad phone, bad email); the node asks again."""


Validator = Any  # Callable[[Captured, CallState, Node], Any] returning the cleaned value or raising InvalidValue


@dataclass
class Reply:
    """What to say now, and whether the node changed or the call ended."""

    say: list[str]
    node_id: str
    changed: bool
    ended: bool


class FlowEngine:
    def __init__(
        self,
        flow: Flow,
        host: ActionHost,
        state: CallState | None = None,
        *,
        max_retries: int = 2,
        validators: dict[str, Validator] | None = None,
        texts: dict[str, Text] | None = None,
    ) -> None:
        self.flow = flow
        self.host = host
        self.state = state or CallState()
        self.state.variables = {**flow.variables, **self.state.variables}
        self.max_retries = max_retries
        self.validators = validators or {}
        self.texts = texts or {}

    @property
    def node(self) -> Node:
        return self.flow.nodes[self.state.node_id]

    def render(self, text: Text | None) -> list[str]:
        if text is None:
            return []
        return [text.render(self.state.language, self.state.variables)]

    async def start(self) -> Reply:
        return await self._enter(self.flow.initial, [])

    async def handle(self, captured: Captured) -> Reply:
        """Apply one caller input to the current node."""
        if self.state.ended:
            return Reply([], self.state.node_id, False, True)
        if captured.kind == "human":
            return await self.escalate("caller_request", captured.reason or captured.text)
        if captured.kind == "value":
            try:
                value = self._validate(captured)
            except InvalidValue as exc:
                return await self._retry(str(exc) or "invalid", captured)
            return await self._accept(value, captured)
        return await self._retry(captured.kind, captured)

    async def escalate(self, reason: str, detail: str | None = None) -> Reply:
        self.state.escalation_reason = reason
        self.state.variables["escalation_reason"] = reason
        self.state.variables["escalation_detail"] = detail or ""
        if self.flow.escalation_node is None:
            self.state.ended, self.state.outcome = True, "escalated"
            return Reply([], self.state.node_id, False, True)
        return await self._enter(self.flow.escalation_node, [])

    # internals

    def _validate(self, captured: Captured) -> Any:
        validator = self.validators.get(self.node.capture)
        return validator(captured, self.state, self.node) if validator else captured.value

    async def _accept(self, value: Any, captured: Captured) -> Reply:
        node, node_id = self.node, self.state.node_id
        self.state.retries.pop(node_id, None)
        self.state.variables.update(captured.extras)
        if node.capture == "language":
            self.state.language = value
            self.state.variables["language"] = value
        elif node.capture == "confirm":
            return await self._confirm(value)
        elif node.slot:
            self.state.variables[node.slot] = value
        self.state.tried.append(f"{node_id}: got {node.slot or node.capture}")
        if node.capture == "option":
            option = next(o for o in node.options if o.id == value)
            if option.to:
                return await self._enter(option.to, [])
        if self.state.return_to:
            target, self.state.return_to = self.state.return_to, None
            return await self._enter(target, [])
        return await self._enter(self._next(node), [])

    async def _confirm(self, value: tuple[bool, str | None, Any]) -> Reply:
        correct, field_name, new_value = value
        if correct:
            self.state.tried.append("confirmed the details")
            return await self._enter(self._next(self.node), [])
        corrections: dict[str, str] = self.flow.variables.get("correction_nodes", {})
        if field_name and new_value not in (None, ""):
            self.state.variables[field_name] = new_value
            self.state.tried.append(f"corrected {field_name}")
            return await self._enter(self.state.node_id, [])
        if field_name in corrections:
            self.state.return_to = self.state.node_id
            return await self._enter(corrections[field_name], [])
        return await self._retry("which_field", Captured(kind="no_match"))

    async def _retry(self, reason: str, captured: Captured) -> Reply:
        node_id = self.state.node_id
        count = self.state.retries.get(node_id, 0) + 1
        self.state.retries[node_id] = count
        self.state.failures += 1
        limit = self.node.max_retries if self.node.max_retries is not None else self.max_retries
        if count > limit:
            self.state.tried.append(f"{node_id}: no usable answer after {count} tries")
            return await self.escalate("repeated_failure", f"{node_id}: {reason}")
        key = reason if reason in self.texts else "retry"
        say = self.render(self.texts.get(key)) + self.render(self.node.reprompt or self.node.say)
        return Reply(say, node_id, False, False)

    def _next(self, node: Node) -> str:
        for transition in node.transitions:
            if all(c.holds(self.state.variables) for c in transition.when):
                return transition.to
        raise RuntimeError(f"node {self.state.node_id!r}: no transition applies")

    async def _enter(self, node_id: str, said: list[str]) -> Reply:
        for _ in range(MAX_CHAIN):
            self.state.node_id = node_id
            node = self.node
            jumped = False
            for action in node.actions:
                result = await self.host.run_action(action, self.state)
                said += result.say
                self.state.variables.update(result.variables)
                if result.end:
                    self.state.ended, self.state.outcome = True, result.end
                if result.goto:
                    node_id, jumped = result.goto, True
                    break
            if jumped:
                continue
            said += self.render(node.say)
            if self.state.ended or node.final or node.capture != "none":
                if node.final and not self.state.ended:
                    self.state.ended = True
                    self.state.outcome = self.state.outcome or "completed"
                return Reply(said, node_id, True, self.state.ended)
            node_id = self._next(node)
        raise RuntimeError("flow loops without waiting for the caller")
