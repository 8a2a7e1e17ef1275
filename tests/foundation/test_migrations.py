"""Migrations apply to an empty database, re-apply as a no-op, and create the whole schema with RLS."""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from callcenter.db.migrations import discover, migrate

pytestmark = pytest.mark.db

TABLES = {
    "operators", "customers", "calls", "call_transcripts", "call_notes", "call_events", "tickets",
    "ticket_history", "human_agents", "departments", "routing_rules", "campaigns", "leads",
    "campaign_calls", "dnc_numbers", "recovery_attempts", "industry_presets", "custom_scripts",
    "call_drafts", "qa_scores", "escalations", "knowledge_documents", "knowledge_chunks",
}
VIEWS = {"active_calls", "open_tickets", "agent_availability", "campaign_progress"}


async def test_reapplying_is_a_no_op(database_url: str) -> None:
    conn = await asyncpg.connect(database_url)
    try:
        before = await conn.fetch("select version from supabase_migrations.schema_migrations order by version")
        assert [r["version"] for r in before] == [m.version for m in discover()]
        assert await migrate(database_url) == []
        after = await conn.fetch("select version from supabase_migrations.schema_migrations order by version")
        assert after == before
    finally:
        await conn.close()


async def test_every_table_and_view_exists(database_url: str) -> None:
    conn = await asyncpg.connect(database_url)
    try:
        tables = {r[0] for r in await conn.fetch(
            "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")}
        views = {r[0] for r in await conn.fetch(
            "select table_name from information_schema.views where table_schema = 'public'")}
        comments = {r[0]: r[1] for r in await conn.fetch(
            "select c.relname, obj_description(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = 'public' and c.relkind in ('r', 'v')")}
    finally:
        await conn.close()
    assert TABLES <= tables
    assert VIEWS <= views
    assert all(comments[name] for name in TABLES | VIEWS), "every table and view has a comment"


async def test_rls_is_enabled_on_every_operator_owned_table(database_url: str) -> None:
    conn = await asyncpg.connect(database_url)
    try:
        owned = {r[0] for r in await conn.fetch(
            "select table_name from information_schema.columns where table_schema = 'public'"
            " and column_name = 'operator_id' and table_name in"
            " (select table_name from information_schema.tables where table_type = 'BASE TABLE')")}
        rls = {r["relname"]: r["relrowsecurity"] for r in await conn.fetch(
            "select relname, relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = 'public' and relkind = 'r'")}
        policies = {r[0] for r in await conn.fetch("select tablename from pg_policies where schemaname = 'public'")}
        invoker_views = {r[0] for r in await conn.fetch(
            "select relname from pg_class where relkind = 'v' and 'security_invoker=true' = any(reloptions)")}
    finally:
        await conn.close()
    assert len(owned) >= 22
    assert {t for t in owned if not rls[t]} == set()
    assert owned - policies == set()
    assert rls["operators"] and "operators" in policies
    assert VIEWS <= invoker_views


async def test_migrations_apply_to_an_empty_database(database_url: str) -> None:
    name = f"cc_empty_{uuid.uuid4().hex[:8]}"
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    conn = await asyncpg.connect(admin)
    await conn.execute(f"create database {name}")
    try:
        url = database_url.rsplit("/", 1)[0] + f"/{name}"
        assert len(await migrate(url)) == len(discover())
        assert await migrate(url) == []
    finally:
        await conn.execute(f"drop database {name} with (force)")
        await conn.close()
