"""Spike fixtures: a LiveKit server (env or local binary on :7890) and the spike agent worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

SERVER_BIN = Path("/root/.cache/callcenter/bin/livekit-server-v1.13.5/server")
SPIKE_PORT = 7890
REPO_ROOT = Path(__file__).resolve().parents[2]


class LiveKitCreds(NamedTuple):
    url: str
    api_key: str
    api_secret: str


def _stop(proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """SIGTERM the process we started (it stops its children), SIGKILL its group if it lingers."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _tail(path: Path, n: int = 2000) -> str:
    return path.read_text(errors="replace")[-n:] if path.exists() else ""


@pytest.fixture(scope="session")
def livekit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveKitCreds]:
    """``LIVEKIT_URL``/``_API_KEY``/``_API_SECRET`` from env, else a ``--dev`` server on :7890."""
    if url := os.environ.get("LIVEKIT_URL"):
        yield LiveKitCreds(url, os.environ["LIVEKIT_API_KEY"], os.environ["LIVEKIT_API_SECRET"])
        return
    if not SERVER_BIN.exists():
        pytest.skip(f"no LIVEKIT_URL and no server binary at {SERVER_BIN}")
    log = tmp_path_factory.mktemp("livekit") / "server.log"
    cmd = [
        str(SERVER_BIN), "--dev", "--bind", "127.0.0.1", "--node-ip", "127.0.0.1",
        "--port", str(SPIKE_PORT), "--rtc.tcp_port", str(SPIKE_PORT + 1),
        "--udp-port", str(SPIKE_PORT + 2),
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 15
        while True:
            if proc.poll() is not None:
                pytest.fail(f"livekit-server exited ({proc.returncode}):\n{_tail(log)}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{SPIKE_PORT}/", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"livekit-server not ready after 15s:\n{_tail(log)}")
                time.sleep(0.1)
        yield LiveKitCreds(f"ws://127.0.0.1:{SPIKE_PORT}", "devkey", "secret")
    finally:
        _stop(proc)


class WorkerInfo(NamedTuple):
    agent_name: str
    startup_seconds: float
    log: Path


@pytest.fixture(scope="session")
def spike_worker(
    livekit_server: LiveKitCreds, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WorkerInfo]:
    """``python spike_worker.py start`` against the server, ready once registered."""
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **os.environ,
        "LIVEKIT_URL": livekit_server.url,
        "LIVEKIT_API_KEY": livekit_server.api_key,
        "LIVEKIT_API_SECRET": livekit_server.api_secret,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    started = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("spike_worker.py")), "start"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=REPO_ROOT,
            start_new_session=True,
        )
    try:
        while '"registered worker"' not in _tail(log, 10**6):
            if proc.poll() is not None:
                pytest.fail(f"spike worker exited ({proc.returncode}):\n{_tail(log)}")
            if time.monotonic() - started > 60:
                pytest.fail(f"spike worker not registered after 60s:\n{_tail(log)}")
            time.sleep(0.1)
        yield WorkerInfo("spike-agent", time.monotonic() - started, log)
    finally:
        _stop(proc)
