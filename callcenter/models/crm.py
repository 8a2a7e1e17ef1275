"""CRM: customers, tickets and the tickets' history."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints

from callcenter.models.common import (
    Email, Language, Model, Name, Phone, Severity, Stored, TicketPriority, TicketStatus, bounded,
)

Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class CustomerNew(Model):
    name: Name | None = None
    phone: Phone | None = None
    email: Email | None = None
    language: Language | None = None
    company: Annotated[str, bounded(200)] | None = None
    tags: list[Tag] = Field(default_factory=list)
    custom_fields: dict = Field(default_factory=dict)


class Customer(CustomerNew, Stored):
    updated_at: datetime


class TicketNew(Model):
    customer_id: UUID | None = None
    call_id: UUID | None = None
    department_id: UUID | None = None
    assigned_agent_id: UUID | None = None
    subject: Annotated[str, bounded(200, min_length=1)]
    description: Annotated[str, bounded(10000)] = ""
    category: Annotated[str, bounded(64)] | None = None
    priority: TicketPriority = "medium"
    severity: Severity | None = None
    status: TicketStatus = "open"
    due_at: datetime | None = None


class Ticket(TicketNew, Stored):
    number: int
    resolved_at: datetime | None
    updated_at: datetime


class TicketHistory(BaseModel):
    id: int
    operator_id: UUID
    ticket_id: UUID
    action: Literal["created", "updated", "status_changed"]
    changes: dict
    changed_by: str
    created_at: datetime
