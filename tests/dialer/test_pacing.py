import random

import pytest
from pydantic import ValidationError

from bench.pacing_sim import Scenario, ShiftChange, simulate
from dialer.pacing import MODES, CallResult, Pacer, PacingSnapshot


def snap(idle: int, busy: int, in_flight: int, at: float = 0.0) -> PacingSnapshot:
    return PacingSnapshot(at=at, agents_idle=idle, agents_busy=busy, calls_in_flight=in_flight)


def feed(
    pacer: Pacer,
    *,
    human: float,
    machine: float,
    calls: int,
    seed: int = 1,
    start: float = 0.0,
    handle_s: float = 150.0,
    abandon_every: int = 0,
) -> float:
    """Report `calls` dial outcomes (and the agents' calls they led to), one per second."""
    rng = random.Random(seed)
    at = start
    live = 0
    for _ in range(calls):
        at += 1.0
        draw = rng.random()
        if draw < human:
            live += 1
            abandoned = bool(abandon_every) and live % abandon_every == 0
            pacer.record(
                CallResult(at=at, outcome="human", ring_s=rng.uniform(5, 12), abandoned=abandoned)
            )
            if not abandoned:
                pacer.record(CallResult(at=at + handle_s, outcome="agent_free", handle_s=handle_s))
        elif draw < human + machine:
            pacer.record(CallResult(at=at, outcome="machine", ring_s=rng.uniform(5, 12)))
        else:
            pacer.record(CallResult(at=at, outcome="no_answer", ring_s=30.0))
    return at


def test_boundary_models_validate():
    assert PacingSnapshot(1.0, 2, 3, 4).calls_in_flight == 4  # positional, as the signature reads
    with pytest.raises(ValidationError):
        snap(-1, 0, 0)
    with pytest.raises(ValidationError):
        CallResult(at=0.0, outcome="voicemail", ring_s=None, handle_s=None, abandoned=False)
    with pytest.raises(ValueError):
        Pacer("turbo")
    with pytest.raises(ValueError):
        Pacer("predictive", target_abandon_rate=0.0)


@pytest.mark.parametrize("mode", ["preview", "progressive"])
def test_one_call_per_idle_agent(mode):
    pacer = Pacer(mode)
    assert pacer.calls_to_place(snap(idle=5, busy=3, in_flight=2)) == 3
    assert pacer.calls_to_place(snap(idle=2, busy=3, in_flight=5)) == 0
    assert pacer.calls_to_place(snap(idle=0, busy=8, in_flight=0)) == 0


def test_power_dials_a_fixed_ratio_per_idle_agent():
    pacer = Pacer("power", max_dial_ratio=2.5)
    assert pacer.calls_to_place(snap(idle=4, busy=0, in_flight=3)) == 7  # 2.5 * 4 - 3
    assert pacer.calls_to_place(snap(idle=1, busy=9, in_flight=0)) == 2
    assert pacer.calls_to_place(snap(idle=0, busy=9, in_flight=0)) == 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("ratio", [1.0, 1.5, 3.0])
def test_calls_in_flight_never_exceed_ratio_per_logged_in_agent(mode, ratio):
    pacer = Pacer(mode, max_dial_ratio=ratio)
    feed(pacer, human=0.05, machine=0.1, calls=500)  # low answer rate: predictive wants many
    rng = random.Random(3)
    for second in range(600, 700):
        idle, busy = rng.randint(0, 12), rng.randint(0, 12)
        in_flight = rng.randint(0, 30)
        placed = pacer.calls_to_place(snap(idle, busy, in_flight, at=second))
        assert placed >= 0
        assert placed == 0 or in_flight + placed <= ratio * (idle + busy)


@pytest.mark.parametrize("mode", MODES)
def test_nobody_logged_in_means_no_calls(mode):
    assert Pacer(mode).calls_to_place(snap(idle=0, busy=0, in_flight=0)) == 0


def test_predictive_never_dials_less_than_progressive():
    pacer = Pacer("predictive")
    feed(pacer, human=0.6, machine=0.1, calls=300, abandon_every=2)  # many abandons: very cautious
    assert pacer.calls_to_place(snap(idle=6, busy=4, in_flight=1, at=400)) >= 5


def test_predictive_learns_rates_ring_and_handle_times():
    pacer = Pacer("predictive")
    feed(pacer, human=0.2, machine=0.3, calls=3000, handle_s=240.0)
    stats = pacer.stats()
    assert stats.human_rate == pytest.approx(0.2, abs=0.04)
    assert stats.machine_rate == pytest.approx(0.3, abs=0.05)
    assert stats.no_answer_rate == pytest.approx(0.5, abs=0.05)
    assert stats.median_ring_s == pytest.approx(8.5, abs=1.0)
    assert stats.median_handle_s == pytest.approx(240.0)


def test_predictive_follows_drift_in_answer_rate():
    pacer = Pacer("predictive")
    end = feed(pacer, human=0.1, machine=0.2, calls=2000)
    assert pacer.stats().human_rate == pytest.approx(0.1, abs=0.03)
    feed(pacer, human=0.35, machine=0.2, calls=3000, start=end, seed=2)
    assert pacer.stats().human_rate == pytest.approx(0.35, abs=0.05)


def test_abandon_rate_is_abandoned_over_live_answers():
    pacer = Pacer("predictive")
    feed(pacer, human=0.5, machine=0.0, calls=400, abandon_every=10)
    stats = pacer.stats()
    assert stats.abandoned == stats.live_answers // 10
    assert stats.abandon_rate == pytest.approx(stats.abandoned / stats.live_answers)


def warmed(human: float, seed: int = 1) -> Pacer:
    """A predictive pacer that ran a short campaign of 20 agents."""
    pacer = Pacer("predictive")
    simulate(Scenario("warm", 20, hours=0.5, human=(human,), talk_s=(120.0,), seed=seed), pacer)
    return pacer


def test_predictive_dials_more_when_fewer_calls_are_answered():
    state = snap(idle=4, busy=16, in_flight=0, at=1801.0)
    assert warmed(human=0.08).calls_to_place(state) > warmed(human=0.35).calls_to_place(state)


@pytest.mark.parametrize("seed", [1, 2])
def test_predictive_adapts_to_agents_logging_out_and_in(seed):
    at = 1801.0
    full = warmed(0.2, seed).calls_to_place(snap(idle=3, busy=17, in_flight=0, at=at))
    after_logouts = warmed(0.2, seed).calls_to_place(snap(idle=3, busy=5, in_flight=0, at=at))
    assert 3 <= after_logouts < full  # fewer busy agents to free up, never below progressive
    nobody_idle = warmed(0.2, seed).calls_to_place(snap(idle=0, busy=6, in_flight=4, at=at))
    new_shift = warmed(0.2, seed).calls_to_place(snap(idle=10, busy=6, in_flight=4, at=at))
    assert new_shift >= nobody_idle + 10


def test_predictive_slows_down_after_abandons():
    calm, burned = Pacer("predictive"), Pacer("predictive")
    feed(calm, human=0.3, machine=0.1, calls=600)
    feed(burned, human=0.3, machine=0.1, calls=600, abandon_every=8)
    assert burned.stats().threshold < calm.stats().threshold
    state = snap(idle=3, busy=17, in_flight=2, at=900.0)
    assert burned.calls_to_place(state) < calm.calls_to_place(state)


@pytest.mark.parametrize(
    "scenario",
    [
        Scenario("12 agents", 12, hours=1.5, human=(0.25, 0.35), talk_s=(120.0,), seed=5),
        Scenario(
            "shift change",
            20,
            hours=1.5,
            human=(0.15,),
            talk_s=(150.0,),
            shifts=(ShiftChange(0.75, 10, 6, 120.0),),
            seed=6,
        ),
    ],
    ids=lambda s: s.name,
)
def test_predictive_keeps_abandons_under_target_and_beats_progressive(scenario):
    predictive = simulate(scenario, Pacer("predictive"))
    progressive = simulate(scenario, Pacer("progressive"))
    assert progressive.abandon_rate == 0.0 or scenario.shifts
    assert predictive.live > 150
    assert predictive.abandon_rate <= 0.03
    assert predictive.occupancy >= progressive.occupancy + 0.05
    assert predictive.connects_per_agent_hour > progressive.connects_per_agent_hour
