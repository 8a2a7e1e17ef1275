"""Metadata carried by LiveKit agent dispatches (`ctx.job.metadata`, JSON)."""

from __future__ import annotations

import json

from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from callcenter.models.common import AmdAction, Language, Phone, bounded


class InboundJob(BaseModel):
    """Set on the SIP dispatch rule (one per operator trunk) or on the room's agent dispatch."""

    model_config = ConfigDict(extra="ignore")

    kind: Literal["inbound"] = "inbound"
    operator_id: UUID
    channel: Literal["sip", "webrtc"] = "webrtc"
    call_id: UUID | None = Field(default=None, description="pre-created call row, else the agent creates one")
    caller_number: Annotated[str, bounded(32)] | None = None
    language: Language | None = Field(default=None, description="skip the language menu when known")


class OutboundJob(BaseModel):
    """Everything the outbound agent needs to place and handle one campaign call."""

    model_config = ConfigDict(extra="ignore")

    kind: Literal["outbound"] = "outbound"
    operator_id: UUID
    campaign_id: UUID
    lead_id: UUID
    call_id: UUID
    attempt: int = Field(ge=1)
    phone: Phone
    lead_name: str | None = None
    language: Language = "ar"
    sip_trunk_id: str | None = None
    caller_id: str | None = None
    amd_enabled: bool = True
    amd_action: AmdAction = "voicemail"
    voicemail_message: dict[Language, str] = Field(default_factory=dict)
    identification_message: dict[Language, str] = Field(default_factory=dict)
    transfer_to: str | None = None
    connect_to: Literal["ai", "human"] = Field(
        default="ai", description="who a person who answers talks to: the AI flow, or a human agent at transfer_to")
    ring_timeout_s: float = Field(default=30.0, ge=15, le=120, description="no answer after this long: no_answer")
    custom_fields: dict = Field(default_factory=dict)


AgentJob = Annotated[InboundJob | OutboundJob, Field(discriminator="kind")]
_JOB = TypeAdapter(AgentJob)


def parse_job(metadata: str | None) -> InboundJob | OutboundJob:
    """The job a dispatch carries; metadata without a kind is an inbound call."""
    data = json.loads(metadata or "{}")
    data.setdefault("kind", "inbound")
    return _JOB.validate_python(data)
