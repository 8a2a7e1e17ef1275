"""Routing data: departments, rules and decisions (the same fields are stored in Postgres)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Department(BaseModel):
    """A destination queue of an operator."""

    id: str
    name_en: str
    name_ar: str
    description: str = ""
    is_fallback: bool = False


class RoutingRule(BaseModel):
    """Phrases that point to a department.

    Phrases are matched after Arabic normalisation on word boundaries;
    Arabic clitics (و ف ب ل ال, pronoun suffixes) and English inflections are
    handled by the matcher, and a trailing ``*`` makes a prefix ("refund*",
    "حجز*"). Write Arabic words without the article to match them with or
    without it; a word written with "ال" requires it. ``language`` limits the rule to utterances in that language
    (mixed utterances match both). ``weight`` is the evidence one match adds;
    ``priority`` lets a department win conflicts with lower-priority rules.
    """

    department_id: str
    phrases: list[str]
    language: Literal["ar", "en", "any"] = "any"
    weight: float = Field(1.0, gt=0)
    priority: int = 0
    enabled: bool = True


class RoutingDecision(BaseModel):
    """Where a caller goes, why, and how sure the engine is.

    ``matched`` lists the phrases that supported the department (plus a
    "sentiment …" entry when negative sentiment counted towards complaints).
    """

    department: str
    confidence: float = Field(ge=0.0, le=1.0)
    language: str
    matched: list[str] = Field(default_factory=list)
    source: Literal["rules", "llm", "fallback"]
