"""When to call a lead again after an outcome, moved inside the lead's call windows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dialer.compliance import CallingRules, next_window_start


class CallOutcome(StrEnum):
    QUALIFIED = "qualified"
    UNQUALIFIED = "unqualified"
    CALLBACK_REQUESTED = "callback_requested"
    NOT_INTERESTED = "not_interested"
    WRONG_NUMBER = "wrong_number"
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    FAILED = "failed"


class LeadStatus(StrEnum):
    """A lead's status once it will not be called again."""

    QUALIFIED = "qualified"
    UNQUALIFIED = "unqualified"
    NOT_INTERESTED = "not_interested"
    WRONG_NUMBER = "wrong_number"
    VOICEMAIL = "voicemail"
    EXHAUSTED = "exhausted"


RETRY_DELAYS: dict[CallOutcome, tuple[timedelta, ...]] = {
    CallOutcome.NO_ANSWER: (timedelta(hours=1), timedelta(hours=4), timedelta(hours=24)),
    CallOutcome.BUSY: (timedelta(hours=4), timedelta(hours=4)),
    CallOutcome.FAILED: (timedelta(0), timedelta(hours=24)),
}
"""The n-th occurrence of an outcome waits the n-th delay; past the last one, no more retries."""

_FINAL: dict[CallOutcome, LeadStatus] = {
    CallOutcome.QUALIFIED: LeadStatus.QUALIFIED,
    CallOutcome.UNQUALIFIED: LeadStatus.UNQUALIFIED,
    CallOutcome.NOT_INTERESTED: LeadStatus.NOT_INTERESTED,
    CallOutcome.WRONG_NUMBER: LeadStatus.WRONG_NUMBER,
}


class RetryPolicy(BaseModel):
    """A campaign's voicemail setting (other retries follow RETRY_DELAYS)."""

    model_config = ConfigDict(frozen=True)

    voicemail: Literal["retry", "no_retry"] = "retry"
    voicemail_delay: timedelta = Field(default=timedelta(hours=24), ge=timedelta(0))


DEFAULT_RETRY_POLICY = RetryPolicy()


class RetryPlan(BaseModel):
    """Either a time to call again (`retry_at`) or the lead's final status, never both."""

    model_config = ConfigDict(frozen=True)

    retry_at: datetime | None
    reason: str
    final_status: LeadStatus | None


def _final(status: LeadStatus, reason: str) -> RetryPlan:
    return RetryPlan(retry_at=None, reason=reason, final_status=status)


def plan_retry(
    outcome: CallOutcome,
    *,
    at: datetime,
    previous: Sequence[CallOutcome],
    rules: CallingRules,
    zones: Sequence[str],
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    callback_at: datetime | None = None,
) -> RetryPlan:
    """Plan what follows a call that ended at `at` with `outcome`.

    `previous` holds the outcomes of the lead's earlier attempts (not this one); `zones` are
    the lead's time zones (`compliance.lead_time_zones`). A callback needs `callback_at`, the
    time the lead asked for. Every retry is moved to the next instant the campaign's windows
    and holidays allow, and none is planned once `rules.max_attempts` calls were made.
    """
    if outcome in _FINAL:
        return _final(_FINAL[outcome], f"{outcome.value} is final")
    at = at.astimezone(UTC)  # delays are elapsed time, not wall-clock time across DST changes
    attempts = len(previous) + 1
    if attempts >= rules.max_attempts:
        return _final(
            LeadStatus.EXHAUSTED, f"max attempts reached ({attempts}/{rules.max_attempts})"
        )

    if outcome is CallOutcome.CALLBACK_REQUESTED:
        if callback_at is None:
            raise ValueError("a callback_requested outcome needs callback_at")
        wanted, why = max(callback_at, at), "callback requested by the lead"
    elif outcome is CallOutcome.VOICEMAIL:
        if policy.voicemail == "no_retry":
            return _final(LeadStatus.VOICEMAIL, "voicemail reached; campaign does not retry")
        wanted, why = at + policy.voicemail_delay, "voicemail reached; campaign retries"
    else:
        delays = RETRY_DELAYS[outcome]
        seen = sum(1 for o in previous if o == outcome)
        if seen >= len(delays):
            return _final(LeadStatus.EXHAUSTED, f"{outcome.value} retries used ({len(delays)})")
        wanted = at + delays[seen]
        why = f"{outcome.value} retry {seen + 1}/{len(delays)}"

    try:
        retry_at = next_window_start(wanted, rules.windows, zones, rules.holidays)
    except ValueError as exc:
        return _final(LeadStatus.EXHAUSTED, f"{why}, but {exc}")
    if retry_at != wanted:
        why += f", moved into the call window from {wanted.isoformat()}"
    return RetryPlan(retry_at=retry_at, reason=why, final_status=None)
