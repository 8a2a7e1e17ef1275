from __future__ import annotations

import pytest

from agent.nlu.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I want to pay my bill", "en"),
        ("ابغى ادفع الفاتورة", "ar"),
        ("عايز اكلم حد", "ar"),
        ("بدي احكي مع موظف", "ar"),
        ("عندي problem في الـ bill", "mixed"),
        ("ابغى احجز appointment", "mixed"),
        ("my email is john@example.com", "en"),
        ("ايميلي john.smith@gmail.com", "ar"),
        ("رقمي 0501234567", "ar"),
        ("Call me on ٠٥٠١٢٣٤٥٦٧!!!", "en"),
        ("shukran, ya3ni el khedma kwayesa", "ar"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_text_without_words_uses_default() -> None:
    assert detect_language("12345 ...") == "en"
    assert detect_language("٥٥٥", default="ar") == "ar"
    assert detect_language("") == "en"
