"""Business hours: is an operator open now, and when does it next open (DST-correct via zoneinfo)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _parse(hhmm: str) -> time:
    return time(0) if hhmm == "24:00" else time.fromisoformat(hhmm)


def is_open(hours: dict[str, list[tuple[str, str]]], tz: str, now: datetime) -> bool:
    local = now.astimezone(ZoneInfo(tz))
    for start, end in hours.get(DAYS[local.weekday()], []):
        closes = _parse(end) if end != "24:00" else time.max
        if _parse(start) <= local.time() < closes:
            return True
    return False


def next_opening(hours: dict[str, list[tuple[str, str]]], tz: str, now: datetime) -> datetime | None:
    """The next instant the operator is open (now if open); None when no hours are set."""
    zone = ZoneInfo(tz)
    if is_open(hours, tz, now):
        return now
    local = now.astimezone(zone)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        for start, _ in sorted(hours.get(DAYS[day.weekday()], [])):
            opening = datetime.combine(day, _parse(start), zone)
            if opening > local:
                return opening
    return None
