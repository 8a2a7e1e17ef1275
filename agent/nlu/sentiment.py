"""Lexicon-based bilingual sentiment and complaint severity."""

from __future__ import annotations

import math
import re
from typing import Literal

from agent.nlu import sentiment_lexicon as lex
from agent.nlu.arabic import is_arabic, normalize, tokenize
from agent.nlu.language import is_arabizi
from agent.nlu.negation import CONTRAST, is_negator, split_joined_negation
from agent.nlu.phrases import Match, PhraseMatcher, longest, token_forms

Severity = Literal["low", "medium", "high", "critical"]

_NEGATION_FACTOR = -0.75
_NEGATION_WINDOW = 3
_CAPS_FACTOR = 1.3
_EXCLAMATION_BOOST = 0.3
_NORMALIZER = 15.0  # VADER-style squashing constant for the -4..4 valence scale
_NOT_NEGATED_AFTER = frozenset({"believe", "imagine", "wait"})
_SUPERLATIVES_AR = frozenset({"اسوا", "اسوء", "احسن", "افضل", "اروع", "اجمل"})


def _lines(block: str) -> list[str]:
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def _matcher(entries: dict[str, float] | list[str], max_gap: int = 0) -> PhraseMatcher:
    matcher: PhraseMatcher = PhraseMatcher(max_gap=max_gap)
    items = entries.items() if isinstance(entries, dict) else ((e, e) for e in entries)
    for phrase, payload in items:
        matcher.add(phrase, payload)
    return matcher


_LEXICON = {
    **lex.NEUTRAL_IDIOMS, **lex.POSITIVE_MORE, **lex.NEGATIVE_MORE,
    **lex.POSITIVE_EN, **lex.NEGATIVE_EN, **lex.POSITIVE_AR, **lex.NEGATIVE_AR,
}
_VALENCE: PhraseMatcher[float] = _matcher(_LEXICON)
_SINGLE_WORDS = {normalize(k): v for k, v in _LEXICON.items() if len(normalize(k).split()) == 1 and not k.endswith("*")}
_STEMS = {normalize(k)[:-1]: v for k, v in _LEXICON.items() if " " not in k and k.endswith("*")}
_SCALERS: PhraseMatcher[float] = _matcher(lex.INTENSIFIERS)
_PROFANITY = _matcher(_lines(lex.PROFANITY))
_THREATS = _matcher(_lines(lex.THREATS))
_SAFETY = _matcher(_lines(lex.SAFETY))
_LEGAL = _matcher(_lines(lex.LEGAL))
_MONEY_LOSS = _matcher(_lines(lex.MONEY_LOSS), max_gap=1)
_REPEATED = _matcher(_lines(lex.REPEATED))
_PERSISTING = _matcher(_lines(lex.PERSISTING))
_CHURN = _matcher(_lines(lex.CHURN), max_gap=1)
# Grievances carry negative sentiment even when worded neutrally ("I smell gas").
_GRIEVANCES = ((_SAFETY, -2.5), (_LEGAL, -2.0), (_MONEY_LOSS, -2.5))

_POSITIVE_EMOJI = re.compile("[\U0001F600-\U0001F60D\U0001F642\U0001F970\U0001F44D\u2764\U0001F64F\U0001F389\u263A]")
_NEGATIVE_EMOJI = re.compile("[\U0001F620-\U0001F62D\U0001F92C\U0001F44E\U0001F494\U0001F61E\U0001F612\U0001F644\U0001F615\U0001F616]")
_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")


def word_valence(token: str) -> float:
    """Valence (-4..4) of a single normalised word, 0 when it carries no sentiment."""
    forms = token_forms(token)
    for form in forms:
        if form in _SINGLE_WORDS:
            return _SINGLE_WORDS[form]
    for stem, valence in _STEMS.items():
        if any(form.startswith(stem) for form in forms):
            return valence
    return 0.0


def _negated(tokens: list[str], start: int, sentiment_starts: set[int]) -> bool:
    """A negator shortly before ``start``, not separated by a contrast or another sentiment word.

    Idioms are not negations: "can't believe how bad", "can't wait", and an
    Arabic superlative after "ما في" ("ما في اسوا من هيك" is as bad as it gets).
    """
    if tokens[start] in _SUPERLATIVES_AR:
        return False
    for k in range(start - 1, max(-1, start - 1 - _NEGATION_WINDOW), -1):
        if tokens[k] in CONTRAST or k in sentiment_starts:
            return False
        if is_negator(tokens[k]):
            return tokens[k + 1] not in _NOT_NEGATED_AFTER
    return False


def _scale(tokens: list[str], match: Match[float], scalers: list[Match[float]]) -> float:
    """Intensifier/diminisher factor: just before the word, or just after it for
    Arabic intensifiers, which usually follow ("زين جدا", "حلو مره", "kwayes awi")."""
    factor = 1.0
    for scaler in scalers:
        before = scaler.end in (match.start, match.start - 1)
        postpositive = is_arabic(tokens[scaler.start]) or is_arabizi(tokens[scaler.start])
        after = postpositive and scaler.start in (match.end, match.end + 1)
        if before or after:
            factor *= scaler.payload
    return factor


def _raw_valence(text: str, tokens: list[str]) -> float:
    """Summed valence of the lexicon words in ``text`` (before squashing to [-1, 1])."""
    strongest_first = sorted(_VALENCE.find(tokens), key=lambda m: (m.start, -m.end, -abs(m.payload)))
    matches = longest(strongest_first)
    covered = {i for m in matches for i in range(m.start, m.end)}
    scalers = longest(_SCALERS.find(tokens))
    scaler_starts = {m.start for m in scalers}
    for i, token in enumerate(tokens):
        core = split_joined_negation(token) if i not in covered and is_arabic(token) else None
        if core and (valence := word_valence(core)):
            matches.append(Match(core, 1, i, i + 1, -valence))  # "ماعجبني", "مايشتغل"
    sentiment_starts = {m.start for m in matches}
    contrast = max((i for i, t in enumerate(tokens) if t in CONTRAST), default=None)
    caps = {normalize(w) for w in _CAPS_WORD.findall(text)} if not text.isupper() else set()
    total = 0.0
    for match in matches:
        if match.start in scaler_starts and match.end - match.start == 1:
            continue  # "damn", "so": used as an intensifier, not as a word of its own
        valence = match.payload * _scale(tokens, match, scalers)
        if _negated(tokens, match.start, sentiment_starts):
            valence *= _NEGATION_FACTOR
        if tokens[match.start] in caps:
            valence *= _CAPS_FACTOR
        if contrast is not None:
            valence *= 0.5 if match.start < contrast else 1.5
        total += valence
    total += 2.0 * len(_POSITIVE_EMOJI.findall(text)) - 2.0 * len(_NEGATIVE_EMOJI.findall(text))
    if total:
        total += math.copysign(_EXCLAMATION_BOOST * min(text.count("!"), 4), total)
        if text.isupper() and len(_CAPS_WORD.findall(text)) >= 2:
            total *= 1.2  # shouting
    return total


def _has(matcher: PhraseMatcher, tokens: list[str]) -> bool:
    return bool(matcher.find(tokens))


def sentiment_score(text: str) -> float:
    """Sentiment in [-1, 1] for English, Arabic (MSA and dialects) or mixed text.

    Lexicon valences are adjusted for negation ("not happy", "مو زين", "مش
    كويس", "ماعجبني"), intensifiers and diminishers ("very", "جدا", "كثير",
    "awi", "شوي"), ALL-CAPS words, exclamation marks and a contrastive "but"
    / "بس" / "لكن" (the clause after it weighs more). Safety, legal and
    money-loss grievances count as negative; profanity, insults and threats
    force a strongly negative score.
    """
    tokens = tokenize(text)
    total = _raw_valence(text, tokens) + sum(v for m, v in _GRIEVANCES if _has(m, tokens))
    score = total / math.sqrt(total * total + _NORMALIZER)
    if _has(_THREATS, tokens):
        score = min(score, -0.95)
    elif _has(_PROFANITY, tokens):
        score = min(score, -0.8)
    return round(max(-1.0, min(1.0, score)), 4)


def complaint_severity(text: str) -> Severity:
    """How urgently a complaint needs attention.

    critical: safety (fire, gas, injury, حريق، تسرب غاز، اصابه), threats of
    violence, or a legal threat over lost money. high: a legal or regulator
    threat, money lost (charged twice, fraud, فلوسي راحت), or repeated
    failures ("third time", "كل مره"). medium: clearly negative, abusive,
    or a problem dragging on ("still waiting", "لسه"). low: everything else.
    """
    tokens = tokenize(text)
    if _has(_SAFETY, tokens) or _has(_THREATS, tokens):
        return "critical"
    legal, money = _has(_LEGAL, tokens), _has(_MONEY_LOSS, tokens)
    if legal and money:
        return "critical"
    points = 4 * legal + 4 * money
    points += 4 if _has(_REPEATED, tokens) else 2 if _has(_PERSISTING, tokens) else 0
    points += 1 if _has(_CHURN, tokens) else 0
    points += 2 if _has(_PROFANITY, tokens) else 0
    score = sentiment_score(text)
    points += 2 if score <= -0.5 else 1 if score <= -0.2 else 0
    if points >= 4:
        return "high"
    if points >= 2:
        return "medium"
    return "low"
