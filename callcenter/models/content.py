"""Conversation content: industry presets, custom scripts and the knowledge base."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import Field

from callcenter.models.common import Language, Model, Name, Slug, Stored, bounded


class IndustryPresetNew(Model):
    slug: Slug
    industry: Annotated[str, bounded(64, min_length=1)]
    name_en: Annotated[str, bounded(120, min_length=1)]
    name_ar: Annotated[str, bounded(120, min_length=1)]
    description: Annotated[str, bounded(2000)] = ""
    flow: dict = Field(default_factory=dict)
    departments: list[dict] = Field(default_factory=list)
    faqs: list[dict] = Field(default_factory=list)


class IndustryPreset(IndustryPresetNew, Stored):
    operator_id: UUID | None  # type: ignore[assignment]  # null for built-in presets
    updated_at: datetime


class CustomScriptNew(Model):
    name: Name
    description: Annotated[str, bounded(2000)] = ""
    language: Language = "ar"
    flow: dict
    version: int = Field(default=1, ge=1)
    is_active: bool = False


class CustomScript(CustomScriptNew, Stored):
    updated_at: datetime


class KnowledgeDocumentNew(Model):
    department_id: UUID | None = None
    title: Annotated[str, bounded(300, min_length=1)]
    source: Annotated[str, bounded(500)] | None = None
    language: Language | None = None
    content: Annotated[str, Field(max_length=2_000_000)]
    metadata: dict = Field(default_factory=dict)


class KnowledgeDocument(KnowledgeDocumentNew, Stored):
    updated_at: datetime


class KnowledgeChunkNew(Model):
    document_id: UUID
    chunk_index: int = Field(ge=0)
    content: Annotated[str, bounded(8000, min_length=1)]
    language: Language | None = None
    embedding: list[float] | None = None


class KnowledgeChunk(KnowledgeChunkNew, Stored):
    pass
