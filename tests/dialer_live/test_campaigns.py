"""Campaign lifecycle, pausing itself when nothing is callable, pause/resume with the pacing loop,
and CSV lead import (bad rows reported, duplicates merged, a broken file changes nothing)."""

from __future__ import annotations

import pytest

from callcenter import models as m
from callcenter.errors import InvalidInput
from dialer import campaigns as lifecycle
from dialer import worker
from dialer.telephony import SimulatedTelephony
from tests.dialer_live.conftest import dialer_settings, new_campaign

pytestmark = pytest.mark.db


async def test_lifecycle_transitions(store, operator) -> None:
    campaign = await new_campaign(store, operator.id, leads=1, start=False)
    async with store.as_operator(operator.id) as db:
        with pytest.raises(InvalidInput, match="draft campaign cannot become paused"):
            await lifecycle.pause(db, campaign.id)
    async with store.as_operator(operator.id) as db:
        started = await lifecycle.start(db, campaign.id)
        assert (started.status, started.started_at is not None) == ("active", True)
        paused = await lifecycle.pause(db, campaign.id)
        assert (paused.status, paused.status_reason) == ("paused", "paused by a supervisor")
        resumed = await lifecycle.resume(db, campaign.id)
        assert (resumed.status, resumed.status_reason, resumed.started_at) == ("active", None, started.started_at)
        stopped = await lifecycle.stop(db, campaign.id)
        assert (stopped.status, stopped.completed_at is not None) == ("completed", True)
    for action in (lifecycle.start, lifecycle.resume, lifecycle.pause, lifecycle.cancel):
        async with store.as_operator(operator.id) as db:
            with pytest.raises(InvalidInput, match="completed campaign cannot"):
                await action(db, campaign.id)
    draft = await new_campaign(store, operator.id, leads=1, start=False)
    async with store.as_operator(operator.id) as db:
        assert (await lifecycle.cancel(db, draft.id)).status == "cancelled"


async def test_starting_without_leads_pauses_and_says_why(store, operator) -> None:
    campaign = await new_campaign(store, operator.id, leads=0)
    assert campaign.status == "paused"
    assert campaign.status_reason == "no callable leads: the campaign has no leads; import leads, then resume"


@pytest.mark.redis
async def test_pause_resume_and_pausing_itself_when_nothing_is_callable(
    store, operator, settings, arq_redis, queue_name
) -> None:
    campaign = await new_campaign(store, operator.id, leads=3, max_lines=2)
    blocked = await new_campaign(store, operator.id, leads=2)
    async with store.as_operator(operator.id) as db:
        for lead in await db.leads.list(campaign_id=blocked.id):
            await db.dnc_numbers.create(m.DncNumberNew(phone=lead.phone, campaign_id=blocked.id))
        await lifecycle.pause(db, campaign.id)
    telephony = SimulatedTelephony(store, time_scale=0.001)
    ctx = {"store": store, "telephony": telephony, "settings": settings, "redis": arq_redis,
           "dialer": dialer_settings(queue_name, operator.id), "pacers": worker.Pacers()}

    assert await worker.pace(ctx) == 0  # paused: no call; the blocked campaign's leads are all on a DNC list
    async with store.as_operator(operator.id) as db:
        assert await db.campaign_calls.count(campaign_id=campaign.id) == 0
        assert {lead.status for lead in await db.leads.list(campaign_id=blocked.id)} == {"dnc"}
    assert [(p.campaign_id, p.status) for p in await lifecycle.review_active(store, operator.id)] == [
        (blocked.id, "paused")]
    async with store.as_operator(operator.id) as db:
        itself = await db.campaigns.get(blocked.id)
        assert (itself.status, itself.status_reason) == (
            "paused", "no callable leads: 2 on a do-not-call list; import leads, then resume")
        await lifecycle.resume(db, campaign.id)

    assert await worker.pace(ctx) == 2  # two lines
    async with store.as_operator(operator.id) as db:
        attempts = await db.campaign_calls.list(campaign_id=campaign.id)
        assert len(attempts) == 2
        assert {(await db.calls.get(a.call_id)).metadata["telephony"] for a in attempts} == {"simulated"}
    jobs = await arq_redis.queued_jobs(queue_name=queue_name)
    assert {j.job_id for j in jobs} == {f"place:{a.call_id}" for a in attempts}


GOOD_CSV = """name,phone,timezone,company,plan
Ahmed,0501234567,Asia/Riyadh,ACME,gold
Sara,+966501234568,,,
Bad,12345,,,
Ahmed again,+966 50 123 4567,,,silver
Existing,0501234569,,Old Co,platinum
Zone,0501234570,Mars/Olympus,,
Long,0501234571,,{long},
"""


async def test_csv_import_reports_bad_rows_and_merges_duplicates(store, operator) -> None:
    campaign = await new_campaign(store, operator.id, start=False)
    async with store.as_operator(operator.id) as db:
        await db.leads.create(m.LeadNew(campaign_id=campaign.id, phone="+966501234569", name="Existing",
                                        custom_fields={"source": "crm"}))
    data = GOOD_CSV.format(long="x" * 250).encode()
    async with store.as_operator(operator.id) as db:
        report = await lifecycle.import_leads(db, campaign.id, data)
    assert (report.inserted, report.merged_existing, report.merged_in_file) == (2, 1, 1)
    assert [(r.row, r.reason.split(" ")[0]) for r in report.rejected] == [
        (4, "invalid"), (7, "unknown"), (8, "company:")]
    async with store.as_operator(operator.id) as db:
        leads = {lead.phone: lead for lead in await db.leads.list(campaign_id=campaign.id)}
    assert sorted(leads) == ["+966501234567", "+966501234568", "+966501234569"]
    ahmed, existing = leads["+966501234567"], leads["+966501234569"]
    assert (ahmed.name, ahmed.timezone, ahmed.company, ahmed.custom_fields) == (
        "Ahmed", "Asia/Riyadh", "ACME", {"plan": "gold"})
    assert (existing.name, existing.company, existing.custom_fields) == (
        "Existing", "Old Co", {"source": "crm", "plan": "platinum"})


@pytest.mark.parametrize("broken", [
    GOOD_CSV.format(long="ok").encode() + b"\x00\x01 binary tail",
    b"name,number\nAhmed,0501234567\n",
    b"phone\n" + b"0501234567\n" * 10 + b"x" * (6 * 1024 * 1024),
])
async def test_a_broken_file_leaves_the_campaign_unchanged(store, operator, broken: bytes) -> None:
    campaign = await new_campaign(store, operator.id, start=False, leads=[{"phone": "+966501234569"}])
    async with store.as_operator(operator.id) as db:
        before = await db.leads.list(campaign_id=campaign.id)
    async with store.as_operator(operator.id) as db:
        with pytest.raises(InvalidInput) as error:
            await lifecycle.import_leads(db, campaign.id, broken)
    assert error.value.field == "file"
    async with store.as_operator(operator.id) as db:
        assert await db.leads.list(campaign_id=campaign.id) == before


async def test_an_import_that_fails_midway_writes_nothing(store, operator) -> None:
    """The rows go in one statement inside the caller's transaction: a failure rolls back all of them."""
    campaign = await new_campaign(store, operator.id, start=False)
    with pytest.raises(RuntimeError):
        async with store.as_operator(operator.id) as db:
            report = await lifecycle.import_leads(db, campaign.id, GOOD_CSV.format(long="ok").encode())
            assert report.inserted == 4
            raise RuntimeError("the upload was cancelled")
    async with store.as_operator(operator.id) as db:
        assert await db.leads.count(campaign_id=campaign.id) == 0


def test_nothing_to_call_reason() -> None:
    assert lifecycle.nothing_to_call_reason({"completed": 3, "retry": 1}) is None
    assert lifecycle.nothing_to_call_reason({"dialing": 1}) is None
    assert lifecycle.nothing_to_call_reason({"completed": 3, "exhausted": 2}) == (
        "no callable leads: 3 finished, 2 out of attempts; import leads, then resume")
