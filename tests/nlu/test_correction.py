from __future__ import annotations

import pytest

from agent.nlu.correction import Correction, parse_correction


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("the email is wrong", "email", None),
        ("change my phone to 0501234567", "phone", "+966501234567"),
        ("no my number is 0551234567", "phone", "+966551234567"),
        ("my email should be john at gmail dot com", "email", "john@gmail.com"),
        ("change my name to Ahmed", "name", "Ahmed"),
        ("the name is right but the phone is wrong", "phone", None),
        ("الاسم غلط", "name", None),
        ("الاسم غلط، اسمي أحمد", "name", "أحمد"),
        ("الايميل خطأ", "email", None),
        ("رقم الجوال غلط الصحيح صفر خمسة صفر واحد اثنين ثلاثة اربعة خمسة ستة سبعة", "phone", "+966501234567"),
        ("عدل الرقم", "phone", None),
    ],
)
def test_parse_correction(text: str, field: str, value: str | None) -> None:
    assert parse_correction(text) == Correction(field=field, value=value)


def test_unspecified_correction() -> None:
    assert parse_correction("that's wrong") == Correction()


@pytest.mark.parametrize("text", ["yes", "no", "نعم", "my name is John", "I want to pay my bill"])
def test_not_a_correction(text: str) -> None:
    assert parse_correction(text) is None
