"""Turn latency of the inbound agent, offline stack: caller input → first voiced agent audio frame.

    python bench/turn_latency.py [--turns 50] [--seed 0] [--lang mix]

Starts the local services (or uses the running ones), the agent worker as a subprocess (local
speech stack, never reporting itself full), registers a throwaway operator open around the clock,
then places simulated calls one at a time until ``--turns`` caller inputs (chat text or DTMF) have
been answered, and prints p50/p95 as JSON. The operator and its calls are deleted afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.simulation.runner import CallResult, Target, percentile, run_call  # noqa: E402
from agent.simulation.scenarios import Mode, build  # noqa: E402
from agent.simulation.worker_process import AgentWorker  # noqa: E402
from callcenter import auth  # noqa: E402
from callcenter import models as m  # noqa: E402
from callcenter.db.migrations import migrate  # noqa: E402
from callcenter.log import configure_logging, get_logger  # noqa: E402
from callcenter.store import Store  # noqa: E402

log = get_logger("bench.turn_latency")
ALWAYS_OPEN = {day: [("00:00", "24:00")] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
MAX_CALLS = 40


def services_env() -> dict[str, str]:
    """Start whatever of Postgres, Redis and LiveKit is down; their connection settings."""
    script = ROOT / "scripts" / "services.sh"
    subprocess.run(["bash", str(script), "start"], check=True)
    out = subprocess.run(["bash", str(script), "env"], check=True, capture_output=True, text=True).stdout
    return dict(line.removeprefix("export ").split("=", 1) for line in out.splitlines() if "=" in line)


async def throwaway_operator(store: Store) -> m.Operator:
    operator = await auth.register(store, email=f"bench-{uuid.uuid4().hex[:10]}@example.com",
                                   password=f"bench-{uuid.uuid4().hex}-42", name="Latency Bench")
    async with store.as_operator(operator.id) as db:
        return await db.operators.update(m.OperatorUpdate(business_hours=ALWAYS_OPEN))


async def measure(target: Target, turns: int, mode: Mode, seed: int) -> list[CallResult]:
    """Calls one after another (an idle worker: latency, not throughput) until ``turns`` inputs."""
    results: list[CallResult] = []
    for index in range(MAX_CALLS):
        result = await run_call(build(mode, seed, index), target)
        results.append(result)
        if not result.ok:
            log.warning("call failed", scenario=result.scenario_id, error=result.error)
        if sum(len(r.latencies_s) for r in results) >= turns:
            break
    return results


async def bench(args: argparse.Namespace) -> dict[str, object]:
    env = services_env()
    await migrate(env["DATABASE_URL"], seed=True)
    store = await Store.connect(env["DATABASE_URL"], min_size=1, max_size=2)
    operator = await throwaway_operator(store)
    try:
        with tempfile.TemporaryDirectory(prefix="turn-latency-") as tmp:
            lk = {k: env[k] for k in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET")}
            worker = AgentWorker.start({**lk, "DATABASE_URL": env["DATABASE_URL"], "SPEECH_BACKEND": "local"},
                                       Path(tmp) / "worker.log", agent_name=f"bench-{uuid.uuid4().hex[:8]}")
            try:
                startup_s = worker.wait_registered()
                target = Target(url=lk["LIVEKIT_URL"], api_key=lk["LIVEKIT_API_KEY"],
                                api_secret=lk["LIVEKIT_API_SECRET"], agent_name=worker.agent_name,
                                operator_id=operator.id)
                results = await measure(target, args.turns, args.lang, args.seed)
            finally:
                worker.stop()
    finally:
        async with store.as_service() as db:
            await db.execute("delete from public.operators where id = $1", operator.id)
        await store.close()
    latencies = [x for r in results for x in r.latencies_s][: args.turns]
    return {
        "turns": len(latencies),
        "p50_s": percentile(latencies, 50),
        "p95_s": percentile(latencies, 95),
        "max_s": max(latencies, default=None),
        "calls": len(results),
        "failed_calls": sum(not r.ok for r in results),
        "worker_startup_s": round(startup_s, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lang", choices=("ar", "en", "mix"), default="mix")
    args = parser.parse_args()
    configure_logging()
    print(json.dumps(asyncio.run(bench(args)), indent=2))


if __name__ == "__main__":
    main()
