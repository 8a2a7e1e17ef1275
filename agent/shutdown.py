"""Job shutdown steps that run one after another, last added first.

livekit-agents runs a job's shutdown callbacks concurrently (``asyncio.gather`` in
``ipc/job_proc_lazy_main.py``). A call's final write (its status when the caller hung up) and the
closing of the database pool it writes through then race: on a busy worker the pool closed first
and the call stayed ``in_progress`` for good. Steps added here run in reverse order of adding, like
``contextlib.AsyncExitStack``: add the store's close first, then the call that uses it.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from callcenter.log import get_logger

log = get_logger("agent.shutdown")

Step = Callable[[str], Awaitable[Any]] | Callable[[], Awaitable[Any]]


class _Job(Protocol):
    def add_shutdown_callback(self, callback: Callable[[str], Awaitable[None]]) -> None: ...


class ShutdownSteps:
    """Registers one shutdown callback with the job that runs the added steps in LIFO order; a step
    that fails is logged and the next still runs."""

    def __init__(self, ctx: _Job) -> None:
        self._steps: list[Step] = []
        ctx.add_shutdown_callback(self.run)

    def add(self, step: Step) -> None:
        self._steps.append(step)

    async def run(self, reason: str = "") -> None:
        while self._steps:
            step = self._steps.pop()
            try:
                if inspect.signature(step).parameters:
                    await step(reason)  # type: ignore[call-arg]
                else:
                    await step()  # type: ignore[call-arg]
            except Exception:
                log.exception("shutdown step failed", step=getattr(step, "__qualname__", repr(step)))
