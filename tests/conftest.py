"""Shared fixtures: real services from scripts/services.sh, a fresh database per test session.

Tests that use a real service must carry its marker (db, redis, livekit); a test that uses the
fixture without the marker is an error, and under CI=true a skipped test fails the run.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from callcenter.db.migrations import migrate
from callcenter.settings import Settings
from callcenter.store import Store

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ROOT / "scripts" / "services.sh"

_FIXTURE_MARKERS = {"database_url": "db", "store": "db", "redis_url": "redis", "livekit_env": "livekit"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for fixture, marker in _FIXTURE_MARKERS.items():
            if fixture in fixtures and item.get_closest_marker(marker) is None:
                raise pytest.UsageError(f"{item.nodeid} uses {fixture} but is not marked @pytest.mark.{marker}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") == "true" and skipped and exitstatus == 0:
        reporter.write_line(f"CI: {skipped} test(s) skipped; CI runs every test", red=True)
        session.exitstatus = 1


def _start(*names: str) -> dict[str, str]:
    subprocess.run(["bash", str(SERVICES), "start", *names], check=True)
    out = subprocess.run(["bash", str(SERVICES), "env"], check=True, capture_output=True, text=True).stdout
    env = {}
    for line in out.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        env[key] = value
    return env


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A new, migrated and seeded database on the script's Postgres, dropped afterwards."""
    admin = _start("postgres")["DATABASE_URL"]
    name = f"cc_test_{uuid.uuid4().hex[:12]}"

    async def create() -> None:
        conn = await asyncpg.connect(admin)
        await conn.execute(f'create database "{name}"')
        await conn.close()

    async def drop() -> None:
        conn = await asyncpg.connect(admin)
        await conn.execute(f'drop database if exists "{name}" with (force)')
        await conn.close()

    asyncio.run(create())
    url = admin.rsplit("/", 1)[0] + f"/{name}"
    asyncio.run(migrate(url, seed=True))
    yield url
    asyncio.run(drop())


@pytest.fixture(scope="session")
async def store(database_url: str) -> AsyncIterator[Store]:
    s = await Store.connect(database_url, max_size=20)
    yield s
    await s.close()


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings for code under test; services come from the fixtures, not from here."""
    return Settings(jwt_secret="test-secret-" + "x" * 40)


@pytest.fixture(scope="session")
def redis_url() -> str:
    return _start("redis")["REDIS_URL"]


@pytest.fixture(scope="session")
def livekit_env() -> dict[str, str]:
    """URL and dev keys of the real LiveKit server started by the repo's script."""
    env = _start("livekit")
    return {k: env[k] for k in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET")}


@pytest.fixture
async def operator(store: Store):
    """A freshly registered operator (with the default departments and rules)."""
    from tests.factories import new_operator

    return await new_operator(store)
