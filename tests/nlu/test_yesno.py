from __future__ import annotations

import pytest

from agent.nlu.yesno import parse_yes_no

YES = [
    "yes", "Yeah", "yep", "Sure", "Correct", "that's right", "Yes, that's correct", "of course", "absolutely",
    "no problem", "not wrong", "نعم", "ايوه", "أيوا", "أيوة", "اه", "آه", "اي", "إي والله", "ايه نعم", "صح", "صحيح",
    "تمام", "اكيد", "أكيد", "طبعا", "بالضبط", "مظبوط", "هيه", "ماشي", "مش غلط", "مو غلط", "لا مشكلة", "اوكي",
    "أجل", "بلى", "هو كذلك", "صحيح تماماً",
]
NO = [
    "no", "Nope", "nah", "No, that's wrong", "not correct", "that's not right", "incorrect", "I don't think so",
    "of course not", "no thanks", "yes but the email is wrong", "لا", "لأ", "لاء", "كلا", "غلط", "خطأ", "مش صح",
    "مو صحيح", "مب صحيح", "ماهو صحيح", "ما هو صحيح", "لا غلط", "مش كده", "مو كذا", "لا شكرا", "ليس صحيحاً",
    "ليس كذلك", "هذا غير صحيح",
]
UNKNOWN = ["", "hello", "I'm not sure", "maybe", "I don't know", "مدري", "ما ادري", "مش عارف", "مش متأكد", "يمكن",
           "what time is it"]


@pytest.mark.parametrize("text", YES)
def test_yes(text: str) -> None:
    assert parse_yes_no(text) == "yes"


@pytest.mark.parametrize("text", NO)
def test_no(text: str) -> None:
    assert parse_yes_no(text) == "no"


@pytest.mark.parametrize("text", UNKNOWN)
def test_unknown(text: str) -> None:
    assert parse_yes_no(text) == "unknown"


def test_last_answer_wins() -> None:
    assert parse_yes_no("no, wait, yes") == "yes"
    assert parse_yes_no("yes... actually no") == "no"
    assert parse_yes_no("لا لا، صح") == "yes"
