"""Department prompts from `prompts/departments/<id>.json`, checked when loaded.

Every text exists in Arabic and English, and uses only the variables its key is given at run
time, so a typo in a placeholder fails at start-up instead of mid-call.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from agent.flows.model import Text

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"
_COMMON = {"company", "name", "need", "department_name"}
ALLOWED = {
    "instructions": _COMMON,
    "intro": _COMMON,
    "kb_answer": _COMMON | {"answer"},
    "no_answer": _COMMON | {"ticket_number"},
    "ticket_created": _COMMON | {"ticket_number", "priority_en", "priority_ar", "response_time_en", "response_time_ar"},
}


class PromptError(ValueError):
    """A prompt file is missing, malformed, or uses variables it will not be given."""


class DepartmentPrompts(BaseModel):
    department: str
    instructions: Text
    intro: Text
    kb_answer: Text | None = None
    no_answer: Text | None = None
    ticket_created: Text | None = None

    def check(self) -> None:
        for key, allowed in ALLOWED.items():
            text: Text | None = getattr(self, key)
            unknown = text.placeholders() - allowed if text else set()
            if unknown:
                raise PromptError(f"{self.department}.{key} uses unknown variables {sorted(unknown)}")


@lru_cache
def department_prompts(directory: Path = PROMPTS_DIR / "departments") -> dict[str, DepartmentPrompts]:
    found: dict[str, DepartmentPrompts] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            prompts = DepartmentPrompts.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (ValidationError, json.JSONDecodeError) as exc:
            raise PromptError(f"{path.name}: {exc}") from exc
        if prompts.department != path.stem:
            raise PromptError(f"{path.name} declares department {prompts.department!r}")
        prompts.check()
        found[prompts.department] = prompts
    if not found:
        raise PromptError(f"no department prompts in {directory}")
    return found
