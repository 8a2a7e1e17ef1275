"""Unit tests for the espeak-ng TTS plugin (needs the espeak-ng binary, no network)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from livekit import rtc
from livekit.agents import APIConnectOptions, APIError, APITimeoutError, tts

from agent.speech import EspeakNotFoundError, EspeakTTS, detect_language, split_by_script
from agent.speech.espeak_tts import SAMPLE_RATE

EN = "Hello, thank you for calling. Please say billing or support."
AR = "مرحبا بكم في مركز الاتصال. قل الفواتير أو الدعم الفني."


def _pcm(frames: list[rtc.AudioFrame]) -> np.ndarray:
    return np.concatenate([np.frombuffer(f.data, dtype=np.int16) for f in frames])


async def _synth(engine: tts.TTS, text: str) -> tuple[list[tts.SynthesizedAudio], np.ndarray]:
    events = [ev async for ev in engine.synthesize(text)]
    return events, _pcm([ev.frame for ev in events])


@pytest.mark.parametrize(("text", "min_s", "max_s"), [(EN, 2.0, 8.0), (AR, 2.0, 10.0)])
async def test_synthesize_non_silent_pcm(text: str, min_s: float, max_s: float) -> None:
    engine = EspeakTTS()
    events, pcm = await _synth(engine, text)
    assert {ev.frame.sample_rate for ev in events} == {engine.sample_rate} == {SAMPLE_RATE}
    assert {ev.frame.num_channels for ev in events} == {1}
    assert len({ev.request_id for ev in events}) == 1
    assert events[-1].is_final
    assert min_s < len(pcm) / SAMPLE_RATE < max_s
    rms = float(np.sqrt(np.mean(pcm.astype(np.float64) ** 2)))
    assert rms > 500 and int(np.abs(pcm).max()) > 5000


async def test_voice_selection() -> None:
    engine = EspeakTTS(voices={"en": "en-gb"})
    assert engine.plan(AR) == [("ar", AR)]
    assert engine.plan(EN) == [("en-gb", EN)]
    assert engine.plan("للعربية اضغط 1، for English press 2") == [
        ("ar", "للعربية اضغط 1، "),
        ("en-gb", "for English press 2"),
    ]
    engine.update_options(language="ar")
    assert engine.plan(EN) == [("ar", EN)]
    assert engine.plan("  ") == []


def test_script_helpers() -> None:
    assert detect_language(AR) == "ar"
    assert detect_language(EN) == "en"
    assert detect_language("أهلاً وسهلاً / Welcome") == "ar"
    assert split_by_script("123 ...") == [("en", "123 ...")]
    assert split_by_script("hello 123 مرحبا 45") == [("en", "hello 123 "), ("ar", "مرحبا 45")]


async def test_mixed_script_is_one_request() -> None:
    events, pcm = await _synth(EspeakTTS(), "للعربية اضغط 1، for English press 2")
    assert len({ev.request_id for ev in events}) == 1
    assert len(pcm) / SAMPLE_RATE > 2.0


async def test_rate_changes_duration() -> None:
    _, slow = await _synth(EspeakTTS(language="en", rate=120), EN)
    _, fast = await _synth(EspeakTTS(language="en", rate=260), EN)
    assert len(fast) < 0.7 * len(slow)


async def test_empty_text_gives_no_audio() -> None:
    assert [ev async for ev in EspeakTTS().synthesize("   ")] == []


async def test_unknown_voice_is_clear_error() -> None:
    engine = EspeakTTS(language="xx-nonexistent")
    with pytest.raises(APIError, match="voice does not exist"):
        await engine.synthesize("hi").collect()


async def test_timeout_kills_espeak(tmp_path: Path) -> None:
    slow = tmp_path / "slow-espeak"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(0o755)
    engine = EspeakTTS(executable=str(slow), timeout=0.3)
    started = time.monotonic()
    with pytest.raises(APITimeoutError, match=r"longer than 0\.3s"):
        await engine.synthesize("hi", conn_options=APIConnectOptions(max_retry=0)).collect()
    assert time.monotonic() - started < 5


def test_missing_binary() -> None:
    with pytest.raises(EspeakNotFoundError, match="apt-get install espeak-ng"):
        EspeakTTS(executable="espeak-ng-definitely-missing")


async def test_stream_adapter() -> None:
    adapter = tts.StreamAdapter(tts=EspeakTTS())
    assert adapter.capabilities.streaming
    stream = adapter.stream()
    for word in ["Welcome", "to", "the", "call", "center.", "أهلاً", "بك."]:
        stream.push_text(word + " ")
    stream.end_input()
    frames = [ev.frame async for ev in stream]
    await stream.aclose()
    pcm = _pcm(frames)
    assert len(pcm) / SAMPLE_RATE > 1.5 and int(np.abs(pcm).max()) > 5000
