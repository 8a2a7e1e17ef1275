"""bench/amd.py marks each figure against the issue's target."""

from bench.amd import meets


def test_figures_are_marked_against_their_targets():
    assert meets("accuracy", 0.97) == "yes" and meets("accuracy", 0.969) == "NO"
    assert meets("human_latency_p50_ms", 1000) == "yes" and meets("human_latency_p50_ms", 1001) == "NO"
    assert meets("human_latency_p90_ms", None) == "NO"  # nobody was decided human at all
    assert meets("false_beeps", 3) == ""  # no target
