"""A worker killed mid-call: the stale-call sweeper fails the call and keeps its transcript so far."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from agent.recorder import HEARTBEAT_S
from agent.simulation.runner import Target, Timeouts, run_call
from agent.simulation.scenarios import generate
from callcenter import models as m
from callcenter.store import Store
from tests.inbound_live.conftest import eventually, start_worker
from tests.inbound_live.records import caller_texts

pytestmark = [pytest.mark.livekit, pytest.mark.db]
STALE_S = 3 * HEARTBEAT_S
"""Calls whose worker has not beaten for this long are failed (three missed heartbeats)."""


async def test_killed_worker_leaves_a_failed_call_with_its_partial_transcript(
    livekit_env: dict[str, str], database_url: str, store: Store, open_operator: m.Operator, tmp_path: Path
) -> None:
    scenario = next(s for s in generate(40, "en", seed=3) if len(caller_texts(s)) >= 5 and not s.expect.escalated)
    worker = start_worker(livekit_env, database_url, tmp_path, "test-crash")
    try:
        target = Target(url=livekit_env["LIVEKIT_URL"], api_key=livekit_env["LIVEKIT_API_KEY"],
                        api_secret=livekit_env["LIVEKIT_API_SECRET"], agent_name=worker.agent_name,
                        operator_id=open_operator.id)
        call_task = asyncio.create_task(run_call(scenario, target, Timeouts(prompt=20)))

        async def mid_call() -> tuple[m.Call, list[m.Transcript]] | None:
            async with store.as_operator(open_operator.id) as db:
                calls = await db.calls.list(limit=1)
                lines = await db.transcripts.for_call(calls[0].id) if calls else []
            return (calls[0], lines) if sum(line.speaker == "caller" for line in lines) >= 2 else None

        call, before = await eventually(mid_call, 120, "the caller's second answer is recorded")
        worker.kill()
        result = await call_task
    finally:
        worker.stop()
    assert not result.ok  # the agent vanished mid-call

    async def swept() -> list | None:
        async with store.as_service() as db:
            failed = await db.calls.fail_stale(STALE_S)
        return failed if call.id in failed else None

    await eventually(swept, STALE_S + 30, "the sweeper fails the call")
    async with store.as_operator(open_operator.id) as db:
        failed = await db.calls.get(call.id)
        lines = await db.transcripts.for_call(call.id)
    assert (failed.status, failed.outcome) == ("failed", "worker_lost")
    assert failed.metadata["failure_reason"] == "no heartbeat from the agent worker"
    assert [line.seq for line in lines] == list(range(len(lines)))
    assert lines[: len(before)] == before
    said = [line.text for line in lines if line.speaker == "caller"]
    assert 2 <= len(said) < len(caller_texts(scenario))
    assert said == caller_texts(scenario)[: len(said)]
