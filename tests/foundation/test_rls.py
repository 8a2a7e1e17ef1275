"""Isolation: operator A can never see or change operator B's rows, through RLS or through the store."""

from __future__ import annotations

import json
import uuid

import asyncpg
import pytest

from callcenter import models as m
from callcenter.errors import DomainError, NotFound
from tests.factories import new_operator, populate

pytestmark = pytest.mark.db


@pytest.fixture
async def two_operators(store):
    a, b = await new_operator(store), await new_operator(store)
    async with store.as_operator(a.id) as db:
        rows_a = await populate(db)
    async with store.as_operator(b.id) as db:
        rows_b = await populate(db)
    return a, b, rows_a, rows_b


async def _as_jwt(conn: asyncpg.Connection, operator_id: uuid.UUID) -> None:
    """What PostgREST does for a request carrying the operator's JWT."""
    await conn.execute(
        "select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)",
        json.dumps({"sub": str(operator_id), "role": "authenticated"}),
    )


async def test_jwt_session_sees_none_of_another_operators_rows(database_url, two_operators) -> None:
    a, b, rows_a, _ = two_operators
    conn = await asyncpg.connect(database_url)
    try:
        async with conn.transaction():
            await _as_jwt(conn, a.id)
            for table in rows_a:
                foreign = await conn.fetchval(f"select count(*) from public.{table} where operator_id = $1", b.id)
                own = await conn.fetchval(f"select count(*) from public.{table} where operator_id = $1", a.id)
                assert foreign == 0, table
                assert own >= 1, table
            assert await conn.fetchval("select count(*) from public.operators") == 1
            for view in ("active_calls", "open_tickets", "agent_availability", "campaign_progress"):
                assert await conn.fetchval(f"select count(*) from public.{view} where operator_id = $1", b.id) == 0
    finally:
        await conn.close()


async def test_jwt_session_cannot_write_another_operators_rows(database_url, two_operators) -> None:
    a, b, _, rows_b = two_operators
    conn = await asyncpg.connect(database_url)
    try:
        async with conn.transaction():
            await _as_jwt(conn, a.id)
            status = await conn.execute("update public.customers set name = 'hijacked' where id = $1",
                                        rows_b["customers"].id)
            assert status == "UPDATE 0"
            assert await conn.execute("delete from public.tickets where id = $1", rows_b["tickets"].id) == "DELETE 0"
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            async with conn.transaction():
                await _as_jwt(conn, a.id)
                await conn.execute("insert into public.customers (operator_id, name) values ($1, 'planted')", b.id)
    finally:
        await conn.close()
    async with conn_for(database_url) as check:
        assert await check.fetchval("select name from public.customers where id = $1",
                                    rows_b["customers"].id) == rows_b["customers"].name


async def test_store_never_reaches_another_operators_rows(store, two_operators) -> None:
    a, _, _, rows_b = two_operators
    async with store.as_operator(a.id) as db:
        with pytest.raises(NotFound):
            await db.customers.get(rows_b["customers"].id)
        with pytest.raises(NotFound):
            await db.tickets.update(rows_b["tickets"].id, status="closed")
        with pytest.raises(NotFound):
            await db.calls.delete(rows_b["calls"].id)
        assert all(c.operator_id == a.id for c in await db.customers.list())
    # Referencing B's department from A's rule is refused by the composite foreign key.
    with pytest.raises(DomainError):
        async with store.as_operator(a.id) as db:
            await db.routing_rules.create(m.RoutingRuleNew(department_id=rows_b["departments"].id, phrases=["x"]))
    async with store.as_operator(rows_b["tickets"].operator_id) as db:
        assert (await db.tickets.get(rows_b["tickets"].id)).status == "open"


class conn_for:
    def __init__(self, url: str) -> None:
        self.url = url

    async def __aenter__(self) -> asyncpg.Connection:
        self.conn = await asyncpg.connect(self.url)
        return self.conn

    async def __aexit__(self, *exc: object) -> None:
        await self.conn.close()
