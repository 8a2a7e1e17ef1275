"""Speech and language models for a call, built inside the entrypoint (never at import).

Production: OpenAI STT, LLM and TTS through livekit-plugins-openai. Offline (tests, demo): the
rule-based understanding layer as the LLM, espeak-ng as TTS, and text/DTMF input instead of STT.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from livekit.agents import llm, stt, tts

from agent.flows.local_llm import LocalUnderstandingLLM
from callcenter.settings import Settings


VOICES = Path(__file__).resolve().parents[1] / "prompts" / "voices.json"


@lru_cache
def voices(path: Path = VOICES) -> dict[str, dict[str, dict[str, Any]]]:
    """Voice settings per TTS backend and language (`prompts/voices.json`)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for backend in ("openai", "espeak"):
        missing = {"ar", "en"} - set(data.get(backend, {}))
        if missing:
            raise ValueError(f"prompts/voices.json: {backend} has no voice for {sorted(missing)}")
    return data


@dataclass
class SpeechStack:
    llm: llm.LLM
    tts: tts.TTS
    stt: stt.STT | None
    vad: Any | None

    @property
    def local(self) -> bool:
        return isinstance(self.llm, LocalUnderstandingLLM)

    def use_language(self, language: Literal["ar", "en"]) -> None:
        """Switch the TTS voice to the caller's language (the flow calls this when it is chosen)."""
        if self.local:
            self.tts.update_options(language="auto", rate=voices()["espeak"][language]["rate"])  # type: ignore[attr-defined]
        else:
            voice = voices()["openai"][language]
            self.tts.update_options(voice=voice["voice"], instructions=voice["instructions"])  # type: ignore[attr-defined]


def build_stack(settings: Settings, vad: Any | None = None) -> SpeechStack:
    if settings.use_openai:
        from livekit.plugins import openai

        if settings.openai_api_key is None:
            raise RuntimeError("SPEECH_BACKEND=openai needs OPENAI_API_KEY")
        key = settings.openai_api_key.get_secret_value()
        return SpeechStack(
            llm=openai.LLM(model=settings.llm_model, api_key=key, temperature=0.0),
            stt=openai.STT(model=settings.stt_model, api_key=key, detect_language=True),
            tts=openai.TTS(model=settings.tts_model, voice=voices()["openai"]["ar"]["voice"], api_key=key,
                           instructions=voices()["openai"]["ar"]["instructions"]),
            vad=vad,
        )
    from agent.speech import EspeakTTS

    espeak = voices()["espeak"]
    return SpeechStack(llm=LocalUnderstandingLLM(),
                       tts=EspeakTTS(voices={lang: v["voice"] for lang, v in espeak.items()}), stt=None, vad=None)
