"""One call per caller turn: everything the IVR needs to know about an utterance.

The production agent gets the same :class:`Understanding` from an LLM; this
rule-based version serves tests, demos and offline operation.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from agent.nlu.choice import DEFAULT_DIGITS, LanguageCode, parse_language_choice
from agent.nlu.contact import extract_email, extract_phone
from agent.nlu.correction import Correction, parse_correction
from agent.nlu.escalation import wants_human
from agent.nlu.language import Language, detect_language
from agent.nlu.names import extract_name
from agent.nlu.numbers import spoken_digits
from agent.nlu.sentiment import Severity, complaint_severity, sentiment_score
from agent.nlu.yesno import YesNo, parse_yes_no

Expect = Literal["yes_no", "digits", "phone", "email", "name", "language", "free_text"]


class Understanding(BaseModel):
    """What a caller's turn means.

    ``value`` is the answer to what the stage expected (``None`` when the
    turn did not provide it); the other fields are filled on every turn so a
    stage can react to an escalation request or a correction at any time.
    """

    text: str
    expect: Expect | None = None
    language: Language
    value: str | None = None
    yes_no: YesNo = "unknown"
    digits: str | None = None
    phone: str | None = None
    email: str | None = None
    name: str | None = None
    language_choice: LanguageCode | None = None
    correction: Correction | None = None
    wants_human: bool = False
    sentiment: float = Field(0.0, ge=-1.0, le=1.0)
    severity: Severity = "low"


def understand(text: str, expect: Expect | None = None, *, region: str = "SA") -> Understanding:
    """Interpret one caller turn, optionally knowing what the IVR just asked for.

    ``expect`` relaxes extraction for that slot: a bare "John Smith" counts
    as a name only when a name was asked for, and a language choice by digit
    ("1"/"2") or by simply speaking a language counts only when a language
    was asked for. ``region`` interprets national phone numbers.
    """
    language = detect_language(text)
    asked_language = expect == "language"
    choice = parse_language_choice(text, DEFAULT_DIGITS if asked_language else {})
    if choice is None and asked_language and language != "mixed" and text.strip():
        choice = language
    result = Understanding(
        text=text,
        expect=expect,
        language=language,
        yes_no=parse_yes_no(text),
        digits=spoken_digits(text) or None,
        phone=extract_phone(text, region),
        email=extract_email(text),
        name=extract_name(text, bare=expect == "name"),
        language_choice=choice,
        correction=parse_correction(text, region),
        wants_human=wants_human(text),
        sentiment=sentiment_score(text),
        severity=complaint_severity(text),
    )
    result.value = _value(result)
    return result


def _value(result: Understanding) -> str | None:
    match result.expect:
        case "yes_no":
            return None if result.yes_no == "unknown" else result.yes_no
        case "digits":
            return result.digits
        case "phone":
            return result.phone
        case "email":
            return result.email
        case "name":
            return result.name
        case "language":
            return result.language_choice
        case "free_text":
            return result.text.strip() or None
    return None
