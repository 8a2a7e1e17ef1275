"""Score a lead against a campaign's qualification criteria (weighted, 0-100)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, model_validator

Scalar = str | float | int | bool


class Operator(StrEnum):
    GE = ">="
    LE = "<="
    EQ = "=="
    IN = "in"
    CONTAINS_ANY = "contains_any"


class NextAction(StrEnum):
    TRANSFER = "transfer"
    """Qualified: hand the lead to a human agent (or book the meeting)."""
    ASK_MISSING = "ask_missing"
    """Not yet qualified, but answering the missing fields could still qualify the lead."""
    CLOSE = "close"
    """Cannot reach the threshold any more: thank the lead and end the call."""


class Criterion(BaseModel):
    """`field operator value` is worth `weight` when it holds for the lead's answers."""

    field: str = Field(min_length=1)
    operator: Operator
    value: Scalar | list[Scalar]
    weight: float = Field(gt=0)

    @model_validator(mode="after")
    def _value_fits_operator(self) -> Criterion:
        if self.operator in (Operator.GE, Operator.LE):
            if isinstance(self.value, bool) or not isinstance(self.value, int | float):
                raise ValueError(f"{self.operator} needs a number, got {self.value!r}")
        elif self.operator in (Operator.IN, Operator.CONTAINS_ANY):
            if not isinstance(self.value, list) or not self.value:
                raise ValueError(f"{self.operator} needs a non-empty list, got {self.value!r}")
        elif isinstance(self.value, list):
            raise ValueError(f"== needs a single value, got {self.value!r}")
        return self


class QualificationRules(BaseModel):
    criteria: list[Criterion] = Field(min_length=1)
    threshold: float = Field(default=60.0, ge=0, le=100)


class QualificationResult(BaseModel):
    score: float = Field(ge=0, le=100)
    qualified: bool
    threshold: float
    matched: list[str]
    failed: list[str]
    missing: list[str]
    fields: dict[str, Any]
    """The lead's answers that the criteria looked at, as read (numbers parsed)."""
    next_action: NextAction


def _number(value: Any) -> float | None:
    """A number from an int/float or a string such as '12,500' or ' 3.5 '; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", "").replace(" ", ""))
        except ValueError:
            return None
    return None


_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})


def _boolean(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    return True if text in _YES else False if text in _NO else None


def _same(answer: Any, expected: Scalar) -> bool:
    """Equality for booleans (yes/no), numbers (12 == '12.0') and text (case-insensitive)."""
    if isinstance(expected, bool):
        return _boolean(answer) is expected
    a, b = _number(answer), _number(expected)
    if a is not None and b is not None:
        return a == b
    return str(answer).strip().casefold() == str(expected).strip().casefold()


def _holds(criterion: Criterion, answer: Any) -> bool:
    op, expected = criterion.operator, criterion.value
    if op in (Operator.GE, Operator.LE):
        number = _number(answer)
        if number is None:
            return False
        return number >= expected if op is Operator.GE else number <= expected
    if op is Operator.EQ:
        return _same(answer, expected)
    if op is Operator.IN:
        return any(_same(answer, option) for option in expected)
    items = answer if isinstance(answer, list | tuple | set) else [answer]
    texts = [str(i).casefold() for i in items]
    return any(str(option).casefold() in text for option in expected for text in texts)


def _read_answer(criterion: Criterion, answer: Any) -> Any:
    if criterion.operator in (Operator.GE, Operator.LE):
        number = _number(answer)
        return answer if number is None else number
    return answer


def score_lead(answers: Mapping[str, Any], rules: QualificationRules) -> QualificationResult:
    """Score `answers` (field -> value collected on the call) against `rules`.

    The score is the matched share of the total weight, times 100. A field that is absent,
    None or blank is missing: it scores nothing, and decides between asking for it and closing.
    """
    total = sum(c.weight for c in rules.criteria)
    got = open_weight = 0.0
    matched: list[str] = []
    failed: list[str] = []
    missing: list[str] = []
    fields: dict[str, Any] = {}
    for criterion in rules.criteria:
        answer = answers.get(criterion.field)
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            missing.append(criterion.field)
            open_weight += criterion.weight
            continue
        fields[criterion.field] = _read_answer(criterion, answer)
        if _holds(criterion, answer):
            matched.append(criterion.field)
            got += criterion.weight
        else:
            failed.append(criterion.field)
    score = round(100 * got / total, 2)
    qualified = score >= rules.threshold
    if qualified:
        action = NextAction.TRANSFER
    elif 100 * (got + open_weight) / total >= rules.threshold:
        action = NextAction.ASK_MISSING
    else:
        action = NextAction.CLOSE
    return QualificationResult(
        score=score,
        qualified=qualified,
        threshold=rules.threshold,
        matched=list(dict.fromkeys(matched)),
        failed=list(dict.fromkeys(failed)),
        missing=list(dict.fromkeys(missing)),
        fields=fields,
        next_action=action,
    )
