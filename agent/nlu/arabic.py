"""Arabic-aware text normalisation and tokenisation.

Everything that compares words (intents, sentiment, routing) goes through
:func:`normalize` and :func:`tokenize`, so spelling variants such as
أ/إ/آ/ا, ى/ي, ة/ه, tashkeel and Arabic-Indic digits compare equal.
"""

from __future__ import annotations

import re
import unicodedata

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_INVISIBLE = re.compile("[\u0640\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

_CHAR_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ې": "ي",
        "ة": "ه",
        "ۀ": "ه",
        "ہ": "ه",
        "ھ": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",  # Persian kaf
        "گ": "ق",  # Gulf/Iraqi "g" spelling of qaf (گال = قال)
        "ڨ": "ق",
        "ڤ": "ف",
        "پ": "ب",
        "چ": "ج",
        "،": ",",
        "؛": ";",
        "؟": "?",
        "٪": "%",
        "٫": ".",
        "٬": ",",
        "۔": ".",
        "«": '"',
        "»": '"',
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)

# Final hamza after alef is routinely dropped in dialect spelling (شراء/شرا).
_FINAL_ALEF_HAMZA = re.compile("اء\\b")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)*|[\u0621-\u064a]+")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[a-z]")

# Leading clitics, longest first: conjunction + preposition + article.
_PREFIXES = (
    "وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال",
    "و", "ف", "ب", "ل", "ك",
)
# Trailing pronoun / plural suffixes (incl. the verb plural وا), longest first.
_SUFFIXES = ("كم", "هم", "ها", "نا", "ني", "ات", "ين", "ون", "وا", "ي", "ك", "ه")


def strip_diacritics(text: str) -> str:
    """Remove tashkeel, tatweel and invisible direction marks; keep letters as written."""
    return _INVISIBLE.sub("", _TASHKEEL.sub("", text))


def normalize(text: str) -> str:
    """Canonical matching form: NFKC, case-folded, Arabic letters unified, ASCII digits.

    Alef forms become ا, ى→ي, ة→ه, ؤ→و, ئ→ي, diacritics/tatweel are removed,
    Arabic-Indic and Persian digits become ASCII and Arabic punctuation becomes
    its ASCII counterpart.
    """
    text = unicodedata.normalize("NFKC", text)
    text = strip_diacritics(text).translate(_CHAR_MAP).casefold()
    text = _FINAL_ALEF_HAMZA.sub("ا", text)
    return _SPACES.sub(" ", text).strip()


def tokenize(text: str) -> list[str]:
    """Normalise and split into word tokens.

    Arabic and Latin runs are separate tokens, so a code-switched "الـbill"
    yields ``["ال", "bill"]``; punctuation is dropped and English
    contractions stay whole ("don't").
    """
    return [t.replace("’", "'") for t in _TOKEN.findall(normalize(text))]


def is_arabic(token: str) -> bool:
    """True when the token contains Arabic letters."""
    return bool(_ARABIC_LETTER.search(token))


def is_latin(token: str) -> bool:
    """True when the token contains Latin letters."""
    return bool(_LATIN_LETTER.search(token))


def strip_prefixes(token: str) -> list[str]:
    """Forms of an Arabic token with leading clitics removed (و ف ب ل ك ال ...).

    At least two letters must remain after an article or a conjunction
    ("وما" → "ما") and three after a preposition, so short words such as
    "بس" are not reduced to nothing; the unstripped token is always kept too.
    """
    forms: list[str] = []
    for prefix in _PREFIXES:
        minimum = 2 if "ال" in prefix or prefix in ("و", "ف") else 3
        if token.startswith(prefix) and len(token) - len(prefix) >= minimum:
            forms.append(token[len(prefix) :])
    return forms


def strip_suffixes(token: str) -> list[str]:
    """Forms of an Arabic token with one pronoun/plural suffix removed.

    A stem ending in ت also yields the ه form, restoring a taa marbuta
    ("فاتورتي" → "فاتورت" → "فاتوره").
    """
    forms: list[str] = []
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            stem = token[: -len(suffix)]
            forms.append(stem)
            if stem.endswith("ت"):
                forms.append(stem[:-1] + "ه")
    return forms


def without_article(text: str) -> str:
    """``text`` normalised with the article dropped from its Arabic words ("الدعم الفني" → "دعم فني")."""
    return " ".join(
        w[2:] if w.startswith("ال") and len(w) >= 4 and is_arabic(w) else w for w in normalize(text).split()
    )


def arabic_variants(token: str) -> set[str]:
    """The token plus its prefix-stripped, suffix-stripped and doubly stripped forms.

    A final tanween alef is dropped too ("صحيحا" → "صحيح", "تماما" → "تمام").
    """
    bases = [token, *strip_prefixes(token)]
    bases += [base[:-1] for base in bases if base.endswith("ا") and len(base) >= 4]
    variants = set(bases)
    for base in bases:
        variants.update(strip_suffixes(base))
    return variants


def english_variants(token: str) -> set[str]:
    """The token plus light inflection-stripped forms (plural, -ed, -ing, -ly)."""
    variants = {token}
    if len(token) <= 3 or not token.isalpha():
        return variants
    if token.endswith("ies"):
        variants.add(token[:-3] + "y")
    elif token.endswith(("ches", "shes", "sses", "xes")):
        variants.add(token[:-2])
    elif token.endswith("s") and not token.endswith(("ss", "us", "is")):
        variants.add(token[:-1])
    for suffix in ("ed", "ing"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            stem = token[: -len(suffix)]
            variants.update({stem, stem + "e"})
            if len(stem) > 3 and stem[-1] == stem[-2]:
                variants.add(stem[:-1])
    if token.endswith("ly") and len(token) > 5:
        variants.add(token[:-2])
    return variants


def variants(token: str) -> set[str]:
    """Matching forms of a normalised token in either script."""
    return arabic_variants(token) if is_arabic(token) else english_variants(token)
