"""Answering-machine detection for outbound calls.

:class:`AmdDetector` takes 10-30 ms PCM frames (16-bit mono, 8 or 16 kHz) and decides ``human``,
``machine`` or ``unknown`` as early as it safely can, then reports when a machine's beep ended.
``python -m agent.amd FILE.wav ...`` runs it over WAV files; :mod:`agent.amd.asterisk` is a
re-implementation of Asterisk's app_amd for comparison; :func:`agent.amd.stream.detect_stream`
adapts it to LiveKit audio frames. Importing this package does not import livekit.
"""

from .detector import AmdDetector, AmdEvent, AmdResult, FileResult, detect_file, detect_samples, read_wav
from .params import AmdParams

__all__ = ["AmdDetector", "AmdEvent", "AmdParams", "AmdResult", "FileResult", "detect_file",
           "detect_samples", "read_wav"]
