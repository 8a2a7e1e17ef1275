"""One inbound call assembled: operator context, recorder, host, flow engine and session wiring.

The worker and the text-mode tests both build calls here, so they run the same code.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from livekit.agents import AgentSession
from livekit.agents.voice.events import FunctionToolsExecutedEvent

from agent.flows.captures import VALIDATORS
from agent.flows.engine import CallState, FlowEngine
from agent.flows.livekit_agent import FlowCall
from agent.flows.local_llm import LocalUnderstandingLLM
from agent.flows.model import Flow, Text, load_flow
from agent.inbound.host import InboundHost
from agent.inbound.telephony import Telephony
from agent.prompts import PROMPTS_DIR, department_prompts
from agent.recorder import CallRecorder
from agent.routing.engine import RoutingEngine
from agent.routing.models import Department as RoutingDepartment
from agent.routing.models import RoutingRule as EngineRule
from agent.stack import SpeechStack
from callcenter import hours
from callcenter import models as m
from callcenter.log import get_logger
from callcenter.models.jobs import InboundJob
from callcenter.phone import is_e164
from callcenter.settings import Settings
from callcenter.store import Store

log = get_logger(__name__)

HANGUP_GRACE_S = 1.5
SESSION_CLOSE_TIMEOUT_S = 5.0
RETRY_TEXTS = {
    "retry": Text(en="Sorry, I did not catch that.", ar="عذراً، لم أفهم ذلك."),
    "no_input": Text(en="I did not hear anything.", ar="لم أسمع شيئاً."),
    "invalid_phone": Text(en="That does not look like a valid phone number.", ar="هذا الرقم لا يبدو صحيحاً."),
    "invalid_email": Text(en="That does not look like a valid email address.", ar="هذا البريد الإلكتروني لا يبدو صحيحاً."),
    "invalid_name": Text(en="Sorry, I did not get your name.", ar="عذراً، لم أفهم الاسم."),
    "which_field": Text(en="Which detail should I change?", ar="أي معلومة تريد تعديلها؟"),
}


@lru_cache
def inbound_flow(path: Path = PROMPTS_DIR / "flows" / "inbound_ivr.json") -> Flow:
    return load_flow(path)


async def operator_context(store: Store, operator_id: Any) -> tuple[m.Operator, dict[str, m.Department], RoutingEngine]:
    """The operator, its enabled departments by slug, and a routing engine over its rules."""
    async with store.as_operator(operator_id) as db:
        operator = await db.operators.me()
        departments = {d.slug: d for d in await db.departments.list(enabled=True, limit=500)}
        rules = await db.routing_rules.list(enabled=True, limit=10_000)
    by_id = {d.id: d.slug for d in departments.values()}
    engine = RoutingEngine(
        [RoutingDepartment(id=d.slug, name_en=d.name_en, name_ar=d.name_ar, description=d.description,
                           is_fallback=d.is_fallback) for d in departments.values()],
        [EngineRule(department_id=by_id[r.department_id], phrases=r.phrases, language=r.language, weight=r.weight,
                    priority=r.priority) for r in rules if r.department_id in by_id],
    )
    return operator, departments, engine


class InboundCall:
    """Everything one inbound call needs, wired together."""

    def __init__(self, *, recorder: CallRecorder, host: InboundHost, flow: FlowCall, telephony: Telephony,
                 warm_escalation_keeps_room: bool) -> None:
        self.recorder = recorder
        self.host = host
        self.flow = flow
        self.telephony = telephony
        self.keep_room_on_escalation = warm_escalation_keeps_room
        self.session: AgentSession | None = None

    @classmethod
    async def prepare(
        cls,
        store: Store,
        job: InboundJob,
        *,
        room_name: str,
        caller_number: str | None,
        telephony: Telephony,
        settings: Settings,
        now: datetime | None = None,
    ) -> "InboundCall":
        operator, departments, routing = await operator_context(store, job.operator_id)
        number = caller_number if caller_number and is_e164(caller_number) else None
        customer_id = None
        if number:
            async with store.as_operator(operator.id) as db:
                customer = await db.customers.by_phone(number) or await db.customers.create(m.CustomerNew(phone=number))
                customer_id = customer.id
        recorder = await CallRecorder.open(
            store, operator.id,
            m.CallNew(direction="inbound", room_name=room_name, caller_number=caller_number, customer_id=customer_id,
                      metadata={"channel": job.channel}),
            call_id=job.call_id,
        )
        host = InboundHost(operator=operator, recorder=recorder, routing=routing, departments=departments,
                           prompts=department_prompts(), telephony=telephony)
        after_hours = not hours.is_open(operator.business_hours, operator.timezone, now or datetime.now(UTC))
        state = CallState(
            language=job.language or ("ar" if operator.default_language == "ar" else "en"),
            variables={
                "company": operator.company or operator.name, "caller_number": number,
                "default_region": operator.default_region, "after_hours": after_hours,
                "customer_id": customer_id,
            },
        )
        engine = FlowEngine(inbound_flow(), host, state, max_retries=settings.ivr_max_retries,
                            validators=VALIDATORS, texts=RETRY_TEXTS)
        call: InboundCall
        departments_list = "; ".join(f"{d.slug}: {d.name_en} / {d.name_ar}. {d.description}"
                                     for d in departments.values())
        flow = FlowCall(engine, timeout_s=settings.ivr_timeout_seconds, assess=host.assess,
                        on_end=lambda: call.end(), context=f" Departments: {departments_list}",
                        digit_timeout_s=settings.ivr_digit_timeout_seconds)
        call = cls(recorder=recorder, host=host, flow=flow, telephony=telephony,
                   warm_escalation_keeps_room=True)
        recorder.event("call_started", after_hours=after_hours, channel=job.channel)
        return call

    def attach(self, session: AgentSession, stack: SpeechStack | None = None) -> None:
        """Record every utterance and tool call of `session`; bind the offline LLM to this call;
        switch the voice when the caller chooses a language."""
        self.session = session
        self.flow.session = session
        if stack is not None:
            stack.use_language(self.flow.engine.state.language)
            self.flow.on_language = stack.use_language
        if isinstance(session.llm, LocalUnderstandingLLM):
            session.llm.bind(self.flow)
        self.recorder.transcribe(session)
        session.on("function_tools_executed", self._on_tools)
        self.recorder.answered()

    def _on_tools(self, ev: FunctionToolsExecutedEvent) -> None:
        for call, output in ev.zipped():
            self.recorder.event("tool_call", name=call.name, arguments=call.arguments,
                                output=output.output if output else None,
                                node=self.flow.engine.state.node_id)

    async def end(self) -> None:
        """The flow reached its end: write the outcome, then hang up (a warm hand-off keeps the room).

        The last words have just played. Closing the session sends their final transcript segment
        (a flush task that, on a busy worker, can run seconds late); a short grace after it lets that
        segment and the audio's tail through the SFU to the caller before the room goes away."""
        state = self.flow.engine.state
        status = "escalated" if state.outcome == "escalated" else "completed"
        self.flow.close()
        await self.recorder.finish(status, outcome=state.outcome)
        if self.session is not None:
            try:
                await asyncio.wait_for(self.session.aclose(), SESSION_CLOSE_TIMEOUT_S)
            except TimeoutError:
                log.warning("agent session did not close in time; hanging up anyway", call_id=str(self.recorder.call_id))
        if status == "escalated" and self.keep_room_on_escalation:
            return
        await asyncio.sleep(HANGUP_GRACE_S)
        await self.telephony.hangup()

    async def on_shutdown(self, reason: str = "") -> None:
        """The job is ending: a call that did not reach its end was abandoned by the caller (or failed)."""
        self.flow.close()
        if self.recorder.finished:
            return
        status = "failed" if reason and "error" in reason.lower() else "abandoned"
        await self.recorder.finish(status, outcome=self.flow.engine.state.outcome or "caller_hung_up")
