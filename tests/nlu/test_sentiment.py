from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.nlu.sentiment import complaint_severity, sentiment_score

SET = Path(__file__).with_name("sentiment.jsonl")


@pytest.mark.parametrize(
    "text",
    ["I am very happy with the service", "Thank you so much, you've been really helpful", "الخدمة ممتازة جدا",
     "يعطيك العافية ما قصرت", "كويس اوي، متشكر", "منيح كتير", "not bad at all", "مش وحش", "thanks, الخدمة ممتازة",
     "شكرا 😊", "I can't wait to try it", "ما في احسن منكم"],
)
def test_positive(text: str) -> None:
    assert sentiment_score(text) > 0.1


@pytest.mark.parametrize(
    "text",
    ["The service is terrible", "not happy", "I'm not satisfied", "مو زين", "مش كويس", "مب زين", "ماعجبني التعامل",
     "زعلان كثير", "الخدمة bad جدا", "this is a waste of my time", "I smell gas in the kitchen",
     "I can't believe how bad this is", "ما في اسوأ من هيك خدمة"],
)
def test_negative(text: str) -> None:
    assert sentiment_score(text) < -0.1


@pytest.mark.parametrize(
    "text", ["I want to pay my bill", "ابي احجز موعد يوم الاحد", "My name is Ahmed", "", "No thanks", "لا شكرا", "لا مشكور"]
)
def test_neutral(text: str) -> None:
    assert abs(sentiment_score(text)) < 0.1


def test_intensifiers_and_diminishers() -> None:
    assert sentiment_score("very good") > sentiment_score("good") > sentiment_score("a bit good") > 0
    assert sentiment_score("سيء جدا") < sentiment_score("سيء") < 0
    assert sentiment_score("وحش اوي") < sentiment_score("وحش")
    assert sentiment_score("kwayes awi") > sentiment_score("kwayes") > 0


def test_exclamation_and_caps_amplify() -> None:
    assert sentiment_score("this is terrible!!!") < sentiment_score("this is terrible")
    assert sentiment_score("this is TERRIBLE") < sentiment_score("this is terrible")


def test_contrast_weighs_the_second_clause() -> None:
    assert sentiment_score("the staff were nice but the wait was awful") < 0
    assert sentiment_score("التأخير كان مزعج بس الموظف ممتاز") > 0


def test_profanity_and_threats_are_strongly_negative() -> None:
    assert sentiment_score("thanks a lot you idiots") <= -0.8
    assert sentiment_score("يا حمار") <= -0.8
    assert sentiment_score("great service, I will kill you") <= -0.95


def test_score_is_bounded() -> None:
    scores = [sentiment_score(t) for t in ("excellent amazing perfect wonderful!!!! 😊😊😊", "worst awful TERRIBLE!!!!")]
    assert all(-1.0 <= s <= 1.0 for s in scores)


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("There is smoke coming out of the router", "critical"),
        ("I smell gas near the meter", "critical"),
        ("في ريحة غاز قوية عند العداد", "critical"),
        ("I will kill you", "critical"),
        ("You charged me twice and I will report you to the regulator", "critical"),
        ("I'm going to contact my lawyer about this", "high"),
        ("You took money from my account without permission", "high"),
        ("This is the fifth time I'm calling about the same problem", "high"),
        ("راح ارفع قضية عليكم", "high"),
        ("هذي عاشر مرة اتصل على نفس المشكلة", "high"),
        ("Your agent was rude to me", "medium"),
        ("الخدمة سيئة جدا وانا زعلان", "medium"),
        ("I have a question about my bill", "low"),
        ("ابي اقدم شكوى على الخدمة", "low"),
    ],
)
def test_complaint_severity(text: str, severity: str) -> None:
    assert complaint_severity(text) == severity


def _polarity(score: float) -> str:
    return "positive" if score >= 0.1 else "negative" if score <= -0.1 else "neutral"


def test_labelled_set() -> None:
    items = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) >= 150
    polarity = sum(_polarity(sentiment_score(i["text"])) == i["label"] for i in items) / len(items)
    assert polarity >= 0.95
    graded = [i for i in items if "severity" in i]
    severity = sum(complaint_severity(i["text"]) == i["severity"] for i in graded) / len(graded)
    assert severity >= 0.9
