"""The tools a flow node offers the LLM, one typed tool per capture kind, plus two on every node.

The production LLM calls these; the offline `LocalUnderstandingLLM` calls the same ones, with
arguments from `understanding`. Each tool turns its arguments into a `Captured` for the engine.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Literal

from livekit.agents import function_tool
from livekit.agents.llm import FunctionTool

from agent.flows.captures import USE_CALLER_NUMBER
from agent.flows.engine import Captured
from agent.flows.model import Node

Apply = Callable[[Captured], Awaitable[Any]]
Field = Literal["name", "phone", "email", "need"]

TOOL_FOR_CAPTURE = {
    "language": "choose_language", "name": "provide_name", "phone": "provide_phone", "email": "provide_email",
    "need": "provide_answer", "free_text": "provide_answer", "yes_no": "answer_yes_no",
    "confirm": "confirm_details", "option": "choose_option",
}


def build_tools(node: Node, apply: Apply) -> list[FunctionTool]:
    """The node's capture tool, `request_human` and `not_understood`, bound to `apply`."""

    async def choose_language(language: Literal["ar", "en"]) -> Any:
        """The caller chose Arabic ("ar") or English ("en"), by saying so, pressing 1/2, or speaking it."""
        return await apply(Captured(kind="value", value=language))

    async def provide_name(name: str) -> Any:
        """The caller's name, as they said it."""
        return await apply(Captured(kind="value", value=name))

    async def provide_phone(phone: str = "", use_caller_number: bool = False) -> Any:
        """A phone number the caller gave, or use_caller_number=true when they accept the number they call from."""
        return await apply(Captured(kind="value", value=USE_CALLER_NUMBER if use_caller_number else phone))

    async def provide_email(email: str = "", no_email: bool = False) -> Any:
        """The caller's email address, or no_email=true when they have none or prefer not to give it."""
        return await apply(Captured(kind="value", value=None if no_email else email))

    async def provide_answer(text: str, department: str = "") -> Any:
        """The caller's answer in their own words (for example what they need help with); when it is a
        need that clearly belongs to one of the departments listed in your instructions, that department's id."""
        extras = {"proposed_department": department} if department else {}
        return await apply(Captured(kind="value", value=text, extras=extras))

    async def answer_yes_no(yes: bool) -> Any:
        """The caller answered yes (true) or no (false)."""
        return await apply(Captured(kind="value", value=yes))

    async def confirm_details(correct: bool, field_to_fix: Field | None = None, new_value: str | None = None) -> Any:
        """Whether the details read back are correct; if not, which field is wrong and, if given, its new value."""
        return await apply(Captured(kind="value", value=(correct, field_to_fix, new_value)))

    async def choose_option(option: str) -> Any:
        """The option the caller chose, by its id."""
        return await apply(Captured(kind="value", value=option))

    async def request_human(reason: str = "") -> Any:
        """The caller wants to talk to a person (in any language or dialect)."""
        return await apply(Captured(kind="human", reason=reason or "caller asked for a person"))

    async def not_understood(reason: str = "") -> Any:
        """The caller's reply does not answer the current question."""
        return await apply(Captured(kind="no_match", reason=reason))

    local = {f.__name__: f for f in (choose_language, provide_name, provide_phone, provide_email, provide_answer,
                                     answer_yes_no, confirm_details, choose_option)}
    tools = [function_tool(request_human), function_tool(not_understood)]
    capture_tool = TOOL_FOR_CAPTURE.get(node.capture)
    if capture_tool:
        description = None
        if node.capture == "option":
            choices = ", ".join(f"{o.id} ({o.label.en} / {o.label.ar})" for o in node.options)
            description = f"The option the caller chose. One of: {choices}."
        tools.insert(0, function_tool(local[capture_tool], description=description))
    return tools


def tool_call_for(captured: Captured) -> tuple[str, dict[str, Any]] | None:
    """The tool call that carries `captured` (used by the offline LLM); None for a plain value."""
    if captured.kind == "human":
        return "request_human", {"reason": captured.reason or ""}
    if captured.kind in ("no_match", "no_input"):
        return "not_understood", {"reason": captured.kind}
    return None


def value_arguments(capture: str, value: Any) -> tuple[str, dict[str, Any]]:
    """Tool name and JSON arguments that give `value` for a node capturing `capture`."""
    name = TOOL_FOR_CAPTURE[capture]
    match capture:
        case "language":
            return name, {"language": value}
        case "name":
            return name, {"name": value}
        case "phone":
            return name, ({"use_caller_number": True} if value == USE_CALLER_NUMBER else {"phone": value})
        case "email":
            return name, ({"no_email": True} if value is None else {"email": value})
        case "need" | "free_text":
            return name, {"text": value}
        case "yes_no":
            return name, {"yes": value}
        case "confirm":
            correct, field, new_value = value
            return name, {"correct": correct, "field_to_fix": field, "new_value": new_value}
        case "option":
            return name, {"option": value}
    raise ValueError(f"no tool for capture {capture!r}")
