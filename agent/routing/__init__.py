"""Routing rules engine: bilingual phrase rules → department, with LLM proposal and fallback."""

from agent.routing.defaults import load_default_rules, load_rules
from agent.routing.engine import RoutingEngine
from agent.routing.models import Department, RoutingDecision, RoutingRule

__all__ = [
    "Department",
    "RoutingDecision",
    "RoutingEngine",
    "RoutingRule",
    "load_default_rules",
    "load_rules",
]
