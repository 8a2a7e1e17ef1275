"""Live inbound calls: the real agent worker process, LiveKit server and Postgres.

`livekit_env` is the LiveKit server calls go through, `inbound_worker` one worker for the
session under a unique agent name (so it only gets this session's calls), `open_operator` an
operator open around the clock (else calls take the after-hours branch), and `livekit_target`
points the simulator at them.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from agent.simulation.runner import Target
from agent.simulation.worker_process import AgentWorker
from callcenter import models as m
from callcenter.store import Store
from tests.factories import new_operator

T = TypeVar("T")
ALWAYS_OPEN = {day: [("00:00", "24:00")] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def start_worker(livekit_env: dict[str, str], database_url: str, log_dir: Path, name: str) -> AgentWorker:
    """A registered worker under a unique agent name (stopped again if it fails to register)."""
    worker = AgentWorker.start({**livekit_env, "DATABASE_URL": database_url}, log_dir / f"{name}.log",
                               agent_name=f"{name}-{uuid.uuid4().hex[:8]}")
    try:
        worker.wait_registered()
    except Exception:
        worker.stop()
        raise
    return worker


@pytest.fixture(scope="session")
def inbound_worker(livekit_env: dict[str, str], database_url: str,
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[AgentWorker]:
    worker = start_worker(livekit_env, database_url, tmp_path_factory.mktemp("inbound_worker"), "test-inbound")
    yield worker
    worker.stop()


@pytest.fixture
async def open_operator(store: Store) -> m.Operator:
    operator = await new_operator(store)
    async with store.as_operator(operator.id) as db:
        return await db.operators.update(m.OperatorUpdate(business_hours=ALWAYS_OPEN))


@pytest.fixture
def livekit_target(livekit_env: dict[str, str], inbound_worker: AgentWorker,
                   open_operator: m.Operator) -> Target:
    return Target(url=livekit_env["LIVEKIT_URL"], api_key=livekit_env["LIVEKIT_API_KEY"],
                  api_secret=livekit_env["LIVEKIT_API_SECRET"], agent_name=inbound_worker.agent_name,
                  operator_id=open_operator.id)


async def eventually(check: Callable[[], Awaitable[T | None]], timeout: float = 30.0, what: str = "") -> T:
    """Poll ``check`` until it returns something other than None (the worker writes asynchronously)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = await check()
        if value is not None:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"not true after {timeout}s: {what}")
        await asyncio.sleep(0.3)
