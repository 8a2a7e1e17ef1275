import pytest
from pydantic import ValidationError

from dialer.qualification import Criterion, NextAction, QualificationRules, score_lead

RULES = QualificationRules(
    criteria=[
        Criterion(field="budget", operator=">=", value=10_000, weight=4),
        Criterion(field="employees", operator="<=", value=50, weight=1),
        Criterion(field="owner", operator="==", value=True, weight=2),
        Criterion(field="city", operator="in", value=["Riyadh", "Jeddah"], weight=1),
        Criterion(field="interests", operator="contains_any", value=["solar", "battery"], weight=2),
    ],
    threshold=60,
)


def test_all_matched_scores_100_and_transfers():
    answers = {
        "budget": "12,500",
        "employees": 10,
        "owner": "yes",
        "city": "riyadh",
        "interests": "Solar panels",
    }
    result = score_lead(answers, RULES)
    assert result.score == 100 and result.qualified
    assert result.next_action is NextAction.TRANSFER
    assert result.fields["budget"] == 12_500.0


def test_weights_make_the_score():
    result = score_lead(
        {"budget": 20_000, "owner": False, "employees": 200, "city": "Dammam", "interests": []},
        RULES,
    )
    assert result.score == 40.0 and not result.qualified
    assert result.matched == ["budget"]
    assert result.failed == ["employees", "owner", "city", "interests"]
    assert result.next_action is NextAction.CLOSE


@pytest.mark.parametrize(
    ("operator", "value", "answer", "holds"),
    [
        (">=", 10, 10, True),
        (">=", 10, "9.99", False),
        (">=", 10, "lots", False),
        ("<=", 5, 5.0, True),
        ("<=", 5, 6, False),
        ("==", "gold", " GOLD ", True),
        ("==", 3, "3.0", True),
        ("==", True, "no", False),
        ("==", False, False, True),
        ("in", ["a", "b"], "B", True),
        ("in", [1, 2], "3", False),
        ("contains_any", ["solar"], "Roof SOLAR kit", True),
        ("contains_any", ["solar", "wind"], ["hydro", "wind"], True),
        ("contains_any", ["solar"], ["hydro"], False),
    ],
)
def test_operators(operator, value, answer, holds):
    rules = QualificationRules(
        criteria=[Criterion(field="f", operator=operator, value=value, weight=1)], threshold=50
    )
    assert score_lead({"f": answer}, rules).qualified is holds


def test_missing_fields_lead_to_asking_when_they_could_still_qualify():
    result = score_lead({"budget": 15_000, "city": ""}, RULES)
    assert result.score == 40.0
    assert result.missing == ["employees", "owner", "city", "interests"]
    assert result.next_action is NextAction.ASK_MISSING
    hopeless = score_lead({"budget": 100, "owner": False}, RULES)
    assert hopeless.next_action is NextAction.CLOSE


@pytest.mark.parametrize(
    ("operator", "value"),
    [(">=", "ten"), ("<=", True), ("in", "a"), ("contains_any", []), ("==", ["a"])],
)
def test_criterion_value_must_fit_operator(operator, value):
    with pytest.raises(ValidationError):
        Criterion(field="f", operator=operator, value=value, weight=1)


def test_weight_and_threshold_bounds():
    with pytest.raises(ValidationError):
        Criterion(field="f", operator="==", value=1, weight=0)
    with pytest.raises(ValidationError):
        QualificationRules(
            criteria=[Criterion(field="f", operator="==", value=1, weight=1)], threshold=120
        )
