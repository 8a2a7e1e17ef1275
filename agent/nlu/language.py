"""Utterance language detection: Arabic, English or a code-switched mix."""

from __future__ import annotations

import re
from typing import Literal

from agent.nlu.arabic import is_arabic, is_latin, tokenize

Language = Literal["ar", "en", "mixed"]

_EMAIL_OR_URL = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+", re.IGNORECASE)
# Arabizi: Latin-script Arabic using digits for Arabic sounds (3=ع, 7=ح, 2=ء ...).
_ARABIZI_DIGITS = re.compile(r"^(?=(?:[^a-z]*[a-z]){3})[a-z]*[235789][a-z]+(?:[235789]?[a-z]+)*$")
_ARABIZI_WORDS = frozenset(
    {
        "inshallah", "insha'allah", "wallah", "wallahi", "yalla", "yallah", "habibi",
        "shukran", "mashallah", "khalas", "marhaba", "ahlan", "aiwa", "aywa", "la2",
        "mish", "mesh", "mafi", "kaman", "keda", "kida", "izzay", "ezay", "shlon",
        "shlonak", "kifak", "kifik", "baddi", "bidi", "abgha", "abga", "wayed", "mushkila",
        "moshkela", "mushkile", "fatoora", "fatura", "awi", "gedan", "kteer", "ktir",
        "mo7taram", "ya3ni", "3ayez", "3ayza", "3andi", "3ndi", "mumkin", "momken", "leish",
    }
)


# Frequent English function words: their presence means Latin text is English.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an is are was i you my your to of in on for and it this that me we do not have".split()
)


def is_arabizi(token: str) -> bool:
    """Heuristic: a Latin token that is almost certainly Arabic written in Arabizi."""
    return token in _ARABIZI_WORDS or bool(_ARABIZI_DIGITS.match(token))


def script_counts(text: str) -> tuple[int, int]:
    """(Arabic words, English words); emails, URLs and bare numbers are ignored.

    Arabizi words count as Arabic, and so does all Latin text with at least
    two Arabizi words and no English function word ("ya3ni el khedma kwayesa").
    """
    tokens = tokenize(_EMAIL_OR_URL.sub(" ", text))
    arabizi = sum(is_arabizi(t) for t in tokens)
    latin_is_arabic = arabizi >= 2 and not any(t in _ENGLISH_FUNCTION_WORDS for t in tokens)
    arabic = english = 0
    for token in tokens:
        if is_arabic(token) or is_arabizi(token) or (latin_is_arabic and is_latin(token)):
            arabic += 1
        elif is_latin(token):
            english += 1
    return arabic, english


def detect_language(text: str, default: Literal["ar", "en"] = "en") -> Language:
    """Classify an utterance as ``"ar"``, ``"en"`` or ``"mixed"``.

    Any Arabic word together with any English word makes the utterance mixed
    (code-switching such as "عندي problem في الـ bill"). Text without words,
    e.g. only digits or an email address, gets ``default``.
    """
    arabic, english = script_counts(text)
    if arabic and english:
        return "mixed"
    if arabic:
        return "ar"
    if english:
        return "en"
    return default
