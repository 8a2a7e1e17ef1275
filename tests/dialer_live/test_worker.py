"""Two real ARQ workers on one Redis queue dial a campaign through the simulated telephony:
every lead is dialled exactly once, and every attempt is finalized."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest
from arq import Worker
from arq.connections import RedisSettings

from dialer import worker
from dialer.dialing import place_call
from dialer.telephony import SimulatedTelephony, SimulationProfile
from tests.dialer_live.conftest import claim, dialer_settings, new_campaign

pytestmark = [pytest.mark.db, pytest.mark.redis]

NO_REDIAL = SimulationProfile(  # no outcome that is retried within the test's minutes
    busy=0.2, no_answer=0.2, invalid=0.0, machine=0.2,
    human_outcomes={"qualified": 1, "unqualified": 1, "not_interested": 1, "wrong_number": 1},
)


def _worker(name: str, store: Any, telephony: SimulatedTelephony, settings: Any, redis_url: str,
            queue_name: str, operator_id: Any) -> Worker:
    return Worker(
        functions=worker.FUNCTIONS, cron_jobs=worker.cron_jobs(queue_name), on_startup=worker.startup,
        on_shutdown=worker.shutdown, redis_settings=RedisSettings.from_dsn(redis_url), queue_name=queue_name,
        handle_signals=False, poll_delay=0.05, max_jobs=50,
        ctx={"store": store, "telephony": telephony, "settings": settings,
             "dialer": dialer_settings(queue_name, operator_id, worker_id=name)},
    )


async def _until(check: Any, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if await check():
            return True
        await asyncio.sleep(0.2)
    return False


async def test_two_workers_never_dial_a_lead_twice(store, operator, settings, redis_url, queue_name, arq_redis):
    campaign = await new_campaign(store, operator.id, leads=24, max_lines=8)
    telephonies = [SimulatedTelephony(store, seed=i, time_scale=0.002, profile=NO_REDIAL) for i in range(2)]
    workers = [_worker(f"w{i}", store, t, settings, redis_url, queue_name, operator.id)
               for i, t in enumerate(telephonies)]
    tasks = [asyncio.create_task(w.async_run()) for w in workers]

    async def settled() -> bool:
        async with store.as_operator(operator.id) as db:
            leads = await db.leads.list(campaign_id=campaign.id, limit=100)
        return all(lead.status not in ("new", "dialing") for lead in leads)

    try:
        assert await _until(settled, timeout_s=90), "the workers did not dial and finalize every lead"
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for w in workers:
            await w.close()
        for t in telephonies:
            await t.aclose()

    dialled = Counter(request.phone for t in telephonies for request in t.dials)
    async with store.as_operator(operator.id) as db:
        leads = await db.leads.list(campaign_id=campaign.id, limit=100)
        attempts = await db.campaign_calls.list(campaign_id=campaign.id, limit=100)
    assert sorted(dialled) == sorted(lead.phone for lead in leads)
    assert set(dialled.values()) == {1}
    assert len(attempts) == len({a.lead_id for a in attempts}) == 24
    assert all(a.ended_at is not None and a.outcome for a in attempts)
    assert {lead.attempts for lead in leads} == {1}
    assert {lead.status for lead in leads} <= {"completed", "retry", "invalid", "dnc"}


async def test_placing_a_call_twice_rings_once(store, operator) -> None:
    campaign = await new_campaign(store, operator.id, leads=1)
    [call_id] = await claim(store, operator.id, campaign.id, 1, datetime.now(UTC))
    telephony = SimulatedTelephony(store, time_scale=0.001, profile=SimulationProfile(busy=1.0))
    first, second = await asyncio.gather(*(place_call(store, telephony, operator.id, call_id, ringing_timeout_s=20)
                                           for _ in range(2)))
    assert sorted([first is None, second is None]) == [False, True]
    assert len(telephony.dials) == 1
    async with store.as_operator(operator.id) as db:
        call = await db.calls.get(call_id)
        [attempt] = await db.campaign_calls.list(call_id=call_id)
    assert (call.status, call.outcome, attempt.disposition, attempt.sip_status_code) == ("failed", "busy", "busy", 486)
