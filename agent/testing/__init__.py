"""Test doubles and a simulated caller for integration, load and simulation runs."""

from .caller import (
    AudioStats,
    CallerError,
    TestCaller,
    TranscriptSegment,
    create_room_with_agent,
    delete_room,
    dispatch_agent,
    make_token,
)
from .capture_output import CaptureAudioOutput, CapturedSegment
from .echo_llm import EchoLLM

__all__ = [
    "AudioStats",
    "CallerError",
    "CaptureAudioOutput",
    "CapturedSegment",
    "EchoLLM",
    "TestCaller",
    "TranscriptSegment",
    "create_room_with_agent",
    "delete_room",
    "dispatch_agent",
    "make_token",
]
