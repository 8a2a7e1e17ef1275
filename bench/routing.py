"""Bench the routing rules engine and the sentiment lexicon on labelled sets.

    python bench/routing.py [--threshold X] [--errors]

Routing: accuracy overall, per language and per department on
``tests/routing/utterances.jsonl`` (no LLM proposal, so low-confidence
utterances go to the fallback), language-detection accuracy, and the most
frequent confusions. Sentiment: polarity accuracy on ``tests/nlu/sentiment.jsonl``
(neutral when |score| < 0.1) and severity accuracy where labelled.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.nlu.sentiment import complaint_severity, sentiment_score  # noqa: E402
from agent.routing import RoutingEngine, load_default_rules  # noqa: E402
from agent.routing.engine import DEFAULT_THRESHOLD  # noqa: E402

ROUTING_SET = ROOT / "tests" / "routing" / "utterances.jsonl"
SENTIMENT_SET = ROOT / "tests" / "nlu" / "sentiment.jsonl"
NEUTRAL_BAND = 0.1


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _ratio(hits: int, total: int) -> str:
    return f"{hits / total:6.1%} ({hits}/{total})" if total else "   n/a"


def bench_routing(threshold: float, show_errors: bool) -> None:
    engine = RoutingEngine(*load_default_rules(), threshold=threshold)
    items = _load(ROUTING_SET)
    by_language: dict[str, list[bool]] = defaultdict(list)
    by_department: dict[str, list[bool]] = defaultdict(list)
    confusions: Counter[tuple[str, str]] = Counter()
    language_hits = 0
    sources: Counter[str] = Counter()
    errors: list[str] = []
    for item in items:
        decision = engine.route(item["text"])
        ok = decision.department == item["department"]
        by_language[item["language"]].append(ok)
        by_department[item["department"]].append(ok)
        language_hits += decision.language == item["language"]
        sources[decision.source] += 1
        if not ok:
            confusions[(item["department"], decision.department)] += 1
            errors.append(f"  {item['department']:>17} → {decision.department:<17} {decision.confidence:.2f}  {item['text']}")
    total_ok = sum(ok for oks in by_department.values() for ok in oks)
    print(f"routing (threshold {threshold}): {_ratio(total_ok, len(items))}")
    for language in sorted(by_language):
        oks = by_language[language]
        print(f"  language {language:<18} {_ratio(sum(oks), len(oks))}")
    for department in sorted(by_department):
        oks = by_department[department]
        print(f"  department {department:<16} {_ratio(sum(oks), len(oks))}")
    print(f"  language detection          {_ratio(language_hits, len(items))}")
    print(f"  decided by                  {dict(sources)}")
    print("  confusions (expected → got):")
    for (expected, got), count in confusions.most_common(10):
        print(f"    {expected} → {got}: {count}")
    if show_errors:
        print("\n".join(errors))


def _polarity(score: float) -> str:
    if score >= NEUTRAL_BAND:
        return "positive"
    if score <= -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def bench_sentiment(show_errors: bool) -> None:
    items = _load(SENTIMENT_SET)
    polarity_hits = 0
    severity_total = severity_hits = 0
    by_label: dict[str, list[bool]] = defaultdict(list)
    errors: list[str] = []
    for item in items:
        score = sentiment_score(item["text"])
        ok = _polarity(score) == item["label"]
        polarity_hits += ok
        by_label[item["label"]].append(ok)
        if not ok:
            errors.append(f"  {item['label']:>8} {score:+.2f}  {item['text']}")
        if "severity" in item:
            severity_total += 1
            got = complaint_severity(item["text"])
            severity_hits += got == item["severity"]
            if got != item["severity"]:
                errors.append(f"  severity {item['severity']} → {got}  {item['text']}")
    per_label = ", ".join(f"{label} {sum(oks)}/{len(oks)}" for label, oks in sorted(by_label.items()))
    print(f"sentiment polarity: {_ratio(polarity_hits, len(items))}  [{per_label}]")
    print(f"complaint severity: {_ratio(severity_hits, severity_total)}")
    if show_errors:
        print("\n".join(errors))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args()
    bench_routing(args.threshold, args.errors)
    print()
    bench_sentiment(args.errors)


if __name__ == "__main__":
    main()
