"""Paths shared by the simulation tests."""

from pathlib import Path

FLOW_PATH = Path(__file__).resolve().parents[2] / "prompts" / "flows" / "inbound_ivr.json"
