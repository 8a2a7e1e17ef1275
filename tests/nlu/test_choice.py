from __future__ import annotations

import pytest

from agent.nlu.choice import parse_language_choice


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("English", "en"), ("English please", "en"), ("In English, please.", "en"), ("انجليزي", "en"),
        ("الإنجليزية", "en"), ("انكليزي", "en"), ("عربي", "ar"), ("بالعربي لو سمحت", "ar"), ("Arabic", "ar"),
        ("العربية", "ar"), ("not English, Arabic", "ar"), ("no, English please", "en"), ("مو عربي، انجليزي", "en"),
        ("1", "ar"), ("2", "en"), ("one", "ar"), ("اثنين", "en"), ("٢", "en"),
    ],
)
def test_language_choice(text: str, choice: str) -> None:
    assert parse_language_choice(text) == choice


def test_no_choice() -> None:
    assert parse_language_choice("hello") is None
    assert parse_language_choice("12") is None


def test_digit_mapping_is_configurable() -> None:
    assert parse_language_choice("1", {"1": "en", "2": "ar"}) == "en"
    assert parse_language_choice("1", {}) is None
