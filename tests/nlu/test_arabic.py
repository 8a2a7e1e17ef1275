from __future__ import annotations

import pytest

from agent.nlu.arabic import arabic_variants, normalize, strip_diacritics, tokenize, without_article


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد", "احمد"),
        ("إسلام", "اسلام"),
        ("آمال", "امال"),
        ("ٱلله", "الله"),
        ("مستشفى", "مستشفي"),
        ("فاتورة", "فاتوره"),
        ("مسؤول", "مسوول"),
        ("رئيس", "رييس"),
        ("مُحَمَّدٌ", "محمد"),
        ("شكـــــرا", "شكرا"),
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("نعم، تمام؟", "نعم, تمام?"),
        ("ﻻ", "لا"),
        ("Hello   WORLD", "hello world"),
        ("شراء", "شرا"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_strip_diacritics_keeps_letters_as_written() -> None:
    assert strip_diacritics("أَحْمَد") == "أحمد"


def test_tokenize_splits_scripts_and_drops_punctuation() -> None:
    assert tokenize("عندي problem في الـbill!") == ["عندي", "problem", "في", "ال", "bill"]
    assert tokenize("I don't know.") == ["i", "don't", "know"]
    assert tokenize("رقمي ٠٥٥") == ["رقمي", "055"]


@pytest.mark.parametrize(
    ("token", "form"),
    [("وبالفاتوره", "فاتوره"), ("فاتورتي", "فاتوره"), ("والموعد", "موعد"), ("للحساب", "حساب"), ("وما", "ما"),
     ("احجزوا", "احجز"), ("حسابي", "حساب")],
)
def test_clitics_are_stripped_for_matching(token: str, form: str) -> None:
    assert form in arabic_variants(token)


@pytest.mark.parametrize("token", ["بس", "ولد", "من", "في"])
def test_short_words_keep_their_reading(token: str) -> None:
    variants = arabic_variants(token)
    assert token in variants
    assert all(len(v) >= 2 for v in variants)


def test_without_article() -> None:
    assert without_article("الدعم الفني") == "دعم فني"
    assert without_article("Technical Support") == "technical support"
