"""A LiveKit server that dispatches to a busy machine's agent worker, for tests and benchmarks.

LiveKit hands a job only to workers whose reported load is below its ``agents.target_load`` (0.7
unless configured), and an agent worker reports system CPU as its load. On a shared 2-core machine
CPU sits near 100%, so calls to the shared server (scripts/services.sh, livekit.yaml) often get no
agent at all. Until livekit.yaml raises ``agents.target_load`` above 1, `dispatching_server` starts
a private server from the same binary and config (without Redis, on free ports) that does.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
LIVEKIT_YAML = ROOT / "livekit.yaml"
TARGET_LOAD = 2.0


class ServerError(RuntimeError):
    """The private server did not start."""


def dispatches_under_load(config_path: Path = LIVEKIT_YAML) -> bool:
    """Whether the configured server dispatches to workers reporting full CPU."""
    config = yaml.safe_load(config_path.read_text()) or {}
    return float((config.get("agents") or {}).get("target_load", 0.7)) > 1


def _free_port(kind: socket.SocketKind) -> int:
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_binary() -> Path:
    """The livekit-server that scripts/services.sh built (newest cached version)."""
    cache = Path(os.environ.get("CC_CACHE_DIR", Path.home() / ".cache" / "callcenter"))
    found = sorted(cache.glob("bin/livekit-server-*/server"))
    if not found:
        raise ServerError(f"no livekit-server binary under {cache}/bin (scripts/services.sh install builds it)")
    return found[-1]


@contextmanager
def private_server(api_key: str, api_secret: str, directory: Path) -> Iterator[str]:
    """A server like livekit.yaml's but with a high ``agents.target_load``; yields its ws:// URL."""
    config = yaml.safe_load(LIVEKIT_YAML.read_text()) or {}
    config.pop("redis", None)  # sharing the shared server's Redis would make the two one cluster
    port = _free_port(socket.SOCK_STREAM)
    config.update(port=port, agents={**(config.get("agents") or {}), "target_load": TARGET_LOAD})
    config["rtc"] = {**(config.get("rtc") or {}), "tcp_port": _free_port(socket.SOCK_STREAM),
                     "udp_port": _free_port(socket.SOCK_DGRAM)}
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "livekit.yaml").write_text(yaml.safe_dump(config))
    log = directory / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(server_binary()), "--config", str(directory / "livekit.yaml")], stdout=out,
                                stderr=subprocess.STDOUT, env={**os.environ, "LIVEKIT_KEYS": f"{api_key}: {api_secret}"},
                                start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise ServerError(f"private livekit-server did not start:\n{log.read_text()[-2000:]}") from None
                time.sleep(0.1)
        yield f"ws://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def dispatching_server(env: dict[str, str], directory: Path) -> Iterator[dict[str, str]]:
    """``env`` (LIVEKIT_URL/_API_KEY/_API_SECRET of the shared server) if it dispatches under load,
    else the same keys with the URL of a private server."""
    if dispatches_under_load():
        yield env
        return
    with private_server(env["LIVEKIT_API_KEY"], env["LIVEKIT_API_SECRET"], directory) as url:
        yield {**env, "LIVEKIT_URL": url}
