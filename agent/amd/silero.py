"""Silero VAD's second opinion on a silence after speech: does weak speech go on in it?

webrtcvad and the level gate lose the weak sounds of speech on a noisy line (trailing consonants,
soft syllables 10-15 dB under the vowels). On a machine's greeting that turns a short pause between
sentences into a silence long enough to decide ``human``. Silero, a neural VAD, hears through
such noise but costs about as much CPU as the rest of the detector, so it runs only when the
silence after a burst has grown long enough for the human rule to look at it: from a fresh state
over the audio since shortly before the burst ended, then on as the silence goes on.

The model is the one livekit-plugins-silero ships, run with that plugin's ONNX wrapper; the plugin
(and with it livekit) is imported on first use, so ``import agent.amd`` stays free of it.
"""

from __future__ import annotations

from collections import deque
from functools import cache
from typing import Any

import numpy as np

from .features import RATE
from .params import AmdParams

WINDOW = 256
"""Samples per Silero window at 8 kHz (32 ms)."""


@cache
def _session() -> Any:
    from livekit.plugins.silero import onnx_model

    return onnx_model.new_inference_session(force_cpu=True)


def load() -> None:
    """Load the model now (it loads on first use otherwise: about 2 s, most of it importing livekit)."""
    _session()


class SileroTail:
    """Finds where speech really ended after a burst, by running Silero over the silence.

    Keeps the latest audio (8 kHz float) so it can start ``silero_warmup_ms`` before the end of the
    burst it is asked about; results only ever use audio up to the time they are asked for.
    """

    def __init__(self, params: AmdParams) -> None:
        self.p = params
        self._keep = (params.silero_warmup_ms + params.max_human_silence_ms + 500) * RATE // 1000
        self._blocks: deque[np.ndarray] = deque()
        self._held = 0
        self._end = 0  # stream sample index just past the latest audio
        self._model: Any = None
        self._burst_end_ms: int | None = None
        self._next = 0  # stream sample index of the next window to run
        self._speech_end_ms: int | None = None
        self._gain = np.float32(1.0)
        self.windows_run = 0

    def append(self, samples: np.ndarray) -> None:
        """Take the next stretch of 8 kHz audio (floats, full scale 1)."""
        self._blocks.append(samples.astype(np.float32))
        self._held += len(samples)
        self._end += len(samples)
        while self._held - len(self._blocks[0]) >= self._keep:
            self._held -= len(self._blocks.popleft())

    def speech_end_ms(self, burst_end_ms: int, now_ms: int, gain: float) -> int | None:
        """End of the latest 32 ms window up to ``now_ms`` in which Silero heard speech, looking from
        ``silero_warmup_ms`` before ``burst_end_ms``; None if it heard none. ``gain`` scales the
        audio (the level the first VAD sees) and is taken when a new burst end is first asked about."""
        if burst_end_ms != self._burst_end_ms:
            self._start(burst_end_ms, gain)
        until = min(now_ms * RATE // 1000, self._end)
        if self._next + WINDOW <= until:
            audio = self._audio(self._next, until)
            for i in range(0, len(audio) - WINDOW + 1, WINDOW):
                self._next += WINDOW
                self.windows_run += 1
                if self._model(audio[i: i + WINDOW] * self._gain) >= self.p.silero_threshold:
                    self._speech_end_ms = self._next * 1000 // RATE
        return self._speech_end_ms

    def _start(self, burst_end_ms: int, gain: float) -> None:
        if self._model is None:
            from livekit.plugins.silero import onnx_model

            self._model = onnx_model.OnnxModel(onnx_session=_session(), sample_rate=RATE)
        self._model.reset()
        self._burst_end_ms, self._speech_end_ms, self._gain = burst_end_ms, None, np.float32(gain)
        start = (burst_end_ms - self.p.silero_warmup_ms) * RATE // 1000
        self._next = max(start, self._end - self._held, 0)

    def _audio(self, start: int, stop: int) -> np.ndarray:
        """Held samples from stream index ``start`` to ``stop``."""
        first = self._end - self._held
        if len(self._blocks) > 1:
            self._blocks = deque([np.concatenate(self._blocks)])
        held = self._blocks[0]
        return held[start - first: stop - first]
