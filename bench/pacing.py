"""Pacing benchmark: abandon rate, agent occupancy and connects per agent-hour, per mode.

Run from the repository root: `python -m bench.pacing`. Every scenario runs under each mode
and under the fixed-ratio baselines (power mode at 2 and 3 calls per idle agent); the last
lines time one pacing round over 50 campaigns.
"""

from __future__ import annotations

import copy
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

from bench.pacing_sim import Scenario, ShiftChange, SimResult, simulate
from dialer.pacing import Pacer, PacingSnapshot

HOURS = 4.0

SCENARIOS = (
    Scenario("8 ag, 35-40% ans, talk 2m", 8, HOURS, human=(0.35, 0.4), talk_s=(120.0,), seed=11),
    Scenario(
        "8 ag, 6-9% ans, talk 4m, wrap 1m",
        8,
        HOURS,
        human=(0.06, 0.09),
        machine=(0.3,),
        talk_s=(240.0,),
        wrap_s=60.0,
        seed=12,
    ),
    Scenario(
        "8 ag, 20% ans, shift 4 out 6 in",
        8,
        HOURS,
        human=(0.2,),
        shifts=(ShiftChange(1.5, 4, 6, 120.0),),
        seed=13,
    ),
    Scenario(
        "8 ag, 12% ans, talk 8m",
        8,
        HOURS,
        human=(0.12,),
        machine=(0.2,),
        talk_s=(480.0,),
        wrap_s=45.0,
        seed=14,
    ),
    Scenario(
        "15 ag, 40% ans, talk 45s, wrap 10s",
        15,
        HOURS,
        human=(0.4, 0.35),
        talk_s=(45.0,),
        wrap_s=10.0,
        seed=23,
    ),
    Scenario(
        "15 ag, 15-30-12% ans drift",
        15,
        HOURS,
        human=(0.15, 0.3, 0.12),
        machine=(0.2, 0.1),
        talk_s=(180.0, 120.0),
        seed=21,
    ),
    Scenario(
        "15 ag, 25% ans, talk 1m",
        15,
        HOURS,
        human=(0.25,),
        talk_s=(60.0,),
        wrap_s=15.0,
        ring_s=12.0,
        seed=22,
    ),
    Scenario(
        "30 ag, 6-10% ans, talk 5m",
        30,
        HOURS,
        human=(0.06, 0.1),
        machine=(0.25,),
        talk_s=(300.0,),
        talk_sigma=1.0,
        seed=31,
    ),
    Scenario(
        "30 ag, 20% ans, shift 15 out 15 in",
        30,
        HOURS,
        human=(0.2,),
        shifts=(ShiftChange(1.5, 15, 15, 300.0),),
        seed=32,
    ),
    Scenario(
        "30 ag, 30-15% ans, talk 3m-90s",
        30,
        HOURS,
        human=(0.3, 0.15),
        machine=(0.1, 0.3),
        talk_s=(180.0, 90.0),
        ring_s=6.0,
        seed=33,
    ),
    Scenario(
        "45 ag, 15-35% ans, 15 more log in",
        45,
        HOURS,
        human=(0.15, 0.35),
        talk_s=(200.0, 150.0),
        shifts=(ShiftChange(1.0, 0, 15, 0.0),),
        seed=34,
    ),
    Scenario("60 ag, 40% ans, talk 90s", 60, HOURS, human=(0.4,), talk_s=(90.0,), seed=41),
    Scenario(
        "60 ag, 10-25% ans, shift 30 out 20 in",
        60,
        HOURS,
        human=(0.1, 0.25),
        machine=(0.2,),
        shifts=(ShiftChange(1.2, 30, 20, 600.0),),
        seed=42,
    ),
    Scenario(
        "60 ag, 6% ans, talk 6m, 30% machines",
        60,
        HOURS,
        human=(0.06,),
        machine=(0.3,),
        talk_s=(360.0,),
        seed=43,
    ),
)

MODES: tuple[tuple[str, Callable[[], Pacer]], ...] = (
    ("preview", lambda: Pacer("preview")),
    ("progressive", lambda: Pacer("progressive")),
    ("ratio 2", lambda: Pacer("power", max_dial_ratio=2.0)),
    ("ratio 3", lambda: Pacer("power", max_dial_ratio=3.0)),
    ("predictive", lambda: Pacer("predictive")),
)

CAMPAIGNS = 50


def run_table() -> dict[str, list[SimResult]]:
    by_mode: dict[str, list[SimResult]] = {label: [] for label, _ in MODES}
    print(f"{'scenario':40} {'mode':12} {'abandon':>8} {'occupancy':>9} {'conn/ag-h':>9}")
    for scenario in SCENARIOS:
        for label, make in MODES:
            result = simulate(scenario, make(), label)
            by_mode[label].append(result)
            print(
                f"{scenario.name:40} {label:12} {result.abandon_rate:8.2%}"
                f" {result.occupancy:9.3f} {result.connects_per_agent_hour:9.1f}",
                flush=True,
            )
    return by_mode


def print_summary(by_mode: dict[str, list[SimResult]]) -> None:
    print()
    header = ("max abandon", "mean abandon", "mean occ", "min occ", "conn/ag-h")
    print(f"{'mode':12} " + " ".join(f"{h:>12}" for h in header))
    for label, results in by_mode.items():
        rates = [r.abandon_rate for r in results]
        occupancy = [r.occupancy for r in results]
        connects = [r.connects_per_agent_hour for r in results]
        print(
            f"{label:12} {max(rates):12.2%} {statistics.mean(rates):12.2%}"
            f" {statistics.mean(occupancy):12.3f} {min(occupancy):12.3f}"
            f" {statistics.mean(connects):12.1f}"
        )


def time_decisions(by_mode: dict[str, list[SimResult]]) -> None:
    """One pacing round over 50 warmed-up predictive campaigns, and the in-run average."""
    warm: list[tuple[Pacer, PacingSnapshot]] = []
    for scenario in SCENARIOS:
        short = replace(scenario, hours=0.25)
        pacer = Pacer("predictive")
        snapshot = simulate(short, pacer).last_snapshot
        assert snapshot is not None
        warm.append((pacer, snapshot))
    campaigns = [copy.deepcopy(warm[i % len(warm)]) for i in range(CAMPAIGNS)]
    rounds = []
    for _ in range(200):
        started = time.perf_counter()
        for pacer, snapshot in campaigns:
            pacer.calls_to_place(snapshot)
        rounds.append(time.perf_counter() - started)
    rounds.sort()
    runs = by_mode["predictive"]
    mean_us = 1e6 * sum(r.decide_seconds for r in runs) / sum(r.decisions for r in runs)
    print()
    print(
        f"pacing round, {CAMPAIGNS} predictive campaigns: median {1e3 * rounds[100]:.2f} ms,"
        f" p95 {1e3 * rounds[190]:.2f} ms"
    )
    print(
        f"predictive decision in the runs above (incl. model refreshes): mean {mean_us:.0f} us"
        f" -> {CAMPAIGNS} campaigns {CAMPAIGNS * mean_us / 1e3:.2f} ms"
    )


def main() -> None:
    started = time.perf_counter()
    by_mode = run_table()
    print_summary(by_mode)
    time_decisions(by_mode)
    print(f"bench time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
