"""Silero's second opinion on the silence after speech (the model livekit-plugins-silero ships)."""

import numpy as np

from agent.amd import AmdParams, detect_samples
from agent.amd.silero import SileroTail

from .signals import line, noise, silence, voice

ON, OFF = AmdParams(), AmdParams(silero=False)


def _fading_greeting(fade_s: float = 1.2) -> np.ndarray:
    """A greeting whose last ``fade_s`` sinks 35 dB into the line noise, as weak trailing sounds
    do on a noisy line: the first VAD loses it long before it ends."""
    v = voice(1.0 + fade_s, level=2000.0)
    n = int(fade_s * 8000)
    v[-n:] *= 10 ** (np.linspace(0, -35, n) / 20)
    return line(silence(0.5), v, silence(2.5), noise_level=100.0)


def _last_burst_end(x: np.ndarray, params: AmdParams) -> tuple[int, int]:
    det = detect_samples(x, 8000, params)
    assert det.decision is not None and det.decision.result == "human"
    return det.decision.time_ms, det._seg.bursts[-1].end_ms


def test_a_greeting_fading_into_the_noise_is_heard_to_its_end():
    x = _fading_greeting()
    decided_off, vad_end = _last_burst_end(x, OFF)
    decided_on, vad_end_on = _last_burst_end(x, ON)
    assert vad_end_on == vad_end  # Silero only re-measures the silence; the bursts stay the first VAD's
    assert decided_on >= decided_off + 250
    assert decided_on <= vad_end + ON.max_human_silence_ms  # the 2-second rule still holds


def test_an_abrupt_end_is_not_stretched_by_silero_lingering():
    # Silero's probability stays up a little after speech stops; silero_lag_ms absorbs that
    x = line(silence(0.5), voice(1.2), silence(2.5), noise_level=30.0)
    decided_off, _ = _last_burst_end(x, OFF)
    decided_on, _ = _last_burst_end(x, ON)
    assert decided_on - decided_off <= 50  # a few 10 ms hops, not Silero's whole linger


def test_silero_decisions_use_no_audio_after_them():
    x = _fading_greeting()
    full = detect_samples(x, 8000).decision
    cut = detect_samples(x[: full.time_ms * 8], 8000).decision
    assert (cut.result, cut.time_ms) == (full.result, full.time_ms)


def test_tail_hears_speech_end_and_not_line_noise():
    tail = SileroTail(ON)
    talk = line(silence(0.3), voice(1.0), silence(1.5), noise_level=30.0) / 32768
    for start in range(0, len(talk), 320):
        tail.append(talk[start: start + 320])
    end = tail.speech_end_ms(burst_end_ms=1300, now_ms=2500, gain=1.0)
    assert end is not None and 1250 <= end <= 1300 + ON.silero_lag_ms + 100

    quiet = SileroTail(ON)
    quiet.append(noise(3.0, level=300.0) / 32768)
    assert quiet.speech_end_ms(burst_end_ms=1000, now_ms=3000, gain=1.0) is None


def test_tail_answers_only_from_audio_up_to_the_time_asked():
    talk = line(silence(0.3), voice(1.0), silence(1.5), noise_level=30.0) / 32768
    early, late = SileroTail(ON), SileroTail(ON)
    early.append(talk[: 8 * 1000])
    late.append(talk)
    assert early.speech_end_ms(1300, 1000, 1.0) == late.speech_end_ms(1300, 1000, 1.0)
    assert late.windows_run == early.windows_run  # nothing past 1000 ms was run
