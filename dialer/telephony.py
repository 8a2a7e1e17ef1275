"""Placing calls: the interface the dialer uses, LiveKit in production, a seeded simulator otherwise.

A dial ends when the callee answers or the call fails. From the answer on, the agent dispatched
into the room owns the call and writes its end (see dialer/worker.py); a failure comes back as a
`DialResult` with the outcome the dialer records.
"""

from __future__ import annotations

import asyncio
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Literal, Protocol
from uuid import UUID

import aiohttp
from livekit import api
from pydantic import BaseModel, Field

from callcenter.log import get_logger
from callcenter.models.common import CallOutcome, Phone
from callcenter.models.jobs import OutboundJob, parse_job
from callcenter.store import Store
from callcenter.store.campaign_repos import AttemptEnd
from dialer.compliance import MIN_RING_SECONDS

log = get_logger(__name__)


class DialRequest(BaseModel):
    """One call to place: the room it lives in, the agent dispatched there, the number to ring."""

    call_id: UUID
    operator_id: UUID
    room_name: str
    phone: Phone
    agent_name: str
    job_metadata: str = Field(description="JSON of the agent job (OutboundJob or InboundJob)")
    participant_identity: str
    sip_trunk_id: str | None = None
    caller_id: str | None = None
    ringing_timeout_s: float = Field(default=30.0, ge=MIN_RING_SECONDS, le=120)
    max_call_duration_s: float = Field(default=3600.0, gt=0)


class DialResult(BaseModel):
    """Answered, or not answered with the outcome and disposition to record."""

    answered: bool
    ring_s: float | None = None
    outcome: CallOutcome | None = Field(default=None, description="why it was not answered")
    disposition: str = Field(max_length=32)
    sip_status_code: int | None = None
    sip_call_id: str | None = None
    detail: str | None = Field(default=None, max_length=500)


class Telephony(Protocol):
    name: str

    async def dial(self, request: DialRequest) -> DialResult: ...

    async def aclose(self) -> None: ...


def sip_failure(code: int | None) -> tuple[CallOutcome, str]:
    """The outcome and disposition of a call that failed with SIP status `code`."""
    if code in (486, 600, 603):
        return "busy", "busy"
    if code in (408, 480, 487):
        return "no_answer", "no_answer"
    if code in (404, 484, 604):
        return "wrong_number", "invalid_number"
    return "failed", f"sip_{code}" if code else "failed"


class LiveKitTelephony:
    """Production: a LiveKit room per call with the agent dispatched into it, then an outbound SIP
    participant that rings the number (`wait_until_answered`, so failures arrive as SIP codes)."""

    name = "livekit"

    def __init__(self, url: str, api_key: str, api_secret: str) -> None:
        self._credentials = (url, api_key, api_secret)
        self._api: api.LiveKitAPI | None = None

    @property
    def lk(self) -> api.LiveKitAPI:
        if self._api is None:  # created on first use: aiohttp needs the running loop
            self._api = api.LiveKitAPI(*self._credentials)
        return self._api

    async def open_room(self, request: DialRequest) -> None:
        """The call's room, with the agent dispatch carrying the job."""
        await self.lk.room.create_room(api.CreateRoomRequest(
            name=request.room_name,
            empty_timeout=int(request.ringing_timeout_s) + 60,
            agents=[api.RoomAgentDispatch(agent_name=request.agent_name, metadata=request.job_metadata)],
        ))

    async def connect(self, request: DialRequest) -> api.SIPParticipantInfo:
        """Ring the number into the room; returns once answered, raises when not."""
        sip = api.CreateSIPParticipantRequest(
            sip_trunk_id=request.sip_trunk_id or "",
            sip_call_to=request.phone,
            sip_number=request.caller_id or "",
            room_name=request.room_name,
            participant_identity=request.participant_identity,
            wait_until_answered=True,
        )
        sip.ringing_timeout.FromTimedelta(timedelta(seconds=request.ringing_timeout_s))
        sip.max_call_duration.FromTimedelta(timedelta(seconds=request.max_call_duration_s))
        return await self.lk.sip.create_sip_participant(sip)

    async def dial(self, request: DialRequest) -> DialResult:
        started = time.monotonic()
        try:
            await self.open_room(request)
            info = await self.connect(request)
        except api.SipCallError as exc:
            outcome, disposition = sip_failure(exc.sip_status_code)
            result = DialResult(answered=False, ring_s=time.monotonic() - started, outcome=outcome,
                                disposition=disposition, sip_status_code=exc.sip_status_code,
                                detail=f"{exc.sip_status_code} {exc.sip_status or exc.message}"[:500])
        except api.ServerError as exc:
            result = DialResult(answered=False, outcome="failed", disposition=f"error:{exc.code}"[:32],
                                detail=f"{exc.code}: {exc.message}"[:500])
        except (aiohttp.ClientError, TimeoutError) as exc:
            result = DialResult(answered=False, outcome="failed", disposition="error:unreachable",
                                detail=f"{type(exc).__name__}: {exc}"[:500])
        else:
            return DialResult(answered=True, ring_s=time.monotonic() - started, disposition="answered",
                              sip_call_id=info.sip_call_id or None)
        await self._delete_room(request.room_name)
        return result

    async def _delete_room(self, room_name: str) -> None:
        """End the agent's job for a call that was never answered."""
        try:
            await self.lk.room.delete_room(api.DeleteRoomRequest(room=room_name))
        except (api.ServerError, aiohttp.ClientError, TimeoutError) as exc:
            log.warning("could not delete room", room=room_name, error=str(exc))

    async def aclose(self) -> None:
        if self._api is not None:
            await self._api.aclose()
            self._api = None


_HUMAN_OUTCOMES: dict[CallOutcome, float] = {
    "qualified": 0.25, "unqualified": 0.2, "not_interested": 0.3, "callback_requested": 0.15,
    "wrong_number": 0.05, "failed": 0.05,
}


class SimulationProfile(BaseModel):
    """Shares of dial results and their timings (seconds of simulated time)."""

    busy: float = Field(default=0.08, ge=0, le=1)
    no_answer: float = Field(default=0.22, ge=0, le=1)
    invalid: float = Field(default=0.02, ge=0, le=1)
    machine: float = Field(default=0.20, ge=0, le=1)
    human_ring_s: tuple[float, float] = (3.0, 14.0)
    machine_ring_s: tuple[float, float] = (4.0, 16.0)
    median_handle_s: float = Field(default=75.0, gt=0)
    voicemail_s: float = Field(default=20.0, gt=0)
    human_outcomes: dict[CallOutcome, float] = Field(default_factory=lambda: dict(_HUMAN_OUTCOMES))
    opt_out: float = Field(default=0.1, ge=0, le=1, description="share of not_interested who opt out")


SimulatedKind = Literal["busy", "no_answer", "invalid", "machine", "human"]


class SimulatedTelephony:
    """Demo and tests: rings, busy lines, machines and people drawn from a seeded random source.

    It also plays the agent's part once a call is answered: the call goes in progress (with
    heartbeats), and after its handle time the end is written through the same store function
    the outbound agent uses. Sleeps are multiplied by `time_scale`; recorded durations are not.
    """

    name = "simulated"

    def __init__(self, store: Store, *, seed: int = 0, time_scale: float = 1.0,
                 profile: SimulationProfile | None = None) -> None:
        self.store = store
        self.seed = seed
        self.time_scale = time_scale
        self.profile = profile or SimulationProfile()
        self.dials: list[DialRequest] = []
        self._per_phone: dict[str, int] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def _draw(self, request: DialRequest) -> tuple[random.Random, SimulatedKind]:
        n = self._per_phone[request.phone] = self._per_phone.get(request.phone, 0) + 1
        rng = random.Random(f"{self.seed}:{request.phone}:{n}")
        p, u = self.profile, rng.random()
        for kind, share in (("busy", p.busy), ("no_answer", p.no_answer), ("invalid", p.invalid),
                            ("machine", p.machine)):
            if u < share:
                return rng, kind  # type: ignore[return-value]
            u -= share
        return rng, "human"

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds * self.time_scale)

    async def dial(self, request: DialRequest) -> DialResult:
        self.dials.append(request)
        rng, kind = self._draw(request)
        if kind == "busy":
            ring = rng.uniform(0.5, 3.0)
            await self._sleep(ring)
            return DialResult(answered=False, ring_s=ring, outcome="busy", disposition="busy", sip_status_code=486)
        if kind == "invalid":
            await self._sleep(0.5)
            return DialResult(answered=False, ring_s=0.5, outcome="wrong_number", disposition="invalid_number",
                              sip_status_code=404)
        if kind == "no_answer":
            await self._sleep(request.ringing_timeout_s)
            return DialResult(answered=False, ring_s=request.ringing_timeout_s, outcome="no_answer",
                              disposition="no_answer", sip_status_code=480)
        ring = rng.uniform(*(self.profile.human_ring_s if kind == "human" else self.profile.machine_ring_s))
        ring = min(ring, request.ringing_timeout_s)
        await self._sleep(ring)
        task = asyncio.create_task(self._converse(request, rng, kind, ring))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return DialResult(answered=True, ring_s=ring, disposition="answered", sip_call_id=f"SIM_{request.call_id.hex}")

    async def _converse(self, request: DialRequest, rng: random.Random, kind: SimulatedKind, ring: float) -> None:
        try:
            answered = datetime.now(UTC)
            async with self.store.as_service(request.operator_id) as db:
                await db.calls.transition(request.call_id, "in_progress")
            handle = self.profile.voicemail_s if kind == "machine" else rng.lognormvariate(0, 0.6) * (
                self.profile.median_handle_s)
            await self._talk(request, handle)
            job = parse_job(request.job_metadata)
            async with self.store.as_service(request.operator_id) as db:
                if isinstance(job, OutboundJob):
                    await db.campaign_calls.finish(request.call_id, self._end(rng, kind, answered, ring, handle))
                else:
                    await db.calls.transition(request.call_id, "completed", outcome="callback_completed")
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("simulated call failed", call_id=str(request.call_id))

    async def _talk(self, request: DialRequest, seconds: float) -> None:
        """Wait out the conversation, sending heartbeats like a live agent does."""
        left = seconds * self.time_scale
        while left > 0:
            step = min(left, 10.0)
            await asyncio.sleep(step)
            left -= step
            async with self.store.as_service(request.operator_id) as db:
                await db.calls.heartbeat(request.call_id)

    def _end(self, rng: random.Random, kind: SimulatedKind, answered: datetime, ring: float,
             handle: float) -> AttemptEnd:
        if kind == "machine":
            return AttemptEnd(status="completed", outcome="voicemail", disposition="answered_machine",
                              answered_at=answered, ring_s=ring, duration_s=handle, amd_result="machine")
        outcomes, weights = zip(*self.profile.human_outcomes.items(), strict=True)
        outcome: CallOutcome = rng.choices(outcomes, weights)[0]
        fields: dict[str, object] = {}
        if outcome in ("qualified", "unqualified"):
            fields = {"interested": outcome == "qualified", "budget": rng.choice([500, 2000, 10000])}
        return AttemptEnd(
            status="completed", outcome=outcome, disposition="connected", answered_at=answered, ring_s=ring,
            duration_s=handle, amd_result="human", fields=fields,
            callback_at=datetime.now(UTC) + timedelta(days=1) if outcome == "callback_requested" else None,
            opted_out=outcome == "not_interested" and rng.random() < self.profile.opt_out,
        )

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
