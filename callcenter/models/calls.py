"""Calls and everything recorded about them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from callcenter.models.common import (
    AmdResult, CallDirection, CallStatus, DraftStatus, EscalationReason, EscalationStatus, Language,
    Model, Speaker, Stored, bounded,
)


class CallNew(Model):
    direction: CallDirection
    status: CallStatus = "initiated"
    room_name: Annotated[str, bounded(128)] | None = None
    sip_call_id: Annotated[str, bounded(255)] | None = None
    caller_number: Annotated[str, bounded(32)] | None = None
    callee_number: Annotated[str, bounded(32)] | None = None
    customer_id: UUID | None = None
    department_id: UUID | None = None
    human_agent_id: UUID | None = None
    campaign_id: UUID | None = None
    lead_id: UUID | None = None
    language: Language | None = None
    intake: dict = Field(default_factory=dict)
    outcome: Annotated[str, bounded(64)] | None = None
    summary: Annotated[str, bounded(4000)] | None = None
    sentiment: float | None = Field(default=None, ge=-1, le=1)
    amd_result: AmdResult | None = None
    amd: dict | None = None
    metadata: dict = Field(default_factory=dict)


class Call(CallNew, Stored):
    started_at: datetime
    ringing_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime | None
    duration_s: float | None
    heartbeat_at: datetime | None
    updated_at: datetime


class TranscriptNew(Model):
    call_id: UUID
    seq: int = Field(ge=0)
    speaker: Speaker
    language: Language | None = None
    text: Annotated[str, bounded(10000, min_length=1)]
    start_ms: int = Field(ge=0)
    end_ms: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "TranscriptNew":
        if self.end_ms < self.start_ms:
            raise ValueError("end_ms must not be before start_ms")
        return self


class Transcript(TranscriptNew):
    id: int
    operator_id: UUID
    created_at: datetime


class CallEventNew(Model):
    call_id: UUID
    type: Annotated[str, bounded(64, min_length=1)]
    payload: dict = Field(default_factory=dict)


class CallEvent(CallEventNew):
    id: int
    operator_id: UUID
    created_at: datetime


class CallNoteNew(Model):
    call_id: UUID
    author: Annotated[str, bounded(200, min_length=1)]
    body: Annotated[str, bounded(10000, min_length=1)]


class CallNote(CallNoteNew, Stored):
    updated_at: datetime


class QaScoreNew(Model):
    call_id: UUID
    score: float = Field(ge=0, le=100)
    rubric: dict = Field(default_factory=dict)
    scorer: Literal["auto", "supervisor"] = "auto"
    notes: Annotated[str, bounded(4000)] | None = None


class QaScore(QaScoreNew, Stored):
    updated_at: datetime


class CallDraftNew(Model):
    call_id: UUID | None = None
    customer_id: UUID | None = None
    kind: Literal["ticket", "email", "sms", "follow_up", "summary"]
    content: dict = Field(default_factory=dict)
    status: DraftStatus = "draft"


class CallDraft(CallDraftNew, Stored):
    updated_at: datetime


class EscalationNew(Model):
    call_id: UUID
    reason: EscalationReason
    trigger_detail: Annotated[str, bounded(500)] | None = None
    summary: Annotated[str, bounded(4000, min_length=1)]
    context: dict = Field(default_factory=dict)
    ticket_id: UUID | None = None
    human_agent_id: UUID | None = None
    transfer_mode: Literal["cold", "warm"] | None = None
    transfer_to: Annotated[str, bounded(255)] | None = None
    status: EscalationStatus = "pending"


class Escalation(EscalationNew, Stored):
    updated_at: datetime


class ActiveCall(BaseModel):
    """A row of the `active_calls` view."""

    id: UUID
    operator_id: UUID
    direction: CallDirection
    status: CallStatus
    room_name: str | None
    caller_number: str | None
    callee_number: str | None
    language: Language | None
    started_at: datetime
    answered_at: datetime | None
    elapsed_s: int
    customer_id: UUID | None
    customer_name: str | None
    department_id: UUID | None
    department: str | None
    campaign_id: UUID | None
    human_agent_id: UUID | None
    sentiment: float | None
