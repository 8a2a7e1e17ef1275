"""Read a campaign's leads from an uploaded CSV: validate rows, merge duplicates, report rejects.

Nothing is written here; the caller stores `LeadImport.valid` in one transaction.
"""

from __future__ import annotations

import csv
import io
import re

import phonenumbers
from pydantic import BaseModel, Field

from dialer.compliance import is_valid_timezone

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_COLUMN_ALIASES = {
    "name": "name",
    "full_name": "name",
    "phone": "phone",
    "phone_number": "phone",
    "timezone": "timezone",
    "time_zone": "timezone",
    "company": "company",
}
_DELIMITERS = ",;\t|"
_SNIFF_LINES = 20


class LeadsCsvError(ValueError):
    """The file as a whole cannot be imported (too big, not CSV, no phone column)."""


class LeadRow(BaseModel):
    """A valid lead; `row` is its row number in the file, the header being row 1."""

    row: int
    phone: str
    name: str | None = None
    timezone: str | None = None
    company: str | None = None
    custom_fields: dict[str, str] = Field(default_factory=dict)


class RejectedRow(BaseModel):
    row: int
    raw: dict[str, str]
    reason: str


class LeadImport(BaseModel):
    valid: list[LeadRow]
    rejected: list[RejectedRow]
    merged: int = Field(description="rows dropped as duplicates of an earlier row's number")


def column_key(header: str) -> str:
    """Header text as a snake_case key: ' Loan Amount ' -> 'loan_amount'."""
    return re.sub(r"[^0-9a-z]+", "_", header.strip().lower()).strip("_")


def _decode(data: bytes, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise LeadsCsvError(f"file is {len(data)} bytes; the limit is {max_bytes}")
    if b"\x00" in data:
        raise LeadsCsvError("file is not a CSV text file (it has binary content)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LeadsCsvError("file is not a CSV text file (unknown text encoding)")


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The sniffed dialect of the first lines, else of the header alone, else Excel's."""
    lines = text.splitlines()
    for sample in ("\n".join(lines[:_SNIFF_LINES]), lines[0]):
        try:
            return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
        except csv.Error:
            continue
    return csv.excel


def _read(text: str) -> tuple[list[str], list[list[str]]]:
    """The header as written (stripped) and the records; checks the header's columns."""
    if not text.strip():
        raise LeadsCsvError("file is empty")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), _dialect(text)))
    except csv.Error as exc:
        raise LeadsCsvError(f"file is not valid CSV: {exc}") from exc
    header = [h.strip() for h in rows[0]]
    keys = [column_key(h) for h in header if column_key(h)]
    meanings = [_COLUMN_ALIASES.get(k, k) for k in keys]
    if len(set(meanings)) != len(meanings):
        raise LeadsCsvError(f"duplicate columns in header: {header}")
    if "phone" not in meanings:
        raise LeadsCsvError(f"no phone column in header: {header}")
    return header, rows[1:]


def _validate(number: int, values: dict[str, str], default_region: str) -> LeadRow | str:
    """The row as a LeadRow, or the reason it is rejected."""
    known = {_COLUMN_ALIASES[k]: v for k, v in values.items() if k in _COLUMN_ALIASES}
    custom = {k: v for k, v in values.items() if k not in _COLUMN_ALIASES and v}
    raw_phone = known.get("phone", "")
    if not raw_phone:
        return "missing phone"
    try:
        parsed = phonenumbers.parse(raw_phone, default_region)
    except phonenumbers.NumberParseException as exc:
        return f"unreadable phone {raw_phone!r}: {exc}"
    if not phonenumbers.is_valid_number(parsed):
        return f"invalid phone number {raw_phone!r}"
    timezone = known.get("timezone") or None
    if timezone is not None and not is_valid_timezone(timezone):
        return f"unknown time zone {timezone!r}"
    return LeadRow(
        row=number,
        phone=phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
        name=known.get("name") or None,
        timezone=timezone,
        company=known.get("company") or None,
        custom_fields=custom,
    )


def parse_leads_csv(
    data: bytes, *, default_region: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> LeadImport:
    """Parse an uploaded leads file.

    Columns: `phone` (required), `name`, `timezone`, `company` (headers are matched
    ignoring case, spaces and punctuation); other columns become custom fields keyed by
    `column_key`. Numbers without a country code use `default_region` (ISO 3166, e.g. "US").
    Names may be empty. Rows repeating an earlier number are merged into it: the first row
    wins, its empty custom fields are filled from later rows. Rows with nothing in them are
    skipped. Raises LeadsCsvError when the file as a whole is unusable.
    """
    header, records = _read(_decode(data, max_bytes))
    keys = [column_key(h) for h in header]
    valid: dict[str, LeadRow] = {}
    rejected: list[RejectedRow] = []
    merged = 0
    for number, cells in enumerate(records, start=2):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        raw = {
            h or f"column {i + 1}": v for i, (h, v) in enumerate(zip(header, cells, strict=False))
        }
        if len(cells) > len(header):
            raw["extra_values"] = ", ".join(cells[len(header) :])
            reason = f"{len(cells)} values for {len(header)} columns"
            rejected.append(RejectedRow(row=number, raw=raw, reason=reason))
            continue
        named = {k: v for k, v in zip(keys, cells, strict=False) if k}
        result = _validate(number, named, default_region)
        if isinstance(result, str):
            rejected.append(RejectedRow(row=number, raw=raw, reason=result))
        elif result.phone in valid:
            first = valid[result.phone]
            first.custom_fields = result.custom_fields | first.custom_fields
            merged += 1
        else:
            valid[result.phone] = result
    return LeadImport(valid=list(valid.values()), rejected=rejected, merged=merged)
