"""Tone (beep) detection on synthetic signals."""

import numpy as np
import pytest
from scipy.signal import butter, sosfilt

from agent.amd import AmdParams, detect_samples
from agent.amd.features import HOP, WINDOW, FrameAnalyzer
from agent.amd.tone import ToneTracker

from .signals import beep, brown_noise, chord, glide, line, noise, silence, voice, warble

PARAMS = AmdParams()


def frames(x: np.ndarray):
    """FrameAnalyzer output for a whole 8 kHz signal."""
    y = np.concatenate([np.zeros(WINDOW - HOP), np.asarray(x, dtype=float) / 32768])
    n = (len(y) - WINDOW) // HOP + 1
    return FrameAnalyzer(PARAMS)(y[np.arange(n)[:, None] * HOP + np.arange(WINDOW)])


def track(x: np.ndarray) -> ToneTracker:
    tracker = ToneTracker(PARAMS)
    f = frames(x)
    for i in range(len(f.tonal)):
        tracker.update((i + 1) * 10, f.tonal[i], f.peak_hz[i], f.level_db[i], f.purity[i], f.peak2_hz[i], f.dual_purity[i])
    tracker.flush()
    return tracker


@pytest.mark.parametrize("freq", [400.0, 700.0, 1000.0, 1400.0, 2000.0])
def test_sine_frames_are_tonal_at_the_right_frequency(freq):
    f = frames(line(beep(0.5, freq)))
    core = slice(5, 40)
    assert all(f.tonal[core])
    assert np.allclose(f.peak_hz[core], freq, atol=3)


def test_noise_and_voice_frames_are_mostly_not_tonal():
    assert not any(frames(line(noise(1.0, level=1000))).tonal)
    assert np.mean(frames(line(voice(1.0))).tonal) < 0.2


def test_beep_in_noise_is_found_with_its_end():
    tracker = track(line(silence(0.5), beep(0.3, 1000, level=300), silence(0.5), noise_level=300))
    assert len(tracker.beeps) == 1
    b = tracker.beeps[0]
    assert abs(b.start_ms - 500) <= 40 and abs(b.end_ms - 800) <= 40
    assert abs(b.frequency_hz - 1000) <= 3


def test_too_short_tone_is_not_a_beep():
    assert track(line(silence(0.3), beep(0.08, 1000), silence(0.3))).beeps == []


def test_gliding_tone_is_not_a_beep():
    t = np.arange(int(0.4 * 8000)) / 8000
    chirp = 3000 * np.sin(2 * np.pi * (500 * t + 100 * t**2))  # 500 -> 580 Hz, like a voice's harmonic
    assert track(line(silence(0.2), chirp, silence(0.3))).beeps == []


def test_two_tones_are_two_beeps_and_confirmed_while_playing():
    tracker = ToneTracker(PARAMS)
    f = frames(line(silence(0.2), beep(0.3, 600), silence(0.1), beep(0.3, 900), silence(0.3)))
    confirmed_at = []
    for i in range(len(f.tonal)):
        tracker.update((i + 1) * 10, f.tonal[i], f.peak_hz[i], f.level_db[i], f.purity[i])
        if tracker.confirmed:
            confirmed_at.append((i + 1) * 10)
    assert [round(b.frequency_hz, -1) for b in tracker.beeps] == [600, 900]
    assert confirmed_at and confirmed_at[0] < 500  # during the first beep


def test_double_beep_reports_the_end_of_the_last_beep():
    x = line(silence(0.3), voice(1.5), silence(0.5), beep(0.25, 800), silence(0.12), beep(0.25, 800), silence(2.0))
    det = detect_samples(x, 8000)
    assert det.decision is not None and det.decision.result == "machine"
    assert det.beep_end is not None
    assert abs(det.beep_end.time_ms - 2920) <= 60  # 0.3 + 1.5 + 0.5 + 0.25 + 0.12 + 0.25 s
    assert "2 beep(s)" in det.beep_end.reason


@pytest.mark.parametrize("freqs", [(620.0, 1130.0), (480.0, 1390.0), (900.0, 1100.0)])
def test_two_tones_at_once_are_one_dual_tone_beep(freqs):
    tracker = track(line(silence(0.3), chord(0.4, freqs, level=2000), silence(0.5), noise_level=200))
    assert len(tracker.beeps) == 1
    b = tracker.beeps[0]
    assert abs(b.frequency_hz - freqs[0]) <= 3 and b.frequency2_hz is not None and abs(b.frequency2_hz - freqs[1]) <= 3
    assert abs(b.start_ms - 300) <= 40 and abs(b.end_ms - 700) <= 40


def test_dual_tone_detection_can_be_turned_off():
    x = line(silence(0.3), chord(0.4, (620.0, 1130.0), level=2000), silence(0.5), noise_level=200)
    f = FrameAnalyzer(AmdParams(tone_dual=False))(
        np.concatenate([np.zeros(WINDOW - HOP), x / 32768])[np.arange(len(x) // HOP)[:, None] * HOP + np.arange(WINDOW)])
    assert not any(f.tonal)


@pytest.mark.parametrize("keys", [(697.0, 1209.0), (770.0, 1336.0), (941.0, 1477.0), (852.0, 1633.0)])
def test_a_dtmf_key_is_not_a_beep(keys):
    """A person pressing a key after saying hello must not pass for a voicemail beep."""
    x = line(silence(0.3), chord(0.3, keys, level=2000), silence(0.5), noise_level=200)
    assert not any(frames(x).tonal[35:58])  # the key's steady part (its first and last windows are smeared)
    assert track(x).beeps == []


def test_a_beep_with_a_strong_overtone_is_one_single_tone():
    t = np.arange(int(0.4 * 8000)) / 8000
    buzzy = 2500 * (np.sin(2 * np.pi * 600 * t) + 0.8 * np.sin(2 * np.pi * 1200 * t + 1.0))
    tracker = track(line(silence(0.3), buzzy, silence(0.5), noise_level=100))
    assert len(tracker.beeps) == 1
    assert abs(tracker.beeps[0].frequency_hz - 600) <= 3 and tracker.beeps[0].frequency2_hz is None


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_band_limited_brown_line_noise_is_never_two_tones(seed):
    """Coloured noise piles its power low in the band, where two humps of it look like two tones
    against the band's median; against the spectrum around them they do not stand out."""
    sos = butter(4, [300, 3400], "bandpass", fs=8000, output="sos")
    x = np.clip(np.round(sosfilt(sos, brown_noise(5.0, level=3000, seed=seed))), -32768, 32767)
    assert not any(frames(x).peak2_hz)


@pytest.mark.parametrize(("freq", "swing_pct", "swings_hz"), [(650.0, 2.5, 9.0), (1100.0, 4.0, 5.0), (480.0, 1.5, 14.0)])
def test_a_warbled_beep_is_one_beep(freq, swing_pct, swings_hz):
    """Some voicemail systems warble their beep; a steady-tone tracker breaks it into pieces a few hops long."""
    x = line(silence(0.3), warble(0.4, freq, swing_pct, swings_hz, level=2000), silence(0.5), noise_level=100)
    beeps = track(x).beeps
    assert len(beeps) == 1
    assert abs(beeps[0].frequency_hz - freq) <= freq * swing_pct / 100 and abs(beeps[0].end_ms - 700) <= 40
    steady_only = ToneTracker(AmdParams(tone_warble_pct=0))
    f = frames(x)
    for i in range(len(f.tonal)):
        steady_only.update((i + 1) * 10, f.tonal[i], f.peak_hz[i], f.level_db[i], f.purity[i], f.peak2_hz[i],
                           f.dual_purity[i])
    steady_only.flush()
    assert steady_only.beeps == []


@pytest.mark.parametrize("contour", [(520.0, 560.0, 515.0), (600.0, 640.0), (700.0, 660.0, 690.0)])
def test_a_pure_tone_gliding_like_intonation_is_no_warble(contour):
    """One pure tone at a flat level rising and falling once (or gliding one way) over 400 ms, as a voice's
    pitch does in a syllable: within a warble's range, but it does not swing back and forth."""
    assert track(line(silence(0.3), glide(0.4, contour, level=2000), silence(0.5), noise_level=100)).beeps == []


def test_a_warbled_beep_after_a_short_greeting_is_a_machine():
    x = line(silence(0.3), voice(1.2), silence(0.6), warble(0.5, 900.0, 3.0, 8.0, level=2500), silence(2.5))
    det = detect_samples(x, 8000)
    assert (det.decision.result, det.decision.reason) == ("machine", "beep")
    assert det.beep_end is not None and abs(det.beep_end.time_ms - 2600) <= 50


@pytest.mark.parametrize("hops_per_swing", [1, 2])
def test_a_pure_peak_wobbling_hop_to_hop_is_no_warble(hops_per_swing):
    """A voice's low harmonic can hold one pure peak at a flat level while its measured frequency wobbles from
    one 10 ms hop to the next (as it did on a person's 'hello?' at 350-380 Hz): it turns back and forth, but
    faster than any warble swings."""
    tracker = ToneTracker(PARAMS)
    for i in range(40):
        wobble = 1 if (i // hops_per_swing) % 2 else -1
        tracker.update((i + 1) * 10, True, 360.0 * (1 + 0.025 * wobble), -20.0, 0.95)
    tracker.flush()
    assert tracker.beeps == []
