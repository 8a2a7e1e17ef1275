"""Repositories for outbound campaigns: campaigns, leads, dial attempts, DNC lists, missed-call recovery.

Methods documented as "service" run in a service-role session and cover every operator, or only
the session's operator when it is scoped (`store.as_service(operator_id)`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from callcenter import models as m
from callcenter.errors import InvalidInput, NotFound
from callcenter.models.common import TERMINAL_CALL_STATUSES, AmdResult, CallOutcome, Language, bounded
from callcenter.store.repository import Repository

WAITING = ("new", "queued", "retry", "callback")
"""Lead statuses that wait for a call."""
_WAITING_SQL = "('new', 'queued', 'retry', 'callback')"
_TERMINAL_SQL = "('completed', 'failed', 'escalated', 'abandoned')"
_OUTCOMES_SQL = "enum_range(null::public.call_outcome)::text[]"

AgentPool = Literal["ai", "human"]


def _scope(db: Any) -> UUID | None:
    """The operator a service query is limited to, or None for every operator."""
    return db.operator_id if db.scoped else None


def _require_service(db: Any) -> None:
    if db.role != "service_role":
        raise InvalidInput("this query spans operators; open a service session")


# -- boundary models -------------------------------------------------------------------------------


class DialingCampaign(m.Campaign):
    """A campaign with the dialer's settings (`agent_pool`, `max_lines`) and its operator's language."""

    agent_pool: AgentPool
    max_lines: int
    default_language: Language


class CampaignSnapshot(DialingCampaign):
    """An active campaign as the pacing loop sees it at one instant."""

    in_flight: int = Field(description="its calls not answered yet (initiated or ringing)")
    connected: int = Field(description="its calls in progress")
    has_due: bool = Field(description="some lead waits and is due")
    agents_idle: int = Field(description="human agents able to take a call (human pool only)")
    agents_busy: int = Field(description="human agents on a call or wrapping up (human pool only)")


class AttemptEnd(BaseModel):
    """How a campaign call ended; `CampaignCalls.finish` writes it (see dialer/worker.py)."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["completed", "failed", "abandoned", "escalated"]
    outcome: CallOutcome
    disposition: Annotated[str, bounded(32, min_length=1)]
    answered_at: datetime | None = None
    ended_at: datetime | None = Field(default=None, description="now when not given")
    ring_s: float | None = Field(default=None, ge=0)
    duration_s: float | None = Field(default=None, ge=0, description="talk time; from answered_at when not given")
    amd_result: AmdResult | None = None
    abandoned: bool = Field(default=False, description="a person answered and no agent was there within 2 s")
    sip_status_code: int | None = None
    callback_at: datetime | None = Field(default=None, description="when the lead asked to be called back")
    fields: dict[str, Any] = Field(default_factory=dict, description="answers extracted on the call")
    opted_out: bool = Field(default=False, description="the lead asked not to be called again")
    failure_reason: Annotated[str, bounded(500)] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> AttemptEnd:
        if self.outcome == "callback_requested" and self.callback_at is None:
            raise ValueError("a callback_requested outcome needs callback_at")
        if self.abandoned != (self.status == "abandoned"):
            raise ValueError("abandoned calls (and only they) end with status 'abandoned'")
        if self.callback_at is not None and self.callback_at.tzinfo is None:
            raise ValueError("callback_at must be timezone-aware")
        return self


class AttemptRecord(BaseModel):
    """One earlier dial attempt of a lead."""

    lead_id: UUID
    attempt: int
    dialed_at: datetime
    abandoned: bool
    outcome: CallOutcome | None


class DialContext(BaseModel):
    """What placing one campaign call needs."""

    call_id: UUID
    operator_id: UUID
    call_status: str
    room_name: str
    metadata: dict
    attempt: int
    phone: str
    lead_id: UUID
    lead_name: str | None
    custom_fields: dict
    campaign: DialingCampaign


class FinishedAttempt(BaseModel):
    """An ended attempt whose lead still says `dialing`: the lead waits to be finalized."""

    id: UUID
    operator_id: UUID
    campaign_id: UUID
    lead_id: UUID
    call_id: UUID | None
    attempt: int
    phone: str
    timezone: str | None
    dialed_at: datetime
    answered_at: datetime | None
    ended_at: datetime
    ring_s: float | None
    duration_s: float | None
    outcome: CallOutcome | None
    amd_result: AmdResult | None
    abandoned: bool
    callback_at: datetime | None
    fields: dict


class MissedCall(BaseModel):
    """An inbound call that ended abandoned or failed and has no recovery attempt yet."""

    call_id: UUID
    operator_id: UUID
    status: str
    phone: str
    customer_id: UUID | None
    started_at: datetime
    operator_timezone: str
    business_hours: dict
    open_scheduled_at: datetime | None = Field(description="an open recovery of the same number is due then")


class RecoveryDue(BaseModel):
    """A recovery attempt due for its callback, with what placing the callback needs."""

    attempt: m.RecoveryAttempt
    operator_timezone: str
    business_hours: dict
    operator_settings: dict
    language: Language | None


class RecoveryCallback(BaseModel):
    """A recovery attempt whose callback call has ended."""

    attempt: m.RecoveryAttempt
    call_status: str
    call_outcome: str | None
    operator_timezone: str
    business_hours: dict


def _extras(record: Any, model: type[BaseModel]) -> dict[str, Any]:
    """The fields of `model` other than `attempt`, read from a joined row."""
    return {k: record[k] for k in model.model_fields if k != "attempt"}


class RecoveryMetrics(BaseModel):
    reason: str
    total: int
    recovered: int
    needs_human: int
    open: int
    success_rate: float | None = Field(description="recovered / resolved; None when nothing is resolved yet")


# -- repositories ----------------------------------------------------------------------------------


_DIALING_COLUMNS = ", ".join(f"c.{name}" for name in m.Campaign.model_fields) + (
    ", c.agent_pool, c.max_lines, o.default_language"
)


class Campaigns(Repository[m.CampaignNew, m.Campaign]):
    table, new_model, row_model, entity = "campaigns", m.CampaignNew, m.Campaign, "campaign"

    async def progress(self, campaign_id: UUID) -> m.CampaignProgress:
        record = await self.db.fetchrow(
            "select * from public.campaign_progress where campaign_id = $1 and operator_id = $2",
            campaign_id,
            self.db.operator_id,
        )
        if record is None:
            raise NotFound(f"no campaign with id {campaign_id}")
        return m.CampaignProgress.model_validate(dict(record))

    async def set_status(
        self, campaign_id: UUID, status: str, *, allowed_from: Sequence[str], reason: str | None = None
    ) -> m.Campaign:
        """Move the campaign to `status` if it is in one of `allowed_from` now (atomic)."""
        record = await self.db.fetchrow(
            f"update public.campaigns set status = $3, status_reason = $4,"
            " started_at = case when $5 then coalesce(started_at, now()) else started_at end,"
            " completed_at = case when $6 then now() else completed_at end"
            f" where id = $1 and operator_id = $2 and status::text = any($7::text[]) returning {self.columns()}",
            campaign_id, self.db.operator_id, status, reason, status == "active",
            status in ("completed", "cancelled"), list(allowed_from),
        )
        if record is None:
            current = await self.get(campaign_id)
            raise InvalidInput(f"a {current.status} campaign cannot become {status}", field="status")
        return self._row(record)

    async def dialing(self, campaign_id: UUID) -> DialingCampaign:
        record = await self.db.fetchrow(
            f"select {_DIALING_COLUMNS} from public.campaigns c join public.operators o on o.id = c.operator_id"
            " where c.id = $1 and c.operator_id = $2",
            campaign_id, self.db.operator_id,
        )
        if record is None:
            raise NotFound(f"no campaign with id {campaign_id}")
        return DialingCampaign.model_validate(dict(record))

    async def snapshot(self, now: datetime) -> list[CampaignSnapshot]:
        """Service: every active campaign with its calls in flight, due leads and agents, in one query."""
        _require_service(self.db)
        records = await self.db.fetch(
            f"select {_DIALING_COLUMNS},"
            " (select count(*) from public.calls k where k.campaign_id = c.id"
            "   and k.status in ('initiated', 'ringing'))::integer as in_flight,"
            " (select count(*) from public.calls k where k.campaign_id = c.id"
            "   and k.status = 'in_progress')::integer as connected,"
            " exists(select 1 from public.leads l where l.campaign_id = c.id"
            f"   and l.status in {_WAITING_SQL} and (l.next_attempt_at is null or l.next_attempt_at <= $1)) as has_due,"
            " coalesce(a.idle, 0) as agents_idle, coalesce(a.busy, 0) as agents_busy"
            " from public.campaigns c join public.operators o on o.id = c.operator_id and o.is_active"
            " left join lateral (select count(*) filter (where v.can_take_call)::integer as idle,"
            "   count(*) filter (where not v.can_take_call and v.status in ('available', 'busy', 'wrap_up'))::integer"
            "   as busy from public.agent_availability v"
            "   where c.agent_pool = 'human' and v.operator_id = c.operator_id) a on true"
            " where c.status = 'active' and ($2::uuid is null or c.operator_id = $2)"
            " order by c.operator_id, c.started_at nulls last, c.id",
            now, _scope(self.db),
        )
        return [CampaignSnapshot.model_validate(dict(r)) for r in records]

    async def active_ids(self) -> list[tuple[UUID, UUID]]:
        """Service: (operator_id, campaign_id) of every active campaign."""
        _require_service(self.db)
        records = await self.db.fetch(
            "select operator_id, id from public.campaigns where status = 'active'"
            " and ($1::uuid is null or operator_id = $1) order by operator_id, id",
            _scope(self.db),
        )
        return [(r["operator_id"], r["id"]) for r in records]

    async def lead_counts(self, campaign_id: UUID) -> dict[str, int]:
        """How many of the campaign's leads are in each status."""
        records = await self.db.fetch(
            "select status::text, count(*)::integer as n from public.leads"
            " where campaign_id = $1 and operator_id = $2 group by status",
            campaign_id, self.db.operator_id,
        )
        return {r["status"]: r["n"] for r in records}


class Leads(Repository[m.LeadNew, m.Lead]):
    table, new_model, row_model, entity = "leads", m.LeadNew, m.Lead, "lead"

    async def import_rows(self, campaign_id: UUID, rows: Sequence[m.LeadNew]) -> tuple[int, int]:
        """Insert leads; a number the campaign already has is merged into the existing lead.

        The existing lead keeps its values and its queue state; only its empty name, time zone
        and company and its missing custom fields are filled from the row. One statement, so the
        import applies completely or not at all. Returns (inserted, merged).
        """
        if any(r.campaign_id != campaign_id for r in rows):
            raise InvalidInput("every row must belong to the campaign being imported into")
        if not rows:
            return 0, 0
        records = await self.db.fetch(
            "insert into public.leads (operator_id, campaign_id, name, phone, timezone, company, custom_fields)"
            " select $1, $2, r.name, r.phone, r.timezone, r.company, r.custom_fields"
            " from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])"
            "   as r(name, phone, timezone, company, custom_fields)"
            " on conflict (campaign_id, phone) do update set"
            "   name = coalesce(leads.name, excluded.name), timezone = coalesce(leads.timezone, excluded.timezone),"
            "   company = coalesce(leads.company, excluded.company),"
            "   custom_fields = excluded.custom_fields || leads.custom_fields"
            " returning (xmax = 0) as inserted",
            self.db.operator_id, campaign_id,
            [r.name for r in rows], [r.phone for r in rows], [r.timezone for r in rows],
            [r.company for r in rows], [r.custom_fields for r in rows],
        )
        inserted = sum(1 for r in records if r["inserted"])
        return inserted, len(records) - inserted

    async def lock_due(self, campaign_id: UUID, now: datetime, limit: int) -> list[m.Lead]:
        """Lock up to `limit` due leads of the campaign, skipping leads another dialer has locked.

        Queue order: never called (oldest first), then due retries and callbacks (earliest due
        first), then no-answers (least recently called first).
        """
        records = await self.db.fetch(
            f"select {self.columns()} from public.leads"
            f" where operator_id = $1 and campaign_id = $2 and status in {_WAITING_SQL}"
            "   and (next_attempt_at is null or next_attempt_at <= $3)"
            " order by case when attempts = 0 then 0 when last_outcome is distinct from 'no_answer' then 1 else 2 end,"
            "   case when attempts = 0 then created_at when last_outcome is distinct from 'no_answer'"
            "     then next_attempt_at else last_attempt_at end, id"
            " limit $4 for update skip locked",
            self.db.operator_id, campaign_id, now, limit,
        )
        return [self._row(r) for r in records]

    async def defer(self, lead_id: UUID, until: datetime) -> None:
        """Leave the lead waiting, not due before `until`."""
        await self.db.execute(
            "update public.leads set next_attempt_at = $3 where id = $1 and operator_id = $2",
            lead_id, self.db.operator_id, until,
        )

    async def close(self, lead_id: UUID, status: str) -> None:
        """End the lead's queue life without a call (dnc, invalid, exhausted)."""
        await self.db.execute(
            "update public.leads set status = $3, next_attempt_at = null, claimed_by = null, claimed_at = null"
            " where id = $1 and operator_id = $2",
            lead_id, self.db.operator_id, status,
        )

    async def history(self, lead_ids: Iterable[UUID]) -> dict[UUID, list[AttemptRecord]]:
        """The dial attempts of each lead, oldest first."""
        ids = list(lead_ids)
        records = await self.db.fetch(
            "select lead_id, attempt, dialed_at, abandoned, outcome from public.campaign_calls"
            " where operator_id = $1 and lead_id = any($2::uuid[]) order by lead_id, attempt",
            self.db.operator_id, ids,
        )
        out: dict[UUID, list[AttemptRecord]] = {i: [] for i in ids}
        for r in records:
            out[r["lead_id"]].append(AttemptRecord.model_validate(dict(r)))
        return out

    async def finished_attempts(self, limit: int) -> list[FinishedAttempt]:
        """Service: ended attempts whose lead still says `dialing`, locked (skipping locked leads)."""
        _require_service(self.db)
        records = await self.db.fetch(
            "select cc.id, cc.operator_id, cc.campaign_id, cc.lead_id, cc.call_id, cc.attempt, cc.phone,"
            " l.timezone, cc.dialed_at, cc.answered_at, cc.ended_at, cc.ring_s, cc.duration_s, cc.outcome,"
            " cc.amd_result, cc.abandoned, cc.callback_at, coalesce(k.intake, '{}'::jsonb) as fields"
            " from public.leads l"
            " join public.campaign_calls cc on cc.lead_id = l.id and cc.attempt = l.attempts"
            " left join public.calls k on k.id = cc.call_id"
            " where l.status = 'dialing' and cc.ended_at is not null and ($1::uuid is null or l.operator_id = $1)"
            " order by cc.ended_at limit $2 for update of l skip locked",
            _scope(self.db), limit,
        )
        return [FinishedAttempt.model_validate(dict(r)) for r in records]

    async def settle(
        self,
        lead_id: UUID,
        *,
        status: str,
        next_attempt_at: datetime | None,
        last_outcome: str | None,
        callback_at: datetime | None = None,
        abandoned_at: datetime | None = None,
        qualification_score: float | None = None,
        qualification: dict | None = None,
    ) -> bool:
        """Apply a finished attempt to a `dialing` lead; False when it was not dialing any more."""
        done = await self.db.fetchval(
            "update public.leads set status = $3, next_attempt_at = $4, last_outcome = $5, callback_at = $6,"
            " abandoned_at = coalesce($7, abandoned_at), qualification_score = coalesce($8, qualification_score),"
            " qualification = coalesce($9, qualification), claimed_by = null, claimed_at = null"
            " where id = $1 and operator_id = $2 and status = 'dialing' returning id",
            lead_id, self.db.operator_id, status, next_attempt_at, last_outcome, callback_at, abandoned_at,
            qualification_score, qualification,
        )
        return done is not None


async def _insert_call(
    db: Any, *, call_id: UUID, room_name: str, phone: str, caller_id: str | None, customer_id: UUID | None,
    campaign_id: UUID | None, lead_id: UUID | None, metadata: dict,
) -> None:
    await db.execute(
        "insert into public.calls (id, operator_id, direction, status, room_name, caller_number, callee_number,"
        " customer_id, campaign_id, lead_id, metadata)"
        " values ($1, $2, 'outbound', 'initiated', $3, $4, $5, $6, $7, $8, $9)",
        call_id, db.operator_id, room_name, caller_id, phone, customer_id, campaign_id, lead_id, metadata,
    )


class CampaignCalls(Repository[m.CampaignCallNew, m.CampaignCall]):
    table, new_model, row_model, entity = "campaign_calls", m.CampaignCallNew, m.CampaignCall, "dial attempt"
    default_order = "dialed_at desc"

    async def update(self, id: UUID | int, **changes: Any) -> m.CampaignCall:
        raise InvalidInput("dial attempts are call detail records and cannot be edited")

    async def start(
        self, lead: m.Lead, *, call_id: UUID, room_name: str, caller_id: str | None, worker: str, at: datetime,
        metadata: dict,
    ) -> m.CampaignCall:
        """Attempt n of a locked lead: its `calls` row (outbound, initiated) and `campaign_calls` row,
        and the lead marked `dialing` (claimed by `worker`)."""
        await _insert_call(
            self.db, call_id=call_id, room_name=room_name, phone=lead.phone, caller_id=caller_id,
            customer_id=lead.customer_id, campaign_id=lead.campaign_id, lead_id=lead.id, metadata=metadata,
        )
        record = await self.db.fetchrow(
            "insert into public.campaign_calls (operator_id, campaign_id, lead_id, call_id, attempt, phone, dialed_at)"
            f" values ($1, $2, $3, $4, $5, $6, $7) returning {self.columns()}",
            self.db.operator_id, lead.campaign_id, lead.id, call_id, lead.attempts + 1, lead.phone, at,
        )
        await self.db.execute(
            "update public.leads set status = 'dialing', attempts = attempts + 1, last_attempt_at = $3,"
            " next_attempt_at = null, claimed_by = $4, claimed_at = now() where id = $1 and operator_id = $2",
            lead.id, self.db.operator_id, at, worker,
        )
        return self._row(record)

    async def dial_context(self, call_id: UUID) -> DialContext:
        record = await self.db.fetchrow(
            "select k.id as call_id, k.operator_id, k.status::text as call_status, k.room_name, k.metadata, cc.attempt,"
            " cc.phone, cc.campaign_id, l.id as lead_id, l.name as lead_name, l.custom_fields"
            " from public.calls k join public.campaign_calls cc on cc.call_id = k.id"
            " join public.leads l on l.id = cc.lead_id where k.id = $1 and k.operator_id = $2",
            call_id, self.db.operator_id,
        )
        if record is None:
            raise NotFound(f"no campaign call with id {call_id}")
        row = dict(record)
        campaign = await self.db.campaigns.dialing(row.pop("campaign_id"))
        return DialContext(**row, campaign=campaign)

    async def begin_ringing(self, call_id: UUID) -> bool:
        """Mark a call the dialer places (campaign call or recovery callback) ringing, with a
        heartbeat; False when it is not `initiated` (someone already dialled it)."""
        done = await self.db.fetchval(
            "update public.calls set status = 'ringing', heartbeat_at = now()"
            " where id = $1 and operator_id = $2 and status = 'initiated' returning id",
            call_id, self.db.operator_id,
        )
        return done is not None

    async def mark_answered(self, call_id: UUID, *, ring_s: float | None, sip_call_id: str | None) -> None:
        """What the dialer measured on a call it placed and that was answered: ring time, SIP call id.
        The heartbeat gives the agent the sweeper's full grace from the answer on."""
        await self.db.execute(
            "update public.calls set sip_call_id = coalesce(sip_call_id, $3), metadata = metadata || $4::jsonb,"
            " heartbeat_at = greatest(heartbeat_at, now()) where id = $1 and operator_id = $2",
            call_id, self.db.operator_id, sip_call_id, {"ring_s": ring_s} if ring_s is not None else {},
        )

    async def finish(self, call_id: UUID, end: AttemptEnd) -> m.CampaignCall | None:
        """Write how a campaign call ended: the `calls` row (terminal status, outcome, AMD, extracted
        fields), the attempt's `campaign_calls` row, and an opt-out on the operator's DNC list.

        Idempotent: once the attempt is closed, later calls change nothing and return None. A call
        already ended elsewhere (e.g. failed by the stale-call sweeper) keeps its status. `ring_s`
        defaults to the ring time the dialer measured.
        """
        attempt = await self.db.fetchrow(
            "select cc.id, cc.phone, k.status::text as call_status, (k.metadata ->> 'ring_s')::real as ring_s"
            " from public.campaign_calls cc"
            " join public.calls k on k.id = cc.call_id"
            " where cc.call_id = $1 and cc.operator_id = $2 for update of cc, k",
            call_id, self.db.operator_id,
        )
        if attempt is None:
            raise NotFound(f"no campaign call with id {call_id}")
        ended_at = end.ended_at or await self.db.fetchval("select now()")
        if attempt["call_status"] not in TERMINAL_CALL_STATUSES:
            if attempt["call_status"] in ("initiated", "ringing") and end.status in ("completed", "escalated"):
                await self.db.execute(
                    "update public.calls set status = 'in_progress', answered_at = coalesce($3, now())"
                    " where id = $1 and operator_id = $2",
                    call_id, self.db.operator_id, end.answered_at,
                )
            metadata = {"failure_reason": end.failure_reason} if end.failure_reason else {}
            await self.db.execute(
                "update public.calls set status = $3, outcome = $4, amd_result = coalesce($5, amd_result),"
                " intake = intake || $6::jsonb, metadata = metadata || $7::jsonb,"
                " answered_at = coalesce(answered_at, $8), ended_at = $9 where id = $1 and operator_id = $2",
                call_id, self.db.operator_id, end.status, end.outcome, end.amd_result, end.fields, metadata,
                end.answered_at, ended_at,
            )
        elif end.fields:
            await self.db.execute(
                "update public.calls set intake = intake || $3::jsonb where id = $1 and operator_id = $2",
                call_id, self.db.operator_id, end.fields,
            )
        if end.opted_out:
            await self.db.execute(
                "insert into public.dnc_numbers (operator_id, phone, source, reason)"
                " values ($1, $2, 'opt_out', 'asked on a campaign call') on conflict do nothing",
                self.db.operator_id, attempt["phone"],
            )
        duration = end.duration_s
        if duration is None and end.answered_at is not None:
            duration = max(0.0, (ended_at - end.answered_at).total_seconds())
        record = await self.db.fetchrow(
            "update public.campaign_calls set answered_at = $3, ended_at = $4, ring_s = $5, duration_s = $6,"
            " disposition = $7, outcome = $8, amd_result = $9, abandoned = $10, sip_status_code = $11,"
            f" callback_at = $12 where id = $1 and operator_id = $2 and ended_at is null returning {self.columns()}",
            attempt["id"], self.db.operator_id, end.answered_at, ended_at,
            end.ring_s if end.ring_s is not None else attempt["ring_s"], duration, end.disposition,
            end.outcome, end.amd_result, end.abandoned, end.sip_status_code, end.callback_at,
        )
        return self._row(record) if record else None

    async def close_lost(self, grace_s: float) -> int:
        """Service: close attempts whose call ended more than `grace_s` ago without closing them
        (the agent died, the sweeper failed the call), or whose call row is gone."""
        _require_service(self.db)
        closed = await self.db.fetch(
            "update public.campaign_calls cc set ended_at = coalesce(k.ended_at, now()), answered_at = k.answered_at,"
            f" outcome = case when k.outcome = any({_OUTCOMES_SQL}) then k.outcome::public.call_outcome"
            "   else 'failed' end,"
            " abandoned = (k.status = 'abandoned'), amd_result = k.amd_result,"
            " disposition = left('lost:' || coalesce(k.outcome, k.status::text), 32)"
            " from public.calls k where k.id = cc.call_id and cc.ended_at is null"
            f" and k.status in {_TERMINAL_SQL} and k.ended_at < now() - make_interval(secs => $1)"
            " and ($2::uuid is null or cc.operator_id = $2) returning cc.id",
            grace_s, _scope(self.db),
        )
        orphans = await self.db.fetch(
            "update public.campaign_calls set ended_at = now(), outcome = 'failed', disposition = 'lost:call_deleted'"
            " where call_id is null and ended_at is null and dialed_at < now() - make_interval(secs => $1)"
            " and ($2::uuid is null or operator_id = $2) returning id",
            grace_s, _scope(self.db),
        )
        return len(closed) + len(orphans)


class DncNumbers(Repository[m.DncNumberNew, m.DncNumber]):
    table, new_model, row_model, entity = "dnc_numbers", m.DncNumberNew, m.DncNumber, "do-not-call entry"

    async def blocks(self, phone: str, campaign_id: UUID | None, at: datetime | None = None) -> bool:
        """Whether `phone` is on the operator's list or the campaign's, and not expired."""
        return await self.db.fetchval(
            "select exists(select 1 from public.dnc_numbers where operator_id = $1 and phone = $2"
            " and (campaign_id is null or campaign_id = $3) and (expires_at is null or expires_at > coalesce($4, now())))",
            self.db.operator_id,
            phone,
            campaign_id,
            at,
        )

    async def blocked_among(self, phones: Iterable[str], campaign_id: UUID | None, at: datetime) -> set[str]:
        """Those of `phones` on the operator's list or the campaign's at `at`."""
        records = await self.db.fetch(
            "select distinct phone from public.dnc_numbers where operator_id = $1 and phone = any($2::text[])"
            " and (campaign_id is null or campaign_id = $3) and (expires_at is null or expires_at > $4)",
            self.db.operator_id, list(phones), campaign_id, at,
        )
        return {r["phone"] for r in records}


class RecoveryAttempts(Repository[m.RecoveryAttemptNew, m.RecoveryAttempt]):
    table, new_model, row_model, entity = "recovery_attempts", m.RecoveryAttemptNew, m.RecoveryAttempt, "recovery attempt"

    async def missed_calls(self, since: datetime, limit: int) -> list[MissedCall]:
        """Service: inbound calls since `since` that ended abandoned or failed, with a callable
        number and no recovery attempt yet."""
        _require_service(self.db)
        records = await self.db.fetch(
            "select k.id as call_id, k.operator_id, k.status::text as status, k.caller_number as phone, k.customer_id,"
            " k.started_at, o.timezone as operator_timezone, o.business_hours,"
            " (select min(r.scheduled_at) from public.recovery_attempts r where r.operator_id = k.operator_id"
            "   and r.phone = k.caller_number and r.status in ('pending', 'scheduled')) as open_scheduled_at"
            " from public.calls k join public.operators o on o.id = k.operator_id"
            " where k.direction = 'inbound' and k.status in ('abandoned', 'failed') and k.started_at >= $1"
            " and k.caller_number ~ '^\\+[1-9][0-9]{6,14}$'"
            " and not exists (select 1 from public.recovery_attempts r where r.call_id = k.id)"
            " and ($2::uuid is null or k.operator_id = $2) order by k.started_at limit $3",
            since, _scope(self.db), limit,
        )
        return [MissedCall.model_validate(dict(r)) for r in records]

    async def lock_due(self, now: datetime, limit: int) -> list[RecoveryDue]:
        """Service: recovery attempts waiting and due, locked (skipping those another worker holds)."""
        _require_service(self.db)
        columns = ", ".join(f"r.{c}" for c in m.RecoveryAttempt.model_fields)
        records = await self.db.fetch(
            f"select {columns}, o.timezone as operator_timezone, o.business_hours, o.settings as operator_settings,"
            " k.language::text as language from public.recovery_attempts r"
            " join public.operators o on o.id = r.operator_id left join public.calls k on k.id = r.call_id"
            " where r.status in ('pending', 'scheduled') and coalesce(r.scheduled_at, r.created_at) <= $1"
            " and ($2::uuid is null or r.operator_id = $2)"
            " order by coalesce(r.scheduled_at, r.created_at), r.id limit $3 for update of r skip locked",
            now, _scope(self.db), limit,
        )
        return [RecoveryDue(attempt=self._row(r), **_extras(r, RecoveryDue)) for r in records]

    async def start_callback(
        self, attempt_ids: Sequence[UUID], *, call_id: UUID, room_name: str, phone: str,
        customer_id: UUID | None, at: datetime,
    ) -> None:
        """The callback's `calls` row, and the attempts it serves marked in progress."""
        await _insert_call(
            self.db, call_id=call_id, room_name=room_name, phone=phone, caller_id=None, customer_id=customer_id,
            campaign_id=None, lead_id=None,
            metadata={"purpose": "missed_call_recovery", "recovery_attempt_ids": [str(i) for i in attempt_ids]},
        )
        await self.db.execute(
            "update public.recovery_attempts set status = 'in_progress', attempts = attempts + 1,"
            " last_attempt_at = $3, callback_call_id = $4 where id = any($1::uuid[]) and operator_id = $2",
            list(attempt_ids), self.db.operator_id, at, call_id,
        )

    async def ended_callbacks(self, limit: int) -> list[RecoveryCallback]:
        """Service: in-progress attempts whose callback call has ended, locked."""
        _require_service(self.db)
        columns = ", ".join(f"r.{c}" for c in m.RecoveryAttempt.model_fields)
        records = await self.db.fetch(
            f"select {columns}, k.status::text as call_status, k.outcome as call_outcome,"
            " o.timezone as operator_timezone, o.business_hours"
            " from public.recovery_attempts r join public.calls k on k.id = r.callback_call_id"
            " join public.operators o on o.id = r.operator_id"
            f" where r.status = 'in_progress' and k.status in {_TERMINAL_SQL}"
            " and ($1::uuid is null or r.operator_id = $1) order by r.id limit $2 for update of r skip locked",
            _scope(self.db), limit,
        )
        return [RecoveryCallback(attempt=self._row(r), **_extras(r, RecoveryCallback)) for r in records]

    async def settle(
        self, attempt_id: UUID, *, status: str, outcome: str | None, scheduled_at: datetime | None = None,
        needs_human: bool = False,
    ) -> None:
        await self.db.execute(
            "update public.recovery_attempts set status = $3, outcome = $4, scheduled_at = coalesce($5, scheduled_at),"
            " needs_human = $6 where id = $1 and operator_id = $2",
            attempt_id, self.db.operator_id, status, outcome, scheduled_at, needs_human,
        )

    async def metrics(self, since: datetime) -> list[RecoveryMetrics]:
        """Per reason, for attempts created since `since`: how many were recovered, handed to people
        or are still open, and the success rate among the resolved ones."""
        records = await self.db.fetch(
            "select reason::text, count(*)::integer as total,"
            " count(*) filter (where status = 'recovered')::integer as recovered,"
            " count(*) filter (where needs_human or status in ('needs_human', 'failed'))::integer as needs_human,"
            " count(*) filter (where status in ('pending', 'scheduled', 'in_progress'))::integer as open"
            " from public.recovery_attempts where operator_id = $1 and created_at >= $2"
            " group by reason order by reason",
            self.db.operator_id, since,
        )
        out = []
        for r in records:
            resolved = r["recovered"] + r["needs_human"]
            out.append(RecoveryMetrics(**dict(r), success_rate=r["recovered"] / resolved if resolved else None))
        return out
