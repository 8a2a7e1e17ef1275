"""The outbound agent's decisions, no services: what to do per AMD result and campaign, and when."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from types import SimpleNamespace

import numpy as np
import pytest
from livekit import rtc

from agent.amd import AmdEvent
from agent.outbound.amd import AmdListener
from agent.outbound.room import answered
from agent.outbound.decision import (
    Plan, decide, dropped, failed, machine_ending, no_answer, person_ending, plan, voicemail_message,
)
from callcenter.models.jobs import OutboundJob
from tests.amd.signals import beep, line, silence, voice

VOICEMAIL = {"en": "Hi, this is Acme. Please call us back.", "ar": "مرحباً، معك أكمي. يرجى معاودة الاتصال."}


def job(**fields) -> OutboundJob:
    base = dict(operator_id=uuid.uuid4(), campaign_id=uuid.uuid4(), lead_id=uuid.uuid4(), call_id=uuid.uuid4(),
                attempt=1, phone="+966501234567", language="en", voicemail_message=VOICEMAIL)
    return OutboundJob(**base | fields)


def decision(result: str, at: int) -> AmdEvent:
    return AmdEvent(kind="decision", time_ms=at, emitted_ms=at + 40, result=result, reason="test")


def cue(kind: str, at: int) -> AmdEvent:
    return AmdEvent(kind=kind, time_ms=at, emitted_ms=at + 40)


async def stream(*events: AmdEvent) -> AsyncIterator[AmdEvent]:
    for event in events:
        yield event


# ---------------------------------------------------------------- the plan per answer

@pytest.mark.parametrize("result", ["human", "unknown", None])
def test_people_and_unknown_answers_are_connected_to_the_flow(result) -> None:
    assert plan(result, job()) == Plan(step="connect")
    assert plan(result, job(amd_action="hangup")).step == "connect"


def test_people_go_to_a_human_agent_when_the_campaign_says_so() -> None:
    assert plan("human", job(connect_to="human", transfer_to="sip:desk@pbx")) == \
        Plan(step="connect_human", transfer_to="sip:desk@pbx")
    assert plan("human", job(connect_to="human")).step == "connect"  # nowhere to transfer: the AI flow


@pytest.mark.parametrize(("action", "fields", "expected"), [
    ("hangup", {}, Plan(step="hangup")),
    ("voicemail", {}, Plan(step="voicemail", message=VOICEMAIL["en"])),
    ("voicemail", {"language": "ar"}, Plan(step="voicemail", message=VOICEMAIL["ar"])),
    ("voicemail", {"voicemail_message": {}}, Plan(step="hangup")),
    ("transfer", {"transfer_to": "tel:+966112345678"}, Plan(step="transfer", transfer_to="tel:+966112345678")),
    ("transfer", {}, Plan(step="hangup")),
])
def test_machines_get_the_campaigns_amd_action(action, fields, expected) -> None:
    assert plan("machine", job(amd_action=action, **fields)) == expected


def test_voicemail_message_falls_back_to_the_other_language() -> None:
    assert voicemail_message(job(language="ar", voicemail_message={"en": "Call us."})) == "Call us."
    mixed = job(language="mixed", voicemail_message={"ar": " اتصل بنا ", "en": "x"})
    assert voicemail_message(mixed) == "اتصل بنا"
    assert voicemail_message(job(voicemail_message={"en": "  "})) is None


# ---------------------------------------------------------------- when to act

async def test_a_person_is_connected_on_the_decision() -> None:
    decided = await decide(stream(decision("human", 1900), cue("beep_end", 2500)), job())
    assert decided.plan.step == "connect" and decided.act_ms == 1900 and decided.cue is None


async def test_voicemail_waits_for_the_beep_end() -> None:
    decided = await decide(stream(decision("machine", 4000), cue("beep_end", 6100)), job())
    assert decided.plan.step == "voicemail" and decided.decision.time_ms == 4000
    assert decided.cue.kind == "beep_end" and decided.act_ms == 6100


async def test_voicemail_without_a_beep_waits_for_the_greeting_end() -> None:
    decided = await decide(stream(decision("machine", 8000), cue("greeting_end", 9000)), job())
    assert decided.cue.kind == "greeting_end" and decided.act_ms == 9000


async def test_voicemail_is_left_when_the_audio_ends_before_a_beep() -> None:
    decided = await decide(stream(decision("machine", 8000)), job())
    assert decided.plan.step == "voicemail" and decided.cue is None and decided.act_ms == 8000


@pytest.mark.parametrize("action", ["hangup", "transfer"])
async def test_hangup_and_transfer_do_not_wait_for_the_beep(action) -> None:
    decided = await decide(stream(decision("machine", 4000), cue("beep_end", 6100)),
                           job(amd_action=action, transfer_to="tel:+966112345678"))
    assert decided.plan.step == action and decided.act_ms == 4000


async def test_no_decision_at_all_counts_as_a_person() -> None:
    decided = await decide(stream(), job(amd_action="hangup"))
    assert decided.plan.step == "connect" and decided.decision is None


# ---------------------------------------------------------------- how calls end

def test_endings() -> None:
    assert no_answer().model_dump() == {"status": "failed", "outcome": "no_answer", "disposition": "no_answer"}
    assert not no_answer().abandoned and dropped().abandoned
    assert failed().outcome == "failed"
    assert machine_ending("voicemail").disposition == "voicemail_left"
    assert machine_ending("voicemail", completed=False).disposition == "voicemail_cut_off"
    assert machine_ending("hangup").outcome == "voicemail"
    assert machine_ending("transfer", completed=False).disposition == "machine_transfer_failed"


@pytest.mark.parametrize(("flow_outcome", "connected", "status", "outcome", "abandoned"), [
    ("qualified", True, "completed", "qualified", False),
    ("not_interested", True, "completed", "not_interested", False),
    ("callback_requested", True, "completed", "callback_requested", False),
    ("transferred", True, "escalated", "qualified", False),
    (None, True, "completed", "not_interested", False),  # hung up on the agent
    (None, False, "abandoned", "no_answer", True),  # hung up before the agent spoke
])
def test_person_endings(flow_outcome, connected, status, outcome, abandoned) -> None:
    ending = person_ending(flow_outcome, connected=connected)
    assert (ending.status, ending.outcome, ending.abandoned) == (status, outcome, abandoned)


# ---------------------------------------------------------------- the listener on audio frames

class FakeClock:
    """Wall-clock time that advances with the audio fed, as a live stream's would."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


async def frames(x: np.ndarray, rate: int, clock: FakeClock) -> AsyncIterator[rtc.AudioFrameEvent]:
    step = rate // 100
    for start in range(0, len(x) - step + 1, step):
        clock.now += 0.01
        yield rtc.AudioFrameEvent(rtc.AudioFrame(x[start:start + step].tobytes(), rate, 1, step))


async def test_listener_reports_a_machine_and_its_beep() -> None:
    rate, clock = 16000, FakeClock()
    x = line(silence(0.3, rate), voice(2.5, rate), silence(0.4, rate), beep(0.4, 1000, rate), silence(3.0, rate),
             rate=rate)
    listener = AmdListener(clock=clock)
    decided = await decide(listener.events(frames(x, rate, clock)), job())
    assert decided.plan.step == "voicemail" and decided.cue.kind == "beep_end"
    assert 3100 <= decided.cue.time_ms <= 3700
    assert listener.answered_at == pytest.approx(1_000.0)
    report = listener.report(connect_ms=None)
    assert report["decision"] == "machine" and report["beep_end_ms"] == decided.cue.time_ms
    assert report["features"]["bursts"] >= 1 and report["features"]["greeting_ms"] > 1500
    assert 0 <= report["latency"]["detect_lag_ms"] < 500


async def test_listener_reports_a_persons_greeting_end() -> None:
    rate, clock = 16000, FakeClock()
    x = line(silence(0.4, rate), voice(0.6, rate), silence(4.0, rate), rate=rate)
    listener = AmdListener(clock=clock)
    decided = await decide(listener.events(frames(x, rate, clock)), job())
    assert decided.plan.step == "connect" and decided.decision.result == "human"
    report = listener.report()
    assert 800 <= report["greeting_end_ms"] <= 1200
    assert 0 < report["latency"]["after_greeting_ms"] <= 1600
    assert listener.at(report["greeting_end_ms"]) == pytest.approx(1_000.0 + report["greeting_end_ms"] / 1000)


# ---------------------------------------------------------------- who counts as the callee

@pytest.mark.parametrize(("kind", "status", "callee"), [
    (rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD, None, True),
    (rtc.ParticipantKind.PARTICIPANT_KIND_SIP, "active", True),
    (rtc.ParticipantKind.PARTICIPANT_KIND_SIP, "ringing", False),
    (rtc.ParticipantKind.PARTICIPANT_KIND_SIP, None, False),
    (rtc.ParticipantKind.PARTICIPANT_KIND_AGENT, None, False),
])
def test_the_callee_is_any_participant_but_an_agent_once_answered(kind, status, callee) -> None:
    participant = SimpleNamespace(kind=kind, attributes={"sip.callStatus": status} if status else {})
    assert answered(participant) is callee
