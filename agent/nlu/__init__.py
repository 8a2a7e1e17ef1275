"""Rule-based bilingual (Arabic/English) understanding for the IVR; no LiveKit imports."""

from agent.nlu.arabic import normalize, tokenize
from agent.nlu.choice import parse_language_choice
from agent.nlu.contact import extract_email, extract_phone, normalize_phone
from agent.nlu.correction import Correction, parse_correction
from agent.nlu.escalation import wants_human
from agent.nlu.language import detect_language
from agent.nlu.names import extract_name
from agent.nlu.numbers import spoken_digits
from agent.nlu.sentiment import complaint_severity, sentiment_score
from agent.nlu.understand import Expect, Understanding, understand
from agent.nlu.yesno import parse_yes_no

__all__ = [
    "Correction",
    "Expect",
    "Understanding",
    "complaint_severity",
    "detect_language",
    "extract_email",
    "extract_name",
    "extract_phone",
    "normalize",
    "normalize_phone",
    "parse_correction",
    "parse_language_choice",
    "parse_yes_no",
    "sentiment_score",
    "spoken_digits",
    "tokenize",
    "understand",
    "wants_human",
]
