"""Detects a caller asking for a human agent, in any turn."""

from __future__ import annotations

from agent.nlu.arabic import tokenize
from agent.nlu.phrases import Match, PhraseMatcher

# Who the caller wants. Strong targets are unambiguous staff; weak ones
# ("someone", "حد") need a talk/transfer verb; bots count when refused.
_STRONG = (
    "human", "human being", "real human", "agent", "live agent", "real agent", "representative",
    "rep", "operator", "real person", "live person", "actual person", "a person", "employee",
    "staff", "staff member", "customer service", "customer care", "customer support",
    "موظف", "موظفه", "الموظفين", "انسان", "بني ادم", "بشر", "بشري", "شخص حقيقي", "انسان حقيقي",
    "مندوب", "ممثل", "خدمه العملاء", "خدمه عملاء", "اوبريتور", "كول سنتر", "الكول سنتر",
    "manager", "supervisor", "مدير", "مشرف", "مسؤول",
)
_WEAK = (
    "someone", "somebody", "anyone", "anybody", "person", "someone else", "حد", "احد", "حدا",
    "حدن", "شخص", "واحد",
)
_BOTS = (
    "robot", "bot", "machine", "computer", "automated system", "recording", "voice bot",
    "روبوت", "ربوت", "اله", "كمبيوتر", "تسجيل", "ذكاء اصطناعي", "رد الي", "مسجل",
)
# Talk/transfer verbs: enough for any target.
_TALK = frozenset(
    {
        "talk", "speak", "chat", "connect", "transfer", "through", "reach", "escalate",
        "اكلم", "اكلمه", "نكلم", "اتكلم", "نتكلم", "احكي", "نحكي", "احچي", "اتواصل", "تواصلني",
        "حولني", "حوليني", "حولوني", "حولنا", "وصلني", "وصليني", "وصلوني", "كلموني", "تكلم",
        "يكلمني", "يتواصل", "احول", "تحولني", "تحويل", "توصلني", "اكلمكم", "اخاطب",
    }
)
# Request verbs: enough for strong targets ("I want an agent", "ابي موظف").
_REQUEST = _TALK | frozenset(
    {
        "want", "need", "get", "give", "like", "let", "request", "prefer", "please", "where",
        "ابي", "ابغى", "ابغي", "ابا", "بدي", "عايز", "عاوز", "عايزه", "اريد", "ابغا", "ودي", "ممكن",
        "عطني", "اعطني", "جيبلي", "هاتلي", "خليني", "نبي", "نبغى", "بدنا", "عايزين", "محتاج",
        "لو", "سمحت", "فين", "وين",
    }
)
# Refusals; ability negations ("can't", "won't let me") express frustration instead.
_REFUSALS = frozenset({"don't", "dont", "not", "no", "never", "ما", "مو", "مش", "مب", "لا", "ماابي", "مابي", "مابغى"})
_FILLERS = frozenset({"please", "now", "a", "an", "the", "to", "i", "لو", "سمحت", "ممكن", "الحين", "بسرعه",
                      "يا", "اخي", "اخوي", "just", "give", "me", "real"})
_MAX_REACH = 5


def _matcher(phrases: tuple[str, ...]) -> PhraseMatcher[str]:
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for phrase in phrases:
        matcher.add(phrase, phrase)
    return matcher


_STRONG_M, _WEAK_M, _BOTS_M = _matcher(_STRONG), _matcher(_WEAK), _matcher(_BOTS)


def _preceded(tokens: list[str], target: Match[str], words: frozenset[str], reach: int = _MAX_REACH) -> int | None:
    """Index of the nearest word from ``words`` within ``reach`` tokens before the target."""
    for k in range(target.start - 1, max(-1, target.start - 1 - reach), -1):
        if tokens[k] in words:
            return k
    return None


def _refused(tokens: list[str], index: int) -> bool:
    return any(tokens[k] in _REFUSALS for k in range(max(0, index - 3), index))


def wants_human(text: str) -> bool:
    """True when the caller asks for a person rather than the automated agent.

    Covers English and Arabic dialects: "I want a human", "let me talk to
    someone", "agent please", "أبي أكلم موظف", "ابغى اكلم احد", "عايز اكلم
    حد", "بدي احكي مع موظف", "حولني على موظف", and refusing the machine
    ("I don't want to talk to a robot"). "I don't need an agent" and "your
    agent was rude" are not requests.
    """
    tokens = tokenize(text)
    for target in _STRONG_M.find(tokens):
        verb = _preceded(tokens, target, _REQUEST)
        if _refused(tokens, verb if verb is not None else target.start):
            continue
        rest = [t for i, t in enumerate(tokens) if not target.start <= i < target.end]
        if verb is not None or all(t in _FILLERS for t in rest):
            return True
    for target in _WEAK_M.find(tokens):
        verb = _preceded(tokens, target, _TALK)
        if verb is not None and not _refused(tokens, verb):
            return True
    for target in _BOTS_M.find(tokens):
        verb = _preceded(tokens, target, _REQUEST)
        if (verb is not None and _refused(tokens, verb)) or (target.start and tokens[target.start - 1] in _REFUSALS):
            return True
    return False
