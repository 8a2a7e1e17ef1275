"""Test doubles and a simulated caller for integration, load and simulation runs."""

from .capture_output import CapturedSegment, CaptureAudioOutput
from .echo_llm import EchoLLM

__all__ = ["CaptureAudioOutput", "CapturedSegment", "EchoLLM"]
