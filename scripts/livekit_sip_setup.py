"""Create (or bring up to date) an operator's inbound SIP trunk and dispatch rule on a LiveKit deployment.

    python scripts/livekit_sip_setup.py --operator-id UUID --number +966112345678 [--number ...]
        [--allowed-address 203.0.113.0/24 ...] [--name callcenter-inbound] [--url ... --api-key ... --api-secret ...]

Idempotent: the trunk and the rule are found by name and replaced only when they differ from what
the arguments ask for; otherwise created. Calls to the trunk's numbers get a room ``call-<random>``
with the agent worker dispatched (``--agent-name``, default the worker's `AGENT_NAME` setting),
job metadata = `InboundJob(operator_id, channel="sip")`.
Prints the ids as JSON. The server needs Redis configured (LiveKit's SIP API stores trunks there).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Literal
from uuid import UUID

from livekit import api
from pydantic import BaseModel

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from callcenter.errors import InvalidInput  # noqa: E402
from callcenter.log import configure_logging, get_logger  # noqa: E402
from callcenter.models.jobs import InboundJob  # noqa: E402
from callcenter.phone import normalize_phone  # noqa: E402
from callcenter.settings import get_settings  # noqa: E402

ROOM_PREFIX = "call-"
log = get_logger("livekit_sip_setup")

Change = Literal["created", "updated", "unchanged"]


class SipSetup(BaseModel):
    """What the script did."""

    trunk_id: str
    dispatch_rule_id: str
    trunk: Change
    dispatch_rule: Change


def desired_trunk(name: str, numbers: list[str], allowed_addresses: list[str]) -> api.SIPInboundTrunkInfo:
    return api.SIPInboundTrunkInfo(name=name, numbers=numbers, allowed_addresses=allowed_addresses)


def desired_rule(name: str, trunk_id: str, operator_id: UUID, agent_name: str) -> api.SIPDispatchRuleInfo:
    metadata = InboundJob(operator_id=operator_id, channel="sip").model_dump_json()
    return api.SIPDispatchRuleInfo(
        name=name,
        trunk_ids=[trunk_id],
        rule=api.SIPDispatchRule(dispatch_rule_individual=api.SIPDispatchRuleIndividual(room_prefix=ROOM_PREFIX)),
        room_config=api.RoomConfiguration(agents=[api.RoomAgentDispatch(agent_name=agent_name, metadata=metadata)]),
    )


def _same_trunk(a: api.SIPInboundTrunkInfo, b: api.SIPInboundTrunkInfo) -> bool:
    return sorted(a.numbers) == sorted(b.numbers) and sorted(a.allowed_addresses) == sorted(b.allowed_addresses)


def _same_rule(a: api.SIPDispatchRuleInfo, b: api.SIPDispatchRuleInfo) -> bool:
    return list(a.trunk_ids) == list(b.trunk_ids) and a.rule == b.rule and a.room_config == b.room_config


async def ensure_inbound(
    lk: api.LiveKitAPI, *, name: str, operator_id: UUID, numbers: list[str], allowed_addresses: list[str],
    agent_name: str,
) -> SipSetup:
    """The trunk and dispatch rule called ``name``, created or replaced to match the arguments."""
    want_trunk = desired_trunk(name, numbers, allowed_addresses)
    trunks = [t for t in (await lk.sip.list_inbound_trunk(api.ListSIPInboundTrunkRequest())).items if t.name == name]
    if len(trunks) > 1:
        raise SystemExit(f"{len(trunks)} inbound trunks are named {name!r}; delete the extra ones first")
    if not trunks:
        trunk = await lk.sip.create_inbound_trunk(api.CreateSIPInboundTrunkRequest(trunk=want_trunk))
        trunk_change: Change = "created"
    elif _same_trunk(trunks[0], want_trunk):
        trunk, trunk_change = trunks[0], "unchanged"
    else:
        trunk = await lk.sip.update_inbound_trunk(trunks[0].sip_trunk_id, want_trunk)
        trunk_change = "updated"
    log.info("inbound trunk", name=name, trunk_id=trunk.sip_trunk_id, change=trunk_change)

    want_rule = desired_rule(name, trunk.sip_trunk_id, operator_id, agent_name)
    rules = [r for r in (await lk.sip.list_dispatch_rule(api.ListSIPDispatchRuleRequest())).items if r.name == name]
    if len(rules) > 1:
        raise SystemExit(f"{len(rules)} dispatch rules are named {name!r}; delete the extra ones first")
    if not rules:
        rule = await lk.sip.create_dispatch_rule(api.CreateSIPDispatchRuleRequest(dispatch_rule=want_rule))
        rule_change: Change = "created"
    elif _same_rule(rules[0], want_rule):
        rule, rule_change = rules[0], "unchanged"
    else:
        rule = await lk.sip.update_dispatch_rule(rules[0].sip_dispatch_rule_id, want_rule)
        rule_change = "updated"
    log.info("dispatch rule", name=name, rule_id=rule.sip_dispatch_rule_id, change=rule_change)
    return SipSetup(trunk_id=trunk.sip_trunk_id, dispatch_rule_id=rule.sip_dispatch_rule_id,
                    trunk=trunk_change, dispatch_rule=rule_change)


def _e164(value: str) -> str:
    try:
        return normalize_phone(value, None)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--operator-id", type=UUID, required=True, help="operator whose calls the trunk carries")
    parser.add_argument("--number", dest="numbers", action="append", type=_e164, required=True,
                        help="E.164 number of the trunk (repeatable)")
    parser.add_argument("--allowed-address", dest="allowed_addresses", action="append", default=[],
                        help="IP or CIDR the provider's SIP traffic comes from (repeatable; none = any)")
    parser.add_argument("--name", default="callcenter-inbound", help="name of the trunk and of the dispatch rule")
    parser.add_argument("--agent-name", default=get_settings().agent_name,
                        help="agent worker to dispatch (default: $AGENT_NAME or %(default)s)")
    parser.add_argument("--url", default=os.environ.get("LIVEKIT_URL"), help="default: $LIVEKIT_URL")
    parser.add_argument("--api-key", default=os.environ.get("LIVEKIT_API_KEY"), help="default: $LIVEKIT_API_KEY")
    parser.add_argument("--api-secret", default=os.environ.get("LIVEKIT_API_SECRET"),
                        help="default: $LIVEKIT_API_SECRET")
    args = parser.parse_args(argv)
    missing = [flag for flag in ("url", "api_key", "api_secret") if not getattr(args, flag)]
    if missing:
        parser.error("missing " + ", ".join(f"--{m.replace('_', '-')}" for m in missing) + " (or the LIVEKIT_* env)")
    return args


async def main(argv: list[str] | None = None) -> SipSetup:
    args = parse_args(argv)
    async with api.LiveKitAPI(args.url, args.api_key, args.api_secret) as lk:
        return await ensure_inbound(lk, name=args.name, operator_id=args.operator_id, numbers=args.numbers,
                                    allowed_addresses=args.allowed_addresses, agent_name=args.agent_name)


if __name__ == "__main__":
    configure_logging()
    try:
        result = asyncio.run(main())
    except api.ServerError as exc:
        sys.exit(f"LiveKit refused the SIP request: {exc.message} ({exc.code})")
    print(json.dumps(result.model_dump()))
