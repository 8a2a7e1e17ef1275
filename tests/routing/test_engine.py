from __future__ import annotations

import pytest

from agent.routing import Department, RoutingEngine, RoutingRule, load_default_rules


@pytest.fixture(scope="module")
def engine() -> RoutingEngine:
    return RoutingEngine(*load_default_rules())


CASES = [
    # billing
    ("I was charged twice this month", "billing"),
    ("I want a refund for a wrong charge", "billing"),
    ("How do I pay my invoice?", "billing"),
    ("ليش الفاتورة غالية هالشهر؟", "billing"),
    ("عايز استرجاع المبلغ", "billing"),
    ("بدي مصاريي، انخصم مني زيادة", "billing"),
    ("عندي problem في الـ bill", "billing"),
    # technical support
    ("My internet is not working since yesterday", "technical_support"),
    ("The app crashes when I log in", "technical_support"),
    ("النت مقطوع من امس", "technical_support"),
    ("الابلكيشن بايظ", "technical_support"),
    ("ما عم يشتغل الراوتر", "technical_support"),
    ("يطلعلي error في التطبيق", "technical_support"),
    # appointments
    ("I'd like to book an appointment for next week", "appointments"),
    ("Can I reschedule my visit to Thursday?", "appointments"),
    ("ابي احجز موعد عند الدكتور", "appointments"),
    ("عايز الغي الميعاد", "appointments"),
    ("بدي اجل الموعد", "appointments"),
    ("ابغى احجز appointment", "appointments"),
    # sales
    ("How much is the premium package?", "sales"),
    ("Do you have any offers this month?", "sales"),
    ("كم سعر الباقة الجديدة؟", "sales"),
    ("الباقة دي بكام؟", "sales"),
    ("قديش سعر الاشتراك؟", "sales"),
    ("ابي upgrade للباقة", "sales"),
    # complaints
    ("I want to file a complaint about your staff", "complaints"),
    ("The employee was extremely rude to me", "complaints"),
    ("ابي اقدم شكوى على الموظف", "complaints"),
    ("الموظف كان قليل ادب", "complaints"),
    ("عايز اشتكي من سوء المعاملة", "complaints"),
    ("ابي اسوي complaint على الخدمة", "complaints"),
    # reception
    ("What are your opening hours?", "reception"),
    ("Where is your nearest branch?", "reception"),
    ("وين اقرب فرع؟", "reception"),
    ("شو الدوام عندكم؟", "reception"),
    ("ما هي ساعات العمل لديكم؟", "reception"),
    ("وين الـ location حقكم؟", "reception"),
]


@pytest.mark.parametrize(("text", "department"), CASES)
def test_routes_to_department(engine: RoutingEngine, text: str, department: str) -> None:
    decision = engine.route(text)
    assert decision.department == department
    assert decision.source == "rules"
    assert 0.0 <= decision.confidence <= 1.0
    assert decision.matched


def test_decision_language(engine: RoutingEngine) -> None:
    assert engine.route("I want to pay my bill").language == "en"
    assert engine.route("ابي ادفع الفاتورة").language == "ar"
    assert engine.route("ابي ادفع الـ bill").language == "mixed"


def test_longest_match_wins(engine: RoutingEngine) -> None:
    assert engine.route("I want to upgrade my internet package").department == "sales"
    assert engine.route("my internet is down").department == "technical_support"


def test_conflicts(engine: RoutingEngine) -> None:
    assert engine.route("I want a refund for a wrong charge").department == "billing"
    # An explicit complaint (priority 1) beats the topic it is about.
    complaint = engine.route("I want to complain about the bill")
    assert complaint.department == "complaints"
    assert complaint.confidence >= engine.threshold


def test_department_names_route(engine: RoutingEngine) -> None:
    assert engine.route("transfer me to billing please").department == "billing"
    assert engine.route("حولني على الدعم الفني").department == "technical_support"


def test_unclear_text_falls_back(engine: RoutingEngine) -> None:
    for text in ("", "hmm", "banana", "السلام عليكم"):
        decision = engine.route(text)
        assert decision.department == "reception"
        assert decision.source == "fallback"


def test_llm_proposal_when_rules_are_unsure(engine: RoutingEngine) -> None:
    decision = engine.route("banana", proposed="sales")
    assert (decision.department, decision.source) == ("sales", "llm")
    assert engine.route("banana", proposed="Technical Support").department == "technical_support"
    assert engine.route("banana", proposed="المواعيد").department == "appointments"


def test_llm_proposal_ignored_when_rules_are_confident(engine: RoutingEngine) -> None:
    decision = engine.route("I was charged twice, I need a refund", proposed="sales")
    assert (decision.department, decision.source) == ("billing", "rules")


def test_unknown_llm_proposal_falls_back(engine: RoutingEngine) -> None:
    decision = engine.route("banana", proposed="spaceships")
    assert (decision.department, decision.source) == ("reception", "fallback")


def test_threshold_is_configurable() -> None:
    strict = RoutingEngine(*load_default_rules(), threshold=0.99)
    decision = strict.route("the app is slow")
    assert decision.source == "fallback"
    lenient = RoutingEngine(*load_default_rules(), threshold=0.1)
    assert lenient.route("the app is slow").department == "technical_support"


DEPARTMENTS = [
    Department(id="front", name_en="Front desk", name_ar="الاستقبال", is_fallback=True),
    Department(id="money", name_en="Accounts", name_ar="الحسابات"),
    Department(id="help", name_en="Helpdesk", name_ar="المساعده"),
]


def test_custom_rules_prefix_and_clitics() -> None:
    engine = RoutingEngine(DEPARTMENTS, [
        RoutingRule(department_id="money", phrases=["refund*", "فاتوره"]),
        RoutingRule(department_id="help", phrases=["broken"]),
    ])
    assert engine.route("I want it refunded").department == "money"
    assert engine.route("وبالفاتورة مبلغ").department == "money"
    assert engine.route("bill").department == "front"
    assert engine.fallback == "front"


def test_rule_language_and_enabled_flags() -> None:
    engine = RoutingEngine(DEPARTMENTS, [
        RoutingRule(department_id="money", phrases=["bill"], language="ar"),
        RoutingRule(department_id="help", phrases=["broken"], enabled=False),
        RoutingRule(department_id="help", phrases=["عطل"], language="en"),
    ])
    assert engine.route("the bill").department == "front"  # an Arabic-only rule in English text
    assert engine.route("الـ bill فيها غلط").department == "money"  # mixed text matches both
    assert engine.route("it is broken").department == "front"  # disabled
    assert engine.route("في عطل").department == "front"  # an English-only rule in Arabic text


def test_priority_halves_lower_priority_competitors() -> None:
    rules = [
        RoutingRule(department_id="money", phrases=["charge"], weight=1.0),
        RoutingRule(department_id="help", phrases=["complain"], weight=1.0, priority=1),
    ]
    engine = RoutingEngine(DEPARTMENTS, rules, threshold=0.0)
    ranked = engine.scores("complain about a charge")
    assert [r.department for r in ranked] == ["help", "money"]
    assert ranked[1].score == pytest.approx(0.5)


def test_fallback_is_configurable() -> None:
    engine = RoutingEngine(DEPARTMENTS, [], fallback="help")
    assert engine.route("anything").department == "help"


def test_invalid_configuration() -> None:
    with pytest.raises(ValueError):
        RoutingEngine([], [])
    with pytest.raises(ValueError):
        RoutingEngine(DEPARTMENTS, [RoutingRule(department_id="nope", phrases=["x"])])
    with pytest.raises(ValueError):
        RoutingEngine(DEPARTMENTS, [], fallback="nope")
