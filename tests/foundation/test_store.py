"""Store CRUD round-trips every entity; bad input gets a clear error and changes nothing."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from callcenter import models as m
from callcenter.errors import Conflict, InvalidInput, NotFound
from tests.factories import populate, unique_phone

pytestmark = pytest.mark.db

# entity -> (repository attribute, a writable field and a new valid value for it)
UPDATES = {
    "departments": ("departments", "description", "Prices and offers"),
    "routing_rules": ("routing_rules", "phrases", ["offer", "عرض"]),
    "human_agents": ("human_agents", "status", "busy"),
    "customers": ("customers", "company", "ACME"),
    "calls": ("calls", "intake", {"name": "Ahmed", "need": "refund"}),
    "call_notes": ("call_notes", "body", "called back"),
    "qa_scores": ("qa_scores", "score", 91.0),
    "call_drafts": ("call_drafts", "status", "approved"),
    "tickets": ("tickets", "priority", "urgent"),
    "escalations": ("escalations", "status", "connected"),
    "custom_scripts": ("custom_scripts", "is_active", True),
    "campaigns": ("campaigns", "dialing_mode", "power"),
    "leads": ("leads", "company", "Lina Co"),
    "dnc_numbers": ("dnc_numbers", "reason", "asked on call"),
    "recovery_attempts": ("recovery_attempts", "status", "scheduled"),
    "industry_presets": ("industry_presets", "description", "teeth"),
    "knowledge_documents": ("knowledge_documents", "title", "Hours"),
    "knowledge_chunks": ("knowledge_chunks", "content", "We open 8 to 4."),
    "call_events": ("call_events", "payload", {"stage": "intake"}),
    "call_transcripts": ("transcripts", "text", "مرحبا بك"),
}


async def test_crud_round_trips_every_entity(store, operator) -> None:
    async with store.as_operator(operator.id) as db:
        rows = await populate(db)
        for entity, (repo_name, field, value) in UPDATES.items():
            repo = getattr(db, repo_name)
            row = rows[entity]
            assert await repo.get(row.id) == row, entity
            assert row.id in [r.id for r in await repo.list(limit=1000)], entity
            updated = await repo.update(row.id, **{field: value})
            assert getattr(updated, field) == value, entity
            assert (await repo.get(row.id)).model_dump(exclude={"updated_at"}) == updated.model_dump(
                exclude={"updated_at"}), entity
        # Deleting removes exactly that row (children first, so cascades don't hide anything).
        for entity in ("knowledge_chunks", "call_notes", "qa_scores", "call_drafts", "routing_rules",
                       "dnc_numbers", "industry_presets"):
            repo = getattr(db, UPDATES[entity][0])
            await repo.delete(rows[entity].id)
            with pytest.raises(NotFound):
                await repo.get(rows[entity].id)
        assert (await db.campaign_calls.get(rows["campaign_calls"].id)).outcome == "no_answer"
        with pytest.raises(InvalidInput):
            await db.campaign_calls.update(rows["campaign_calls"].id, outcome="busy")


async def test_ticket_history_is_written_by_the_trigger(store, operator) -> None:
    async with store.as_operator(operator.id) as db:
        ticket = await db.tickets.create(m.TicketNew(subject="Broken app", priority="low"))
        await db.tickets.update(ticket.id, priority="high")
        await db.tickets.update(ticket.id, status="resolved")
        history = await db.tickets.history(ticket.id)
        resolved = await db.tickets.get(ticket.id)
    assert [h.action for h in history] == ["created", "updated", "status_changed"]
    assert history[1].changes["priority"] == {"old": "low", "new": "high"}
    assert history[2].changed_by == str(operator.id)
    assert resolved.resolved_at is not None


async def test_call_status_machine(store, operator) -> None:
    async with store.as_operator(operator.id) as db:
        call = await db.calls.create(m.CallNew(direction="inbound"))
        call = await db.calls.transition(call.id, "ringing")
        call = await db.calls.transition(call.id, "in_progress")
        call = await db.calls.transition(call.id, "completed", outcome="resolved")
    assert call.ringing_at and call.answered_at and call.ended_at and call.duration_s is not None
    with pytest.raises(InvalidInput, match="invalid call status transition"):
        async with store.as_operator(operator.id) as db:
            await db.calls.transition(call.id, "in_progress")
    async with store.as_operator(operator.id) as db:
        assert (await db.calls.get(call.id)).status == "completed"


async def test_transcript_append_is_idempotent(store, operator) -> None:
    async with store.as_operator(operator.id) as db:
        call = await db.calls.create(m.CallNew(direction="inbound"))
        line = m.TranscriptNew(call_id=call.id, seq=0, speaker="agent", language="en", text="Hello", start_ms=0, end_ms=400)
        assert await db.transcripts.append(line) is not None
        assert await db.transcripts.append(line) is None
        assert len(await db.transcripts.for_call(call.id)) == 1


async def _snapshot(store, operator_id) -> dict:
    async with store.as_operator(operator_id) as db:
        return {
            "customers": [c.model_dump() for c in await db.customers.list(limit=1000)],
            "tickets": [t.model_dump() for t in await db.tickets.list(limit=1000)],
            "operator": (await db.operators.me()).model_dump(),
        }


async def test_bad_input_is_refused_and_changes_nothing(store, operator) -> None:
    async with store.as_operator(operator.id) as db:
        customer = await db.customers.create(m.CustomerNew(name="Omar", phone=unique_phone()))
        await db.tickets.create(m.TicketNew(subject="Keep me", customer_id=customer.id))
    before = await _snapshot(store, operator.id)

    # duplicate phone for the operator
    with pytest.raises(Conflict, match="phone"):
        async with store.as_operator(operator.id) as db:
            await db.customers.create(m.CustomerNew(name="Other", phone=customer.phone))
    # unknown ids and strings over column limits, at the model and at the database
    with pytest.raises(NotFound):
        async with store.as_operator(operator.id) as db:
            await db.tickets.create(m.TicketNew(subject="x", customer_id=uuid.uuid4()))
    with pytest.raises(ValidationError):
        m.TicketNew(subject="x" * 201)
    with pytest.raises(InvalidInput, match="value too long"):
        async with store.as_operator(operator.id) as db:
            await db.execute("update public.tickets set subject = $1 where operator_id = $2", "x" * 201, operator.id)
    with pytest.raises(InvalidInput, match="name"):
        async with store.as_operator(operator.id) as db:
            await db.customers.update(customer.id, name="y" * 201)
    # invalid enum values
    with pytest.raises(ValidationError):
        m.TicketNew(subject="x", priority="whenever")
    with pytest.raises(InvalidInput):
        async with store.as_operator(operator.id) as db:
            ticket = (await db.tickets.list(limit=1))[0]
            await db.tickets.update(ticket.id, status="exploded")
    with pytest.raises(InvalidInput):
        async with store.as_operator(operator.id) as db:
            await db.execute("update public.tickets set status = 'exploded' where operator_id = $1", operator.id)
    # invalid phone, unknown filter, a failure mid-transaction rolls back the earlier write
    with pytest.raises(ValidationError):
        m.CustomerNew(phone="12")
    with pytest.raises(InvalidInput):
        async with store.as_operator(operator.id) as db:
            await db.customers.list(password_hash="x")
    with pytest.raises(Conflict):
        async with store.as_operator(operator.id) as db:
            await db.customers.update(customer.id, company="Half-written")
            await db.customers.create(m.CustomerNew(phone=customer.phone))

    assert await _snapshot(store, operator.id) == before


async def test_dial_records_outlive_attempts_to_delete_their_campaign(store, operator) -> None:
    async with store.as_operator(operator.id) as db:
        rows = await populate(db)
    with pytest.raises(Conflict, match="still in use"):
        async with store.as_operator(operator.id) as db:
            await db.campaigns.delete(rows["campaigns"].id)
    with pytest.raises(Conflict, match="still in use"):
        async with store.as_operator(operator.id) as db:
            await db.leads.delete(rows["leads"].id)
    async with store.as_operator(operator.id) as db:
        assert (await db.campaign_calls.get(rows["campaign_calls"].id)).phone == rows["leads"].phone
