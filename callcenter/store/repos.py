"""One repository per entity. Entity-specific queries live here, next to the generic CRUD."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from callcenter import models as m
from callcenter.errors import NotFound
from callcenter.models.common import TERMINAL_CALL_STATUSES
from callcenter.store.repository import Repository

_OPERATOR_COLUMNS = ", ".join(m.Operator.model_fields)


class Operators:
    """The session operator's own account (registration and login live in callcenter.auth)."""

    def __init__(self, db: Any) -> None:
        self.db = db

    async def me(self) -> m.Operator:
        record = await self.db.fetchrow(
            f"select {_OPERATOR_COLUMNS} from public.operators where id = $1", self.db.operator_id
        )
        if record is None:
            raise NotFound("no such operator")
        return m.Operator.model_validate(dict(record))

    async def update(self, changes: m.OperatorUpdate) -> m.Operator:
        values = changes.model_dump(exclude_unset=True)
        if not values:
            return await self.me()
        sets = ", ".join(f"{k} = ${i}" for i, k in enumerate(values, start=2))
        record = await self.db.fetchrow(
            f"update public.operators set {sets} where id = $1 returning {_OPERATOR_COLUMNS}",
            self.db.operator_id,
            *values.values(),
        )
        if record is None:
            raise NotFound("no such operator")
        return m.Operator.model_validate(dict(record))


class Departments(Repository[m.DepartmentNew, m.Department]):
    table, new_model, row_model, entity = "departments", m.DepartmentNew, m.Department, "department"
    default_order = "slug asc"

    async def by_slug(self, slug: str) -> m.Department:
        found = await self.list(slug=slug, limit=1)
        if not found:
            raise NotFound(f"no department {slug!r}")
        return found[0]


class RoutingRules(Repository[m.RoutingRuleNew, m.RoutingRule]):
    table, new_model, row_model, entity = "routing_rules", m.RoutingRuleNew, m.RoutingRule, "routing rule"
    default_order = "priority desc"


class HumanAgents(Repository[m.HumanAgentNew, m.HumanAgent]):
    table, new_model, row_model, entity = "human_agents", m.HumanAgentNew, m.HumanAgent, "human agent"
    default_order = "name asc"

    async def set_status(self, agent_id: UUID, status: str) -> m.HumanAgent:
        agent = await self.update(agent_id, status=status)
        await self.db.execute(
            "update public.human_agents set status_changed_at = now() where id = $1 and operator_id = $2",
            agent_id,
            self.db.operator_id,
        )
        return agent

    async def availability(self) -> list[dict[str, Any]]:
        """Rows of the agent_availability view."""
        records = await self.db.fetch(
            "select * from public.agent_availability where operator_id = $1 order by name", self.db.operator_id
        )
        return [dict(r) for r in records]


class Customers(Repository[m.CustomerNew, m.Customer]):
    table, new_model, row_model, entity = "customers", m.CustomerNew, m.Customer, "customer"

    async def by_phone(self, phone: str) -> m.Customer | None:
        found = await self.list(phone=phone, limit=1)
        return found[0] if found else None

    async def upsert_by_phone(self, item: m.CustomerNew) -> m.Customer:
        """The customer with this phone, created or updated with the non-empty fields given."""
        if item.phone is None:
            return await self.create(item)
        existing = await self.by_phone(item.phone)
        if existing is None:
            return await self.create(item)
        changes = {k: v for k, v in item.model_dump(exclude_unset=True).items() if v not in (None, "", [], {})}
        return await self.update(existing.id, **changes)


class Calls(Repository[m.CallNew, m.Call]):
    table, new_model, row_model, entity = "calls", m.CallNew, m.Call, "call"
    default_order = "started_at desc"

    async def by_room(self, room_name: str) -> m.Call | None:
        found = await self.list(room_name=room_name, limit=1)
        return found[0] if found else None

    async def transition(self, call_id: UUID, status: str, **fields: Any) -> m.Call:
        """Move a call to `status` (the database refuses transitions the state machine forbids)."""
        changes = {"status": status, **fields}
        return await self.update(call_id, **changes)

    async def active(self) -> list[m.ActiveCall]:
        records = await self.db.fetch(
            "select * from public.active_calls where operator_id = $1 order by started_at", self.db.operator_id
        )
        return [m.ActiveCall.model_validate(dict(r)) for r in records]

    async def heartbeat(self, call_id: UUID) -> None:
        await self.db.execute(
            "update public.calls set heartbeat_at = now() where id = $1 and operator_id = $2",
            call_id, self.db.operator_id,
        )

    async def fail_stale(self, older_than_s: float) -> list[UUID]:
        """Service role, every operator: fail live calls whose worker stopped sending heartbeats."""
        records = await self.db.fetch(
            "update public.calls set status = 'failed', outcome = coalesce(outcome, 'worker_lost'),"
            " metadata = metadata || jsonb_build_object('failure_reason', 'no heartbeat from the agent worker')"
            " where status in ('initiated', 'ringing', 'in_progress')"
            " and coalesce(heartbeat_at, started_at) < now() - make_interval(secs => $1)"
            " and ($2::uuid is null or operator_id = $2) returning id",
            older_than_s, self.db.scoped and self.db.operator_id or None,
        )
        return [r["id"] for r in records]

    async def fail_unfinished(self, call_id: UUID, reason: str) -> m.Call | None:
        """Mark a call that never ended properly as failed (e.g. its worker died); no-op if it ended."""
        call = await self.get(call_id)
        if call.status in TERMINAL_CALL_STATUSES:
            return None
        return await self.transition(call_id, "failed", outcome=call.outcome or "worker_failure",
                                     metadata={**call.metadata, "failure_reason": reason})


class Transcripts(Repository[m.TranscriptNew, m.Transcript]):
    table, new_model, row_model, entity = "call_transcripts", m.TranscriptNew, m.Transcript, "utterance"
    default_order = "seq asc"

    async def append(self, item: m.TranscriptNew) -> m.Transcript | None:
        """Store one utterance; a retry with the same (call, seq) is ignored and returns None."""
        values = item.model_dump()
        names = ["operator_id", *values]
        params = ", ".join(f"${i}" for i in range(1, len(names) + 1))
        record = await self.db.fetchrow(
            f"insert into public.call_transcripts ({', '.join(names)}) values ({params})"
            f" on conflict (call_id, seq) do nothing returning {self.columns()}",
            self.db.operator_id,
            *values.values(),
        )
        return self._row(record) if record else None

    async def for_call(self, call_id: UUID) -> list[m.Transcript]:
        return await self.list(call_id=call_id, limit=10_000)


class CallEvents(Repository[m.CallEventNew, m.CallEvent]):
    table, new_model, row_model, entity = "call_events", m.CallEventNew, m.CallEvent, "call event"
    default_order = "id asc"

    async def add(self, call_id: UUID, type: str, **payload: Any) -> m.CallEvent:
        return await self.create(m.CallEventNew(call_id=call_id, type=type, payload=payload))

    async def for_call(self, call_id: UUID) -> list[m.CallEvent]:
        return await self.list(call_id=call_id, limit=10_000)


class CallNotes(Repository[m.CallNoteNew, m.CallNote]):
    table, new_model, row_model, entity = "call_notes", m.CallNoteNew, m.CallNote, "call note"


class QaScores(Repository[m.QaScoreNew, m.QaScore]):
    table, new_model, row_model, entity = "qa_scores", m.QaScoreNew, m.QaScore, "QA score"


class CallDrafts(Repository[m.CallDraftNew, m.CallDraft]):
    table, new_model, row_model, entity = "call_drafts", m.CallDraftNew, m.CallDraft, "draft"


class Tickets(Repository[m.TicketNew, m.Ticket]):
    table, new_model, row_model, entity = "tickets", m.TicketNew, m.Ticket, "ticket"

    async def history(self, ticket_id: UUID) -> list[m.TicketHistory]:
        await self.get(ticket_id)
        records = await self.db.fetch(
            "select * from public.ticket_history where ticket_id = $1 and operator_id = $2 order by id",
            ticket_id,
            self.db.operator_id,
        )
        return [m.TicketHistory.model_validate(dict(r)) for r in records]

    async def open(self, limit: int = 200) -> list[dict[str, Any]]:
        """Rows of the open_tickets view, most urgent first."""
        records = await self.db.fetch(
            "select * from public.open_tickets where operator_id = $1"
            " order by array_position(array['urgent','high','medium','low']::ticket_priority[], priority), created_at"
            " limit $2",
            self.db.operator_id,
            limit,
        )
        return [dict(r) for r in records]


class Escalations(Repository[m.EscalationNew, m.Escalation]):
    table, new_model, row_model, entity = "escalations", m.EscalationNew, m.Escalation, "escalation"


class IndustryPresets(Repository[m.IndustryPresetNew, m.IndustryPreset]):
    """The operator's own presets through CRUD; `available()` adds the built-in ones."""

    table, new_model, row_model, entity = "industry_presets", m.IndustryPresetNew, m.IndustryPreset, "preset"
    default_order = "slug asc"

    async def available(self) -> list[m.IndustryPreset]:
        records = await self.db.fetch(
            f"select {self.columns()} from public.industry_presets"
            " where operator_id is null or operator_id = $1 order by operator_id nulls first, slug",
            self.db.operator_id,
        )
        return [self._row(r) for r in records]

    async def by_slug(self, slug: str) -> m.IndustryPreset:
        """The operator's own preset with this slug, else the built-in one."""
        record = await self.db.fetchrow(
            f"select {self.columns()} from public.industry_presets where slug = $1"
            " and (operator_id is null or operator_id = $2) order by operator_id nulls last limit 1",
            slug,
            self.db.operator_id,
        )
        if record is None:
            raise NotFound(f"no preset {slug!r}")
        return self._row(record)


class CustomScripts(Repository[m.CustomScriptNew, m.CustomScript]):
    table, new_model, row_model, entity = "custom_scripts", m.CustomScriptNew, m.CustomScript, "script"


class KnowledgeDocuments(Repository[m.KnowledgeDocumentNew, m.KnowledgeDocument]):
    table, new_model, row_model, entity = "knowledge_documents", m.KnowledgeDocumentNew, m.KnowledgeDocument, "document"


class KnowledgeChunks(Repository[m.KnowledgeChunkNew, m.KnowledgeChunk]):
    table, new_model, row_model, entity = "knowledge_chunks", m.KnowledgeChunkNew, m.KnowledgeChunk, "chunk"
    default_order = "chunk_index asc"

    async def search(self, terms: list[str], limit: int = 20) -> list[m.KnowledgeChunk]:
        """Chunks containing any of `terms` (full-text, best first); callers re-rank them."""
        words = sorted({t for t in terms if t.isalnum()})
        if not words:
            return []
        records = await self.db.fetch(
            f"select {self.columns()} from public.knowledge_chunks, to_tsquery('simple', $2) q"
            " where operator_id = $1 and tsv @@ q order by ts_rank(tsv, q) desc limit $3",
            self.db.operator_id, " | ".join(words), limit,
        )
        return [self._row(r) for r in records]
