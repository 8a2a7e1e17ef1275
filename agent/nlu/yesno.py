"""Yes / no answers in English and Arabic dialects, with negation."""

from __future__ import annotations

from typing import Literal

from agent.nlu.arabic import tokenize
from agent.nlu.phrases import PhraseMatcher, longest

YesNo = Literal["yes", "no", "unknown"]

_YES = (
    "yes", "yeah", "yea", "yep", "yup", "ya", "yah", "sure", "correct", "right", "exactly",
    "absolutely", "definitely", "certainly", "indeed", "affirmative", "true", "ok", "okay",
    "alright", "all right", "fine", "good", "great", "perfect", "confirm", "confirmed",
    "agree", "of course", "that's it", "thats it", "that is it", "go ahead", "please do",
    "yes please", "uh huh", "mhm", "mm hmm", "sounds good", "you got it", "precisely",
    "spot on", "that's right", "that is right", "i think so", "why not", "no problem",
    "not a problem", "no worries", "by all means", "totally", "sure thing", "100 percent",
    "نعم", "ايوه", "ايوا", "ايو", "ايه", "اي", "اه", "اها", "يب", "يس", "اجل", "بلي", "صح",
    "صحيح", "تمام", "اكيد", "طبعا", "بالضبط", "بالظبط", "مضبوط", "مظبوط", "مزبوط", "زين",
    "اوكي", "اوك", "اوكيه", "ماشي", "طيب", "هيه", "موافق", "اوافق", "تاكيد", "يا ريت",
    "ان شاء الله", "انشالله", "هو كذا", "هو كده", "هيك", "هيك هو", "هذا هو", "كذا صح",
    "لا مشكله", "ما في مشكله", "مو مشكله", "مش مشكله", "لا باس", "سليم", "ميه ميه", "هو كذلك",
    "نعم كذلك", "هذا صحيح",
)
_NO = (
    "no", "nope", "nah", "negative", "wrong", "incorrect", "false", "never", "not really",
    "not at all", "no way", "of course not", "absolutely not", "definitely not",
    "i don't think so", "i dont think so", "no thanks", "no thank you", "not exactly",
    "not quite", "that's not it", "mistake",
    "لا", "كلا", "غلط", "خطا", "خاطي", "غير صحيح", "ابدا", "مستحيل", "مش", "مو", "مب",
    "موب", "مهوب", "ماهو", "مهو", "لا شكرا", "مو كذا", "مش كده", "مش كدا", "مب كذا", "مو هيك",
    "مش هيك", "ولا شي", "ليس كذلك",
)
_UNSURE = (
    "not sure", "i'm not sure", "maybe", "perhaps", "i don't know", "i dont know",
    "don't know", "no idea", "i forgot",
    "مدري", "ما ادري", "مش عارف", "مش متاكد", "مو متاكد", "مب متاكد", "ما اعرف", "مش عارفه",
    "يمكن", "ربما", "مش فاكر", "مو متذكر",
)
# Negators that flip a following answer word ("not correct", "مو صحيح", "مش غلط").
# "no" and "لا" are answers in their own right, not flippers ("لا غلط" = no).
_FLIPPERS = frozenset(
    {"not", "never", "isn't", "isnt", "wasn't", "ain't", "don't", "dont", "doesn't", "didn't",
     "مو", "مش", "مب", "موب", "مهوب", "ماهو", "مهو", "ما", "ليس", "مي", "مهب", "غير"}
)
# Words that only mean "yes" when they open the answer ("اي" is also "any").
_OPENING_ONLY = frozenset({"اي", "ايه", "ya"})

_MATCHER: PhraseMatcher[YesNo] = PhraseMatcher()
for _phrases, _label in ((_YES, "yes"), (_NO, "no"), (_UNSURE, "unknown")):
    for _phrase in _phrases:
        _MATCHER.add(_phrase, _label)


def parse_yes_no(text: str) -> YesNo:
    """Interpret an answer to a yes/no question.

    The last answer word decides ("no, wait, yes" → yes; "yes but the email
    is wrong" → no). A flipping negator up to two words before an answer word
    inverts it ("not correct", "مو صحيح" → no; "مش غلط" → yes), and
    hedges ("not sure", "مدري") give "unknown".
    """
    tokens = tokenize(text)
    signals: list[tuple[int, YesNo]] = []
    matches = longest(_MATCHER.find(tokens))
    flipper_positions = {m.start for m in matches if m.end - m.start == 1 and tokens[m.start] in _FLIPPERS}
    for match in matches:
        label = match.payload
        if match.end - match.start == 1 and tokens[match.start] in _OPENING_ONLY and match.start != 0:
            continue
        if match.start in flipper_positions and any(
            o.start in (match.start + 1, match.start + 2) for o in matches if o is not match
        ):
            continue  # this "مش"/"مو" negates the next answer word
        if label != "unknown" and any(
            tokens[k] in _FLIPPERS for k in range(max(0, match.start - 2), match.start)
        ):
            label = "no" if label == "yes" else "yes"
        signals.append((match.start, label))
    if not signals:
        return "unknown"
    return max(signals, key=lambda s: s[0])[1]
