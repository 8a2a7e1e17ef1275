"""A stored campaign's settings as the rule objects of compliance, retry and qualification."""

from __future__ import annotations

from datetime import time

from callcenter import models as m
from dialer.compliance import CallingRules, CallWindow, UnknownTimeZone, lead_time_zones
from dialer.qualification import QualificationRules
from dialer.retry import RetryPolicy


def wall_time(hhmm: str) -> time:
    """'HH:MM' as a time; '24:00' is the end of the day."""
    return time.max if hhmm == "24:00" else time.fromisoformat(hhmm)


def calling_rules(campaign: m.Campaign) -> CallingRules:
    return CallingRules(
        windows=[CallWindow(weekday=w.weekday, start=wall_time(w.start), end=wall_time(w.end))
                 for w in campaign.call_windows],
        holidays=frozenset(campaign.holidays),
        max_attempts=campaign.max_attempts,
        max_calls_per_day=campaign.max_calls_per_day,
    )


def retry_policy(campaign: m.Campaign) -> RetryPolicy:
    return RetryPolicy(voicemail=campaign.voicemail_policy)


def qualification_rules(campaign: m.Campaign) -> QualificationRules | None:
    """None when the campaign has no criteria (nothing to score)."""
    if not campaign.qualification.criteria:
        return None
    return QualificationRules.model_validate(campaign.qualification.model_dump())


def zones(phone: str, timezone: str | None, campaign: m.Campaign) -> tuple[str, ...]:
    """The lead's zones: its own, else its number's, else the campaign's default.

    Raises UnknownTimeZone when none is known.
    """
    try:
        return lead_time_zones(phone, timezone)
    except UnknownTimeZone:
        if campaign.default_timezone:
            return (campaign.default_timezone,)
        raise
