"""Builders for test data: one valid row of every entity, created through the store."""

from __future__ import annotations

import uuid
from typing import Any

from callcenter import auth
from callcenter import models as m
from callcenter.store import Session, Store


async def new_operator(store: Store, **overrides: Any) -> m.Operator:
    fields = {"email": f"op-{uuid.uuid4().hex[:10]}@example.com", "password": "correct-horse-42-battery",
              "name": "Test Clinic", "timezone": "Asia/Riyadh"} | overrides
    return await auth.register(store, **fields)


def unique_phone() -> str:
    """A valid Saudi mobile number, different on every call."""
    return "+96650" + str(uuid.uuid4().int % 10**7).zfill(7)


async def populate(db: Session) -> dict[str, Any]:
    """One row of every operator-owned entity, linked the way the product links them."""
    rows: dict[str, Any] = {}
    dep = rows["departments"] = await db.departments.create(
        m.DepartmentNew(slug=f"dep_{uuid.uuid4().hex[:6]}", name_en="Sales", name_ar="المبيعات"))
    rows["routing_rules"] = await db.routing_rules.create(
        m.RoutingRuleNew(department_id=dep.id, phrases=["price", "سعر"], weight=2))
    agent = rows["human_agents"] = await db.human_agents.create(
        m.HumanAgentNew(name="Sara", phone=unique_phone(), department_id=dep.id, status="available"))
    cust = rows["customers"] = await db.customers.create(
        m.CustomerNew(name="أحمد علي", phone=unique_phone(), email="ahmed@example.com", language="ar",
                      custom_fields={"plan": "gold"}))
    call = rows["calls"] = await db.calls.create(
        m.CallNew(direction="inbound", room_name=f"call-{uuid.uuid4().hex}", caller_number=cust.phone,
                  customer_id=cust.id, department_id=dep.id, intake={"name": cust.name}))
    rows["call_transcripts"] = await db.transcripts.append(
        m.TranscriptNew(call_id=call.id, seq=0, speaker="caller", language="ar", text="مرحبا", start_ms=0, end_ms=900))
    rows["call_events"] = await db.call_events.add(call.id, "stage", stage="welcome")
    rows["call_notes"] = await db.call_notes.create(m.CallNoteNew(call_id=call.id, author="supervisor", body="ok"))
    rows["qa_scores"] = await db.qa_scores.create(m.QaScoreNew(call_id=call.id, score=87.5, rubric={"greeting": 1}))
    rows["call_drafts"] = await db.call_drafts.create(
        m.CallDraftNew(call_id=call.id, customer_id=cust.id, kind="follow_up", content={"text": "thanks"}))
    ticket = rows["tickets"] = await db.tickets.create(
        m.TicketNew(customer_id=cust.id, call_id=call.id, department_id=dep.id, subject="Late delivery",
                    category="complaint", priority="high", severity="medium"))
    rows["ticket_history"] = (await db.tickets.history(ticket.id))[0]
    rows["escalations"] = await db.escalations.create(
        m.EscalationNew(call_id=call.id, reason="caller_request", summary="wants a person", ticket_id=ticket.id,
                        human_agent_id=agent.id, context={"intake": call.intake}))
    script = rows["custom_scripts"] = await db.custom_scripts.create(
        m.CustomScriptNew(name=f"script {uuid.uuid4().hex[:4]}", flow={"initial": "start", "nodes": {}}))
    camp = rows["campaigns"] = await db.campaigns.create(
        m.CampaignNew(name="Spring offer", dialing_mode="predictive", script_id=script.id,
                      voicemail_message={"en": "Call us back", "ar": "اتصل بنا"}))
    lead = rows["leads"] = await db.leads.create(
        m.LeadNew(campaign_id=camp.id, name="Lina", phone=unique_phone(), timezone="Asia/Riyadh"))
    rows["campaign_calls"] = await db.campaign_calls.create(
        m.CampaignCallNew(campaign_id=camp.id, lead_id=lead.id, attempt=1, phone=lead.phone, outcome="no_answer",
                          ring_s=30))
    rows["dnc_numbers"] = await db.dnc_numbers.create(m.DncNumberNew(phone=unique_phone(), source="opt_out"))
    rows["recovery_attempts"] = await db.recovery_attempts.create(
        m.RecoveryAttemptNew(call_id=call.id, phone=cust.phone, reason="after_hours"))
    rows["industry_presets"] = await db.industry_presets.create(
        m.IndustryPresetNew(slug=f"my_{uuid.uuid4().hex[:6]}", industry="dental", name_en="Dental", name_ar="أسنان"))
    doc = rows["knowledge_documents"] = await db.knowledge_documents.create(
        m.KnowledgeDocumentNew(title="Opening hours", content="We open 9 to 5.", language="en"))
    rows["knowledge_chunks"] = await db.knowledge_chunks.create(
        m.KnowledgeChunkNew(document_id=doc.id, chunk_index=0, content="We open 9 to 5.", embedding=[0.1, 0.2]))
    return rows
