"""What the inbound host needs from the phone side: transfer the caller, hang up."""

from __future__ import annotations

from typing import Literal, Protocol

from livekit import api, rtc

from callcenter.log import get_logger

log = get_logger(__name__)


class Telephony(Protocol):
    async def transfer(self, to: str | None, mode: Literal["cold", "warm"]) -> bool: ...

    async def hangup(self) -> None: ...


class LiveKitTelephony:
    """SIP callers are transferred with a SIP REFER (cold); WebRTC callers wait in the room for a
    human agent to join (warm). Hanging up deletes the room, which also ends a SIP leg."""

    def __init__(self, lk: api.LiveKitAPI, room: rtc.Room, caller: rtc.RemoteParticipant) -> None:
        self.lk = lk
        self.room = room
        self.caller = caller

    @property
    def is_sip(self) -> bool:
        return self.caller.kind == rtc.ParticipantKind.PARTICIPANT_KIND_SIP

    async def transfer(self, to: str | None, mode: Literal["cold", "warm"]) -> bool:
        if mode == "warm" or not self.is_sip or not to:
            return False
        await self.lk.sip.transfer_sip_participant(
            api.TransferSIPParticipantRequest(
                room_name=self.room.name, participant_identity=self.caller.identity, transfer_to=to,
                play_dialtone=False,
            )
        )
        log.info("caller transferred", to=to, room=self.room.name)
        return True

    async def hangup(self) -> None:
        await self.lk.room.delete_room(api.DeleteRoomRequest(room=self.room.name))
