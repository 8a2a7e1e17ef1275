"""Field types and base classes shared by every entity model."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from callcenter.phone import is_e164


def _check_e164(value: str) -> str:
    if not is_e164(value):
        raise ValueError("phone must be a valid number in E.164 form, e.g. +966501234567")
    return value


def _check_email(value: str) -> str:
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from exc


def bounded(max_length: int, *, min_length: int = 0) -> object:
    """A stripped string bounded like its database column."""
    return StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)


Phone = Annotated[str, StringConstraints(max_length=16), AfterValidator(_check_e164)]
Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_check_email)]
Name = Annotated[str, bounded(200, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Region = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]

Language = Literal["ar", "en", "mixed"]
CallDirection = Literal["inbound", "outbound"]
CallStatus = Literal["initiated", "ringing", "in_progress", "completed", "failed", "escalated", "abandoned"]
Speaker = Literal["caller", "agent", "human_agent", "system"]
TicketStatus = Literal["open", "in_progress", "waiting", "resolved", "closed"]
TicketPriority = Literal["low", "medium", "high", "urgent"]
Severity = Literal["low", "medium", "high", "critical"]
AgentStatus = Literal["offline", "available", "busy", "wrap_up", "away"]
CampaignStatus = Literal["draft", "active", "paused", "completed", "cancelled"]
DialingMode = Literal["preview", "progressive", "power", "predictive"]
AmdAction = Literal["hangup", "voicemail", "transfer"]
AmdResult = Literal["human", "machine", "unknown"]
LeadStatus = Literal["new", "queued", "dialing", "retry", "callback", "completed", "dnc", "invalid", "exhausted"]
CallOutcome = Literal[
    "qualified", "unqualified", "callback_requested", "not_interested", "wrong_number",
    "voicemail", "no_answer", "busy", "failed",
]
EscalationReason = Literal["caller_request", "keyword", "sentiment", "repeated_failure", "complexity", "supervisor"]
EscalationStatus = Literal["pending", "connected", "failed", "resolved"]
RecoveryReason = Literal["unanswered", "abandoned_in_queue", "after_hours"]
RecoveryStatus = Literal["pending", "scheduled", "in_progress", "recovered", "failed", "needs_human"]
DraftStatus = Literal["draft", "approved", "sent", "discarded"]

TERMINAL_CALL_STATUSES: frozenset[str] = frozenset({"completed", "failed", "escalated", "abandoned"})


class Model(BaseModel):
    """Base for inputs: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Stored(BaseModel):
    """Fields every stored, operator-owned row has."""

    model_config = ConfigDict(extra="ignore")

    id: UUID
    operator_id: UUID
    created_at: datetime


def _check_timezone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {value!r}") from exc
    return value


TimeZoneName = Annotated[str, StringConstraints(max_length=64), AfterValidator(_check_timezone)]
HHMM = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")]
