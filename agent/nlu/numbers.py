"""Digits from speech: number words in English and Arabic dialects → digit strings."""

from __future__ import annotations

import re

from agent.nlu.arabic import strip_prefixes, tokenize

_UNITS_EN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "nil": 0, "nought": 0,
}
_TEENS_EN = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_EN = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_UNITS_AR = {
    "صفر": 0, "زيرو": 0,
    "واحد": 1, "وحده": 1, "احدي": 1, "اثنا": 2, "اثني": 2,
    "اثنين": 2, "اثنان": 2, "اتنين": 2, "ثنين": 2, "تنين": 2, "اثنتين": 2, "ثنتين": 2, "تنتين": 2,
    "ثلاثه": 3, "ثلاث": 3, "تلاته": 3, "تلات": 3, "تلاث": 3,
    "اربعه": 4, "اربع": 4,
    "خمسه": 5, "خمس": 5,
    "سته": 6, "ست": 6,
    "سبعه": 7, "سبع": 7,
    "ثمانيه": 8, "ثمان": 8, "ثماني": 8, "تمانيه": 8, "تمنيه": 8, "ثمنيه": 8, "تمان": 8, "تماني": 8,
    "تسعه": 9, "تسع": 9,
}
_TEENS_AR = {
    "عشره": 10, "عشر": 10,
    "احدعش": 11, "حدعش": 11, "حداشر": 11, "احداشر": 11, "احدعشر": 11,
    "اثنعش": 12, "ثنعش": 12, "اتناشر": 12, "طناش": 12, "اثناعشر": 12, "اثنعشر": 12,
    "ثلطعش": 13, "ثلاثطعش": 13, "تلتاشر": 13, "تلطاش": 13, "ثلاثهعشر": 13,
    "اربعطعش": 14, "اربعتاشر": 14, "اربعطاش": 14, "اربعهعشر": 14,
    "خمسطعش": 15, "خمستاشر": 15, "خمسطاش": 15, "خمسهعشر": 15,
    "سطعش": 16, "ستاشر": 16, "سطاش": 16, "ستهعشر": 16,
    "سبعطعش": 17, "سبعتاشر": 17, "سبعطاش": 17, "سبعهعشر": 17,
    "ثمنطعش": 18, "تمنتاشر": 18, "تمنطاش": 18, "ثمانيهعشر": 18,
    "تسعطعش": 19, "تسعتاشر": 19, "تسعطاش": 19, "تسعهعشر": 19,
}
_TENS_AR = {
    "عشرين": 20, "عشرون": 20,
    "ثلاثين": 30, "تلاتين": 30, "ثلاثون": 30,
    "اربعين": 40, "اربعون": 40,
    "خمسين": 50, "خمسون": 50,
    "ستين": 60, "ستون": 60,
    "سبعين": 70, "سبعون": 70,
    "ثمانين": 80, "تمانين": 80, "ثمانون": 80,
    "تسعين": 90, "تسعون": 90,
}
_HUNDREDS_AR = {
    "ميه": 100, "مئه": 100, "مايه": 100, "مائه": 100, "ميتين": 200, "مئتين": 200, "مائتين": 200,
    "مئتان": 200, "ثلاثميه": 300, "تلتميه": 300, "اربعميه": 400, "ربعميه": 400, "خمسميه": 500,
    "خمسميت": 500, "ستميه": 600, "سبعميه": 700, "ثمانميه": 800, "تمنميه": 800, "تسعميه": 900,
    "الفين": 2000,
}
_UNITS = {**_UNITS_EN, **_UNITS_AR}
_TEENS = {**_TEENS_EN, **_TEENS_AR}
_TENS = {**_TENS_EN, **_TENS_AR}
_HUNDRED = {"hundred", "مئه", "ميه", "مايه", "مائه"}
_THOUSAND = {"thousand", "الف", "الاف"}
_REPEAT = {"double": 2, "triple": 3, "treble": 3, "دبل": 2, "دبول": 2, "تريبل": 3}
_ZERO_LETTERS = {"oh", "o"}
_AND = {"and", "و"}
_DIGITS = re.compile(r"\d+")


def _lookup(token: str, table: dict[str, int]) -> int | None:
    """Value of ``token`` in ``table``, also trying it without a leading و/ب clitic."""
    if token in table:
        return table[token]
    for form in strip_prefixes(token):
        if form in table:
            return table[form]
    return None


def _is_number_token(token: str) -> bool:
    return bool(_DIGITS.fullmatch(token)) or _number_word(token) is not None or token in _HUNDRED


def _combine(group: int | None, value: int, kind: str, token: str) -> int | None:
    """``group`` extended by the number word ``token``, or None when a new number starts."""
    if group is None:
        return None
    joined = token.startswith("و")  # Arabic conjunction: "وعشرين"
    if kind == "unit" and ((20 <= group % 100 and group % 10 == 0) or (group >= 100 and group % 100 == 0)):
        return group + value  # "twenty one", "ميه وخمسه", "two hundred five"
    if kind in ("teen", "tens") and group >= 100 and group % 100 == 0:
        return group + value  # "one hundred twenty", "ميه وعشرين"
    if kind == "teen" and value == 10 and 1 <= group <= 9 and token in ("عشر", "عشره"):
        return group + value  # MSA spaced teens: "ثلاثه عشر" = 13
    if kind == "tens" and joined and 1 <= group % 100 <= 9:
        return group + value  # Arabic units-before-tens: "واحد وعشرين" = 21
    if kind == "hundreds" and group >= 1000 and group % 1000 == 0:
        return group + value  # "الفين وخمسميه"
    return None


def spoken_digits(text: str) -> str:
    """All digits spoken or typed in ``text``, in order, as one string.

    Handles digits, Arabic-Indic digits, digit words in English and Arabic
    dialects, compounds ("twenty one", "واحد وعشرين", "ميه وخمسه" → 105,
    "five hundred"), repeats ("double five" → 55, "دبل خمسه"), and "oh" for
    zero next to other digits. Consecutive simple digit words stay separate
    digits ("five five" → 55). Other words are ignored.
    """
    tokens = tokenize(text)
    out: list[str] = []
    group: int | None = None

    def flush() -> None:
        nonlocal group
        if group is not None:
            out.append(str(group))
            group = None

    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        prev = tokens[i - 1] if i else ""
        if token in _REPEAT and nxt and (_DIGITS.fullmatch(nxt) or _lookup(nxt, _UNITS) is not None):
            flush()
            digit = nxt if _DIGITS.fullmatch(nxt) else str(_lookup(nxt, _UNITS))
            out.append(digit * _REPEAT[token])
            i += 2
            continue
        word = _number_word(token)
        if _DIGITS.fullmatch(token):
            flush()
            out.append(token)
        elif token in _ZERO_LETTERS and (_is_number_token(prev) or _is_number_token(nxt)):
            flush()
            out.append("0")
        elif token == "a" and (nxt in _HUNDRED or nxt in _THOUSAND):
            flush()
            group = 1
        elif token in _HUNDRED and (group is None or group < 10):
            group = (group or 1) * 100
        elif token in _THOUSAND and (group is None or group < 1000):
            group = (group or 1) * 1000
        elif word is not None:
            value, kind = word
            combined = _combine(group, value, kind, token)
            if combined is None:
                flush()
                combined = value
            group = combined
        elif not (token in _AND and group is not None):
            flush()
        i += 1
    flush()
    return "".join(out)


def _number_word(token: str) -> tuple[int, str] | None:
    """(value, kind) for a number word; kind is unit, teen, tens or hundreds."""
    for table, kind in ((_UNITS, "unit"), (_TEENS, "teen"), (_TENS, "tens"), (_HUNDREDS_AR, "hundreds")):
        value = _lookup(token, table)
        if value is not None:
            return value, kind
    return None


def digit_word(token: str) -> str | None:
    """The digit for a single normalised digit word ("five", "خمسه", "٥"), else None."""
    if len(token) == 1 and token.isdigit():
        return token
    value = _UNITS.get(token)
    return None if value is None else str(value)
