"""Per-frame spectral features and the timing features of an answer's greeting."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import firwin, lfilter

from .params import AmdParams

RATE = 8000
"""Analysis sample rate: everything runs on the 8 kHz telephone band."""
HOP = 80
"""One analysis frame (hop) is 10 ms."""
HOP_MS = 10
WINDOW = 256
"""Spectral window (32 ms) ending at each hop."""
NFFT = 512
BIN_HZ = RATE / NFFT
BAND = (300.0, 3400.0)
"""Telephone band used for energy, flatness and tone purity."""
PEAK_HALF_WIDTH = 4
"""Bins either side of a spectral peak counted as the tone (the zero-padded Hann main lobe)."""

_HANN = np.hanning(WINDOW)
_LO, _HI = int(np.ceil(BAND[0] / BIN_HZ)), int(BAND[1] / BIN_HZ) + 1
_NBINS = _HI - _LO
# dB of the summed in-band power of the Hann-windowed, zero-padded FFT, relative to a full-scale sine
_LEVEL_OFFSET_DB = 10 * np.log10(4 / NFFT / float(np.sum(_HANN**2)))
_PEAK_OFFSETS = np.arange(-PEAK_HALF_WIDTH, PEAK_HALF_WIDTH + 1)
_DB_PER_NEPER = 10 / np.log(10)
_rfft = np.fft.rfft


class Downsampler:
    """Streaming low-pass and decimation from any multiple of 8 kHz down to 8 kHz."""

    def __init__(self, sample_rate: int) -> None:
        if sample_rate <= 0 or sample_rate % RATE:
            raise ValueError(f"sample rate must be a multiple of {RATE} Hz, got {sample_rate}")
        self.factor = sample_rate // RATE
        self._taps = firwin(16 * self.factor + 1, 3600, fs=sample_rate)
        self._zi = np.zeros(len(self._taps) - 1)
        self._phase = 0

    def __call__(self, x: np.ndarray) -> np.ndarray:
        if self.factor == 1:
            return x
        y, self._zi = lfilter(self._taps, 1.0, x, zi=self._zi)
        out = y[self._phase:: self.factor]
        self._phase = (self._phase - len(y)) % self.factor
        return out


@dataclass(frozen=True, slots=True)
class FrameFeatures:
    """Spectral features of a run of consecutive hops (one entry per hop)."""

    level_db: list[float]
    """In-band power, dB relative to a full-scale sine."""
    flatness: list[float]
    """Spectral flatness (geometric / arithmetic mean of the in-band power spectrum), 0..1."""
    tonal: list[bool]
    """The spectrum is one pure tone: a peak in the tone search range holding at least
    ``tone_min_purity`` of the in-band power above the noise floor (median bin) and standing
    ``tone_peak_db`` above that floor."""
    peak_hz: list[float]
    """Frequency of that peak, refined by parabolic interpolation (0.0 for hops that are not tonal)."""
    purity: list[float]
    """Share of the in-band power above the noise floor in the strongest peak (the tone), 0..1."""


class FrameAnalyzer:
    """Spectral features of 32 ms windows, one per 10 ms hop, vectorised over a batch of hops."""

    def __init__(self, params: AmdParams) -> None:
        self._lo = max(int(params.tone_min_hz / BIN_HZ) - _LO, PEAK_HALF_WIDTH)
        self._hi = min(int(params.tone_max_hz / BIN_HZ) + 1 - _LO, _NBINS - PEAK_HALF_WIDTH - 1)
        self._purity = params.tone_min_purity
        self._peak_ratio = 10 ** (params.tone_peak_db / 10)
        self._rows = np.arange(64)[:, None]

    def __call__(self, windows: np.ndarray) -> FrameFeatures:
        """Features of ``windows`` (shape ``(n, WINDOW)``, float samples in [-1, 1])."""
        n = len(windows)
        spec = _rfft(windows * _HANN, NFFT)[:, _LO:_HI]
        power = spec.real * spec.real
        power += spec.imag * spec.imag
        power += 1e-12
        total = power.sum(axis=1)
        log_power = np.log(power)
        # flatness = geometric / arithmetic mean; level in dB from the same log of the total
        log_total = np.log(total)
        flatness = np.exp(log_power.sum(axis=1) * (1 / _NBINS) - log_total) * _NBINS
        level_db = log_total * _DB_PER_NEPER + _LEVEL_OFFSET_DB

        rows = self._rows[:n] if n <= len(self._rows) else np.arange(n)[:, None]
        k = power[:, self._lo: self._hi].argmax(axis=1) + self._lo
        floor = power.copy()
        floor.partition(_NBINS // 2, axis=1)
        floor = floor[:, _NBINS // 2] * len(_PEAK_OFFSETS)
        peak = power[rows, k[:, None] + _PEAK_OFFSETS].sum(axis=1)
        purity = (peak - floor) / np.maximum(total - floor * (_NBINS / len(_PEAK_OFFSETS)), 1e-12)
        tonal = (purity >= self._purity) & (peak >= self._peak_ratio * floor)

        tonal_rows = tonal.nonzero()[0]
        if len(tonal_rows):
            # parabolic interpolation of the peak on the log power spectrum
            j = k[tonal_rows]
            a, b, c = (log_power[tonal_rows, j + d] for d in (-1, 0, 1))
            denom = a - 2 * b + c
            offset = np.where(denom < 0, 0.5 * (a - c) / np.where(denom < 0, denom, -1.0), 0.0)
            peak_hz = np.zeros(n)
            peak_hz[tonal_rows] = (j + _LO + offset) * BIN_HZ
            peak_list = peak_hz.tolist()
        else:
            peak_list = [0.0] * n
        return FrameFeatures(level_db.tolist(), flatness.tolist(), tonal.tolist(), peak_list, purity.tolist())


@dataclass(frozen=True, slots=True)
class GreetingFeatures:
    """Timing of the answer so far, from the speech bursts found by the segmenter."""

    now_ms: int
    """Stream time these features describe."""
    initial_silence_ms: int
    """From the answer to the first speech (or to now, when nobody spoke yet)."""
    greeting_ms: int
    """From the first speech to the end of the latest speech (0 before any speech)."""
    fluent_ms: int
    """Length of the latest run of speech with no pause of ``fluent_pause_ms`` or more."""
    speech_ms: int
    """Time inside speech bursts (pauses between bursts excluded)."""
    bursts: int
    """Speech bursts (words or phrases separated by pauses)."""
    longest_pause_ms: int
    """Longest pause between bursts inside the greeting."""
    silence_ms: int
    """Time since the latest speech (near 0 while speaking)."""
    in_speech: bool
    """Someone is speaking now, or a new burst is starting."""
    burst_age_ms: int = 0
    """Time since the burst in progress opened (0 when none is)."""
    voiced_share: float = 1.0
    """Share of the greeting's speech hops with a harmonic spectrum (flatness at most
    ``voiced_max_flatness``): most of a voice, little of speech-like noise."""
    longest_burst_ms: int = 0
    """Longest burst of the latest fluent run: speech that went on with no pause of ``merge_gap_ms``."""

    @property
    def spoke(self) -> bool:
        return self.bursts > 0

    @property
    def speech_ratio(self) -> float:
        """Share of the greeting inside speech bursts: near 1 for fluent speech, low for hellos with long gaps
        (not to be confused with ``voiced_share``, which asks whether that speech is a voice)."""
        return self.speech_ms / self.greeting_ms if self.greeting_ms else 0.0
