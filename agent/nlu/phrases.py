"""Phrase matching over normalised tokens, shared by intents, sentiment and routing.

A phrase is normalised and tokenised like the utterance. A phrase token
matches an utterance token when it equals one of the token's variants
(Arabic clitics stripped, English inflections stripped); a trailing ``*``
makes it a prefix ("refund*", "حجز*"). Multi-word phrases match consecutive
tokens, optionally allowing a few filler words in between ("cancel my
appointment" for "cancel appointment"), and an Arabic token written joined
("مايشتغل") matches the spaced phrase "ما يشتغل". Patterns are written in
base form: "call" matches "calls", "called" and "calling".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Iterable, Sequence, TypeVar

from agent.nlu.arabic import normalize, tokenize, variants

T = TypeVar("T")

# Words a multi-word phrase may skip: articles, possessives, prepositions.
FILLER_WORDS = frozenset(
    """
    a an the my your our his her their its this that these those me us to for of on in at with
    some any up it just please also all
    لي لنا في على عن من مني منه علي عليا فيه فيها مع حق حقي حقتي حقنا مال مالي تبع تبعي هذا هذي هاذي هاد ده دي اللي الي يا
    شي اي بعض كل ال هال
    """.split()
)


@lru_cache(maxsize=65536)
def token_forms(token: str) -> frozenset[str]:
    """Cached matching forms of a normalised token."""
    return frozenset(variants(token))


def _token_matches(pattern: str, token: str) -> bool:
    forms = token_forms(token)
    if pattern.endswith("*"):
        stem = pattern[:-1]
        return any(form.startswith(stem) for form in forms)
    return pattern in forms


def compile_phrase(phrase: str) -> tuple[str, ...]:
    """Normalised pattern tokens of a phrase, keeping a trailing ``*`` wildcard.

    Utterance words are also tried without clitics, so an Arabic pattern
    word written without the article ("فاتوره") matches "الفاتوره",
    "بالفاتوره" and "فاتورتي", while one written with it ("الاحد", Sunday)
    requires the article (and so does not match "احد", someone).
    """
    pattern: list[str] = []
    for raw in normalize(phrase).split():
        wildcard = raw.endswith("*")
        for token in tokenize(raw):
            pattern.append(token)
        if wildcard and pattern:
            pattern[-1] += "*"
    return tuple(pattern)


@dataclass(frozen=True)
class Match(Generic[T]):
    """One phrase occurrence: token span ``[start, end)`` and the phrase's payload."""

    phrase: str
    size: int
    start: int
    end: int
    payload: T


class PhraseMatcher(Generic[T]):
    """Finds every occurrence of registered phrases in a token list.

    Phrases are indexed by their first word, so lookup cost grows with the
    utterance, not with the number of phrases.
    """

    def __init__(self, max_gap: int = 0, gap_words: frozenset[str] = FILLER_WORDS) -> None:
        self.max_gap = max_gap
        self.gap_words = gap_words
        self._phrases: list[tuple[str, tuple[str, ...], T]] = []
        self._by_first: dict[str, list[int]] = {}
        self._by_prefix: list[tuple[str, int]] = []

    def add(self, phrase: str, payload: T) -> None:
        """Register a phrase; phrases that normalise to nothing are ignored."""
        pattern = compile_phrase(phrase)
        if not pattern:
            return
        index = len(self._phrases)
        self._phrases.append((phrase, pattern, payload))
        first = pattern[0]
        if first.endswith("*"):
            self._by_prefix.append((first[:-1], index))
            return
        self._by_first.setdefault(first, []).append(index)
        if len(pattern) > 1 and not pattern[1].endswith("*"):
            self._by_first.setdefault(first + pattern[1], []).append(index)  # written joined

    def add_all(self, phrases: Iterable[str], payload: T) -> None:
        """Register several phrases with the same payload."""
        for phrase in phrases:
            self.add(phrase, payload)

    def _candidates(self, token: str) -> list[int]:
        forms = token_forms(token)
        found = {index for form in forms for index in self._by_first.get(form, ())}
        found.update(index for stem, index in self._by_prefix if any(f.startswith(stem) for f in forms))
        return sorted(found)

    def find(self, tokens: Sequence[str]) -> list[Match[T]]:
        """All matches, at most one per (phrase, start), ordered by position (longest first)."""
        found: list[Match[T]] = []
        for start, token in enumerate(tokens):
            for index in self._candidates(token):
                phrase, pattern, payload = self._phrases[index]
                end = self._match_at(pattern, tokens, start)
                if end is not None:
                    found.append(Match(phrase, len(pattern), start, end, payload))
        found.sort(key=lambda m: (m.start, -m.end))
        return found

    def _match_at(self, pattern: tuple[str, ...], tokens: Sequence[str], start: int) -> int | None:
        """End index of ``pattern`` anchored at ``start``, or None."""
        j = 0
        i = start
        while j < len(pattern):
            step = self._step(pattern, j, tokens[i]) if i < len(tokens) else 0
            if step:
                j += step
                i += 1
                continue
            if j == 0:
                return None
            # Allow up to max_gap filler words before the next pattern token.
            for gap in range(1, self.max_gap + 1):
                k = i + gap
                if k >= len(tokens) or tokens[k - 1] not in self.gap_words:
                    return None
                if self._step(pattern, j, tokens[k]):
                    i = k
                    break
            else:
                return None
        return i

    @staticmethod
    def _step(pattern: tuple[str, ...], j: int, token: str) -> int:
        """How many pattern tokens ``token`` consumes at position ``j`` (0, 1 or 2)."""
        if _token_matches(pattern[j], token):
            return 1
        if j + 1 < len(pattern) and not pattern[j + 1].endswith("*"):
            joined = pattern[j].rstrip("*") + pattern[j + 1]
            if joined in token_forms(token):
                return 2
        return 0


def longest(matches: list[Match[T]]) -> list[Match[T]]:
    """Matches not lying inside a longer match ("not sure" hides "sure"), first one per span."""
    kept: list[Match[T]] = []
    spans: set[tuple[int, int]] = set()
    for m in matches:
        inside = any(o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start for o in matches)
        if not inside and (m.start, m.end) not in spans:
            kept.append(m)
            spans.add((m.start, m.end))
    return kept
