"""Beep detection: steady single tones (350-2100 Hz, 130 ms+), grouped so double beeps count as one."""

from __future__ import annotations

import math

from pydantic import BaseModel

from .features import HOP_MS, RATE, WINDOW
from .params import AmdParams

# a frame's window ends at its hop end and spans WINDOW samples; its centre marks the frame time
_CENTRE_MS = WINDOW * 1000 // RATE // 2


class Beep(BaseModel):
    """One detected tone."""

    start_ms: int
    end_ms: int
    frequency_hz: float


class ToneTracker:
    """Follows runs of tonal frames at one frequency and reports the steady ones as beeps.

    Feed one hop at a time with :meth:`update`. A run is a beep when it lasts ``beep_min_ms`` and
    is steady: a beep generator holds its frequency and level, while a voice that happens to put
    most of its energy in one harmonic glides in pitch and level. ``confirmed`` becomes true as
    soon as the tone in progress qualifies; beeps land in ``beeps`` when they end. ``pending``
    tells that a tone may be starting, so a decision that a beep would change should wait.
    """

    _ONSET_HOPS = 2  # the first hops of a run still hold the attack ramp and whatever preceded it

    def __init__(self, params: AmdParams) -> None:
        self.p = params
        self.beeps: list[Beep] = []
        self._run: list[tuple[int, float, float, float]] = []  # (hop end ms, frequency, level dB, purity)
        self._misses = 0

    @property
    def pending(self) -> bool:
        return bool(self._run)

    @property
    def run_start_ms(self) -> int | None:
        """End of the first hop of the tone in progress."""
        return self._run[0][0] if self._run else None

    @property
    def run_ms(self) -> int:
        return self._run[-1][0] - self._run[0][0] + HOP_MS if self._run else 0

    @property
    def confirmed(self) -> bool:
        """The tone in progress already qualifies as a beep."""
        return self._qualifies(self._run)

    def update(self, end_ms: int, tonal: bool, frequency_hz: float, level_db: float, purity: float) -> Beep | None:
        """Account for the hop ending at ``end_ms``; return a beep that just ended, if any."""
        if tonal and self._run and not self._fits(frequency_hz):
            ended = self._close()
            self._run = [(end_ms, frequency_hz, level_db, purity)]
            return ended
        if tonal:
            self._run.append((end_ms, frequency_hz, level_db, purity))
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

    def _fits(self, frequency_hz: float) -> bool:
        freqs = sorted(r[1] for r in self._run)
        return abs(frequency_hz - freqs[len(freqs) // 2]) <= self.p.tone_freq_tolerance_hz

    def _qualifies(self, run: list[tuple[int, float, float, float]], ended: bool = False) -> bool:
        """Long enough, and steady apart from the attack (and, once ``ended``, the release)."""
        if not run or run[-1][0] - run[0][0] + HOP_MS < self.p.beep_min_ms:
            return False
        core = run[self._ONSET_HOPS: len(run) - self._ONSET_HOPS if ended else len(run)]
        if len(core) < 3:
            core = run
        n = len(core)
        t_mean = sum(r[0] for r in core) / n
        f_mean = sum(r[1] for r in core) / n
        l_mean = sum(r[2] for r in core) / n
        t_var = sum((r[0] - t_mean) ** 2 for r in core)
        slope_hz_s = 1000 * sum((r[0] - t_mean) * (r[1] - f_mean) for r in core) / t_var if t_var else 0.0
        level_std = math.sqrt(sum((r[2] - l_mean) ** 2 for r in core) / n)
        purity = sum(r[3] for r in core) / n
        return (abs(slope_hz_s) <= self.p.tone_max_glide_hz_s and level_std <= self.p.tone_level_std_db
                and purity >= self.p.tone_purity)

    def _close(self) -> Beep | None:
        run, self._run, self._misses = self._run, [], 0
        if not self._qualifies(run, ended=True):
            return None
        freqs = sorted(r[1] for r in run)
        beep = Beep(start_ms=max(run[0][0] - _CENTRE_MS, 0), end_ms=run[-1][0] - _CENTRE_MS,
                    frequency_hz=round(freqs[len(freqs) // 2], 1))
        self.beeps.append(beep)
        return beep
