"""Discrete-event simulator of one outbound campaign, to judge dial pacing.

Agents handle live answers (log-normal talk and wrap times); calls ring for log-normal times
and end as live answers, answering machines (detected a few seconds after pickup) or no
answers (ring timeout, or a fast busy/failure). Answer and machine rates and talk times drift
over the run (piecewise linear); shift changes log agents out (idle ones at once, busy ones
after their call) and others in. A live answer waits at most 2 s for an agent, then it is
abandoned. The pacer is asked once a simulated second and told every result as it happens.
"""

from __future__ import annotations

import heapq
import math
import random
import time
from collections import deque
from dataclasses import dataclass, field

from dialer.pacing import GRACE_S, CallResult, Pacer, PacingSnapshot


@dataclass(frozen=True)
class ShiftChange:
    """At `at_h` hours `leave` agents log out (idle ones at once, busy ones after their call);
    `join_after_s` seconds later `join` agents log in."""

    at_h: float
    leave: int
    join: int
    join_after_s: float = 300.0


@dataclass(frozen=True)
class Scenario:
    """A campaign to simulate; tuples are values spread evenly over the run, linearly joined."""

    name: str
    agents: int
    hours: float = 3.0
    human: tuple[float, ...] = (0.2,)  # share of dials answered by a person
    machine: tuple[float, ...] = (0.15,)  # share answered by a machine; the rest ring out
    talk_s: tuple[float, ...] = (150.0,)  # median talk time (log-normal)
    talk_sigma: float = 0.7
    wrap_s: float = 30.0  # median wrap-up time (log-normal)
    wrap_sigma: float = 0.5
    ring_s: float = 9.0  # median ring time before a person or machine answers (log-normal)
    ring_sigma: float = 0.5
    amd_s: float = 3.0  # machine detection after pickup
    no_answer_s: float = 30.0  # ring timeout
    fast_fail: float = 0.15  # share of unanswered calls that end in 1-6 s (busy, failed)
    preview_s: float = 8.0  # preview mode: an agent reads the lead before the call is dialled
    shifts: tuple[ShiftChange, ...] = ()
    seed: int = 1


@dataclass
class SimResult:
    """Counts over one run; occupancy = handling (talk + wrap) time / logged-in time."""

    scenario: str
    mode: str
    dialed: int = 0
    live: int = 0
    abandoned: int = 0
    connected: int = 0
    agent_seconds: float = 0.0
    handle_seconds: float = 0.0
    decide_seconds: float = 0.0
    decisions: int = 0
    last_snapshot: PacingSnapshot | None = None

    @property
    def abandon_rate(self) -> float:
        return self.abandoned / self.live if self.live else 0.0

    @property
    def occupancy(self) -> float:
        return self.handle_seconds / self.agent_seconds if self.agent_seconds else 0.0

    @property
    def connects_per_agent_hour(self) -> float:
        return self.connected / (self.agent_seconds / 3600) if self.agent_seconds else 0.0


def _along(values: tuple[float, ...], frac: float) -> float:
    """The value at `frac` (0..1) of the run, the values spread evenly and linearly joined."""
    if len(values) == 1:
        return values[0]
    x = min(max(frac, 0.0), 1.0) * (len(values) - 1)
    i = min(int(x), len(values) - 2)
    return values[i] + (values[i + 1] - values[i]) * (x - i)


@dataclass
class _Campaign:
    """The running simulation: agents, calls in flight, the event queue and the pacer."""

    sc: Scenario
    pacer: Pacer
    result: SimResult
    rng: random.Random
    end: float
    now: float = 0.0
    idle: int = 0
    busy: int = 0
    leaving: int = 0
    in_flight: int = 0
    agents_since: float = 0.0
    events: list[tuple[float, int, str, float]] = field(default_factory=list)
    queue: deque[int] = field(default_factory=deque)
    waiting: dict[int, float] = field(default_factory=dict)
    seq: int = 0

    def schedule(self, at: float, kind: str, value: float = 0.0) -> None:
        self.seq += 1
        heapq.heappush(self.events, (at, self.seq, kind, value))

    def log_agents(self, delta: int) -> None:
        """Count logged-in time so far, then log `delta` agents in (or out) as idle."""
        logged_in = self.idle + self.busy
        self.result.agent_seconds += logged_in * (self.now - self.agents_since)
        self.agents_since = self.now
        self.idle += delta

    def connect(self, ring: float) -> None:
        """An idle agent takes a live answer."""
        sc, frac = self.sc, self.now / self.end
        talk = self.rng.lognormvariate(math.log(_along(sc.talk_s, frac)), sc.talk_sigma)
        handle = talk + self.rng.lognormvariate(math.log(sc.wrap_s), sc.wrap_sigma)
        self.idle -= 1
        self.busy += 1
        self.in_flight -= 1
        self.result.live += 1
        self.result.connected += 1
        self.result.handle_seconds += min(handle, self.end - self.now)
        self.schedule(self.now + handle, "free", handle)
        self.pacer.record(CallResult(at=self.now, outcome="human", ring_s=ring))

    def serve_waiting(self) -> None:
        while self.idle and self.queue:
            ring = self.waiting.pop(self.queue.popleft(), None)
            if ring is not None:
                self.connect(ring)

    def dial(self) -> None:
        sc, rng, frac = self.sc, self.rng, self.now / self.end
        self.in_flight += 1
        self.result.dialed += 1
        start = self.now + (sc.preview_s if self.pacer.mode == "preview" else 0.0)
        draw = rng.random()
        ring = min(rng.lognormvariate(math.log(sc.ring_s), sc.ring_sigma), sc.no_answer_s - 1)
        human = _along(sc.human, frac)
        if draw < human:
            self.schedule(start + ring, "answer", ring)
        elif draw < human + _along(sc.machine, frac):
            self.schedule(start + ring + sc.amd_s, "machine", ring)
        else:
            wait = rng.uniform(1, 6) if rng.random() < sc.fast_fail else sc.no_answer_s
            self.schedule(start + wait, "no_answer", wait)

    def handle(self, kind: str, value: float, seq: int) -> None:
        if kind == "answer":
            if self.idle:
                self.connect(value)
            else:
                self.queue.append(seq)
                self.waiting[seq] = value
                self.schedule(self.now + GRACE_S, "abandon", float(seq))
        elif kind == "abandon":
            ring = self.waiting.pop(int(value), None)
            if ring is not None:
                self.in_flight -= 1
                self.result.live += 1
                self.result.abandoned += 1
                self.pacer.record(
                    CallResult(at=self.now, outcome="human", ring_s=ring, abandoned=True)
                )
        elif kind in ("machine", "no_answer"):
            self.in_flight -= 1
            self.pacer.record(CallResult(at=self.now, outcome=kind, ring_s=value))
        elif kind == "free":
            self.busy -= 1
            self.idle += 1
            self.pacer.record(CallResult(at=self.now, outcome="agent_free", handle_s=value))
            if self.leaving:
                self.leaving -= 1
                self.log_agents(-1)
            self.serve_waiting()
        elif kind == "leave":
            gone = min(int(value), self.idle)
            self.log_agents(-gone)
            self.leaving += min(int(value) - gone, self.busy)
        elif kind == "join":
            self.log_agents(int(value))
            self.serve_waiting()

    def run(self) -> SimResult:
        self.log_agents(self.sc.agents)
        for shift in self.sc.shifts:
            self.schedule(shift.at_h * 3600, "leave", shift.leave)
            self.schedule(shift.at_h * 3600 + shift.join_after_s, "join", shift.join)
        for tick in range(int(self.end) + 1):
            while self.events and self.events[0][0] <= tick:
                at, seq, kind, value = heapq.heappop(self.events)
                self.now = at
                self.handle(kind, value, seq)
            self.now = float(tick)
            snapshot = PacingSnapshot(
                at=self.now,
                agents_idle=self.idle,
                agents_busy=self.busy,
                calls_in_flight=self.in_flight,
            )
            started = time.perf_counter()
            count = self.pacer.calls_to_place(snapshot)
            self.result.decide_seconds += time.perf_counter() - started
            self.result.decisions += 1
            self.result.last_snapshot = snapshot
            for _ in range(count):
                self.dial()
        self.log_agents(0)
        return self.result


def simulate(scenario: Scenario, pacer: Pacer, label: str | None = None) -> SimResult:
    """Run `scenario` under `pacer` and measure abandon rate, occupancy and connects."""
    end = scenario.hours * 3600
    campaign = _Campaign(
        sc=scenario,
        pacer=pacer,
        result=SimResult(scenario=scenario.name, mode=label or pacer.mode),
        rng=random.Random(scenario.seed),
        end=end,
    )
    return campaign.run()
