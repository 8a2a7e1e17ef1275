"""Synthetic telephone signals for the AMD tests: a voice-like sound, beeps, line noise."""

from __future__ import annotations

import numpy as np

RATE = 8000


def noise(seconds: float, rate: int = RATE, level: float = 30.0, seed: int = 0) -> np.ndarray:
    """White line noise with an RMS of ``level`` (16-bit sample units)."""
    return np.random.default_rng(seed).standard_normal(int(seconds * rate)) * level


def voice(seconds: float, rate: int = RATE, f0: float = 140.0, level: float = 3000.0, seed: int = 1) -> np.ndarray:
    """A vowel-like harmonic sound with a wandering pitch and syllable-rate loudness changes."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    t = np.arange(n) / rate
    pitch = f0 * (1 + 0.08 * np.sin(2 * np.pi * 3.1 * t + rng.uniform(0, 6)) + 0.03 * np.sin(2 * np.pi * 7.3 * t))
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    formants = (500.0, 1500.0, 2500.0)
    x = np.zeros(n)
    for h in range(1, int(3400 / f0)):
        gain = sum(1 / (1 + ((h * f0 - f) / 150) ** 2) for f in formants) / h**0.5
        x += gain * np.sin(h * phase)
    syllables = 0.05 + 0.95 * np.sin(2 * np.pi * 4.0 * t - np.pi / 2) ** 2
    x *= syllables * level / np.sqrt(np.mean(x**2))
    ramp = min(int(0.02 * rate), n // 2)
    x[:ramp] *= np.linspace(0, 1, ramp)
    x[n - ramp:] *= np.linspace(1, 0, ramp)
    return x


def _ramped(x: np.ndarray, rate: int) -> np.ndarray:
    """``x`` with 5 ms linear fade-in and fade-out (a generator's tone, without clicks)."""
    ramp = int(0.005 * rate)
    x[:ramp] *= np.linspace(0, 1, ramp)
    x[-ramp:] *= np.linspace(1, 0, ramp)
    return x


def beep(seconds: float, freq: float, rate: int = RATE, level: float = 4000.0) -> np.ndarray:
    """A steady sine beep with 5 ms ramps."""
    t = np.arange(int(seconds * rate)) / rate
    x = np.sin(2 * np.pi * freq * t) * level * np.sqrt(2)
    return _ramped(x, rate)


def warble(seconds: float, freq: float, swing_pct: float, swings_hz: float, rate: int = RATE,
           level: float = 4000.0) -> np.ndarray:
    """A warbled beep: ``freq`` swung by +-``swing_pct`` percent, ``swings_hz`` times a second, 5 ms ramps."""
    t = np.arange(int(seconds * rate)) / rate
    deviation = freq * swing_pct / 100
    x = np.sin(2 * np.pi * freq * t + deviation / swings_hz * np.sin(2 * np.pi * swings_hz * t)) * level * np.sqrt(2)
    return _ramped(x, rate)


def glide(seconds: float, contour_hz: tuple[float, ...], rate: int = RATE, level: float = 4000.0) -> np.ndarray:
    """One pure tone at a flat level whose frequency moves linearly through ``contour_hz`` (a voice's
    intonation, were it a single harmonic), 5 ms ramps."""
    n = int(seconds * rate)
    f = np.interp(np.arange(n), np.linspace(0, n - 1, len(contour_hz)), contour_hz)
    x = np.sin(2 * np.pi * np.cumsum(f) / rate) * level * np.sqrt(2)
    return _ramped(x, rate)


def chord(seconds: float, freqs: tuple[float, ...], rate: int = RATE, level: float = 4000.0) -> np.ndarray:
    """Steady tones played together (a dual-tone beep, a DTMF key), each at ``level`` RMS, 5 ms ramps."""
    return sum((beep(seconds, f, rate, level) for f in freqs), np.zeros(int(seconds * rate)))


def brown_noise(seconds: float, rate: int = RATE, level: float = 30.0, seed: int = 0) -> np.ndarray:
    """Line noise with a 1/f^2 spectrum (most of its power low in the band), RMS ``level``."""
    n = int(seconds * rate)
    spectrum = np.fft.rfft(np.random.default_rng(seed).standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / rate)
    f[0] = f[1]
    x = np.fft.irfft(spectrum / f, n)
    return x * level / np.std(x)


def silence(seconds: float, rate: int = RATE) -> np.ndarray:
    return np.zeros(int(seconds * rate))


def line(*parts: np.ndarray, rate: int = RATE, noise_level: float = 30.0, seed: int = 0) -> np.ndarray:
    """Parts one after another over line noise, as 16-bit samples."""
    x = np.concatenate(parts)
    x = x + noise(len(x) / rate, rate, noise_level, seed)[: len(x)]
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)
