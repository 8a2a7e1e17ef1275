"""The real LiveKit server from scripts/services.sh: create a room, join it with the rtc SDK, tear down."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from livekit import api, rtc

pytestmark = pytest.mark.livekit


async def test_room_lifecycle_on_the_real_server(livekit_env: dict[str, str]) -> None:
    url, key, secret = livekit_env["LIVEKIT_URL"], livekit_env["LIVEKIT_API_KEY"], livekit_env["LIVEKIT_API_SECRET"]
    name = f"foundation-{uuid.uuid4().hex[:8]}"
    lk = api.LiveKitAPI(url, key, secret)
    room = rtc.Room()
    try:
        created = await lk.room.create_room(api.CreateRoomRequest(name=name, empty_timeout=30))
        assert created.name == name
        token = (api.AccessToken(key, secret).with_identity("probe").with_name("Probe")
                 .with_grants(api.VideoGrants(room_join=True, room=name)).to_jwt())
        await room.connect(url, token)
        assert room.isconnected()
        listed = await lk.room.list_participants(api.ListParticipantsRequest(room=name))
        assert [p.identity for p in listed.participants] == ["probe"]

        disconnected = asyncio.Event()
        room.on("disconnected", lambda *_: disconnected.set())
        await lk.room.delete_room(api.DeleteRoomRequest(room=name))
        await asyncio.wait_for(disconnected.wait(), timeout=10)
        rooms = await lk.room.list_rooms(api.ListRoomsRequest(names=[name]))
        assert list(rooms.rooms) == []
    finally:
        await room.disconnect()
        await lk.aclose()
