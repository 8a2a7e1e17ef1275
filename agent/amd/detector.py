"""Streaming answering-machine detector: PCM frames in, human/machine decision and beep end out."""

from __future__ import annotations

import dataclasses
import wave
from typing import Literal

import numpy as np
from pydantic import BaseModel

from .features import HOP, HOP_MS, RATE, WINDOW, Downsampler, FrameAnalyzer, GreetingFeatures, HighPass, periodicity
from .params import AmdParams
from .silero import SileroTail
from .tone import Beep, ToneTracker
from .vad import STEADY_TEST_EVERY_MS, Segmenter, SpeechGate

AmdResult = Literal["human", "machine", "unknown"]
Verdict = tuple[AmdResult, str]


class AmdEvent(BaseModel):
    """Something the detector found. Times are ms of audio since the answer.

    ``decision``: ``result`` is known as of ``time_ms``. ``beep_end``: the machine's last beep (of a
    single or double beep) ended at ``time_ms``: start the message now. ``greeting_end``: the
    machine's greeting ended at ``time_ms`` and no beep followed.
    """

    kind: Literal["decision", "beep_end", "greeting_end"]
    time_ms: int
    emitted_ms: int
    """Audio pushed when the event came out (analysis runs in ``block_ms`` batches)."""
    result: AmdResult | None = None
    reason: str = ""


# ---------------------------------------------------------------- decision rules


def human_silence_ms(f: GreetingFeatures, p: AmdParams) -> int:
    """Silence after the greeting that shows a person waiting for a reply.

    Longer greetings need longer silence (short machine greetings leave up to ~1 s before the
    beep, long ones pause between sentences), and the silence must clearly exceed every pause
    inside the greeting.
    """
    longer = min(max((f.greeting_ms - p.short_greeting_ms) / max(p.long_greeting_ms - p.short_greeting_ms, 1), 0), 1)
    base = round(p.human_silence_short_ms + longer * (p.human_silence_long_ms - p.human_silence_short_ms))
    return min(max(base, f.longest_pause_ms + p.pause_margin_ms), p.max_human_silence_ms)


def rule_beep(tone_confirmed: bool) -> Verdict | None:
    """A beep means a machine, whatever came before it."""
    return ("machine", "beep") if tone_confirmed else None


def rule_long_greeting(f: GreetingFeatures, p: AmdParams) -> Verdict | None:
    """Fluent speech still going past any person's greeting is a recorded greeting: voiced, and
    broken into phrases (speech-like noise behind a person who said hello runs on unbroken).

    The burst in progress must be older than the steady-noise test and its confirmation
    (``stationary_ms`` + ``step_confirm_ms``, run every ``STEADY_TEST_EVERY_MS``): a gain step on the line passes the
    speech gate until the noise floor catches up with it, and must not stretch a person's greeting
    into a machine's.
    """
    if (f.spoke and f.in_speech and f.burst_age_ms > p.stationary_ms + p.step_confirm_ms + STEADY_TEST_EVERY_MS
            and f.fluent_ms >= p.machine_greeting_ms and f.speech_ratio >= p.machine_min_speech_ratio
            and f.voiced_share >= p.machine_min_voiced_share and f.longest_burst_ms <= p.machine_max_burst_ms):
        return "machine", "long greeting"
    return None


def rule_silence_after_greeting(f: GreetingFeatures, p: AmdParams, pending: bool) -> Verdict | None:
    """A greeting followed by silence is a person waiting for the caller to speak.

    ``pending`` (a tone or a speech burst may be starting) holds the decision until it resolves.
    """
    if f.spoke and not pending and f.silence_ms >= human_silence_ms(f, p):
        return "human", "silence after greeting"
    return None


def rule_dead_air(f: GreetingFeatures, p: AmdParams) -> Verdict | None:
    """Nobody said anything for a long time: nothing to go on."""
    return ("unknown", "no speech") if not f.spoke and f.now_ms >= p.max_initial_silence_ms else None


def rule_timeout(f: GreetingFeatures, p: AmdParams) -> Verdict | None:
    """The analysis ran out of time undecided."""
    return ("unknown", "timeout") if f.now_ms >= p.max_analysis_ms else None


def rule_stream_end(f: GreetingFeatures) -> Verdict:
    """The stream ended undecided (the callee hung up, or a recording ran out). After a greeting
    with no beep and no over-long speech, a person is the likelier answer and the one it costs least
    to be wrong about; a stream that ends mid-speech, or with nothing said, stays unknown."""
    if f.spoke and not f.in_speech:
        return "human", "greeting, then the stream ended"
    return "unknown", "end of stream"


def decide(f: GreetingFeatures, p: AmdParams, tone_confirmed: bool, pending: bool) -> Verdict | None:
    """Apply the rules in order of precedence."""
    return (rule_beep(tone_confirmed) or rule_long_greeting(f, p)
            or rule_silence_after_greeting(f, p, pending) or rule_dead_air(f, p) or rule_timeout(f, p))


# ---------------------------------------------------------------- detector


class AmdDetector:
    """Feed PCM frames (16-bit mono, any multiple of 8 kHz, any length) with :meth:`push`.

    Emits one ``decision`` event, then for machines a ``beep_end`` event per beep (group) or a
    ``greeting_end`` event when the greeting ended without a beep. Call :meth:`flush` at the end
    of the stream. Everything runs causally: a decision uses no audio after its ``time_ms``, a
    beep or greeting end none after its ``emitted_ms``.
    """

    def __init__(self, sample_rate: int = RATE, params: AmdParams | None = None) -> None:
        self._downsample = Downsampler(sample_rate)
        self.p = params or AmdParams()
        self.sample_rate = sample_rate
        self._analyze = FrameAnalyzer(self.p)
        self._samples = np.zeros(WINDOW - HOP, dtype=np.float32)  # single precision: SIMD logs and FFTs
        self._high_pass = HighPass()
        self._pitch_samples = np.zeros(WINDOW - HOP, dtype=np.float32)  # the latest audio high-passed (pitch)
        self._window_index = np.arange(8)[:, None] * HOP + np.arange(WINDOW)
        self._hops = 0
        self._received = 0
        self._pushed: list[np.ndarray] = []  # audio pushed since the latest batch
        self._analysed = 0  # samples whose hops were analysed
        self._gate = SpeechGate(self.p)
        self._seg = Segmenter(self.p)
        self._tone = ToneTracker(self.p)
        self._silero = SileroTail(self.p) if self.p.silero else None
        self._hop_gain = 1.0  # the gate's gain for webrtcvad at the latest hop
        self._group: list[Beep] = []
        self._last_voice_ms = -(10**9)  # end of the latest speech hop, tonal or not
        self._run_start_ms: int | None = None
        self._run_after_voice = False
        self._run_voice_ms = 0  # speech in the tone in progress after the group's latest beep
        self._voice_after_group = 0  # speech heard since the latest beep of the group in progress
        self._beep_groups = 0
        p = self.p
        self._min_silence_ms = min(p.human_silence_short_ms, p.human_silence_long_ms, p.max_human_silence_ms)
        self._dead_air_ms = min(p.max_initial_silence_ms, p.max_analysis_ms)
        self._batch_hops = -(-p.idle_block_ms // HOP_MS)  # hops analysed together next
        self.decision: AmdEvent | None = None
        self.beep_end: AmdEvent | None = None
        """The first beep (group) end."""
        self.greeting_end: AmdEvent | None = None
        self.decision_features: GreetingFeatures | None = None
        """The timing features the decision was taken on (as of its ``time_ms``)."""

    @property
    def now_ms(self) -> int:
        """End of the audio analysed so far."""
        return self._hops * HOP_MS

    @property
    def received_ms(self) -> int:
        """End of the audio pushed so far (at most ``idle_block_ms`` ahead of ``now_ms``)."""
        return self._received * 1000 // RATE

    def features(self) -> GreetingFeatures:
        """Timing features now; a silence long enough for the human rule to look at is measured from
        where Silero heard speech end, if that is ``silero_lag_ms`` or more after the burst's end."""
        f = self._seg.features(self.now_ms)
        if (self._silero is not None and f.spoke and not f.in_speech
                and self._min_silence_ms <= f.silence_ms < self.p.max_human_silence_ms):
            burst_end = self.now_ms - f.silence_ms
            end = self._silero.speech_end_ms(burst_end, self.now_ms, self._hop_gain)
            if end is not None and end - self.p.silero_lag_ms > burst_end:
                f = dataclasses.replace(f, silence_ms=self.now_ms - (end - self.p.silero_lag_ms))
        return f

    def push(self, pcm: bytes | np.ndarray) -> list[AmdEvent]:
        """Take more audio; return the events it produced (analysis runs every ``block_ms`` while a person
        may be waiting for the decision, every ``idle_block_ms`` otherwise)."""
        x = np.frombuffer(pcm, dtype="<i2") if isinstance(pcm, bytes | bytearray | memoryview) else pcm
        x = self._downsample(np.asarray(x, dtype=np.float32) * np.float32(1 / 32768))
        self._received += len(x)
        self._pushed.append(x)  # joined once per batch, not once per frame
        n = (self._received - self._analysed) // HOP
        return self._process(n) if n >= self._batch_hops else []

    def flush(self) -> list[AmdEvent]:
        """End of stream: analyse what is buffered, then settle a tone or beep group in progress
        and an open decision."""
        events = self._process((self._received - self._analysed) // HOP)
        at_end = self.features()
        self._seg.flush()
        beep = self._tone.flush()
        if beep is not None:
            self._group.append(beep)
            self._voice_after_group = 0
        else:
            self._voice_after_group += self._run_voice_ms
        self._run_voice_ms = 0
        if self.decision is None:
            self._decide(rule_beep(beep is not None) or rule_stream_end(at_end), events)
        if self._group:
            self._emit_group(events)
        if self._machine_without_beep() and self._seg.bursts:
            self._emit_greeting_end(self._seg.bursts[-1].end_ms, events)
        return events

    def _process(self, n: int) -> list[AmdEvent]:
        """Analyse ``n`` buffered hops."""
        if n <= 0:
            return []
        if self._pushed:
            self._samples = np.concatenate([self._samples, *self._pushed])
            self._pushed.clear()
        self._analysed += n * HOP
        used = self._samples[: WINDOW - HOP + n * HOP]
        self._samples = self._samples[n * HOP:]
        pitch = np.concatenate([self._pitch_samples, self._high_pass(used[WINDOW - HOP:])])
        self._pitch_samples = pitch[n * HOP:]
        if n > len(self._window_index):
            self._window_index = np.arange(n)[:, None] * HOP + np.arange(WINDOW)
        index = self._window_index[:n]
        feats = self._analyze(used[index])
        if self._silero is not None:
            self._silero.append(used[WINDOW - HOP:])
        pcm16 = np.minimum(np.maximum(np.rint(used[WINDOW - HOP:] * 32768), -32768), 32767)  # np.clip: 5x the overhead
        level, flat, tonal, peak, peak2, purity, purity2 = (feats.level_db, feats.flatness, feats.tonal, feats.peak_hz,
                                                            feats.peak2_hz, feats.purity, feats.dual_purity)
        periodic_min, periodic = self.p.periodic_min, self._periodicity(pitch, index, level)
        skip = min(max(-(-WINDOW // HOP) - 1 - self._hops, 0), n)  # the first windows hold the zeros before the answer
        for i in range(skip):
            tonal[i] = False
        voice_min = self.p.voice_periodicity
        voice = [periodic[i] >= voice_min and not tonal[i] for i in range(skip, n)]
        hops = self._gate.classify(pcm16[skip * HOP:], level[skip:], flat[skip:], voice)
        events: list[AmdEvent] = []
        seg, tone, voiced_max = self._seg.update, self._tone.update, self.p.voiced_max_flatness
        for i in range(n):
            self._hops += 1
            now = self._hops * HOP_MS
            speech = False
            if i >= skip:
                speech, span, self._hop_gain = hops.speech[i - skip], hops.steady_span_ms[i - skip], hops.gain[i - skip]
                if span:
                    self._seg.discard_noise(now - span - 5 * HOP_MS)  # with the step's ramp
            seg(now, speech, flat[i] <= voiced_max, periodic[i] >= periodic_min)
            beep = tone(now, tonal[i], peak[i], level[i], purity[i], peak2[i], purity2[i])
            start = self._tone.run_start_ms
            if start != self._run_start_ms:
                if beep is None:  # the tone that ended was no beep: its speech was a voice's harmonic
                    self._voice_after_group += self._run_voice_ms
                self._run_voice_ms = 0
                if start is not None:  # a voice's harmonic may follow speech that was itself tonal
                    self._run_after_voice = start - HOP_MS - self._last_voice_ms < self.p.beep_voice_gap_ms
            self._run_start_ms = start
            if speech:
                self._last_voice_ms = now
                if self._group and now > self._group[-1].end_ms + 5 * HOP_MS:
                    if tonal[i]:
                        self._run_voice_ms += HOP_MS
                    elif flat[i] <= self.p.voiced_max_flatness and (periodic[i] >= periodic_min or not self._seg.noisy):
                        self._voice_after_group += HOP_MS  # on a noisy line only a voice is speech
            if beep is not None or self._group or self.decision is None and not self._quiet(now):
                self._after_hop(beep, events)
            elif self.decision is not None and self._machine_without_beep():
                self._after_hop(beep, events)
        block = self.p.block_ms if self._person_may_wait() else self.p.idle_block_ms
        self._batch_hops = -(-block // HOP_MS)
        return events

    def _person_may_wait(self) -> bool:
        """A decision a person waits on may come within the next idle batch: the greeting has paused (the
        silence rule may fire), or the dead-air or timeout rule is near."""
        if self.decision is not None:
            return False
        horizon = self.now_ms + self.p.idle_block_ms
        if horizon >= self.p.max_analysis_ms:
            return True
        if self._seg.last_end_ms is None:
            return horizon >= self._dead_air_ms
        return not self._seg.open

    def _periodicity(self, pitch: np.ndarray, index: np.ndarray, level_db: list[float]) -> list[float]:
        """Periodicity of the hops (windows ``pitch[index]``) loud enough to be speech by either path of
        the gate (0.0 for the rest, which is most of a call's silence; the floor is the one before this
        batch)."""
        loud = np.asarray(level_db) >= self._gate.floor_db + min(self.p.voice_margin_db, self.p.speech_margin_db)
        values = np.zeros(len(level_db))
        if loud.any():
            values[loud] = periodicity(pitch[index[loud]])
        return values.tolist()

    def _quiet(self, now: int) -> bool:
        """Nothing any rule looks at can have changed: no tone, no speech, and the silence since the
        latest burst (or since the answer) still short of every rule's threshold."""
        if self._tone.pending or self._seg.open:
            return False
        last = self._seg.last_end_ms
        if last is None:
            return now < self._dead_air_ms
        return now - last < self._min_silence_ms and now < self.p.max_analysis_ms

    def _machine_without_beep(self) -> bool:
        return (self.decision is not None and self.decision.result == "machine" and self._beep_groups == 0
                and self.greeting_end is None and not self._group)

    def _after_hop(self, beep: Beep | None, events: list[AmdEvent]) -> None:
        now = self.now_ms
        if beep is not None:
            if self._group and beep.start_ms - self._group[-1].end_ms > self.p.beep_group_gap_ms:
                self._emit_group(events)
            self._group.append(beep)
            self._voice_after_group = 0
        if self.decision is None:
            pending = self._tone.pending or self._seg.candidate
            verdict = decide(self.features(), self.p, self._beep_confirmed(), pending)
            if verdict is not None:
                self._decide(verdict, events)
        if self._group and not self._tone.pending and now - self._group[-1].end_ms > self.p.beep_group_gap_ms:
            self._emit_group(events)
        if self._machine_without_beep() and not self._tone.pending:
            f = self.features()
            if f.spoke and not f.in_speech and f.silence_ms >= self.p.no_beep_silence_ms:
                self._emit_greeting_end(now - f.silence_ms, events)

    def _beep_confirmed(self) -> bool:
        """The tone in progress is a beep, and long enough to rule out a voice if it followed speech."""
        return self._tone.confirmed and (not self._run_after_voice
                                         or self._tone.run_ms >= self.p.beep_after_voice_ms)

    def _decide(self, verdict: Verdict, events: list[AmdEvent]) -> None:
        self.decision_features = self.features()
        self.decision = AmdEvent(kind="decision", time_ms=self.now_ms, emitted_ms=self.received_ms,
                                 result=verdict[0], reason=verdict[1])
        events.append(self.decision)

    def _emit_group(self, events: list[AmdEvent]) -> None:
        if self._voice_after_group >= self.p.min_burst_ms:  # speech went on: a voice, not a beep
            self._group = []
            return
        if self.decision is None:  # a beep that followed speech too closely to decide on at once
            self._decide(("machine", "beep"), events)
        event = AmdEvent(kind="beep_end", time_ms=self._group[-1].end_ms, emitted_ms=self.received_ms,
                         reason=f"{len(self._group)} beep(s) at "
                         + ", ".join(f"{b.frequency_hz:.0f}" + (f"+{b.frequency2_hz:.0f}" if b.frequency2_hz else "")
                                     + " Hz" for b in self._group))
        self._group = []
        self._beep_groups += 1
        self.beep_end = self.beep_end or event
        events.append(event)

    def _emit_greeting_end(self, time_ms: int, events: list[AmdEvent]) -> None:
        self.greeting_end = AmdEvent(kind="greeting_end", time_ms=time_ms, emitted_ms=self.received_ms,
                                     reason="greeting ended without a beep")
        events.append(self.greeting_end)


# ---------------------------------------------------------------- whole files


class FileResult(BaseModel):
    """What the CLI prints for one file. Times are ms from the start of the file (the answer)."""

    file: str
    result: AmdResult
    decision_ms: int
    beep_end_ms: int | None


def read_wav(path: str) -> tuple[np.ndarray, int]:
    """16-bit samples (first channel) and sample rate of an audio file.

    16-bit PCM WAV at a multiple of 8 kHz is read directly; anything else (mu-law or A-law WAV as
    telephone recordings often are, 8/24/32-bit or float PCM, 22.05/44.1 kHz, other containers) is
    decoded to 16-bit mono with PyAV (FFmpeg), which livekit-agents ships: at the file's own rate
    when that is a multiple of 8 kHz (a G.711 recording stays 8 kHz, with no resampling either way),
    at 16 kHz otherwise.
    """
    try:
        with wave.open(path, "rb") as w:
            if w.getsampwidth() == 2 and w.getframerate() % RATE == 0:
                data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
                return data[:: w.getnchannels()], w.getframerate()
    except (wave.Error, EOFError):
        pass  # not PCM WAV: let FFmpeg decode it
    return _decode(path)


def _decode(path: str, fallback_rate: int = 16000) -> tuple[np.ndarray, int]:
    import av  # imported here: the 16-bit PCM path and the detector itself do without FFmpeg

    try:
        with av.open(path) as container:
            if not container.streams.audio:
                raise ValueError("no audio stream")
            source = container.streams.audio[0].rate or 0
            rate = source if source and source % RATE == 0 else fallback_rate
            resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
            chunks = [out.to_ndarray().reshape(-1)
                      for frame in container.decode(audio=0) for out in resampler.resample(frame)]
            chunks += [out.to_ndarray().reshape(-1) for out in resampler.resample(None)]
    except av.FFmpegError as exc:
        raise ValueError(f"cannot decode audio: {exc.strerror or exc}") from exc
    return (np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)).astype("<i2"), rate


def detect_samples(samples: np.ndarray, sample_rate: int, params: AmdParams | None = None,
                   frame_ms: int = 20) -> AmdDetector:
    """Stream ``samples`` through a detector in ``frame_ms`` frames, as a call would, and flush it."""
    detector = AmdDetector(sample_rate, params)
    step = sample_rate * frame_ms // 1000
    for start in range(0, len(samples), step):
        detector.push(samples[start: start + step])
    detector.flush()
    return detector


def detect_file(path: str, params: AmdParams | None = None, frame_ms: int = 20) -> FileResult:
    """Run the detector over one WAV file."""
    samples, rate = read_wav(path)
    detector = detect_samples(samples, rate, params, frame_ms)
    assert detector.decision is not None  # flush always decides
    return FileResult(file=path, result=detector.decision.result or "unknown",
                      decision_ms=detector.decision.time_ms,
                      beep_end_ms=detector.beep_end.time_ms if detector.beep_end else None)
