"""The offline understanding layer: a caller's words or keys, read for what the current node asks.

Production fills the same role with an LLM calling the node's tools; `local_llm` wraps this module
in the LLM interface so both paths go through the same tools and the same engine.
"""

from __future__ import annotations

from functools import lru_cache

from agent.flows.captures import USE_CALLER_NUMBER
from agent.flows.engine import CallState, Captured
from agent.flows.model import Node, Option
from agent.nlu.arabic import tokenize
from agent.nlu.phrases import PhraseMatcher
from agent.nlu.understand import Expect, Understanding, understand

_EXPECT: dict[str, Expect | None] = {
    "language": "language", "name": "name", "phone": "phone", "email": "email", "need": "free_text",
    "free_text": "free_text", "yes_no": "yes_no", "confirm": "yes_no", "option": None, "none": None,
}
DTMF_YES, DTMF_NO = "1", "2"


def read_turn(node: Node, text: str, state: CallState) -> tuple[Captured, Understanding]:
    """What `text` gives the node, plus the full understanding (sentiment, language...) of the turn."""
    region = state.variables.get("default_region", "SA")
    u = understand(text, _EXPECT[node.capture], region=region)
    if u.wants_human:
        return Captured(kind="human", text=text, reason="caller asked for a person"), u
    if not text.strip():
        return Captured(kind="no_input", text=text), u
    return _capture(node, u, state) or Captured(kind="no_match", text=text), u


def _capture(node: Node, u: Understanding, state: CallState) -> Captured | None:
    text = u.text
    match node.capture:
        case "language":
            choice = u.language_choice or ("ar" if u.language == "mixed" else None)
            return Captured(kind="value", value=choice, text=text) if choice else None
        case "name":
            return Captured(kind="value", value=u.name, text=text) if u.name else None
        case "phone":
            if u.phone:
                return Captured(kind="value", value=u.phone, text=text)
            if u.yes_no == "yes" and state.variables.get("caller_number"):
                return Captured(kind="value", value=USE_CALLER_NUMBER, text=text)
            digits = u.digits or ""
            return Captured(kind="value", value=digits, text=text) if len(digits) >= 3 else None
        case "email":
            if u.email:
                return Captured(kind="value", value=u.email, text=text)
            if node.optional and u.yes_no == "no":
                return Captured(kind="value", value=None, text=text)
            spoken = {"at", "dot", "ات", "دوت"} & set(tokenize(text))
            return Captured(kind="value", value=text, text=text) if "@" in text or spoken else None
        case "need" | "free_text":
            return Captured(kind="value", value=text.strip(), text=text)
        case "yes_no":
            return Captured(kind="value", value=u.yes_no == "yes", text=text) if u.yes_no != "unknown" else None
        case "confirm":
            if u.correction and u.correction.field:
                return Captured(kind="value", value=(False, u.correction.field, u.correction.value), text=text)
            if u.yes_no == "yes":
                return Captured(kind="value", value=(True, None, None), text=text)
            if u.yes_no == "no":
                return Captured(kind="value", value=(False, _need_field(text), None), text=text)
            field = _need_field(text)
            return Captured(kind="value", value=(False, field, None), text=text) if field else None
        case "option":
            option = match_option(node, text)
            return Captured(kind="value", value=option.id, text=text) if option else None
    return None


def _need_field(text: str) -> str | None:
    """'the request is wrong' / 'الطلب غلط' names the need field, which the NLU does not cover."""
    tokens = tokenize(text)
    return "need" if _NEED_WORDS.find(tokens) else None


_NEED_WORDS: PhraseMatcher[str] = PhraseMatcher()
for _phrase in ("request", "reason", "need", "problem", "issue", "طلب", "سبب", "مشكله", "موضوع"):
    _NEED_WORDS.add(_phrase, "need")


@lru_cache(maxsize=256)
def _option_matcher(options: tuple[tuple[str, tuple[str, ...]], ...]) -> PhraseMatcher[str]:
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for option_id, phrases in options:
        for phrase in phrases:
            matcher.add(phrase, option_id)
    return matcher


def _phrases(option: Option) -> tuple[str, tuple[str, ...]]:
    return option.id, (option.label.en, option.label.ar, *option.synonyms, option.id.replace("_", " "))


def match_option(node: Node, text: str) -> Option | None:
    """The option whose words occur in `text` (the longest match wins), or its DTMF key alone."""
    stripped = text.strip()
    for option in node.options:
        if option.dtmf and stripped == option.dtmf:
            return option
    matches = _option_matcher(tuple(_phrases(o) for o in node.options)).find(tokenize(text))
    if not matches:
        return None
    best = max(matches, key=lambda m: m.size)
    return next(o for o in node.options if o.id == best.payload)


def read_dtmf(node: Node, digits: str, state: CallState) -> Captured:
    """Keypad input for the node: 1/2 for language and yes/no, option keys, a phone number."""
    match node.capture:
        case "language":
            value = {"1": "ar", "2": "en"}.get(digits)
            return Captured(kind="value", value=value, text=f"DTMF {digits}") if value else _bad(digits)
        case "yes_no":
            if digits in (DTMF_YES, DTMF_NO):
                return Captured(kind="value", value=digits == DTMF_YES, text=f"DTMF {digits}")
        case "confirm":
            if digits in (DTMF_YES, DTMF_NO):
                return Captured(kind="value", value=(digits == DTMF_YES, None, None), text=f"DTMF {digits}")
        case "phone":
            if digits == DTMF_YES and state.variables.get("caller_number"):
                return Captured(kind="value", value=USE_CALLER_NUMBER, text=f"DTMF {digits}")
            return Captured(kind="value", value=digits, text=f"DTMF {digits}")
        case "option":
            option = next((o for o in node.options if o.dtmf == digits), None)
            if option:
                return Captured(kind="value", value=option.id, text=f"DTMF {digits}")
    return _bad(digits)


def _bad(digits: str) -> Captured:
    return Captured(kind="no_match", text=f"DTMF {digits}")
