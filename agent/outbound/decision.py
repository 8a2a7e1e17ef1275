"""What the outbound agent does once the callee answers, and how each call ends; no LiveKit here.

A person (or an `unknown` answer: the bias is toward people) is connected at once: to the AI
flow, or to a human agent by SIP transfer. A machine gets the campaign's `amd_action`: hang up,
transfer, or leave the voicemail message once its beep (or, with no beep, its greeting) ended.
"""

from __future__ import annotations

from collections.abc import AsyncIterable
from typing import Literal

from pydantic import BaseModel

from agent.amd import AmdEvent
from callcenter.models.common import AmdResult, CallOutcome, Language
from callcenter.models.jobs import OutboundJob

CONNECT_BUDGET_MS = 2000
"""A person must hear the agent within 2 s of the end of their greeting."""

Step = Literal["connect", "connect_human", "hangup", "voicemail", "transfer"]


class Plan(BaseModel):
    step: Step
    message: str | None = None
    transfer_to: str | None = None

    @property
    def waits_for_beep(self) -> bool:
        return self.step == "voicemail"


def plan(result: AmdResult | None, job: OutboundJob) -> Plan:
    """The step for an AMD result (`None`: detection is off, so the callee is a person)."""
    if result != "machine":
        if job.connect_to == "human" and job.transfer_to:
            return Plan(step="connect_human", transfer_to=job.transfer_to)
        return Plan(step="connect")
    if job.amd_action == "voicemail":
        message = voicemail_message(job)
        return Plan(step="voicemail", message=message) if message else Plan(step="hangup")
    if job.amd_action == "transfer" and job.transfer_to:
        return Plan(step="transfer", transfer_to=job.transfer_to)
    return Plan(step="hangup")


def voicemail_message(job: OutboundJob) -> str | None:
    """The campaign's message in the lead's language, else in the other one; None when it has none."""
    order: tuple[Language, ...] = ("en", "ar", "mixed") if job.language == "en" else ("ar", "en", "mixed")
    for lang in order:
        if text := (job.voicemail_message.get(lang) or "").strip():
            return text
    return None


class Decided(BaseModel):
    """When to act: the plan, the decision, and the beep or greeting end a voicemail waited for."""

    plan: Plan
    decision: AmdEvent | None
    cue: AmdEvent | None = None
    """The `beep_end` or `greeting_end` that started the message (None: the audio ended first)."""

    @property
    def act_ms(self) -> int | None:
        """Stream time (ms since the answer) of the audio that triggered the step."""
        event = self.cue or self.decision
        return event.time_ms if event else None


async def decide(events: AsyncIterable[AmdEvent], job: OutboundJob) -> Decided:
    """Read the detector's events until it is time to act.

    Acts on the decision at once, except a voicemail, which waits for the beep end (or the
    greeting end); if the audio ends first, the message is left anyway. No decision at all
    (the stream ended empty) counts as `unknown`, so a person is never left waiting.
    """
    decision: AmdEvent | None = None
    chosen: Plan | None = None
    async for event in events:
        if event.kind == "decision":
            decision, chosen = event, plan(event.result, job)
            if not chosen.waits_for_beep:
                return Decided(plan=chosen, decision=decision)
        elif chosen is not None and event.kind in ("beep_end", "greeting_end"):
            return Decided(plan=chosen, decision=decision, cue=event)
    return Decided(plan=chosen or plan("unknown", job), decision=decision)


# ---------------------------------------------------------------- how calls end

EndStatus = Literal["completed", "failed", "escalated", "abandoned"]


class Ending(BaseModel):
    """The call's final status and the dial attempt's outcome and disposition. An abandoned call is a
    person who answered and never heard an agent."""

    status: EndStatus
    outcome: CallOutcome
    disposition: str

    @property
    def abandoned(self) -> bool:
        return self.status == "abandoned"


FLOW_OUTCOMES: frozenset[str] = frozenset(
    {"qualified", "unqualified", "callback_requested", "not_interested", "wrong_number"})


def no_answer() -> Ending:
    return Ending(status="failed", outcome="no_answer", disposition="no_answer")


def failed(reason: str = "error") -> Ending:
    return Ending(status="failed", outcome="failed", disposition=reason[:32])


def machine_ending(step: Step, *, completed: bool = True) -> Ending:
    """A machine answered: the message was left (or cut off), the line hung up or transferred."""
    disposition = {
        "voicemail": "voicemail_left" if completed else "voicemail_cut_off",
        "transfer": "machine_transferred" if completed else "machine_transfer_failed",
    }.get(step, "machine_hangup")
    return Ending(status="completed", outcome="voicemail", disposition=disposition)


def person_ending(flow_outcome: str | None, *, connected: bool) -> Ending:
    """A person answered. `flow_outcome` is where the conversation got to (None: it did not end);
    `connected`: the agent spoke to them. Handed to a human agent counts as qualified (that agent
    takes the lead over); hanging up on the agent as not interested; before it, abandoned."""
    if flow_outcome == "transferred":
        return Ending(status="escalated", outcome="qualified", disposition="transferred")
    if flow_outcome in FLOW_OUTCOMES:
        return Ending(status="completed", outcome=flow_outcome, disposition="connected")  # type: ignore[arg-type]
    if not connected:
        return Ending(status="abandoned", outcome="no_answer", disposition="hung_up_before_connect")
    return Ending(status="completed", outcome="not_interested", disposition="hung_up")


def dropped() -> Ending:
    """A person for human agents, and none took the transfer: they heard who called, then the line closed."""
    return Ending(status="abandoned", outcome="no_answer", disposition="dropped")
