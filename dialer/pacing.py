"""Dial pacing: how many calls a campaign should place now, given its agents and calls in flight.

Modes (one `Pacer` per campaign, `calls_to_place` about once a second):

- ``preview``: never more calls in flight than idle agents. The worker shows each offered lead
  to an idle agent and dials when the agent confirms, so every call has an agent waiting.
- ``progressive``: the same one-call-per-idle-agent bound, dialled without waiting for the agent.
  Neither can abandon a call (short of an agent logging out while a call rings).
- ``power``: a fixed ratio, ``max_dial_ratio`` calls in flight per idle agent. It ignores answer
  rates, so it abandons many calls when they are high and idles agents when they are low.
- ``predictive``: learns online the live-answer, machine and no-answer rates (exponentially
  forgetting, so they follow drift over a shift), the ring-time distributions of each outcome,
  and the handle-time (talk + wrap) distribution. Each tick it forecasts, for every grid point of
  the ring-time horizon, the agents that will be free (idle ones plus busy ones whose handle time
  will end, given how long they have been busy) and the live answers that will reach them first
  (from calls in flight, given their ages). It dials the k-th new call only while the chance
  that this call, if a person answers, finds no agent within the 2 s grace stays under a
  threshold. The threshold is steered by the measured abandon rate (FTC: abandoned / live
  answers) so that it stays under the target: each live answer moves it up a little, each
  abandon moves it down a lot. It never dials fewer calls than ``progressive``.

Every mode keeps calls in flight under ``max_dial_ratio`` per logged-in agent (idle + busy).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import deque
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass
from scipy.special import ndtr

MODES = ("preview", "progressive", "power", "predictive")

GRACE_S = 2.0
"""A live answer waits this long for an agent before the call counts as abandoned."""

_GRID = 8  # ring-time quantiles at which the forecast is evaluated
_LEVELS = (np.arange(_GRID) + 0.5) / _GRID
_FLAT = np.ones(_GRID)
_SUM, _MIN = np.add.reduce, np.minimum.reduce  # the ufuncs themselves: no wrapper overhead
_REFRESH_S = 15.0  # forecast tables are rebuilt at most this often
_RATE_WINDOW = 800  # dial outcomes: the answer-rate estimates forget with this time constant
_SAMPLES = 200  # ring and handle times kept per distribution
_GOAL_SHARE = 0.7  # the controller aims at this share of the target abandon rate
_STEP = 0.5  # log-threshold change per unit of (goal - abandoned) on each live answer
_THETA_START = 0.4  # initial threshold, as a share of the target rate
_THETA_MIN = 1e-4
_LOG_THETA_MAX = math.log(0.5 / _GRID)
_ENDLESS_CALLS = 5
_MAX_HANDLE_S = 4 * 3600.0  # longer calls are forecast as if they had lasted this long
_PRIOR_COUNTS = (2.0, 0.0, 2.0)  # human, machine, no answer: a cautious 50 % answer rate at start
_PRIOR_HUMAN_RING = (4.0, 6.0, 7.0, 8.0, 9.0, 11.0, 13.0, 18.0)
_PRIOR_MACHINE_S = (6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 20.0, 25.0)
_PRIOR_NO_ANSWER_S = (20.0, 25.0, 28.0, 30.0, 30.0, 32.0, 35.0, 40.0)


@dataclass(frozen=True)
class PacingSnapshot:
    """A campaign's state when pacing is decided; `at` in seconds on the caller's clock."""

    at: float
    agents_idle: int = Field(ge=0)
    agents_busy: int = Field(ge=0)
    calls_in_flight: int = Field(ge=0)


@dataclass(frozen=True)
class CallResult:
    """What happened to a call, reported once when known.

    A live answer (``human``) is reported when it is connected to an agent or when it is
    abandoned (no agent within 2 s). ``machine`` and ``no_answer`` are reported when the call
    leaves the air. ``agent_free`` reports an agent finishing a call, with its handle time
    (talk + wrap-up) in ``handle_s``.
    """

    at: float
    outcome: Literal["human", "machine", "no_answer", "agent_free"]
    ring_s: float | None = Field(default=None, ge=0)
    handle_s: float | None = Field(default=None, ge=0)
    abandoned: bool = False


class PacerStats(BaseModel):
    """What a predictive pacer has learned so far (for the console and tests)."""

    model_config = ConfigDict(frozen=True)

    human_rate: float
    machine_rate: float
    no_answer_rate: float
    median_ring_s: float
    median_handle_s: float
    live_answers: int
    abandoned: int
    abandon_rate: float
    threshold: float


class _Samples:
    """A rolling window of durations; until it is full of real ones, prior values fill it up."""

    def __init__(self, prior: tuple[float, ...]) -> None:
        self._prior = prior
        self._values: deque[float] = deque(maxlen=_SAMPLES)
        self._sorted: np.ndarray | None = None

    def add(self, value: float) -> None:
        self._values.append(value)
        self._sorted = None

    def sorted(self) -> np.ndarray:
        if self._sorted is None:
            filler = self._prior[len(self._values) :]
            self._sorted = np.sort(np.fromiter((*self._values, *filler), float))
        return self._sorted


class _Times:
    """Sorted start times of things in progress (calls in flight, agents' calls)."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def add(self, at: float, count: int = 1) -> None:
        self.times.extend([at] * count)

    def pop_started_by(self, at: float) -> float | None:
        """Remove and return the latest start at or before `at` (else the oldest one).

        Results come with their ring or handle time, so `at` is when their call started, or a
        little after (answering-machine detection, a live answer's wait for an agent).
        """
        if not self.times:
            return None
        return self.times.pop(max(bisect_right(self.times, at + 1e-6) - 1, 0))

    def reconcile(self, count: int, now: float) -> None:
        """Match the caller's count: drop the oldest surplus, add unknown ones as just started."""
        if len(self.times) > count:
            del self.times[: len(self.times) - count]
        elif len(self.times) < count:
            self.times.extend([now] * (count - len(self.times)))


class _Model:
    """Online estimates, and a forecast table derived from them (rebuilt every few seconds).

    The horizon points are quantiles of the live-answer ring time, so `new_live[g]` (the chance
    a call dialled now is answered live by point g) is the answer rate times the quantile level.
    Row `e` of `gain` is the chance an agent busy for `e` whole seconds is free by each horizon
    point plus the grace; row `busy_rows + a` is minus the chance a call in flight for `a`
    seconds is answered live by each horizon point. `noise` holds their variances. Handle
    times follow a Kaplan-Meier curve over recent finished calls plus the calls agents are on
    now, counted as lasting at least so far: early in a shift the short calls finish first,
    and finished calls alone would promise free agents too soon. A few imaginary calls that
    never end keep the curve's thin tail (and a shift's first minutes) from promising agents.
    """

    def __init__(self) -> None:
        self.counts = list(_PRIOR_COUNTS)
        self.human_ring = _Samples(_PRIOR_HUMAN_RING)
        self.machine_s = _Samples(_PRIOR_MACHINE_S)
        self.no_answer_s = _Samples(_PRIOR_NO_ANSWER_S)
        self.handle_s: deque[float] = deque(maxlen=_SAMPLES)
        self.built_at = -math.inf
        self.changed = True
        self.new_live = self.new_live_var = _FLAT
        self.gain = self.noise = np.zeros((2, _GRID))
        self.busy_rows = 1

    def count(self, index: int) -> None:
        keep = 1.0 - 1.0 / _RATE_WINDOW
        self.counts = [c * keep + (i == index) for i, c in enumerate(self.counts)]
        self.changed = True

    def rates(self) -> tuple[float, float, float]:
        total = sum(self.counts)
        human, machine, no_answer = (c / total for c in self.counts)
        return human, machine, no_answer

    def refresh(self, now: float, busy_since: list[float]) -> None:
        if self.changed and now - self.built_at >= _REFRESH_S:
            self._build(now - np.asarray(busy_since))
            self.built_at, self.changed = now, False

    def _build(self, busy_for: np.ndarray) -> None:
        human, machine, no_answer = self.rates()
        ring = self.human_ring.sorted()
        horizon = ring[(_LEVELS * len(ring)).astype(int)]
        self.new_live = np.maximum(human * _LEVELS, 1e-9)
        self.new_live_var = self.new_live * (1.0 - self.new_live)
        freed = self._freed(busy_for, np.rint(horizon + GRACE_S).astype(int))
        live = self._live(ring, horizon, human, machine, no_answer)
        self.busy_rows = len(freed)
        self.gain = np.concatenate((freed, -live))
        self.noise = np.concatenate((freed * (1.0 - freed), live * (1.0 - live)))

    def _live(
        self, ring: np.ndarray, horizon: np.ndarray, human: float, machine: float, no_answer: float
    ) -> np.ndarray:
        def cdf(samples: np.ndarray, x: np.ndarray) -> np.ndarray:
            return samples.searchsorted(x, side="right") / len(samples)

        machine_s, no_answer_s = self.machine_s.sorted(), self.no_answer_s.sorted()
        age = np.arange(int(max(ring[-1], machine_s[-1], no_answer_s[-1])) + 2.0)
        answered = cdf(ring, age)
        on_air = (
            human * (1.0 - answered)
            + machine * (1.0 - cdf(machine_s, age))
            + no_answer * (1.0 - cdf(no_answer_s, age))
        )
        soon = human * (cdf(ring, age[:, None] + horizon) - answered[:, None])
        return np.minimum(soon / np.maximum(on_air, 1e-9)[:, None], 1.0)

    def _freed(self, busy_for: np.ndarray, steps: np.ndarray) -> np.ndarray:
        done = np.fromiter(self.handle_s, float)
        times = np.concatenate((done, busy_for))
        order = np.argsort(times, kind="stable")
        ended = (order < len(done)).astype(float)
        at_risk = len(times) + _ENDLESS_CALLS - np.arange(len(times))
        survival = np.concatenate(([1.0], np.cumprod(1.0 - ended / at_risk)))
        rows = int(min(times.max(initial=0.0), _MAX_HANDLE_S)) + 2
        seconds = np.arange(rows + steps[-1])
        alive = survival[times[order].searchsorted(seconds, side="right")]
        return 1.0 - alive[seconds[:rows, None] + steps] / alive[:rows, None]


class Pacer:
    """Decides how many calls one campaign places now; see the module docstring for modes."""

    def __init__(
        self, mode: str, target_abandon_rate: float = 0.03, max_dial_ratio: float = 3.0
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        if not 0 < target_abandon_rate < 1:
            raise ValueError("target_abandon_rate must be between 0 and 1")
        if max_dial_ratio < 1:
            raise ValueError("max_dial_ratio must be at least 1")
        self.mode = mode
        self.target_abandon_rate = target_abandon_rate
        self.max_dial_ratio = max_dial_ratio
        self._goal = _GOAL_SHARE * target_abandon_rate
        self._log_theta = math.log(_THETA_START * target_abandon_rate)
        self._live = 0
        self._abandoned = 0
        self._model = _Model()
        self._in_flight = _Times()
        self._busy = _Times()

    # -- learning -------------------------------------------------------------------------

    def record(self, result: CallResult) -> None:
        """Learn from one reported result (any mode; only `predictive` uses what it learns)."""
        if result.outcome == "agent_free":
            handle = result.handle_s
            began = result.at - handle if handle is not None else -math.inf
            started = self._busy.pop_started_by(began)
            if handle is None and started is not None:
                handle = result.at - started
            if handle is not None:
                self._model.handle_s.append(handle)
                self._model.changed = True
            return
        dialed_guess = result.at - result.ring_s if result.ring_s is not None else -math.inf
        dialed = self._in_flight.pop_started_by(dialed_guess)
        duration = result.at - dialed if dialed is not None else result.ring_s
        if result.outcome == "human":
            self._model.count(0)
            ring = result.ring_s if result.ring_s is not None else duration
            if ring is not None:
                self._model.human_ring.add(ring)
            self._steer(result.abandoned)
            if not result.abandoned:
                self._busy.add(result.at)
        elif result.outcome == "machine":
            self._model.count(1)
            if duration is not None:
                self._model.machine_s.add(duration)
        else:
            self._model.count(2)
            if duration is not None:
                self._model.no_answer_s.add(duration)

    def _steer(self, abandoned: bool) -> None:
        self._live += 1
        self._abandoned += abandoned
        # Integral control of the cumulative rate: only the top is clamped (no credit banked
        # while pacing is capped elsewhere); a debt of abandons is remembered until repaid.
        self._log_theta = min(self._log_theta + _STEP * (self._goal - abandoned), _LOG_THETA_MAX)

    def stats(self) -> PacerStats:
        human, machine, no_answer = self._model.rates()
        return PacerStats(
            human_rate=human,
            machine_rate=machine,
            no_answer_rate=no_answer,
            median_ring_s=float(np.median(self._model.human_ring.sorted())),
            median_handle_s=float(np.median(self._model.handle_s or [0.0])),
            live_answers=self._live,
            abandoned=self._abandoned,
            abandon_rate=self._abandoned / self._live if self._live else 0.0,
            threshold=max(math.exp(self._log_theta), _THETA_MIN),
        )

    # -- deciding -------------------------------------------------------------------------

    def calls_to_place(self, snapshot: PacingSnapshot) -> int:
        """How many new calls to dial now (the caller dials them at `snapshot.at`)."""
        now, idle = snapshot.at, snapshot.agents_idle
        self._in_flight.reconcile(snapshot.calls_in_flight, now)
        self._busy.reconcile(snapshot.agents_busy, now)
        logged_in = idle + snapshot.agents_busy
        room = math.floor(self.max_dial_ratio * logged_in + 1e-9) - snapshot.calls_in_flight
        if room <= 0:
            return 0
        one_per_idle = idle - snapshot.calls_in_flight
        if self.mode in ("preview", "progressive"):
            wanted = one_per_idle
        elif self.mode == "power":
            wanted = math.floor(self.max_dial_ratio * idle + 1e-9) - snapshot.calls_in_flight
        else:
            wanted = max(one_per_idle, self._predictive(now, idle, room))
        count = max(0, min(wanted, room))
        self._in_flight.add(now, count)
        return count

    def _predictive(self, now: float, idle: int, room: int) -> int:
        model = self._model
        busy, flight = self._busy.times, self._in_flight.times
        model.refresh(now, busy)
        # margin: agents free minus live answers ahead of a new call, less 0.5 for continuity
        if busy or flight:
            rows = (now - np.asarray(busy + flight)).astype(int)  # whole seconds since start
            np.maximum(rows, 0, out=rows)
            head, tail = rows[: len(busy)], rows[len(busy) :]
            np.minimum(head, model.busy_rows - 1, out=head)
            np.minimum(tail, len(model.gain) - model.busy_rows - 1, out=tail)
            tail += model.busy_rows
            margin = _SUM(model.gain[rows], 0) + (idle - 0.5)
            spread = _SUM(model.noise[rows], 0) + 0.05
        else:
            margin, spread = _FLAT * (idle - 0.5), _FLAT * 0.05
        limit = max(math.exp(self._log_theta), _THETA_MIN) * _GRID  # on the risks' sum over g
        # With theta <= 1 / (2 * _GRID) a call is only placed if the margin stays positive at
        # every grid point: that bounds the calls worth evaluating.
        bound = _MIN(margin / model.new_live)
        candidates = min(room, max(0, math.floor(bound) + 1))
        if candidates == 0:
            return 0
        k = np.arange(candidates)[:, None]
        z = (k * model.new_live - margin) / np.sqrt(k * model.new_live_var + spread)
        # A live answer at point g that takes an agent leaves one fewer for later answers: its
        # risk is the worst shortage from g on (the agents' pool must last the whole horizon).
        shortage = np.maximum.accumulate(ndtr(z)[:, ::-1], axis=1)
        over = _SUM(shortage, 1) > limit
        first = int(over.argmax())
        return first if over[first] else candidates
