"""The app_amd re-implementation follows Asterisk's state machine."""

import numpy as np

from agent.amd.asterisk import AsteriskAmd, AsteriskAmdParams


def run(x: np.ndarray, rate: int = 8000) -> AsteriskAmd:
    amd = AsteriskAmd(rate)
    for start in range(0, len(x), rate // 50):
        if amd.push(x[start: start + rate // 50]) is not None:
            break
    amd.flush()
    return amd


def loud(seconds: float, rate: int = 8000) -> np.ndarray:
    return np.full(int(seconds * rate), 2000, dtype=np.int16) * np.sign(np.sin(np.arange(int(seconds * rate)))).astype(np.int16)


def quiet(seconds: float, rate: int = 8000) -> np.ndarray:
    return np.zeros(int(seconds * rate), dtype=np.int16)


def test_word_then_silence_is_human():
    v = run(np.concatenate([quiet(0.5), loud(0.5), quiet(1.5)])).verdict
    assert v.status == "HUMAN" and v.cause == "HUMAN-800-800"


def test_long_initial_silence_is_machine():
    v = run(quiet(4.0)).verdict
    assert v.status == "MACHINE" and v.cause.startswith("INITIALSILENCE")


def test_long_greeting_is_machine():
    v = run(np.concatenate([quiet(0.3), loud(3.0)])).verdict
    assert v.status == "MACHINE" and v.cause == "LONGGREETING-1500-1500"


def test_more_words_than_the_maximum_is_machine():
    word = np.concatenate([loud(0.2), quiet(0.1)])
    v = run(np.concatenate([quiet(0.3)] + [word] * 4 + [quiet(2.0)])).verdict
    assert v.status == "MACHINE" and v.cause == "MAXWORDS-3-2"


def test_total_analysis_time_gives_notsure():
    params = AsteriskAmdParams(initial_silence=10000)
    amd = AsteriskAmd(8000, params)
    amd.push(quiet(6.0))
    assert amd.verdict.status == "NOTSURE" and amd.verdict.result == "unknown"


def test_silence_threshold_is_the_mean_absolute_level():
    just_below = np.full(8000 * 4, 255, dtype=np.int16)
    assert run(just_below).verdict.cause.startswith("INITIALSILENCE")
    just_above = np.full(8000 * 4, 256, dtype=np.int16)
    assert run(just_above).verdict.cause.startswith("LONGGREETING")


def test_16_khz_is_downsampled_and_end_of_audio_is_hangup():
    v = run(np.concatenate([quiet(0.5, 16000), loud(0.3, 16000), quiet(0.3, 16000)]), 16000).verdict
    assert v.status == "HANGUP" and v.result == "unknown"
