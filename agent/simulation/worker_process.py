"""The agent worker (`python -m agent.worker start`) as a child process, for tests and benchmarks.

It runs in its own process group (its job processes too), so stopping or killing it reaches every
process it started and nothing else.
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REGISTERED = "registered worker"


class WorkerError(RuntimeError):
    """The worker exited or did not register in time."""


class AgentWorker:
    def __init__(self, proc: subprocess.Popen[bytes], log: Path, agent_name: str) -> None:
        self.proc = proc
        self.log = log
        self.agent_name = agent_name

    @classmethod
    def start(cls, env: Mapping[str, str], log: Path, *, agent_name: str, idle_processes: int = 2) -> AgentWorker:
        """Start a worker registering as ``agent_name``; ``env`` adds LiveKit and database settings.

        The worker never reports itself full (`AGENT_LOAD_THRESHOLD=inf`: shared test machines run
        at high CPU) and serves its health check on a free port.
        """
        full_env = {
            **os.environ, **env,
            "AGENT_NAME": agent_name,
            "AGENT_LOAD_THRESHOLD": str(math.inf),
            "AGENT_HEALTH_PORT": "0",
            "AGENT_IDLE_PROCESSES": str(idle_processes),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("wb") as out:
            proc = subprocess.Popen([sys.executable, "-m", "agent.worker", "start"], stdout=out,
                                    stderr=subprocess.STDOUT, env=full_env, cwd=ROOT, start_new_session=True)
        return cls(proc, log, agent_name)

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def wait_registered(self, timeout: float = 90.0) -> float:
        """Block until the worker has registered with the server; returns the seconds it took."""
        started = time.monotonic()
        while REGISTERED not in self.log.read_text(errors="replace"):
            if self.proc.poll() is not None:
                raise WorkerError(f"agent worker exited ({self.proc.returncode}):\n{self.tail()}")
            if time.monotonic() - started > timeout:
                raise WorkerError(f"agent worker not registered after {timeout}s:\n{self.tail()}")
            time.sleep(0.2)
        return time.monotonic() - started

    def kill(self) -> None:
        """SIGKILL the whole process group at once, as a crash would."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM the worker (it drains its jobs), then SIGKILL whatever of its group is left."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        self.kill()
