"""The inbound IVR's actions: routing, department handling, tickets, escalation, callbacks, hang-up."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from agent import knowledge
from agent.flows.engine import ActionResult, CallState
from agent.flows.model import Action
from agent.inbound.escalation import build_context, summary
from agent.inbound.telephony import Telephony
from agent.nlu.escalation import wants_human
from agent.nlu.arabic import tokenize
from agent.nlu.phrases import PhraseMatcher
from agent.nlu.sentiment import complaint_severity, sentiment_score
from agent.prompts import DepartmentPrompts
from agent.recorder import CallRecorder
from agent.routing.engine import RoutingEngine
from callcenter import hours
from callcenter import models as m
from callcenter.errors import Conflict
from callcenter.log import get_logger
from callcenter.store import Session

log = get_logger(__name__)

PRIORITY_FOR_SEVERITY = {"low": "low", "medium": "medium", "high": "high", "critical": "urgent"}
PRIORITY_AR = {"low": "منخفضة", "medium": "متوسطة", "high": "عالية", "urgent": "عاجلة"}
RESPONSE_TIME = {"low": ("3 working days", "٣ أيام عمل"), "medium": ("24 hours", "٢٤ ساعة"),
                 "high": ("4 hours", "٤ ساعات"), "urgent": ("1 hour", "ساعة واحدة")}
ESCALATION_KEYWORDS = ("lawyer", "lawsuit", "sue", "police", "fraud", "محامي", "محكمه", "شرطه", "قضيه",
                       "احتيال", "نصب")
_KEYWORDS: PhraseMatcher[str] = PhraseMatcher()
for _keyword in ESCALATION_KEYWORDS:
    _KEYWORDS.add(_keyword, _keyword)
SENTIMENT_THRESHOLD = -0.6
SENTIMENT_EXTREME = -0.9
# Describing the problem is not anger at the call: those turns are scored but never escalate.
_DESCRIPTIVE_CAPTURES = {"need", "free_text"}


class InboundHost:
    """Performs the flow's actions for one inbound call, recording each decision as a call event."""

    def __init__(
        self,
        *,
        operator: m.Operator,
        recorder: CallRecorder,
        routing: RoutingEngine,
        departments: dict[str, m.Department],
        prompts: dict[str, DepartmentPrompts],
        telephony: Telephony,
        sentiment_threshold: float = SENTIMENT_THRESHOLD,
    ) -> None:
        self.operator = operator
        self.recorder = recorder
        self.routing = routing
        self.departments = departments
        self.prompts = prompts
        self.telephony = telephony
        self.sentiment_threshold = sentiment_threshold
        self.sentiments: list[float] = []
        self._upset_streak = 0
        self.tickets: dict[str, dict[str, Any]] = {}
        self.escalated = False

    # caller turns

    async def assess(self, text: str, capture: str) -> str | None:
        """Escalation triggers on every caller turn: asking for a person, keywords, and sentiment
        (one extreme turn, or two upset turns in a row, outside the turn that describes the need)."""
        if not text.strip():
            return None
        score = sentiment_score(text)
        self.sentiments.append(score)
        if wants_human(text):
            return "caller_request"
        if _KEYWORDS.find(tokenize(text)):
            return "keyword"
        if capture in _DESCRIPTIVE_CAPTURES:
            self._upset_streak = 0
            return None
        self._upset_streak = self._upset_streak + 1 if score <= self.sentiment_threshold else 0
        if score <= SENTIMENT_EXTREME or self._upset_streak >= 2:
            return "sentiment"
        return None

    # actions

    async def run_action(self, action: Action, state: CallState) -> ActionResult:
        handler = getattr(self, f"_{action.name}")
        result: ActionResult = await handler(state, **action.params)
        return result

    async def _set(self, state: CallState, **values: Any) -> ActionResult:
        return ActionResult(variables=values)

    async def _route(self, state: CallState) -> ActionResult:
        need = state.variables.get("need") or ""
        decision = self.routing.route(need, proposed=state.variables.get("proposed_department"))
        department = self.departments.get(decision.department)
        self.recorder.event("routed", department=decision.department, confidence=decision.confidence,
                            source=decision.source, matched=decision.matched, language=decision.language)
        intake = self.intake(state, department=decision.department)
        self.recorder.update(intake=intake, department_id=department.id if department else None,
                             language=state.language)
        state.tried.append(f"routed to {decision.department} ({decision.source}, {decision.confidence:.2f})")
        return ActionResult(variables={
            "department": decision.department,
            "department_name": (department.name_ar if state.language == "ar" else department.name_en)
            if department else decision.department,
            "routing_confidence": decision.confidence,
        })

    async def _handle_department(self, state: CallState) -> ActionResult:
        slug = state.variables["department"]
        prompts = self.prompts.get(slug)
        lang = state.language
        need = state.variables.get("need") or ""
        say = [prompts.intro.render(lang, state.variables)] if prompts else []
        if slug == "complaints":
            severity = complaint_severity(need)
            ticket = await self._ticket(state, category="complaint", severity=severity,
                                        priority=PRIORITY_FOR_SEVERITY[severity])
            say += self._ticket_text(prompts, state, ticket)
            if severity == "critical":
                return ActionResult(say=say, goto=self._escalate_to(state, "complexity", "critical complaint"))
            return ActionResult(say=say)
        async with self.recorder.store.as_operator(self.operator.id) as db:
            found = await knowledge.answer(db, need, lang)
        self.recorder.event("knowledge_lookup", department=slug, found=found is not None)
        if found and prompts and prompts.kb_answer:
            state.tried.append("answered from the knowledge base")
            return ActionResult(say=say + [prompts.kb_answer.render(lang, {**state.variables, "answer": found})])
        if slug == "sales":
            state.tried.append("no knowledge-base answer for a sales question")
            say += [prompts.no_answer.render(lang, state.variables)] if prompts and prompts.no_answer else []
            return ActionResult(say=say, goto=self._escalate_to(state, "complexity", "sales question needs a person"))
        ticket = await self._ticket(state, category=slug, severity=None, priority="low" if slug == "reception" else "medium")
        if prompts and slug == "reception" and prompts.no_answer:
            say.append(prompts.no_answer.render(lang, {**state.variables, "ticket_number": ticket["number"]}))
        else:
            say += self._ticket_text(prompts, state, ticket)
        return ActionResult(say=say)

    def _escalate_to(self, state: CallState, reason: str, detail: str) -> str:
        state.escalation_reason = reason
        state.variables.update(escalation_reason=reason, escalation_detail=detail)
        return "escalate"

    def _ticket_text(self, prompts: DepartmentPrompts | None, state: CallState, ticket: dict[str, Any]) -> list[str]:
        variables = {**state.variables, "ticket_number": ticket["number"], "priority_en": ticket["priority"],
                     "priority_ar": PRIORITY_AR[ticket["priority"]],
                     "response_time_en": RESPONSE_TIME[ticket["priority"]][0],
                     "response_time_ar": RESPONSE_TIME[ticket["priority"]][1]}
        if prompts and prompts.ticket_created:
            return [prompts.ticket_created.render(state.language, variables)]
        if state.language == "ar":
            return [f"سجلت طلبك برقم {ticket['number']} لدى {state.variables.get('department_name', '')}."]
        return [f"I have passed your request to {state.variables.get('department_name', '')}, reference {ticket['number']}."]

    async def _open_ticket(self, state: CallState, category: str = "request", priority: str = "medium") -> ActionResult:
        ticket = await self._ticket(state, category=category, severity=None, priority=priority)
        return ActionResult(variables={"ticket_number": ticket["number"]})

    async def _ticket(self, state: CallState, *, category: str, severity: str | None, priority: str) -> dict[str, Any]:
        """One ticket per call and category (a retried action returns the same ticket)."""
        if category in self.tickets:
            return self.tickets[category]
        department = self.departments.get(state.variables.get("department", ""))
        need = state.variables.get("need") or "(not given)"
        item = m.TicketNew(
            call_id=self.recorder.call_id, customer_id=state.variables.get("customer_id"),
            department_id=department.id if department else None,
            subject=f"{category.replace('_', ' ').title()}: {need}"[:200], description=self._describe(state),
            category=category, priority=priority, severity=severity,
        )

        async def create(db: Session) -> m.Ticket:
            try:
                async with db.savepoint():
                    return await db.tickets.create(item)
            except Conflict:
                return (await db.tickets.list(call_id=self.recorder.call_id, category=category, limit=1))[0]

        ticket: m.Ticket = await self.recorder.run(create)
        info = {"id": str(ticket.id), "number": ticket.number, "priority": ticket.priority, "severity": severity}
        self.tickets[category] = info
        self.recorder.event("ticket_opened", **info, category=category)
        state.tried.append(f"opened ticket #{ticket.number} ({priority})")
        state.variables["ticket_number"] = ticket.number
        return info

    def _describe(self, state: CallState) -> str:
        v = state.variables
        return "\n".join(f"{k}: {v[k]}" for k in ("name", "phone", "email", "need", "department") if v.get(k))

    async def _escalate(self, state: CallState) -> ActionResult:
        if self.escalated:
            return ActionResult(end="escalated")
        self.escalated = True
        reason = state.escalation_reason or "caller_request"
        detail = state.variables.get("escalation_detail") or None
        ticket = next(iter(self.tickets.values()), None)
        context = build_context(state, reason, detail, self.sentiments, ticket)
        text = summary(context)
        department = self.departments.get(state.variables.get("department", "")) or next(
            (d for d in self.departments.values() if d.is_fallback), None)
        transfer_to = department.transfer_to if department else None
        mode = "cold" if transfer_to else "warm"
        escalation = m.EscalationNew(
            call_id=self.recorder.call_id, reason=reason, trigger_detail=(detail or "")[:500] or None,
            summary=text[:4000], context=context, ticket_id=ticket["id"] if ticket else None,
            transfer_mode=mode, transfer_to=transfer_to,
        )
        await self.recorder.run(lambda db: db.escalations.create(escalation))
        self.recorder.update(intake=self.intake(state), summary=text[:4000],
                             sentiment=max(-1.0, min(1.0, self.sentiments[-1])) if self.sentiments else None)
        self.recorder.event("escalated", reason=reason, mode=mode, transfer_to=transfer_to)
        try:
            transferred = await self.telephony.transfer(transfer_to, mode)
        except Exception as exc:  # the caller still hears the hand-off message; the record says it failed
            log.exception("transfer failed", call_id=str(self.recorder.call_id))
            self.recorder.event("transfer_failed", error=str(exc))
            transferred = False
        if transferred:
            self.recorder.run(lambda db: _set_escalation_status(db, self.recorder.call_id, "connected"))
        return ActionResult(end="escalated")

    async def _schedule_callback(self, state: CallState) -> ActionResult:
        when = hours.next_opening(self.operator.business_hours, self.operator.timezone, datetime.now(UTC))
        phone = state.variables.get("phone")
        attempt = m.RecoveryAttemptNew(call_id=self.recorder.call_id, phone=phone, reason="after_hours",
                                       status="scheduled", scheduled_at=when,
                                       customer_id=state.variables.get("customer_id"))
        await self.recorder.run(lambda db: db.recovery_attempts.create(attempt))
        self.recorder.update(intake=self.intake(state), outcome="callback_requested")
        self.recorder.event("callback_scheduled", at=when.isoformat() if when else None)
        local = when.astimezone(ZoneInfo(self.operator.timezone)) if when else None
        spoken = ""
        if local:
            spoken = (f"يوم {local:%d/%m} الساعة {local:%H:%M}" if state.language == "ar"
                      else f"on {local:%A %d %B} at {local:%H:%M}")
        return ActionResult(variables={"callback_when": spoken}, end="callback_requested")

    async def _end_call(self, state: CallState, outcome: str = "completed") -> ActionResult:
        self.recorder.update(intake=self.intake(state), outcome=outcome,
                             sentiment=max(-1.0, min(1.0, sum(self.sentiments) / len(self.sentiments)))
                             if self.sentiments else None)
        return ActionResult(end=outcome)

    def intake(self, state: CallState, **extra: Any) -> dict[str, Any]:
        v = state.variables
        fields = {k: v.get(k) for k in ("name", "phone", "email", "need")}
        return {**fields, "language": state.language, "department": v.get("department"),
                "confirmed": any(t == "confirmed the details" for t in state.tried), **extra}


async def _set_escalation_status(db: Session, call_id: Any, status: str) -> None:
    found = await db.escalations.list(call_id=call_id, limit=1)
    if found:
        await db.escalations.update(found[0].id, status=status)
