"""Negation cues in English and Arabic dialects."""

from __future__ import annotations

NEGATORS = frozenset(
    {
        # English
        "not", "no", "never", "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "wasnt",
        "arent", "werent", "wont", "hasnt", "havent", "hadnt", "couldnt", "shouldnt",
        "wouldnt", "aint", "nothing", "neither", "nor", "without", "hardly", "barely",
        # Arabic: MSA, Gulf, Egyptian, Levantine, Iraqi
        "لا", "ما", "مو", "مش", "مب", "موب", "مهو", "ماهو", "مهوب", "مهب", "مي", "ماهي", "مهي",
        "ليس", "ليست", "لست", "لسنا", "لم", "لن", "غير", "بدون", "ولا", "مافي", "مافيه", "ماكو",
        "مانيش", "مناش",
    }
)
CONTRAST = frozenset({"but", "however", "although", "though", "بس", "لكن", "ولكن", "بينما", "انما"})

# Joined negation: "مايشتغل", "ماعجبني", and the Egyptian circumfix "ماعجبنيش".
_JOINED_PREFIXES = ("ما", "مو", "مش", "مب")


def is_negator(token: str) -> bool:
    """True for a standalone negation word (contractions like "don't" included)."""
    return token.replace("'", "") in NEGATORS or token.endswith("n't")


def split_joined_negation(token: str) -> str | None:
    """The core of a joined Arabic negation ("ماعجبنيش" → "عجبني"), else None.

    Only returns a core of at least three letters, so ordinary words that
    merely start with "ما" are left for the caller to check against a lexicon.
    """
    core = token
    if core.startswith("م") and core.endswith("ش") and len(core) >= 5:
        core = core[:-1]
        core = core[2:] if core.startswith("ما") else core[1:]
        return core if len(core) >= 3 else None
    for prefix in _JOINED_PREFIXES:
        if core.startswith(prefix) and len(core) - len(prefix) >= 3:
            return core[len(prefix) :]
    return None
