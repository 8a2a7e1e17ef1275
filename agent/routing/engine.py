"""The routing rules engine: keyword/phrase rules → department with a confidence.

Scoring, in order:

1. Every enabled rule phrase is matched on word boundaries after Arabic
   normalisation; multi-word phrases may skip up to two filler words
   ("cancel my appointment" matches "cancel appointment"). A department's
   own names (id, English, Arabic) count as phrases of weight
   ``NAME_WEIGHT``: "transfer me to billing" goes to billing.
2. Longest match wins: a match lying inside a longer match is dropped, so
   "internet package" (sales) hides "internet" (technical support) and
   "wrong charge" hides "wrong".
3. Each distinct phrase adds ``weight × (1 + 0.5 × (words − 1))`` to its
   department (once per phrase and per token span); longer phrases are
   more specific.
4. Priority resolves conflicts: against the highest priority among matched
   rules, each priority level a department is below halves its score. An
   explicit complaint ("I want to complain about the bill") therefore beats
   the topic it is about, while a bare topic word still routes on its own.
5. Strongly negative sentiment (≤ −0.4) adds up to ``sentiment_weight`` to
   the ``sentiment_department`` (complaints by default), so an unhappy
   caller using words no rule lists still leans towards complaints.
6. Confidence = (1 − e^(−best)) × best / (best + runner-up): strong evidence
   and a clear margin are both needed. Ties are broken by priority, then
   by department order.

``route`` trusts the rules when confidence ≥ threshold, otherwise takes an
LLM-proposed department if it names a known one, otherwise the fallback.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

from agent.nlu.arabic import normalize, tokenize, without_article
from agent.nlu.language import detect_language
from agent.nlu.phrases import Match, PhraseMatcher
from agent.nlu.sentiment import sentiment_score
from agent.routing.models import Department, RoutingDecision, RoutingRule

DEFAULT_THRESHOLD = 0.45
DEFAULT_LLM_CONFIDENCE = 0.6
_MAX_GAP = 2
_NEGATIVE_SENTIMENT = -0.4
NAME_WEIGHT = 2.0


@dataclass
class DepartmentScore:
    """Evidence for one department in one utterance."""

    department: str
    score: float = 0.0
    priority: int = 0
    matched: list[str] = field(default_factory=list)


def _inside_longer(match: Match[RoutingRule], matches: list[Match[RoutingRule]]) -> bool:
    return any(
        o.start <= match.start and match.end <= o.end and o.size > match.size for o in matches
    )


class RoutingEngine:
    """Routes utterances to an operator's departments using weighted phrase rules."""

    def __init__(
        self,
        departments: Sequence[Department],
        rules: Sequence[RoutingRule],
        *,
        threshold: float = DEFAULT_THRESHOLD,
        fallback: str | None = None,
        llm_confidence: float = DEFAULT_LLM_CONFIDENCE,
        sentiment_department: str | None = "complaints",
        sentiment_weight: float = 1.0,
    ) -> None:
        if not departments:
            raise ValueError("at least one department is required")
        self.departments = {d.id: d for d in departments}
        unknown = sorted({r.department_id for r in rules} - set(self.departments))
        if unknown:
            raise ValueError(f"rules refer to unknown departments: {', '.join(unknown)}")
        self.threshold = threshold
        self.llm_confidence = llm_confidence
        self.fallback = fallback or self._default_fallback(departments)
        if self.fallback not in self.departments:
            raise ValueError(f"unknown fallback department: {self.fallback}")
        self.sentiment_department = sentiment_department if sentiment_department in self.departments else None
        self.sentiment_weight = sentiment_weight
        self._order = {d.id: i for i, d in enumerate(departments)}
        self._aliases = {
            form: d.id
            for d in departments
            for alias in (d.id, d.name_en, d.name_ar)
            for form in (normalize(alias).replace("_", " "), without_article(alias).replace("_", " "))
        }
        self._matcher: PhraseMatcher[RoutingRule] = PhraseMatcher(max_gap=_MAX_GAP)
        for department in departments:
            names = {department.id.replace("_", " "), department.name_en, without_article(department.name_ar)}
            self._matcher.add_all(names, RoutingRule(department_id=department.id, phrases=sorted(names), weight=NAME_WEIGHT))
        for rule in rules:
            if rule.enabled:
                for phrase in rule.phrases:
                    self._matcher.add(phrase, rule)

    @staticmethod
    def _default_fallback(departments: Sequence[Department]) -> str:
        flagged = [d.id for d in departments if d.is_fallback]
        if flagged:
            return flagged[0]
        ids = [d.id for d in departments]
        return "reception" if "reception" in ids else ids[0]

    def scores(self, text: str, language: str | None = None) -> list[DepartmentScore]:
        """Departments with evidence in ``text``, best first (priority already applied)."""
        language = language or detect_language(text)
        tokens = tokenize(text)
        matches = [
            m for m in self._matcher.find(tokens)
            if m.payload.language in ("any", language) or language == "mixed"
        ]
        matches = [m for m in matches if not _inside_longer(m, matches)]
        by_department: dict[str, DepartmentScore] = {}
        seen: set[tuple[str, str]] = set()
        spans: set[tuple[str, int, int]] = set()
        for match in matches:
            rule = match.payload
            key = (rule.department_id, match.phrase)
            span = (rule.department_id, match.start, match.end)
            if key in seen or span in spans:
                continue
            seen.add(key)
            spans.add(span)
            entry = by_department.setdefault(rule.department_id, DepartmentScore(rule.department_id, priority=rule.priority))
            entry.score += rule.weight * (1 + 0.5 * (match.size - 1))
            entry.priority = max(entry.priority, rule.priority)
            entry.matched.append(match.phrase)
        if self.sentiment_department:
            score = sentiment_score(text)
            if score <= _NEGATIVE_SENTIMENT:
                entry = by_department.setdefault(self.sentiment_department, DepartmentScore(self.sentiment_department))
                entry.score += self.sentiment_weight * (_NEGATIVE_SENTIMENT - score) / (1 + _NEGATIVE_SENTIMENT)
                entry.matched.append(f"sentiment {score:+.2f}")
        if not by_department:
            return []
        top_priority = max(e.priority for e in by_department.values())
        for entry in by_department.values():
            entry.score *= 0.5 ** (top_priority - entry.priority)
        return sorted(
            by_department.values(),
            key=lambda e: (-e.score, -e.priority, self._order[e.department]),
        )

    @staticmethod
    def _confidence(best: float, runner_up: float) -> float:
        return (1 - math.exp(-best)) * best / (best + runner_up) if best > 0 else 0.0

    def resolve(self, name: str | None) -> str | None:
        """The department id named by ``name`` (id, English or Arabic name), if any."""
        if not name:
            return None
        return self._aliases.get(normalize(name).replace("_", " ")) or self._aliases.get(
            without_article(name).replace("_", " ")
        )

    def route(self, text: str, proposed: str | None = None) -> RoutingDecision:
        """Choose a department for ``text``.

        Rules decide when their confidence reaches the threshold; otherwise a
        ``proposed`` department (e.g. from the LLM) is used if it names a
        known department; otherwise the fallback department.
        """
        language = detect_language(text)
        ranked = self.scores(text, language)
        best = ranked[0] if ranked else None
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        confidence = self._confidence(best.score, runner_up) if best else 0.0
        if best and confidence >= self.threshold:
            return RoutingDecision(
                department=best.department, confidence=round(confidence, 4), language=language,
                matched=best.matched, source="rules",
            )
        llm_choice = self.resolve(proposed)
        if llm_choice:
            return RoutingDecision(
                department=llm_choice, confidence=self.llm_confidence, language=language, source="llm",
            )
        fallback = next((e for e in ranked if e.department == self.fallback), None)
        others = max((e.score for e in ranked if e.department != self.fallback), default=0.0)
        return RoutingDecision(
            department=self.fallback,
            confidence=round(self._confidence(fallback.score, others), 4) if fallback else 0.0,
            language=language,
            matched=fallback.matched if fallback else [],
            source="fallback",
        )
