"""Domain errors: what callers of the store and services catch and show to people."""

from __future__ import annotations


class DomainError(Exception):
    """Base class; `code` is stable and machine-readable, the message is for people."""

    code = "error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(DomainError):
    """The input breaks a rule (length, format, allowed values, state transition)."""

    code = "invalid_input"


class NotFound(DomainError):
    """No such row for this operator (it may exist for another operator: we do not say)."""

    code = "not_found"


class Conflict(DomainError):
    """The change clashes with a row that already exists (duplicate email, phone, ...)."""

    code = "conflict"


class AuthError(DomainError):
    """Bad credentials, or a missing, expired or forged token."""

    code = "auth_error"


class Forbidden(DomainError):
    """The operator may not do this (row-level security refused it)."""

    code = "forbidden"
