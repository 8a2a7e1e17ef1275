"""scripts/livekit_sip_setup.py against the real local LiveKit server (its SIP API; no SIP service needed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from livekit import api

from callcenter.models.jobs import InboundJob
from callcenter.settings import get_settings
from tests.factories import unique_phone

pytestmark = pytest.mark.livekit
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "livekit_sip_setup.py"


def run_setup(env: dict[str, str], *args: str) -> dict[str, str]:
    out = subprocess.run([sys.executable, str(SCRIPT), *args], env={**os.environ, **env}, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture
async def lk(livekit_env: dict[str, str]) -> AsyncIterator[api.LiveKitAPI]:
    async with api.LiveKitAPI(livekit_env["LIVEKIT_URL"], livekit_env["LIVEKIT_API_KEY"],
                              livekit_env["LIVEKIT_API_SECRET"]) as client:
        yield client


@pytest.fixture
async def sip_name(lk: api.LiveKitAPI) -> AsyncIterator[str]:
    """A unique trunk/rule name; whatever carries it is deleted afterwards."""
    name = f"test-sip-{uuid.uuid4().hex[:8]}"
    yield name
    for rule in (await lk.sip.list_dispatch_rule(api.ListSIPDispatchRuleRequest())).items:
        if rule.name == name:
            await lk.sip.delete_dispatch_rule(
                api.DeleteSIPDispatchRuleRequest(sip_dispatch_rule_id=rule.sip_dispatch_rule_id)
            )
    for trunk in (await lk.sip.list_inbound_trunk(api.ListSIPInboundTrunkRequest())).items:
        if trunk.name == name:
            await lk.sip.delete_trunk(api.DeleteSIPTrunkRequest(sip_trunk_id=trunk.sip_trunk_id))


async def test_creates_then_keeps_then_updates_trunk_and_rule(
    livekit_env: dict[str, str], lk: api.LiveKitAPI, sip_name: str
) -> None:
    operator_id = uuid.uuid4()
    first, second = unique_phone(), unique_phone()
    base = ["--operator-id", str(operator_id), "--name", sip_name, "--number", first,
            "--allowed-address", "203.0.113.0/24"]

    created = run_setup(livekit_env, *base)
    assert (created["trunk"], created["dispatch_rule"]) == ("created", "created")
    again = run_setup(livekit_env, *base)
    assert again == {**created, "trunk": "unchanged", "dispatch_rule": "unchanged"}
    widened = run_setup(livekit_env, *base, "--number", second)
    assert widened == {**created, "trunk": "updated", "dispatch_rule": "unchanged"}
    redirected = run_setup(livekit_env, *base, "--number", second, "--agent-name", "other-agent")
    assert redirected == {**created, "trunk": "unchanged", "dispatch_rule": "updated"}
    run_setup(livekit_env, *base, "--number", second)

    listed = await lk.sip.list_inbound_trunk(api.ListSIPInboundTrunkRequest())
    trunks = [t for t in listed.items if t.name == sip_name]
    assert [t.sip_trunk_id for t in trunks] == [created["trunk_id"]]
    assert sorted(trunks[0].numbers) == sorted([first, second])
    assert list(trunks[0].allowed_addresses) == ["203.0.113.0/24"]

    rules = [r for r in (await lk.sip.list_dispatch_rule(api.ListSIPDispatchRuleRequest())).items if r.name == sip_name]
    assert [r.sip_dispatch_rule_id for r in rules] == [created["dispatch_rule_id"]]
    rule = rules[0]
    assert list(rule.trunk_ids) == [created["trunk_id"]]
    assert rule.rule.dispatch_rule_individual.room_prefix == "call-"
    [agent] = rule.room_config.agents
    assert agent.agent_name == get_settings().agent_name
    job = InboundJob.model_validate_json(agent.metadata)
    assert (job.operator_id, job.channel) == (operator_id, "sip")


def test_rejects_invalid_number(livekit_env: dict[str, str]) -> None:
    out = subprocess.run([sys.executable, str(SCRIPT), "--operator-id", str(uuid.uuid4()), "--number", "12345"],
                         env={**os.environ, **livekit_env}, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "--number" in out.stderr
