"""Beep detection: steady or warbled tones (350-2100 Hz, 130 ms+; single, or two at once), grouped so double
beeps count as one."""

from __future__ import annotations

import math
from typing import NamedTuple

from pydantic import BaseModel

from .features import HOP_MS, RATE, WINDOW
from .params import AmdParams

# a frame's window ends at its hop end and spans WINDOW samples; its centre marks the frame time
_CENTRE_MS = WINDOW * 1000 // RATE // 2


class _Hop(NamedTuple):
    t: int
    """Hop end, ms."""
    f1: float
    f2: float
    """The weaker tone of a dual tone, 0.0 for a single tone."""
    level: float
    purity: float
    dual_purity: float
    wide: bool = False
    """Joined its run as a warble only: off the run's tone, within ``tone_warble_pct`` of it."""


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def _slope(times: list[int], values: list[float]) -> float:
    """Least-squares slope of ``values`` over ``times`` (per ms)."""
    n = len(times)
    t_mean, v_mean = sum(times) / n, sum(values) / n
    t_var = sum((t - t_mean) ** 2 for t in times)
    return sum((t - t_mean) * (v - v_mean) for t, v in zip(times, values)) / t_var if t_var else 0.0


class Beep(BaseModel):
    """One detected tone."""

    start_ms: int
    end_ms: int
    frequency_hz: float
    frequency2_hz: float | None = None
    """The higher tone of a dual-tone beep (``frequency_hz`` is the lower one)."""


class ToneTracker:
    """Follows runs of tonal frames at one frequency and reports the steady ones as beeps.

    Feed one hop at a time with :meth:`update`. A run is a beep when it lasts ``beep_min_ms`` and
    is steady: a beep generator holds its frequency and level, while a voice that happens to put
    most of its energy in one harmonic glides in pitch and level. ``confirmed`` becomes true as
    soon as the tone in progress qualifies; beeps land in ``beeps`` when they end. ``pending``
    tells that a tone may be starting, so a decision that a beep would change should wait.
    """

    _ONSET_HOPS = 2  # the first hops of a run still hold the attack ramp and whatever preceded it
    _WARBLE_MIN_SWING = 0.01
    """A warble swings at least this share of its frequency between a peak and a trough (generators use 1-5 %)."""
    _WARBLE_SWING_MS = (30, 150)
    """... from a peak to a trough in this time (warbles swing at 4-15 Hz, 33-125 ms from peak to trough; a
    voice's pitch jitters faster, and its intonation moves slower)."""

    def __init__(self, params: AmdParams) -> None:
        self.p = params
        self.beeps: list[Beep] = []
        self._run: list[_Hop] = []
        self._misses = 0
        self._pure = False  # every hop of the run so far is one pure tone (a warble may stray from the centre)

    @property
    def pending(self) -> bool:
        return bool(self._run)

    @property
    def run_start_ms(self) -> int | None:
        """End of the first hop of the tone in progress."""
        return self._run[0].t if self._run else None

    @property
    def run_ms(self) -> int:
        return self._run[-1].t - self._run[0].t + HOP_MS if self._run else 0

    @property
    def confirmed(self) -> bool:
        """The tone in progress already qualifies as a beep."""
        return self._qualifies(self._run)

    def update(self, end_ms: int, tonal: bool, frequency_hz: float, level_db: float, purity: float,
               frequency2_hz: float = 0.0, dual_purity: float = 0.0) -> Beep | None:
        """Account for the hop ending at ``end_ms``; return a beep that just ended, if any.
        ``frequency2_hz`` is the weaker tone of a dual tone (0 for a single tone) and ``dual_purity``
        the share of both tones."""
        if tonal:
            tones = self._tones(self._run) if self._run else None
            if tones and frequency2_hz and purity < self.p.tone_min_purity and not tones[1]:
                tonal = False  # tonal only as two tones: no part of a single tone (a voice's harmonic fading out)
        if tonal:
            hop = _Hop(end_ms, frequency_hz, frequency2_hz, level_db, purity, dual_purity)
            pure = self._is_pure(hop)
            if tones and not self._fits(hop, tones):
                if not (pure and self._pure and self._warble_fits(hop, tones)):
                    ended = self._close()
                    self._run, self._pure = [hop], pure
                    return ended
                hop = hop._replace(wide=True)
            self._pure = pure and (self._pure or not self._run)
            self._run.append(hop)
            self._misses = 0
            return None
        if self._run:
            self._misses += 1
            if self._misses > 1:  # one odd frame (a click, a codec glitch) does not break a tone
                return self._close()
        return None

    def flush(self) -> Beep | None:
        """End of stream: close the tone in progress."""
        return self._close() if self._run else None

    def _is_pure(self, hop: _Hop) -> bool:
        return not hop.f2 and hop.purity >= self.p.tone_warble_purity and self.p.tone_warble_pct > 0

    def _warble_fits(self, hop: _Hop, tones: tuple[float, float]) -> bool:
        """A pure hop within ``tone_warble_pct`` of a single tone, at the level of the hop before: the run
        may be a warble (a tone whose level beats, two tones a few Hz apart, strays only where it dips)."""
        return (not tones[1] and abs(hop.f1 - tones[0]) <= tones[0] * self.p.tone_warble_pct / 100
                and abs(hop.level - self._run[-1].level) <= 2 * self.p.tone_warble_level_std_db)

    def _fits(self, hop: _Hop, tones: tuple[float, float]) -> bool:
        """The hop carries the run's tone; or, in a run of two tones (``tones``), both of them (either
        may be the stronger). A voice whose strongest harmonic hops between two never shows both at once."""
        tolerance = self.p.tone_freq_tolerance_hz
        first, second = tones
        if abs(hop.f1 - first) <= tolerance:
            return True
        return bool(second) and abs(hop.f1 - second) <= tolerance and abs(hop.f2 - first) <= tolerance

    def _tones(self, run: list[_Hop]) -> tuple[float, float]:
        """The run's tone and, when most of its hops carry a second one with it, that one (else 0.0):
        medians of the hops' frequencies near each. A second peak in a few hops only is line noise."""
        tolerance = self.p.tone_freq_tolerance_hz
        first = _median([h.f1 for h in run])
        others = [h.f2 if abs(h.f1 - first) <= tolerance else h.f1 for h in run if h.f2]
        if 2 * len(others) < len(run):
            return first, 0.0
        second = _median(others)

        def near(a: float, b: float) -> bool:
            return abs(a - b) <= tolerance

        both = sum(near(h.f1, first) and near(h.f2, second) or near(h.f1, second) and near(h.f2, first) for h in run)
        return first, second if 2 * both >= len(run) else 0.0

    def _qualifies(self, run: list[_Hop], ended: bool = False) -> bool:
        """Long enough, and steady apart from the attack (and, once ``ended``, the release) and a few pure hops
        off its tone; or a warble."""
        if not run or run[-1].t - run[0].t + HOP_MS < self.p.beep_min_ms:
            return False
        core = run[self._ONSET_HOPS: len(run) - self._ONSET_HOPS if ended else len(run)]
        if len(core) < 3:
            core = run
        tolerance = self.p.tone_freq_tolerance_hz
        tones = self._tones(core)
        if any(h.wide for h in core):  # pure hops strayed from the tone: a warble, or a steady beep's ragged edges
            if self._warbles(core):
                return True
            edge = self._ONSET_HOPS
            if any(h.wide for h in core[edge: len(core) - edge]):
                return False  # a stray inside: the pure tone of a voice's harmonic gliding into a steady stretch
            core = [h for h in core if not h.wide]
            if len(core) < 3:
                return False
            tones = self._tones(core)
        n = len(core)
        glide = 0.0
        for tone in tones:
            points = [(h.t, f) for h in core for f in (h.f1, h.f2) if tone and f and abs(f - tone) <= tolerance]
            if len(points) >= 3:
                glide = max(glide, abs(_slope([t for t, _ in points], [f for _, f in points])))
        l_mean = sum(r.level for r in core) / n
        level_std = math.sqrt(sum((r.level - l_mean) ** 2 for r in core) / n)
        # a tone's purity counts its overtone, and a dual tone both tones; but a single tone is as pure
        # as its own peak: another one that came and went does not help
        purity = sum(r.purity if r.f2 and not tones[1] else max(r.purity, r.dual_purity) for r in core) / n
        return (1000 * glide <= self.p.tone_max_glide_hz_s and level_std <= self.p.tone_level_std_db
                and purity >= self.p.tone_purity)

    def _warbles(self, core: list[_Hop]) -> bool:
        """A warbled beep: one pure tone at a flat level, its frequency swinging up and down by at least
        ``_WARBLE_MIN_SWING`` and turning at least twice, at a warble's pace (``_WARBLE_SWING_MS``; a voice's
        harmonic has overtones, and follows the intonation: one rise and fall in a syllable)."""
        if not all(self._is_pure(h) for h in core):
            return False
        levels = [h.level for h in core]
        mean = sum(levels) / len(levels)
        if math.sqrt(sum((v - mean) ** 2 for v in levels) / len(levels)) > self.p.tone_warble_level_std_db:
            return False
        swing = self._WARBLE_MIN_SWING * _median([h.f1 for h in core])
        low = high = core[0]
        extremes: list[_Hop] = []  # alternating peaks and troughs at least `swing` apart
        rising: bool | None = None
        for h in core[1:]:
            if rising is None:
                low, high = min(low, h, key=lambda x: x.f1), max(high, h, key=lambda x: x.f1)
                if h.f1 - low.f1 >= swing or high.f1 - h.f1 >= swing:
                    rising = h.f1 - low.f1 >= swing
                    extremes = [low if rising else high, h]
            elif (h.f1 > extremes[-1].f1) == rising:
                extremes[-1] = h  # the swing goes on
            elif abs(h.f1 - extremes[-1].f1) >= swing:
                rising = not rising
                extremes.append(h)
        turns = extremes[1:-1]
        shortest, longest = self._WARBLE_SWING_MS
        return len(turns) >= 2 and all(shortest <= b.t - a.t <= longest for a, b in zip(turns, turns[1:]))

    def _close(self) -> Beep | None:
        run, self._run, self._misses = self._run, [], 0
        if not self._qualifies(run, ended=True):
            return None
        first, second = self._tones(run)
        if second:
            first, second = min(first, second), max(first, second)
        beep = Beep(start_ms=max(run[0].t - _CENTRE_MS, 0), end_ms=run[-1].t - _CENTRE_MS,
                    frequency_hz=round(first, 1), frequency2_hz=round(second, 1) if second else None)
        self.beeps.append(beep)
        return beep
