"""Speech components for the call-center agent (local TTS)."""

from .espeak_tts import (
    EspeakChunkedStream,
    EspeakNotFoundError,
    EspeakOptions,
    EspeakTTS,
    detect_language,
    split_by_script,
)

__all__ = [
    "EspeakChunkedStream",
    "EspeakNotFoundError",
    "EspeakOptions",
    "EspeakTTS",
    "detect_language",
    "split_by_script",
]
