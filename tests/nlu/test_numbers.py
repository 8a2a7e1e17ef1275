from __future__ import annotations

import pytest

from agent.nlu.numbers import digit_word, spoken_digits


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("five five five one two three four", "5551234"),
        ("zero five oh one", "0501"),
        ("double five", "55"),
        ("triple seven two", "7772"),
        ("twenty one", "21"),
        ("one hundred and five", "105"),
        ("a hundred", "100"),
        ("nineteen eighty four", "1984"),
        ("my number is 055 123 4567", "0551234567"),
        ("055-123-4567", "0551234567"),
        ("٠٥٥١٢٣", "055123"),
        ("صفر خمسة خمسة", "055"),
        ("اتنين تلاتة تمانية", "238"),
        ("ثنين ثلاث ثمان", "238"),
        ("تنين تلاتة", "23"),
        ("واحد وعشرين", "21"),
        ("ميه وخمسه", "105"),
        ("الفين وخمسميه", "2500"),
        ("اثنا عشر", "12"),
        ("حداشر", "11"),
        ("دبل خمسه", "55"),
        ("oh I see", ""),
        ("no digits here", ""),
    ],
)
def test_spoken_digits(text: str, digits: str) -> None:
    assert spoken_digits(text) == digits


def test_digit_word() -> None:
    assert digit_word("five") == "5"
    assert digit_word("خمسه") == "5"
    assert digit_word("7") == "7"
    assert digit_word("twenty") is None
    assert digit_word("hello") is None
