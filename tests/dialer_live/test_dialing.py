"""Compliance applied at dial time: each lead's zone and DST, the 21:00 limit, DNC, queue order,
and concurrent claims that never share a lead."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from callcenter import models as m
from dialer.dialing import outbound_job
from dialer.finalize import finalize_attempts
from tests.dialer_live.conftest import ALL_DAY, WEEKDAYS_9_17, claim, finish, lead_of, leads_by_phone, new_campaign

pytestmark = pytest.mark.db

NY, NY_NO_ZONE, RIYADH, TOKYO = "+12125550187", "+12125551234", "+966501234567", "+81312345678"


async def test_windows_follow_each_leads_zone_and_dst(store, operator) -> None:
    campaign = await new_campaign(store, operator.id, call_windows=WEEKDAYS_9_17, leads=[
        {"phone": NY, "timezone": "America/New_York"}, {"phone": NY_NO_ZONE},
        {"phone": RIYADH, "timezone": "Asia/Riyadh"}, {"phone": TOKYO, "timezone": "Asia/Tokyo"},
    ])
    # Friday 6 March 2026, 13:30 UTC: 08:30 in New York (EST), 16:30 in Riyadh, 22:30 in Tokyo.
    friday = datetime(2026, 3, 6, 13, 30, tzinfo=UTC)
    [call] = await claim(store, operator.id, campaign.id, 10, friday)
    assert (await lead_of(store, operator.id, call)).phone == RIYADH
    leads = await leads_by_phone(store, operator.id, campaign.id)
    # New York opens at 09:00 EST = 14:00 UTC, also for the lead whose zone comes from its number;
    # Tokyo is past its hours and has no weekend window: Monday 09:00 JST = Monday 00:00 UTC.
    assert leads[NY].next_attempt_at == leads[NY_NO_ZONE].next_attempt_at == datetime(2026, 3, 6, 14, tzinfo=UTC)
    assert leads[TOKYO].next_attempt_at == datetime(2026, 3, 9, 0, tzinfo=UTC)
    assert {leads[p].status for p in (NY, NY_NO_ZONE, TOKYO)} == {"new"}

    # Monday 9 March, the same 13:30 UTC: New York has moved to EDT, it is 09:30 there; Tokyo is
    # at 22:30 again and waits for Tuesday 09:00 JST.
    monday = datetime(2026, 3, 9, 13, 30, tzinfo=UTC)
    calls = await claim(store, operator.id, campaign.id, 10, monday)
    assert sorted([(await lead_of(store, operator.id, c)).phone for c in calls]) == [NY, NY_NO_ZONE]
    tokyo = (await leads_by_phone(store, operator.id, campaign.id))[TOKYO]
    assert (tokyo.status, tokyo.next_attempt_at) == ("new", datetime(2026, 3, 10, 0, tzinfo=UTC))


async def test_no_call_at_or_after_21_local_even_if_the_campaign_allows_it(store, operator) -> None:
    campaign = await new_campaign(store, operator.id, call_windows=ALL_DAY, leads=[
        {"phone": RIYADH, "timezone": "Asia/Riyadh"}, {"phone": "+966501234568", "timezone": "Asia/Riyadh"},
    ])
    before = datetime(2026, 3, 10, 17, 59, tzinfo=UTC)  # 20:59 in Riyadh
    [first] = await claim(store, operator.id, campaign.id, 1, before)
    dialled = (await lead_of(store, operator.id, first)).phone
    at_nine = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)  # 21:00 in Riyadh
    assert await claim(store, operator.id, campaign.id, 1, at_nine) == []
    [waiting] = [lead for p, lead in (await leads_by_phone(store, operator.id, campaign.id)).items() if p != dialled]
    assert waiting.next_attempt_at == datetime(2026, 3, 11, 5, 0, tzinfo=UTC)  # 08:00 the next morning


async def test_dnc_lists_and_opt_outs_block_at_dial_time(store, operator) -> None:
    numbers = {name: f"+9665012{i:05d}" for i, name in enumerate(
        ["operator_wide", "this_campaign", "other_campaign", "expired", "opted_out", "clean"])}
    campaign = await new_campaign(store, operator.id, leads=[{"phone": p, "timezone": "Asia/Riyadh"}
                                                             for p in numbers.values()])
    other = await new_campaign(store, operator.id, start=False)
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    async with store.as_operator(operator.id) as db:
        await db.dnc_numbers.create(m.DncNumberNew(phone=numbers["operator_wide"], source="registry"))
        await db.dnc_numbers.create(m.DncNumberNew(phone=numbers["this_campaign"], campaign_id=campaign.id))
        await db.dnc_numbers.create(m.DncNumberNew(phone=numbers["other_campaign"], campaign_id=other.id))
        await db.dnc_numbers.create(m.DncNumberNew(phone=numbers["expired"], expires_at=now - timedelta(days=1)))
        await db.dnc_numbers.create(m.DncNumberNew(phone=numbers["opted_out"], source="opt_out"))
    calls = await claim(store, operator.id, campaign.id, 10, now)
    dialled = {(await lead_of(store, operator.id, c)).phone for c in calls}
    assert dialled == {numbers["other_campaign"], numbers["expired"], numbers["clean"]}
    leads = await leads_by_phone(store, operator.id, campaign.id)
    assert {name for name, p in numbers.items() if leads[p].status == "dnc"} == {
        "operator_wide", "this_campaign", "opted_out"}
    async with store.as_operator(operator.id) as db:
        assert await db.campaign_calls.count(campaign_id=campaign.id) == 3


async def test_queue_order_new_then_due_retries_then_oldest_no_answers(store, operator) -> None:
    campaign = await new_campaign(store, operator.id, leads=[
        {"phone": f"+96650130000{i}", "timezone": "Asia/Riyadh"} for i in range(4)])
    t0 = datetime(2026, 3, 10, 6, 0, tzinfo=UTC)  # 09:00 in Riyadh
    roles = {}
    for offset, role in ((0, "no_answer_old"), (10, "no_answer_new"), (20, "busy")):
        at = t0 + timedelta(minutes=offset)
        [call] = await claim(store, operator.id, campaign.id, 1, at)
        roles[(await lead_of(store, operator.id, call)).id] = role
        outcome = role.removesuffix("_old").removesuffix("_new")
        await finish(store, operator.id, call, status="failed", outcome=outcome, disposition=outcome,
                     ended_at=at + timedelta(seconds=30))
        await finalize_attempts(store, operator_id=operator.id)
    order = []
    later = t0 + timedelta(hours=5)  # every retry is due
    for _ in range(4):
        [call] = await claim(store, operator.id, campaign.id, 1, later)
        order.append(roles.get((await lead_of(store, operator.id, call)).id, "never_called"))
    assert order == ["never_called", "busy", "no_answer_old", "no_answer_new"]


async def test_concurrent_claims_never_share_a_lead(store, operator) -> None:
    campaign = await new_campaign(store, operator.id, leads=[
        {"phone": f"+9665014{i:05d}", "timezone": "Asia/Riyadh"} for i in range(40)])
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    batches = await asyncio.gather(*(claim(store, operator.id, campaign.id, 15, now, worker=f"w{i}")
                                     for i in range(4)))
    calls = [c for batch in batches for c in batch]
    assert len(calls) == len(set(calls)) == 40
    async with store.as_operator(operator.id) as db:
        attempts = await db.campaign_calls.list(campaign_id=campaign.id, limit=1000)
        leads = await db.leads.list(campaign_id=campaign.id, limit=1000)
    assert len({a.lead_id for a in attempts}) == len(attempts) == 40
    assert {lead.status for lead in leads} == {"dialing"}
    assert {lead.claimed_by for lead in leads} <= {"w0", "w1", "w2", "w3"}
    assert all(lead.attempts == 1 for lead in leads)


async def test_human_campaign_calls_go_to_different_free_agents(store, operator) -> None:
    campaign = await new_campaign(store, operator.id, agent_pool="human", leads=[
        {"phone": f"+9665016{i:05d}", "timezone": "Asia/Riyadh"} for i in range(3)])
    async with store.as_operator(operator.id) as db:
        await db.human_agents.create(m.HumanAgentNew(name="Sara", status="available", sip_uri="sip:sara@pbx.example"))
        await db.human_agents.create(m.HumanAgentNew(name="Omar", status="available", phone="+966500000102"))
        await db.human_agents.create(m.HumanAgentNew(name="Lina", status="offline", phone="+966500000103"))
    calls = await claim(store, operator.id, campaign.id, 2, datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    async with store.as_service(operator.id) as db:
        jobs = [outbound_job(await db.campaign_calls.dial_context(c)) for c in calls]
    assert {job.connect_to for job in jobs} == {"human"}
    assert sorted(job.transfer_to for job in jobs) == ["sip:sara@pbx.example", "tel:+966500000102"]
