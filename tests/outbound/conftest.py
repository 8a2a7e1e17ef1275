"""Outbound fixtures: a campaign call set up the way the dialer sets it up, and the real agent worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from callcenter import models as m
from callcenter.models.jobs import OutboundJob
from callcenter.store import Store
from tests.factories import new_operator, unique_phone

ROOT = Path(__file__).resolve().parents[2]
VOICEMAIL = {
    "en": "Hello, this is Nour Clinic with a message about your appointment. Please call us back.",
    "ar": "مرحباً، معك عيادة نور برسالة بخصوص موعدك. يرجى معاودة الاتصال بنا.",
}
IDENTIFICATION = {"en": "Hello, this is Sara from Nour Clinic.", "ar": "مرحباً، معك سارة من عيادة نور."}


async def campaign_call(store: Store, **job_fields: Any) -> OutboundJob:
    """A new operator, campaign, lead, `calls` row and `campaign_calls` attempt, and the job for them."""
    operator = await new_operator(store, company="Nour Clinic")
    async with store.as_operator(operator.id) as db:
        campaign = await db.campaigns.create(m.CampaignNew(
            name=f"Reminders {uuid.uuid4().hex[:6]}", status="active", voicemail_message=VOICEMAIL,
            identification_message=IDENTIFICATION))
        lead = await db.leads.create(m.LeadNew(campaign_id=campaign.id, name="Lina", phone=unique_phone()))
        call_id = uuid.uuid4()
        room = f"out-{call_id}"
        await db.calls.create(m.CallNew(direction="outbound", room_name=room, callee_number=lead.phone,
                                        campaign_id=campaign.id, lead_id=lead.id))
        call = await db.calls.by_room(room)
        await db.campaign_calls.create(m.CampaignCallNew(campaign_id=campaign.id, lead_id=lead.id, call_id=call.id,
                                                         attempt=1, phone=lead.phone))
    fields = dict(operator_id=operator.id, campaign_id=campaign.id, lead_id=lead.id, call_id=call.id, attempt=1,
                  phone=lead.phone, lead_name=lead.name, language="en", amd_action=campaign.amd_action,
                  voicemail_message=campaign.voicemail_message,
                  identification_message=campaign.identification_message)
    return OutboundJob(**fields | job_fields)


async def records(store: Store, job: OutboundJob) -> dict[str, Any]:
    async with store.as_operator(job.operator_id) as db:
        attempt = (await db.campaign_calls.list(lead_id=job.lead_id, attempt=job.attempt))[0]
        callback_at = await db.fetchval("select callback_at from public.campaign_calls where id = $1", attempt.id)
        return {"call": await db.calls.get(job.call_id), "attempt": attempt, "callback_at": callback_at,
                "lines": await db.transcripts.for_call(job.call_id),
                "events": await db.call_events.for_call(job.call_id)}


def _tail(path: Path, n: int = 3000) -> str:
    return path.read_text(errors="replace")[-n:] if path.exists() else ""


@pytest.fixture(scope="session")
def outbound_worker(livekit_env: dict[str, str], database_url: str,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`python -m agent.worker start` on the test database, under an agent name of its own (other
    workers on the same server never get its jobs); yields (agent name, log path)."""
    name = f"callcenter-agent-test-{uuid.uuid4().hex[:8]}"
    log = tmp_path_factory.mktemp("outbound-worker") / "worker.log"
    env = {**os.environ, **livekit_env, "DATABASE_URL": database_url, "AGENT_NAME": name,
           "AGENT_LOAD_THRESHOLD": "inf", "AGENT_HEALTH_PORT": "0", "AGENT_IDLE_PROCESSES": "1",
           "SPEECH_BACKEND": "local"}
    started = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "agent.worker", "start"], stdout=out,
                                stderr=subprocess.STDOUT, env=env, cwd=ROOT, start_new_session=True)
    try:
        while "registered worker" not in _tail(log, 10**6):
            if proc.poll() is not None:
                pytest.fail(f"worker exited ({proc.returncode}):\n{_tail(log)}")
            if time.monotonic() - started > 90:
                pytest.fail(f"worker not registered after 90 s:\n{_tail(log)}")
            time.sleep(0.2)
        yield name, log
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
