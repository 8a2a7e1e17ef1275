"""A faithful re-implementation of Asterisk's app_amd (``isAnsweringMachine``) for comparison.

It follows app_amd.c frame by frame on 20 ms signed-linear 8 kHz frames, with the silence
detection of dsp.c (``ast_dsp_silence``: a frame is silent when the mean absolute sample value,
in integer arithmetic, is below the silence threshold; consecutive silent frames add up), the
word counting and the state machine, and stops with NOTSURE once ``total_analysis_time`` of audio
has been read. It has no beep detection. Only the wall-clock timeout is left out (it is for stalled
live channels). Defaults are app_amd.c's built-in ones.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from .detector import AmdResult
from .features import RATE, Downsampler

FRAME = 160
"""Asterisk's 20 ms slin frame at 8 kHz."""
FRAME_MS = FRAME // (RATE // 1000)

AsteriskStatus = Literal["HUMAN", "MACHINE", "NOTSURE", "HANGUP"]


class AsteriskAmdParams(BaseModel):
    """app_amd.c defaults (amd.conf keys in brackets). Times in ms."""

    model_config = ConfigDict(frozen=True)

    initial_silence: int = 2500  # [initial_silence] longer silence before speech: MACHINE
    greeting: int = 1500  # [greeting] more voice than this in the greeting: MACHINE
    after_greeting_silence: int = 800  # [after_greeting_silence] silence after a greeting: HUMAN
    total_analysis_time: int = 5000  # [total_analysis_time] then NOTSURE
    min_word_length: int = 100  # [min_word_length] voice needed to count a word
    between_words_silence: int = 50  # [between_words_silence] silence that ends a word
    maximum_number_of_words: int = 2  # [maximum_number_of_words] more words than this: MACHINE
    silence_threshold: int = 256  # [silence_threshold] mean |sample| below this is silence
    maximum_word_length: int = 5000  # [maximum_word_length] a longer word: MACHINE


class AsteriskVerdict(BaseModel):
    """AMDSTATUS and AMDCAUSE, with the analysed audio time at which they were set."""

    status: AsteriskStatus
    cause: str
    time_ms: int

    @property
    def result(self) -> AmdResult:
        return {"HUMAN": "human", "MACHINE": "machine"}.get(self.status, "unknown")  # type: ignore[return-value]


class AsteriskAmd:
    """Streaming port of app_amd's loop: push PCM, get a verdict once the algorithm stops."""

    STATE_IN_WORD = 1
    STATE_IN_SILENCE = 2

    def __init__(self, sample_rate: int = RATE, params: AsteriskAmdParams | None = None) -> None:
        self.p = params or AsteriskAmdParams()
        self._downsample = Downsampler(sample_rate)
        self._pending = np.zeros(0, dtype=np.int64)
        self.verdict: AsteriskVerdict | None = None
        # the locals of isAnsweringMachine()
        self._dsp_total_silence = 0
        self._in_initial_silence = True
        self._in_greeting = False
        self._voice_duration = 0
        self._silence_duration = 0
        self._total_time = 0
        self._words = 0
        self._state = self.STATE_IN_WORD
        self._consecutive_voice = 0

    def push(self, pcm: bytes | np.ndarray) -> AsteriskVerdict | None:
        """Read more audio (16-bit mono); return the verdict once there is one."""
        if self.verdict is not None:
            return self.verdict
        x = np.frombuffer(pcm, dtype="<i2") if isinstance(pcm, bytes | bytearray | memoryview) else pcm
        x = self._downsample(np.asarray(x, dtype=np.float64))
        self._pending = np.concatenate([self._pending, np.clip(np.round(x), -32768, 32767).astype(np.int64)])
        n = len(self._pending) // FRAME
        # ast_dsp_silence's energy: integer mean of |s| over the frame
        energy = (np.abs(self._pending[: n * FRAME].reshape(n, FRAME)).sum(axis=1) // FRAME).tolist()
        self._pending = self._pending[n * FRAME:]
        for accum in energy:
            self._frame(accum)
            if self.verdict is not None:
                break
        return self.verdict

    def flush(self) -> AsteriskVerdict:
        """End of audio before a verdict: the channel hung up."""
        if self.verdict is None:
            self._set("HANGUP", "", self._total_time)
        assert self.verdict is not None
        return self.verdict

    def _set(self, status: AsteriskStatus, cause: str, time_ms: int) -> None:
        self.verdict = AsteriskVerdict(status=status, cause=cause, time_ms=time_ms)

    def _frame(self, accum: int) -> None:
        """One pass of the C loop body for a voice frame with ast_dsp_silence energy ``accum``."""
        p = self.p
        framelength = FRAME_MS
        self._total_time += framelength
        if self._total_time >= p.total_analysis_time:
            self._set("NOTSURE", f"TOOLONG-{self._total_time}", self._total_time)
            return

        # ast_dsp_silence(): consecutive silence in ms, 0 on a frame with sound
        if accum < p.silence_threshold:
            self._dsp_total_silence += framelength
        else:
            self._dsp_total_silence = 0
        dspsilence = self._dsp_total_silence

        if dspsilence > 0:
            self._silence_duration = dspsilence
            if self._silence_duration >= p.between_words_silence:
                self._state = self.STATE_IN_SILENCE
                self._consecutive_voice = 0
            if self._in_initial_silence and self._silence_duration >= p.initial_silence:
                self._set("MACHINE", f"INITIALSILENCE-{self._silence_duration}-{p.initial_silence}",
                          self._total_time)
                return
            if self._silence_duration >= p.after_greeting_silence and self._in_greeting:
                self._set("HUMAN", f"HUMAN-{self._silence_duration}-{p.after_greeting_silence}",
                          self._total_time)
                return
        else:
            self._consecutive_voice += framelength
            self._voice_duration += framelength
            if self._consecutive_voice >= p.min_word_length and self._state == self.STATE_IN_SILENCE:
                self._words += 1
                self._state = self.STATE_IN_WORD
            if self._consecutive_voice >= p.maximum_word_length:
                self._set("MACHINE", f"MAXWORDLENGTH-{self._consecutive_voice}", self._total_time)
                return
            if self._words > p.maximum_number_of_words:
                self._set("MACHINE", f"MAXWORDS-{self._words}-{p.maximum_number_of_words}", self._total_time)
                return
            if self._in_greeting and self._voice_duration >= p.greeting:
                self._set("MACHINE", f"LONGGREETING-{self._voice_duration}-{p.greeting}", self._total_time)
                return
            if self._voice_duration >= p.min_word_length:
                self._silence_duration = 0
            if self._consecutive_voice >= p.min_word_length and not self._in_greeting:
                self._in_initial_silence = False
                self._in_greeting = True
