"""The flow data model and its validation (a broken script is refused with a clear error)."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Lang = Literal["ar", "en"]
Capture = Literal["none", "language", "name", "phone", "email", "need", "free_text", "yes_no", "confirm", "option"]
# Named actions the engine asks its host to perform (see engine.ActionHost).
ActionName = Literal[
    "route", "handle_department", "open_ticket", "escalate", "schedule_callback", "end_call", "set",
]


class FlowError(ValueError):
    """A flow that cannot run: unknown nodes, missing translations, bad variables."""


class Text(BaseModel):
    """A prompt in both languages; `{name}` placeholders are filled from the call's variables."""

    model_config = ConfigDict(extra="forbid")

    en: str = Field(min_length=1, max_length=2000)
    ar: str = Field(min_length=1, max_length=2000)

    def placeholders(self) -> set[str]:
        found = set()
        for template in (self.en, self.ar):
            for _, name, _, _ in string.Formatter().parse(template):
                if name:
                    found.add(name)
        return found

    def render(self, lang: str, variables: dict[str, Any]) -> str:
        template = self.ar if lang == "ar" else self.en
        return template.format_map(_Vars(variables, NONE_WORD["ar" if lang == "ar" else "en"]))


NONE_WORD = {"en": "none", "ar": "لا يوجد"}


class _Vars(dict):
    """Template variables: a value the caller chose not to give reads as "none"; unknown ones as nothing."""

    def __init__(self, variables: dict[str, Any], none: str) -> None:
        super().__init__({k: (none if v is None else v) for k, v in variables.items()})

    def __missing__(self, key: str) -> str:
        return ""


class Condition(BaseModel):
    """`var` compared with `eq` / `in_` / `exists`; all given tests must hold."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    var: str
    eq: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    exists: bool | None = None

    def holds(self, variables: dict[str, Any]) -> bool:
        value = variables.get(self.var)
        if self.exists is not None and (value not in (None, "", [], {})) != self.exists:
            return False
        if self.eq is not None and value != self.eq:
            return False
        if self.in_ is not None and value not in self.in_:
            return False
        return True


class Transition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: str
    when: list[Condition] = Field(default_factory=list)


class Action(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ActionName
    params: dict[str, Any] = Field(default_factory=dict)


class Option(BaseModel):
    """One choice of an `option` capture: words in both languages and an optional DTMF key."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Text
    synonyms: list[str] = Field(default_factory=list)
    dtmf: str | None = Field(default=None, pattern=r"^[0-9*#]$")
    to: str | None = None


class Node(BaseModel):
    """One step: actions on entry, something said, something captured, then a transition."""

    model_config = ConfigDict(extra="forbid")

    say: Text | None = None
    reprompt: Text | None = None
    actions: list[Action] = Field(default_factory=list)
    capture: Capture = "none"
    slot: str | None = None
    optional: bool = False
    options: list[Option] = Field(default_factory=list)
    transitions: list[Transition] = Field(default_factory=list)
    max_retries: int | None = Field(default=None, ge=0, le=10)
    timeout_s: float | None = Field(default=None, gt=0, le=120)
    final: bool = False


class Flow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    initial: str
    nodes: dict[str, Node] = Field(min_length=1)
    escalation_node: str | None = None
    variables: dict[str, Any] = Field(default_factory=dict, description="defaults for template variables")

    @model_validator(mode="after")
    def _check(self) -> "Flow":
        problems = []
        known = set(self.nodes)
        if self.initial not in known:
            problems.append(f"initial node {self.initial!r} does not exist")
        if self.escalation_node and self.escalation_node not in known:
            problems.append(f"escalation node {self.escalation_node!r} does not exist")
        for node_id, node in self.nodes.items():
            targets = [t.to for t in node.transitions] + [o.to for o in node.options if o.to]
            for target in targets:
                if target not in known:
                    problems.append(f"node {node_id!r} goes to unknown node {target!r}")
            if node.capture == "option" and not node.options:
                problems.append(f"node {node_id!r} captures an option but lists none")
            if node.capture == "option" and not all(o.to for o in node.options) and not node.transitions:
                problems.append(f"node {node_id!r}: every option needs a target, or the node a transition")
            if node.capture not in ("none", "option", "confirm") and not node.slot and node.capture != "language":
                problems.append(f"node {node_id!r} captures {node.capture} but has no slot")
            if not node.final and not node.transitions and node.capture != "option" and not any(
                a.name in ("end_call", "escalate") for a in node.actions
            ):
                problems.append(f"node {node_id!r} is a dead end (no transition, not final)")
            if node.capture != "none" and node.say is None:
                problems.append(f"node {node_id!r} captures input but says nothing")
        unreachable = known - self._reachable()
        if unreachable:
            problems.append(f"unreachable nodes: {sorted(unreachable)}")
        if problems:
            raise FlowError("; ".join(problems))
        return self

    def _reachable(self) -> set[str]:
        seen, todo = set(), [self.initial] + ([self.escalation_node] if self.escalation_node else [])
        while todo:
            node_id = todo.pop()
            if node_id in seen or node_id not in self.nodes:
                continue
            seen.add(node_id)
            node = self.nodes[node_id]
            todo += [t.to for t in node.transitions] + [o.to for o in node.options if o.to]
            todo += [a.params["to"] for a in node.actions if "to" in a.params]
        return seen


def load_flow(source: str | Path | dict[str, Any]) -> Flow:
    """Parse and validate a flow from a dict, a JSON string or a JSON file; FlowError on problems."""
    try:
        if isinstance(source, Path):
            data = json.loads(source.read_text(encoding="utf-8"))
        elif isinstance(source, str):
            data = json.loads(source)
        else:
            data = source
        return Flow.model_validate(data)
    except json.JSONDecodeError as exc:
        raise FlowError(f"not valid JSON: {exc}") from exc
    except ValidationError as exc:
        inner = [e for e in exc.errors() if e["type"] == "value_error"]
        if inner and isinstance(inner[0].get("ctx", {}).get("error"), FlowError):
            raise inner[0]["ctx"]["error"] from exc
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:10])
        raise FlowError(detail) from exc
