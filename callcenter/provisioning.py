"""What a new operator starts with: the default departments and routing rules from `prompts/`."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from callcenter import models as m
from callcenter.log import get_logger
from callcenter.store import Session

log = get_logger(__name__)

DEFAULT_RULES = Path(__file__).resolve().parents[1] / "prompts" / "routing" / "default_rules.json"


class DefaultDepartment(BaseModel):
    id: str
    name_en: str
    name_ar: str
    description: str = ""
    is_fallback: bool = False


class DefaultRule(BaseModel):
    department_id: str
    phrases: list[str]
    language: Literal["ar", "en", "any"] = "any"
    weight: float = 1.0
    priority: int = 0
    enabled: bool = True


class DefaultRules(BaseModel):
    departments: list[DefaultDepartment] = Field(min_length=1)
    rules: list[DefaultRule]


@lru_cache
def default_rules(path: Path = DEFAULT_RULES) -> DefaultRules:
    return DefaultRules.model_validate(json.loads(path.read_text(encoding="utf-8")))


async def provision_defaults(db: Session) -> list[m.Department]:
    """Create the default departments and their rules for the session's operator."""
    defaults = default_rules()
    created: dict[str, m.Department] = {}
    for dep in defaults.departments:
        created[dep.id] = await db.departments.create(
            m.DepartmentNew(slug=dep.id, name_en=dep.name_en, name_ar=dep.name_ar,
                            description=dep.description, is_fallback=dep.is_fallback)
        )
    for rule in defaults.rules:
        if not rule.phrases:  # matches nothing; the schema requires at least one phrase
            log.warning("default routing rule without phrases skipped", department=rule.department_id)
            continue
        await db.routing_rules.create(
            m.RoutingRuleNew(department_id=created[rule.department_id].id,
                             **rule.model_dump(exclude={"department_id"}))
        )
    return list(created.values())
