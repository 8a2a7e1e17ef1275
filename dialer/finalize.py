"""Finalize leads from ended attempts: retry plan, lead status, qualification, pacing feedback."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from uuid import UUID

from pydantic import BaseModel

from callcenter.log import get_logger
from callcenter.store import Session, Store
from callcenter.store.campaign_repos import DialingCampaign, FinishedAttempt
from dialer import rules as campaign_rules
from dialer.compliance import UnknownTimeZone
from dialer.pacing import CallResult
from dialer.qualification import score_lead
from dialer.retry import CallOutcome, LeadStatus, RetryPlan, plan_retry

log = get_logger(__name__)

_FINAL_STATUS = {LeadStatus.EXHAUSTED: "exhausted", LeadStatus.WRONG_NUMBER: "invalid"}
"""Final retry statuses as lead statuses; the others (qualified, not interested, ...) are 'completed'."""
_DEFAULT_CALLBACK_DELAY = timedelta(hours=24)

Recorder = Callable[[UUID, CallResult], None]


class Settlement(BaseModel):
    """What a finished attempt does to its lead."""

    status: str
    next_attempt_at: datetime | None
    reason: str


def pacing_results(attempt: FinishedAttempt) -> list[CallResult]:
    """What the pacer learns from one attempt (times in epoch seconds)."""
    ended = attempt.ended_at.timestamp()
    machine = attempt.amd_result == "machine" or attempt.outcome == "voicemail"
    if attempt.answered_at is None or machine:
        return [CallResult(at=ended, outcome="machine" if machine else "no_answer", ring_s=attempt.ring_s)]
    answered = CallResult(at=attempt.answered_at.timestamp(), outcome="human", ring_s=attempt.ring_s,
                          abandoned=attempt.abandoned)
    if attempt.abandoned:
        return [answered]
    handle = attempt.duration_s if attempt.duration_s is not None else ended - attempt.answered_at.timestamp()
    return [answered, CallResult(at=ended, outcome="agent_free", handle_s=max(handle, 0.0))]


def settle(attempt: FinishedAttempt, campaign: DialingCampaign, previous: list[CallOutcome]) -> Settlement:
    """The lead's next status from the retry plan for this attempt's outcome."""
    outcome = CallOutcome(attempt.outcome or "failed")
    try:
        zones = campaign_rules.zones(attempt.phone, attempt.timezone, campaign)
    except UnknownTimeZone as exc:
        return Settlement(status="invalid", next_attempt_at=None, reason=str(exc))
    callback_at = attempt.callback_at
    if outcome is CallOutcome.CALLBACK_REQUESTED and callback_at is None:
        callback_at = attempt.ended_at + _DEFAULT_CALLBACK_DELAY
    plan: RetryPlan = plan_retry(
        outcome, at=attempt.ended_at, previous=previous, rules=campaign_rules.calling_rules(campaign),
        zones=zones, policy=campaign_rules.retry_policy(campaign), callback_at=callback_at,
    )
    if plan.retry_at is not None:
        status = "callback" if outcome is CallOutcome.CALLBACK_REQUESTED else "retry"
        return Settlement(status=status, next_attempt_at=plan.retry_at, reason=plan.reason)
    assert plan.final_status is not None
    return Settlement(status=_FINAL_STATUS.get(plan.final_status, "completed"), next_attempt_at=None,
                      reason=plan.reason)


async def _finalize_one(db: Session, attempt: FinishedAttempt, campaign: DialingCampaign) -> Settlement:
    history = (await db.leads.history([attempt.lead_id]))[attempt.lead_id]
    previous = [CallOutcome(h.outcome) for h in history if h.attempt < attempt.attempt and h.outcome]
    result = settle(attempt, campaign, previous)
    if await db.dnc_numbers.blocked_among([attempt.phone], campaign.id, attempt.ended_at):
        result = Settlement(status="dnc", next_attempt_at=None, reason="number is on the do-not-call list")
    scoring = campaign_rules.qualification_rules(campaign)
    qualification = score_lead(attempt.fields, scoring) if scoring and attempt.fields else None
    await db.leads.settle(
        attempt.lead_id, status=result.status, next_attempt_at=result.next_attempt_at, last_outcome=attempt.outcome,
        callback_at=(attempt.callback_at or result.next_attempt_at) if result.status == "callback" else None,
        abandoned_at=(attempt.answered_at or attempt.ended_at) if attempt.abandoned else None,
        qualification_score=qualification.score if qualification else None,
        qualification=qualification.model_dump(mode="json") if qualification else None,
    )
    return result


async def finalize_attempts(
    store: Store, *, operator_id: UUID | None = None, record: Recorder | None = None, limit: int = 200,
    lost_after_s: float = 30.0,
) -> int:
    """Close attempts lost with their call, then finalize every ended attempt whose lead still says
    `dialing` (locked, so concurrent runs never finalize one twice). Returns how many were finalized."""
    async with store.as_service(operator_id) as db:
        lost = await db.campaign_calls.close_lost(lost_after_s)
        if lost:
            log.warning("closed attempts whose call ended without them", count=lost)
        attempts = await db.leads.finished_attempts(limit)
        campaigns: dict[UUID, DialingCampaign] = {}
        for attempt in attempts:
            scoped = db.for_operator(attempt.operator_id)
            if attempt.campaign_id not in campaigns:
                campaigns[attempt.campaign_id] = await scoped.campaigns.dialing(attempt.campaign_id)
            result = await _finalize_one(scoped, attempt, campaigns[attempt.campaign_id])
            log.info("lead finalized", lead_id=str(attempt.lead_id), attempt=attempt.attempt,
                     outcome=attempt.outcome, status=result.status, reason=result.reason,
                     next_attempt_at=result.next_attempt_at.isoformat() if result.next_attempt_at else None)
    if record is not None:  # after the commit: the pacer learns only what was stored
        for attempt in attempts:
            for call_result in pacing_results(attempt):
                record(attempt.campaign_id, call_result)
    return len(attempts)
