"""An in-memory ``AudioOutput`` so offline ``AgentSession`` tests exercise the TTS path.

A session without a room and without ``session.output.audio`` runs text-only and never
calls its TTS; attach ``CaptureAudioOutput`` before ``session.start()`` to synthesize.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from livekit import rtc
from livekit.agents.voice import io


@dataclass
class CapturedSegment:
    """Audio of one agent utterance (between two flushes)."""

    frames: list[rtc.AudioFrame] = field(default_factory=list)
    started_at: float = 0.0
    interrupted: bool = False

    @property
    def duration(self) -> float:
        return sum(f.duration for f in self.frames)


class CaptureAudioOutput(io.AudioOutput):
    """Collects frames per segment and reports instant playout to the session."""

    def __init__(self, *, sample_rate: int | None = None) -> None:
        super().__init__(
            label="CaptureAudioOutput",
            capabilities=io.AudioOutputCapabilities(pause=False),
            sample_rate=sample_rate,
        )
        self.segments: list[CapturedSegment] = []
        self._current: CapturedSegment | None = None

    @property
    def frames(self) -> list[rtc.AudioFrame]:
        return [f for seg in self.segments for f in seg.frames]

    async def capture_frame(self, frame: rtc.AudioFrame) -> None:
        await super().capture_frame(frame)
        if self._current is None:
            self._current = CapturedSegment(started_at=time.time())
            self.segments.append(self._current)
            self.on_playback_started(created_at=self._current.started_at)
        self._current.frames.append(frame)

    def flush(self) -> None:
        super().flush()
        self._finish(interrupted=False)

    def clear_buffer(self) -> None:
        self._finish(interrupted=True)

    def _finish(self, *, interrupted: bool) -> None:
        if self._current is None:
            return
        seg, self._current = self._current, None
        seg.interrupted = interrupted
        self.on_playback_finished(playback_position=seg.duration, interrupted=interrupted)
