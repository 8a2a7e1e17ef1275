"""Outbound calling rules: local-time call windows, attempt limits, abandon redial rule, DNC.

Everything is a pure function of its arguments; times are timezone-aware datetimes.
A lead's local time zone is given or derived from its number; a number that spans several
zones is callable only at instants that are allowed in every one of them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

import phonenumbers
from phonenumbers import timezone as phone_timezone
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

MIN_RING_SECONDS = 15
"""A call must ring at least this long before telephony gives up on it."""

HARD_START = time(8, 0)
HARD_END = time(21, 0)
"""Whatever a campaign says, leads are only called between 08:00 and 21:00 their local time."""

ABANDON_REDIAL_BLOCK = timedelta(hours=72)
"""A lead whose call was abandoned is not redialled for this long unless an agent is guaranteed."""

_SEARCH_DAYS = (14, 400)


class Decision(BaseModel):
    """Whether an action is allowed, and why (or why not) in words for logs and the console."""

    model_config = ConfigDict(frozen=True)

    ok: bool
    reason: str


class CallWindow(BaseModel):
    """A campaign's calling window on one weekday (0 = Monday), from `start` until before `end`."""

    model_config = ConfigDict(frozen=True)

    weekday: int = Field(ge=0, le=6)
    start: time
    end: time

    @model_validator(mode="after")
    def _ordered(self) -> CallWindow:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("window times are local wall-clock times, without a time zone")
        if self.end <= self.start:
            raise ValueError("window end must be after its start (windows do not span midnight)")
        return self


class PastCall(BaseModel):
    """One earlier call attempt to a lead."""

    at: AwareDatetime
    abandoned: bool = False


class UnknownTimeZone(ValueError):
    """The lead's time zone cannot be determined, so it may not be called."""


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_timezone(name: str) -> bool:
    """True when `name` is an IANA time zone known to zoneinfo."""
    return name in _known_zones()


def lead_time_zones(phone: str, timezone: str | None = None) -> tuple[str, ...]:
    """The zone names to evaluate a lead in: the given one, else those of its E.164 number."""
    if timezone:
        if not is_valid_timezone(timezone):
            raise UnknownTimeZone(f"unknown time zone {timezone!r}")
        return (timezone,)
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException as exc:
        raise UnknownTimeZone(f"cannot read number {phone!r}: {exc}") from exc
    zones = tuple(z for z in phone_timezone.time_zones_for_number(number) if is_valid_timezone(z))
    if not zones:
        raise UnknownTimeZone(f"no time zone known for {phone}")
    return zones


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetimes must be timezone-aware")


def _local_check(
    now: datetime, windows: Sequence[CallWindow], zone: str, holidays: Collection[date]
) -> str | None:
    """None when `now` is allowed in `zone`, else the reason it is not."""
    local = now.astimezone(ZoneInfo(zone))
    wall = local.time().replace(tzinfo=None)
    stamp = f"{local:%a %Y-%m-%d %H:%M} {zone}"
    if local.date() in holidays:
        return f"holiday ({stamp})"
    if not HARD_START <= wall < HARD_END:
        return f"outside the 08:00-21:00 legal hours ({stamp})"
    todays = [w for w in windows if w.weekday == local.weekday()]
    if not todays:
        return f"no campaign window on this weekday ({stamp})"
    if not any(w.start <= wall < w.end for w in todays):
        return f"outside the campaign window ({stamp})"
    return None


def is_callable_now(
    now: datetime,
    windows: Sequence[CallWindow],
    zones: Sequence[str],
    holidays: Collection[date] = (),
) -> Decision:
    """Whether a lead in `zones` (see `lead_time_zones`) may be called at `now`.

    Holidays are dates in the lead's local calendar.
    """
    _require_aware(now)
    if not zones:
        return Decision(ok=False, reason="no time zone for the lead")
    for zone in zones:
        reason = _local_check(now, windows, zone, holidays)
        if reason is not None:
            return Decision(ok=False, reason=reason)
    return Decision(ok=True, reason="inside the call window")


def _zone_intervals(
    first_day: date,
    days: int,
    windows: Sequence[CallWindow],
    zone: str,
    holidays: Collection[date],
) -> list[tuple[datetime, datetime]]:
    """Allowed UTC intervals for local dates first_day .. first_day + days, sorted and disjoint."""
    tz = ZoneInfo(zone)
    intervals: list[tuple[datetime, datetime]] = []
    for offset in range(days + 1):
        day = first_day + timedelta(days=offset)
        if day in holidays:
            continue
        spans = sorted(
            (max(w.start, HARD_START), min(w.end, HARD_END))
            for w in windows
            if w.weekday == day.weekday()
        )
        for start, end in spans:
            if start >= end:
                continue
            lo = datetime.combine(day, start, tz).astimezone(UTC)
            hi = datetime.combine(day, end, tz).astimezone(UTC)
            if intervals and lo <= intervals[-1][1]:
                intervals[-1] = (intervals[-1][0], max(intervals[-1][1], hi))
            else:
                intervals.append((lo, hi))
    return intervals


def _intersect(
    a: list[tuple[datetime, datetime]], b: list[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
    out: list[tuple[datetime, datetime]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def next_window_start(
    after: datetime,
    windows: Sequence[CallWindow],
    zones: Sequence[str],
    holidays: Collection[date] = (),
) -> datetime:
    """The first instant at or after `after` when the lead may be called (UTC).

    Raises ValueError when no such instant exists within about a year.
    """
    _require_aware(after)
    if not zones:
        raise ValueError("no time zone for the lead")
    start_day = after.astimezone(UTC).date() - timedelta(days=2)
    for days in _SEARCH_DAYS:
        allowed: list[tuple[datetime, datetime]] | None = None
        for zone in zones:
            mine = _zone_intervals(start_day, days, windows, zone, holidays)
            allowed = mine if allowed is None else _intersect(allowed, mine)
        for lo, hi in allowed or []:
            if hi > after:
                return max(lo, after.astimezone(UTC))
    raise ValueError("no callable instant within a year for these windows, zones and holidays")


def check_attempts(
    now: datetime,
    calls: Sequence[PastCall],
    *,
    max_attempts: int,
    max_calls_per_day: int,
    zones: Sequence[str],
) -> Decision:
    """Max attempts per lead, and max calls per lead on one local calendar day.

    With several zones the busiest local day counts (the most restrictive reading).
    """
    _require_aware(now)
    if len(calls) >= max_attempts:
        return Decision(ok=False, reason=f"max attempts reached ({len(calls)}/{max_attempts})")
    today_count = 0
    for zone in zones:
        tz = ZoneInfo(zone)
        today = now.astimezone(tz).date()
        today_count = max(today_count, sum(1 for c in calls if c.at.astimezone(tz).date() == today))
    if today_count >= max_calls_per_day:
        return Decision(
            ok=False, reason=f"max calls today reached ({today_count}/{max_calls_per_day})"
        )
    return Decision(ok=True, reason="within attempt limits")


def check_abandon_rule(
    now: datetime, calls: Sequence[PastCall], *, agent_guaranteed: bool
) -> Decision:
    """No redial within 72 h of an abandoned call, unless an agent is reserved for this call."""
    _require_aware(now)
    last = max((c.at for c in calls if c.abandoned), default=None)
    if last is None or now - last >= ABANDON_REDIAL_BLOCK:
        return Decision(ok=True, reason="no recent abandoned call")
    if agent_guaranteed:
        return Decision(ok=True, reason="recent abandoned call, but an agent is guaranteed")
    until = last + ABANDON_REDIAL_BLOCK
    return Decision(
        ok=False, reason=f"abandoned call within 72 h (blocked until {until:%Y-%m-%d %H:%M %Z})"
    )


def normalize_e164(phone: str) -> str:
    """The E.164 form of an international number (`+` prefix required); raises ValueError."""
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"cannot read number {phone!r}: {exc}") from exc
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_dnc(phone: str, dnc_numbers: Collection[str], *, opted_out: bool = False) -> Decision:
    """Refuse leads that opted out or whose number is on the do-not-call set (E.164 numbers)."""
    if opted_out:
        return Decision(ok=False, reason="lead opted out")
    try:
        e164 = normalize_e164(phone)
    except ValueError as exc:
        return Decision(ok=False, reason=str(exc))
    if e164 in dnc_numbers:
        return Decision(ok=False, reason="number is on the do-not-call list")
    return Decision(ok=True, reason="not on the do-not-call list")


class CallingRules(BaseModel):
    """A campaign's compliance settings."""

    windows: list[CallWindow]
    holidays: frozenset[date] = frozenset()
    max_attempts: int = Field(default=3, ge=1)
    max_calls_per_day: int = Field(default=2, ge=1)


def may_dial(
    now: datetime,
    *,
    phone: str,
    rules: CallingRules,
    timezone: str | None = None,
    calls: Sequence[PastCall] = (),
    dnc_numbers: Collection[str] = frozenset(),
    opted_out: bool = False,
    agent_guaranteed: bool = False,
) -> Decision:
    """Every rule above for one lead at `now`; the first refusal wins."""
    dnc = check_dnc(phone, dnc_numbers, opted_out=opted_out)
    if not dnc.ok:
        return dnc
    try:
        zones = lead_time_zones(phone, timezone)
    except UnknownTimeZone as exc:
        return Decision(ok=False, reason=str(exc))
    for decision in (
        check_attempts(
            now,
            calls,
            max_attempts=rules.max_attempts,
            max_calls_per_day=rules.max_calls_per_day,
            zones=zones,
        ),
        check_abandon_rule(now, calls, agent_guaranteed=agent_guaranteed),
        is_callable_now(now, rules.windows, zones, rules.holidays),
    ):
        if not decision.ok:
            return decision
    return Decision(ok=True, reason="callable")
