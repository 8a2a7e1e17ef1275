"""One call at a time: a WebRTC caller, the real worker process, LiveKit and Postgres."""

from __future__ import annotations

import pytest

from agent.simulation.runner import Target, run_call
from agent.simulation.scenarios import Expectation, Intake, Scenario, Turn
from callcenter.store import Store
from tests.inbound_live.records import check_record, department_slugs, read_record

pytestmark = [pytest.mark.livekit, pytest.mark.db]
CALLER = "+966551230001"


def arabic_complaint() -> Scenario:
    """Arabic chosen by DTMF, the calling number accepted by DTMF, the rest typed; a low complaint."""
    return Scenario(
        id="live-complaint", mode="ar", dialect="gulf", caller_number=CALLER, caller_name="نورة العتيبي",
        tags=[],
        turns=[
            Turn(prompt="welcome", action="press", text="1"),
            Turn(prompt="ask_name", action="say", text="اسمي نورة العتيبي"),
            Turn(prompt="ask_phone", action="press", text="1"),
            Turn(prompt="ask_email", action="say", text="ايميلي noura.alotaibi@gmail.com"),
            Turn(prompt="ask_need", action="say", text="ابي اقدم شكوى على الخدمة", tag="need:complaints:gulf"),
            Turn(prompt="confirm", action="press", text="1"),
            Turn(prompt="anything_else", action="say", text="لا شكرا"),
        ],
        expect=Expectation(
            language="ar", departments=["complaints"], tickets=["complaint"], escalated=False, severity="low",
            intake=Intake(language="ar", name="نورة العتيبي", phone=CALLER, email="noura.alotaibi@gmail.com",
                          need="ابي اقدم شكوى على الخدمة"),
            final_prompt="goodbye",
        ),
    )


def english_human_request() -> Scenario:
    """English by speech; after giving a new number the caller asks for a person."""
    return Scenario(
        id="live-human", mode="en", dialect="en", caller_number=CALLER, caller_name="John Smith", tags=[],
        turns=[
            Turn(prompt="welcome", action="say", text="English please"),
            Turn(prompt="ask_name", action="say", text="My name is John Smith."),
            Turn(prompt="ask_phone", action="say", text="My number is 0551239876."),
            Turn(prompt="ask_email", action="say", text="No"),
            Turn(prompt="ask_need", action="say", text="I want a human."),
        ],
        expect=Expectation(language="en", departments=[], tickets=[], escalated=True,
                           escalation_reason="caller_request", intake=None, final_prompt="escalate"),
    )


@pytest.mark.parametrize("scenario", [arabic_complaint(), english_human_request()], ids=lambda s: s.id)
async def test_call_is_answered_routed_and_recorded(scenario: Scenario, livekit_target: Target, store: Store) -> None:
    result = await run_call(scenario, livekit_target)
    assert result.ok, result
    assert result.audio is not None and result.audio.voiced_s > 3.0 and result.audio.peak > 0.1, result.audio
    assert result.heard[0] == "welcome" and result.heard[-1] == scenario.expect.final_prompt
    assert result.departments == scenario.expect.departments
    assert len(result.latencies_s) == len(scenario.turns)

    operator_id = livekit_target.operator_id
    record = await read_record(store, operator_id, result.room)
    check_record(record, scenario, result, await department_slugs(store, operator_id))
    assert record.call.caller_number == CALLER and record.call.metadata["channel"] == "webrtc"
    if scenario.expect.escalated:
        escalation = record.escalations[0]
        assert escalation.context["caller"]["name"] == "John Smith"
        assert escalation.context["caller"]["phone"] == "+966551239876"
        assert record.call.intake["confirmed"] is False
    else:
        [ticket] = record.tickets
        assert (ticket.priority, ticket.customer_id) == ("low", record.call.customer_id)
