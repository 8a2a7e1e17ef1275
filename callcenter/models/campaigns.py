"""Outbound campaigns, leads, dial attempts, DNC lists and missed-call recovery."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from callcenter.models.common import (
    HHMM, AmdAction, AmdResult, CallOutcome, CampaignStatus, DialingMode, Language, LeadStatus, Model,
    Name, Phone, RecoveryReason, RecoveryStatus, Region, Stored, TimeZoneName, bounded,
)


class CallWindow(Model):
    """Calls allowed on `weekday` (Monday = 0) from `start` to `end`, in the lead's local time."""

    weekday: int = Field(ge=0, le=6)
    start: HHMM
    end: HHMM

    @model_validator(mode="after")
    def _ordered(self) -> "CallWindow":
        if self.end <= self.start:
            raise ValueError("a call window must end after it starts")
        return self


class Criterion(Model):
    """One qualification rule: `field operator value`, worth `weight` points when it holds."""

    field: Annotated[str, bounded(64, min_length=1)]
    operator: Literal[">=", "<=", "==", "in", "contains_any"]
    value: Any
    weight: float = Field(gt=0, le=100)


class Qualification(Model):
    criteria: list[Criterion] = Field(default_factory=list, max_length=50)
    threshold: float = Field(default=60, ge=0, le=100)


class CampaignNew(Model):
    name: Name
    description: Annotated[str, bounded(2000)] = ""
    status: CampaignStatus = "draft"
    dialing_mode: DialingMode = "progressive"
    target_abandon_rate: float = Field(default=0.03, gt=0, le=0.03)
    max_dial_ratio: float = Field(default=3.0, ge=1, le=5)
    call_windows: list[CallWindow] = Field(
        default_factory=lambda: [CallWindow(weekday=d, start="09:00", end="20:00") for d in range(5)]
    )
    holidays: list[date] = Field(default_factory=list)
    default_timezone: TimeZoneName | None = None
    default_region: Region = "SA"
    max_attempts: int = Field(default=3, ge=1, le=20)
    max_calls_per_day: int = Field(default=2, ge=1, le=10)
    voicemail_policy: Literal["retry", "no_retry"] = "no_retry"
    amd_enabled: bool = True
    amd_action: AmdAction = "voicemail"
    voicemail_message: dict[Language, Annotated[str, bounded(2000)]] = Field(default_factory=dict)
    identification_message: dict[Language, Annotated[str, bounded(2000)]] = Field(default_factory=dict)
    caller_id: Phone | None = None
    sip_trunk_id: Annotated[str, bounded(64)] | None = None
    agent_name: Annotated[str, bounded(64, min_length=1)] = "callcenter-agent"
    agent_pool: Literal["ai", "human"] = Field(
        default="ai", description="who answers live people: the AI agent, or the operator's human agents")
    max_lines: int = Field(default=5, ge=1, le=500, description="concurrent lines of an 'ai' campaign")
    script_id: UUID | None = None
    qualification: Qualification = Field(default_factory=Qualification)


class Campaign(CampaignNew, Stored):
    status_reason: str | None
    started_at: datetime | None
    completed_at: datetime | None
    updated_at: datetime


class CampaignProgress(BaseModel):
    """A row of the `campaign_progress` view."""

    campaign_id: UUID
    operator_id: UUID
    name: str
    status: CampaignStatus
    total_leads: int
    called: int
    connected: int
    successful: int
    remaining: int
    percent_complete: float


class LeadNew(Model):
    campaign_id: UUID
    customer_id: UUID | None = None
    name: Annotated[str, bounded(200)] | None = None
    phone: Phone
    timezone: TimeZoneName | None = None
    company: Annotated[str, bounded(200)] | None = None
    custom_fields: dict = Field(default_factory=dict)
    status: LeadStatus = "new"


class Lead(LeadNew, Stored):
    attempts: int
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    last_outcome: CallOutcome | None
    callback_at: datetime | None
    abandoned_at: datetime | None
    claimed_by: str | None
    claimed_at: datetime | None
    qualification_score: float | None
    qualification: dict | None
    updated_at: datetime


class CampaignCallNew(Model):
    campaign_id: UUID
    lead_id: UUID
    call_id: UUID | None = None
    attempt: int = Field(ge=1)
    phone: Phone
    dialed_at: datetime | None = None
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    ring_s: float | None = Field(default=None, ge=0)
    duration_s: float | None = Field(default=None, ge=0)
    disposition: Annotated[str, bounded(32)] | None = None
    outcome: CallOutcome | None = None
    amd_result: AmdResult | None = None
    abandoned: bool = False
    sip_status_code: int | None = None


class CampaignCall(CampaignCallNew, Stored):
    dialed_at: datetime


class DncNumberNew(Model):
    campaign_id: UUID | None = None
    phone: Phone
    source: Literal["manual", "opt_out", "registry", "import"] = "manual"
    reason: Annotated[str, bounded(500)] | None = None
    expires_at: datetime | None = None


class DncNumber(DncNumberNew, Stored):
    pass


class RecoveryAttemptNew(Model):
    call_id: UUID
    customer_id: UUID | None = None
    phone: Phone
    reason: RecoveryReason
    status: RecoveryStatus = "pending"
    attempts: int = Field(default=0, ge=0)
    max_attempts: int = Field(default=3, ge=1, le=10)
    scheduled_at: datetime | None = None
    last_attempt_at: datetime | None = None
    callback_call_id: UUID | None = None
    outcome: Annotated[str, bounded(64)] | None = None
    needs_human: bool = False


class RecoveryAttempt(RecoveryAttemptNew, Stored):
    updated_at: datetime
