from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from agent.routing import RoutingEngine, load_default_rules

SET = Path(__file__).with_name("utterances.jsonl")


def test_labelled_utterances() -> None:
    items = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) >= 150
    assert {i["language"] for i in items} == {"ar", "en", "mixed"}
    engine = RoutingEngine(*load_default_rules())
    hits: dict[str, list[bool]] = defaultdict(list)
    for item in items:
        decision = engine.route(item["text"])
        ok = decision.department == item["department"]
        hits[item["language"]].append(ok)
        hits[item["department"]].append(ok)
        hits["language detection"].append(decision.language == item["language"])
    for key, oks in hits.items():
        assert sum(oks) / len(oks) >= 0.95, key
