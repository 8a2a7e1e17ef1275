"""Operator registration and login: argon2id password hashes and signed, expiring JWTs.

Tokens carry `sub` (operator id), `role: authenticated` and `aud: authenticated`, the claims
Supabase's PostgREST and `auth.uid()` read, so the same token works against a hosted project
when it is signed with that project's JWT secret.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from pydantic import ValidationError

from callcenter import models as m
from callcenter.errors import AuthError, InvalidInput
from callcenter.settings import Settings
from callcenter.store import Store
from callcenter.store.errors import from_validation

_hasher = PasswordHasher()
# Computed once so a login for an unknown email costs the same as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password-0")
_COMMON = {"password", "password1", "passw0rd", "12345678", "123456789", "1234567890", "qwerty123",
           "letmein123", "welcome123", "iloveyou", "admin1234", "changeme123", "abc12345678"}
_OPERATOR_COLUMNS = ", ".join(m.Operator.model_fields)


def check_password_strength(password: str, email: str = "") -> None:
    """Raise InvalidInput unless the password is 10–128 characters with letters and digits,
    not a common password and not the email's local part."""
    problems = []
    if not 10 <= len(password) <= 128:
        problems.append("must be 10 to 128 characters long")
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        problems.append("must contain letters and digits")
    lowered = password.lower()
    local = email.split("@")[0].lower()
    if lowered in _COMMON or (len(local) >= 4 and local in lowered):
        problems.append("is too easy to guess")
    if problems:
        raise InvalidInput("password " + "; ".join(problems), field="password")


def issue_token(operator_id: UUID, settings: Settings, now: datetime | None = None) -> m.Token:
    now = now or datetime.now(UTC)
    expires = now + timedelta(seconds=settings.jwt_ttl_seconds)
    claims = {
        "sub": str(operator_id),
        "role": "authenticated",
        "aud": "authenticated",
        "iss": settings.jwt_issuer,
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
    }
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")
    return m.Token(access_token=token, expires_at=expires, operator_id=operator_id)


def verify_token(token: str, settings: Settings) -> UUID:
    """The operator id in a valid token; AuthError for expired, forged or malformed ones."""
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=["HS256"],
            audience="authenticated",
            issuer=settings.jwt_issuer,
            options={"require": ["sub", "exp", "iat"]},
        )
        return UUID(claims["sub"])
    except jwt.ExpiredSignatureError as exc:
        raise AuthError("session expired; log in again") from exc
    except (jwt.InvalidTokenError, ValueError) as exc:
        raise AuthError("invalid token") from exc


async def register_operator(store: Store, registration: m.OperatorRegistration) -> m.Operator:
    """Create an operator with a hashed password; it starts with the default departments and rules."""
    from callcenter.provisioning import provision_defaults

    password = registration.password.get_secret_value()
    check_password_strength(password, registration.email)
    fields = registration.model_dump(exclude={"password"})
    async with store.as_service() as db:
        record = await db.fetchrow(
            f"insert into public.operators (email, password_hash, name, company, timezone, default_language,"
            f" default_region) values ($1, $2, $3, $4, $5, $6, $7) returning {_OPERATOR_COLUMNS}",
            fields["email"], _hasher.hash(password), fields["name"], fields["company"],
            fields["timezone"], fields["default_language"], fields["default_region"],
        )
        operator = m.Operator.model_validate(dict(record))
        await provision_defaults(db.for_operator(operator.id))
    return operator


async def register(store: Store, **fields: object) -> m.Operator:
    """`register_operator` from plain fields, with validation errors as InvalidInput."""
    try:
        registration = m.OperatorRegistration.model_validate(fields)
    except ValidationError as exc:
        raise from_validation(exc) from exc
    return await register_operator(store, registration)


async def login(store: Store, email: str, password: str, settings: Settings) -> m.Token:
    """A token for valid credentials; one generic AuthError otherwise (no account enumeration)."""
    async with store.as_service() as db:
        record = await db.fetchrow(
            "select id, password_hash, is_active from public.operators where email = $1", email.strip().lower()
        )
        stored_hash = record["password_hash"] if record else _DUMMY_HASH
        try:
            _hasher.verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError) as exc:
            raise AuthError("wrong email or password") from exc
        if record is None or not record["is_active"]:
            raise AuthError("wrong email or password")
        if _hasher.check_needs_rehash(stored_hash):
            await db.execute("update public.operators set password_hash = $1 where id = $2",
                             _hasher.hash(password), record["id"])
    return issue_token(record["id"], settings)
