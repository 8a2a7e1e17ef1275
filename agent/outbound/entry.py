"""The outbound call entrypoint: wait for the callee to answer, run AMD on their audio, then act."""

from __future__ import annotations

import asyncio

from livekit import api, rtc
from livekit.agents import AgentSession, JobContext, room_io

from agent.inbound.telephony import LiveKitTelephony
from agent.outbound.amd import AmdListener
from agent.outbound.call import OutboundCall, Standby
from agent.outbound.decision import Decided, decide, plan
from agent.outbound.room import wait_for_audio, wait_for_callee
from agent.shutdown import ShutdownSteps
from agent.stack import build_stack
from callcenter.log import get_logger
from callcenter.models.jobs import OutboundJob
from callcenter.settings import Settings
from callcenter.store import Store

log = get_logger("agent.outbound")
AUDIO_TIMEOUT_S = 10.0
AMD_RATE = 16000


async def run_outbound(ctx: JobContext, job: OutboundJob, settings: Settings) -> None:
    await ctx.connect()
    store = await Store.connect(settings.database_url, min_size=1, max_size=3)
    shutdown = ShutdownSteps(ctx)  # the call's last write runs before the store closes
    shutdown.add(store.close)
    call = await OutboundCall.prepare(store, job, room_name=ctx.room.name, settings=settings)
    shutdown.add(call.on_shutdown)
    log.info("outbound call", room=ctx.room.name, call_id=str(job.call_id), attempt=job.attempt)

    callee = await wait_for_callee(ctx.room, job.ring_timeout_s)
    if callee is None:
        await call.no_answer()
        await ctx.api.room.delete_room(api.DeleteRoomRequest(room=ctx.room.name))
        return
    is_sip = callee.kind == rtc.ParticipantKind.PARTICIPANT_KIND_SIP
    call.answered(LiveKitTelephony(ctx.api, ctx.room, callee), can_transfer=is_sip)

    stack = build_stack(settings, vad=ctx.proc.userdata.get("vad"))
    stack.use_language(call.flow.engine.state.language)
    session = AgentSession(llm=stack.llm, tts=stack.tts, stt=stack.stt, vad=stack.vad)
    call.attach(session)

    def on_disconnected(participant: rtc.RemoteParticipant) -> None:
        if participant.identity == callee.identity:
            asyncio.create_task(call.callee_left())

    ctx.room.on("participant_disconnected", on_disconnected)

    async def start_session() -> None:
        """The session starts while AMD listens; it hears the callee only once they are connected."""
        await session.start(
            agent=Standby(),
            room=ctx.room,
            room_options=room_io.RoomOptions(
                participant_identity=callee.identity, text_input=True, audio_input=stack.stt is not None,
                audio_output=True, close_on_disconnect=True,
            ),
        )
        if stack.stt is not None:
            session.input.set_audio_enabled(False)

    starting = asyncio.create_task(start_session())
    listener = AmdListener()
    track = await wait_for_audio(ctx.room, callee, AUDIO_TIMEOUT_S) if job.amd_enabled else None
    if track is not None:
        stream = rtc.AudioStream.from_track(track=track, sample_rate=AMD_RATE, num_channels=1)
        try:
            decided = await decide(listener.events(stream), job)
        finally:
            await stream.aclose()
    else:
        decided = Decided(plan=plan("unknown" if job.amd_enabled else None, job), decision=None)
    await starting
    await call.act(decided, listener if track is not None else None)
