from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from dialer.compliance import (
    MIN_RING_SECONDS,
    CallingRules,
    CallWindow,
    PastCall,
    UnknownTimeZone,
    check_abandon_rule,
    check_attempts,
    check_dnc,
    is_callable_now,
    lead_time_zones,
    may_dial,
    next_window_start,
)

NY = ZoneInfo("America/New_York")
RIYADH = ZoneInfo("Asia/Riyadh")
LONDON = ZoneInfo("Europe/London")


def every_day(start: time, end: time) -> list[CallWindow]:
    return [CallWindow(weekday=d, start=start, end=end) for d in range(7)]


WEEKDAYS_9_TO_20 = [CallWindow(weekday=d, start=time(9), end=time(20)) for d in range(5)]


def test_min_ring_is_at_least_15_seconds():
    assert MIN_RING_SECONDS >= 15


def test_window_rejects_end_before_start():
    with pytest.raises(ValueError):
        CallWindow(weekday=0, start=time(18), end=time(9))


def test_callable_inside_window_in_lead_zone():
    # 14:00 UTC on a Wednesday = 10:00 in New York (EDT), 17:00 in Riyadh.
    now = datetime(2025, 6, 4, 14, 0, tzinfo=UTC)
    assert is_callable_now(now, WEEKDAYS_9_TO_20, ["America/New_York"]).ok
    assert is_callable_now(now, WEEKDAYS_9_TO_20, ["Asia/Riyadh"]).ok
    # 12:00 UTC = 08:00 New York: before the campaign's 09:00.
    early = is_callable_now(
        datetime(2025, 6, 4, 12, 0, tzinfo=UTC), WEEKDAYS_9_TO_20, ["America/New_York"]
    )
    assert not early.ok and "campaign window" in early.reason


def test_hard_21h_limit_whatever_the_campaign_says():
    late_window = every_day(time(7), time(23, 30))
    at_2059 = datetime(2025, 6, 4, 20, 59, tzinfo=RIYADH)
    at_2100 = datetime(2025, 6, 4, 21, 0, tzinfo=RIYADH)
    at_0730 = datetime(2025, 6, 4, 7, 30, tzinfo=RIYADH)
    assert is_callable_now(at_2059, late_window, ["Asia/Riyadh"]).ok
    refused = is_callable_now(at_2100, late_window, ["Asia/Riyadh"])
    assert not refused.ok and "21:00" in refused.reason
    assert not is_callable_now(at_0730, late_window, ["Asia/Riyadh"]).ok
    nxt = next_window_start(at_2100, late_window, ["Asia/Riyadh"])
    assert nxt == datetime(2025, 6, 5, 8, 0, tzinfo=RIYADH)


def test_weekday_is_the_leads_local_weekday():
    # Friday 23:00 in New York is already Saturday 04:00 in London.
    now = datetime(2025, 6, 6, 23, 0, tzinfo=NY)
    saturday_only = [CallWindow(weekday=5, start=time(9), end=time(17))]
    assert not is_callable_now(now, saturday_only, ["Europe/London"]).ok
    nxt = next_window_start(now, saturday_only, ["Europe/London"])
    assert nxt == datetime(2025, 6, 7, 9, 0, tzinfo=LONDON)
    assert nxt.utcoffset() == timedelta(0)  # returned in UTC
    assert nxt == datetime(2025, 6, 7, 8, 0, tzinfo=UTC)  # BST


def test_new_york_spring_forward():
    # DST starts Sunday 2025-03-09. Saturday 21:30 EST -> Sunday 09:00 EDT.
    now = datetime(2025, 3, 8, 21, 30, tzinfo=NY)
    nxt = next_window_start(now, every_day(time(9), time(20)), ["America/New_York"])
    assert nxt.astimezone(NY) == datetime(2025, 3, 9, 9, 0, tzinfo=NY)
    assert nxt == datetime(2025, 3, 9, 13, 0, tzinfo=UTC)  # UTC-4 now, was UTC-5
    assert is_callable_now(
        datetime(2025, 3, 9, 13, 30, tzinfo=UTC), every_day(time(9), time(20)), ["America/New_York"]
    ).ok
    assert not is_callable_now(
        datetime(2025, 3, 8, 13, 30, tzinfo=UTC), every_day(time(9), time(20)), ["America/New_York"]
    ).ok


def test_new_york_fall_back():
    # DST ends Sunday 2025-11-02. 09:00 EST = 14:00 UTC, not 13:00.
    now = datetime(2025, 11, 1, 22, 0, tzinfo=NY)
    nxt = next_window_start(now, every_day(time(9), time(20)), ["America/New_York"])
    assert nxt == datetime(2025, 11, 2, 14, 0, tzinfo=UTC)
    assert not is_callable_now(
        datetime(2025, 11, 2, 13, 30, tzinfo=UTC),
        every_day(time(9), time(20)),
        ["America/New_York"],
    ).ok


def test_london_dst_and_riyadh_without_dst():
    windows = every_day(time(9), time(17))
    # London: 09:00 is 09:00 UTC in winter, 08:00 UTC in summer (BST from 2025-03-30).
    assert next_window_start(
        datetime(2025, 3, 29, 18, 0, tzinfo=UTC), windows, ["Europe/London"]
    ) == datetime(2025, 3, 30, 8, 0, tzinfo=UTC)
    assert next_window_start(
        datetime(2025, 1, 10, 18, 0, tzinfo=UTC), windows, ["Europe/London"]
    ) == datetime(2025, 1, 11, 9, 0, tzinfo=UTC)
    # Riyadh is UTC+3 all year.
    for day in (date(2025, 1, 10), date(2025, 7, 10)):
        start = datetime.combine(day, time(18), UTC)
        assert next_window_start(start, windows, ["Asia/Riyadh"]) == datetime.combine(
            day + timedelta(days=1), time(6), UTC
        )


def test_holiday_in_local_calendar_is_skipped():
    windows = every_day(time(9), time(17))
    now = datetime(2025, 12, 24, 18, 0, tzinfo=NY)
    nxt = next_window_start(now, windows, ["America/New_York"], holidays={date(2025, 12, 25)})
    assert nxt.astimezone(NY) == datetime(2025, 12, 26, 9, 0, tzinfo=NY)
    refused = is_callable_now(
        datetime(2025, 12, 25, 10, 0, tzinfo=NY),
        windows,
        ["America/New_York"],
        {date(2025, 12, 25)},
    )
    assert not refused.ok and "holiday" in refused.reason


def test_next_window_start_returns_now_when_callable():
    now = datetime(2025, 6, 4, 10, 15, tzinfo=NY)
    assert next_window_start(now, WEEKDAYS_9_TO_20, ["America/New_York"]) == now


def test_no_window_at_all_raises():
    evening = [CallWindow(weekday=0, start=time(21, 30), end=time(23))]  # entirely after 21:00
    with pytest.raises(ValueError):
        next_window_start(datetime(2025, 6, 4, tzinfo=UTC), evening, ["Asia/Riyadh"])


def test_zones_from_number_and_given_zone():
    assert lead_time_zones("+12125550123") == ("America/New_York",)
    assert lead_time_zones("+966501234567") == ("Asia/Riyadh",)
    assert lead_time_zones("+12125550123", "Europe/London") == ("Europe/London",)
    with pytest.raises(UnknownTimeZone):
        lead_time_zones("+12125550123", "Mars/Olympus")
    with pytest.raises(UnknownTimeZone):
        lead_time_zones("+15555555555")


def test_number_with_several_zones_must_be_callable_in_all():
    zones = lead_time_zones("+19075550123")  # Alaska: Anchorage (UTC-8 in summer) and Adak (UTC-9)
    assert set(zones) == {"America/Anchorage", "America/Adak"}
    windows = every_day(time(9), time(20))
    # 09:30 in Anchorage is 08:30 in Adak: outside Adak's window.
    now = datetime(2025, 6, 4, 9, 30, tzinfo=ZoneInfo("America/Anchorage"))
    decision = is_callable_now(now, windows, zones)
    assert not decision.ok and "America/Adak" in decision.reason
    assert next_window_start(now, windows, zones) == datetime(
        2025, 6, 4, 9, 0, tzinfo=ZoneInfo("America/Adak")
    )
    # 19:30 in Adak is 20:30 in Anchorage: too late there.
    evening = datetime(2025, 6, 4, 19, 30, tzinfo=ZoneInfo("America/Adak"))
    assert not is_callable_now(evening, windows, zones).ok
    assert is_callable_now(evening - timedelta(hours=1), windows, zones).ok


def test_zones_with_no_overlap_on_a_weekday():
    # Honolulu Monday 09:00-10:00 vs Riyadh Monday 09:00-10:00 never overlap: 13 h apart.
    monday = [CallWindow(weekday=0, start=time(9), end=time(10))]
    with pytest.raises(ValueError):
        next_window_start(
            datetime(2025, 6, 4, tzinfo=UTC), monday, ["Pacific/Honolulu", "Asia/Riyadh"]
        )


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        is_callable_now(datetime(2025, 6, 4, 10), WEEKDAYS_9_TO_20, ["Asia/Riyadh"])


def test_attempt_limits_per_lead_and_per_local_day():
    now = datetime(2025, 6, 4, 15, 0, tzinfo=RIYADH)
    yesterday = PastCall(at=now - timedelta(days=1))
    this_morning = PastCall(at=datetime(2025, 6, 4, 9, 0, tzinfo=RIYADH))
    zones = ["Asia/Riyadh"]
    assert check_attempts(
        now, [yesterday, this_morning], max_attempts=3, max_calls_per_day=2, zones=zones
    ).ok
    per_day = check_attempts(
        now, [this_morning, this_morning], max_attempts=5, max_calls_per_day=2, zones=zones
    )
    assert not per_day.ok and "today" in per_day.reason
    total = check_attempts(now, [yesterday] * 3, max_attempts=3, max_calls_per_day=2, zones=zones)
    assert not total.ok and "max attempts" in total.reason
    # 02:00 UTC on the 4th is still the 3rd in New York: a different local day.
    late_ny = PastCall(at=datetime(2025, 6, 4, 2, 0, tzinfo=UTC))
    assert check_attempts(
        now, [late_ny], max_attempts=5, max_calls_per_day=1, zones=["America/New_York"]
    ).ok
    assert not check_attempts(now, [late_ny], max_attempts=5, max_calls_per_day=1, zones=zones).ok


def test_72h_rule_after_abandoned_call():
    now = datetime(2025, 6, 4, 12, 0, tzinfo=UTC)
    recent = [PastCall(at=now - timedelta(hours=71), abandoned=True)]
    old = [PastCall(at=now - timedelta(hours=72), abandoned=True)]
    assert not check_abandon_rule(now, recent, agent_guaranteed=False).ok
    assert check_abandon_rule(now, recent, agent_guaranteed=True).ok
    assert check_abandon_rule(now, old, agent_guaranteed=False).ok
    assert check_abandon_rule(
        now, [PastCall(at=now - timedelta(hours=1))], agent_guaranteed=False
    ).ok


def test_dnc_and_opt_out():
    dnc = {"+966501234567"}
    assert not check_dnc("+966 50 123 4567", dnc).ok
    assert check_dnc("+966501234568", dnc).ok
    opted = check_dnc("+966501234568", dnc, opted_out=True)
    assert not opted.ok and "opted out" in opted.reason
    assert not check_dnc("0501234567", dnc).ok  # not E.164: cannot be checked, so refused


def test_may_dial_combines_every_rule():
    rules = CallingRules(windows=WEEKDAYS_9_TO_20, max_attempts=3, max_calls_per_day=1)
    now = datetime(2025, 6, 4, 11, 0, tzinfo=RIYADH)  # Wednesday
    assert may_dial(now, phone="+966501234567", rules=rules).ok
    assert not may_dial(now, phone="+966501234567", rules=rules, dnc_numbers={"+966501234567"}).ok
    assert not may_dial(now.replace(hour=21), phone="+966501234567", rules=rules).ok
    abandoned = [PastCall(at=now - timedelta(days=1), abandoned=True)]
    assert not may_dial(now, phone="+966501234567", rules=rules, calls=abandoned).ok
    assert may_dial(
        now, phone="+966501234567", rules=rules, calls=abandoned, agent_guaranteed=True
    ).ok
    assert not may_dial(now, phone="+15555555555", rules=rules).ok
