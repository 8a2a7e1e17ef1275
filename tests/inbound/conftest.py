"""Text-mode inbound calls: the real flow, host, store and offline LLM in an AgentSession, no server."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

import pytest
from livekit.agents import AgentSession

from agent.flows.local_llm import LocalUnderstandingLLM
from agent.inbound.call import InboundCall
from callcenter.models.jobs import InboundJob

OPEN = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)      # Sunday 11:00 in Riyadh
CLOSED = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)   # Friday 23:00 in Riyadh
CALLER = "+966501234567"


@dataclass
class LoggedTelephony:
    """A phone side for text mode: nothing to transfer, so it records what it was asked to do."""

    transfers: list[tuple[str | None, str]] = field(default_factory=list)
    hangups: int = 0
    log: list[str] = field(default_factory=list)
    """What happened at the call's end, in order (the session closing, the hang-up)."""

    async def transfer(self, to: str | None, mode: Literal["cold", "warm"]) -> bool:
        self.transfers.append((to, mode))
        return False

    async def hangup(self) -> None:
        self.hangups += 1
        self.log.append("hangup")


@dataclass
class TextCall:
    session: AgentSession
    call: InboundCall
    telephony: LoggedTelephony

    @property
    def state(self):
        return self.call.flow.engine.state

    async def say(self, text: str) -> str:
        """One caller turn; returns everything the agent said in reply."""
        before = len(self.agent_lines())
        await self.session.run(user_input=text)
        await self.settle()
        return " ".join(self.agent_lines()[before:])

    async def press(self, digits: str) -> str:
        before = len(self.agent_lines())
        for d in digits:
            self.call.flow.on_dtmf(d)
        await self.settle()
        return " ".join(self.agent_lines()[before:])

    async def settle(self, seconds: float = 0.3) -> None:
        await asyncio.sleep(seconds)

    def agent_lines(self) -> list[str]:
        return [i.text_content or "" for i in self.session.history.items
                if i.type == "message" and i.role == "assistant"]

    async def ended(self, timeout: float = 5.0) -> None:
        await asyncio.wait_for(self.call.flow.ended.wait(), timeout)
        await asyncio.sleep(0.2)


@pytest.fixture
async def start_call(store, settings):
    sessions: list[AgentSession] = []

    async def start(operator, *, now: datetime = OPEN, caller: str | None = CALLER, timeout_s: float | None = None,
                    language=None) -> TextCall:
        telephony = LoggedTelephony()
        s = settings.model_copy(update={"ivr_timeout_seconds": timeout_s or 30.0})
        call = await InboundCall.prepare(
            store, InboundJob(operator_id=operator.id, language=language), room_name=f"text-{uuid.uuid4().hex}",
            caller_number=caller, telephony=telephony, settings=s, now=now,
        )
        session = AgentSession(llm=LocalUnderstandingLLM())
        sessions.append(session)
        call.attach(session)
        session.on("close", lambda _: telephony.log.append("session closed"))
        await session.start(await call.flow.first_agent())
        tc = TextCall(session, call, telephony)
        await tc.settle()
        return tc

    yield start
    for session in sessions:
        await session.aclose()
