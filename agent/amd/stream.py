"""Run the detector on LiveKit audio: frames from an ``rtc.AudioStream`` in, AMD events out.

livekit is imported inside the function only, so ``import agent.amd`` stays free of it.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from typing import TYPE_CHECKING, Any

import numpy as np

from .detector import AmdDetector, AmdEvent
from .features import RATE
from .params import AmdParams

if TYPE_CHECKING:
    from livekit import rtc

_DETECTOR_RATE = 16000
"""Rate to resample to when a stream's rate is not a multiple of 8 kHz (e.g. 44.1 kHz)."""


def _mono(frame: rtc.AudioFrame) -> np.ndarray:
    samples = np.frombuffer(frame.data, dtype=np.int16)
    if frame.num_channels > 1:
        samples = samples.reshape(-1, frame.num_channels).mean(axis=1)
    return samples


async def detect_stream(frames: AsyncIterable[Any], params: AmdParams | None = None) -> AsyncIterator[AmdEvent]:
    """Feed ``rtc.AudioFrame``s (or the ``rtc.AudioFrameEvent``s an ``rtc.AudioStream`` yields) to an
    :class:`AmdDetector` and yield its events as they come.

    Ends after a ``human`` or ``unknown`` decision; after a ``machine`` decision it listens on and
    ends with the ``beep_end`` (or ``greeting_end``) event, or ``max_beep_wait_ms`` later. If the
    frames run out first, the detector is flushed and its last events are yielded.

        stream = rtc.AudioStream(track, sample_rate=16000, num_channels=1)
        async for event in detect_stream(stream):
            if event.kind == "decision" and event.result != "machine":
                ...  # connect the person to an agent now
    """
    from livekit import rtc

    params = params or AmdParams()
    detector: AmdDetector | None = None
    resampler: rtc.AudioResampler | None = None
    async for item in frames:
        frame: rtc.AudioFrame = getattr(item, "frame", item)
        if detector is None:
            rate = frame.sample_rate
            if rate % RATE:
                resampler = rtc.AudioResampler(rate, _DETECTOR_RATE, num_channels=frame.num_channels)
                rate = _DETECTOR_RATE
            detector = AmdDetector(rate, params)
        chunks = resampler.push(frame) if resampler is not None else [frame]
        for chunk in chunks:
            for event in detector.push(_mono(chunk)):
                yield event
                if _finished(event):
                    return
        decision = detector.decision
        if (decision is not None and decision.result == "machine"
                and detector.now_ms - decision.time_ms >= params.max_beep_wait_ms):
            break
    if detector is not None:
        for event in detector.flush():
            yield event


def _finished(event: AmdEvent) -> bool:
    """Nothing more to learn after this event."""
    return event.kind != "decision" or event.result != "machine"
