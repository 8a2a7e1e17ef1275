"""The outbound agent in a real LiveKit room, run by the real worker, against a callee playing recordings.

A machine greeting with a beep: the agent waits for the beep, leaves the campaign's voicemail and
closes the room. A person's hello: the agent connects and runs the campaign flow to an outcome.
Latencies are recorded (``record_property``), never asserted.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from livekit import api

from agent.amd import detect_file
from agent.testing import create_room_with_agent
from agent.testing.callee import TestCallee
from bench.amd_corpus import ClipLabel, generate
from callcenter.models.common import TERMINAL_CALL_STATUSES
from callcenter.models.jobs import OutboundJob
from tests.outbound.conftest import IDENTIFICATION, VOICEMAIL, campaign_call, records

pytestmark = [pytest.mark.db, pytest.mark.livekit]

CORPUS_SEED = 7


@pytest.fixture(scope="session")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, ClipLabel]]:
    """A machine greeting ending in a beep and a person's short hello (espeak-ng over a phone line), each one
    the detector gets right offline, so these tests are about the agent, not the detector's accuracy."""
    out = tmp_path_factory.mktemp("amd-clips")
    manifest = generate(CORPUS_SEED, 10, out, jobs=1)
    found: dict[str, tuple[Path, ClipLabel]] = {}
    for clip in manifest.clips:
        result = detect_file(str(out / clip.file))
        if clip.label == "machine" and clip.beep_end_ms and result.result == "machine" and result.beep_end_ms:
            found.setdefault("machine", (out / clip.file, clip))
        if (clip.label == "human" and clip.scenario == "short_hello" and result.result == "human"
                and result.decision_ms - clip.greeting_end_ms < 2000):
            found.setdefault("human", (out / clip.file, clip))
    assert set(found) == {"machine", "human"}, f"corpus seed {CORPUS_SEED} no longer has the clips: {manifest}"
    return found


async def dial(livekit_env: dict[str, str], agent_name: str, job: OutboundJob) -> str:
    """What the dialer does before the callee answers: the room, with the agent dispatched into it."""
    room = f"out-{job.call_id}"
    await create_room_with_agent(livekit_env["LIVEKIT_URL"], livekit_env["LIVEKIT_API_KEY"],
                                 livekit_env["LIVEKIT_API_SECRET"], room=room, agent_name=agent_name,
                                 metadata=job.model_dump_json())
    return room


async def agent_joined(livekit_env: dict[str, str], agent_name: str, job: OutboundJob, tries: int = 10) -> int:
    """Wait for the agent in the call's room; dispatch it again while it does not come. The server only
    offers a job to workers reporting a load under its target (0.7), and on this shared machine the
    worker's load is the machine's CPU. Returns the number of dispatches it took."""
    room = f"out-{job.call_id}"
    async with api.LiveKitAPI(*creds(livekit_env)) as lk:
        for attempt in range(1, tries + 1):
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                people = (await lk.room.list_participants(api.ListParticipantsRequest(room=room))).participants
                if any(p.kind == api.ParticipantInfo.Kind.AGENT for p in people):
                    return attempt
                await asyncio.sleep(0.2)
            await lk.agent_dispatch.create_dispatch(
                api.CreateAgentDispatchRequest(agent_name=agent_name, room=room, metadata=job.model_dump_json()))
    raise AssertionError(f"no agent joined {room} after {tries} dispatches")


async def room_closed(livekit_env: dict[str, str], room: str, timeout: float = 20.0) -> bool:
    async with api.LiveKitAPI(livekit_env["LIVEKIT_URL"], livekit_env["LIVEKIT_API_KEY"],
                              livekit_env["LIVEKIT_API_SECRET"]) as lk:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not (await lk.room.list_rooms(api.ListRoomsRequest(names=[room]))).rooms:
                return True
            await asyncio.sleep(0.2)
    return False


async def ended(store, job: OutboundJob, timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while (rec := await records(store, job))["call"].status not in TERMINAL_CALL_STATUSES:
        assert time.monotonic() < deadline, f"call still {rec['call'].status} after {timeout}s"
        await asyncio.sleep(0.2)
    return rec


def creds(livekit_env: dict[str, str]) -> tuple[str, str, str]:
    return livekit_env["LIVEKIT_URL"], livekit_env["LIVEKIT_API_KEY"], livekit_env["LIVEKIT_API_SECRET"]


async def test_a_machine_gets_the_voicemail_after_the_beep(
    store, livekit_env, outbound_worker, clips, record_property: Callable[[str, object], None],
) -> None:
    path, label = clips["machine"]
    job = await campaign_call(store, amd_action="voicemail")
    room = await dial(livekit_env, outbound_worker[0], job)
    dispatches = await agent_joined(livekit_env, outbound_worker[0], job)
    async with TestCallee.join(*creds(livekit_env), room, f"lead-{job.lead_id}") as callee:
        await callee.wait_until_heard(timeout=30)
        started = await callee.play_file(path)
        beep_end_at = started + label.beep_end_ms / 1000
        message = await callee.caller.wait_for_text("call us back", timeout=30)
        first_audio = await callee.caller.first_audio_after(started, timeout=10)
        closed = await room_closed(livekit_env, room)
        stats = callee.caller.audio_stats()

    assert message.text == VOICEMAIL["en"]
    assert first_audio > beep_end_at, "the agent spoke before the beep ended"
    assert stats.voiced_duration > 2.0 and stats.peak > 0.1, stats
    assert closed, "the agent did not close the room after the voicemail"
    rec = await ended(store, job)
    call, attempt = rec["call"], rec["attempt"]
    assert (call.status, call.outcome, call.amd_result) == ("completed", "voicemail", "machine")
    assert call.amd["decision"] == "machine" and call.amd["step"] == "voicemail" and call.amd["cue"] == "beep_end"
    assert call.amd["beep_end_ms"] is not None and call.amd["features"]["bursts"] >= 1
    assert (attempt.outcome, attempt.amd_result, attempt.disposition) == ("voicemail", "machine", "voicemail_left")
    assert [(line.speaker, line.text) for line in rec["lines"]] == [("agent", VOICEMAIL["en"])]
    for name, value in {
        "clip": f"{label.file} {label.scenario}", "dispatches": dispatches,
        "beep_end_to_first_audio_s": round(first_audio - beep_end_at, 3),
        "agent_decision_ms": call.amd["decision_ms"], "agent_beep_end_ms": call.amd["beep_end_ms"],
        "true_beep_end_ms": label.beep_end_ms,
        "agent_message_after_cue_ms": call.amd["latency"]["message_after_cue_ms"],
    }.items():
        record_property(name, value)


async def test_a_person_is_connected_and_talks_through_the_flow(
    store, livekit_env, outbound_worker, clips, record_property: Callable[[str, object], None],
) -> None:
    path, label = clips["human"]
    job = await campaign_call(store, amd_action="hangup")
    room = await dial(livekit_env, outbound_worker[0], job)
    dispatches = await agent_joined(livekit_env, outbound_worker[0], job)
    async with TestCallee.join(*creds(livekit_env), room, f"lead-{job.lead_id}") as callee:
        await callee.wait_until_heard(timeout=30)
        playing = asyncio.create_task(callee.play_file(path))
        greeting = await callee.caller.wait_for_text("good time", timeout=30)
        started = await playing
        greeting_end_at = started + label.greeting_end_ms / 1000
        first_audio = await callee.caller.first_audio_after(started, timeout=10)
        await callee.caller.wait_for_silence(quiet=0.5, timeout=20)
        await callee.caller.say("yes")
        await callee.caller.wait_for_text("follow up", timeout=15)
        await callee.caller.wait_for_silence(quiet=0.5, timeout=20)
        await callee.caller.say("yes please")
        await callee.caller.wait_for_text("goodbye", timeout=15)
        closed = await room_closed(livekit_env, room)

    assert greeting.text.startswith(IDENTIFICATION["en"])
    assert closed, "the agent did not close the room after the goodbye"
    rec = await ended(store, job)
    call, attempt = rec["call"], rec["attempt"]
    assert (call.status, call.outcome, call.amd_result) == ("completed", "qualified", "human")
    assert call.amd["step"] == "connect" and call.amd["greeting_end_ms"] is not None
    assert (attempt.outcome, attempt.amd_result, attempt.disposition) == ("qualified", "human", "connected")
    assert [line.speaker for line in rec["lines"]] == ["agent", "caller", "agent", "caller", "agent"]
    for name, value in {
        "clip": f"{label.file} {label.scenario}", "dispatches": dispatches,
        "greeting_end_to_first_audio_s": round(first_audio - greeting_end_at, 3),
        "agent_connect_ms": call.amd["latency"]["connect_ms"],
        "agent_decision_after_greeting_ms": call.amd["latency"]["after_greeting_ms"],
        "abandoned": attempt.abandoned,
    }.items():
        record_property(name, value)


async def test_nobody_answers(store, livekit_env, outbound_worker) -> None:
    job = await campaign_call(store, ring_timeout_s=15)
    room = await dial(livekit_env, outbound_worker[0], job)
    await agent_joined(livekit_env, outbound_worker[0], job)
    assert await room_closed(livekit_env, room, timeout=30), "the agent did not give up after the ring timeout"
    rec = await ended(store, job)
    assert (rec["call"].status, rec["call"].outcome, rec["call"].amd_result) == ("failed", "no_answer", None)
    assert (rec["attempt"].outcome, rec["attempt"].disposition) == ("no_answer", "no_answer")
    assert rec["attempt"].ring_s >= 15 and rec["attempt"].answered_at is None
