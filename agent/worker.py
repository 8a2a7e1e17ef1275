"""The agent worker: `python -m agent.worker start` (the Procfile's `agent`).

One `AgentServer`, dispatched explicitly by name (`callcenter-agent`): from the SIP dispatch rule's
room config or a room's agent dispatch for inbound calls, and by the dialer for outbound calls.
The job metadata (`callcenter.models.jobs`) says which.
"""

from __future__ import annotations

from livekit.agents import AgentServer, JobContext, JobProcess, cli

from callcenter.log import configure_logging
from callcenter.models.jobs import InboundJob, parse_job
from callcenter.settings import get_settings

settings = get_settings()
configure_logging(settings.log_level, settings.log_json, own_handler=False)


def prewarm(proc: JobProcess) -> None:
    """Once per job process: Silero VAD (it ships inside the plugin wheel), the answering-machine
    detector's own Silero session and the call code, so the first call does not load them on its
    event loop (inside a callee's 2-second budget)."""
    from livekit.plugins import silero

    import agent.inbound.entry  # noqa: F401
    import agent.outbound.entry  # noqa: F401
    from agent.amd import silero as amd_silero

    proc.userdata["vad"] = silero.VAD.load()
    amd_silero.load()


def calls_load(server: AgentServer) -> float:
    """Load as the share of call slots in use, not machine CPU: a busy neighbour on a shared
    host must not make the server stop dispatching calls to this worker."""
    return min(1.0, len(server.active_jobs) / settings.agent_max_calls)


server = AgentServer(
    setup_fnc=prewarm,
    load_fnc=calls_load,
    host=settings.agent_health_host,
    port=settings.agent_health_port,
    load_threshold=settings.agent_load_threshold,
    num_idle_processes=settings.agent_idle_processes,
)


@server.rtc_session(agent_name=settings.agent_name)
async def entrypoint(ctx: JobContext) -> None:
    job = parse_job(ctx.job.metadata)
    if isinstance(job, InboundJob):
        from agent.inbound.entry import run_inbound

        await run_inbound(ctx, job, settings)
    else:
        from agent.outbound.entry import run_outbound

        await run_outbound(ctx, job, settings)


if __name__ == "__main__":
    cli.run_app(server)
