"""Spike: a real LiveKit server, the spike worker (espeak TTS + echo LLM) and a TestCaller."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable

import pytest
from livekit import rtc

from agent.testing import TestCaller, create_room_with_agent, delete_room

from .conftest import LiveKitCreds, WorkerInfo

pytestmark = pytest.mark.livekit


@pytest.fixture
async def spike_room(livekit_server: LiveKitCreds, spike_worker: WorkerInfo) -> AsyncIterator[str]:
    """A fresh room with the spike agent dispatched; deleted afterwards, which ends the job
    (otherwise it outlives the caller until the server's 20 s departure timeout)."""
    room = f"spike-{uuid.uuid4().hex[:8]}"
    await create_room_with_agent(
        *livekit_server, room=room, agent_name=spike_worker.agent_name, metadata='{"lang":"en"}'
    )
    yield room
    await delete_room(*livekit_server, room)


async def test_text_and_dtmf_roundtrip(
    livekit_server: LiveKitCreds,
    spike_worker: WorkerInfo,
    spike_room: str,
    record_property: Callable[[str, object], None],
) -> None:
    async with TestCaller.join(*livekit_server, spike_room, "caller-1") as caller:
        agent = await caller.wait_for_agent(timeout=20)
        assert agent.kind == rtc.ParticipantKind.PARTICIPANT_KIND_AGENT
        await caller.wait_for_agent_audio(timeout=20)

        greeting = await caller.wait_for_text("welcome", timeout=20)
        assert greeting.identity == agent.identity
        await caller.wait_for_silence(quiet=0.5, timeout=20)

        sent = await caller.say("I need billing")
        reply_audio = await caller.first_audio_after(sent, timeout=10)
        reply = await caller.wait_for_text("You said: I need billing", timeout=15)
        await caller.wait_for_silence(quiet=0.5, timeout=20)

        pressed = await caller.press("5")
        dtmf_audio = await caller.first_audio_after(pressed, timeout=10)
        await caller.wait_for_text("you pressed 5", timeout=15)

        stats = caller.audio_stats()
        assert stats.voiced_duration > 2.0, stats
        assert stats.peak > 0.2 and stats.rms > 0.02, stats
        assert reply.opened_at >= sent
        assert [s.text for s in caller.transcript] == [
            "Welcome to the spike agent.",
            "You said: I need billing",
            "you pressed 5",
        ]
        assert reply_audio - sent < 5.0 and dtmf_audio - pressed < 5.0
        for name, value in {
            "worker_startup_s": spike_worker.startup_seconds,
            "say_to_first_audio_s": reply_audio - sent,
            "say_to_first_text_s": reply.opened_at - sent,
            "dtmf_to_first_audio_s": dtmf_audio - pressed,
        }.items():
            record_property(name, round(value, 3))

    dtmf_log = [ln for ln in spike_worker.log.read_text().splitlines() if "dtmf code=" in ln]
    assert any("code=5 digit='5' participant=caller-1" in ln for ln in dtmf_log), dtmf_log
