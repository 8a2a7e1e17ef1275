"""Language choice at the start of a call ("English", "عربي", "1" / "2")."""

from __future__ import annotations

from typing import Literal, Mapping

from agent.nlu.arabic import tokenize
from agent.nlu.numbers import spoken_digits
from agent.nlu.phrases import PhraseMatcher

LanguageCode = Literal["ar", "en"]

DEFAULT_DIGITS: Mapping[str, LanguageCode] = {"1": "ar", "2": "en"}
# "no"/"لا" are left out: "no, English please" picks English.
_NOT = frozenset({"not", "don't", "dont", "مو", "مش", "مب", "موب", "بدون", "غير"})

_MATCHER: PhraseMatcher[LanguageCode] = PhraseMatcher()
for _phrase in ("english", "inglizi", "ingilizi", "engli*", "انجليزي", "انقليزي", "انكليزي", "انجلش",
                "انقلش", "انجليش", "انجليزيه", "انقليزيه", "انكليزيه", "انجليزى"):
    _MATCHER.add(_phrase, "en")
for _phrase in ("arabic", "arab", "arabi", "3arabi", "عربي", "عربيه", "العربي", "عرب"):
    _MATCHER.add(_phrase, "ar")


def parse_language_choice(text: str, digits: Mapping[str, LanguageCode] = DEFAULT_DIGITS) -> LanguageCode | None:
    """The language the caller picked, or None when they did not pick one.

    A named language wins ("English please", "عربي", "not English, Arabic"
    → the last non-negated one); otherwise a single spoken or keyed digit is
    looked up in ``digits`` (default: 1 → Arabic, 2 → English).
    """
    tokens = tokenize(text)
    picks = [m for m in _MATCHER.find(tokens) if not (m.start and tokens[m.start - 1] in _NOT)]
    if picks:
        return picks[-1].payload
    return digits.get(spoken_digits(text))
