"""The context a human agent gets on escalation: structured JSON and a readable summary."""

from __future__ import annotations

from statistics import mean
from typing import Any

from agent.flows.engine import CallState

REASONS = {
    "caller_request": "the caller asked for a person",
    "keyword": "an escalation keyword was said",
    "sentiment": "the caller is upset",
    "repeated_failure": "the caller could not be understood after several tries",
    "complexity": "the request needs a person",
    "supervisor": "a supervisor took over",
}


def sentiment_label(scores: list[float]) -> str:
    if not scores:
        return "unknown"
    value = mean(scores[-3:])
    return "negative" if value <= -0.25 else "positive" if value >= 0.25 else "neutral"


def build_context(state: CallState, reason: str, detail: str | None, sentiments: list[float],
                  ticket: dict[str, Any] | None) -> dict[str, Any]:
    v = state.variables
    return {
        "reason": reason,
        "detail": detail,
        "caller": {"name": v.get("name"), "phone": v.get("phone") or v.get("caller_number"),
                   "email": v.get("email"), "language": state.language},
        "need": v.get("need"),
        "department": v.get("department"),
        "tried": state.tried,
        "failures": state.failures,
        "stage": state.node_id,
        "sentiment": {"label": sentiment_label(sentiments), "scores": [round(s, 2) for s in sentiments[-5:]]},
        "ticket": ticket,
    }


def summary(context: dict[str, Any]) -> str:
    caller = context["caller"]
    who = caller.get("name") or "An unidentified caller"
    contact = ", ".join(x for x in (caller.get("phone"), caller.get("email")) if x)
    contact_part = f" ({contact})" if contact else ""
    spoken = "Arabic" if caller["language"] == "ar" else "English"
    lines = [f"{who}{contact_part}, speaking {spoken}."]
    lines.append(f"Needs: {context['need']}." if context.get("need") else "Their need is not known yet.")
    if context.get("department"):
        lines.append(f"Routed to {context['department']}.")
    if context["tried"]:
        lines.append("Tried: " + "; ".join(context["tried"][-6:]) + ".")
    lines.append(f"Sentiment: {context['sentiment']['label']}.")
    if context.get("ticket"):
        lines.append(f"Ticket #{context['ticket']['number']} ({context['ticket']['priority']}).")
    because = REASONS.get(context["reason"], context["reason"])
    detail = f": {context['detail']}" if context.get("detail") else ""
    lines.append(f"Escalated because {because}{detail}.")
    return " ".join(lines)
