"""Speech gate and segmentation."""

import numpy as np
import pytest

from agent.amd import AmdParams, detect_samples
from agent.amd.features import HighPass, periodicity
from agent.amd.vad import Segmenter

from .signals import brown_noise, line, noise, silence, voice

PARAMS = AmdParams()


def segment(pattern: str) -> Segmenter:
    """Run the segmenter over a pattern of 10 ms hops: '#' speech with a voice's pitch, 's' speech to the
    gate with no pitch (a fricative, or noise), '.' silence."""
    seg = Segmenter(PARAMS)
    for i, c in enumerate(pattern):
        seg.update((i + 1) * 10, c in "#s", True, c == "#")
    return seg


def spans(seg: Segmenter) -> list[tuple[int, int]]:
    return [(b.start_ms, b.end_ms) for b in seg.bursts]


def test_short_pauses_stay_inside_a_burst():
    seg = segment("." * 10 + "#" * 20 + "." * 10 + "#" * 20 + "." * 30)
    assert [(b.start_ms, b.end_ms) for b in seg.bursts] == [(100, 600)]


def test_long_pause_splits_bursts():
    seg = segment("." * 10 + "#" * 20 + "." * 40 + "#" * 20 + "." * 30)
    assert [(b.start_ms, b.end_ms) for b in seg.bursts] == [(100, 300), (700, 900)]


def test_blips_are_dropped_and_do_not_count_as_speech():
    seg = segment("." * 10 + "##" + "." * 30 + "#" * 20 + "." * 30)
    assert [(b.start_ms, b.end_ms) for b in seg.bursts] == [(420, 620)]


def test_features_follow_the_bursts():
    seg = segment("." * 50 + "#" * 30 + "." * 40 + "#" * 50 + "." * 25)
    f = seg.features(1950)
    assert f.initial_silence_ms == 500
    assert f.greeting_ms == 1700 - 500
    assert f.fluent_ms == 1700 - 500  # a 400 ms pause does not break the run
    assert f.bursts == 2
    assert f.speech_ms == 300 + 500
    assert f.longest_pause_ms == 400
    assert f.silence_ms == 250
    assert not f.in_speech


def test_a_long_pause_restarts_the_fluent_run():
    f = segment("." * 50 + "#" * 30 + "." * 150 + "#" * 50 + "." * 5).features(2850)
    assert f.greeting_ms == 2800 - 500 and f.fluent_ms == 500 and f.longest_pause_ms == 1500


def test_longest_burst_of_the_fluent_run():
    pattern = "." * 50 + "#" * 80 + "." * 30 + "#" * 40 + "." * 150 + "#" * 60
    seg = segment(pattern)
    assert seg.features(len(pattern) * 10).longest_burst_ms == 600  # the open burst, in a new run
    seg = segment(pattern[:-60] + "#" * 30)
    assert seg.features((len(pattern) - 30) * 10).longest_burst_ms == 300  # the run restarted: 800 ms is gone
    f = segment("." * 50 + "#" * 80 + "." * 30 + "#" * 40 + "." * 25).features(2250)
    assert f.longest_burst_ms == 800  # closed bursts of one run


def test_features_before_any_speech():
    f = segment("." * 30).features(300)
    assert not f.spoke and f.initial_silence_ms == 300 and f.greeting_ms == 0


def test_voice_is_segmented_and_line_noise_is_not():
    det = detect_samples(line(silence(0.5), voice(1.0), silence(1.0), voice(0.5), silence(2.0)), 8000)
    bursts = [(b.start_ms, b.end_ms) for b in det._seg.bursts]
    assert len(bursts) == 2
    assert abs(bursts[0][0] - 500) <= 60 and abs(bursts[0][1] - 1500) <= 80
    assert abs(bursts[1][0] - 2500) <= 60

    quiet = detect_samples(line(noise(5.0, level=2000)), 8000)
    assert quiet._seg.bursts == []


def test_voice_is_found_at_16_khz_and_any_level():
    for level in (1000.0, 3000.0, 15000.0):  # -30 to -7 dBFS: the range of telephone speech
        x = line(silence(0.5, 16000), voice(1.0, 16000, level=level), silence(2.0, 16000), rate=16000,
                 noise_level=level / 100)
        det = detect_samples(x, 16000)
        assert len(det._seg.bursts) == 1, level
        assert np.isclose(det._seg.bursts[0].start_ms, 500, atol=60)


def _coloured(seconds: float, level: float, seed: int) -> np.ndarray:
    """Brown-ish band-limited line noise: its 10 ms levels swing by several dB."""
    from scipy.signal import butter, sosfilt

    white = np.random.default_rng(seed).standard_normal(int(seconds * 8000))
    x = sosfilt(np.array([[1.0, 0, 0, 1.0, -0.99, 0]]), white)
    x = sosfilt(butter(4, [300, 3400], btype="band", fs=8000, output="sos"), x)
    return x * level / np.std(x)


def test_a_level_step_in_coloured_line_noise_is_not_speech():
    quiet, loud = _coloured(2.0, 150, 3), _coloured(3.0, 150 * 10 ** (12 / 20), 4)
    for seed in range(3):
        det = detect_samples(line(quiet, loud, noise_level=0, seed=seed), 8000)
        assert det._seg.bursts == [], seed


def test_after_a_level_step_speech_is_still_found():
    x = line(_coloured(1.5, 150, 3), _coloured(1.5, 450, 4), voice(1.0) + _coloured(1.0, 450, 5),
             _coloured(2.0, 450, 6), noise_level=0)
    bursts = [(b.start_ms, b.end_ms) for b in detect_samples(x, 8000)._seg.bursts]
    assert len(bursts) == 1 and abs(bursts[0][0] - 3000) <= 80


def test_a_pause_between_sentences_does_not_restart_the_fluent_run():
    f = segment("." * 50 + "#" * 300 + "." * 120 + "#" * 200 + "." * 5).features(6750)
    assert f.longest_pause_ms == 1200 and f.fluent_ms == 6700 - 500


def _vowel(seconds: float, level: float, f0: float = 120.0) -> np.ndarray:
    """A sustained vowel at one pitch and one level ('ahh', a drawn-out monotone 'hello')."""
    t = np.arange(int(seconds * 8000)) / 8000
    x = sum(np.sin(2 * np.pi * h * f0 * t) / h**0.5 for h in range(3, int(3400 / f0)))
    x *= level / np.sqrt(np.mean(x**2))
    ramp = 160
    x[:ramp] *= np.linspace(0, 1, ramp)
    x[-ramp:] *= np.linspace(1, 0, ramp)
    return x


def test_a_steady_vowel_on_a_white_line_is_speech_not_a_gain_step():
    # steady and louder than the floor like a gain step, but far less flat than the line's noise
    for level in (600.0, 1000.0):  # 16 and 20 dB over the noise
        for seed in range(3):
            det = detect_samples(line(silence(2.0), _vowel(0.55, level), silence(2.5), noise_level=100, seed=seed), 8000)
            assert len(det._seg.bursts) == 1 and det.decision.result == "human", (level, seed)


def test_a_level_step_in_white_line_noise_is_not_speech():
    for seed in range(3):
        x = np.concatenate([noise(2.0, level=100, seed=seed), noise(3.0, level=400, seed=seed + 10)])
        det = detect_samples(np.round(x).astype(np.int16), 8000)
        assert det._seg.bursts == [], seed


# -- a voice's pitch, and lines whose noise passes the speech gate


def _windows(x: np.ndarray) -> np.ndarray:
    x = HighPass()(x)
    return np.lib.stride_tricks.sliding_window_view(x, 256)[::80]


@pytest.mark.parametrize("f0", [70.0, 110.0, 180.0, 260.0, 380.0])
def test_a_voice_is_periodic_at_any_pitch(f0):
    per = periodicity(_windows(voice(1.0, f0=f0, seed=2)))
    assert np.median(per) >= 0.9, f0


@pytest.mark.parametrize("make", [noise, brown_noise, lambda seconds, level: _coloured(seconds, level, 1)])
def test_line_noise_is_not_periodic(make):
    per = periodicity(_windows(make(3.0, level=300.0)))
    assert np.median(per) < 0.4 and np.percentile(per, 99) < PARAMS.periodic_min


def test_on_a_quiet_line_a_syllable_without_pitch_still_counts():
    # a weak syllable whose pitch the line noise hides still holds a pause short
    seg = segment("." * 10 + "#" * 40 + "." * 30 + "s" * 15 + "." * 30)
    assert spans(seg) == [(100, 500), (800, 950)] and not seg.noisy


def test_speech_running_on_past_the_voice_makes_the_line_noisy():
    seg = segment("." * 10 + "#" * 40 + "s" * 60 + "." * 30 + "s" * 20 + "." * 30)
    tail = PARAMS.periodic_tail_ms
    assert seg.noisy
    assert spans(seg) == [(100, 500 + tail)]  # the burst ends where the voice reached; the noise after never counts


def test_unvoiced_bursts_that_add_up_make_the_line_noisy_and_are_dropped():
    pattern = "." * 10 + "#" * 40 + "." * 30 + ("s" * 15 + "." * 30) * 2 + "." * 100
    seg = segment(pattern)
    assert seg.noisy and spans(seg) == [(100, 500)]
    f = seg.features(len(pattern) * 10)
    assert f.bursts == 1 and f.silence_ms == len(pattern) * 10 - 500  # silence since the voice


def test_on_a_noisy_line_a_voice_starting_in_noise_starts_at_its_onset():
    noisy = "." * 10 + "s" * 40 + "." * 30  # turns the line noisy
    seg = segment(noisy + "s" * 50 + "#" * 20 + "." * 30)
    start = (len(noisy) + 50) * 10 - PARAMS.periodic_tail_ms
    assert seg.noisy and spans(seg) == [(start, (len(noisy) + 70) * 10)]
    assert segment(noisy + "s" * 10 + "#" * 1 + "s" * 10 + "." * 30).bursts == []  # one periodic hop is chance
