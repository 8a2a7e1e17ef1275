"""Translate database and validation errors into domain errors with readable messages."""

from __future__ import annotations

import re

import asyncpg
from pydantic import ValidationError

from callcenter.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound

_FRIENDLY_CONFLICTS = {
    "operators_email_key": ("an operator with this email already exists", "email"),
    "customers_operator_phone_key": ("a customer with this phone number already exists", "phone"),
    "departments_operator_id_slug_key": ("a department with this slug already exists", "slug"),
    "leads_campaign_id_phone_key": ("this phone number is already a lead of the campaign", "phone"),
    "dnc_numbers_scope_phone_key": ("this number is already on the do-not-call list", "phone"),
    "departments_one_fallback_per_operator": ("the operator already has a fallback department", "is_fallback"),
}
_FK_COLUMN = re.compile(r"Key \((\w+)")


def from_validation(exc: ValidationError) -> InvalidInput:
    """One readable line per problem: `field: message`."""
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "input"
        parts.append(f"{loc}: {err['msg']}")
    first = exc.errors()[0]["loc"] if exc.errors() else ()
    return InvalidInput("; ".join(parts), field=str(first[0]) if first else None)


def from_postgres(exc: asyncpg.PostgresError) -> DomainError:
    """Map a Postgres error to the domain error a caller can act on."""
    detail = getattr(exc, "detail", None) or ""
    if isinstance(exc, asyncpg.UniqueViolationError):
        name = getattr(exc, "constraint_name", "") or ""
        message, field = _FRIENDLY_CONFLICTS.get(name, (f"duplicate value ({name})", None))
        return Conflict(message, field=field)
    if isinstance(exc, asyncpg.ForeignKeyViolationError):
        match = _FK_COLUMN.search(detail)
        column = match[1] if match else None
        if "is still referenced" in detail:
            return Conflict(f"still in use: {detail}", field=column)
        return NotFound(f"unknown {column or 'reference'}: no such row for this operator", field=column)
    if isinstance(exc, asyncpg.StringDataRightTruncationError):
        return InvalidInput(f"value too long: {exc}")
    if isinstance(exc, asyncpg.InsufficientPrivilegeError):
        return Forbidden("not allowed for this operator")
    if isinstance(exc, (asyncpg.IntegrityConstraintViolationError, asyncpg.DataError)):
        return InvalidInput(str(exc), field=getattr(exc, "column_name", None))
    if isinstance(exc, asyncpg.RaiseError):
        return InvalidInput(str(exc))
    return DomainError(str(exc))
