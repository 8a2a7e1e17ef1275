"""Missed-call recovery: missed inbound calls are found and scheduled inside hours, called back,
retried, handed to people when callbacks fail, and measured."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest

from callcenter import hours
from callcenter import models as m
from callcenter.models.jobs import InboundJob, parse_job
from dialer import recovery
from dialer.compliance import is_callable_now, lead_time_zones
from dialer.recovery import ANY_TIME
from dialer.telephony import SimulatedTelephony, SimulationProfile

pytestmark = pytest.mark.db

OPEN = {day: [("09:00", "17:00")] for day in ("sun", "mon", "tue", "wed", "thu")}


async def _missed(store, operator_id: UUID, phone: str | None, status: str = "abandoned") -> m.Call:
    async with store.as_operator(operator_id) as db:
        call = await db.calls.create(m.CallNew(direction="inbound", caller_number=phone, language="ar"))
        return await db.calls.transition(call.id, status)


async def _open_hours(store, operator_id: UUID) -> None:
    async with store.as_operator(operator_id) as db:
        await db.operators.update(m.OperatorUpdate(business_hours=OPEN))


def _inside(at: datetime, phone: str) -> bool:
    return hours.is_open(OPEN, "Asia/Riyadh", at) and is_callable_now(at, ANY_TIME, lead_time_zones(phone)).ok


async def test_missed_calls_are_scheduled_inside_hours_once(store, operator) -> None:
    await _open_hours(store, operator.id)
    saudi, american = await _missed(store, operator.id, "+966501900001"), await _missed(
        store, operator.id, "+12125550187", status="failed")
    await _missed(store, operator.id, None)  # a withheld number cannot be called back
    async with store.as_operator(operator.id) as db:
        answered = await db.calls.create(m.CallNew(direction="inbound", caller_number="+966501900002"))
        await db.calls.transition(answered.id, "in_progress")
        await db.calls.transition(answered.id, "completed")
    now = datetime.now(UTC)
    assert await recovery.detect_missed(store, now=now, operator_id=operator.id) == 2
    assert await recovery.detect_missed(store, now=now, operator_id=operator.id) == 0
    async with store.as_operator(operator.id) as db:
        rows = {r.call_id: r for r in await db.recovery_attempts.list()}
    assert set(rows) == {saudi.id, american.id}
    assert (rows[saudi.id].reason, rows[american.id].reason) == ("abandoned_in_queue", "unanswered")
    for row in rows.values():
        assert row.status == "scheduled" and row.scheduled_at >= now
        assert _inside(row.scheduled_at, row.phone), row.scheduled_at
    # New York's 08:00-21:00 meets Riyadh's 09:00-17:00 only from 16:00 Riyadh time (15:00 in US summer)
    assert 15 <= rows[american.id].scheduled_at.astimezone(ZoneInfo("Asia/Riyadh")).hour < 17


async def test_unanswered_callbacks_are_retried_then_handed_to_people(store, operator, settings) -> None:
    await _open_hours(store, operator.id)
    missed = await _missed(store, operator.id, "+966501900003")
    await recovery.detect_missed(store, now=datetime.now(UTC), operator_id=operator.id)
    telephony = SimulatedTelephony(store, time_scale=0.001, profile=SimulationProfile(no_answer=1.0))
    seen = []
    for round_ in range(1, 4):
        async with store.as_operator(operator.id) as db:
            [row] = await db.recovery_attempts.list(call_id=missed.id)
        assert (row.status, row.attempts) == ("scheduled", round_ - 1)
        seen.append(row.scheduled_at)
        now = row.scheduled_at
        [(owner, call_id)] = await recovery.start_due_callbacks(store, now=now, operator_id=operator.id)
        result = await recovery.place_callback(store, telephony, owner, call_id, agent_name=settings.agent_name,
                                               ringing_timeout_s=20)
        assert (result.answered, result.outcome) == (False, "no_answer")
        assert await recovery.settle_callbacks(store, now=now, operator_id=operator.id) == 1
    await telephony.aclose()
    job = parse_job(telephony.dials[-1].job_metadata)
    assert isinstance(job, InboundJob) and job.caller_number == "+966501900003" and job.language == "ar"
    assert all(later - earlier >= timedelta(hours=1) for earlier, later in zip(seen, seen[1:], strict=False))
    assert all(_inside(at, "+966501900003") for at in seen)
    async with store.as_operator(operator.id) as db:
        [row] = await db.recovery_attempts.list(call_id=missed.id)
        callback = await db.calls.get(row.callback_call_id)
    assert (row.status, row.needs_human, row.attempts, row.outcome) == ("needs_human", True, 3, "no_answer")
    assert (callback.direction, callback.status, callback.callee_number) == ("outbound", "failed", "+966501900003")


async def test_answered_callbacks_recover_every_missed_call_of_the_number(store, operator, settings) -> None:
    twice, blocked, after_hours = "+966501900004", "+966501900005", "+966501900006"
    first, second = await _missed(store, operator.id, twice), await _missed(store, operator.id, twice)
    await _missed(store, operator.id, blocked)
    now = datetime.now(UTC)
    async with store.as_operator(operator.id) as db:
        await db.dnc_numbers.create(m.DncNumberNew(phone=blocked, source="opt_out"))
        ivr_call = await db.calls.create(m.CallNew(direction="inbound", caller_number=after_hours))
        await db.recovery_attempts.create(m.RecoveryAttemptNew(  # booked by the IVR after hours
            call_id=ivr_call.id, phone=after_hours, reason="after_hours", status="scheduled", scheduled_at=now))
    await recovery.detect_missed(store, now=now, operator_id=operator.id)
    async with store.as_operator(operator.id) as db:
        due = max(r.scheduled_at for r in await db.recovery_attempts.list())
    telephony = SimulatedTelephony(store, time_scale=0.001, profile=SimulationProfile(
        busy=0, no_answer=0, invalid=0, machine=0))
    placed = await recovery.start_due_callbacks(store, now=due, operator_id=operator.id)
    assert len(placed) == 2  # one callback for the number that called twice, one for the IVR booking
    for owner, call_id in placed:
        result = await recovery.place_callback(store, telephony, owner, call_id, agent_name=settings.agent_name,
                                               ringing_timeout_s=20)
        assert result.answered

    async def ended() -> bool:
        async with store.as_operator(operator.id) as db:
            return all([(await db.calls.get(c)).status == "completed" for _, c in placed])

    for _ in range(100):
        if await ended():
            break
        await asyncio.sleep(0.1)
    await telephony.aclose()
    assert await recovery.settle_callbacks(store, now=due, operator_id=operator.id) == 3
    async with store.as_operator(operator.id) as db:
        rows = {r.call_id: r for r in await db.recovery_attempts.list()}
        metrics = {x.reason: x for x in await db.recovery_attempts.metrics(now - timedelta(hours=1))}
    assert rows[first.id].callback_call_id == rows[second.id].callback_call_id
    assert {rows[c].status for c in (first.id, second.id, ivr_call.id)} == {"recovered"}
    [refused] = [r for r in rows.values() if r.phone == blocked]
    assert (refused.status, refused.needs_human, refused.outcome) == ("needs_human", True, "do_not_call")
    assert (metrics["abandoned_in_queue"].total, metrics["abandoned_in_queue"].recovered) == (3, 2)
    assert metrics["abandoned_in_queue"].success_rate == pytest.approx(2 / 3)
    assert metrics["after_hours"].success_rate == 1.0
