"""Traffic simulator: scripted bilingual WebRTC callers against the agent worker.

    python -m agent.simulate --calls 20 --concurrency 5 --lang mix --operator-email demo@example.com
        [--operator-id UUID] [--seed 0] [--start 0] [--after-hours] [--agent-name NAME]
        [--url ws://... --api-key ... --api-secret ...] [--report calls.jsonl]

Each call is a room with the agent dispatched (job metadata = `InboundJob`), and a caller playing a
scenario from `agent.simulation.scenarios` (scenario ``i`` of a seed is always the same; replay one
with ``--start i --calls 1``). Prints a JSON summary: calls placed, completed, failed, escalated,
per-department counts and p50/p95 of caller input → first agent audio. Exits 1 if any call failed.
LiveKit and database settings default to the environment (`callcenter.settings`).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import TextIO
from uuid import UUID

from agent.simulation.runner import CallResult, Target, Timeouts, run_calls, summarize
from agent.simulation.scenarios import generate
from callcenter.log import configure_logging, get_logger
from callcenter.settings import get_settings
from callcenter.store import Store

log = get_logger("agent.simulate")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="python -m agent.simulate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=10, help="number of calls (default %(default)s)")
    parser.add_argument("--concurrency", type=int, default=5, help="calls at once (default %(default)s)")
    parser.add_argument("--lang", choices=("ar", "en", "mix"), default="mix", help="caller languages")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--operator-id", type=UUID)
    who.add_argument("--operator-email", help="looked up in the database ($DATABASE_URL)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="index of the first scenario (replays)")
    parser.add_argument("--after-hours", action="store_true",
                        help="callers expect a closed operator (callback booking) instead of the intake")
    parser.add_argument("--agent-name", default=settings.agent_name, help="default: $AGENT_NAME or %(default)s")
    parser.add_argument("--url", default=settings.livekit_url)
    parser.add_argument("--api-key", default=settings.livekit_api_key)
    parser.add_argument("--api-secret", default=settings.livekit_api_secret.get_secret_value())
    parser.add_argument("--stagger", type=float, default=0.2, help="seconds between call starts")
    parser.add_argument("--prompt-timeout", type=float, default=Timeouts().prompt,
                        help="seconds to wait for each agent prompt (default %(default)s)")
    parser.add_argument("--report", type=Path, help="write one JSON line per call here")
    args = parser.parse_args(argv)
    if args.calls < 1 or args.concurrency < 1:
        parser.error("--calls and --concurrency must be at least 1")
    return args


async def operator_by_email(email: str) -> UUID:
    store = await Store.connect(get_settings().database_url, min_size=1, max_size=1)
    try:
        async with store.as_service() as db:
            found = await db.fetchval("select id from public.operators where email = $1", email.strip().lower())
    finally:
        await store.close()
    if found is None:
        raise SystemExit(f"no operator with email {email!r}")
    return found


async def main(argv: list[str] | None = None, out: TextIO = sys.stdout) -> int:
    args = parse_args(argv)
    operator_id = args.operator_id or await operator_by_email(args.operator_email)
    target = Target(url=args.url, api_key=args.api_key, api_secret=args.api_secret, agent_name=args.agent_name,
                    operator_id=operator_id)
    scenarios = generate(args.calls, args.lang, args.seed, after_hours=args.after_hours, start=args.start)
    report = args.report.open("w", encoding="utf-8") if args.report else None

    def record(result: CallResult) -> None:
        if report:
            report.write(result.model_dump_json() + "\n")
            report.flush()

    started = time.monotonic()
    try:
        results = await run_calls(scenarios, target, concurrency=args.concurrency, stagger_s=args.stagger,
                                  timeouts=Timeouts(prompt=args.prompt_timeout), on_result=record)
    finally:
        if report:
            report.close()
    summary = summarize(scenarios, results, time.monotonic() - started)
    out.write(summary.model_dump_json(indent=2) + "\n")
    return 1 if summary.failed else 0


if __name__ == "__main__":
    configure_logging()
    sys.exit(asyncio.run(main()))
