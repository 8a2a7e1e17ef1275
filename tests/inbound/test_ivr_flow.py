"""The inbound IVR in AgentSession text mode (no server): the real flow, host, store and offline LLM."""

from __future__ import annotations

import asyncio

import pytest

from callcenter import models as m
from tests.inbound.conftest import CALLER, CLOSED

pytestmark = pytest.mark.db


async def _records(store, operator, tc):
    async with store.as_operator(operator.id) as db:
        call = await db.calls.get(tc.call.recorder.call_id)
        return {
            "call": call,
            "lines": await db.transcripts.for_call(call.id),
            "events": [e.type for e in await db.call_events.for_call(call.id)],
            "tickets": await db.tickets.list(call_id=call.id),
            "escalations": await db.escalations.list(call_id=call.id),
            "recovery": await db.recovery_attempts.list(call_id=call.id),
        }


@pytest.fixture
async def knowledge(store, operator):
    async with store.as_operator(operator.id) as db:
        for title, content, lang in [
            ("Premium", "The premium package costs 299 riyals a month and includes home visits.", "en"),
            ("Premium ar", "سعر الباقة المميزة ٢٩٩ ريال في الشهر وتشمل الزيارات المنزلية.", "ar"),
            ("Hours", "Our opening hours are Sunday to Thursday from 9 in the morning to 5 in the evening.", "en"),
        ]:
            doc = await db.knowledge_documents.create(m.KnowledgeDocumentNew(title=title, content=content, language=lang))
            await db.knowledge_chunks.create(m.KnowledgeChunkNew(document_id=doc.id, chunk_index=0, content=content,
                                                                 language=lang))
    return operator


INTAKES = {
    "en": ["English", "My name is Omar Haddad", "yes", "omar.haddad@example.com"],
    "ar": ["عربي", "اسمي أحمد العتيبي", "ايوه", "ahmed.otaibi@example.com"],
    "mixed": ["Arabic please", "انا سارة Khalid", "yes نفس الرقم", "sara.k@example.com"],
}


@pytest.mark.parametrize(("lang", "need", "department"), [
    ("en", "I was charged twice on my last invoice and need a refund", "billing"),
    ("ar", "عندي شكوى الفني كان وقح وما صلح المكيف", "complaints"),
    ("mixed", "الـ app ما يشتغل وكل ما افتحه يطلع error", "technical_support"),
    ("en", "I'd like to reschedule my appointment to next week", "appointments"),
    ("ar", "ابغى احجز موعد مع الدكتور يوم الاحد", "appointments"),
    ("mixed", "عندي problem في الـ bill هذا الشهر", "billing"),
    ("en", "How much is the premium package per month?", "sales"),
    ("ar", "كم سعر الباقة المميزة؟", "sales"),
    ("en", "What are your opening hours on Sunday?", "reception"),
])
async def test_happy_path_reaches_the_department(start_call, knowledge, store, lang, need, department) -> None:
    tc = await start_call(knowledge)
    for turn in INTAKES[lang]:
        await tc.say(turn)
    await tc.say(need)
    assert tc.state.node_id == "confirm"
    reply = await tc.say("yes" if lang == "en" else "نعم")
    assert tc.state.variables["department"] == department
    await tc.say("no" if lang == "en" else "لا شكراً")
    await tc.ended()
    rec = await _records(store, knowledge, tc)
    call = rec["call"]
    assert call.status == "completed" and call.outcome == "completed"
    assert call.intake["need"] == need and call.intake["department"] == department and call.intake["confirmed"]
    assert call.intake["phone"] == CALLER
    assert call.department_id is not None
    if department == "sales":
        assert rec["tickets"] == [] and ("299" in reply or "٢٩٩" in reply)
    elif department == "reception":
        assert rec["tickets"] == [] and "Sunday to Thursday" in reply
    else:
        assert len(rec["tickets"]) == 1 and rec["tickets"][0].category in (department, "complaint")
    lines = rec["lines"]
    assert [l.seq for l in lines] == list(range(len(lines)))
    assert [l.text for l in lines if l.speaker == "caller"] == INTAKES[lang] + [need, "yes" if lang == "en" else "نعم",
                                                                                 "no" if lang == "en" else "لا شكراً"]
    expected_language = "en" if lang == "en" else "ar"
    assert tc.state.language == expected_language
    assert "routed" in rec["events"] and "tool_call" in rec["events"]


async def test_the_session_closes_before_the_room_goes(start_call, knowledge) -> None:
    # closing the session sends the goodbye's final transcript segment; deleting the room first lost it
    tc = await start_call(knowledge)
    for turn in [*INTAKES["en"], "What are your opening hours on Sunday?", "yes", "no"]:
        await tc.say(turn)
    await tc.ended()
    await asyncio.wait_for(_hung_up(tc), 10)
    assert tc.telephony.log == ["session closed", "hangup"]


async def _hung_up(tc) -> None:
    while not tc.telephony.hangups:
        await asyncio.sleep(0.05)


async def test_complaint_severity_sets_ticket_priority(start_call, operator, store) -> None:
    tc = await start_call(operator)
    for turn in INTAKES["en"]:
        await tc.say(turn)
    await tc.say("I want to file a complaint: your technician left a gas leak in my kitchen, it is dangerous")
    await tc.say("yes")
    rec = await _records(store, operator, tc)
    ticket = rec["tickets"][0]
    assert ticket.category == "complaint"
    assert ticket.priority in ("high", "urgent") and ticket.severity in ("high", "critical")


async def test_correction_at_confirm(start_call, operator, store) -> None:
    tc = await start_call(operator)
    for turn in INTAKES["en"]:
        await tc.say(turn)
    await tc.say("I need help with a payment")
    reply = await tc.say("no, the email is wrong")
    assert tc.state.node_id == "ask_email" and "email" in reply.lower()
    reply = await tc.say("it is omar.h@example.org")
    assert tc.state.node_id == "confirm" and "omar.h@example.org" in reply
    await tc.say("change my phone to 0551234567")
    assert tc.state.node_id == "confirm" and tc.state.variables["phone"] == "+966551234567"
    await tc.say("yes that's right")
    rec = await _records(store, operator, tc)
    assert rec["call"].intake["email"] == "omar.h@example.org"
    assert rec["call"].intake["phone"] == "+966551234567"


async def test_invalid_phone_and_email_are_asked_again(start_call, operator) -> None:
    tc = await start_call(operator, caller=None)
    await tc.say("English")
    await tc.say("I'm Lina Haddad")
    reply = await tc.say("my number is 12345")
    assert tc.state.node_id == "ask_phone_number" and "valid phone" in reply
    await tc.say("+1 415 555 0132")
    assert tc.state.variables["phone"] == "+14155550132"
    reply = await tc.say("lina at example")
    assert tc.state.node_id == "ask_email" and "valid email" in reply
    await tc.say("lina dot haddad at example dot com")
    assert tc.state.variables["email"] == "lina.haddad@example.com" and tc.state.node_id == "ask_need"


async def test_silence_is_retried_then_escalated(start_call, operator, store) -> None:
    tc = await start_call(operator, timeout_s=0.3)
    await tc.say("English")
    await tc.settle(0.35 * 4)
    await tc.ended()
    rec = await _records(store, operator, tc)
    assert rec["call"].status == "escalated"
    [escalation] = rec["escalations"]
    assert escalation.reason == "repeated_failure"
    assert sum("did not hear" in l for l in tc.agent_lines()) == 2


@pytest.mark.parametrize(("lang", "words"), [("en", "I want a human"), ("ar", "أبي أكلم موظف"),
                                              ("mixed", "please حولني على موظف")])
async def test_asking_for_a_person_escalates_with_a_summary(start_call, operator, store, lang, words) -> None:
    tc = await start_call(operator)
    for turn in INTAKES[lang][:2]:
        await tc.say(turn)
    await tc.say(words)
    await tc.ended()
    rec = await _records(store, operator, tc)
    assert rec["call"].status == "escalated"
    [escalation] = rec["escalations"]
    assert escalation.reason == "caller_request"
    assert escalation.context["caller"]["name"] == tc.state.variables["name"]
    assert escalation.context["caller"]["phone"] == CALLER
    assert tc.state.variables["name"] in escalation.summary and "asked for a person" in escalation.summary
    assert tc.telephony.transfers == [(None, "warm")]


async def test_keywords_and_sentiment_escalate(start_call, operator, store) -> None:
    tc = await start_call(operator)
    await tc.say("English")
    await tc.say("I am going to call my lawyer about this")
    await tc.ended()
    assert (await _records(store, operator, tc))["escalations"][0].reason == "keyword"

    tc = await start_call(operator)
    await tc.say("عربي")
    await tc.say("راح ارفع عليكم قضية عند المحامي")
    await tc.ended()
    assert (await _records(store, operator, tc))["escalations"][0].reason == "keyword"

    tc = await start_call(operator)
    await tc.say("English")
    await tc.say("This is the worst, most useless, disgusting service I have ever had, I am furious")
    await tc.ended()
    assert (await _records(store, operator, tc))["escalations"][0].reason == "sentiment"

    tc = await start_call(operator)
    await tc.say("عربي")
    await tc.say("خدمة زبالة وموظفين فاشلين، ما احترمتوني")
    assert tc.state.node_id == "ask_name"
    await tc.say("كلامكم فاضي وانا زهقت منكم ومن تعاملكم السيء")
    await tc.ended()
    assert (await _records(store, operator, tc))["escalations"][0].reason == "sentiment"


async def test_a_complaint_is_not_mistaken_for_an_upset_caller(start_call, operator, store) -> None:
    tc = await start_call(operator)
    for turn in INTAKES["en"]:
        await tc.say(turn)
    await tc.say("Your delivery was late again and the box arrived damaged, I am really disappointed")
    assert tc.state.node_id == "confirm" and tc.state.escalation_reason is None


async def test_after_hours_takes_a_callback_request(start_call, operator, store) -> None:
    tc = await start_call(operator, now=CLOSED)
    reply = await tc.say("عربي")
    assert tc.state.node_id == "after_hours" and "مغلقون" in reply
    await tc.say("اسمي فاطمة")
    await tc.say("نعم")
    await tc.say("ابغى اعرف عن الاسعار")
    await tc.ended()
    rec = await _records(store, operator, tc)
    [attempt] = rec["recovery"]
    assert attempt.reason == "after_hours" and attempt.status == "scheduled" and attempt.phone == CALLER
    assert attempt.scheduled_at is not None and attempt.scheduled_at > CLOSED
    assert rec["call"].outcome == "callback_requested" and rec["call"].status == "completed"


async def test_dtmf_drives_language_and_confirmation(start_call, operator) -> None:
    tc = await start_call(operator)
    reply = await tc.press("1")
    assert tc.state.language == "ar" and "اسمك" in reply
    await tc.say("اسمي خالد")
    await tc.press("1")
    assert tc.state.variables["phone"] == CALLER
    await tc.say("لا يوجد")
    await tc.say("استفسار عن فاتورة")
    await tc.press("1")
    assert tc.state.node_id == "anything_else"
