"""Helpers for the dialer's tests against real Postgres (and Redis, LiveKit where marked)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from arq import create_pool
from arq.connections import ArqRedis, RedisSettings

from callcenter import models as m
from callcenter.store import Store
from callcenter.store.campaign_repos import AttemptEnd, CampaignSnapshot
from dialer import campaigns as lifecycle
from dialer.dialing import claim_calls
from dialer.worker import DialerSettings

ALL_DAY = [m.CallWindow(weekday=d, start="00:00", end="24:00") for d in range(7)]
WEEKDAYS_9_17 = [m.CallWindow(weekday=d, start="09:00", end="17:00") for d in range(5)]
_ZONES = [f"Etc/GMT{offset:+d}" if offset else "UTC" for offset in range(-12, 12)]


def awake_zone(now: datetime | None = None) -> str:
    """A time zone where it is between 10:00 and 19:00 now, so calls are allowed there."""
    now = now or datetime.now(UTC)
    return next(z for z in _ZONES if 10 <= now.astimezone(ZoneInfo(z)).hour < 19)


def phone(n: int, prefix: str = "+9665011") -> str:
    return f"{prefix}{n:05d}"


async def new_campaign(store: Store, operator_id: UUID, *, leads: list[dict[str, Any]] | int = 0,
                       agent_pool: str = "ai", max_lines: int = 5, start: bool = True,
                       **fields: Any) -> m.Campaign:
    """A campaign (all-day windows unless given) with leads, started unless `start=False`."""
    if isinstance(leads, int):
        zone = awake_zone()
        leads = [{"phone": phone(i), "timezone": zone, "name": f"Lead {i}"} for i in range(leads)]
    async with store.as_operator(operator_id) as db:
        campaign = await db.campaigns.create(m.CampaignNew(**({"name": "Test campaign", "call_windows": ALL_DAY,
                                                                "agent_pool": agent_pool, "max_lines": max_lines}
                                                               | fields)))
        for lead in leads:
            await db.leads.create(m.LeadNew(campaign_id=campaign.id, **lead))
        if start:
            campaign = await lifecycle.start(db, campaign.id)
    return campaign


async def dialing_campaign(store: Store, operator_id: UUID, campaign_id: UUID, now: datetime) -> CampaignSnapshot:
    async with store.as_service(operator_id) as db:
        return next(s for s in await db.campaigns.snapshot(now) if s.id == campaign_id)


async def claim(store: Store, operator_id: UUID, campaign_id: UUID, count: int, now: datetime,
                worker: str = "test") -> list[UUID]:
    campaign = await dialing_campaign(store, operator_id, campaign_id, now)
    return await claim_calls(store, campaign, count, now=now, worker=worker, telephony="test")


async def lead_of(store: Store, operator_id: UUID, call_id: UUID) -> m.Lead:
    async with store.as_operator(operator_id) as db:
        [attempt] = await db.campaign_calls.list(call_id=call_id)
        return await db.leads.get(attempt.lead_id)


async def leads_by_phone(store: Store, operator_id: UUID, campaign_id: UUID) -> dict[str, m.Lead]:
    async with store.as_operator(operator_id) as db:
        return {lead.phone: lead for lead in await db.leads.list(campaign_id=campaign_id, limit=1000)}


async def finish(store: Store, operator_id: UUID, call_id: UUID, **end: Any) -> m.CampaignCall | None:
    async with store.as_operator(operator_id) as db:
        return await db.campaign_calls.finish(call_id, AttemptEnd(**end))


@pytest.fixture(scope="session")
def queue_name() -> str:
    """An ARQ queue of this test session only, so parallel runs do not share jobs."""
    return f"arq:dialer-test-{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def arq_redis(redis_url: str, queue_name: str) -> AsyncIterator[ArqRedis]:
    """A connection to the session's queue, emptied afterwards (no job outlives its test)."""
    pool = await create_pool(RedisSettings.from_dsn(redis_url), default_queue_name=queue_name)
    yield pool
    for job in await pool.queued_jobs(queue_name=queue_name):
        await pool.delete(f"arq:job:{job.job_id}")
    await pool.delete(queue_name)
    await pool.aclose()


def dialer_settings(queue_name: str, operator_id: UUID, **overrides: Any) -> DialerSettings:
    return DialerSettings(queue_name=queue_name, operator_id=operator_id, **overrides)
