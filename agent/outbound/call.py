"""One outbound campaign call: record, AMD decision, the conversation flow and how the call ended.

The entrypoint (`agent.outbound.entry`) feeds it LiveKit; the text-mode tests feed it a bare
`AgentSession`. The flow (`prompts/flows/outbound_campaign.json`) runs through `FlowCall`, exactly
like the inbound IVR.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from livekit.agents import Agent, AgentSession, ModelSettings
from livekit.agents.llm import ChatContext, FunctionTool
from livekit.agents.voice.events import AgentStateChangedEvent

from agent.flows.engine import ActionResult, CallState, FlowEngine
from agent.flows.livekit_agent import FlowCall
from agent.flows.local_llm import LocalUnderstandingLLM
from agent.flows.model import Action, Flow, FlowError, Text, load_flow
from agent.inbound.call import RETRY_TEXTS
from agent.inbound.telephony import Telephony
from agent.outbound.amd import AmdListener
from agent.outbound.decision import (
    CONNECT_BUDGET_MS, Decided, Ending, dropped, failed, machine_ending, no_answer, person_ending,
)
from agent.prompts import PROMPTS_DIR
from agent.recorder import CallRecorder
from callcenter import models as m
from callcenter.log import get_logger
from callcenter.models.jobs import OutboundJob
from callcenter.settings import Settings
from callcenter.store import Store
from callcenter.store.campaign_repos import AttemptEnd

log = get_logger(__name__)

CALLBACK_DELAY = timedelta(days=1)
"""When a person who said it is not a good time is called back (the dialer keeps it in their call window)."""
DEFAULT_IDENTIFICATION = Text(en="Hello {lead_name}, this is {company} calling.",
                              ar="مرحباً {lead_name}، معك {company}.")


@lru_cache
def outbound_flow(path: Path = PROMPTS_DIR / "flows" / "outbound_campaign.json") -> Flow:
    return load_flow(path)


class OutboundHost:
    """The flow's one action on an outbound call: end it with an outcome."""

    def __init__(self, recorder: CallRecorder) -> None:
        self.recorder = recorder

    async def run_action(self, action: Action, state: CallState) -> ActionResult:
        if action.name == "end_call":
            outcome = action.params.get("outcome", "completed")
            self.recorder.event("flow_outcome", outcome=outcome, node=state.node_id)
            return ActionResult(end=outcome)
        raise FlowError(f"the outbound flow cannot run action {action.name!r}")


class Standby(Agent):
    """Holds the session while AMD listens: says nothing and answers nothing."""

    def __init__(self) -> None:
        super().__init__(instructions="Stay silent.")

    async def llm_node(self, chat_ctx: ChatContext, tools: list[FunctionTool], model_settings: ModelSettings) -> None:
        """No reply to anything the callee says or types before they are connected."""
        return None


class OutboundCall:
    """Everything one outbound call needs, and its stage: ringing, detecting, voicemail, connected."""

    def __init__(self, job: OutboundJob, recorder: CallRecorder, flow: FlowCall) -> None:
        self.job = job
        self.recorder = recorder
        self.flow = flow
        self.telephony: Telephony | None = None
        self.session: AgentSession | None = None
        self.stage = "ringing"
        self.ringing_since = time.time()
        self.answered_at: float | None = None
        self.first_audio_at: float | None = None
        self.decided: Decided | None = None
        self.listener: AmdListener | None = None
        self.finished = False
        self.closed = False

    @classmethod
    async def prepare(cls, store: Store, job: OutboundJob, *, room_name: str, settings: Settings) -> "OutboundCall":
        async with store.as_operator(job.operator_id) as db:
            operator = await db.operators.me()
        recorder = await CallRecorder.open(
            store, job.operator_id,
            m.CallNew(direction="outbound", room_name=room_name, callee_number=job.phone, caller_number=job.caller_id,
                      campaign_id=job.campaign_id, lead_id=job.lead_id, language=job.language),
            call_id=job.call_id,
        )
        language = "en" if job.language == "en" else "ar"
        variables: dict[str, Any] = {"company": operator.company or operator.name, "lead_name": job.lead_name or "",
                                     "can_transfer": False}
        variables["identification"] = (job.identification_message.get(language) or "").strip() or \
            DEFAULT_IDENTIFICATION.render(language, variables)
        engine = FlowEngine(outbound_flow(), OutboundHost(recorder), CallState(language=language, variables=variables),
                            max_retries=settings.ivr_max_retries, texts=RETRY_TEXTS)
        call: OutboundCall
        flow = FlowCall(engine, timeout_s=settings.ivr_timeout_seconds, on_end=lambda: call.end())
        call = cls(job, recorder, flow)
        recorder.event("call_started", attempt=job.attempt, amd_enabled=job.amd_enabled, amd_action=job.amd_action)
        return call

    # the phone side

    def attach(self, session: AgentSession) -> None:
        """Record every utterance of `session` and when the agent is first heard; bind the offline LLM."""
        self.session = session
        self.flow.session = session
        if isinstance(session.llm, LocalUnderstandingLLM):
            session.llm.bind(self.flow)
        self.recorder.transcribe(session)
        session.on("agent_state_changed", self._on_state)

    def answered(self, telephony: Telephony, *, can_transfer: bool) -> None:
        self.telephony = telephony
        self.stage = "detecting"
        self.answered_at = time.time()
        self.flow.engine.state.variables["can_transfer"] = can_transfer and bool(self.job.transfer_to)
        self.recorder.answered()

    async def act(self, decided: Decided, listener: AmdListener | None) -> None:
        """Do what the AMD decision asks: connect, leave the voicemail, transfer or hang up."""
        assert self.session is not None and self.telephony is not None
        self.decided, self.listener = decided, listener
        plan, decision = decided.plan, decided.decision
        if decision is not None:
            self.recorder.update(amd_result=decision.result)
        self.recorder.event("amd", result=decision.result if decision else None,
                            reason=decision.reason if decision else None, act_ms=decided.act_ms, step=plan.step)
        log.info("answer", call_id=str(self.recorder.call_id), result=decision.result if decision else None,
                 step=plan.step, act_ms=decided.act_ms)
        if plan.step == "connect_human":
            assert plan.transfer_to is not None
            if await self.telephony.transfer(plan.transfer_to, "cold"):
                await self.finish(person_ending("transferred", connected=True))
            else:
                await self.session.say(self.flow.engine.state.variables["identification"], allow_interruptions=False)
                await self.finish(dropped())
            await self.hangup()
            return
        if plan.step == "connect":
            self.stage = "connected"
            if self.session.stt is not None:
                self.session.input.set_audio_enabled(True)
            self.session.update_agent(await self.flow.first_agent())
            return
        if plan.step == "voicemail":
            assert plan.message is not None
            self.stage = "voicemail"
            handle = await self.session.say(plan.message, allow_interruptions=False)
            await self.finish(machine_ending("voicemail", completed=not handle.interrupted))
        elif plan.step == "transfer":
            assert plan.transfer_to is not None
            transferred = await self.telephony.transfer(plan.transfer_to, "cold")
            await self.finish(machine_ending("transfer", completed=transferred))
        else:
            await self.finish(machine_ending("hangup"))
        await self.hangup()

    async def end(self) -> None:
        """The conversation reached its end: transfer when it asked to, write the outcome, hang up."""
        outcome = self.flow.engine.state.outcome
        self.flow.close()
        if outcome == "transferred" and not (self.telephony and self.job.transfer_to
                                             and await self.telephony.transfer(self.job.transfer_to, "cold")):
            outcome = "callback_requested"
        await self.finish(person_ending(outcome, connected=True))
        await self.hangup()

    async def no_answer(self) -> None:
        await self.finish(no_answer())

    async def callee_left(self) -> None:
        """The callee hung up: end the record as the stage says, then close the room."""
        if self.finished:
            return
        await self.on_shutdown("callee hung up")
        await self.hangup()

    async def hangup(self) -> None:
        """Close the room once (ending the SIP leg and the job)."""
        if self.telephony is None or self.closed:
            return
        self.closed = True
        try:
            await self.telephony.hangup()
        except Exception:
            log.warning("could not close the room", call_id=str(self.recorder.call_id), exc_info=True)

    async def on_shutdown(self, reason: str = "") -> None:
        """The job is ending before the call did: the callee hung up, the room went away, or an error."""
        self.flow.close()
        if self.finished:
            return
        if reason and "error" in reason.lower():
            ending = failed()
        elif self.stage == "ringing":
            ending = no_answer()
        elif self.stage == "voicemail":
            ending = machine_ending("voicemail", completed=False)
        else:
            ending = person_ending(self.flow.engine.state.outcome, connected=self.first_audio_at is not None)
        await self.finish(ending)

    # the record

    def connect_ms(self) -> int | None:
        """From the end of the person's greeting (or the answer, without one) to the agent's first audio."""
        if self.first_audio_at is None:
            return None
        start = self.answered_at
        if self.listener is not None and self.listener.answered_at is not None:
            greeting_end = self.listener.greeting_end_ms
            start = self.listener.at(greeting_end if greeting_end is not None else 0)
        return None if start is None else round((self.first_audio_at - start) * 1000)

    def amd_record(self) -> dict[str, Any] | None:
        if self.listener is None or self.listener.answered_at is None:
            return None
        decided = self.decided
        cue = decided.cue if decided else None
        after_cue = (round((self.first_audio_at - self.listener.at(cue.time_ms)) * 1000)
                     if cue is not None and self.first_audio_at is not None else None)
        connect_ms = self.connect_ms() if self.stage == "connected" else None
        report = self.listener.report(
            connect_ms=connect_ms, message_after_cue_ms=after_cue,
            connect_within_budget=connect_ms <= CONNECT_BUDGET_MS if connect_ms is not None else None)
        return {**report, "step": decided.plan.step if decided else None,
                "cue": cue.kind if cue else None}

    def answers(self) -> dict[str, Any]:
        """What the person said to the flow's questions."""
        variables = self.flow.engine.state.variables
        return {k: variables[k] for k in ("good_time", "interested") if k in variables}

    async def finish(self, ending: Ending) -> None:
        """End the call and its dial attempt (`campaign_calls.finish`, one transaction), once."""
        if self.finished:
            return
        self.finished = True
        decision = self.decided.decision if self.decided else None
        amd_result = decision.result if decision else ("unknown" if self.job.amd_enabled and self.decided else None)
        end = AttemptEnd(
            status=ending.status, outcome=ending.outcome, disposition=ending.disposition,
            answered_at=datetime.fromtimestamp(self.answered_at, UTC) if self.answered_at else None,
            ring_s=None if self.answered_at else time.time() - self.ringing_since,  # answered: the dialer measured it
            amd_result=amd_result, abandoned=ending.abandoned, fields=self.answers(),
            callback_at=datetime.now(UTC) + CALLBACK_DELAY if ending.outcome == "callback_requested" else None,
        )
        if (amd := self.amd_record()) is not None:
            self.recorder.update(amd=amd)
        call_id = self.recorder.call_id
        written = self.recorder.run(lambda db: db.campaign_calls.finish(call_id, end))
        log.info("outbound call ended", call_id=str(call_id), status=ending.status, outcome=ending.outcome,
                 disposition=ending.disposition, amd_result=amd_result)
        await self.recorder.finish(ending.status, outcome=ending.outcome, amd_result=amd_result)  # if that failed
        try:
            await written
        except Exception:
            log.exception("dial attempt not closed; the dialer closes it as lost", call_id=str(call_id))

    def _on_state(self, ev: AgentStateChangedEvent) -> None:
        if ev.new_state == "speaking" and self.first_audio_at is None:
            self.first_audio_at = time.time()
