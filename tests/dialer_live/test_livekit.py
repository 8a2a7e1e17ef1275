"""A campaign call through the LiveKit boundary of the local server (no SIP trunk there): the room
is created with the outbound agent's dispatch carrying the lead's context, the SIP leg is refused,
and that refusal is the attempt's recorded disposition."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from livekit import api

from callcenter.models.jobs import OutboundJob
from dialer.dialing import place_call
from dialer.telephony import DialRequest, LiveKitTelephony
from tests.dialer_live.conftest import awake_zone, claim, new_campaign

pytestmark = [pytest.mark.db, pytest.mark.livekit]


class InspectingTelephony(LiveKitTelephony):
    """Reads the room's agent dispatches from the server just before the number would ring."""

    def __init__(self, *args: str) -> None:
        super().__init__(*args)
        self.dispatches: list[api.AgentDispatch] = []

    async def connect(self, request: DialRequest) -> api.SIPParticipantInfo:
        self.dispatches = list(await self.lk.agent_dispatch.list_dispatch(request.room_name))
        return await super().connect(request)


@pytest.fixture
async def telephony(livekit_env: dict[str, str]) -> AsyncIterator[InspectingTelephony]:
    client = InspectingTelephony(livekit_env["LIVEKIT_URL"], livekit_env["LIVEKIT_API_KEY"],
                                 livekit_env["LIVEKIT_API_SECRET"])
    yield client
    await client.aclose()


@pytest.mark.parametrize(("trunk", "caller_id", "disposition"), [
    (None, None, "error:invalid_argument"),  # no trunk and no number to find one by
    ("ST_no_such_trunk", "+966112345678", "error:not_found"),
])
async def test_campaign_call_dispatches_the_outbound_agent_with_the_leads_context(
    store, operator, telephony: InspectingTelephony, trunk: str | None, caller_id: str | None, disposition: str
) -> None:
    campaign = await new_campaign(store, operator.id, sip_trunk_id=trunk, caller_id=caller_id,
                                  identification_message={"en": "This is Nour Clinic. Press 9 to stop these calls."},
                                  leads=[{"phone": "+966501999001", "name": "Khalid", "timezone": awake_zone(),
                                          "custom_fields": {"plan": "gold", "language": "en"}}])
    [call_id] = await claim(store, operator.id, campaign.id, 1, datetime.now(UTC))

    result = await place_call(store, telephony, operator.id, call_id, ringing_timeout_s=20)

    [dispatch] = telephony.dispatches
    assert dispatch.agent_name == "callcenter-agent" == campaign.agent_name
    job = OutboundJob.model_validate_json(dispatch.metadata)
    async with store.as_operator(operator.id) as db:
        call = await db.calls.get(call_id)
        [attempt] = await db.campaign_calls.list(call_id=call_id)
    assert dispatch.room == call.room_name == f"out-{call_id}"
    assert (job.operator_id, job.campaign_id, job.lead_id, job.call_id, job.attempt) == (
        operator.id, campaign.id, attempt.lead_id, call_id, 1)
    assert (job.phone, job.lead_name, job.language, job.custom_fields["plan"]) == (
        "+966501999001", "Khalid", "en", "gold")
    assert (job.connect_to, job.transfer_to) == ("ai", None)
    assert (job.sip_trunk_id, job.caller_id, job.identification_message["en"]) == (
        trunk, caller_id, "This is Nour Clinic. Press 9 to stop these calls.")

    assert result is not None
    assert (result.answered, result.outcome, result.disposition) == (False, "failed", disposition)
    assert (attempt.disposition, attempt.outcome, attempt.ended_at is not None) == (disposition, "failed", True)
    assert (call.status, call.outcome, call.metadata["telephony"]) == ("failed", "failed", "test")
    assert call.metadata["failure_reason"].startswith(disposition.removeprefix("error:"))
    rooms = await telephony.lk.room.list_rooms(api.ListRoomsRequest(names=[call.room_name]))
    assert list(rooms.rooms) == []  # the unanswered call's room is gone, ending the agent's job
