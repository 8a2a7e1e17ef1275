"""Validation of captured values per capture kind (what the engine accepts into the intake)."""

from __future__ import annotations

from typing import Any

from email_validator import EmailNotValidError, validate_email

from agent.flows.engine import CallState, Captured, InvalidValue
from agent.flows.model import Node
from callcenter.errors import InvalidInput
from callcenter.phone import normalize_phone

USE_CALLER_NUMBER = "caller"


def _language(c: Captured, state: CallState, node: Node) -> str:
    if c.value not in ("ar", "en"):
        raise InvalidValue("no_match")
    return c.value


def _text(c: Captured, state: CallState, node: Node) -> str:
    value = (c.value or "").strip()
    if not value or len(value) > 2000:
        raise InvalidValue("no_match")
    return value


def _name(c: Captured, state: CallState, node: Node) -> str:
    value = _text(c, state, node)
    if len(value) > 200 or any(ch.isdigit() for ch in value):
        raise InvalidValue("invalid_name")
    return value


def phone_value(value: Any, state: CallState) -> str:
    if value == USE_CALLER_NUMBER:
        value = state.variables.get("caller_number")
    try:
        return normalize_phone(str(value or ""), state.variables.get("default_region", "SA"))
    except InvalidInput as exc:
        raise InvalidValue("invalid_phone") from exc


def email_value(value: Any) -> str:
    try:
        return validate_email(str(value or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise InvalidValue("invalid_email") from exc


def _phone(c: Captured, state: CallState, node: Node) -> str:
    return phone_value(c.value, state)


def _email(c: Captured, state: CallState, node: Node) -> str | None:
    if c.value is None and node.optional:
        return None
    return email_value(c.value)


def _yes_no(c: Captured, state: CallState, node: Node) -> bool:
    if not isinstance(c.value, bool):
        raise InvalidValue("no_match")
    return c.value


def _confirm(c: Captured, state: CallState, node: Node) -> tuple[bool, str | None, Any]:
    correct, field, new_value = c.value
    if new_value not in (None, ""):
        if field == "phone":
            new_value = phone_value(new_value, state)
        elif field == "email":
            new_value = email_value(new_value)
    return bool(correct), field, new_value


def _option(c: Captured, state: CallState, node: Node) -> str:
    if c.value not in {o.id for o in node.options}:
        raise InvalidValue("no_match")
    return c.value


VALIDATORS = {
    "language": _language,
    "name": _name,
    "phone": _phone,
    "email": _email,
    "need": _text,
    "free_text": _text,
    "yes_no": _yes_no,
    "confirm": _confirm,
    "option": _option,
}
