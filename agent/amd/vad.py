"""Speech segmentation: which 10 ms hops are speech, grouped into bursts with pauses between."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import _webrtcvad
import numpy as np
import webrtcvad

from .features import HOP, HOP_MS, RATE, GreetingFeatures
from .params import AmdParams


STEADY_TEST_EVERY_MS = 100
"""The steady-noise test runs once per block of the floor tracker."""
_NOISE_BAND_DB = 3.0
"""Hops this close to the floor are line noise for the noise's flatness."""
_NOISE_FLATNESS_RATE = 0.05
"""Weight of each such hop in the running mean (a time constant of ~20 noise hops)."""


def _spread(values: list[float]) -> tuple[float, float, float]:
    """Minimum, 10th percentile and 10-90 % range of ``values``: a robust measure of steadiness."""
    ordered = sorted(values)
    cut = len(ordered) // 10
    return ordered[0], ordered[cut], ordered[-1 - cut] - ordered[cut]


@dataclass(slots=True)
class _Step:
    """A steady stretch louder than the floor, waiting to show it is a gain step."""

    floor_db: float
    """The stretch's minimum: the floor if the step holds."""
    level_db: float
    """The stretch's 10th percentile: the level a step holds."""
    levels: list[float]
    flatness: float = 0.0
    """Summed flatness of ``levels``' hops."""


@dataclass(frozen=True, slots=True)
class GateHops:
    """What :meth:`SpeechGate.classify` found, one entry per hop."""

    speech: list[bool]
    steady_span_ms: list[int]
    """Steady line noise was found on the hop: the latest this-many ms were noise (0: not found)."""
    gain: list[float]
    """:attr:`SpeechGate.vad_gain` at the hop."""


@dataclass(slots=True)
class Burst:
    """A stretch of speech; pauses shorter than ``merge_gap_ms`` stay inside it."""

    start_ms: int
    end_ms: int
    speech_ms: int
    voiced_ms: int = 0
    periodic_ms: int = 0
    """Speech in hops with a voice's pitch period (vowels)."""
    last_periodic_ms: int = 0
    """End of the latest such hop."""


class SpeechGate:
    """Per-hop speech decision: webrtcvad, a level above the tracked noise floor, and a spectrum
    that is not flat like line noise.

    The floor is the minimum level over ``noise_window_ms`` (minimum statistics), raised when the
    line turns louder but stays steady and noise-like: a gain change on the line, not speech.
    Steady means the 10-90 % level range over the latest ``stationary_ms`` is under
    ``stationary_range_db`` (10 ms levels of coloured line noise swing by several dB, speech by
    far more), noise-like a mean spectral flatness of at least ``stationary_min_flatness``; the
    floor then rises to that stretch's minimum level, once the line has stayed that loud for
    ``step_confirm_ms`` more.
    """

    _BLOCK = STEADY_TEST_EVERY_MS // HOP_MS  # hops per block of the minimum-statistics floor tracker

    def __init__(self, params: AmdParams) -> None:
        self.p = params
        self._vad = webrtcvad.Vad(params.vad_mode)
        self._blocks: deque[float] = deque(maxlen=max(params.noise_window_ms // (HOP_MS * self._BLOCK), 1))
        self._block_min = float("inf")
        self._block_len = 0
        recent = max(params.stationary_ms // HOP_MS, 2)
        self._recent_level: deque[float] = deque(maxlen=recent)
        self._recent_flatness: deque[float] = deque(maxlen=recent)
        self._blocks_min = float("inf")  # minimum over the completed blocks in the window
        self._raised = float("-inf")
        self.floor_db = float("inf")
        self.steady = False
        """Steady line noise was found on the latest hop: the latest ``steady_span_ms`` were noise."""
        self.steady_span_ms = params.stationary_ms
        self._step: _Step | None = None
        self._noise_flatness = params.stationary_min_flatness
        """Running mean spectral flatness of the hops at the noise floor: the line noise's own."""
        self._gain_floor_db, self._gain = float("nan"), 1.0
        self._vad_handle = self._vad._vad  # call the C VAD directly: this runs 100 times a second

    def classify(self, pcm16: np.ndarray, level_db: list[float], flatness: list[float],
                 voice: list[bool] | None = None) -> GateHops:
        """Classify consecutive hops of 8 kHz 16-bit PCM (``len(level_db)`` hops) given their spectral
        features (``voice``: the hop holds a clear pitch period and no tone). The floor and steady-noise
        tracking need only the features, so they run first; the hops are then scaled for webrtcvad in
        one go."""
        n = len(level_db)
        floors, gains, spans = [0.0] * n, [0.0] * n, [0] * n
        for i in range(n):
            self.steady = False
            self._track_floor(level_db[i])
            if level_db[i] < self.floor_db + _NOISE_BAND_DB:
                self._noise_flatness += (flatness[i] - self._noise_flatness) * _NOISE_FLATNESS_RATE
            self._track_stationary(level_db[i], flatness[i])
            floors[i], gains[i] = self.floor_db, self.vad_gain
            if self.steady:
                spans[i] = self.steady_span_ms
        scaled = pcm16.reshape(n, HOP) * np.array(gains)[:, None]
        audio = np.minimum(np.maximum(scaled, -32768, out=scaled), 32767, out=scaled).astype("<i2").tobytes()
        p, size, handle = self.p, 2 * HOP, self._vad_handle
        speech = [_webrtcvad.process(handle, RATE, audio[i * size: (i + 1) * size], HOP)  # every hop: it adapts
                  and flatness[i] <= p.max_speech_flatness and level_db[i] >= floors[i] + p.speech_margin_db
                  for i in range(n)]
        if voice is not None:  # a vowel too weak for webrtcvad on a noisy line still has its pitch
            for i in range(n):
                if voice[i] and not speech[i] and level_db[i] >= floors[i] + p.voice_margin_db:
                    speech[i] = True
        return GateHops(speech, spans, gains)

    @property
    def vad_gain(self) -> float:
        """Scale that puts the noise floor at ``vad_floor_db`` (at most 30 dB down, 60 dB up)."""
        if self.floor_db != self._gain_floor_db:  # the floor holds for many hops at a time
            self._gain_floor_db = self.floor_db
            self._gain = 10 ** (min(max(self.p.vad_floor_db - self.floor_db, -30.0), 60.0) / 20)
        return self._gain

    def _track_floor(self, level_db: float) -> None:
        if level_db < self._block_min:
            self._block_min = level_db
        self._block_len += 1
        if self._block_len == self._BLOCK:
            self._blocks.append(self._block_min)
            self._blocks_min = min(self._blocks)
            self._block_min, self._block_len = float("inf"), 0
        floor = self._blocks_min if self._blocks_min < self._block_min else self._block_min
        if level_db < self._raised - self.p.stationary_drop_db:  # the line turned quieter again
            self._raised = float("-inf")
        self.floor_db = floor if floor > self._raised else self._raised

    def _track_stationary(self, level_db: float, flatness: float) -> None:
        levels, flats = self._recent_level, self._recent_flatness
        levels.append(level_db)
        flats.append(flatness)
        if self._step is not None:
            self._confirm_step(level_db, flatness)
        elif self._block_len == 0 and len(levels) == levels.maxlen:
            low, p10, spread = _spread(list(levels))
            mean_flatness = sum(flats) / len(flats)
            if spread < self.p.stationary_range_db and mean_flatness >= self.p.stationary_min_flatness:
                if p10 > self.floor_db + self.p.stationary_range_db / 2 and self.p.step_confirm_ms > 0:
                    if self._like_the_noise(mean_flatness):
                        self._step = _Step(floor_db=low, level_db=p10, levels=[])  # louder than the floor: wait and see
                else:
                    self._raised = low
                    self.steady, self.steady_span_ms = True, self.p.stationary_ms

    def _like_the_noise(self, flatness: float) -> bool:
        """A louder stretch with this mean flatness may be the line noise turned up: flatness does not
        change with gain, so it stays near the noise's own (speech on the line is far less flat)."""
        return flatness >= max(self.p.stationary_min_flatness, self.p.step_flatness_ratio * self._noise_flatness)

    def _confirm_step(self, level_db: float, flatness: float) -> None:
        """A gain step stays loud, steady and noise-like: over ``step_confirm_ms`` the mean level holds
        at the stretch's 10th percentile or above (within 1 dB) and its spread stays within 2 dB of
        ``stationary_range_db``. Speech that happened to be steady falls back to the old floor or
        goes on varying."""
        step = self._step
        assert step is not None
        step.levels.append(level_db)
        step.flatness += flatness
        n = len(step.levels)
        if n < self.p.step_confirm_ms // HOP_MS:
            return
        self._step = None
        if (sum(step.levels) / n >= step.level_db - 1.0
                and _spread(step.levels)[2] < self.p.stationary_range_db + 2.0
                and self._like_the_noise(step.flatness / n)):
            self._raised = step.floor_db
            self.steady, self.steady_span_ms = True, self.p.stationary_ms + self.p.step_confirm_ms


class Segmenter:
    """Groups speech hops into bursts.

    A burst opens at the first speech hop and counts once it holds ``min_burst_ms`` of speech; it
    closes after ``merge_gap_ms`` without speech. Bursts that never count (clicks, noise blips) are
    dropped and do not interrupt a silence.

    Some lines carry noise that passes the speech gate as if it were speech: a crowded room, line
    noise shaped and modulated like syllables. It has no pitch. Once a line shows such noise (speech
    that goes on ``unvoiced_noise_ms`` with no periodic hop, past a voice or on its own), it is
    *noisy* for the rest of the call, and speech there is voiced at heart: a burst counts only with
    ``burst_min_periodic_ms`` in periodic runs of ``periodic_min_run_ms`` or more, and reaches only
    ``periodic_tail_ms`` before its first such run and after its latest (an unvoiced onset or ending
    such as "s" or "h"). Speech hops further out are the noise around the voice, which neither
    stretches a burst nor keeps it open. On a quiet line every speech hop counts as before: a weak
    syllable whose pitch the noise hides still holds a machine's pause short.
    """

    def __init__(self, params: AmdParams) -> None:
        self.p = params
        self.bursts: list[Burst] = []
        self._open: Burst | None = None
        self._closed_speech_ms = 0
        self._hops_ms = 0  # speech hops in closed bursts
        self._voiced_ms = 0  # ... of them voiced
        self._longest_pause_ms = 0
        self._fluent_start_ms = 0
        self._run_longest_ms = 0  # longest closed burst in the latest fluent run
        self._periodic_run = 0  # consecutive periodic speech up to the latest hop
        self.noisy = False
        """The line has shown noise that passes the speech gate: speech must have a voice."""
        self._unvoiced_ms = 0  # speech in bursts with no periodic hop, on a line not (yet) noisy

    def _counts(self, burst: Burst) -> bool:
        return burst.speech_ms >= self.p.min_burst_ms and (
            not self.noisy or burst.periodic_ms >= self.p.burst_min_periodic_ms)

    def _noise(self, burst: Burst) -> bool:
        """Speech to the gate, but no voice in ``unvoiced_noise_ms`` of it."""
        return burst.periodic_ms < self.p.burst_min_periodic_ms and burst.speech_ms >= self.p.unvoiced_noise_ms

    @property
    def candidate(self) -> bool:
        """A burst is open that does not count yet but may still turn out to be speech."""
        return self._open is not None and not self._counts(self._open) and not self._noise(self._open)

    @property
    def speaking(self) -> bool:
        """A counted burst is open (speech now or within the merge gap)."""
        return self._open is not None and self._counts(self._open)

    @property
    def open(self) -> bool:
        """A burst is open that counts or may yet count (not one that proved to be noise)."""
        return self._open is not None and not self._noise(self._open)

    @property
    def last_end_ms(self) -> int | None:
        """End of the latest counted burst (None before any)."""
        return self.bursts[-1].end_ms if self.bursts else None

    def update(self, end_ms: int, speech: bool, voiced: bool = True, periodic: bool = True) -> None:
        """Account for the hop ending at ``end_ms`` (``voiced``: its spectrum is harmonic; ``periodic``:
        it holds a voice's pitch period)."""
        burst, p = self._open, self.p
        if burst is not None and end_ms - burst.end_ms >= p.merge_gap_ms:
            self._close()  # a pause, or noise going on past the voice's reach
            burst = None
        if not speech:
            self._periodic_run = 0
            return
        if burst is None:
            burst = self._open = Burst(start_ms=end_ms - HOP_MS, end_ms=end_ms, speech_ms=0)
        self._periodic_run = self._periodic_run + HOP_MS if periodic else 0
        run = self._periodic_run
        if run >= (p.periodic_min_run_ms if self.noisy else HOP_MS):  # noise is periodic only by chance, briefly
            credit = run if self.noisy and run == p.periodic_min_run_ms else HOP_MS
            if self.noisy and not burst.periodic_ms and burst.start_ms < end_ms - run - p.periodic_tail_ms:
                # the voice starts late in a burst of noise: the burst starts with the voice's onset
                burst.start_ms = end_ms - run - p.periodic_tail_ms
                burst.speech_ms = min(burst.speech_ms, p.periodic_tail_ms)
                burst.voiced_ms = min(burst.voiced_ms, burst.speech_ms)
            burst.periodic_ms += credit
            burst.last_periodic_ms = end_ms
        elif burst.periodic_ms and end_ms - burst.last_periodic_ms > p.periodic_tail_ms:
            if self.noisy:
                return  # past the voice's reach: noise around it
            if end_ms - burst.last_periodic_ms >= p.unvoiced_noise_ms:
                self._turn_noisy()
                return
        elif not burst.periodic_ms and burst.speech_ms + HOP_MS >= p.unvoiced_noise_ms:
            self._turn_noisy()
        burst.end_ms = end_ms
        burst.speech_ms += HOP_MS
        if voiced:
            burst.voiced_ms += HOP_MS

    def discard_noise(self, since_ms: int) -> None:
        """The line was steady noise since ``since_ms``: a burst that opened since then was that noise
        (a level step passes the speech gate until the floor catches up), not speech."""
        if self._open is not None and self._open.start_ms >= since_ms:
            self._open = None

    def flush(self) -> None:
        """End of stream: close the burst in progress."""
        if self._open is not None:
            self._close()

    def _run_start(self, burst: Burst) -> int:
        """Start of the fluent run ``burst`` belongs to (a pause of ``fluent_pause_ms`` breaks a run)."""
        if not self.bursts or burst.start_ms - self.bursts[-1].end_ms >= self.p.fluent_pause_ms:
            return burst.start_ms
        return self._fluent_start_ms

    def _run_longest(self, burst: Burst) -> int:
        """Longest burst of the fluent run ``burst`` belongs to, ``burst`` included."""
        length = burst.end_ms - burst.start_ms
        return length if self._run_start(burst) == burst.start_ms else max(self._run_longest_ms, length)

    def _close(self) -> None:
        burst, self._open = self._open, None
        if burst is None or not self._counts(burst):
            return
        self._add(burst)
        if not self.noisy and not burst.periodic_ms:
            self._unvoiced_ms += burst.speech_ms
            if self._unvoiced_ms >= self.p.unvoiced_noise_ms:
                self._turn_noisy()

    def _add(self, burst: Burst) -> None:
        self._run_longest_ms = self._run_longest(burst)
        self._fluent_start_ms = self._run_start(burst)
        if self.bursts:
            self._longest_pause_ms = max(self._longest_pause_ms, burst.start_ms - self.bursts[-1].end_ms)
        self._closed_speech_ms += burst.end_ms - burst.start_ms
        self._hops_ms += burst.speech_ms
        self._voiced_ms += burst.voiced_ms
        self.bursts.append(burst)

    def _turn_noisy(self) -> None:
        """The line carries noise that passes the gate: from now on speech must have a voice. The bursts
        since the latest one with a voice were that noise, and a burst open with a voice ends where the
        voice reached."""
        self.noisy = True
        burst = self._open
        if burst is not None and burst.periodic_ms:
            dropped = max(burst.end_ms - (burst.last_periodic_ms + self.p.periodic_tail_ms), 0)
            burst.end_ms -= dropped
            burst.speech_ms = max(burst.speech_ms - dropped, HOP_MS)
            burst.voiced_ms = min(burst.voiced_ms, burst.speech_ms)
        kept = list(self.bursts)
        while kept and not self._counts(kept[-1]):
            kept.pop()
        if len(kept) < len(self.bursts):
            self.bursts = []
            self._closed_speech_ms = self._hops_ms = self._voiced_ms = self._longest_pause_ms = 0
            self._fluent_start_ms = self._run_longest_ms = 0
            for kept_burst in kept:
                self._add(kept_burst)

    def features(self, now_ms: int) -> GreetingFeatures:
        """Timing features of the greeting as of ``now_ms``."""
        in_speech = self.open
        if not self.speaking and not self.bursts:
            return GreetingFeatures(now_ms, now_ms, 0, 0, 0, 0, 0, 0, in_speech)
        first = self.bursts[0] if self.bursts else self._open
        last = self._open if self.speaking else self.bursts[-1]
        assert first is not None and last is not None
        speech_ms, bursts, longest_pause = self._closed_speech_ms, len(self.bursts), self._longest_pause_ms
        hops_ms, voiced_ms = self._hops_ms, self._voiced_ms
        if self.speaking and self._open is not None:
            speech_ms += self._open.end_ms - self._open.start_ms
            hops_ms += self._open.speech_ms
            voiced_ms += self._open.voiced_ms
            bursts += 1
            if self.bursts:
                longest_pause = max(longest_pause, self._open.start_ms - self.bursts[-1].end_ms)
        fluent_start = self._run_start(last) if self.speaking else self._fluent_start_ms
        run_longest = self._run_longest(last) if self.speaking else self._run_longest_ms
        return GreetingFeatures(now_ms=now_ms, initial_silence_ms=first.start_ms,
                                greeting_ms=last.end_ms - first.start_ms, fluent_ms=last.end_ms - fluent_start,
                                speech_ms=speech_ms, bursts=bursts,
                                longest_pause_ms=longest_pause, silence_ms=now_ms - last.end_ms,
                                in_speech=in_speech,
                                burst_age_ms=now_ms - self._open.start_ms if self._open is not None else 0,
                                voiced_share=voiced_ms / hops_ms if hops_ms else 1.0,
                                longest_burst_ms=run_longest)
