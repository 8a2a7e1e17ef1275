"""The inbound call entrypoint: answers a caller in the room and runs the IVR flow."""

from __future__ import annotations

from livekit import rtc
from livekit.agents import AgentSession, JobContext, room_io

from agent.inbound.call import InboundCall
from agent.inbound.telephony import LiveKitTelephony
from agent.shutdown import ShutdownSteps
from agent.stack import build_stack
from callcenter.log import get_logger
from callcenter.models.jobs import InboundJob
from callcenter.settings import Settings
from callcenter.store import Store

log = get_logger("agent.inbound")


async def run_inbound(ctx: JobContext, job: InboundJob, settings: Settings) -> None:
    await ctx.connect()
    caller = await ctx.wait_for_participant()
    caller_number = job.caller_number or caller.attributes.get("sip.phoneNumber") or caller.attributes.get("phone")
    if caller.kind == rtc.ParticipantKind.PARTICIPANT_KIND_SIP:
        job = job.model_copy(update={"channel": "sip"})

    store = await Store.connect(settings.database_url, min_size=1, max_size=3)
    shutdown = ShutdownSteps(ctx)  # the call's last write runs before the store closes
    shutdown.add(store.close)
    call = await InboundCall.prepare(store, job, room_name=ctx.room.name, caller_number=caller_number,
                                     telephony=LiveKitTelephony(ctx.api, ctx.room, caller), settings=settings)
    shutdown.add(call.on_shutdown)

    stack = build_stack(settings, vad=ctx.proc.userdata.get("vad"))
    session = AgentSession(llm=stack.llm, tts=stack.tts, stt=stack.stt, vad=stack.vad)
    call.attach(session, stack)
    ctx.room.on("sip_dtmf_received", lambda ev: call.flow.on_dtmf(ev.digit))
    log.info("inbound call", room=ctx.room.name, call_id=str(call.recorder.call_id), channel=job.channel)
    await session.start(
        agent=await call.flow.first_agent(),
        room=ctx.room,
        room_options=room_io.RoomOptions(
            participant_identity=caller.identity, text_input=True, audio_input=stack.stt is not None,
            audio_output=True, close_on_disconnect=True,
        ),
    )
