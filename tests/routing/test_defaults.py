from __future__ import annotations

import json
from pathlib import Path

from agent.routing import RoutingEngine, load_default_rules, load_rules

EXPECTED = {"reception", "sales", "complaints", "billing", "technical_support", "appointments"}


def test_default_departments() -> None:
    departments, rules = load_default_rules()
    assert {d.id for d in departments} == EXPECTED
    assert all(d.name_en and d.name_ar and d.description for d in departments)
    assert [d.id for d in departments if d.is_fallback] == ["reception"]
    assert {r.department_id for r in rules} == EXPECTED


def test_default_rules_are_bilingual_per_department() -> None:
    _, rules = load_default_rules()
    for department in EXPECTED:
        languages = {r.language for r in rules if r.department_id == department}
        assert {"ar", "en"} <= languages, department
    assert sum(len(r.phrases) for r in rules) > 1000


def test_load_rules_from_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({
        "departments": [{"id": "desk", "name_en": "Desk", "name_ar": "المكتب", "is_fallback": True},
                        {"id": "cash", "name_en": "Cash", "name_ar": "الصندوق"}],
        "rules": [{"department_id": "cash", "phrases": ["دفع", "pay"], "weight": 2}],
    }), encoding="utf-8")
    departments, rules = load_rules(path)
    engine = RoutingEngine(departments, rules)
    assert engine.route("وين الدفع؟").department == "cash"
    assert engine.route("hello").department == "desk"
