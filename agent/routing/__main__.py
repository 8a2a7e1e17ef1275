"""CLI: JSON lines ``{"text": ...}`` on stdin → one routing JSON line each on stdout.

Usage: ``python -m agent.routing [--rules FILE] [--threshold X] < utterances.jsonl``.
An optional ``"proposed"`` field is passed to the engine as the LLM proposal.
Unreadable lines yield ``{"error": ...}`` and processing continues.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from agent.routing.defaults import DEFAULT_RULES_PATH, load_rules
from agent.routing.engine import DEFAULT_THRESHOLD, RoutingEngine


def _route_line(engine: RoutingEngine, line: str) -> dict[str, object]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"error": f"invalid JSON: {exc.msg}", "line": line}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return {"error": 'expected an object with a string "text" field', "line": line}
    proposed = item.get("proposed")
    decision = engine.route(item["text"], proposed if isinstance(proposed, str) else None)
    return {
        "text": item["text"],
        "language": decision.language,
        "department": decision.department,
        "confidence": decision.confidence,
    }


def run(engine: RoutingEngine, stdin: TextIO, stdout: TextIO) -> None:
    """Route every non-blank input line, flushing after each output line."""
    for raw in stdin:
        line = raw.strip()
        if not line:
            continue
        stdout.write(json.dumps(_route_line(engine, line), ensure_ascii=False) + "\n")
        stdout.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m agent.routing", description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=str(DEFAULT_RULES_PATH), help="rules JSON file")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="rules confidence threshold")
    args = parser.parse_args(argv)
    departments, rules = load_rules(args.rules)
    sys.stdout.reconfigure(encoding="utf-8")
    sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    run(RoutingEngine(departments, rules, threshold=args.threshold), sys.stdin, sys.stdout)


if __name__ == "__main__":
    main()
