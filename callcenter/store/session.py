"""A unit of work: one connection, one transaction, one operator (or the service role)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cached_property
from typing import Any, Literal
from uuid import UUID

import asyncpg
from pydantic_core import to_jsonable_python

from callcenter.errors import DomainError, InvalidInput
from callcenter.store import campaign_repos, repos
from callcenter.store.errors import from_postgres

Role = Literal["authenticated", "service_role"]


def _dumps(value: Any) -> str:
    return json.dumps(value, default=to_jsonable_python, ensure_ascii=False)


async def init_connection(conn: asyncpg.Connection) -> None:
    """jsonb/json columns read and write Python dicts and lists."""
    for name in ("jsonb", "json"):
        await conn.set_type_codec(name, encoder=_dumps, decoder=json.loads, schema="pg_catalog")


class Session:
    """Queries inside one transaction, scoped to `operator_id`.

    With role `authenticated` the transaction runs as that role with the operator's JWT claims,
    so Postgres row-level security applies on top of the explicit `operator_id` filters. Workers
    that must see every operator (the dialer's scheduler) use `service_role`, which bypasses RLS.
    """

    def __init__(self, conn: asyncpg.Connection, operator_id: UUID | None, role: Role) -> None:
        self.conn = conn
        self._operator_id = operator_id
        self.role = role

    @property
    def operator_id(self) -> UUID:
        if self._operator_id is None:
            raise InvalidInput("this query needs an operator; open the session with an operator id")
        return self._operator_id

    def for_operator(self, operator_id: UUID) -> "Session":
        """The same transaction, scoped to `operator_id` (service role only: RLS pins the operator)."""
        if self.role != "service_role":
            raise InvalidInput("only a service session can act for another operator")
        return Session(self.conn, operator_id, self.role)

    @property
    def scoped(self) -> bool:
        return self._operator_id is not None

    async def fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        try:
            return await self.conn.fetch(sql, *args)
        except asyncpg.PostgresError as exc:
            raise from_postgres(exc) from exc

    async def fetchrow(self, sql: str, *args: Any) -> asyncpg.Record | None:
        try:
            return await self.conn.fetchrow(sql, *args)
        except asyncpg.PostgresError as exc:
            raise from_postgres(exc) from exc

    async def fetchval(self, sql: str, *args: Any) -> Any:
        try:
            return await self.conn.fetchval(sql, *args)
        except asyncpg.PostgresError as exc:
            raise from_postgres(exc) from exc

    async def execute(self, sql: str, *args: Any) -> str:
        try:
            return await self.conn.execute(sql, *args)
        except asyncpg.PostgresError as exc:
            raise from_postgres(exc) from exc

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        """A nested transaction: a failure inside rolls back only what it did."""
        async with self.conn.transaction():
            yield

    # Repositories, one per entity (see callcenter.store.repos).

    @cached_property
    def operators(self) -> "repos.Operators":
        return repos.Operators(self)

    @cached_property
    def departments(self) -> "repos.Departments":
        return repos.Departments(self)

    @cached_property
    def routing_rules(self) -> "repos.RoutingRules":
        return repos.RoutingRules(self)

    @cached_property
    def human_agents(self) -> "repos.HumanAgents":
        return repos.HumanAgents(self)

    @cached_property
    def customers(self) -> "repos.Customers":
        return repos.Customers(self)

    @cached_property
    def calls(self) -> "repos.Calls":
        return repos.Calls(self)

    @cached_property
    def transcripts(self) -> "repos.Transcripts":
        return repos.Transcripts(self)

    @cached_property
    def call_events(self) -> "repos.CallEvents":
        return repos.CallEvents(self)

    @cached_property
    def call_notes(self) -> "repos.CallNotes":
        return repos.CallNotes(self)

    @cached_property
    def qa_scores(self) -> "repos.QaScores":
        return repos.QaScores(self)

    @cached_property
    def call_drafts(self) -> "repos.CallDrafts":
        return repos.CallDrafts(self)

    @cached_property
    def tickets(self) -> "repos.Tickets":
        return repos.Tickets(self)

    @cached_property
    def escalations(self) -> "repos.Escalations":
        return repos.Escalations(self)

    @cached_property
    def campaigns(self) -> "campaign_repos.Campaigns":
        return campaign_repos.Campaigns(self)

    @cached_property
    def leads(self) -> "campaign_repos.Leads":
        return campaign_repos.Leads(self)

    @cached_property
    def campaign_calls(self) -> "campaign_repos.CampaignCalls":
        return campaign_repos.CampaignCalls(self)

    @cached_property
    def dnc_numbers(self) -> "campaign_repos.DncNumbers":
        return campaign_repos.DncNumbers(self)

    @cached_property
    def recovery_attempts(self) -> "campaign_repos.RecoveryAttempts":
        return campaign_repos.RecoveryAttempts(self)

    @cached_property
    def industry_presets(self) -> "repos.IndustryPresets":
        return repos.IndustryPresets(self)

    @cached_property
    def custom_scripts(self) -> "repos.CustomScripts":
        return repos.CustomScripts(self)

    @cached_property
    def knowledge_documents(self) -> "repos.KnowledgeDocuments":
        return repos.KnowledgeDocuments(self)

    @cached_property
    def knowledge_chunks(self) -> "repos.KnowledgeChunks":
        return repos.KnowledgeChunks(self)


class Store:
    """The connection pool and the way into sessions."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    @classmethod
    async def connect(cls, dsn: str, *, min_size: int = 1, max_size: int = 10) -> "Store":
        pool = await asyncpg.create_pool(dsn, min_size=min_size, max_size=max_size, init=init_connection)
        return cls(pool)

    async def close(self) -> None:
        await self.pool.close()

    @asynccontextmanager
    async def as_operator(self, operator_id: UUID) -> AsyncIterator[Session]:
        """A transaction as operator `operator_id` under row-level security."""
        claims = _dumps({"sub": str(operator_id), "role": "authenticated"})
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)",
                claims,
            )
            yield Session(conn, operator_id, "authenticated")

    @asynccontextmanager
    async def as_service(self, operator_id: UUID | None = None) -> AsyncIterator[Session]:
        """A transaction as the service role (bypasses RLS); scoped to `operator_id` when given."""
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute("select set_config('role', 'service_role', true)")
            yield Session(conn, operator_id, "service_role")


__all__ = ["DomainError", "Session", "Store"]
