"""Per-frame spectral features and the timing features of an answer's greeting."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import scipy.fft
from scipy.signal import butter, firwin, lfilter

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

_HANN = np.hanning(WINDOW).astype(np.float32)
_LO, _HI = int(np.ceil(BAND[0] / BIN_HZ)), int(BAND[1] / BIN_HZ) + 1
_NBINS = _HI - _LO
# dB of the summed in-band power of the Hann-windowed, zero-padded FFT, relative to a full-scale sine
_LEVEL_OFFSET_DB = 10 * np.log10(4 / NFFT / float(np.sum(_HANN**2)))
_PEAK_OFFSETS = np.arange(-PEAK_HALF_WIDTH, PEAK_HALF_WIDTH + 1)
_SURROUND_WIDTH = 18
_SURROUND = np.concatenate([np.arange(-PEAK_HALF_WIDTH - 2 - _SURROUND_WIDTH, -PEAK_HALF_WIDTH - 2),
                            np.arange(PEAK_HALF_WIDTH + 3, PEAK_HALF_WIDTH + 3 + _SURROUND_WIDTH)])
"""Bins around a peak, clear of its main lobe, for its local floor."""
_MEDIAN = [_SURROUND_WIDTH - 1, _SURROUND_WIDTH]
"""The two middle ones of the ``2 * _SURROUND_WIDTH`` bins around a peak."""
_DB_PER_NEPER = 10 / np.log(10)
_rfft = scipy.fft.rfft  # less overhead per call than numpy's, which counts at a few windows per call
_irfft = scipy.fft.irfft
PITCH_LAGS = (RATE // 400, RATE // 62)
"""Lags searched for a voice's pitch period: 2.5-16 ms (400 Hz down to 62.5 Hz; mains hum, whose harmonics
repeat every 16.7 or 20 ms, stays out)."""
PITCH_FRAME = WINDOW - PITCH_LAGS[1]
"""Samples (16 ms) compared with the same length one pitch period earlier, all inside the window."""
_PITCH_OFFSETS = slice(WINDOW - PITCH_FRAME - PITCH_LAGS[1], WINDOW - PITCH_FRAME - PITCH_LAGS[0] + 1)


def periodicity(windows: np.ndarray) -> np.ndarray:
    """Peak normalised cross-correlation (NCCF, as in RAPT) of each window's last ``PITCH_FRAME`` samples
    with the same length one pitch period earlier, over ``PITCH_LAGS``: near 1 in a vowel, whatever its
    pitch (no taper favours short periods), 0.2-0.5 in noise. ``windows`` should be high-passed: the
    lowest frequencies of brown noise or hum correlate over a few ms."""
    frames = windows[:, -PITCH_FRAME:]
    # circular correlation over WINDOW points: frame sample k meets window sample k + offset < WINDOW, no wrap
    corr = _irfft(_rfft(windows) * np.conj(_rfft(frames, WINDOW)), WINDOW)[:, _PITCH_OFFSETS]
    squares = np.zeros((len(windows), WINDOW + 1))
    np.cumsum(windows * windows, axis=1, dtype=np.float64, out=squares[:, 1:])  # no cancellation in the differences
    energy = squares[:, PITCH_FRAME + _PITCH_OFFSETS.start: PITCH_FRAME + _PITCH_OFFSETS.stop] - squares[:, _PITCH_OFFSETS]
    own = squares[:, -1:] - squares[:, -PITCH_FRAME - 1: -PITCH_FRAME]
    return (corr / np.sqrt(energy * own + 1e-20)).max(axis=1)


class HighPass:
    """Streaming high-pass filter (4th-order Butterworth at 300 Hz, the telephone band's lower edge)
    for the pitch analysis."""

    # one direct-form filter: at this order and cut-off it matches second-order sections to 1e-12,
    # at a quarter of sosfilt's per-call cost
    _B, _A = butter(4, BAND[0], "highpass", fs=RATE)

    def __init__(self) -> None:
        self._zi = np.zeros(len(self._A) - 1)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        y, self._zi = lfilter(self._B, self._A, x, zi=self._zi)
        return y.astype(np.float32)


@cache
def _decimation_taps(factor: int) -> np.ndarray:
    """Low-pass FIR (3.6 kHz) for decimating from ``factor`` times 8 kHz (designed once per rate)."""
    taps = firwin(16 * factor + 1, 3600, fs=factor * RATE).astype(np.float32)
    taps.flags.writeable = False
    return taps


class Downsampler:
    """Streaming low-pass and decimation from any multiple of 8 kHz down to 8 kHz."""

    def __init__(self, sample_rate: int) -> None:
        if sample_rate <= 0 or sample_rate % RATE:
            raise ValueError(f"sample rate must be a multiple of {RATE} Hz, got {sample_rate}")
        self.factor = sample_rate // RATE
        self._taps = _decimation_taps(self.factor)
        self._history = np.zeros(len(self._taps) - 1, dtype=np.float32)  # input the next outputs still reach
        self._phase = 0

    def __call__(self, x: np.ndarray) -> np.ndarray:
        if self.factor == 1:
            return x
        # a plain convolution: lfilter's FIR path goes through apply_along_axis, at several times the cost
        held = np.concatenate([self._history, x])
        self._history = held[len(x):]
        phase, self._phase = self._phase, (self._phase - len(x)) % self.factor
        if phase >= len(x):  # no output falls in this stretch
            return x[:0]
        return np.convolve(held[phase:], self._taps, "valid")[:: self.factor]


@dataclass(frozen=True, slots=True)
class FrameFeatures:
    """Spectral features of a run of consecutive hops (one entry per hop)."""

    level_db: list[float]
    """In-band power, dB relative to a full-scale sine."""
    flatness: list[float]
    """Spectral flatness (geometric / arithmetic mean of the in-band power spectrum), 0..1."""
    tonal: list[bool]
    """The spectrum is one pure tone, or two played together: a peak in the tone search range (or two,
    well apart and within ``tone_dual_max_db`` of each other) holding at least ``tone_min_purity`` of
    the in-band power above the noise floor (median bin) and standing ``tone_peak_db`` above that
    floor. Pairs of DTMF frequencies (a person pressing a key) are not tonal."""
    peak_hz: list[float]
    """Frequency of the (stronger) tone, refined by parabolic interpolation (0.0 for hops that are not
    tonal)."""
    peak2_hz: list[float]
    """Frequency of the weaker tone of a dual tone (0.0 for a single tone or none)."""
    purity: list[float]
    """Share of the in-band power above the noise floor in the strongest peak, 0..1."""
    dual_purity: list[float]
    """The same share for both peaks of a dual tone, or of a tone and its overtone (where ``peak2_hz``
    is 0.0); 0.0 where no second peak counts."""


class FrameAnalyzer:
    """Spectral features of 32 ms windows, one per 10 ms hop, vectorised over a batch of hops."""

    def __init__(self, params: AmdParams) -> None:
        self._lo = max(int(params.tone_min_hz / BIN_HZ) - _LO, PEAK_HALF_WIDTH)
        self._hi = min(int(params.tone_max_hz / BIN_HZ) + 1 - _LO, _NBINS - PEAK_HALF_WIDTH - 1)
        self._purity = params.tone_min_purity
        self._peak_ratio = 10 ** (params.tone_peak_db / 10)
        self._dual = params.tone_dual
        self._dual_ratio = 10 ** (-params.tone_dual_max_db / 10)
        self._search_bins = np.arange(self._lo, self._hi)[None, :]
        self._rows = np.arange(64)[:, None]

    def __call__(self, windows: np.ndarray) -> FrameFeatures:
        """Features of ``windows`` (shape ``(n, WINDOW)``, float samples in [-1, 1])."""
        n = len(windows)
        padded = np.zeros((n, NFFT), dtype=np.float32)  # padded here: scipy.fft's own padding costs more
        np.multiply(windows, _HANN, out=padded[:, :WINDOW])
        spec = _rfft(padded)[:, _LO:_HI]
        power = spec.real * spec.real
        power += spec.imag * spec.imag
        power += 1e-12
        total = power.sum(axis=1)
        log_power = np.log(power)
        # flatness = geometric / arithmetic mean; level in dB from the same log of the total
        log_total = np.log(total)
        flatness = np.exp(log_power.sum(axis=1, dtype=np.float64) * (1 / _NBINS) - log_total) * _NBINS
        level_db = log_total * _DB_PER_NEPER + _LEVEL_OFFSET_DB

        rows = self._rows[:n] if n <= len(self._rows) else np.arange(n)[:, None]
        search = power[:, self._lo: self._hi]
        k = search.argmax(axis=1) + self._lo
        floor = power.copy()
        floor.partition(_NBINS // 2, axis=1)
        floor = floor[:, _NBINS // 2] * len(_PEAK_OFFSETS)
        above = np.maximum(total - floor * (_NBINS / len(_PEAK_OFFSETS)), 1e-12)
        peak = power[rows, k[:, None] + _PEAK_OFFSETS].sum(axis=1)
        purity = (peak - floor) / above
        standing = peak >= self._peak_ratio * floor
        tonal = (purity >= self._purity) & standing
        k2 = np.zeros(n, dtype=np.intp)
        both = np.zeros(n)
        cand = standing.nonzero()[0] if self._dual else ()
        if len(cand):
            # a second tone played with the first: the strongest peak clear of the first one's lobe (only a
            # hop whose first peak stands out can hold two tones)
            masked = search[cand]
            first = k[cand]
            masked[np.abs(self._search_bins - first[:, None]) <= 2 * PEAK_HALF_WIDTH] = 0.0
            second = masked.argmax(axis=1) + self._lo
            peak2 = power[cand[:, None], second[:, None] + _PEAK_OFFSETS].sum(axis=1)
            dual_purity = (peak[cand] + peak2 - 2 * floor[cand]) / above[cand]
            dual = ((dual_purity >= self._purity) & (peak2 >= self._peak_ratio * floor[cand])
                    & (peak2 >= self._dual_ratio * peak[cand]))
            if dual.any():
                # coloured line noise puts most of its power low in the band, where two of its humps can
                # pass for two tones: each tone must also stand out from the spectrum around it
                idx, first, second, peak2 = cand[dual], first[dual], second[dual], peak2[dual]
                local = self._local_floor(power, np.concatenate([idx, idx]), np.concatenate([first, second]))
                ok = ((peak[idx] >= self._peak_ratio * local[: len(idx)])
                      & (peak2 >= self._peak_ratio * local[len(idx):]))
                idx, second = idx[ok], second[ok]
                if len(idx):
                    k2[idx] = second
                    both[idx] = dual_purity[dual][ok]
                    tonal[idx] = True

        peak_list = [0.0] * n
        peak2_list = [0.0] * n
        tonal_rows = tonal.nonzero()[0]
        if len(tonal_rows):
            hz = self._refine(log_power, tonal_rows, k[tonal_rows])
            dual_rows = tonal_rows[k2[tonal_rows] > 0]
            if len(dual_rows):
                hz2 = self._refine(log_power, dual_rows, k2[dual_rows])
                for row, second_hz in zip(dual_rows.tolist(), hz2.tolist()):
                    first_hz = hz[np.searchsorted(tonal_rows, row)]
                    if _is_dtmf(min(first_hz, second_hz), max(first_hz, second_hz)):
                        tonal[row] = False
                        both[row] = 0.0
                    elif not _is_harmonic(first_hz, second_hz):  # an overtone is part of a (distorted) single beep
                        peak2_list[row] = second_hz
            for row, f in zip(tonal_rows.tolist(), hz.tolist()):
                if tonal[row]:
                    peak_list[row] = f
        return FrameFeatures(level_db.tolist(), flatness.tolist(), tonal.tolist(), peak_list, peak2_list,
                             purity.tolist(), both.tolist())

    @staticmethod
    def _local_floor(power: np.ndarray, rows: np.ndarray, bins: np.ndarray) -> np.ndarray:
        """A peak's surroundings: the median power just outside its main lobe (up to ~375 Hz either
        side; the search range keeps the upper side inside the band, and the lower side is mirrored
        up where it would leave it), scaled like ``floor`` to the peak's width."""
        near = bins[:, None] + _SURROUND
        near = np.where(near < 0, 2 * bins[:, None] - near, near)  # below the band: mirror to the other side
        middle = np.partition(power[rows[:, None], near], _MEDIAN, axis=1)[:, _MEDIAN]
        return middle.sum(axis=1) * (len(_PEAK_OFFSETS) / 2)  # the median: np.median costs twice as much

    @staticmethod
    def _refine(log_power: np.ndarray, rows: np.ndarray, bins: np.ndarray) -> np.ndarray:
        """Peak frequencies by parabolic interpolation on the log power spectrum."""
        a, b, c = (log_power[rows, bins + d] for d in (-1, 0, 1))
        denom = a - 2 * b + c
        offset = np.where(denom < 0, 0.5 * (a - c) / np.where(denom < 0, denom, -1.0), 0.0)
        return (bins + _LO + offset) * BIN_HZ


def _is_harmonic(a: float, b: float) -> bool:
    """One of the two is an overtone of the other (2nd to 5th, within 2 %)."""
    ratio = max(a, b) / min(a, b)
    return round(ratio) >= 2 and abs(ratio - round(ratio)) <= 0.02 * round(ratio)


_DTMF_LOW = (697.0, 770.0, 852.0, 941.0)
_DTMF_HIGH = (1209.0, 1336.0, 1477.0, 1633.0)


def _is_dtmf(lo: float, hi: float) -> bool:
    """A DTMF key's pair of frequencies (within 3 %, the standard's 1.5 % plus the analysis error)."""
    return (any(abs(lo - f) <= 0.03 * f for f in _DTMF_LOW)
            and any(abs(hi - f) <= 0.03 * f for f in _DTMF_HIGH))


@dataclass(slots=True)
class GreetingFeatures:
    """Timing of the answer so far, from the speech bursts found by the segmenter (a value: the detector
    builds one per hop, and a frozen dataclass costs seven times as much to build)."""

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
