from __future__ import annotations

import pytest

from agent.nlu.contact import extract_email, extract_phone, normalize_phone


@pytest.mark.parametrize(
    ("text", "region", "e164"),
    [
        ("0501234567", "SA", "+966501234567"),
        ("my number is +966 50 123 4567", "SA", "+966501234567"),
        ("call me on 050-123-4567 please", "SA", "+966501234567"),
        ("٠٥٠١٢٣٤٥٦٧", "SA", "+966501234567"),
        ("zero five zero one two three four five six seven", "SA", "+966501234567"),
        ("zero five oh double one two three four five six", "SA", "+966501123456"),
        ("صفر خمسة صفر واحد اثنين ثلاثة اربعة خمسة ستة سبعة", "SA", "+966501234567"),
        ("plus nine six six five zero one two three four five six seven", "SA", "+966501234567"),
        ("زائد ٩٦٦ ٥٠ ١٢٣ ٤٥٦٧", "SA", "+966501234567"),
        ("four one five five five five two six seven one", "US", "+14155552671"),
        ("(415) 555-2671", "US", "+14155552671"),
        ("01001234567", "EG", "+201001234567"),
    ],
)
def test_extract_phone(text: str, region: str, e164: str) -> None:
    assert extract_phone(text, region) == e164


@pytest.mark.parametrize("text", ["double five", "my order is 12345", "no number", ""])
def test_no_phone(text: str) -> None:
    assert extract_phone(text, "SA") is None


def test_normalize_phone() -> None:
    assert normalize_phone("050 123 4567") == "+966501234567"
    assert normalize_phone("+1 415 555 2671", "SA") == "+14155552671"
    assert normalize_phone("12") is None


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("john.smith@example.com", "john.smith@example.com"),
        ("My email is John.Smith@Gmail.com, thanks", "john.smith@gmail.com"),
        ("john dot smith at gmail dot com", "john.smith@gmail.com"),
        ("it's sara underscore ali at hotmail dot com", "sara_ali@hotmail.com"),
        ("j o h n at yahoo dot com", "john@yahoo.com"),
        ("ahmed one two three at outlook dot com please", "ahmed123@outlook.com"),
        ("mike at company dash name dot co dot uk", "mike@company-name.co.uk"),
        ("جون at gmail dot com", "جون@gmail.com"),
        ("ايميلي ahmed ات جيميل دوت كوم", "ahmed@gmail.com"),
        ("البريد هو ahmed نقطة ali آت gmail نقطة com", "ahmed.ali@gmail.com"),
    ],
)
def test_extract_email(text: str, email: str) -> None:
    assert extract_email(text) == email


@pytest.mark.parametrize("text", ["I am at home", "email me at some point", "x@y", ""])
def test_no_email(text: str) -> None:
    assert extract_email(text) is None
