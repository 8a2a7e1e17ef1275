"""The LiveKit adapter feeds rtc.AudioFrames to the detector."""

import subprocess
import sys

import numpy as np
import pytest

from agent.amd.stream import detect_stream

from .signals import beep, line, silence, voice

rtc = pytest.importorskip("livekit.rtc")


async def frames(x: np.ndarray, rate: int, channels: int = 1, wrap: bool = False):
    step = rate // 100
    for start in range(0, len(x) - step + 1, step):
        chunk = np.repeat(x[start: start + step], channels)
        frame = rtc.AudioFrame(chunk.astype(np.int16).tobytes(), rate, channels, step)
        yield rtc.AudioFrameEvent(frame) if wrap else frame


async def collect(source):
    return [event async for event in detect_stream(source)]


async def test_machine_decision_then_beep_end():
    rate = 48000
    x = line(silence(0.3, rate), voice(1.5, rate), silence(0.5, rate), beep(0.4, 900, rate), silence(2.0, rate),
             rate=rate)
    events = await collect(frames(x, rate, wrap=True))
    assert [e.kind for e in events] == ["decision", "beep_end"]
    assert events[0].result == "machine"


async def test_human_decision_ends_the_stream_early():
    rate = 16000
    x = line(silence(0.3, rate), voice(0.5, rate), silence(6.0, rate), voice(0.5, rate), rate=rate)
    events = await collect(frames(x, rate, channels=2))
    assert [(e.kind, e.result) for e in events] == [("decision", "human")]


async def test_odd_rates_are_resampled():
    rate = 44100
    x = line(silence(0.3, rate), voice(0.5, rate), silence(3.0, rate), rate=rate)
    events = await collect(frames(x, rate))
    assert events and events[0].kind == "decision"


def test_importing_the_package_does_not_import_livekit():
    code = "import sys, agent.amd, agent.amd.stream; print(any(m.startswith('livekit') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
