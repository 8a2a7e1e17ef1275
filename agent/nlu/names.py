"""Caller name extraction ("my name is X", "اسمي X", "معك X"), returned as spoken."""

from __future__ import annotations

import re
import unicodedata

from agent.nlu.arabic import is_arabic, normalize, strip_diacritics
from agent.nlu.sentiment import word_valence

# (trigger tokens, strong) — strong triggers accept any name-like words.
_TRIGGERS: tuple[tuple[tuple[str, ...], bool], ...] = tuple(
    (tuple(normalize(t).split()), strong)
    for t, strong in (
        ("my name is", True), ("my name's", True), ("my names", True), ("name is", True),
        ("name's", True), ("you can call me", True), ("call me", True), ("the name is", True),
        ("i'm", False), ("im", False), ("i am", False), ("this is", False), ("it's", False),
        ("its", False), ("it is", False),
        ("انا اسمي", True), ("اسمي هو", True), ("اسمي", True), ("الاسم", True), ("اسمي يكون", True),
        ("معك", False), ("معاك", False), ("معكم", False), ("معاكم", False), ("انا", False),
        ("هذا", False), ("انا اكون", False),
    )
)
_TRIGGERS = tuple(sorted(_TRIGGERS, key=lambda t: -len(t[0])))

_PARTICLES = frozenset({"bin", "bint", "al", "el", "abu", "abdul", "abd", "van", "de", "da", "di",
                        "بن", "بنت", "ابو", "ام", "عبد", "ال", "ابن"})
_NOT_NAMES = frozenset(
    normalize(w)
    for w in """
    a an the and or but so to of in on at for from with about by as is am are was were be been
    calling call called trying looking having going gonna wanna not no yes yeah very really just
    here there fine good ok okay great happy sad upset angry sorry sure interested your my his her
    their our it this that what who how why when where done back still also already new old
    customer client member user because due regarding concerning waiting unable able glad tired
    frustrated disappointed annoyed confused wondering asking afraid late available busy free
    ready again never always actually hello hi hey thanks thank please speaking same one someone
    somebody person human agent the name number phone email calling want need would like like
    have has had do does did can could will shall should may might must get got
    bored excited married retired located based interested supposed stuck done going
    spelled spelt misspelled incorrect correct actually
    اسمي الاسم اسم انا انت هو هي نحن احنا ابغى ابغي ابي ابا اريد عايز عاوز عايزه بدي حاب ودي محتاج
    محتاجه عندي كنت متصل متصله اتصل اتصلت زعلان زعلانه مبسوط مبسوطه تعبان تعبانه جاي رايح هنا من
    في على عن مع الى مش مو مب ما لا نعم اي ايوه بس والله طيب تمام حق عميل عميله مشترك موظف اللي
    الي يعني شوي كثير جدا مره اول عشان علشان لان بخصوص بشان حاليا الحين دلوقتي هلا هلق لسه توي
    متاكد متضايق مستعجل مشغول فاضي جاهز بحاجه نفس اخوك اختك ابوك امك رقم رقمي الرقم جوال ايميل
    """.split()
)
_TITLES = frozenset(normalize(w) for w in "mr mrs ms miss dr doctor eng sheikh د دكتور دكتوره الدكتور الدكتوره مهندس المهندس م استاذ الاستاذ استاذه الشيخ شيخ".split())
_CLAUSE_BREAK = re.compile(r"[,.!?;:،؛؟]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_FILLERS = frozenset(normalize(w) for w in "yes yeah sure ok okay um uh er hi hello it's its نعم اكيد ايوه اهلا مرحبا طيب".split())


def _stop_word(norm: str, strong: bool) -> bool:
    """Words that end (or rule out) a name.

    Sentiment words rule out a name after weak triggers ("I'm happy", "انا
    زعلان"); after strong ones only negative words do, since names such as
    سعيد, جميل or Grace are also positive words.
    """
    valence = word_valence(norm)
    if norm in _NOT_NAMES or valence < 0 or (valence > 0 and not strong):
        return True
    return is_arabic(norm) and norm[:1] in "وف" and (norm[1:] in _NOT_NAMES or norm[1:].startswith("ال"))


def _plausible_weak(raw: str, norm: str, cased: bool) -> bool:
    """Extra checks for weak triggers ("I'm X", "انا X"), which often precede non-names."""
    if is_arabic(norm):
        return True
    if cased:
        return raw[:1].isupper()
    return not norm.endswith(("ing", "ly"))


def extract_name(text: str, bare: bool = False) -> str | None:
    """The caller's name as spoken (Arabic or Latin script, original spelling).

    Looks for introductions such as "my name is X", "I'm X", "this is X",
    "اسمي X", "انا X", "معك X" and takes up to four name words, stopping at
    punctuation or a non-name word ("I'm calling about ..." yields nothing).
    With ``bare`` (the caller was just asked for their name) a short answer
    without an introduction ("John Smith", "محمد العتيبي") is taken whole.
    """
    clean = unicodedata.normalize("NFC", strip_diacritics(text))
    words = list(_WORD.finditer(clean))
    norms = [normalize(w.group()) for w in words]
    cased = clean != clean.lower() and clean != clean.upper()
    for start in range(len(words)):
        for trigger, strong in _TRIGGERS:
            end = start + len(trigger)
            if tuple(norms[start:end]) != trigger:
                continue
            if not strong and end < len(words) and not _plausible_weak(words[end].group(), norms[end], cased):
                continue
            name = _take_name(clean, words, norms, end, strong)
            if name:
                return name
    if bare:
        first = 0
        while first < len(words) and norms[first] in _FILLERS:
            first += 1
        if 0 < len(words) - first <= 4:
            name = _take_name(clean, words, norms, first, strong=True)
            if name and len(name.split()) == len(words) - first:
                return name
    return None


def _take_name(clean: str, words: list[re.Match[str]], norms: list[str], start: int, strong: bool) -> str | None:
    """Up to four (strong) or three (weak trigger) name words from ``start``."""
    taken: list[str] = []
    while start < len(words) - 1 and norms[start] in _TITLES:
        start += 1  # "Dr. Khalid" → "Khalid"
    for k in range(start, min(len(words), start + (4 if strong else 3))):
        if k > start and _CLAUSE_BREAK.search(clean[words[k - 1].end() : words[k].start()]):
            break
        if _stop_word(norms[k], strong) and not (taken and norms[k] in _PARTICLES):
            break
        taken.append(words[k].group())
    while taken and normalize(taken[-1]) in _PARTICLES:
        taken.pop()
    return " ".join(taken) or None
