"""Dialling a campaign: claim due leads under the compliance rules, then place their calls.

Claiming runs in one transaction that locks leads with `for update skip locked`; a claimed lead
leaves it `dialing` with its `calls` and `campaign_calls` rows, so no other dialer can take it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Literal
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from callcenter import models as m
from callcenter.log import get_logger
from callcenter.models.jobs import OutboundJob
from callcenter.store import Session, Store
from callcenter.store.campaign_repos import AttemptEnd, AttemptRecord, DialContext, DialingCampaign
from dialer import rules as campaign_rules
from dialer.compliance import (
    ABANDON_REDIAL_BLOCK, CallingRules, PastCall, UnknownTimeZone, check_abandon_rule, check_attempts, check_dnc,
    is_callable_now, next_window_start,
)
from dialer.telephony import DialRequest, DialResult, Telephony

log = get_logger(__name__)

_LANGUAGES = ("ar", "en", "mixed")


class Verdict(BaseModel):
    """What to do with one due lead now."""

    action: Literal["dial", "defer", "close"]
    reason: str
    status: str | None = None
    until: datetime | None = None


def _defer(after: datetime, rules: CallingRules, zones: Sequence[str], reason: str) -> Verdict:
    try:
        until = next_window_start(after, rules.windows, zones, rules.holidays)
    except ValueError as exc:
        return Verdict(action="close", status="exhausted", reason=f"{reason}; {exc}")
    return Verdict(action="defer", until=until, reason=reason)


def _next_local_day(now: datetime, zones: Sequence[str]) -> datetime:
    """The first instant that is tomorrow in every one of `zones`."""
    return max(
        datetime.combine(now.astimezone(ZoneInfo(z)).date() + timedelta(days=1), time(0), ZoneInfo(z))
        for z in zones
    ).astimezone(UTC)


def judge(
    lead: m.Lead, campaign: DialingCampaign, history: Sequence[AttemptRecord], blocked: set[str], now: datetime
) -> Verdict:
    """The checks of `compliance.may_dial`, one at a time, so a refusal says what happens next:
    DNC and unknown zones close the lead, too many attempts exhaust it, and the daily limit, the
    72 h abandon rule and the call windows defer it to the first instant they allow.

    An agent is guaranteed (lifting the abandon rule) when the AI takes the campaign's calls: it
    is dispatched into the room before the number rings.
    """
    dnc = check_dnc(lead.phone, blocked)
    if not dnc.ok:
        return Verdict(action="close", status="dnc", reason=dnc.reason)
    try:
        zones = campaign_rules.zones(lead.phone, lead.timezone, campaign)
    except UnknownTimeZone as exc:
        return Verdict(action="close", status="invalid", reason=str(exc))
    rules = campaign_rules.calling_rules(campaign)
    calls = [PastCall(at=h.dialed_at, abandoned=h.abandoned) for h in history]
    attempts = check_attempts(now, calls, max_attempts=rules.max_attempts,
                              max_calls_per_day=rules.max_calls_per_day, zones=zones)
    if not attempts.ok:
        if len(calls) >= rules.max_attempts:
            return Verdict(action="close", status="exhausted", reason=attempts.reason)
        return _defer(_next_local_day(now, zones), rules, zones, attempts.reason)
    abandon = check_abandon_rule(now, calls, agent_guaranteed=campaign.agent_pool == "ai")
    if not abandon.ok:
        last = max(c.at for c in calls if c.abandoned)
        return _defer(last + ABANDON_REDIAL_BLOCK, rules, zones, abandon.reason)
    window = is_callable_now(now, rules.windows, zones, rules.holidays)
    if not window.ok:
        return _defer(now, rules, zones, window.reason)
    return Verdict(action="dial", reason="callable")


def transfer_address(agent: m.HumanAgent) -> str | None:
    """Where a SIP transfer reaches the agent: their SIP URI, else their phone."""
    if agent.sip_uri and agent.sip_uri.startswith(("sip:", "sips:")):
        return agent.sip_uri
    return f"tel:{agent.phone}" if agent.phone else None


async def _transfer_targets(db: Session, campaign: DialingCampaign) -> list[str]:
    """For a human campaign, the addresses of the human agents free to take a call, longest idle
    first; calls started together go to different agents while there are enough."""
    if campaign.agent_pool != "human":
        return []
    free = sorted((r for r in await db.human_agents.availability() if r["can_take_call"]),
                  key=lambda r: r["status_changed_at"])
    agents = {a.id: a for a in await db.human_agents.list(status="available", limit=1000)}
    addresses = (transfer_address(agents[r["id"]]) for r in free if r["id"] in agents)
    return [a for a in addresses if a]


async def claim_calls(
    store: Store, campaign: DialingCampaign, count: int, *, now: datetime, worker: str, telephony: str,
    rounds: int = 10,
) -> list[UUID]:
    """Start up to `count` calls of the campaign: lock due leads (skipping those other dialers
    hold), judge each, and for those callable create the attempt. Returns the new call ids.

    Each round locks only as many leads as calls still wanted, and every locked lead leaves the
    queue (dialled, deferred or closed), so concurrent dialers never starve each other."""
    started: list[UUID] = []
    async with store.as_service(campaign.operator_id) as db:
        targets = await _transfer_targets(db, campaign)
        for _ in range(rounds):
            wanted = count - len(started)
            if wanted <= 0:
                break
            leads = await db.leads.lock_due(campaign.id, now, limit=wanted)
            if not leads:
                break
            history = await db.leads.history(lead.id for lead in leads)
            blocked = await db.dnc_numbers.blocked_among({lead.phone for lead in leads}, campaign.id, now)
            for lead in leads:
                verdict = judge(lead, campaign, history[lead.id], blocked, now)
                if verdict.action == "dial":
                    call_id = uuid4()
                    metadata = {"telephony": telephony}
                    if targets:
                        metadata["transfer_to"] = targets[len(started) % len(targets)]
                    await db.campaign_calls.start(
                        lead, call_id=call_id, room_name=f"out-{call_id}", caller_id=campaign.caller_id,
                        worker=worker, at=now, metadata=metadata,
                    )
                    started.append(call_id)
                elif verdict.action == "defer":
                    assert verdict.until is not None
                    await db.leads.defer(lead.id, verdict.until)
                else:
                    assert verdict.status is not None
                    await db.leads.close(lead.id, verdict.status)
                log.debug("lead judged", lead_id=str(lead.id), action=verdict.action, reason=verdict.reason,
                          until=verdict.until.isoformat() if verdict.until else None)
    return started


def outbound_job(context: DialContext) -> OutboundJob:
    """The outbound agent's job for a claimed call: the lead, the campaign's messages and AMD policy,
    who takes a person (`connect_to`) and, for human campaigns, the agent to transfer to."""
    campaign, language = context.campaign, context.custom_fields.get("language")
    return OutboundJob(
        operator_id=context.operator_id, campaign_id=campaign.id, lead_id=context.lead_id, call_id=context.call_id,
        attempt=context.attempt, phone=context.phone, lead_name=context.lead_name,
        language=language if language in _LANGUAGES else campaign.default_language,
        sip_trunk_id=campaign.sip_trunk_id, caller_id=campaign.caller_id,
        amd_enabled=campaign.amd_enabled, amd_action=campaign.amd_action,
        voicemail_message=campaign.voicemail_message, identification_message=campaign.identification_message,
        connect_to=campaign.agent_pool, transfer_to=context.metadata.get("transfer_to"),
        custom_fields=context.custom_fields,
    )


async def place_call(
    store: Store, telephony: Telephony, operator_id: UUID, call_id: UUID, *, ringing_timeout_s: float
) -> DialResult | None:
    """Ring a claimed call's number with the outbound agent dispatched into its room.

    None when the call was already placed (a repeated job). A call that is not answered is
    closed here with its outcome; an answered one belongs to the agent from then on.
    """
    async with store.as_service(operator_id) as db:
        ctx = await db.campaign_calls.dial_context(call_id)
        if not await db.campaign_calls.begin_ringing(call_id):
            log.info("call already placed", call_id=str(call_id), status=ctx.call_status)
            return None
    job = outbound_job(ctx)
    request = DialRequest(
        call_id=call_id, operator_id=operator_id, room_name=ctx.room_name, phone=ctx.phone,
        agent_name=ctx.campaign.agent_name, job_metadata=job.model_dump_json(),
        participant_identity=f"lead-{ctx.lead_id}", sip_trunk_id=ctx.campaign.sip_trunk_id,
        caller_id=ctx.campaign.caller_id, ringing_timeout_s=ringing_timeout_s,
    )
    result = await telephony.dial(request)
    async with store.as_service(operator_id) as db:
        if result.answered:
            await db.campaign_calls.mark_answered(call_id, ring_s=result.ring_s, sip_call_id=result.sip_call_id)
        else:
            await db.campaign_calls.finish(call_id, AttemptEnd(
                status="failed", outcome=result.outcome or "failed", disposition=result.disposition,
                ring_s=result.ring_s, sip_status_code=result.sip_status_code, failure_reason=result.detail,
            ))
    log.info("call placed", call_id=str(call_id), campaign_id=str(ctx.campaign.id), answered=result.answered,
             disposition=result.disposition)
    return result
