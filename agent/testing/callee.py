"""A simulated callee for outbound tests: answers with recordings played on a microphone track.

`TestCallee` is a `TestCaller` (it reads the agent's audio and transcriptions the same way) that
also publishes an audio track and plays WAV clips into it in real time, 10 ms frames on a steady
clock. Once the first clip starts the line stays open, carrying silence between and after clips,
as a phone line does. Times are ``time.monotonic()``, like the caller's.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from math import gcd
from pathlib import Path
from typing import Any

import numpy as np
from livekit import rtc
from scipy.signal import resample_poly

from agent.amd import read_wav

from .caller import CallerError, TestCaller

FRAME_S = 0.01


@dataclass
class _Clip:
    pcm: np.ndarray
    pos: int = 0
    started: asyncio.Future[float] = field(default_factory=lambda: asyncio.get_running_loop().create_future())
    done: asyncio.Future[float] = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class TestCallee:
    """A connected callee; create it with ``async with TestCallee.join(...)``."""

    __test__ = False  # not a pytest test class

    def __init__(self, caller: TestCaller, source: rtc.AudioSource, sample_rate: int) -> None:
        self.caller = caller
        self.source = source
        self.sample_rate = sample_rate
        self._clips: deque[_Clip] = deque()
        self._pump: asyncio.Task[None] | None = None
        self._heard = asyncio.Event()
        caller.room.on("local_track_subscribed", lambda *_: self._heard.set())

    @classmethod
    @contextlib.asynccontextmanager
    async def join(cls, url: str, api_key: str, api_secret: str, room: str, identity: str = "callee", *,
                   sample_rate: int = 48000, **caller_options: Any) -> AsyncIterator[TestCallee]:
        """Join ``room`` as ``identity`` and publish a microphone track (silent until ``play``)."""
        async with TestCaller.join(url, api_key, api_secret, room, identity, **caller_options) as caller:
            source = rtc.AudioSource(sample_rate, 1, queue_size_ms=50)
            track = rtc.LocalAudioTrack.create_audio_track("microphone", source)
            callee = cls(caller, source, sample_rate)
            await caller.room.local_participant.publish_track(
                track, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE))
            try:
                yield callee
            finally:
                if callee._pump is not None:
                    callee._pump.cancel()
                    await asyncio.gather(callee._pump, return_exceptions=True)
                await source.aclose()

    async def wait_until_heard(self, timeout: float = 30.0) -> None:
        """Wait until another participant (the agent) subscribed to the callee's track."""
        try:
            await asyncio.wait_for(self._heard.wait(), timeout)
        except TimeoutError:
            raise CallerError(f"nobody subscribed to the callee's audio within {timeout}s") from None

    async def play(self, samples: np.ndarray, sample_rate: int) -> float:
        """Play int16 ``samples`` after what is already queued; returns when they were all sent,
        with the time their first sample went out."""
        clip = _Clip(self._resample(samples, sample_rate))
        self._clips.append(clip)
        if self._pump is None:
            self._pump = asyncio.create_task(self._run())
        await clip.done
        return clip.started.result()

    async def play_file(self, path: str | Path) -> float:
        return await self.play(*read_wav(str(path)))

    def _resample(self, samples: np.ndarray, rate: int) -> np.ndarray:
        if rate == self.sample_rate:
            return samples.astype(np.int16)
        g = gcd(rate, self.sample_rate)
        y = resample_poly(samples.astype(np.float64), self.sample_rate // g, rate // g)
        return np.clip(np.round(y), -32768, 32767).astype(np.int16)

    async def _run(self) -> None:
        n = int(self.sample_rate * FRAME_S)
        next_at = time.monotonic()
        while True:
            frame = self._take(n, time.monotonic())
            await self.source.capture_frame(rtc.AudioFrame(frame.tobytes(), self.sample_rate, 1, n))
            next_at += FRAME_S
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))

    def _take(self, n: int, now: float) -> np.ndarray:
        """The next ``n`` samples of the queued clips, padded with silence."""
        out = np.zeros(n, dtype=np.int16)
        filled = 0
        while filled < n and self._clips:
            clip = self._clips[0]
            if clip.pos == 0:
                clip.started.set_result(now + filled / self.sample_rate)
            k = min(n - filled, len(clip.pcm) - clip.pos)
            out[filled:filled + k] = clip.pcm[clip.pos:clip.pos + k]
            clip.pos += k
            filled += k
            if clip.pos >= len(clip.pcm):
                self._clips.popleft()
                clip.done.set_result(now + filled / self.sample_rate)
        return out
