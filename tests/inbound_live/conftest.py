"""Live inbound calls: the real agent worker process, LiveKit server and Postgres.

`dispatch_livekit` is the LiveKit server calls go through, `inbound_worker` one worker for the
session under a unique agent name (so it only gets this session's calls), `open_operator` an
operator open around the clock (else calls take the after-hours branch), and `livekit_target`
points the simulator at them.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
import yaml

from agent.simulation.runner import Target
from agent.simulation.worker_process import AgentWorker
from callcenter import models as m
from callcenter.store import Store
from tests.factories import new_operator

T = TypeVar("T")
ALWAYS_OPEN = {day: [("00:00", "24:00")] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
LIVEKIT_YAML = Path(__file__).resolve().parents[2] / "livekit.yaml"
DISPATCH_TARGET_LOAD = 2.0


def _free_port(kind: int) -> int:
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_binary() -> Path:
    cache = Path(os.environ.get("CC_CACHE_DIR", Path.home() / ".cache" / "callcenter"))
    found = sorted(cache.glob("bin/livekit-server-*/server"))
    if not found:
        pytest.fail(f"no livekit-server binary under {cache}/bin (scripts/services.sh install builds it)")
    return found[-1]


@pytest.fixture(scope="session")
def dispatch_livekit(livekit_env: dict[str, str],
                     tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """LiveKit settings for calls to the test worker.

    The server dispatches a job only to workers whose reported load is below its
    ``agents.target_load`` (0.7 unless livekit.yaml says otherwise), and the worker reports system
    CPU as its load, so on a busy shared machine calls get no agent at all. When livekit.yaml
    does not raise ``target_load`` above 1, this starts a private server from the same binary and
    config (without Redis, on free ports) with ``target_load`` 2.
    """
    config = yaml.safe_load(LIVEKIT_YAML.read_text())
    if float((config.get("agents") or {}).get("target_load", 0.7)) > 1:
        yield livekit_env
        return
    port = _free_port(socket.SOCK_STREAM)
    config.pop("redis", None)
    config.update(port=port, agents={**(config.get("agents") or {}), "target_load": DISPATCH_TARGET_LOAD})
    config["rtc"] = {**config.get("rtc", {}), "tcp_port": _free_port(socket.SOCK_STREAM),
                     "udp_port": _free_port(socket.SOCK_DGRAM)}
    directory = tmp_path_factory.mktemp("livekit")
    (directory / "livekit.yaml").write_text(yaml.safe_dump(config))
    env = {**os.environ, "LIVEKIT_KEYS": f"{livekit_env['LIVEKIT_API_KEY']}: {livekit_env['LIVEKIT_API_SECRET']}"}
    with (directory / "server.log").open("wb") as log:
        proc = subprocess.Popen([str(_server_binary()), "--config", str(directory / "livekit.yaml")], stdout=log,
                                stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log_tail = (directory / "server.log").read_text()[-2000:]
                    pytest.fail(f"private livekit-server did not start:\n{log_tail}")
                time.sleep(0.1)
        yield {**livekit_env, "LIVEKIT_URL": f"ws://127.0.0.1:{port}"}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def start_worker(livekit_env: dict[str, str], database_url: str, log_dir, name: str) -> AgentWorker:
    worker = AgentWorker.start({**livekit_env, "DATABASE_URL": database_url}, log_dir / f"{name}.log",
                               agent_name=f"{name}-{uuid.uuid4().hex[:8]}")
    try:
        worker.wait_registered()
    except Exception:
        worker.stop()
        raise
    return worker


@pytest.fixture(scope="session")
def inbound_worker(dispatch_livekit: dict[str, str], database_url: str,
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[AgentWorker]:
    worker = start_worker(dispatch_livekit, database_url, tmp_path_factory.mktemp("inbound_worker"), "test-inbound")
    yield worker
    worker.stop()


@pytest.fixture
async def open_operator(store: Store) -> m.Operator:
    operator = await new_operator(store)
    async with store.as_operator(operator.id) as db:
        return await db.operators.update(m.OperatorUpdate(business_hours=ALWAYS_OPEN))


@pytest.fixture
def livekit_target(dispatch_livekit: dict[str, str], inbound_worker: AgentWorker,
                   open_operator: m.Operator) -> Target:
    return Target(url=dispatch_livekit["LIVEKIT_URL"], api_key=dispatch_livekit["LIVEKIT_API_KEY"],
                  api_secret=dispatch_livekit["LIVEKIT_API_SECRET"], agent_name=inbound_worker.agent_name,
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
