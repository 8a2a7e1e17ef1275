"""The inbound agent worker: `python -m agent.inbound.worker start` (the Procfile's `agent`).

Dispatched explicitly by name (`inbound-agent`) from the SIP dispatch rule's room config or a
room's agent dispatch, with `InboundJob` JSON as job metadata.
"""

from __future__ import annotations

from livekit import rtc
from livekit.agents import AgentServer, AgentSession, JobContext, JobProcess, cli, room_io

from agent.inbound.call import InboundCall
from agent.inbound.telephony import LiveKitTelephony
from agent.stack import build_stack
from callcenter.log import configure_logging, get_logger
from callcenter.models.jobs import InboundJob
from callcenter.settings import get_settings
from callcenter.store import Store

settings = get_settings()
configure_logging(settings.log_level, settings.log_json)
log = get_logger("agent.inbound")


def prewarm(proc: JobProcess) -> None:
    """Once per job process: load Silero VAD (shipped in the plugin wheel) when speech input is used."""
    if settings.use_openai:
        from livekit.plugins import silero

        proc.userdata["vad"] = silero.VAD.load()


server = AgentServer(
    setup_fnc=prewarm,
    host=settings.agent_health_host,
    port=settings.agent_health_port,
    load_threshold=settings.agent_load_threshold,
    num_idle_processes=settings.agent_idle_processes,
)


@server.rtc_session(agent_name=settings.inbound_agent_name)
async def inbound_call(ctx: JobContext) -> None:
    job = InboundJob.model_validate_json(ctx.job.metadata or "{}")
    await ctx.connect()
    caller = await ctx.wait_for_participant()
    caller_number = job.caller_number or caller.attributes.get("sip.phoneNumber") or caller.attributes.get("phone")
    if caller.kind == rtc.ParticipantKind.PARTICIPANT_KIND_SIP:
        job = job.model_copy(update={"channel": "sip"})

    store = await Store.connect(settings.database_url, min_size=1, max_size=3)
    ctx.add_shutdown_callback(store.close)
    call = await InboundCall.prepare(store, job, room_name=ctx.room.name, caller_number=caller_number,
                                     telephony=LiveKitTelephony(ctx.api, ctx.room, caller), settings=settings)
    ctx.add_shutdown_callback(call.on_shutdown)

    stack = build_stack(settings, vad=ctx.proc.userdata.get("vad"))
    session = AgentSession(llm=stack.llm, tts=stack.tts, stt=stack.stt, vad=stack.vad)
    call.attach(session)
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


if __name__ == "__main__":
    cli.run_app(server)
