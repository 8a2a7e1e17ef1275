"""The speech stack is built from settings, and switches voice with the caller's language."""

from __future__ import annotations

from agent.flows.local_llm import LocalUnderstandingLLM
from agent.stack import build_stack, voices
from callcenter.settings import Settings


def test_offline_stack_and_language_switch() -> None:
    stack = build_stack(Settings(speech_backend="local"))
    assert isinstance(stack.llm, LocalUnderstandingLLM) and stack.stt is None and stack.local
    stack.use_language("en")
    assert stack.tts._opts.rate == voices()["espeak"]["en"]["rate"]  # type: ignore[attr-defined]
    stack.use_language("ar")
    assert stack.tts._opts.rate == voices()["espeak"]["ar"]["rate"]  # type: ignore[attr-defined]


def test_openai_stack_is_built_without_network() -> None:
    stack = build_stack(Settings(speech_backend="openai", openai_api_key="sk-test"))
    assert not stack.local and stack.stt is not None
    stack.use_language("en")
    assert stack.tts._opts.instructions == voices()["openai"]["en"]["instructions"]  # type: ignore[attr-defined]
