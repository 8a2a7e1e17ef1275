"""Phone numbers: parse, validate and format as E.164 with Google's libphonenumber port."""

from __future__ import annotations

import phonenumbers
from phonenumbers import timezone as pn_timezone

from callcenter.errors import InvalidInput

_UNKNOWN_ZONE = "Etc/Unknown"


def normalize_phone(raw: str, region: str | None = "SA") -> str:
    """Return `raw` as E.164 (`+9665...`), reading local formats in `region`.

    Raises InvalidInput for text that is not a possible and valid number.
    """
    text = (raw or "").strip()
    if not text:
        raise InvalidInput("phone number is empty", field="phone")
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidInput(f"not a phone number: {raw!r} ({exc})", field="phone") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidInput(f"not a valid phone number: {raw!r}", field="phone")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def is_e164(value: str) -> bool:
    """Whether `value` is already a valid number written in E.164."""
    try:
        return normalize_phone(value, None) == value
    except InvalidInput:
        return False


def timezones_for(e164: str) -> list[str]:
    """IANA time zones a number may be in (several for large countries); empty when unknown."""
    zones = pn_timezone.time_zones_for_number(phonenumbers.parse(e164, None))
    return [z for z in zones if z != _UNKNOWN_ZONE]


def region_of(e164: str) -> str | None:
    """The ISO country code of a number, e.g. 'SA'."""
    return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
