"""Writes a call's record as it happens: status, utterances, events, intake (one ordered queue per call).

Writes go through a single writer task so utterances land in the order they were spoken, with the
sequence number fixed when they happen (a retried write cannot duplicate a line). A heartbeat
task keeps `calls.heartbeat_at` fresh; if the worker dies, the sweeper fails the call and its
transcript so far stays.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from agent.nlu.language import detect_language
from callcenter import models as m
from callcenter.errors import DomainError
from callcenter.log import get_logger
from callcenter.models.common import TERMINAL_CALL_STATUSES
from callcenter.store import Session, Store

log = get_logger(__name__)
HEARTBEAT_S = 5.0
_RETRIES = 3

Write = Callable[[Session], Awaitable[Any]]


class CallRecorder:
    def __init__(self, store: Store, operator_id: UUID, call: m.Call) -> None:
        self.store = store
        self.operator_id = operator_id
        self.call = call
        self.call_id = call.id
        self.t0 = time.time()
        self._seq = 0
        self._queue: asyncio.Queue[Write | None] = asyncio.Queue()
        self._writer = asyncio.create_task(self._write_loop())
        self._heartbeat: asyncio.Task[None] | None = None
        self.finished = False

    @classmethod
    async def open(cls, store: Store, operator_id: UUID, call: m.CallNew, call_id: UUID | None = None) -> "CallRecorder":
        """Load the pre-created call (or the one for this room), else create it; then mark it ringing."""
        async with store.as_operator(operator_id) as db:
            existing = None
            if call_id is not None:
                existing = await db.calls.get(call_id)
            elif call.room_name:
                existing = await db.calls.by_room(call.room_name)
            row = existing or await db.calls.create(call)
            if row.status == "initiated":
                row = await db.calls.transition(row.id, "ringing")
            await db.calls.heartbeat(row.id)
        return cls(store, operator_id, row)

    def offset_ms(self, at: float | None = None) -> int:
        return max(0, int(((at or time.time()) - self.t0) * 1000))

    # enqueued writes

    def answered(self) -> None:
        self.t0 = time.time()
        self._enqueue(lambda db: db.calls.transition(self.call_id, "in_progress"))
        self._heartbeat = asyncio.create_task(self._beat())

    def utterance(self, speaker: str, text: str, language: str | None, start: float | None = None,
                  end: float | None = None) -> None:
        text = text.strip()
        if not text:
            return
        seq, self._seq = self._seq, self._seq + 1
        start_ms = self.offset_ms(start)
        line = m.TranscriptNew(call_id=self.call_id, seq=seq, speaker=speaker, language=language, text=text[:10000],
                               start_ms=start_ms, end_ms=max(start_ms, self.offset_ms(end)))
        self._enqueue(lambda db: db.transcripts.append(line))

    def transcribe(self, session: Any) -> None:
        """Record every caller and agent utterance of a LiveKit `AgentSession` as it joins the conversation."""
        session.on("conversation_item_added", lambda ev: self._item(ev.item))

    def _item(self, item: Any) -> None:
        if item.type != "message" or item.role not in ("user", "assistant"):
            return
        text = item.text_content or ""
        language = detect_language(text) if text.strip() else None
        start = item.metrics.get("started_speaking_at", item.created_at)
        end = item.metrics.get("stopped_speaking_at", time.time() if item.role == "assistant" else item.created_at)
        self.utterance("caller" if item.role == "user" else "agent", text, language, start, end)

    def event(self, type: str, **payload: Any) -> None:
        self._enqueue(lambda db: db.call_events.add(self.call_id, type, **payload))

    def update(self, **fields: Any) -> None:
        self._enqueue(lambda db: db.calls.update(self.call_id, **fields))

    def run(self, write: Write) -> asyncio.Future[Any]:
        """Queue an arbitrary write in order; the future resolves with its result."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

        async def wrapped(db: Session) -> Any:
            result = await write(db)
            if not future.done():
                future.set_result(result)
            return result

        self._enqueue(wrapped, future)
        return future

    async def finish(self, status: str, **fields: Any) -> None:
        """Flush everything queued, then end the call with `status` (no-op if it already ended)."""
        if self.finished:
            return
        self.finished = True

        async def end(db: Session) -> None:
            call = await db.calls.get(self.call_id)
            if call.status in TERMINAL_CALL_STATUSES:
                return
            if call.status == "ringing" and status in ("completed", "escalated"):
                await db.calls.transition(self.call_id, "in_progress")
            await db.calls.transition(self.call_id, status, **fields)

        self._enqueue(end)
        await self.close()

    async def close(self) -> None:
        if self._heartbeat:
            self._heartbeat.cancel()
        await self._queue.put(None)
        await self._writer

    # internals

    def _enqueue(self, write: Write, future: asyncio.Future[Any] | None = None) -> None:
        if future is not None:
            write.future = future  # type: ignore[attr-defined]
        self._queue.put_nowait(write)

    async def _write_loop(self) -> None:
        while (write := await self._queue.get()) is not None:
            for attempt in range(1, _RETRIES + 1):
                try:
                    async with self.store.as_operator(self.operator_id) as db:
                        await write(db)
                    break
                except DomainError as exc:  # the data is wrong: retrying cannot help
                    log.error("call record write refused", call_id=str(self.call_id), error=str(exc))
                    _fail(write, exc)
                    break
                except Exception as exc:  # connection trouble: retry, then give up loudly
                    if attempt == _RETRIES:
                        log.exception("call record write lost", call_id=str(self.call_id))
                        _fail(write, exc)
                    else:
                        await asyncio.sleep(0.2 * attempt)

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT_S)
            try:
                async with self.store.as_operator(self.operator_id) as db:
                    await db.calls.heartbeat(self.call_id)
            except Exception:
                log.warning("heartbeat failed", call_id=str(self.call_id))


def _fail(write: Write, exc: Exception) -> None:
    future = getattr(write, "future", None)
    if future is not None and not future.done():
        future.set_exception(exc)
