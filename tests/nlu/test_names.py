from __future__ import annotations

import pytest

from agent.nlu.names import extract_name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My name is John Smith", "John Smith"),
        ("my name is John and I want to pay my bill", "John"),
        ("I'm Sarah", "Sarah"),
        ("This is Ahmed from Riyadh", "Ahmed"),
        ("Hi, it's Fatima", "Fatima"),
        ("You can call me Mike", "Mike"),
        ("my name is abdul rahman", "abdul rahman"),
        ("The name is Mary O'Brien", "Mary O'Brien"),
        ("اسمي محمد", "محمد"),
        ("انا اسمي أحمد العتيبي", "أحمد العتيبي"),
        ("اسمي عبد الله بن سالم", "عبد الله بن سالم"),
        ("انا خالد", "خالد"),
        ("معك سارة", "سارة"),
        ("معاك نورة من جدة", "نورة"),
        ("اسمي محمد وابغى اشتكي", "محمد"),
        ("اسمي سعيد", "سعيد"),
        ("اسمي مُحَمَّد", "محمد"),
        ("This is Dr. Khalid", "Khalid"),
        ("معك أبو فهد", "أبو فهد"),
    ],
)
def test_extract_name(text: str, name: str) -> None:
    assert extract_name(text) == name


@pytest.mark.parametrize(
    "text",
    ["I'm calling about my bill", "this is terrible", "I'm happy", "i'm calling", "انا زعلان",
     "انا ابغى احجز موعد", "معك حق", "the name is wrong", "my name is spelled wrong", "I want to pay my bill"],
)
def test_no_name(text: str) -> None:
    assert extract_name(text) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [("John Smith", "John Smith"), ("محمد العتيبي", "محمد العتيبي"), ("yes it's John", "John"), ("نعم، خالد", "خالد")],
)
def test_bare_name_when_asked(text: str, name: str) -> None:
    assert extract_name(text, bare=True) == name
    assert extract_name(text) in (None, name)


def test_bare_mode_rejects_sentences() -> None:
    assert extract_name("I want to pay my bill", bare=True) is None
    assert extract_name("ابغى احجز موعد بكرة", bare=True) is None
