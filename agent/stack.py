"""Speech and language models for a call, built inside the entrypoint (never at import).

Production: OpenAI STT, LLM and TTS through livekit-plugins-openai. Offline (tests, demo): the
rule-based understanding layer as the LLM, espeak-ng as TTS, and text/DTMF input instead of STT.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from livekit.agents import llm, stt, tts

from agent.flows.local_llm import LocalUnderstandingLLM
from callcenter.settings import Settings


@dataclass
class SpeechStack:
    llm: llm.LLM
    tts: tts.TTS
    stt: stt.STT | None
    vad: Any | None

    @property
    def local(self) -> bool:
        return isinstance(self.llm, LocalUnderstandingLLM)


def build_stack(settings: Settings, vad: Any | None = None) -> SpeechStack:
    if settings.use_openai:
        from livekit.plugins import openai

        if settings.openai_api_key is None:
            raise RuntimeError("SPEECH_BACKEND=openai needs OPENAI_API_KEY")
        key = settings.openai_api_key.get_secret_value()
        return SpeechStack(
            llm=openai.LLM(model=settings.llm_model, api_key=key, temperature=0.0),
            stt=openai.STT(model=settings.stt_model, api_key=key, detect_language=True),
            tts=openai.TTS(model=settings.tts_model, voice=settings.tts_voice, api_key=key),
            vad=vad,
        )
    from agent.speech import EspeakTTS

    return SpeechStack(llm=LocalUnderstandingLLM(), tts=EspeakTTS(), stt=None, vad=None)
