"""The default departments and rules a new operator starts with."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from agent.routing.models import Department, RoutingRule

DEFAULT_RULES_PATH = Path(__file__).resolve().parents[2] / "prompts" / "routing" / "default_rules.json"


class RuleSet(BaseModel):
    """The JSON shape of a rules file: departments plus rules."""

    departments: list[Department]
    rules: list[RoutingRule]


def load_rules(path: Path | str) -> tuple[list[Department], list[RoutingRule]]:
    """Departments and rules from a JSON rules file."""
    rule_set = RuleSet.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
    return rule_set.departments, rule_set.rules


def load_default_rules() -> tuple[list[Department], list[RoutingRule]]:
    """Departments and rules from ``prompts/routing/default_rules.json``."""
    return load_rules(DEFAULT_RULES_PATH)
