"""Plays scenarios as WebRTC callers against a LiveKit deployment running the agent worker.

Each call gets its own room with the agent dispatched (job metadata = `InboundJob`). The caller
waits for the agent prompt each turn answers (recognised in the agent's transcriptions from the
flow's own texts), lets the agent finish speaking, then sends chat text or DTMF, or stays silent.
It measures the time from its input to the agent's first voiced audio frame.
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from uuid import UUID

import numpy as np
from livekit import api
from pydantic import BaseModel, Field, SecretStr

from agent.flows.model import Text
from agent.inbound.call import inbound_flow
from agent.prompts import department_prompts
from agent.simulation.scenarios import Scenario
from agent.testing.caller import CallerError, TestCaller, create_room_with_agent, delete_room, dispatch_agent
from callcenter.log import get_logger
from callcenter.models.jobs import InboundJob

log = get_logger(__name__)

FINAL_PROMPTS = frozenset({"goodbye", "escalate", "callback_booked"})
REDISPATCH_AFTER_S = 12.0
"""Past the server's 10 s job assignment timeout: a dispatch with no job by then was dropped."""


class Target(BaseModel):
    """Where calls go and whom they are for."""

    url: str
    api_key: str
    api_secret: SecretStr
    agent_name: str
    operator_id: UUID


class Timeouts(BaseModel):
    """Seconds; generous, since a prompt is only recognised once the agent has finished saying it."""

    join: float = Field(default=60.0, gt=0, description="until the agent is in the room")
    prompt: float = Field(default=45.0, gt=0, description="until the prompt a turn answers has been said")
    audio: float = Field(default=15.0, gt=0, description="until the agent's first audio after an input")


class AgentAudio(BaseModel):
    """The agent's audio as the caller received it; levels relative to int16 full scale."""

    voiced_s: float
    rms: float
    peak: float


class CallResult(BaseModel):
    scenario_id: str
    room: str
    ok: bool
    joined: bool = False
    """The room was created and the caller got in."""
    error: str | None = None
    heard: list[str] = Field(default_factory=list)
    """Flow nodes recognised in the agent's speech, in order ("?" for other speech)."""
    departments: list[str] = Field(default_factory=list)
    """Departments whose introduction the agent spoke."""
    agent_texts: list[str] = Field(default_factory=list)
    """Everything the agent said (final transcription segments), in order."""
    audio: AgentAudio | None = None
    redispatches: int = 0
    """Times the server dropped the agent dispatch (no worker it considered available) and the call
    dispatched the agent again."""
    inputs: int = 0
    """Chat texts and DTMF strings sent."""
    latencies_s: list[float] = Field(default_factory=list)
    """Per input: caller input → first voiced agent audio frame."""
    duration_s: float = 0.0


class Latency(BaseModel):
    turns: int
    p50: float | None
    p95: float | None
    max: float | None


class Failure(BaseModel):
    scenario_id: str
    room: str
    error: str


class Summary(BaseModel):
    calls: int
    placed: int
    redispatched: int
    completed: int
    failed: int
    escalated: int
    departments: dict[str, int]
    latency_s: Latency
    wall_s: float
    failures: list[Failure]


class Recognizer:
    """Names the flow node (or department) whose text an agent utterance is."""

    def __init__(self, nodes: dict[str, list[Text]], departments: dict[str, Text]) -> None:
        self._nodes = [(node, p) for node, texts in nodes.items() for t in texts for p in _patterns(t)]
        self._departments = [(dep, p) for dep, t in departments.items() for p in _patterns(t)]

    @classmethod
    @cache
    def inbound(cls) -> Recognizer:
        """For the inbound IVR flow and the department prompts the worker speaks."""
        flow = inbound_flow()
        nodes = {node_id: [t for t in (n.say, n.reprompt) if t] for node_id, n in flow.nodes.items()}
        return cls({k: v for k, v in nodes.items() if v}, {d: p.intro for d, p in department_prompts().items()})

    def node(self, text: str) -> str | None:
        return _best(self._nodes, text)

    def department(self, text: str) -> str | None:
        return _best(self._departments, text)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _patterns(text: Text) -> list[re.Pattern[str]]:
    """One pattern per language: the template's literal parts in order, anything in between."""
    found = []
    for template in (text.en, text.ar):
        literals = [_norm(part) for part in re.split(r"\{[^{}]*\}", template)]
        literals = [part for part in literals if part]
        if literals:
            found.append(re.compile(".*?".join(re.escape(part) for part in literals), re.S))
    return found


def _best(candidates: list[tuple[str, re.Pattern[str]]], text: str) -> str | None:
    """The candidate with the longest matching pattern (the most specific text)."""
    norm = _norm(text)
    matches = [(len(p.pattern), name) for name, p in candidates if p.search(norm)]
    return max(matches)[1] if matches else None


class _Listener:
    """Consumes the agent's transcription segments, recognising each one."""

    def __init__(self, caller: TestCaller, recognizer: Recognizer, result: CallResult) -> None:
        self.caller = caller
        self.recognizer = recognizer
        self.result = result

    async def hear(self, prompt: str, timeout: float) -> None:
        """Return once the agent has said ``prompt``; fail if the call ends somewhere else first."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CallerError(f"timed out after {timeout}s waiting for the {prompt!r} prompt")
            try:
                segment = await self.caller.next_agent_text(timeout=remaining)
            except CallerError:
                raise CallerError(f"timed out after {timeout}s waiting for the {prompt!r} prompt") from None
            node = self.recognizer.node(segment.text)
            self.result.heard.append(node or "?")
            self.result.agent_texts.append(segment.text)
            if department := self.recognizer.department(segment.text):
                self.result.departments.append(department)
            if node == prompt:
                return
            if node in FINAL_PROMPTS:
                raise CallerError(f"expected the {prompt!r} prompt, the agent went to {node!r}: {segment.text!r}")


async def run_call(scenario: Scenario, target: Target, timeouts: Timeouts | None = None,
                   recognizer: Recognizer | None = None) -> CallResult:
    """Place one call and play ``scenario``; never raises for call trouble (see ``CallResult.error``)."""
    timeouts = timeouts or Timeouts()
    recognizer = recognizer or Recognizer.inbound()
    room = f"sim-{scenario.id}-{uuid.uuid4().hex[:8]}"
    result = CallResult(scenario_id=scenario.id, room=room, ok=False)
    creds = (target.url, target.api_key, target.api_secret.get_secret_value())
    job = InboundJob(operator_id=target.operator_id, channel="webrtc", caller_number=scenario.caller_number)
    started = time.monotonic()
    try:
        await create_room_with_agent(*creds, room=room, agent_name=target.agent_name,
                                     metadata=job.model_dump_json())
        async with TestCaller.join(*creds, room, f"caller-{uuid.uuid4().hex[:10]}", name=scenario.caller_name,
                                   attributes={"phone": scenario.caller_number}, sample_rate=16000) as caller:
            result.joined = True
            await _wait_for_agent(caller, target, room, job, timeouts.join, result)
            try:
                await _play(scenario, caller, _Listener(caller, recognizer, result), timeouts, result)
            finally:
                stats = caller.audio_stats()
                result.audio = AgentAudio(voiced_s=round(stats.voiced_duration, 3), rms=round(stats.rms, 5),
                                          peak=round(stats.peak, 5))
        expected = scenario.expect.departments
        if result.departments != expected:
            raise CallerError(f"the agent introduced departments {result.departments}, expected {expected}")
        result.ok = True
    except (CallerError, api.TwirpError, OSError, TimeoutError) as exc:
        result.error = str(exc)
    finally:
        result.duration_s = round(time.monotonic() - started, 3)
        try:
            await delete_room(*creds, room)
        except api.TwirpError:
            pass  # already gone: the agent hung up
    log.info("simulated call", scenario=scenario.id, room=room, ok=result.ok, error=result.error,
             duration_s=result.duration_s)
    return result


async def _wait_for_agent(caller: TestCaller, target: Target, room: str, job: InboundJob, timeout: float,
                          result: CallResult) -> None:
    """Wait for the agent; dispatch it again when the server dropped the dispatch.

    LiveKit gives up on a dispatch (without retrying) when no worker looks available, e.g. when the
    worker reports a fully busy CPU as its load.
    """
    creds = (target.url, target.api_key, target.api_secret.get_secret_value())
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        try:
            await caller.wait_for_agent(timeout=max(0.1, min(REDISPATCH_AFTER_S, remaining)))
            return
        except CallerError:
            if time.monotonic() >= deadline:
                raise
        async with api.LiveKitAPI(*creds) as lk:
            dispatches = await lk.agent_dispatch.list_dispatch(room)
        if any(d.state.jobs for d in dispatches):
            continue  # a job was assigned: the agent is on its way
        log.warning("agent dispatch dropped by the server, dispatching again", room=room)
        result.redispatches += 1
        await dispatch_agent(*creds, room=room, agent_name=target.agent_name, metadata=job.model_dump_json())


async def _play(scenario: Scenario, caller: TestCaller, listener: _Listener, timeouts: Timeouts,
                result: CallResult) -> None:
    for turn in scenario.turns:
        await listener.hear(turn.prompt, timeouts.prompt)
        if turn.action == "silence":
            continue
        await caller.wait_for_silence(quiet=0.3, timeout=timeouts.prompt)
        sent = await (caller.say(turn.text) if turn.action == "say" else caller.press(turn.text))
        result.inputs += 1
        result.latencies_s.append(round(await caller.first_audio_after(sent, timeout=timeouts.audio) - sent, 4))
    await listener.hear(scenario.expect.final_prompt, timeouts.prompt)
    await caller.wait_for_silence(quiet=0.5, timeout=timeouts.prompt)


async def run_calls(
    scenarios: Iterable[Scenario],
    target: Target,
    *,
    concurrency: int,
    stagger_s: float = 0.2,
    timeouts: Timeouts | None = None,
    on_result: Callable[[CallResult], None] | None = None,
) -> list[CallResult]:
    """Play every scenario, at most ``concurrency`` calls at once, starting calls ``stagger_s`` apart."""
    gate = asyncio.Semaphore(concurrency)
    start_lock = asyncio.Lock()
    recognizer = Recognizer.inbound()

    async def one(scenario: Scenario) -> CallResult:
        async with gate:
            async with start_lock:
                await asyncio.sleep(stagger_s)
            result = await run_call(scenario, target, timeouts, recognizer)
        if on_result:
            on_result(result)
        return result

    return list(await asyncio.gather(*(one(s) for s in scenarios)))


def percentile(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 4) if values else None


def summarize(scenarios: list[Scenario], results: list[CallResult], wall_s: float) -> Summary:
    latencies = [x for r in results for x in r.latencies_s]
    done = [(s, r) for s, r in zip(scenarios, results, strict=True) if r.ok]
    return Summary(
        calls=len(results),
        placed=sum(1 for r in results if r.joined),
        redispatched=sum(1 for r in results if r.redispatches),
        completed=len(done),
        failed=len(results) - len(done),
        escalated=sum(1 for _, r in done if r.heard[-1:] == ["escalate"]),
        departments=dict(Counter(d for _, r in done for d in r.departments)),
        latency_s=Latency(turns=len(latencies), p50=percentile(latencies, 50), p95=percentile(latencies, 95),
                          max=round(max(latencies), 4) if latencies else None),
        wall_s=round(wall_s, 2),
        failures=[Failure(scenario_id=r.scenario_id, room=r.room, error=r.error or "") for r in results if not r.ok],
    )
