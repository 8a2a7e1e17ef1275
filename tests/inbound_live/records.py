"""Reading back what the worker recorded for a simulated call, and checking it against the scenario."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from agent.simulation.runner import CallResult
from agent.simulation.scenarios import Scenario
from callcenter import models as m
from callcenter.models.common import TERMINAL_CALL_STATUSES
from callcenter.store import Store
from tests.inbound_live.conftest import eventually


@dataclass
class CallRecord:
    call: m.Call
    transcript: list[m.Transcript]
    tickets: list[m.Ticket]
    escalations: list[m.Escalation]


async def department_slugs(store: Store, operator_id: UUID) -> dict[UUID, str]:
    async with store.as_operator(operator_id) as db:
        return {d.id: d.slug for d in await db.departments.list(limit=500)}


async def read_record(store: Store, operator_id: UUID, room: str, timeout: float = 30.0) -> CallRecord:
    """The call in ``room`` once it has ended (the worker writes after the caller hangs up)."""

    async def ended() -> m.Call | None:
        async with store.as_operator(operator_id) as db:
            call = await db.calls.by_room(room)
        return call if call and call.status in TERMINAL_CALL_STATUSES else None

    call = await eventually(ended, timeout, f"the call in {room} has ended")
    async with store.as_operator(operator_id) as db:
        return CallRecord(
            call=call,
            transcript=await db.transcripts.for_call(call.id),
            tickets=await db.tickets.list(call_id=call.id, order_by="created_at asc"),
            escalations=await db.escalations.list(call_id=call.id),
        )


def caller_texts(scenario: Scenario) -> list[str]:
    """What the caller said as chat text, in order (DTMF and silence leave no utterance)."""
    return [t.text for t in scenario.turns if t.action == "say"]


def check_record(record: CallRecord, scenario: Scenario, result: CallResult,
                 departments: dict[UUID, str]) -> None:
    """Every utterance once and in order, the outcome, the tickets and the escalation as expected."""
    expect = scenario.expect
    where = f"{scenario.id} in {result.room}"
    lines = record.transcript
    assert [line.seq for line in lines] == list(range(len(lines))), where
    assert [line.text for line in lines if line.speaker == "caller"] == caller_texts(scenario), where
    unmatched = align_agent_lines([line.text for line in lines if line.speaker == "agent"], result.agent_texts)
    assert unmatched is None, f"{where}: agent lines differ from what the caller heard at {unmatched}"
    assert record.call.status == ("escalated" if expect.escalated else "completed"), where
    assert [t.category for t in record.tickets] == expect.tickets, where
    assert [departments.get(t.department_id) for t in record.tickets] == [
        "complaints" if c == "complaint" else c for c in expect.tickets
    ], where
    complaint = [t for t in record.tickets if t.category == "complaint"]
    assert [t.severity for t in complaint] == ([expect.severity] if complaint else []), where
    if expect.escalated:
        [escalation] = record.escalations
        assert escalation.reason == expect.escalation_reason, where
        assert escalation.summary, where
    else:
        assert record.escalations == [], where
    if expect.intake:
        intake = record.call.intake
        assert {k: intake.get(k) for k in ("name", "phone", "email", "language")} == expect.intake.model_dump(
            include={"name", "phone", "email", "language"}), where
        assert intake["need"] == (caller_texts_with_tag(scenario, "need:") or [expect.intake.need])[-1], where
        assert intake["confirmed"] is True, where


_TERMINAL = (".", "?", "!", "؟", "…")


def align_agent_lines(recorded: list[str], heard: list[str]) -> tuple[str | None, str | None] | None:
    """None when the recorded agent lines are what the caller heard, in order; else the first pair
    (heard, recorded) that does not line up.

    An utterance cut short by the caller's input is recorded as far as it was played, which the
    caller's transcription may cut a word earlier or later, or not record at all when almost
    nothing was played: a pair where one text starts the other matches, and a heard text that
    stops mid-sentence may be missing.
    """
    recorded = [t.strip() for t in recorded]
    heard = [t.strip() for t in heard]
    i = j = 0
    while i < len(heard) and j < len(recorded):
        h, r = heard[i], recorded[j]
        partial = not h.endswith(_TERMINAL)
        if h == r or (not (partial and heard[i + 1 : i + 2] == [r]) and (h.startswith(r) or r.startswith(h))):
            i, j = i + 1, j + 1
        elif partial:
            i += 1
        else:
            return h, r
    rest = [h for h in heard[i:] if h.endswith(_TERMINAL)]
    if rest or j < len(recorded):
        return (rest[0] if rest else None), (recorded[j] if j < len(recorded) else None)
    return None


def caller_texts_with_tag(scenario: Scenario, prefix: str) -> list[str]:
    return [t.text for t in scenario.turns if t.tag.startswith(prefix)]
