"""Operator registration, login and tokens."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from callcenter import auth
from callcenter.errors import AuthError, Conflict, InvalidInput
from tests.factories import new_operator


@pytest.mark.parametrize("password", ["short1", "onlyletterslong", "123456789012", "password1", "mariam-2024-x"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(InvalidInput, match="password"):
        auth.check_password_strength(password, email="mariam@example.com")


def test_tokens_expire_and_cannot_be_forged(settings) -> None:
    operator_id = uuid.uuid4()
    token = auth.issue_token(operator_id, settings)
    assert auth.verify_token(token.access_token, settings) == operator_id
    claims = jwt.decode(token.access_token, options={"verify_signature": False})
    assert claims["role"] == "authenticated" and claims["sub"] == str(operator_id)
    old = auth.issue_token(operator_id, settings, now=datetime.now(UTC) - timedelta(days=2))
    with pytest.raises(AuthError, match="expired"):
        auth.verify_token(old.access_token, settings)
    forged = jwt.encode({**claims, "sub": str(uuid.uuid4())}, "another-secret-" + "y" * 40, algorithm="HS256")
    with pytest.raises(AuthError):
        auth.verify_token(forged, settings)
    with pytest.raises(AuthError):
        auth.verify_token("not-a-token", settings)


@pytest.mark.db
async def test_register_login_and_defaults(store, settings) -> None:
    email = f"Clinic-{uuid.uuid4().hex[:6]}@Example.com"
    op = await new_operator(store, email=email, password="Str0ng-enough-pass")
    assert op.email == email.lower()
    token = await auth.login(store, email.upper(), "Str0ng-enough-pass", settings)
    assert auth.verify_token(token.access_token, settings) == op.id
    with pytest.raises(AuthError, match="wrong email or password"):
        await auth.login(store, email, "Str0ng-enough-passX", settings)
    with pytest.raises(AuthError, match="wrong email or password"):
        await auth.login(store, "nobody@example.com", "Str0ng-enough-pass", settings)
    async with store.as_operator(op.id) as db:
        slugs = {d.slug for d in await db.departments.list()}
        fallback = [d.slug for d in await db.departments.list(is_fallback=True)]
        rules = await db.routing_rules.count()
    assert {"reception", "sales", "complaints", "billing", "technical_support", "appointments"} <= slugs
    assert fallback == ["reception"]
    assert rules > 0


@pytest.mark.db
async def test_bad_registrations_change_nothing(store) -> None:
    op = await new_operator(store)
    with pytest.raises(Conflict, match="email already exists"):
        await new_operator(store, email=op.email.upper())
    with pytest.raises(InvalidInput, match="password"):
        await new_operator(store, password="weakpass")
    with pytest.raises(InvalidInput, match="email"):
        await new_operator(store, email="not-an-email")
    with pytest.raises(InvalidInput, match="name"):
        await new_operator(store, name="n" * 201)
    with pytest.raises(InvalidInput, match="timezone"):
        await new_operator(store, timezone="Mars/Olympus")
    with pytest.raises(InvalidInput, match="default_language"):
        await new_operator(store, default_language="fr")
    async with store.as_service() as db:
        assert await db.fetchval("select count(*) from public.operators where email = $1", op.email) == 1
