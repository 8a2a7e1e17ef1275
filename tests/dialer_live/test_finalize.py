"""Ended attempts finalize their leads: retries per outcome, callbacks inside windows, qualification,
opt-outs, the 72 h abandon rule, attempt limits, lost calls; and what the pacer learns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from callcenter import models as m
from dialer.finalize import finalize_attempts
from dialer.pacing import CallResult
from tests.dialer_live.conftest import WEEKDAYS_9_17, claim, finish, lead_of, leads_by_phone, new_campaign

pytestmark = pytest.mark.db

T0 = datetime(2026, 3, 10, 7, 0, tzinfo=UTC)  # Tuesday 10:00 in Riyadh
QUALIFICATION = m.Qualification(threshold=60, criteria=[
    m.Criterion(field="budget", operator=">=", value=1000, weight=60),
    m.Criterion(field="interested", operator="==", value=True, weight=40),
])


async def _dial_all(store, operator_id: UUID, campaign_id: UUID, at: datetime) -> dict[str, UUID]:
    calls = await claim(store, operator_id, campaign_id, 100, at)
    return {(await lead_of(store, operator_id, c)).name: c for c in calls}


async def test_outcomes_set_status_next_attempt_and_score(store, operator) -> None:
    names = ["no_answer", "busy", "failed", "voicemail", "qualified", "callback", "wrong", "opt_out"]
    campaign = await new_campaign(store, operator.id, call_windows=WEEKDAYS_9_17, qualification=QUALIFICATION,
                                  leads=[{"phone": f"+9665015{i:05d}", "timezone": "Asia/Riyadh", "name": n}
                                         for i, n in enumerate(names)])
    calls = await _dial_all(store, operator.id, campaign.id, T0)
    end = T0 + timedelta(minutes=2)
    answered = {"answered_at": T0 + timedelta(seconds=8), "ended_at": end, "amd_result": "human"}
    asked = datetime(2026, 3, 13, 5, 0, tzinfo=UTC)  # Friday 08:00 Riyadh: no window that day
    ends = {
        "no_answer": {"status": "failed", "outcome": "no_answer", "disposition": "no_answer", "ring_s": 30,
                      "ended_at": end},
        "busy": {"status": "failed", "outcome": "busy", "disposition": "busy", "sip_status_code": 486,
                 "ended_at": end},
        "failed": {"status": "failed", "outcome": "failed", "disposition": "failed", "ended_at": end},
        "voicemail": {"status": "completed", "outcome": "voicemail", "disposition": "answered_machine",
                      "answered_at": T0, "ended_at": end, "amd_result": "machine"},
        "qualified": {"status": "completed", "outcome": "qualified", "disposition": "connected",
                      "fields": {"budget": "2,500", "interested": "yes"}, **answered},
        "callback": {"status": "completed", "outcome": "callback_requested", "disposition": "connected",
                     "callback_at": asked, **answered},
        "wrong": {"status": "completed", "outcome": "wrong_number", "disposition": "connected", **answered},
        "opt_out": {"status": "completed", "outcome": "not_interested", "disposition": "connected",
                    "opted_out": True, **answered},
    }
    for name, fields in ends.items():
        assert await finish(store, operator.id, calls[name], **fields) is not None
    assert await finish(store, operator.id, calls["busy"], **ends["busy"]) is None  # written once
    learned: list[tuple[UUID, CallResult]] = []
    assert await finalize_attempts(store, operator_id=operator.id, record=lambda c, r: learned.append((c, r))) == 8
    leads = {lead.name: lead for lead in (await leads_by_phone(store, operator.id, campaign.id)).values()}

    def state(name: str) -> tuple:
        return leads[name].status, leads[name].next_attempt_at, leads[name].last_outcome

    assert state("no_answer") == ("retry", end + timedelta(hours=1), "no_answer")
    assert state("busy") == ("retry", end + timedelta(hours=4), "busy")
    assert state("failed") == ("retry", end, "failed")
    assert state("voicemail") == ("completed", None, "voicemail")  # the campaign does not retry voicemail
    assert state("qualified") == ("completed", None, "qualified")
    assert (leads["qualified"].qualification_score, leads["qualified"].qualification["qualified"]) == (100, True)
    # The lead asked for Friday 08:00 local; the campaign calls Monday to Friday 09:00-17:00 (Riyadh weeks
    # have Friday as weekday 4), so the callback is at Friday 09:00 local.
    assert state("callback") == ("callback", datetime(2026, 3, 13, 6, 0, tzinfo=UTC), "callback_requested")
    assert leads["callback"].callback_at == asked
    assert state("wrong")[0] == "invalid"
    assert state("opt_out")[0] == "dnc"
    async with store.as_operator(operator.id) as db:
        assert await db.dnc_numbers.blocks(leads["opt_out"].phone, campaign.id)
        call = await db.calls.get(calls["qualified"])
        assert (call.status, call.outcome, call.intake["budget"]) == ("completed", "qualified", "2,500")
        record = (await db.campaign_calls.list(call_id=calls["busy"]))[0]
        assert (record.disposition, record.sip_status_code, record.ended_at) == ("busy", 486, end)
        progress = await db.campaigns.progress(campaign.id)
    assert (progress.called, progress.connected, progress.successful, progress.remaining) == (8, 5, 1, 4)
    kinds = sorted(r.outcome for _, r in learned)
    assert kinds == sorted(["no_answer"] * 3 + ["machine"] + ["human", "agent_free"] * 4)
    assert {c for c, _ in learned} == {campaign.id}


async def test_attempt_and_daily_limits(store, operator) -> None:
    campaign = await new_campaign(store, operator.id, max_attempts=2, max_calls_per_day=1, leads=[
        {"phone": "+966501600001", "timezone": "Asia/Riyadh", "name": "a"}])
    [call] = await claim(store, operator.id, campaign.id, 1, T0)
    await finish(store, operator.id, call, status="failed", outcome="failed", disposition="failed", ended_at=T0)
    await finalize_attempts(store, operator_id=operator.id)
    # failed retries at once, but one call a day: tomorrow 08:00 in Riyadh
    assert await claim(store, operator.id, campaign.id, 1, T0 + timedelta(minutes=1)) == []
    lead = (await leads_by_phone(store, operator.id, campaign.id))["+966501600001"]
    assert (lead.status, lead.next_attempt_at) == ("retry", datetime(2026, 3, 11, 5, 0, tzinfo=UTC))
    [call] = await claim(store, operator.id, campaign.id, 1, datetime(2026, 3, 11, 6, 0, tzinfo=UTC))
    await finish(store, operator.id, call, status="failed", outcome="no_answer", disposition="no_answer")
    await finalize_attempts(store, operator_id=operator.id)
    lead = (await leads_by_phone(store, operator.id, campaign.id))["+966501600001"]
    assert (lead.status, lead.attempts, lead.next_attempt_at) == ("exhausted", 2, None)


@pytest.mark.parametrize(("pool", "blocked"), [("human", True), ("ai", False)])
async def test_abandoned_call_blocks_redial_for_72h_unless_an_agent_is_guaranteed(
    store, operator, pool: str, blocked: bool
) -> None:
    campaign = await new_campaign(store, operator.id, agent_pool=pool, leads=[
        {"phone": "+966501700001", "timezone": "Asia/Riyadh", "name": "a"}])
    [call] = await claim(store, operator.id, campaign.id, 1, T0)
    answered = T0 + timedelta(seconds=9)
    await finish(store, operator.id, call, status="abandoned", outcome="failed", disposition="dropped",
                 abandoned=True, answered_at=answered, ended_at=answered + timedelta(seconds=12), amd_result="human")
    learned: list[CallResult] = []
    await finalize_attempts(store, operator_id=operator.id, record=lambda _, r: learned.append(r))
    assert [(r.outcome, r.abandoned) for r in learned] == [("human", True)]
    lead = (await leads_by_phone(store, operator.id, campaign.id))["+966501700001"]
    assert lead.abandoned_at == answered
    async with store.as_operator(operator.id) as db:
        assert (await db.calls.get(call)).status == "abandoned"
    next_day = T0 + timedelta(days=1)
    calls = await claim(store, operator.id, campaign.id, 1, next_day)
    assert (calls == []) is blocked
    if blocked:
        lead = (await leads_by_phone(store, operator.id, campaign.id))["+966501700001"]
        assert lead.next_attempt_at == T0 + timedelta(hours=72)  # 72 h after the abandoned call


async def test_an_attempt_whose_call_was_swept_is_closed_and_retried(store, operator) -> None:
    campaign = await new_campaign(store, operator.id, leads=[
        {"phone": "+966501800001", "timezone": "Asia/Riyadh", "name": "a"}])
    [call] = await claim(store, operator.id, campaign.id, 1, T0)
    async with store.as_service(operator.id) as db:
        assert await db.calls.fail_stale(0) == [call]  # the call's worker died
    assert await finalize_attempts(store, operator_id=operator.id, lost_after_s=0) == 1
    async with store.as_operator(operator.id) as db:
        [record] = await db.campaign_calls.list(call_id=call)
        lead = await db.leads.get(record.lead_id)
    assert (record.outcome, record.disposition) == ("failed", "lost:worker_lost")
    assert (lead.status, lead.last_outcome, lead.claimed_by) == ("retry", "failed", None)
