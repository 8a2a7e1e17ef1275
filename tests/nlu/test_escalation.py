from __future__ import annotations

import pytest

from agent.nlu.escalation import wants_human


@pytest.mark.parametrize(
    "text",
    [
        "I want a human", "I want to speak to an agent", "let me talk to someone", "agent", "Representative please",
        "can I speak with a real person?", "get me a manager", "put me through to an operator",
        "why can't I talk to a person", "transfer me to customer service", "I don't want to talk to a robot",
        "أبي أكلم موظف", "ابغى اكلم احد", "عايز اكلم حد", "بدي احكي مع موظف", "بدي احكي مع حدا",
        "حولني على موظف", "موظف لو سمحت", "ممكن اكلم موظف", "وصلني بخدمة العملاء", "أريد التحدث مع موظف",
        "ما ابي اكلم آلة", "مش عايز اكلم روبوت", "ابي اكلم agent",
    ],
)
def test_wants_human(text: str) -> None:
    assert wants_human(text)


@pytest.mark.parametrize(
    "text",
    [
        "I don't need an agent", "your agent was rude", "the agent I talked to was rude", "someone charged my card",
        "my computer doesn't turn on", "is this a robot?", "I want to pay my bill", "hello",
        "ما احد يرد", "ما ابي موظف", "مش عايز اكلم حد", "ابي ادفع الفاتورة",
    ],
)
def test_not_a_human_request(text: str) -> None:
    assert not wants_human(text)
