"""Beep detection: steady single tones (350-2100 Hz, 130 ms+), grouped so double beeps count as one."""

from __future__ import annotations

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
    """Follows runs of tonal frames with a steady frequency and level, and reports beeps.

    Feed one hop at a time with :meth:`update`. ``confirmed`` becomes true as soon as the current
    tone has lasted ``beep_min_ms``; beeps land in ``beeps`` when they end. ``pending`` tells that a
    tone may be starting, so a decision that a beep would change should wait.
    """

    def __init__(self, params: AmdParams) -> None:
        self.p = params
        self.beeps: list[Beep] = []
        self._run: list[tuple[int, float, float]] = []  # (hop end ms, frequency, level dB)
        self._misses = 0

    @property
    def pending(self) -> bool:
        return bool(self._run)

    @property
    def confirmed(self) -> bool:
        """The tone in progress is already long enough to be a beep."""
        return self._run_ms() >= self.p.beep_min_ms

    def update(self, end_ms: int, tonal: bool, frequency_hz: float, level_db: float) -> Beep | None:
        """Account for the hop ending at ``end_ms``; return a beep that just ended, if any."""
        if tonal and self._run and not self._fits(frequency_hz, level_db):
            ended = self._close()
            self._run = [(end_ms, frequency_hz, level_db)]
            return ended
        if tonal:
            self._run.append((end_ms, frequency_hz, level_db))
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

    def _run_ms(self) -> int:
        return self._run[-1][0] - self._run[0][0] + HOP_MS if self._run else 0

    def _fits(self, frequency_hz: float, level_db: float) -> bool:
        freqs = sorted(r[1] for r in self._run)
        levels = sorted(r[2] for r in self._run)
        return (abs(frequency_hz - freqs[len(freqs) // 2]) <= self.p.tone_freq_tolerance_hz
                and abs(level_db - levels[len(levels) // 2]) <= self.p.tone_level_tolerance_db)

    def _close(self) -> Beep | None:
        run, self._run, self._misses = self._run, [], 0
        if run[-1][0] - run[0][0] + HOP_MS < self.p.beep_min_ms:
            return None
        freqs = sorted(r[1] for r in run)
        beep = Beep(start_ms=max(run[0][0] - _CENTRE_MS, 0), end_ms=run[-1][0] - _CENTRE_MS,
                    frequency_hz=round(freqs[len(freqs) // 2], 1))
        self.beeps.append(beep)
        return beep
