"""Waiting on the room: for the callee to answer, and for their audio."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from livekit import rtc

T = TypeVar("T")
ROOM_EVENTS = ("participant_connected", "participant_attributes_changed", "track_subscribed")


def answered(participant: rtc.RemoteParticipant) -> bool:
    """A callee that picked up: any participant but an agent; a SIP one once its call is active."""
    if participant.kind == rtc.ParticipantKind.PARTICIPANT_KIND_AGENT:
        return False
    return (participant.kind != rtc.ParticipantKind.PARTICIPANT_KIND_SIP
            or participant.attributes.get("sip.callStatus") == "active")


async def _until(room: rtc.Room, check: Callable[[], T | None], timeout: float) -> T | None:
    """`check()` once it returns something, re-checked on room events; None after `timeout` s."""
    changed = asyncio.Event()

    def poke(*_: object) -> None:
        changed.set()

    for name in ROOM_EVENTS:
        room.on(name, poke)
    try:
        async with asyncio.timeout(timeout):
            while (found := check()) is None:
                changed.clear()
                await changed.wait()
            return found
    except TimeoutError:
        return None
    finally:
        for name in ROOM_EVENTS:
            room.off(name, poke)


async def wait_for_callee(room: rtc.Room, timeout: float) -> rtc.RemoteParticipant | None:
    """The callee once they answered, or None if nobody did within `timeout` s."""
    return await _until(room, lambda: next((p for p in room.remote_participants.values() if answered(p)), None),
                        timeout)


async def wait_for_audio(room: rtc.Room, callee: rtc.RemoteParticipant, timeout: float) -> rtc.RemoteAudioTrack | None:
    """The callee's subscribed audio track, or None if none came within `timeout` s."""

    def track() -> rtc.RemoteAudioTrack | None:
        return next((pub.track for pub in callee.track_publications.values()
                     if isinstance(pub.track, rtc.RemoteAudioTrack)), None)

    return await _until(room, track, timeout)
