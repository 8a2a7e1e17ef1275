"""Campaign lifecycle (draft -> active <-> paused -> completed, or cancelled) and lead import.

Every function takes an operator-scoped session and works inside its transaction.
"""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, ValidationError

from callcenter import models as m
from callcenter.errors import InvalidInput
from callcenter.log import get_logger
from callcenter.store import Session, Store
from callcenter.store.campaign_repos import WAITING
from callcenter.store.errors import from_validation
from dialer.leads_csv import DEFAULT_MAX_BYTES, LeadRow, LeadsCsvError, RejectedRow, parse_leads_csv

log = get_logger(__name__)

_STATUS_WORDS = {
    "completed": "finished", "dnc": "on a do-not-call list", "invalid": "with an invalid number or zone",
    "exhausted": "out of attempts",
}


async def start(db: Session, campaign_id: UUID) -> m.Campaign:
    """draft -> active; it pauses itself at once when it has nothing to call."""
    campaign = await db.campaigns.set_status(campaign_id, "active", allowed_from=("draft",))
    return await pause_if_nothing_to_call(db, campaign_id) or campaign


async def pause(db: Session, campaign_id: UUID, reason: str = "paused by a supervisor") -> m.Campaign:
    """active -> paused: no new calls; calls under way finish and are finalized as usual."""
    return await db.campaigns.set_status(campaign_id, "paused", allowed_from=("active",), reason=reason)


async def resume(db: Session, campaign_id: UUID) -> m.Campaign:
    """paused -> active."""
    campaign = await db.campaigns.set_status(campaign_id, "active", allowed_from=("paused",))
    return await pause_if_nothing_to_call(db, campaign_id) or campaign


async def stop(db: Session, campaign_id: UUID) -> m.Campaign:
    """active or paused -> completed (for good; leads keep their state)."""
    return await db.campaigns.set_status(campaign_id, "completed", allowed_from=("active", "paused"),
                                         reason="stopped by a supervisor")


async def cancel(db: Session, campaign_id: UUID) -> m.Campaign:
    """draft, active or paused -> cancelled."""
    return await db.campaigns.set_status(campaign_id, "cancelled", allowed_from=("draft", "active", "paused"),
                                         reason="cancelled by a supervisor")


def nothing_to_call_reason(counts: dict[str, int]) -> str | None:
    """Why a campaign with these lead counts (by status) has nothing to call, or None if it has."""
    if any(counts.get(status, 0) for status in (*WAITING, "dialing")):
        return None
    if not counts:
        return "no callable leads: the campaign has no leads; import leads, then resume"
    parts = [f"{n} {_STATUS_WORDS.get(status, status)}" for status, n in sorted(counts.items())]
    return f"no callable leads: {', '.join(parts)}; import leads, then resume"


async def pause_if_nothing_to_call(db: Session, campaign_id: UUID) -> m.Campaign | None:
    """Pause an active campaign with no lead waiting or being dialled, saying why."""
    reason = nothing_to_call_reason(await db.campaigns.lead_counts(campaign_id))
    if reason is None:
        return None
    try:
        campaign = await db.campaigns.set_status(campaign_id, "paused", allowed_from=("active",), reason=reason)
    except InvalidInput:  # no longer active
        return None
    log.info("campaign paused itself", campaign_id=str(campaign_id), reason=reason)
    return campaign


async def review_active(store: Store, operator_id: UUID | None = None) -> list[m.CampaignProgress]:
    """Every active campaign's progress; those with nothing left to call pause themselves."""
    async with store.as_service(operator_id) as db:
        active = await db.campaigns.active_ids()
    out = []
    for owner, campaign_id in active:
        async with store.as_service(owner) as db:
            await pause_if_nothing_to_call(db, campaign_id)
            progress = await db.campaigns.progress(campaign_id)
        log.debug("campaign progress", **progress.model_dump(mode="json"))
        out.append(progress)
    return out


class ImportReport(BaseModel):
    inserted: int
    merged_existing: int
    merged_in_file: int
    rejected: list[RejectedRow]


def _lead(campaign_id: UUID, row: LeadRow) -> m.LeadNew | RejectedRow:
    try:
        return m.LeadNew(campaign_id=campaign_id, name=row.name, phone=row.phone, timezone=row.timezone,
                         company=row.company, custom_fields=row.custom_fields)
    except ValidationError as exc:
        raw = {k: str(v) for k, v in row.model_dump(exclude={"row", "custom_fields"}).items() if v is not None}
        return RejectedRow(row=row.row, raw=raw | row.custom_fields, reason=from_validation(exc).message)


async def import_leads(
    db: Session, campaign_id: UUID, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ImportReport:
    """Import a CSV of leads into a campaign, in the session's transaction.

    Bad rows are reported and skipped; a file that cannot be read as a whole raises InvalidInput
    before anything is written. Numbers repeated in the file, or already in the campaign, are
    merged into one lead (see `Leads.import_rows`).
    """
    campaign = await db.campaigns.get(campaign_id)
    if campaign.status in ("completed", "cancelled"):
        raise InvalidInput(f"cannot import leads into a {campaign.status} campaign")
    try:
        parsed = parse_leads_csv(data, default_region=campaign.default_region, max_bytes=max_bytes)
    except LeadsCsvError as exc:
        raise InvalidInput(str(exc), field="file") from exc
    leads: list[m.LeadNew] = []
    rejected = list(parsed.rejected)
    for row in parsed.valid:
        lead = _lead(campaign_id, row)
        if isinstance(lead, RejectedRow):
            rejected.append(lead)
        else:
            leads.append(lead)
    inserted, merged = await db.leads.import_rows(campaign_id, leads)
    log.info("leads imported", campaign_id=str(campaign_id), inserted=inserted, merged=merged,
             rejected=len(rejected))
    return ImportReport(inserted=inserted, merged_existing=merged, merged_in_file=parsed.merged,
                        rejected=sorted(rejected, key=lambda r: r.row))
