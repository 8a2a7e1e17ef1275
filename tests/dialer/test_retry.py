from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from dialer.compliance import CallingRules, CallWindow
from dialer.retry import CallOutcome, LeadStatus, RetryPolicy, plan_retry

RIYADH = ZoneInfo("Asia/Riyadh")
ZONES = ["Asia/Riyadh"]
ALL_DAY = CallingRules(
    windows=[CallWindow(weekday=d, start=time(8), end=time(21)) for d in range(7)], max_attempts=10
)
NOON = datetime(2025, 6, 4, 12, 0, tzinfo=RIYADH)


def plan(outcome, previous=(), rules=ALL_DAY, at=NOON, **kw):
    return plan_retry(outcome, at=at, previous=list(previous), rules=rules, zones=ZONES, **kw)


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        (CallOutcome.QUALIFIED, LeadStatus.QUALIFIED),
        (CallOutcome.UNQUALIFIED, LeadStatus.UNQUALIFIED),
        (CallOutcome.NOT_INTERESTED, LeadStatus.NOT_INTERESTED),
        (CallOutcome.WRONG_NUMBER, LeadStatus.WRONG_NUMBER),
    ],
)
def test_final_outcomes_are_never_retried(outcome, status):
    result = plan(outcome)
    assert result.retry_at is None and result.final_status is status


def test_no_answer_after_1h_4h_24h_then_exhausted():
    na = CallOutcome.NO_ANSWER
    assert plan(na).retry_at == NOON + timedelta(hours=1)
    assert plan(na, [na]).retry_at == NOON + timedelta(hours=4)
    assert plan(na, [na, CallOutcome.BUSY, na]).retry_at == NOON + timedelta(hours=24)
    done = plan(na, [na, na, na])
    assert done.retry_at is None and done.final_status is LeadStatus.EXHAUSTED


def test_busy_after_4h_twice():
    busy = CallOutcome.BUSY
    assert plan(busy).retry_at == NOON + timedelta(hours=4)
    assert plan(busy, [busy]).retry_at == NOON + timedelta(hours=4)
    assert plan(busy, [busy, busy]).final_status is LeadStatus.EXHAUSTED


def test_failed_once_immediately_then_24h():
    failed = CallOutcome.FAILED
    assert plan(failed).retry_at == NOON
    assert plan(failed, [failed]).retry_at == NOON + timedelta(hours=24)
    assert plan(failed, [failed, failed]).final_status is LeadStatus.EXHAUSTED


def test_voicemail_follows_campaign_policy():
    vm = CallOutcome.VOICEMAIL
    retry = plan(vm, policy=RetryPolicy(voicemail="retry", voicemail_delay=timedelta(hours=2)))
    assert retry.retry_at == NOON + timedelta(hours=2) and retry.final_status is None
    stop = plan(vm, policy=RetryPolicy(voicemail="no_retry"))
    assert stop.retry_at is None and stop.final_status is LeadStatus.VOICEMAIL


def test_retry_is_moved_into_the_window():
    # No answer at 20:30 local: +1 h is 21:30, past the legal limit -> 08:00 next day.
    late = NOON.replace(hour=20, minute=30)
    result = plan(CallOutcome.NO_ANSWER, at=late)
    assert result.retry_at == datetime(2025, 6, 5, 8, 0, tzinfo=RIYADH)
    assert "moved" in result.reason


def test_callback_at_the_requested_time_inside_windows():
    cb = CallOutcome.CALLBACK_REQUESTED
    asked = datetime(2025, 6, 5, 16, 45, tzinfo=RIYADH)
    assert plan(cb, callback_at=asked).retry_at == asked
    # Asked for 22:00 on a day whose window ends 17:00: next morning's window.
    weekdays = CallingRules(
        windows=[CallWindow(weekday=d, start=time(9), end=time(17)) for d in range(5)]
    )
    friday_night = datetime(2025, 6, 6, 22, 0, tzinfo=RIYADH)
    moved = plan(
        cb, rules=weekdays, at=datetime(2025, 6, 6, 12, tzinfo=RIYADH), callback_at=friday_night
    )
    assert moved.retry_at == datetime(2025, 6, 9, 9, 0, tzinfo=RIYADH)  # Monday
    with pytest.raises(ValueError):
        plan(cb)


def test_callback_in_the_past_is_called_asap():
    asked = NOON - timedelta(hours=3)
    assert plan(CallOutcome.CALLBACK_REQUESTED, callback_at=asked).retry_at == NOON


def test_max_attempts_stops_every_retry():
    rules = ALL_DAY.model_copy(update={"max_attempts": 3})
    result = plan(
        CallOutcome.CALLBACK_REQUESTED,
        [CallOutcome.BUSY, CallOutcome.BUSY],
        rules=rules,
        callback_at=NOON,
    )
    assert result.retry_at is None and result.final_status is LeadStatus.EXHAUSTED


def test_retry_at_is_utc_and_dst_correct():
    ny_rules = CallingRules(
        windows=[CallWindow(weekday=d, start=time(9), end=time(20)) for d in range(7)], max_attempts=6
    )
    at = datetime(2025, 3, 8, 18, 30, tzinfo=ZoneInfo("America/New_York"))  # 23:30 UTC, EST
    result = plan_retry(
        CallOutcome.NO_ANSWER,
        at=at,
        previous=[CallOutcome.NO_ANSWER] * 2,
        rules=ny_rules,
        zones=["America/New_York"],
    )
    # 24 h of elapsed time across the spring-forward: 19:30 EDT, not 18:30 wall-clock.
    assert result.retry_at == datetime(2025, 3, 9, 23, 30, tzinfo=UTC)
    assert result.retry_at.tzinfo is UTC
