"""Answering-machine detection on the callee's audio, keeping what the call record needs.

Like `agent.amd.stream.detect_stream`, but it also keeps the detector's greeting features at the
decision and the wall-clock time of the answer, so stream times (ms since the answer) can be
turned into latencies.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterable, AsyncIterator, Callable
from dataclasses import asdict
from typing import Any

import numpy as np

from agent.amd import AmdDetector, AmdEvent, AmdParams


class AmdListener:
    """Runs an `AmdDetector` over 16-bit PCM frames (`rtc.AudioFrame`s or `rtc.AudioFrameEvent`s)."""

    def __init__(self, params: AmdParams | None = None, clock: Callable[[], float] = time.time) -> None:
        self.params = params or AmdParams()
        self.clock = clock
        self.detector: AmdDetector | None = None
        self.answered_at: float | None = None
        """Wall-clock time of stream time 0 (the first audio heard)."""
        self.features: dict[str, Any] | None = None
        self.lag_ms: int | None = None
        """Wall-clock delay from the audio that decided to the decision being known."""

    def at(self, stream_ms: int) -> float:
        """Wall-clock time of stream time `stream_ms`."""
        assert self.answered_at is not None
        return self.answered_at + stream_ms / 1000

    async def events(self, frames: AsyncIterable[Any]) -> AsyncIterator[AmdEvent]:
        """The detector's events as they come: the decision, then for a machine its beep or greeting
        end, or nothing more after `max_beep_wait_ms`. Stops after a person's (or unknown) decision."""
        async for item in frames:
            frame = getattr(item, "frame", item)
            if self.detector is None:
                self.detector = AmdDetector(frame.sample_rate, self.params)
                self.answered_at = self.clock() - frame.duration
            samples = np.frombuffer(frame.data, dtype=np.int16)
            if frame.num_channels > 1:
                samples = samples.reshape(-1, frame.num_channels).mean(axis=1)
            for event in self.detector.push(samples):
                self._note(event)
                yield event
                if event.kind != "decision" or event.result != "machine":
                    return
            decision = self.detector.decision
            if decision is not None and self.detector.now_ms - decision.time_ms >= self.params.max_beep_wait_ms:
                return
        if self.detector is not None:
            for event in self.detector.flush():
                self._note(event)
                yield event

    def _note(self, event: AmdEvent) -> None:
        if event.kind == "decision" and self.detector is not None and self.detector.decision_features is not None:
            features = self.detector.decision_features
            self.features = {**asdict(features), "speech_ratio": round(features.speech_ratio, 3)}
            self.lag_ms = max(0, round((self.clock() - self.at(event.time_ms)) * 1000))

    @property
    def greeting_end_ms(self) -> int | None:
        """Stream time the callee's speech ended, as of the decision (None: nobody spoke)."""
        f = self.features
        return f["now_ms"] - f["silence_ms"] if f and f["bursts"] else None

    def report(self, **latency: int | bool | None) -> dict[str, Any]:
        """The `calls.amd` record: decision, its timing and latencies, the greeting features."""
        d = self.detector
        decision = d.decision if d else None
        return {
            "decision": decision.result if decision else None,
            "reason": decision.reason if decision else None,
            "decision_ms": decision.time_ms if decision else None,
            "beep_end_ms": d.beep_end.time_ms if d and d.beep_end else None,
            "greeting_end_ms": self.greeting_end_ms,
            "latency": {"detect_lag_ms": self.lag_ms,
                        "after_greeting_ms": decision.time_ms - self.greeting_end_ms
                        if decision and self.greeting_end_ms is not None else None,
                        **latency},
            "features": self.features,
        }
