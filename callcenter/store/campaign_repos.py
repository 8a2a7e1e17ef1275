"""Repositories for outbound campaigns: campaigns, leads, dial attempts, DNC lists, missed-call recovery."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from callcenter import models as m
from callcenter.errors import InvalidInput, NotFound
from callcenter.store.repository import Repository


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


class Leads(Repository[m.LeadNew, m.Lead]):
    table, new_model, row_model, entity = "leads", m.LeadNew, m.Lead, "lead"


class CampaignCalls(Repository[m.CampaignCallNew, m.CampaignCall]):
    table, new_model, row_model, entity = "campaign_calls", m.CampaignCallNew, m.CampaignCall, "dial attempt"
    default_order = "dialed_at desc"

    async def update(self, id: UUID | int, **changes: Any) -> m.CampaignCall:
        raise InvalidInput("dial attempts are call detail records and cannot be edited")


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


class RecoveryAttempts(Repository[m.RecoveryAttemptNew, m.RecoveryAttempt]):
    table, new_model, row_model, entity = "recovery_attempts", m.RecoveryAttemptNew, m.RecoveryAttempt, "recovery attempt"
