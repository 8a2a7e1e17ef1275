"""An outbound call in AgentSession text mode (no LiveKit server): the real flow, store and offline LLM."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Literal

import pytest
from livekit.agents import AgentSession

from agent.amd import AmdEvent
from agent.flows.local_llm import LocalUnderstandingLLM
from agent.outbound.call import OutboundCall, Standby
from agent.outbound.decision import Decided, plan
from callcenter.models.jobs import OutboundJob
from tests.outbound.conftest import IDENTIFICATION, VOICEMAIL, campaign_call, records

pytestmark = pytest.mark.db


@dataclass
class LoggedTelephony:
    transfers: list[str | None] = field(default_factory=list)
    hangups: int = 0
    transfer_works: bool = False

    async def transfer(self, to: str | None, mode: Literal["cold", "warm"]) -> bool:
        self.transfers.append(to)
        return self.transfer_works

    async def hangup(self) -> None:
        self.hangups += 1


@dataclass
class TextCall:
    job: OutboundJob
    call: OutboundCall
    session: AgentSession
    telephony: LoggedTelephony

    def agent_lines(self) -> list[str]:
        return [i.text_content or "" for i in self.session.history.items
                if i.type == "message" and i.role == "assistant"]

    async def say(self, text: str) -> None:
        await self.session.run(user_input=text)
        await asyncio.sleep(0.3)

    async def greeted(self, timeout: float = 10.0) -> str:
        """The agent's first line, once it said it."""
        async with asyncio.timeout(timeout):
            while not self.agent_lines():
                await asyncio.sleep(0.05)
        return self.agent_lines()[0]

    async def ended(self, timeout: float = 15.0) -> None:
        await asyncio.wait_for(self.call.flow.ended.wait(), timeout)
        for _ in range(50):
            if self.call.finished and self.telephony.hangups:
                return
            await asyncio.sleep(0.1)


def answer(result: str | None, job: OutboundJob, cue: str | None = None) -> Decided:
    decision = AmdEvent(kind="decision", time_ms=1800, emitted_ms=1840, result=result) if result else None
    cue_event = AmdEvent(kind=cue, time_ms=5200, emitted_ms=5240) if cue else None
    return Decided(plan=plan(result, job), decision=decision, cue=cue_event)


@pytest.fixture
async def start(store, settings):
    sessions: list[AgentSession] = []

    async def start(**job_fields) -> TextCall:
        job = await campaign_call(store, **job_fields)
        call = await OutboundCall.prepare(store, job, room_name=f"out-{job.call_id}", settings=settings)
        session = AgentSession(llm=LocalUnderstandingLLM())
        sessions.append(session)
        call.attach(session)
        telephony = LoggedTelephony()
        call.answered(telephony, can_transfer=False)
        await session.start(Standby())
        return TextCall(job, call, session, telephony)

    yield start
    for session in sessions:
        await session.aclose()


@pytest.mark.parametrize(("turns", "outcome"), [
    (["yes", "yes please"], "qualified"),
    (["yes", "no thanks"], "not_interested"),
    (["no, I'm driving"], "callback_requested"),
])
async def test_a_person_talks_through_the_campaign_flow(start, store, turns, outcome) -> None:
    tc = await start()
    await tc.call.act(answer("human", tc.job), listener=None)
    greeting = await tc.greeted()
    assert greeting.startswith(IDENTIFICATION["en"]) and "good time" in greeting
    for turn in turns:
        await tc.say(turn)
    await tc.ended()
    rec = await records(store, tc.job)
    call, attempt = rec["call"], rec["attempt"]
    assert (call.status, call.outcome, call.amd_result) == ("completed", outcome, "human")
    assert call.answered_at is not None and call.ended_at is not None
    assert (attempt.outcome, attempt.disposition, attempt.amd_result) == (outcome, "connected", "human")
    assert attempt.answered_at is not None and attempt.ended_at is not None and attempt.duration_s >= 0
    assert (rec["callback_at"] is not None) == (outcome == "callback_requested")
    assert call.intake["good_time"] is (outcome != "callback_requested")
    assert [line.speaker for line in rec["lines"]].count("caller") == len(turns)
    assert any(e.type == "flow_outcome" and e.payload["outcome"] == outcome for e in rec["events"])


async def test_the_callee_gets_no_reply_before_the_decision(start) -> None:
    tc = await start()
    await tc.say("hello? who is this?")
    assert tc.agent_lines() == [] and tc.call.stage == "detecting"


async def test_asking_for_a_person_without_a_transfer_gets_a_callback(start, store) -> None:
    tc = await start()
    await tc.call.act(answer("human", tc.job), listener=None)
    await tc.greeted()
    await tc.say("can I talk to a real person please")
    await tc.ended()
    rec = await records(store, tc.job)
    assert (rec["call"].outcome, rec["attempt"].disposition) == ("callback_requested", "connected")
    assert "call you back" in tc.agent_lines()[-1]


@pytest.mark.parametrize(("transfer_works", "status", "disposition"), [
    (True, "escalated", "transferred"),
    (False, "abandoned", "dropped"),
])
async def test_people_for_human_agents_are_transferred(start, store, transfer_works, status, disposition) -> None:
    tc = await start(connect_to="human", transfer_to="sip:desk@pbx.example.com")
    tc.telephony.transfer_works = transfer_works
    await tc.call.act(answer("human", tc.job), listener=None)
    assert tc.telephony.transfers == ["sip:desk@pbx.example.com"] and tc.telephony.hangups == 1
    assert tc.agent_lines() == ([] if transfer_works else [IDENTIFICATION["en"]])
    rec = await records(store, tc.job)
    assert (rec["call"].status, rec["attempt"].disposition) == (status, disposition)
    assert rec["attempt"].abandoned is (not transfer_works)


async def test_unknown_answers_are_treated_as_people(start, store) -> None:
    tc = await start(amd_action="hangup")
    await tc.call.act(answer("unknown", tc.job), listener=None)
    assert "good time" in await tc.greeted()
    assert tc.call.stage == "connected" and tc.telephony.hangups == 0


async def test_a_machine_gets_the_voicemail_then_the_call_ends(start, store) -> None:
    tc = await start(amd_action="voicemail", language="ar")
    await tc.call.act(answer("machine", tc.job, cue="beep_end"), listener=None)
    assert tc.agent_lines() == [VOICEMAIL["ar"]] and tc.telephony.hangups == 1
    rec = await records(store, tc.job)
    call, attempt = rec["call"], rec["attempt"]
    assert (call.status, call.outcome, call.amd_result) == ("completed", "voicemail", "machine")
    assert (attempt.outcome, attempt.disposition, attempt.amd_result) == ("voicemail", "voicemail_left", "machine")
    assert [(line.speaker, line.text) for line in rec["lines"]] == [("agent", VOICEMAIL["ar"])]


async def test_a_machine_is_hung_up_on(start, store) -> None:
    tc = await start(amd_action="hangup")
    await tc.call.act(answer("machine", tc.job), listener=None)
    assert tc.agent_lines() == [] and tc.telephony.hangups == 1
    rec = await records(store, tc.job)
    assert (rec["call"].outcome, rec["attempt"].disposition) == ("voicemail", "machine_hangup")


async def test_a_failed_machine_transfer_hangs_up(start, store) -> None:
    tc = await start(amd_action="transfer", transfer_to="tel:+966112345678")
    await tc.call.act(answer("machine", tc.job), listener=None)
    assert tc.telephony.transfers == ["tel:+966112345678"] and tc.telephony.hangups == 1
    assert (await records(store, tc.job))["attempt"].disposition == "machine_transfer_failed"


async def test_a_person_hanging_up_mid_conversation(start, store) -> None:
    tc = await start()
    await tc.call.act(answer("human", tc.job), listener=None)
    await tc.greeted()
    await tc.say("yes")
    await tc.call.callee_left()
    rec = await records(store, tc.job)
    assert (rec["call"].status, rec["call"].outcome) == ("completed", "not_interested")
    assert rec["attempt"].disposition == "hung_up" and tc.telephony.hangups == 1


async def test_a_person_hanging_up_before_the_agent_spoke_was_abandoned(start, store) -> None:
    tc = await start()
    await tc.call.callee_left()  # still detecting
    rec = await records(store, tc.job)
    assert (rec["call"].status, rec["call"].outcome) == ("abandoned", "no_answer")
    assert (rec["attempt"].disposition, rec["attempt"].abandoned) == ("hung_up_before_connect", True)


async def test_no_answer(store, settings) -> None:
    job = await campaign_call(store)
    call = await OutboundCall.prepare(store, job, room_name=f"out-{job.call_id}", settings=settings)
    await call.no_answer()
    await call.on_shutdown()  # the room closing afterwards changes nothing
    rec = await records(store, job)
    assert (rec["call"].status, rec["call"].outcome, rec["call"].amd_result) == ("failed", "no_answer", None)
    assert rec["call"].answered_at is None
    attempt = rec["attempt"]
    assert (attempt.outcome, attempt.disposition, attempt.answered_at) == ("no_answer", "no_answer", None)
    assert attempt.ended_at is not None and attempt.ring_s >= 0 and attempt.duration_s is None


async def test_an_attempt_the_dialer_closed_is_left_alone(store, settings) -> None:
    job = await campaign_call(store)
    async with store.as_operator(job.operator_id) as db:
        await db.execute("update public.campaign_calls set ended_at = now(), outcome = 'busy', disposition = 'busy'"
                         " where lead_id = $1", job.lead_id)
    call = await OutboundCall.prepare(store, job, room_name=f"out-{job.call_id}", settings=settings)
    await call.on_shutdown()
    assert (await records(store, job))["attempt"].outcome == "busy"
