"""Missed-call recovery: call back inbound callers we missed, inside hours, then hand over to people.

A missed call is an inbound call that ended `abandoned` (hung up in the queue) or `failed`
(dropped, e.g. its worker died); the IVR also books `after_hours` callbacks itself. Each gets a
`recovery_attempts` row scheduled at the first instant that is inside the operator's business
hours and inside 08:00-21:00 for the caller. A due callback is an outbound call whose agent job is
an `InboundJob` with the pre-created call (the IVR serves the caller as if they had called in);
it rings through the trunk in the operator's `settings.outbound_trunk_id`. Several missed calls
from one number share one callback. An answered callback recovers them; an unanswered one is
retried after 1 h, 4 h, ...; once `max_attempts` are used they are marked `needs_human`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from callcenter import models as m
from callcenter.hours import DAYS
from callcenter.log import get_logger
from callcenter.models.common import RecoveryStatus
from callcenter.models.jobs import InboundJob
from callcenter.store import Store
from callcenter.store.campaign_repos import RecoveryDue
from dialer.compliance import CallWindow, UnknownTimeZone, is_callable_now, lead_time_zones, next_window_start
from dialer.retry import RETRY_DELAYS, CallOutcome
from dialer.rules import wall_time
from dialer.telephony import DialRequest, DialResult, Telephony

log = get_logger(__name__)

RETRY_AFTER = RETRY_DELAYS[CallOutcome.NO_ANSWER]
"""Wait before the n-th retry of an unanswered callback (the last delay repeats)."""
ANY_TIME = [CallWindow(weekday=d, start=wall_time("00:00"), end=wall_time("24:00")) for d in range(7)]
_MAX_STEPS = 50


def business_windows(hours: dict[str, Sequence[Sequence[str]]]) -> list[CallWindow]:
    """Operator business hours ({"mon": [["09:00", "17:00"]], ...}) as call windows; none set means
    any time (the legal hours still apply)."""
    windows = [CallWindow(weekday=DAYS.index(day), start=wall_time(start), end=wall_time(end))
               for day, spans in hours.items() for start, end in spans]
    return windows or ANY_TIME


def _caller_zones(phone: str, operator_timezone: str) -> tuple[str, ...]:
    """The zones of the caller's number; the operator's when the number says none."""
    try:
        return lead_time_zones(phone)
    except UnknownTimeZone:
        return (operator_timezone,)


def callback_time(after: datetime, phone: str, operator_timezone: str, hours: dict) -> datetime:
    """The first instant at or after `after` inside business hours (operator's zone) and inside
    08:00-21:00 in every zone of the caller's number. Raises ValueError when there is none."""
    windows, caller = business_windows(hours), _caller_zones(phone, operator_timezone)
    moment = after
    for _ in range(_MAX_STEPS):
        open_at = next_window_start(moment, windows, (operator_timezone,))
        legal_at = next_window_start(open_at, ANY_TIME, caller)
        if legal_at == open_at:
            return open_at
        moment = legal_at
    raise ValueError("business hours and the caller's legal hours never meet")


def _in_hours(now: datetime, due: RecoveryDue) -> bool:
    caller = _caller_zones(due.attempt.phone, due.operator_timezone)
    return (is_callable_now(now, business_windows(due.business_hours), (due.operator_timezone,)).ok
            and is_callable_now(now, ANY_TIME, caller).ok)


async def detect_missed(
    store: Store, *, now: datetime, operator_id: UUID | None = None, lookback: timedelta = timedelta(hours=24),
    limit: int = 200,
) -> int:
    """Schedule a callback for each missed inbound call of the last `lookback`; returns how many."""
    async with store.as_service(operator_id) as db:
        missed = await db.recovery_attempts.missed_calls(now - lookback, limit)
        for call in missed:
            status: RecoveryStatus = "scheduled"
            try:
                when = call.open_scheduled_at or callback_time(now, call.phone, call.operator_timezone,
                                                               call.business_hours)
            except ValueError:
                when, status = None, "needs_human"
            await db.for_operator(call.operator_id).recovery_attempts.create(m.RecoveryAttemptNew(
                call_id=call.call_id, customer_id=call.customer_id, phone=call.phone, status=status,
                reason="abandoned_in_queue" if call.status == "abandoned" else "unanswered", scheduled_at=when,
                needs_human=status == "needs_human",
            ))
            log.info("missed call scheduled for recovery", call_id=str(call.call_id),
                     at=when.isoformat() if when else None)
    return len(missed)


async def start_due_callbacks(
    store: Store, *, now: datetime, operator_id: UUID | None = None, limit: int = 50
) -> list[tuple[UUID, UUID]]:
    """Create the callback calls for due recovery attempts, one per number; returns (operator_id,
    call_id) pairs to place. Attempts due outside hours move to the next allowed instant."""
    placed: list[tuple[UUID, UUID]] = []
    async with store.as_service(operator_id) as db:
        groups: dict[tuple[UUID, str], list[RecoveryDue]] = defaultdict(list)
        for due in await db.recovery_attempts.lock_due(now, limit):
            groups[(due.attempt.operator_id, due.attempt.phone)].append(due)
        for (owner, phone), dues in groups.items():
            scoped = db.for_operator(owner)
            first = dues[0]
            if await scoped.dnc_numbers.blocks(phone, None, now):
                for due in dues:
                    await scoped.recovery_attempts.settle(due.attempt.id, status="needs_human", outcome="do_not_call",
                                                          needs_human=True)
                continue
            if not _in_hours(now, first):
                try:
                    when: datetime | None = callback_time(now, phone, first.operator_timezone, first.business_hours)
                except ValueError:
                    when = None
                for due in dues:
                    await scoped.recovery_attempts.settle(
                        due.attempt.id, status="scheduled" if when else "needs_human", outcome=due.attempt.outcome,
                        scheduled_at=when, needs_human=when is None)
                continue
            call_id = uuid4()
            customer = next((d.attempt.customer_id for d in dues if d.attempt.customer_id), None)
            await scoped.recovery_attempts.start_callback(
                [d.attempt.id for d in dues], call_id=call_id, room_name=f"out-{call_id}", phone=phone,
                customer_id=customer, at=now,
            )
            placed.append((owner, call_id))
    return placed


async def place_callback(
    store: Store, telephony: Telephony, operator_id: UUID, call_id: UUID, *, agent_name: str,
    ringing_timeout_s: float,
) -> DialResult | None:
    """Ring a recovery callback; an unanswered one ends `failed` with its outcome. None when the
    call was already placed."""
    async with store.as_service(operator_id) as db:
        operator = await db.operators.me()
        call = await db.calls.get(call_id)
        attempt = (await db.recovery_attempts.list(callback_call_id=call_id, limit=1))[0]
        if not await db.campaign_calls.begin_ringing(call_id):
            return None
        original = await db.calls.find(attempt.call_id)
    job = InboundJob(operator_id=operator_id, channel="sip", call_id=call_id, caller_number=attempt.phone,
                     language=original.language if original else None)
    result = await telephony.dial(DialRequest(
        call_id=call_id, operator_id=operator_id, room_name=call.room_name or f"out-{call_id}", phone=attempt.phone,
        agent_name=agent_name, job_metadata=job.model_dump_json(), participant_identity=f"caller-{call_id}",
        sip_trunk_id=operator.settings.get("outbound_trunk_id"), caller_id=operator.settings.get("caller_id"),
        ringing_timeout_s=ringing_timeout_s,
    ))
    async with store.as_service(operator_id) as db:
        if result.answered:
            await db.campaign_calls.mark_answered(call_id, ring_s=result.ring_s, sip_call_id=result.sip_call_id)
        else:
            await db.calls.transition(call_id, "failed", outcome=result.outcome or "failed", metadata={
                **call.metadata, "disposition": result.disposition, "failure_reason": result.detail})
    log.info("recovery callback placed", call_id=str(call_id), answered=result.answered,
             disposition=result.disposition)
    return result


async def settle_callbacks(store: Store, *, now: datetime, operator_id: UUID | None = None, limit: int = 100) -> int:
    """Resolve attempts whose callback ended: recovered when answered, else retried later or, out
    of attempts, handed to people (`needs_human`). Returns how many were resolved."""
    async with store.as_service(operator_id) as db:
        ended = await db.recovery_attempts.ended_callbacks(limit)
        for done in ended:
            scoped = db.for_operator(done.attempt.operator_id)
            attempt = done.attempt
            outcome = done.call_outcome or done.call_status
            if done.call_status in ("completed", "escalated"):
                await scoped.recovery_attempts.settle(attempt.id, status="recovered", outcome=outcome)
            elif attempt.attempts >= attempt.max_attempts:
                await scoped.recovery_attempts.settle(attempt.id, status="needs_human", outcome=outcome,
                                                      needs_human=True)
            else:
                delay = RETRY_AFTER[min(attempt.attempts, len(RETRY_AFTER)) - 1]
                try:
                    when = callback_time(now + delay, attempt.phone, done.operator_timezone, done.business_hours)
                except ValueError:
                    await scoped.recovery_attempts.settle(attempt.id, status="needs_human", outcome=outcome,
                                                          needs_human=True)
                    continue
                await scoped.recovery_attempts.settle(attempt.id, status="scheduled", outcome=outcome,
                                                      scheduled_at=when)
            log.info("recovery callback resolved", recovery_id=str(attempt.id), outcome=outcome,
                     attempts=attempt.attempts)
    return len(ended)
