"""Minimal agent worker for the LiveKit round-trip spike: espeak TTS, echo LLM, text + DTMF input.

Run: ``LIVEKIT_URL=... LIVEKIT_API_KEY=... LIVEKIT_API_SECRET=... python spike_worker.py start``
"""

from __future__ import annotations

import logging
import math

from livekit import rtc
from livekit.agents import Agent, AgentServer, AgentSession, JobContext, cli, room_io

from agent.speech import EspeakTTS
from agent.testing import EchoLLM

AGENT_NAME = "spike-agent"
GREETING = "Welcome to the spike agent."
logger = logging.getLogger("spike-worker")

# Prod mode marks the worker FULL (and the server drops dispatches) when *system* CPU
# exceeds 0.7, which happens on shared test machines; the spike never wants that.
server = AgentServer(host="127.0.0.1", port=0, num_idle_processes=1, load_threshold=math.inf)


class SpikeAgent(Agent):
    def __init__(self) -> None:
        super().__init__(instructions="Echo the caller.")

    async def on_enter(self) -> None:
        self.session.say(GREETING)


@server.rtc_session(agent_name=AGENT_NAME)
async def entrypoint(ctx: JobContext) -> None:
    session: AgentSession[None] = AgentSession(llm=EchoLLM(), tts=EspeakTTS())

    def on_dtmf(ev: rtc.SipDTMF) -> None:
        who = ev.participant
        logger.info(
            "dtmf code=%s digit=%r participant=%s kind=%s",
            ev.code,
            ev.digit,
            who.identity if who else None,
            who.kind if who else None,
        )
        session.say(f"you pressed {ev.digit}")

    ctx.room.on("sip_dtmf_received", on_dtmf)
    await session.start(
        agent=SpikeAgent(),
        room=ctx.room,
        room_options=room_io.RoomOptions(text_input=True, audio_input=False, audio_output=True),
    )


if __name__ == "__main__":
    cli.run_app(server)
