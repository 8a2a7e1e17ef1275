from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(lines: list[str]) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "agent.routing"], input="\n".join(lines) + "\n", capture_output=True, text=True,
        encoding="utf-8", cwd=ROOT, timeout=120, check=True,
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cli_routes_json_lines() -> None:
    out = _run([
        json.dumps({"text": "I want a refund for a wrong charge"}),
        json.dumps({"text": "ابغى احجز appointment"}, ensure_ascii=False),
        json.dumps({"text": "النت مقطوع"}, ensure_ascii=False),
        json.dumps({"text": "banana", "proposed": "sales"}),
    ])
    assert [o["department"] for o in out] == ["billing", "appointments", "technical_support", "sales"]
    assert [o["language"] for o in out] == ["en", "mixed", "ar", "en"]
    assert out[1]["text"] == "ابغى احجز appointment"
    for o in out:
        assert set(o) == {"text", "language", "department", "confidence"}
        assert 0.0 <= o["confidence"] <= 1.0


def test_cli_reports_bad_lines_and_continues() -> None:
    out = _run(["not json", json.dumps({"nope": 1}), json.dumps([1, 2]), json.dumps({"text": 5}), "",
                json.dumps({"text": "What are your opening hours?"})])
    assert len(out) == 5
    assert all("error" in o for o in out[:4])
    assert out[4]["department"] == "reception"


def test_cli_answers_each_line_before_stdin_closes() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "agent.routing"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        encoding="utf-8", cwd=ROOT,
    )
    watchdog = threading.Timer(120, proc.kill)  # fail instead of hanging if output were buffered
    watchdog.start()
    try:
        assert proc.stdin and proc.stdout
        proc.stdin.write(json.dumps({"text": "my internet is not working"}) + "\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())
        assert first["department"] == "technical_support"
        proc.stdin.close()
        assert proc.wait() == 0
    finally:
        watchdog.cancel()
        proc.kill()
