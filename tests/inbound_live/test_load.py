"""Load: 50 simulated calls against one agent worker; Postgres must hold every one of them exactly.

Calls run ten at a time (2 shared cores: more makes every prompt seconds late without testing
anything new). Each call's record is checked against what its caller said and heard.
"""

from __future__ import annotations

import pytest

from agent.simulation.runner import Target, run_calls
from agent.simulation.scenarios import generate
from callcenter.store import Store
from tests.inbound_live.records import check_record, department_slugs, read_record

pytestmark = [pytest.mark.livekit, pytest.mark.db]
CALLS = 50
CONCURRENCY = 10
SEED = 7


async def test_fifty_calls_are_recorded_once_and_completely(livekit_target: Target, store: Store) -> None:
    scenarios = generate(CALLS, "mix", seed=SEED)
    results = await run_calls(scenarios, livekit_target, concurrency=CONCURRENCY, stagger_s=0.5)

    operator_id = livekit_target.operator_id
    slugs = await department_slugs(store, operator_id)
    problems = []
    for scenario, result in zip(scenarios, results, strict=True):
        try:
            record = await read_record(store, operator_id, result.room)
            assert result.ok, f"{result.error}; recorded {record.call.status}, last agent line " + repr(
                next((line.text for line in reversed(record.transcript) if line.speaker == "agent"), None))
            check_record(record, scenario, result, slugs)
        except AssertionError as exc:
            problems.append(f"{scenario.id} ({result.room}): {str(exc).splitlines()[0]}")
    assert problems == [], f"{len(problems)} of {CALLS} calls went wrong:\n" + "\n".join(problems)

    async with store.as_operator(operator_id) as db:
        calls = await db.calls.list(limit=1000)
        tickets = await db.tickets.list(limit=1000)
        escalations = await db.escalations.list(limit=1000)
    assert sorted(c.room_name for c in calls) == sorted(r.room for r in results)
    assert len(tickets) == sum(len(s.expect.tickets) for s in scenarios)
    assert len({(t.call_id, t.category) for t in tickets}) == len(tickets)
    assert len(escalations) == len({e.call_id for e in escalations}) == sum(s.expect.escalated for s in scenarios)
