"""Offline AgentSession with espeak TTS: text-only sessions skip TTS; an audio output enables it."""

from __future__ import annotations

import numpy as np
from livekit.agents import Agent, AgentSession, RunResult
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions

from agent.speech import EspeakChunkedStream, EspeakTTS
from agent.testing import CaptureAudioOutput, EchoLLM


class _CountingTTS(EspeakTTS):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> EspeakChunkedStream:
        self.texts.append(text)
        return super().synthesize(text, conn_options=conn_options)


async def test_text_only_session_does_not_call_tts() -> None:
    engine = _CountingTTS()
    session: AgentSession[None]
    async with AgentSession(llm=EchoLLM(), tts=engine) as session:
        await session.start(Agent(instructions="echo"))
        result: RunResult[None] = await session.run(user_input="hello")
        result.expect.next_event().is_message(role="assistant")
    assert engine.texts == []


async def test_session_speaks_reply_through_espeak() -> None:
    engine = _CountingTTS()
    capture = CaptureAudioOutput()
    session: AgentSession[None]
    async with AgentSession(llm=EchoLLM(), tts=engine) as session:
        session.output.audio = capture
        await session.start(Agent(instructions="echo"))
        result: RunResult[None] = await session.run(user_input="مرحبا، أريد قسم الفواتير")
        msg = result.expect.next_event().is_message(role="assistant").event().item
        assert msg.text_content == "You said: مرحبا، أريد قسم الفواتير"
    assert "".join(engine.texts).strip()
    assert len(capture.segments) == 1 and not capture.segments[0].interrupted
    assert capture.segments[0].duration > 1.0
    pcm = np.concatenate([np.frombuffer(f.data, dtype=np.int16) for f in capture.frames])
    assert int(np.abs(pcm).max()) > 5000
