"""Departments, routing rules and the human agents behind them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, StringConstraints

from callcenter.models.common import AgentStatus, Email, Language, Model, Name, Phone, Slug, Stored, bounded

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class DepartmentNew(Model):
    slug: Slug
    name_en: Annotated[str, bounded(120, min_length=1)]
    name_ar: Annotated[str, bounded(120, min_length=1)]
    description: Annotated[str, bounded(2000)] = ""
    is_fallback: bool = False
    transfer_to: Annotated[str, StringConstraints(pattern=r"^(tel:\+[1-9][0-9]{6,14}|sips?:\S+)$", max_length=255)] | None = None
    enabled: bool = True


class Department(DepartmentNew, Stored):
    updated_at: datetime


class RoutingRuleNew(Model):
    department_id: UUID
    phrases: list[Phrase] = Field(min_length=1, max_length=500)
    language: Literal["ar", "en", "any"] = "any"
    weight: float = Field(default=1.0, gt=0, le=100)
    priority: int = Field(default=0, ge=-1000, le=1000)
    enabled: bool = True


class RoutingRule(RoutingRuleNew, Stored):
    updated_at: datetime


class HumanAgentNew(Model):
    name: Name
    email: Email | None = None
    phone: Phone | None = None
    sip_uri: Annotated[str, bounded(255)] | None = None
    department_id: UUID | None = None
    status: AgentStatus = "offline"
    languages: list[Language] = Field(default_factory=lambda: ["ar", "en"])
    max_concurrent_calls: int = Field(default=1, ge=1, le=10)


class HumanAgent(HumanAgentNew, Stored):
    status_changed_at: datetime
    updated_at: datetime
