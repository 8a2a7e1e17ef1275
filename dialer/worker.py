"""The dialer's ARQ worker: `arq dialer.worker.WorkerSettings` (the Procfile's `dialer`).

Jobs, all idempotent and safe with any number of workers on the same queue:

- ``pace`` (cron, every second): one query snapshots every active campaign (calls in flight and
  connected, whether a lead is due, human agents); each campaign's `Pacer` says how many calls to
  place; `dialing.claim_calls` locks that many due leads (`for update skip locked`), applies the
  compliance rules at dial time and creates each call's `calls` row (outbound, initiated) and
  `campaign_calls` row (attempt n) with the lead marked `dialing`; a ``place_call`` job per call
  (`_job_id=place:<call_id>`) then dials. A Redis lock keeps ticks from overlapping.
- ``place_call``: creates the room `out-<call_id>` with the agent dispatch (`OutboundJob`) and
  rings the lead (telephony.py). Not answered: the dialer closes the attempt with its outcome.
- ``finalize_leads`` (cron, every 2 s): retries. Closes attempts whose call ended without them, then for
  every ended attempt whose lead still says `dialing`: retry plan, lead status, next attempt,
  qualification score, and the results fed to the campaign's pacer.
- ``review`` (cron, every 10 s): progress of active campaigns; one with nothing left to call
  pauses itself with the reason in `campaigns.status_reason`.
- ``recover`` (cron, every 30 s) and ``place_callback``: missed-call recovery (recovery.py).
- ``sweep`` (cron, every 15 s): fails live calls without a heartbeat for 60 s (the agents' crash
  recovery relies on it).

Settings: services from `callcenter.settings` (`REDIS_URL`, `DATABASE_URL`, `LIVEKIT_*`), the
dialer's own from `DIALER_*` (`DialerSettings`): `DIALER_TELEPHONY=livekit` (default) or
`simulated` (demo: seeded rings, busy lines, machines and people; its calls say so in
`calls.metadata.telephony`), `DIALER_QUEUE_NAME`, `DIALER_OPERATOR_ID` (serve one operator).

Pacing. A campaign's `agent_pool` says who takes its answered calls. ``human``: the pacer's agents
are the operator's human agents (idle = available with room for a call, busy = on a call or
wrapping up), shared evenly between the operator's active human campaigns, paced by the
campaign's `dialing_mode` and abandon target. ``ai``: the outbound agent takes every call, so
an agent is always there (the 72 h abandon rule does not hold calls back); the campaign's
`max_lines` are its agents (busy = connected calls) and pacing is progressive. ``preview`` is
dialled like progressive (there is no agent confirmation step yet). Pacers learn in the worker's
memory; with several workers each learns from the results it finalizes.

Contract with the outbound agent (agent/outbound), per call:

1. The dialer creates `calls` (direction outbound, status initiated, campaign_id, lead_id, room
   `out-<call_id>`) and `campaign_calls` (attempt n, phone, dialed_at), sets the call `ringing`,
   creates the room with the agent dispatch (metadata: `OutboundJob`; `connect_to` is the
   campaign's `agent_pool`, and a human campaign's job carries `transfer_to`, the SIP URI or
   `tel:` of a free human agent, longest idle first), and rings the lead as
   participant `lead-<lead_id>` (ringing at least 15 s). On answer it stores the SIP call id,
   `calls.metadata.ring_s` and a heartbeat; if not answered it writes the end itself (step 3,
   outcome busy, no_answer, wrong_number or failed; disposition e.g. `busy`, `error:not_found`)
   and deletes the room.
2. The agent owns the answered call: it moves `calls` to `in_progress`, sends heartbeats
   (`db.calls.heartbeat`), runs AMD and the conversation. When a person answers and no agent is
   free within 2 s, it plays the campaign's `identification_message` (identification and opt-out)
   and ends the call as abandoned: status `abandoned`, `abandoned=True`, outcome `no_answer`,
   disposition `dropped` (the lead is retried, not within 72 h unless the campaign is `ai`).
3. The end is written once, with `db.campaign_calls.finish(call_id, AttemptEnd(...))` in one
   transaction (`callcenter/store/campaign_repos.py`): `calls` gets the terminal status
   (completed, failed, escalated, or abandoned with `abandoned=True`), the outcome (qualified,
   unqualified, callback_requested + `callback_at`, not_interested, wrong_number, voicemail,
   no_answer, busy, failed), AMD result and the extracted answers (merged into `calls.intake`);
   `campaign_calls` gets answered_at, ended_at, ring_s, duration_s, amd_result, outcome,
   abandoned, disposition (answered_machine, connected, transferred, dropped, ...);
   `opted_out=True` puts the number on the operator's DNC list. A second `finish` is a no-op.
4. The dialer never touches the lead during the call; ``finalize`` applies the attempt to it.
   An attempt whose call ended without `finish` (agent crash, swept call) is closed by the
   dialer as `lost:<reason>` after 30 s.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from uuid import UUID

from arq import cron, func
from arq.connections import RedisSettings
from arq.cron import CronJob
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from callcenter.log import configure_logging, get_logger
from callcenter.settings import Settings, get_settings
from callcenter.store import Store
from callcenter.store.campaign_repos import CampaignSnapshot
from dialer import campaigns, dialing, finalize, recovery
from dialer.compliance import MIN_RING_SECONDS
from dialer.pacing import CallResult, Pacer, PacingSnapshot
from dialer.telephony import LiveKitTelephony, SimulatedTelephony, Telephony

log = get_logger(__name__)

_UNLOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"


class DialerSettings(BaseSettings):
    """The dialer's own settings (environment `DIALER_*`); services come from `callcenter.settings`."""

    model_config = SettingsConfigDict(env_prefix="DIALER_", env_file=".env", extra="ignore")

    telephony: Literal["livekit", "simulated"] = "livekit"
    simulation_seed: int = 0
    simulation_time_scale: float = Field(default=1.0, gt=0)
    queue_name: str = "arq:dialer"
    worker_id: str = Field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}")
    operator_id: UUID | None = Field(default=None, description="serve only this operator (sharding, tests)")
    ringing_timeout_s: float = Field(default=30.0, ge=MIN_RING_SECONDS, le=120)
    stale_call_s: float = Field(default=60.0, gt=0)
    recovery_lookback_h: float = Field(default=24.0, gt=0)
    max_jobs: int = Field(default=100, ge=1)


class Pacers:
    """One `Pacer` per campaign, rebuilt when its pacing settings change."""

    def __init__(self) -> None:
        self._pacers: dict[UUID, tuple[tuple[Any, ...], Pacer]] = {}

    @staticmethod
    def _settings(campaign: CampaignSnapshot) -> tuple[str, float, float]:
        if campaign.agent_pool == "ai":
            return "progressive", campaign.target_abandon_rate, 1.0
        return campaign.dialing_mode, campaign.target_abandon_rate, campaign.max_dial_ratio

    def get(self, campaign: CampaignSnapshot) -> Pacer:
        key = self._settings(campaign)
        known = self._pacers.get(campaign.id)
        if known is None or known[0] != key:
            mode, target, ratio = key
            known = self._pacers[campaign.id] = (key, Pacer(mode, target, ratio))
        return known[1]

    def record(self, campaign_id: UUID, result: CallResult) -> None:
        known = self._pacers.get(campaign_id)
        if known is not None:
            known[1].record(result)


def agents(snapshots: list[CampaignSnapshot], tick: int) -> dict[UUID, tuple[int, int]]:
    """(idle, busy) agents per campaign: `max_lines` for AI campaigns; an operator's human agents
    shared evenly between its active human campaigns (the remainder rotating every tick)."""
    out: dict[UUID, tuple[int, int]] = {}
    human: dict[UUID, list[CampaignSnapshot]] = {}
    for snap in snapshots:
        if snap.agent_pool == "ai":
            out[snap.id] = (max(snap.max_lines - snap.connected, 0), snap.connected)
        else:
            human.setdefault(snap.operator_id, []).append(snap)
    for group in human.values():
        n, idle, busy = len(group), group[0].agents_idle, group[0].agents_busy
        for i, snap in enumerate(group):
            turn = (i - tick) % n
            out[snap.id] = (idle // n + (turn < idle % n), busy // n + (turn < busy % n))
    return out


def make_telephony(dialer: DialerSettings, settings: Settings, store: Store) -> Telephony:
    if dialer.telephony == "simulated":
        return SimulatedTelephony(store, seed=dialer.simulation_seed, time_scale=dialer.simulation_time_scale)
    return LiveKitTelephony(settings.livekit_url, settings.livekit_api_key,
                            settings.livekit_api_secret.get_secret_value())


async def startup(ctx: dict[str, Any]) -> None:
    """Fill the job context; tests may provide `store`, `telephony` and `dialer` beforehand."""
    settings = ctx.setdefault("settings", get_settings())
    configure_logging(settings.log_level, settings.log_json)
    logging.getLogger("arq").handlers.clear()  # the arq CLI's own handler would print every line twice
    dialer = ctx.setdefault("dialer", DialerSettings())
    if "store" not in ctx:
        ctx["store"] = await Store.connect(settings.database_url, min_size=settings.db_pool_min,
                                           max_size=settings.db_pool_max)
        ctx["owns_store"] = True
    if "telephony" not in ctx:
        ctx["telephony"] = make_telephony(dialer, settings, ctx["store"])
        ctx["owns_telephony"] = True
    ctx["pacers"] = Pacers()
    log.info("dialer started", worker=dialer.worker_id, telephony=ctx["telephony"].name,
             operator_id=str(dialer.operator_id) if dialer.operator_id else None)


async def shutdown(ctx: dict[str, Any]) -> None:
    if ctx.get("owns_telephony"):
        await ctx["telephony"].aclose()
    if ctx.get("owns_store"):
        await ctx["store"].close()


async def pace(ctx: dict[str, Any]) -> int:
    """Place the calls every active campaign's pacer asks for; returns how many were started."""
    dialer: DialerSettings = ctx["dialer"]
    redis, key, token = ctx["redis"], f"{dialer.queue_name}:pace-lock", uuid.uuid4().hex
    if not await redis.set(key, token, nx=True, px=30_000):
        return 0
    try:
        now = datetime.now(UTC)
        async with ctx["store"].as_service(dialer.operator_id) as db:
            snapshots = await db.campaigns.snapshot(now)
        pool = agents(snapshots, int(now.timestamp()))
        started = 0
        for snap in snapshots:
            pacer = ctx["pacers"].get(snap)
            if not snap.has_due:
                continue
            idle, busy = pool[snap.id]
            count = pacer.calls_to_place(PacingSnapshot(at=now.timestamp(), agents_idle=idle, agents_busy=busy,
                                                        calls_in_flight=snap.in_flight))
            if count == 0:
                continue
            call_ids = await dialing.claim_calls(ctx["store"], snap, count, now=now, worker=dialer.worker_id,
                                                 telephony=ctx["telephony"].name)
            for call_id in call_ids:
                await redis.enqueue_job("place_call", str(snap.operator_id), str(call_id), _job_id=f"place:{call_id}",
                                        _queue_name=dialer.queue_name)
            started += len(call_ids)
        return started
    finally:
        await redis.eval(_UNLOCK, 1, key, token)


async def place_call(ctx: dict[str, Any], operator_id: str, call_id: str) -> str | None:
    result = await dialing.place_call(ctx["store"], ctx["telephony"], UUID(operator_id), UUID(call_id),
                                      ringing_timeout_s=ctx["dialer"].ringing_timeout_s)
    return result.disposition if result else None


async def finalize_leads(ctx: dict[str, Any]) -> int:
    return await finalize.finalize_attempts(ctx["store"], operator_id=ctx["dialer"].operator_id,
                                            record=ctx["pacers"].record)


async def review(ctx: dict[str, Any]) -> int:
    return len(await campaigns.review_active(ctx["store"], ctx["dialer"].operator_id))


async def recover(ctx: dict[str, Any]) -> int:
    """Schedule missed calls, resolve ended callbacks, and start the callbacks now due."""
    dialer: DialerSettings = ctx["dialer"]
    now = datetime.now(UTC)
    store = ctx["store"]
    await recovery.detect_missed(store, now=now, operator_id=dialer.operator_id,
                                 lookback=timedelta(hours=dialer.recovery_lookback_h))
    await recovery.settle_callbacks(store, now=now, operator_id=dialer.operator_id)
    calls = await recovery.start_due_callbacks(store, now=now, operator_id=dialer.operator_id)
    for operator_id, call_id in calls:
        await ctx["redis"].enqueue_job("place_callback", str(operator_id), str(call_id),
                                       _job_id=f"callback:{call_id}", _queue_name=dialer.queue_name)
    return len(calls)


async def place_callback(ctx: dict[str, Any], operator_id: str, call_id: str) -> str | None:
    result = await recovery.place_callback(ctx["store"], ctx["telephony"], UUID(operator_id), UUID(call_id),
                                           agent_name=ctx["settings"].agent_name,
                                           ringing_timeout_s=ctx["dialer"].ringing_timeout_s)
    return result.disposition if result else None


async def sweep(ctx: dict[str, Any]) -> int:
    """Fail live calls whose worker stopped sending heartbeats."""
    async with ctx["store"].as_service(ctx["dialer"].operator_id) as db:
        failed = await db.calls.fail_stale(ctx["dialer"].stale_call_s)
    if failed:
        log.warning("failed stale calls", count=len(failed))
    return len(failed)


FUNCTIONS = [func(place_call, max_tries=1, timeout=180), func(place_callback, max_tries=1, timeout=180)]
"""Dial jobs never retry on their own: a retry could ring someone twice."""


def cron_jobs(queue_name: str) -> list[CronJob]:
    """Fresh cron jobs (they keep their next run time, so each worker needs its own), named after
    the queue: ARQ job ids are global, so another queue's tick must not take this one's id."""

    def every(job: Any, timeout: float, **when: Any) -> CronJob:
        return cron(job, name=f"cron:{queue_name}:{job.__name__}", timeout=timeout, keep_result=5, max_tries=1,
                    **when)

    return [
        every(pace, 25, second=set(range(60))),
        every(finalize_leads, 60, second=set(range(0, 60, 2))),
        every(review, 60, second=set(range(0, 60, 10))),
        every(recover, 60, second={5, 35}),
        every(sweep, 60, second={15, 45}),
    ]


class WorkerSettings:
    """Read by `arq dialer.worker.WorkerSettings`."""

    functions = FUNCTIONS
    queue_name = DialerSettings().queue_name
    cron_jobs = cron_jobs(queue_name)
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = RedisSettings.from_dsn(get_settings().redis_url)
    max_jobs = DialerSettings().max_jobs
    job_timeout = 300
