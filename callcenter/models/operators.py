"""Operators: the businesses that use the call center."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field, SecretStr, StringConstraints

from callcenter.models.common import HHMM, Email, Language, Model, Name, Region, TimeZoneName, bounded

Weekday = Annotated[str, StringConstraints(pattern=r"^(mon|tue|wed|thu|fri|sat|sun)$")]
BusinessHours = dict[Weekday, list[tuple[HHMM, HHMM]]]


class OperatorRegistration(Model):
    email: Email
    password: SecretStr
    name: Name
    company: Annotated[str, bounded(200)] | None = None
    timezone: TimeZoneName = "Asia/Riyadh"
    default_language: Language = "ar"
    default_region: Region = "SA"


class OperatorUpdate(Model):
    name: Name | None = None
    company: Annotated[str, bounded(200)] | None = None
    timezone: TimeZoneName | None = None
    default_language: Language | None = None
    default_region: Region | None = None
    business_hours: BusinessHours | None = None
    industry_preset: Annotated[str, bounded(64)] | None = None
    settings: dict | None = None


class Operator(BaseModel):
    """An operator as the rest of the system sees it (never with its password hash)."""

    id: UUID
    email: str
    name: str
    company: str | None
    timezone: str
    default_language: Language
    default_region: str
    business_hours: BusinessHours
    industry_preset: str | None
    settings: dict
    is_active: bool
    created_at: datetime
    updated_at: datetime


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_at: datetime
    operator_id: UUID = Field(description="the JWT subject, auth.uid() under RLS")
