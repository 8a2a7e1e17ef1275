from __future__ import annotations

import pytest

from agent.nlu.correction import Correction
from agent.nlu.understand import Understanding, understand


@pytest.mark.parametrize(
    ("text", "expect", "value"),
    [
        ("yes that's correct", "yes_no", "yes"),
        ("لا مو صحيح", "yes_no", "no"),
        ("hmm", "yes_no", None),
        ("one two three four", "digits", "1234"),
        ("zero five zero one two three four five six seven", "phone", "+966501234567"),
        ("john dot smith at gmail dot com", "email", "john.smith@gmail.com"),
        ("my name is John", "name", "John"),
        ("محمد العتيبي", "name", "محمد العتيبي"),
        ("عربي", "language", "ar"),
        ("2", "language", "en"),
        ("hello", "language", "en"),
        ("مرحبا", "language", "ar"),
        ("  I need help with my bill ", "free_text", "I need help with my bill"),
    ],
)
def test_value_for_expectation(text: str, expect: str, value: str | None) -> None:
    result = understand(text, expect)
    assert isinstance(result, Understanding)
    assert result.expect == expect
    assert result.value == value


def test_every_turn_reports_language_sentiment_and_escalation() -> None:
    result = understand("ابغى اكلم موظف، الخدمة سيئة جدا", "yes_no")
    assert result.wants_human
    assert result.language == "ar"
    assert result.sentiment < 0
    assert understand("I'd like to speak to an agent").wants_human
    assert not understand("yes").wants_human


def test_relaxations_only_apply_when_expected() -> None:
    assert understand("John Smith").name is None
    assert understand("John Smith", "name").name == "John Smith"
    assert understand("2").language_choice is None
    assert understand("2", "language").language_choice == "en"
    assert understand("English please").language_choice == "en"


def test_correction_during_read_back() -> None:
    result = understand("no, the email is wrong, it's sara at outlook dot com", "yes_no")
    assert result.yes_no == "no"
    assert result.correction == Correction(field="email", value="sara@outlook.com")


def test_region_interprets_national_numbers() -> None:
    assert understand("(415) 555-2671", "phone", region="US").phone == "+14155552671"
    assert understand("0501234567", "phone", region="SA").phone == "+966501234567"


def test_empty_turn() -> None:
    result = understand("", "free_text")
    assert result.value is None
    assert result.yes_no == "unknown"
    assert not result.wants_human
