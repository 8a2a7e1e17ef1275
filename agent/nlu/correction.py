"""Corrections during read-back ("the email is wrong", "change my phone to ...", "الاسم غلط")."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from agent.nlu.arabic import tokenize
from agent.nlu.contact import extract_email, extract_phone
from agent.nlu.names import extract_name
from agent.nlu.phrases import PhraseMatcher

Field = Literal["name", "phone", "email"]


class Correction(BaseModel):
    """What the caller says is wrong, and the new value if they gave one.

    ``value`` is normalised like the first capture: E.164 for phones, a
    validated lower-case address for emails, the name as spoken for names.
    """

    field: Field | None = None
    value: str | None = None


_FIELDS: PhraseMatcher[Field] = PhraseMatcher()
for _phrase in ("name", "first name", "last name", "surname", "family name", "spelling",
                "اسم", "اسم العائله", "الاسم الاول", "الكنيه"):
    _FIELDS.add(_phrase, "name")
for _phrase in ("phone", "number", "mobile", "cell", "telephone", "رقم", "جوال", "موبايل", "تلفون",
                "تليفون", "هاتف", "نمره"):
    _FIELDS.add(_phrase, "phone")
for _phrase in ("email", "e-mail", "e mail", "mail", "email address", "ايميل", "اميل", "ميل", "بريد",
                "البريد الالكتروني"):
    _FIELDS.add(_phrase, "email")

_CUES: PhraseMatcher[str] = PhraseMatcher()
for _phrase in (
    "wrong", "incorrect", "not right", "not correct", "mistake", "error", "typo", "change", "update",
    "fix", "edit", "modify", "replace", "should be", "actually", "instead", "misspelled",
    "spelled wrong", "no", "not quite",
    "غلط", "خطا", "خاطي", "مو صحيح", "مش صح", "مش صحيح", "مب صحيح", "غير صحيح", "مو صح", "مب صح",
    "غير", "غيري", "غيره", "عدل", "عدلي", "عدله", "تعديل", "بدل", "بدله", "صحح", "صححه", "تغيير",
    "اغير", "المفروض", "الصح", "الصحيح", "مو كذا", "مش كده", "لا", "بالغلط", "تصحيح",
):
    _CUES.add(_phrase, _phrase)

# Words after which a new name value follows ("change my name to X", "الاسم الصحيح هو X").
_VALUE_MARKERS = frozenset({"to", "be", "is", "it's", "its", "الى", "يكون", "هو", "الصح", "الصحيح", "صار", "خليه"})


def _new_name(text: str) -> str | None:
    name = extract_name(text)
    if name:
        return name
    tokens = text.split()
    lowered = [t.lower().strip(",.!?،") for t in tokens]
    last = max((i for i, t in enumerate(lowered) if t in _VALUE_MARKERS), default=None)
    return extract_name(" ".join(tokens[last + 1 :]), bare=True) if last is not None else None


def parse_correction(text: str, region: str = "SA") -> Correction | None:
    """A correction of a read-back detail, or None when the text is not one.

    Needs a correction cue ("wrong", "change", "غلط", "عدل", "no" ...). The
    field is the one mentioned nearest to the cue, else inferred from a new
    phone number or email in the text; a bare "that's wrong" gives a
    correction with neither field nor value.
    """
    tokens = tokenize(text)
    cues = _CUES.find(tokens)
    if not cues:
        return None
    fields = _FIELDS.find(tokens)
    email = extract_email(text)
    phone = extract_phone(text, region)
    field: Field | None = None
    if fields:
        cue = cues[0].start
        field = min(fields, key=lambda f: (abs(f.start - cue), f.start > cue)).payload
    elif email:
        field = "email"
    elif phone:
        field = "phone"
    values = {"email": email, "phone": phone, "name": _new_name(text) if field == "name" else None}
    strong_cue = any(c.payload not in ("no", "لا") for c in cues)
    if field is None and not strong_cue:
        return None
    return Correction(field=field, value=values.get(field) if field else None)
