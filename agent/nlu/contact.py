"""Phone numbers and email addresses from typed or spoken text."""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from agent.nlu.arabic import normalize
from agent.nlu.numbers import digit_word, spoken_digits

_PLUS = re.compile(r"\+|\bplus\b|زائد|زايد")


def _e164(candidate: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_phone(number: str, region: str = "SA") -> str | None:
    """E.164 form of a typed phone number, or None when it is not a valid number."""
    return _e164(normalize(number), region)


def extract_phone(text: str, region: str = "SA") -> str | None:
    """The first valid phone number in typed or spoken text, in E.164.

    ``region`` (ISO 3166 alpha-2, e.g. "SA", "US", "EG") interprets national
    numbers. Spoken digits ("zero five five ...", "صفر خمسة ...", "double
    five") and a spoken "plus"/"زائد" country prefix are understood.
    """
    normalized = normalize(text)
    for match in phonenumbers.PhoneNumberMatcher(normalized, region):
        if phonenumbers.is_valid_number(match.number):
            return phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
    digits = spoken_digits(normalized)
    if not digits:
        return None
    candidates = [digits, "+" + digits]
    if _PLUS.search(normalized):
        candidates.reverse()
    for candidate in candidates:
        if e164 := _e164(candidate, region):
            return e164
    return None


_TYPED_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_AT_PHRASES = re.compile(r"\bat the rate(?: of)?\b|\bat sign\b|\bat symbol\b|\bat\b|(?<!\S)ات(?!\S)")
_SYMBOL_WORDS = {
    "dot": ".", "period": ".", "point": ".", "نقطه": ".", "دوت": ".", "دات": ".",
    "underscore": "_", "اندرسكور": "_", "dash": "-", "hyphen": "-", "minus": "-", "داش": "-",
    "شرطه": "-", "plus": "+",
}
_SYMBOL_PHRASES = {"under score": "underscore", "اندر سكور": "اندرسكور"}
_DOMAIN_WORDS = {
    "جيميل": "gmail", "جيمايل": "gmail", "جي ميل": "gmail", "قوقل": "google", "هوتميل": "hotmail",
    "هوتمايل": "hotmail", "ياهو": "yahoo", "اوتلوك": "outlook", "اوت لوك": "outlook",
    "ايكلاود": "icloud", "اي كلاود": "icloud", "لايف": "live", "كوم": "com", "نت": "net",
    "اورج": "org", "اورق": "org",
}
# Words that end the local part when walking back from "@".
_LOCAL_STOP = frozenset(
    {
        "is", "my", "email", "e-mail", "mail", "address", "it's", "its", "it", "the", "and", "to",
        "was", "should", "be", "change", "update", "sorry", "no", "yes", "please", "at",
        "ايميلي", "ايميل", "الايميل", "الاميل", "اميلي", "بريدي", "البريد", "الالكتروني", "هو",
        "عنواني", "العنوان", "ياخي", "نعم", "لا", "يكون", "غيره", "الي", "صار",
    }
)
_EMAIL_CHARS = re.compile(r"^[\w.+'-]+$")


def _email_tokens(text: str) -> list[str]:
    """Normalised tokens with spoken symbols replaced by the symbols themselves."""
    text = normalize(text)
    for phrase, word in {**_SYMBOL_PHRASES, **_DOMAIN_WORDS}.items():
        if " " in phrase:
            text = re.sub(rf"(?<!\S){phrase}(?!\S)", _DOMAIN_WORDS.get(phrase, word), text)
    text = _AT_PHRASES.sub(" @ ", text)
    tokens: list[str] = []
    for raw in re.split(r"[\s,;:!?()\"]+", text):
        raw = raw.strip(".")
        if not raw:
            continue
        tokens.append(_SYMBOL_WORDS.get(raw) or _DOMAIN_WORDS.get(raw) or raw)
    return tokens


def _spoken_email(tokens: list[str]) -> str | None:
    at = tokens.index("@")
    domain: list[str] = []
    expect_label = True
    for token in tokens[at + 1 :]:
        if expect_label and _EMAIL_CHARS.match(token) and token not in _SYMBOL_WORDS.values():
            domain.append(token)
            expect_label = False
        elif not expect_label and token in (".", "-"):
            domain.append(token)
            expect_label = True
        else:
            break
    local: list[str] = []
    for token in reversed(tokens[:at]):
        if token in _LOCAL_STOP or not _EMAIL_CHARS.match(token) or len(local) >= 8:
            break
        local.append(digit_word(token) or token)
    if not local or not domain:
        return None
    return "".join(reversed(local)) + "@" + "".join(domain).strip(".-")


def extract_email(text: str) -> str | None:
    """The first valid email address in typed or spoken text, lower-cased.

    Understands "john dot smith at gmail dot com", Arabic "ات"/"دوت"/"نقطه",
    transliterated providers ("جيميل", "هوتميل"), spelled-out letters and
    digit words in the local part. Validated with email-validator without a
    deliverability check; an Arabic-script local part is kept as spoken.
    """
    normalized = normalize(text)
    candidates = _TYPED_EMAIL.findall(normalized)
    tokens = _email_tokens(text)
    while "@" in tokens:
        spoken = _spoken_email(tokens)
        if spoken:
            candidates.append(spoken)
        tokens = tokens[tokens.index("@") + 1 :]
    for candidate in candidates:
        try:
            return validate_email(candidate, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            continue
    return None
