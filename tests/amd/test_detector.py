"""The streaming detector end to end on synthetic calls."""

import numpy as np
import pytest

from agent.amd import AmdDetector, AmdParams, detect_samples

from .signals import beep, chord, line, noise, silence, voice


def test_short_hello_then_silence_is_human():
    det = detect_samples(line(silence(0.4), voice(0.5), silence(3.0)), 8000)
    assert det.decision.result == "human"
    assert det.beep_end is None


def test_long_business_greeting_then_waiting_is_human():
    x = line(silence(0.3), voice(1.8), silence(0.3), voice(2.0, seed=4), silence(0.3), voice(1.5, seed=5), silence(3.0))
    assert detect_samples(x, 8000).decision.result == "human"


def _recorded_greeting() -> tuple[np.ndarray, ...]:
    """Three sentences, 9.9 s from the first word to the last."""
    return voice(2.8), silence(0.4), voice(3.2, seed=2), silence(0.5), voice(3.0, seed=3)


def test_long_fluent_greeting_is_machine_and_greeting_end_is_reported_without_beep():
    det = detect_samples(line(silence(0.3), *_recorded_greeting(), silence(4.0)), 8000)
    assert det.decision.result == "machine" and det.decision.reason == "long greeting"
    assert det.beep_end is None
    assert det.greeting_end is not None


def test_short_greeting_then_beep_is_machine_even_with_a_late_beep():
    x = line(silence(0.3), voice(1.5), silence(0.9), beep(0.4, 1000), silence(2.0))
    det = detect_samples(x, 8000)
    assert det.decision.result == "machine" and det.decision.reason == "beep"
    assert det.beep_end is not None


@pytest.mark.parametrize("dual", [True, False])
def test_short_greeting_then_a_dual_tone_beep_is_machine(dual):
    """Some voicemail systems sound two tones at once; without looking for them the beep passes unseen
    and the silence around it decides human."""
    x = line(silence(0.3), voice(1.5), silence(0.5), chord(0.4, (700.0, 1150.0), level=2500), silence(2.5))
    det = detect_samples(x, 8000, AmdParams(tone_dual=dual))
    if dual:
        assert det.decision.result == "machine" and det.decision.reason == "beep"
        assert det.beep_end is not None and abs(det.beep_end.time_ms - 2700) <= 50
        assert "700+1150 Hz" in det.beep_end.reason
    else:
        assert det.decision.result == "human" and det.beep_end is None


def test_a_key_pressed_after_hello_is_not_a_beep():
    x = line(silence(0.4), voice(0.6), silence(0.3), chord(0.25, (852.0, 1336.0), level=2500), silence(3.0))
    assert detect_samples(x, 8000).decision.result == "human"


@pytest.mark.parametrize("gain_db", [-30, -15, 10])
def test_line_level_does_not_change_decisions(gain_db):
    """SIP lines arrive at any level: scaled copies of a call decide alike, at the same times."""
    calls = [
        (silence(0.4), voice(0.6), silence(3.0)),
        (silence(0.3), voice(1.8), silence(0.4), voice(2.0, seed=4), silence(3.0)),
        (silence(0.3), voice(1.5), silence(0.6), beep(0.4, 800), silence(2.0)),
        (silence(0.3), *_recorded_greeting(), silence(3.0)),
    ]
    for parts in calls:
        x = line(*parts, noise_level=60.0).astype(np.float64)
        base = detect_samples(x.astype(np.int16), 8000)
        scaled = detect_samples(np.round(x * 10 ** (gain_db / 20)).astype(np.int16), 8000)
        assert (scaled.decision.result, scaled.decision.time_ms) == (base.decision.result, base.decision.time_ms)
        assert (scaled.beep_end is None) == (base.beep_end is None)


def test_gain_step_after_a_long_greeting_does_not_make_it_a_machine():
    """A person's 7.2 s greeting, then the line turns 10 dB louder while they wait."""
    x = np.concatenate([silence(0.3), voice(2.3), silence(0.3), voice(2.3, seed=4), silence(0.3), voice(2.0, seed=5),
                        silence(3.0)])
    n = noise(len(x) / 8000, level=30.0)[: len(x)]
    n[int(7.9 * 8000):] *= 10 ** (10 / 20)
    det = detect_samples(np.clip(np.round(x + n), -32768, 32767).astype(np.int16), 8000)
    assert det.decision.result == "human"


def test_dead_air_is_unknown():
    assert detect_samples(line(silence(10.0)), 8000).decision.result == "unknown"


def test_a_stream_that_ends_after_a_greeting_is_a_person():
    """Undecided at the end (the silence after 'hello' was still short): bias toward the person."""
    det = detect_samples(line(silence(0.4), voice(0.6), silence(0.5)), 8000)
    assert (det.decision.result, det.decision.reason) == ("human", "greeting, then the stream ended")


def test_a_stream_that_ends_mid_speech_or_silent_is_unknown():
    assert detect_samples(line(silence(0.4), voice(3.0)), 8000).decision.result == "unknown"
    assert detect_samples(line(silence(2.0)), 8000).decision.result == "unknown"


@pytest.mark.parametrize("rate", [8000, 16000, 48000])
def test_rates_and_frame_sizes_agree(rate):
    x = line(silence(0.4, rate), voice(1.5, rate), silence(0.5, rate), beep(0.4, 700, rate), silence(1.5, rate), rate=rate)
    results = {(d.decision.result, d.beep_end is not None)
               for d in (detect_samples(x, rate, frame_ms=ms) for ms in (10, 20, 30))}
    assert results == {("machine", True)}


def test_decision_uses_no_audio_after_it():
    x = line(silence(0.4), voice(0.8), silence(3.0))
    full = detect_samples(x, 8000).decision
    cut = detect_samples(x[: full.time_ms * 8], 8000).decision
    assert (cut.result, cut.time_ms) == (full.result, full.time_ms)


def test_push_accepts_bytes_and_returns_events_once():
    det = AmdDetector(8000)
    x = line(silence(0.4), voice(0.5), silence(3.0))
    events = []
    for start in range(0, len(x), 160):
        events += det.push(x[start: start + 160].tobytes())
    events += det.flush()
    assert [e.kind for e in events] == ["decision"]
    assert events[0].emitted_ms >= events[0].time_ms


def _stream(x: np.ndarray, params: AmdParams | None = None) -> list:
    det = AmdDetector(8000, params)
    events = []
    for start in range(0, len(x), 160):
        events += det.push(x[start: start + 160])
    return events + det.flush()


def test_a_person_hears_the_decision_within_a_frame_though_speech_is_analysed_in_larger_batches():
    """Batches of ``idle_block_ms`` cost less CPU; once a greeting pauses, every frame is analysed, so the
    decision a person waits on comes out with the frame that settled it."""
    calls = {
        "hello": line(silence(0.4), voice(0.7), silence(3.0)),
        "late hello": line(silence(1.3), voice(0.9, seed=2), silence(3.0)),
        "long human": line(silence(0.3), voice(1.8), silence(0.3), voice(2.0, seed=4), silence(3.0)),
        "machine": line(silence(0.3), *_recorded_greeting(), silence(4.0)),
    }
    for name, x in calls.items():
        events = _stream(x)
        every_frame = _stream(x, AmdParams(block_ms=20, idle_block_ms=20))
        assert [(e.kind, e.time_ms, e.result) for e in events] == [(e.kind, e.time_ms, e.result) for e in every_frame]
        decision = events[0]
        assert decision.kind == "decision"
        limit = 20 if decision.result == "human" else AmdParams().idle_block_ms + 20
        assert 0 <= decision.emitted_ms - decision.time_ms <= limit, name


def test_the_features_kept_with_a_decision_are_those_it_was_taken_on():
    """A machine's decision can come out a batch after its audio: the features stored on the call are
    still those of the moment it was decided, not of the end of the batch."""
    det = AmdDetector(8000)
    x = line(silence(0.3), *_recorded_greeting(), silence(4.0))
    for start in range(0, len(x), 160):
        if det.push(x[start: start + 160]) and det.decision is not None:
            break
    assert det.decision.result == "machine" and det.decision.emitted_ms > det.decision.time_ms
    assert det.decision_features.now_ms == det.decision.time_ms < det.now_ms
    assert det.decision_features.in_speech and det.decision_features.fluent_ms >= AmdParams().machine_greeting_ms


def test_bad_sample_rate_is_rejected():
    with pytest.raises(ValueError):
        AmdDetector(44100)


def test_params_are_frozen_and_documented():
    params = AmdParams()
    with pytest.raises(ValueError):
        params.vad_mode = 1
    assert all(field.description for field in AmdParams.model_fields.values())
    assert AmdParams(human_silence_short_ms=700).human_silence_short_ms == 700
    assert np.isfinite(params.machine_greeting_ms)


def _harmonic_voice(contour_hz: np.ndarray, rate: int = 8000, level: float = 3000.0) -> np.ndarray:
    """A voice whose second harmonic (``contour_hz``, per sample) dominates the beep band."""
    phase = 2 * np.pi * np.cumsum(contour_hz / 2) / rate
    x = sum(g * np.sin(h * phase) for h, g in ((1, 1.0), (2, 1.0), (3, 0.15), (4, 0.1), (5, 0.05)))
    x *= level / np.sqrt(np.mean(x**2))
    ramp = int(0.02 * rate)
    x[:ramp] *= np.linspace(0, 1, ramp)
    x[-ramp:] *= np.linspace(1, 0, ramp)
    return x


def test_voice_holding_a_harmonic_mid_word_is_not_a_beep():
    """Speech whose voiced stretch is itself tonal, then a harmonic steady for 140 ms, then more
    voice: the steady stretch follows speech, so it must last 250 ms, and the voice going on
    after it cancels it."""
    rate = 8000
    contour = np.concatenate([np.linspace(400, 470, int(0.5 * rate)), np.full(int(0.14 * rate), 470.0),
                              np.linspace(470, 380, int(0.5 * rate))])
    x = line(silence(0.4), voice(0.8), _harmonic_voice(contour), silence(3.0))
    det = detect_samples(x, rate)
    assert det.decision.result == "human"
    assert det.beep_end is None


def test_beep_right_after_speech_is_still_found():
    x = line(silence(0.4), voice(1.5), beep(0.3, 1000), silence(2.0))
    det = detect_samples(x, 8000)
    assert det.decision.result == "machine" and det.decision.reason == "beep"
    assert det.beep_end is not None and abs(det.beep_end.time_ms - 2200) <= 30


def _babble(seconds: float, level: float, seed: int, tilt: bool = False) -> np.ndarray:
    """Speech-like noise from the room behind the callee: band-limited noise at syllable rate; ``tilt``
    makes it fall 6 dB an octave above 500 Hz like speech, so its spectrum is far from flat."""
    from scipy.signal import butter, sosfilt

    rng = np.random.default_rng(seed)
    n = int(seconds * 8000)
    t = np.arange(n) / 8000
    x = rng.standard_normal(n)
    if tilt:
        x = sosfilt(butter(1, 500, fs=8000, output="sos"), x)
    x = sosfilt(butter(2, [400, 2500], btype="band", fs=8000, output="sos"), x)
    x *= np.clip(1 + sum(0.6 * np.sin(2 * np.pi * f * t + p)
                         for f, p in zip(rng.uniform(1.5, 6, 3), rng.uniform(0, 6.28, 3))), 0.1, None)
    return x * level / np.std(x)


@pytest.mark.parametrize("seed", range(3))
def test_a_hello_in_a_noisy_room_is_never_a_machine(seed):
    """The noise goes on like fluent speech, but it is not a voice: no long-greeting hang-up."""
    x = np.concatenate([silence(0.5), voice(0.8, seed=seed), silence(11.0)])
    det = detect_samples(line(x + _babble(len(x) / 8000, 600, seed), noise_level=20, seed=seed), 8000)
    assert det.decision.result != "machine", det.decision


def _voices(seconds: float, level: float, seed: int) -> np.ndarray:
    """Several people talking at once behind the callee: voiced, but with no pause between them."""
    return sum(voice(seconds, f0=f0, level=level, seed=seed + k) for k, f0 in enumerate((110.0, 160.0, 210.0)))


@pytest.mark.parametrize("seed", range(2))
def test_a_hello_over_many_voices_is_never_a_machine(seed):
    """A crowd has a harmonic spectrum, so the voiced share does not give it away; it never pauses the
    way a greeting does between its phrases, and voices at several pitches at once hold no one period."""
    x = np.concatenate([silence(0.5), voice(0.8, seed=seed), silence(11.0)])
    noisy = line(x + _voices(len(x) / 8000, 400, seed), noise_level=20, seed=seed)
    assert detect_samples(noisy, 8000).decision.result != "machine"
    for guard in ({"machine_max_burst_ms": 60_000}, {"unvoiced_noise_ms": 60_000}):
        assert detect_samples(noisy, 8000, AmdParams(**guard)).decision.result != "machine"  # either guard holds
    unguarded = AmdParams(machine_max_burst_ms=60_000, unvoiced_noise_ms=60_000)  # both switched off
    assert detect_samples(noisy, 8000, unguarded).decision.result == "machine"


@pytest.mark.parametrize("seed", range(3))
def test_a_hello_in_a_noisy_room_is_decided_human_in_time(seed):
    """The room's noise passes the speech gate in syllable-like bursts but has no pitch: the line is
    found noisy, the hello ends where its voice does, and the silence after it decides."""
    x = np.concatenate([silence(0.5), voice(0.8, seed=seed), silence(4.0)])
    noisy = line(x + _babble(len(x) / 8000, 600, seed), noise_level=20, seed=seed)
    det = detect_samples(noisy, 8000)
    assert det.decision.result == "human" and det.decision.time_ms - 1300 <= 1500, det.decision
    assert det._seg.noisy
    unguarded = AmdParams(unvoiced_noise_ms=60_000)  # the line is never found noisy
    assert detect_samples(noisy, 8000, unguarded).decision.reason == "end of stream"


@pytest.mark.parametrize("seed", range(3))
def test_a_beep_in_a_noisy_room_is_found(seed):
    """The room's noise goes on after the beep like speech (its spectrum shaped like a voice's), but it
    has no pitch: the beep stands (a voice going on after a tone makes the tone part of it)."""
    x = np.concatenate([silence(0.4), voice(1.5, seed=seed), silence(0.6), beep(0.35, 900), silence(3.0)])
    det = detect_samples(line(x + _babble(len(x) / 8000, 500, seed, tilt=True), noise_level=20, seed=seed), 8000)
    assert det._seg.noisy
    assert det.decision.result == "machine", det.decision
    assert det.beep_end is not None and abs(det.beep_end.time_ms - 2850) <= 50, det.beep_end
