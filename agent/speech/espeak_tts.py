"""Local, offline TTS for livekit-agents backed by the espeak-ng command-line program.

Each ``synthesize()`` call runs ``espeak-ng --stdout`` once per script run of the text
(Arabic vs. non-Arabic when the language is ``"auto"``), parses the streamed WAV header
and pushes raw 16-bit PCM to the framework's ``AudioEmitter`` as it arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from livekit.agents import APIConnectionError, APIError, APITimeoutError, tts, utils
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions

SAMPLE_RATE = 22050
"""espeak-ng's native output rate for its own (non-MBROLA) voices."""
NUM_CHANNELS = 1
AUTO = "auto"
DEFAULT_VOICES: Mapping[str, str] = {"en": "en-us", "ar": "ar"}
_READ_SIZE = 4096
_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


class EspeakNotFoundError(RuntimeError):
    """The espeak-ng executable is not installed or not on PATH."""


def _is_arabic_letter(ch: str) -> bool:
    cp = ord(ch)
    return ch.isalpha() and any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES)


def detect_language(text: str) -> str:
    """Return ``"ar"`` if most letters in ``text`` are Arabic script, else ``"en"``."""
    arabic = sum(1 for ch in text if _is_arabic_letter(ch))
    other = sum(1 for ch in text if ch.isalpha() and not _is_arabic_letter(ch))
    return "ar" if arabic > other else "en"


def split_by_script(text: str) -> list[tuple[str, str]]:
    """Split mixed text into ``(language, chunk)`` runs of Arabic vs. other script.

    Characters without a script (digits, spaces, punctuation) stay in the current run,
    so "للعربية اضغط 1، for English press 2" becomes an Arabic run and an English run.
    """
    runs: list[tuple[str, str]] = []
    lang: str | None = None
    buf: list[str] = []
    for ch in text:
        if ch.isalpha():
            ch_lang = "ar" if _is_arabic_letter(ch) else "en"
            if lang is None:
                lang = ch_lang
            elif ch_lang != lang:
                runs.append((lang, "".join(buf)))
                lang, buf = ch_lang, []
        buf.append(ch)
    if buf:
        if lang is None and runs:
            prev_lang, prev = runs.pop()
            runs.append((prev_lang, prev + "".join(buf)))
        else:
            runs.append((lang or "en", "".join(buf)))
    return [(run_lang, chunk) for run_lang, chunk in runs if chunk.strip()]


@dataclass(frozen=True)
class EspeakOptions:
    """Synthesis settings; ``rate`` is words per minute, ``pitch`` 0-99, ``volume`` 0-200."""

    language: str = AUTO
    voices: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_VOICES))
    rate: int = 175
    pitch: int = 50
    volume: int = 100
    word_gap: int = 0
    timeout: float = 15.0

    def voice_for(self, language: str) -> str:
        """Map a language code (``en``, ``ar``, ``en-GB``...) to an espeak-ng voice name."""
        key = language.lower()
        return self.voices.get(key) or self.voices.get(key.split("-")[0]) or key


class EspeakTTS(tts.TTS):
    """Non-streaming TTS running the local ``espeak-ng`` binary (22.05 kHz mono PCM).

    Wrap in ``tts.StreamAdapter`` (``AgentSession`` does so automatically) for streaming use.
    """

    def __init__(
        self,
        *,
        language: str = AUTO,
        voices: Mapping[str, str] | None = None,
        rate: int = 175,
        pitch: int = 50,
        volume: int = 100,
        word_gap: int = 0,
        timeout: float = 15.0,
        executable: str = "espeak-ng",
    ) -> None:
        super().__init__(
            capabilities=tts.TTSCapabilities(streaming=False),
            sample_rate=SAMPLE_RATE,
            num_channels=NUM_CHANNELS,
        )
        path = shutil.which(executable)
        if path is None:
            raise EspeakNotFoundError(
                f"{executable!r} not found on PATH; install it (Debian: apt-get install espeak-ng)"
            )
        self._executable = path
        self._opts = EspeakOptions(
            language=language,
            voices={**DEFAULT_VOICES, **(voices or {})},
            rate=rate,
            pitch=pitch,
            volume=volume,
            word_gap=word_gap,
            timeout=timeout,
        )

    @property
    def model(self) -> str:
        return "espeak-ng"

    @property
    def provider(self) -> str:
        return "espeak-ng"

    @property
    def options(self) -> EspeakOptions:
        return self._opts

    def update_options(
        self,
        *,
        language: str | None = None,
        rate: int | None = None,
        pitch: int | None = None,
        volume: int | None = None,
    ) -> None:
        """Change settings for later ``synthesize()`` calls (e.g. when the caller picks Arabic)."""
        changes: dict[str, object] = {
            k: v
            for k, v in {
                "language": language,
                "rate": rate,
                "pitch": pitch,
                "volume": volume,
            }.items()
            if v is not None
        }
        self._opts = replace(self._opts, **changes)  # type: ignore[arg-type]

    def plan(self, text: str) -> list[tuple[str, str]]:
        """The ``(voice, text)`` runs ``synthesize(text)`` would speak."""
        opts = self._opts
        if opts.language.lower() == AUTO:
            return [(opts.voice_for(lang), chunk) for lang, chunk in split_by_script(text)]
        return [(opts.voice_for(opts.language), text)] if text.strip() else []

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> EspeakChunkedStream:
        return EspeakChunkedStream(tts=self, input_text=text, conn_options=conn_options)


class EspeakChunkedStream(tts.ChunkedStream):
    """One synthesis request; runs espeak-ng once per script run of the input text."""

    def __init__(self, *, tts: EspeakTTS, input_text: str, conn_options: APIConnectOptions) -> None:
        super().__init__(tts=tts, input_text=input_text, conn_options=conn_options)
        self._espeak = tts
        self._opts = tts.options
        self._runs = tts.plan(input_text)

    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        output_emitter.initialize(
            request_id=utils.shortuuid(),
            sample_rate=SAMPLE_RATE,
            num_channels=NUM_CHANNELS,
            mime_type="audio/pcm",
        )
        try:
            async with asyncio.timeout(self._opts.timeout):
                for voice, text in self._runs:
                    await self._speak(voice, text, output_emitter)
        except TimeoutError as e:
            raise APITimeoutError(
                f"espeak-ng took longer than {self._opts.timeout}s for {len(self.input_text)} chars"
            ) from e
        output_emitter.flush()

    async def _speak(self, voice: str, text: str, output_emitter: tts.AudioEmitter) -> None:
        opts = self._opts
        args = [
            "-v", voice,
            "-s", str(opts.rate),
            "-p", str(opts.pitch),
            "-a", str(opts.volume),
            "-g", str(opts.word_gap),
            "-b", "1",
            "--stdin",
            "--stdout",
        ]  # fmt: skip
        try:
            proc = await asyncio.create_subprocess_exec(
                self._espeak._executable,
                *args,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as e:
            raise APIConnectionError(f"cannot run espeak-ng: {e}", retryable=False) from e

        assert proc.stdin and proc.stdout and proc.stderr
        stderr_task = asyncio.create_task(proc.stderr.read())
        try:
            proc.stdin.write(text.encode("utf-8"))
            proc.stdin.close()
            try:
                await _read_wav_header(proc.stdout, voice)
            except asyncio.IncompleteReadError:
                produced = False
            else:
                produced = True
                while chunk := await proc.stdout.read(_READ_SIZE):
                    output_emitter.push(chunk)
            rc = await proc.wait()
            stderr = (await stderr_task).decode(errors="replace").strip()
            if rc != 0 or not produced:
                raise APIError(
                    f"espeak-ng failed (exit {rc}, voice {voice!r}): {stderr or 'no audio'}",
                    retryable=False,
                )
        finally:
            stderr_task.cancel()
            if proc.returncode is None:
                # the whole group, so a wrapper script's children release the pipes too
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                await proc.wait()


async def _read_wav_header(stdout: asyncio.StreamReader, voice: str) -> None:
    """Consume the RIFF header up to the ``data`` chunk and check the PCM format.

    espeak-ng writes a streaming header with placeholder sizes, so only the fmt fields
    are trusted and the data chunk is read until EOF. Raises ``IncompleteReadError`` when
    espeak-ng wrote nothing (e.g. unknown voice).
    """
    riff = await stdout.readexactly(12)
    if riff[:4] != b"RIFF" or riff[8:12] != b"WAVE":
        raise APIError(f"espeak-ng (voice {voice!r}) did not produce WAV", retryable=False)
    while True:
        chunk_id, size = struct.unpack("<4sI", await stdout.readexactly(8))
        if chunk_id == b"data":
            return
        body = await stdout.readexactly(size + (size & 1))
        if chunk_id == b"fmt ":
            fmt, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
            if (fmt, channels, rate, bits) != (1, NUM_CHANNELS, SAMPLE_RATE, 16):
                raise APIError(
                    f"unexpected espeak-ng format for voice {voice!r}: "
                    f"fmt={fmt} channels={channels} rate={rate} bits={bits}",
                    retryable=False,
                )
