"""A simulated caller on the LiveKit rtc SDK, for integration tests, load tests and simulations.

The caller joins a room as a normal WebRTC participant, talks to the agent the way
LiveKit Agents' RoomIO expects (chat text on ``lk.chat``, DTMF packets), and records
what the agent sends back: transcriptions (text streams on ``lk.transcription``) and
the audio of the agent's published track. All timestamps are ``time.monotonic()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from livekit import api, rtc

TOPIC_CHAT = "lk.chat"
TOPIC_TRANSCRIPTION = "lk.transcription"
ATTR_SEGMENT_ID = "lk.segment_id"
ATTR_FINAL = "lk.transcription_final"
DTMF_CODES: Mapping[str, int] = {
    **{str(d): d for d in range(10)},
    "*": 10,
    "#": 11,
    "A": 12,
    "B": 13,
    "C": 14,
    "D": 15,
}
"""RFC 4733 event codes, as used by LiveKit SIP."""

T = TypeVar("T")


class CallerError(RuntimeError):
    """The simulated caller could not do what it was asked (e.g. timed out)."""


@dataclass(frozen=True)
class TranscriptSegment:
    """One final transcription segment received on ``lk.transcription``."""

    identity: str
    """Participant the text is attributed to (the agent, or the caller for echoed input)."""
    text: str
    segment_id: str
    opened_at: float
    """When the stream opened (first text of a streamed agent reply)."""
    received_at: float
    """When the final text was complete."""


@dataclass(frozen=True)
class AudioStats:
    """Summary of the agent audio received so far; levels are relative to int16 full scale."""

    frames: int
    voiced_frames: int
    duration: float
    voiced_duration: float
    rms: float
    peak: float
    first_frame_at: float | None
    first_voiced_at: float | None
    last_voiced_at: float | None


class _Waiters:
    """Futures resolved when a predicate over the caller's state starts returning non-None."""

    def __init__(self) -> None:
        self._pending: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []

    async def wait(self, check: Callable[[], T | None], timeout: float, what: str) -> T:
        if (value := check()) is not None:
            return value
        fut: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        entry = (check, fut)
        self._pending.append(entry)
        try:
            return await asyncio.wait_for(fut, timeout)
        except TimeoutError:
            raise CallerError(f"timed out after {timeout}s waiting for {what}") from None
        finally:
            if entry in self._pending:
                self._pending.remove(entry)

    def notify(self) -> None:
        for check, fut in list(self._pending):
            if not fut.done() and (value := check()) is not None:
                fut.set_result(value)


def make_token(
    api_key: str,
    api_secret: str,
    *,
    room: str,
    identity: str,
    name: str | None = None,
    metadata: str | None = None,
    attributes: Mapping[str, str] | None = None,
    ttl: datetime.timedelta = datetime.timedelta(hours=1),
) -> str:
    """A join token for one room (publish, subscribe and data allowed)."""
    token = (
        api.AccessToken(api_key, api_secret)
        .with_identity(identity)
        .with_name(name or identity)
        .with_ttl(ttl)
        .with_grants(api.VideoGrants(room_join=True, room=room))
    )
    if metadata:
        token = token.with_metadata(metadata)
    if attributes:
        token = token.with_attributes(dict(attributes))
    return token.to_jwt()


async def create_room_with_agent(
    url: str,
    api_key: str,
    api_secret: str,
    *,
    room: str,
    agent_name: str,
    metadata: str = "",
    empty_timeout: int = 60,
) -> api.Room:
    """Create ``room`` with an explicit dispatch of ``agent_name`` (job metadata = ``metadata``)."""
    async with api.LiveKitAPI(url, api_key, api_secret) as lk:
        return await lk.room.create_room(
            api.CreateRoomRequest(
                name=room,
                empty_timeout=empty_timeout,
                agents=[api.RoomAgentDispatch(agent_name=agent_name, metadata=metadata)],
            )
        )


async def dispatch_agent(
    url: str, api_key: str, api_secret: str, *, room: str, agent_name: str, metadata: str = ""
) -> api.AgentDispatch:
    """Dispatch ``agent_name`` into an existing (or yet to be created) room."""
    async with api.LiveKitAPI(url, api_key, api_secret) as lk:
        return await lk.agent_dispatch.create_dispatch(
            api.CreateAgentDispatchRequest(agent_name=agent_name, room=room, metadata=metadata)
        )


async def delete_room(url: str, api_key: str, api_secret: str, room: str) -> None:
    """Delete ``room``, disconnecting everyone in it (ends the agent's job)."""
    async with api.LiveKitAPI(url, api_key, api_secret) as lk:
        await lk.room.delete_room(api.DeleteRoomRequest(room=room))


class TestCaller:
    """A connected simulated caller; create it with ``async with TestCaller.join(...)``."""

    __test__ = False  # not a pytest test class

    def __init__(
        self,
        room: rtc.Room,
        *,
        sample_rate: int = 48000,
        voice_threshold: float = 0.01,
        keep_audio: bool = False,
    ) -> None:
        self.room = room
        self._sample_rate = sample_rate
        self._voice_threshold = voice_threshold
        self._keep_audio = keep_audio
        self._waiters = _Waiters()
        self._tasks: set[asyncio.Task[None]] = set()
        self._streams: list[rtc.AudioStream] = []
        self._agent: rtc.RemoteParticipant | None = None
        self._agent_track: rtc.RemoteAudioTrack | None = None
        self._transcript: list[TranscriptSegment] = []
        self._agent_cursor = 0
        self._frames = 0
        self._duration = 0.0
        self._sum_sq = 0.0
        self._samples = 0
        self._peak = 0.0
        self._voiced: list[tuple[float, float]] = []  # (arrival time, frame duration)
        self._first_frame_at: float | None = None
        self._pcm: list[np.ndarray] = []
        self._left = False

    @classmethod
    @contextlib.asynccontextmanager
    async def join(
        cls,
        url: str,
        api_key: str,
        api_secret: str,
        room: str,
        identity: str = "caller",
        *,
        name: str | None = None,
        attributes: Mapping[str, str] | None = None,
        metadata: str | None = None,
        sample_rate: int = 48000,
        voice_threshold: float = 0.01,
        keep_audio: bool = False,
        connect_timeout: float = 10.0,
    ) -> AsyncIterator[TestCaller]:
        """Connect to ``room`` as ``identity``; leaves the room on exit.

        ``voice_threshold`` is the frame RMS (fraction of full scale) above which agent
        audio counts as speech rather than the silence WebRTC plays between utterances.
        ``keep_audio`` keeps the received PCM for ``audio_pcm()``.
        """
        rtc_room = rtc.Room()
        caller = cls(
            rtc_room,
            sample_rate=sample_rate,
            voice_threshold=voice_threshold,
            keep_audio=keep_audio,
        )
        caller._attach()
        token = make_token(
            api_key,
            api_secret,
            room=room,
            identity=identity,
            name=name,
            metadata=metadata,
            attributes=attributes,
        )
        try:
            await asyncio.wait_for(rtc_room.connect(url, token), connect_timeout)
        except (TimeoutError, rtc.ConnectError) as e:
            await rtc_room.disconnect()
            raise CallerError(f"caller {identity!r} could not join {room!r} at {url}: {e}") from e
        caller._scan_existing()
        try:
            yield caller
        finally:
            await caller.leave()

    @property
    def identity(self) -> str:
        return self.room.local_participant.identity

    @property
    def agent(self) -> rtc.RemoteParticipant | None:
        return self._agent

    @property
    def transcript(self) -> list[TranscriptSegment]:
        """Final segments in arrival order: agent replies, plus caller speech transcribed by the
        agent's STT (attributed to the caller; chat text sent with ``say`` is not echoed)."""
        return list(self._transcript)

    @property
    def agent_texts(self) -> list[str]:
        return [s.text for s in self._transcript if self._is_agent_segment(s)]

    async def say(self, text: str) -> float:
        """Send ``text`` as chat input to the agent; returns the time just before sending."""
        sent = time.monotonic()
        await self.room.local_participant.send_text(text, topic=TOPIC_CHAT)
        return sent

    async def press(self, digits: str, *, gap: float = 0.1) -> float:
        """Publish DTMF ``digits`` (0-9 * # A-D) ``gap`` s apart; returns when the last was sent.

        The agent sees each digit as a ``sip_dtmf_received`` room event (``rtc.SipDTMF``).
        """
        unknown = [d for d in digits.upper() if d not in DTMF_CODES]
        if not digits or unknown:
            raise ValueError(f"not DTMF digits: {digits!r}")
        sent = time.monotonic()
        for i, digit in enumerate(digits.upper()):
            if i:
                await asyncio.sleep(gap)
            sent = time.monotonic()
            await self.room.local_participant.publish_dtmf(code=DTMF_CODES[digit], digit=digit)
        return sent

    async def wait_for_agent(self, timeout: float = 30.0) -> rtc.RemoteParticipant:
        """Wait until a participant of kind AGENT is in the room."""
        return await self._waiters.wait(lambda: self._agent, timeout, "an agent participant")

    async def wait_for_agent_audio(self, timeout: float = 30.0) -> rtc.RemoteAudioTrack:
        """Wait until the agent's audio track is subscribed."""
        return await self._waiters.wait(lambda: self._agent_track, timeout, "the agent audio track")

    async def next_agent_text(self, timeout: float = 10.0) -> TranscriptSegment:
        """The next agent transcription segment not yet returned by this method."""

        def check() -> TranscriptSegment | None:
            while self._agent_cursor < len(self._transcript):
                seg = self._transcript[self._agent_cursor]
                self._agent_cursor += 1
                if self._is_agent_segment(seg):
                    return seg
            return None

        return await self._waiters.wait(check, timeout, "agent transcription")

    async def wait_for_text(self, contains: str, timeout: float = 10.0) -> TranscriptSegment:
        """The first agent segment (already received or future) containing ``contains``."""
        needle = contains.casefold()
        return await self._waiters.wait(
            lambda: next(
                (
                    s
                    for s in self._transcript
                    if self._is_agent_segment(s) and needle in s.text.casefold()
                ),
                None,
            ),
            timeout,
            f"agent text containing {contains!r}",
        )

    async def first_audio_after(self, t: float, timeout: float = 10.0) -> float:
        """Arrival time of the first voiced agent audio frame received after ``t``."""
        return await self._waiters.wait(
            lambda: next((at for at, _ in self._voiced if at > t), None),
            timeout,
            "agent audio",
        )

    async def wait_for_silence(self, quiet: float = 0.5, timeout: float = 30.0) -> float:
        """Wait for ``quiet`` s of silence after agent speech; returns the last voiced time."""
        deadline = time.monotonic() + timeout
        while True:
            last = self._voiced[-1][0] if self._voiced else None
            now = time.monotonic()
            if last is not None and now - last >= quiet:
                return last
            if now >= deadline:
                raise CallerError(f"agent still talking (or never talked) after {timeout}s")
            await asyncio.sleep(min(quiet / 2, max(deadline - now, 0.01)))

    def audio_stats(self) -> AudioStats:
        voiced_duration = sum(d for _, d in self._voiced)
        return AudioStats(
            frames=self._frames,
            voiced_frames=len(self._voiced),
            duration=self._duration,
            voiced_duration=voiced_duration,
            rms=float(np.sqrt(self._sum_sq / self._samples)) if self._samples else 0.0,
            peak=self._peak,
            first_frame_at=self._first_frame_at,
            first_voiced_at=self._voiced[0][0] if self._voiced else None,
            last_voiced_at=self._voiced[-1][0] if self._voiced else None,
        )

    def audio_pcm(self) -> np.ndarray:
        """Received agent audio as int16 samples (needs ``keep_audio=True``)."""
        if not self._keep_audio:
            raise CallerError("join(..., keep_audio=True) to keep the agent's audio")
        return np.concatenate(self._pcm) if self._pcm else np.zeros(0, dtype=np.int16)

    async def leave(self) -> None:
        """Disconnect and stop all readers; safe to call twice."""
        if self._left:
            return
        self._left = True
        for stream in self._streams:
            await stream.aclose()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.room.disconnect()

    def _is_agent_segment(self, seg: TranscriptSegment) -> bool:
        if self._agent is not None:
            return seg.identity == self._agent.identity
        return seg.identity != self.identity

    def _attach(self) -> None:
        self.room.on("participant_connected", self._on_participant)
        self.room.on("track_subscribed", self._on_track_subscribed)
        self.room.register_text_stream_handler(TOPIC_TRANSCRIPTION, self._on_transcription)

    def _scan_existing(self) -> None:
        for participant in self.room.remote_participants.values():
            self._on_participant(participant)
            for pub in participant.track_publications.values():
                if isinstance(pub.track, rtc.RemoteAudioTrack):
                    self._on_track_subscribed(pub.track, pub, participant)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _on_participant(self, participant: rtc.RemoteParticipant) -> None:
        if self._agent is None and participant.kind == rtc.ParticipantKind.PARTICIPANT_KIND_AGENT:
            self._agent = participant
            self._waiters.notify()

    def _on_track_subscribed(
        self,
        track: rtc.Track,
        publication: rtc.RemoteTrackPublication,
        participant: rtc.RemoteParticipant,
    ) -> None:
        self._on_participant(participant)
        if (
            participant is not self._agent
            or not isinstance(track, rtc.RemoteAudioTrack)
            or self._agent_track is not None
        ):
            return
        self._agent_track = track
        stream = rtc.AudioStream.from_track(
            track=track, sample_rate=self._sample_rate, num_channels=1
        )
        self._streams.append(stream)
        self._spawn(self._read_audio(stream))
        self._waiters.notify()

    async def _read_audio(self, stream: rtc.AudioStream) -> None:
        async for event in stream:
            frame = event.frame
            now = time.monotonic()
            pcm = np.frombuffer(frame.data, dtype=np.int16)
            scaled = pcm.astype(np.float64) / 32768.0
            sum_sq = float(np.dot(scaled, scaled))
            self._frames += 1
            self._duration += frame.duration
            self._sum_sq += sum_sq
            self._samples += len(scaled)
            self._peak = max(self._peak, float(np.abs(scaled).max(initial=0.0)))
            if self._first_frame_at is None:
                self._first_frame_at = now
            if len(scaled) and np.sqrt(sum_sq / len(scaled)) >= self._voice_threshold:
                self._voiced.append((now, frame.duration))
                self._waiters.notify()
            if self._keep_audio:
                self._pcm.append(pcm.copy())

    def _on_transcription(self, reader: rtc.TextStreamReader, participant_identity: str) -> None:
        self._spawn(self._read_transcription(reader, participant_identity, time.monotonic()))

    async def _read_transcription(
        self, reader: rtc.TextStreamReader, identity: str, opened_at: float
    ) -> None:
        try:
            text = await reader.read_all()
        except rtc.StreamError:  # aborted, e.g. the room closed mid-segment
            return
        attrs = reader.info.attributes or {}
        if attrs.get(ATTR_FINAL) != "true" or not text.strip():
            return
        self._transcript.append(
            TranscriptSegment(
                identity=identity,
                text=text,
                segment_id=attrs.get(ATTR_SEGMENT_ID, ""),
                opened_at=opened_at,
                received_at=time.monotonic(),
            )
        )
        self._waiters.notify()
