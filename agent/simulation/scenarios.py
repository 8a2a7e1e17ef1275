"""Scripted bilingual callers for the inbound IVR, generated deterministically from a seed.

A `Scenario` is what one simulated caller does (its `turns`, each answering one agent prompt of
`prompts/flows/inbound_ivr.json`) and what should come of it (`Expectation`: departments, tickets,
escalation, the confirmed intake). Scenario ``i`` of a seed is the same whatever the count, so a
failing call can be replayed alone. Pure: no I/O, no services.

Expectations follow the inbound agent's rules (`agent.inbound.host`) for an operator without
knowledge documents, open at call time: every department but sales opens a ticket, sales and
critical complaints go to a person ("complexity"), and each caller turn is checked for escalation
triggers before it is understood: asking for a person, legal keywords, and an extreme outburst
outside the turn that describes the need. (The pools never give two merely upset turns in a row,
the agent's other sentiment trigger; `tests/simulation` checks that.)
"""

from __future__ import annotations

import random
import re
from typing import Literal, NoReturn

import phonenumbers
from pydantic import BaseModel, ConfigDict, model_validator

from agent.inbound.host import ESCALATION_KEYWORDS, SENTIMENT_EXTREME
from agent.nlu.arabic import normalize, tokenize
from agent.nlu.escalation import wants_human
from agent.nlu.sentiment import sentiment_score
from agent.simulation import pools
from agent.simulation.pools import ARABIC_DIALECTS, Department, Dialect, Need, Severity

Lang = Literal["ar", "en"]
Mode = Literal["ar", "en", "mix"]
Prompt = Literal["welcome", "ask_name", "ask_phone", "ask_email", "ask_need", "confirm", "anything_else",
                 "ask_more", "goodbye", "escalate", "after_hours", "callback_phone", "callback_need",
                 "callback_booked"]
FinalPrompt = Literal["goodbye", "escalate", "callback_booked"]
EscalationReason = Literal["caller_request", "keyword", "sentiment", "repeated_failure", "complexity"]

P_HUMAN = 0.12
P_REPEATED_FAILURE = 0.04
P_SILENCE = 0.08
P_CALLER_NUMBER = 0.4
P_INVALID_PHONE = 0.15
P_NO_EMAIL = 0.3
P_INVALID_EMAIL = 0.15
P_CORRECTION = 0.25
P_MORE = 0.1
P_DTMF = 0.5
P_CROSS_SCRIPT_NAME = 0.3
P_CODE_SWITCH = 0.3
P_ANGRY = 0.05
P_OUTBURST = 0.04

_HUMAN_POINTS: tuple[Prompt, ...] = ("ask_name", "ask_phone", "ask_email", "ask_need", "confirm", "anything_else")
_SILENCE_POINTS: tuple[Prompt, ...] = ("ask_name", "ask_email", "ask_need", "anything_else")
_CORRECTIONS = ("email_value", "phone_value", "name_field", "dtmf_then_email")
DESCRIPTIVE_PROMPTS: frozenset[str] = frozenset({"ask_need", "ask_more", "callback_need"})
"""Prompts whose answer describes the need: the agent does not escalate on their sentiment."""
_DIGIT_WORDS = {
    "en": "zero one two three four five six seven eight nine".split(),
    "gulf": "صفر واحد اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة".split(),
    "levantine": "صفر واحد تنين تلاتة أربعة خمسة ستة سبعة تمانية تسعة".split(),
}
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class Turn(BaseModel):
    """One caller action, taken once the agent has spoken `prompt`."""

    model_config = ConfigDict(frozen=True)

    prompt: Prompt
    action: Literal["say", "press", "silence"]
    text: str = ""
    """Chat text for ``say``, DTMF digits for ``press``, empty for ``silence``."""
    tag: str = ""
    """What the turn exercises, e.g. ``phone:arabic_indic`` or ``human:gulf``."""

    @model_validator(mode="after")
    def _consistent(self) -> Turn:
        if (self.action == "silence") != (not self.text):
            raise ValueError("say/press turns need text; silence turns have none")
        if self.action == "press" and not re.fullmatch(r"[0-9*#]+", self.text):
            raise ValueError(f"not DTMF digits: {self.text!r}")
        return self


class Intake(BaseModel):
    """The details the caller confirms (after corrections)."""

    language: Lang
    name: str
    phone: str
    """E.164."""
    email: str | None
    need: str


class Expectation(BaseModel):
    """What the call should produce."""

    language: Lang
    departments: list[Department]
    """Departments the call is routed to, in order (empty when it ends before routing)."""
    tickets: list[str]
    """Categories of the tickets the call opens, in order (``complaint`` or the department)."""
    escalated: bool
    escalation_reason: EscalationReason | None = None
    severity: Severity | None = None
    """NLU severity of the complaint, for complaint calls."""
    intake: Intake | None
    """The confirmed intake; None when the call ends before the caller confirms it."""
    callback: bool = False
    """An after-hours call that books a callback."""
    final_prompt: FinalPrompt

    @property
    def department(self) -> Department | None:
        return self.departments[0] if self.departments else None


def department_outcome(need: Need) -> tuple[str | None, EscalationReason | None]:
    """(ticket category, escalation) when a call reaches ``need``'s department (no knowledge base)."""
    if need.department == "complaints":
        return "complaint", "complexity" if need.severity == "critical" else None
    if need.department == "sales":
        return None, "complexity"
    return need.department, None


class Scenario(BaseModel):
    """One simulated caller: who calls, what they do, what should come of it."""

    id: str
    mode: Mode
    dialect: Dialect
    caller_number: str
    """E.164, the number the call comes from."""
    caller_name: str
    tags: list[str]
    turns: list[Turn]
    expect: Expectation

    @property
    def prompts(self) -> list[Prompt]:
        """Agent prompts in the order the caller hears them, ending with the final one."""
        return [t.prompt for t in self.turns] + [self.expect.final_prompt]

    @property
    def caller_inputs(self) -> list[str]:
        """Chat texts and DTMF digit strings the caller sends, in order."""
        return [t.text for t in self.turns if t.action != "silence"]


def generate(count: int, mode: Mode = "mix", seed: int = 0, *, after_hours: bool = False,
             start: int = 0) -> list[Scenario]:
    """Scenarios ``start`` .. ``start + count - 1``; scenario ``i`` depends only on (mode, seed, i,
    after_hours). ``after_hours`` callers reach a closed operator and book a callback."""
    return [build(mode, seed, i, after_hours=after_hours) for i in range(start, start + count)]


def build(mode: Mode, seed: int, index: int, *, after_hours: bool = False) -> Scenario:
    return _Builder(mode, seed, index, after_hours).scenario()


class _Escalated(Exception):
    """Raised while building once the scripted caller has triggered an escalation."""


class _Builder:
    def __init__(self, mode: Mode, seed: int, index: int, after_hours: bool) -> None:
        self.rng = rng = random.Random(f"{mode}:{seed}:{index}:{'closed' if after_hours else 'open'}")
        self.id = f"{mode}-{seed}-{index}" + ("-closed" if after_hours else "")
        self.mode = mode
        self.after_hours = after_hours
        self.lang: Lang = rng.choice(("ar", "en")) if mode == "mix" else mode
        code_switch = mode == "mix" and rng.random() < P_CODE_SWITCH
        self.dialect: Dialect = (
            "mixed" if code_switch else "en" if self.lang == "en" else rng.choice(ARABIC_DIALECTS)
        )
        self.turns: list[Turn] = []
        self.tags: list[str] = [f"lang:{self.lang}", f"dialect:{self.dialect}"]
        self.departments: list[Department] = []
        self.tickets: list[str] = []
        self.severity: Severity | None = None
        self.escalation: EscalationReason | None = None
        self.intake: Intake | None = None
        self.human_at = rng.choice(_HUMAN_POINTS) if rng.random() < P_HUMAN else None
        self.fail_at = "ask_phone" if not self.human_at and rng.random() < P_REPEATED_FAILURE else None
        self.silent_at = rng.choice(_SILENCE_POINTS) if rng.random() < P_SILENCE else None
        self.angry = rng.random() < P_ANGRY
        self.outburst = not self.human_at and rng.random() < P_OUTBURST
        self.caller_number = self._number(rng.choices(("SA", "US", "GB"), (85, 10, 5))[0])
        self.name = self._name()

    # the call, node by node

    def scenario(self) -> Scenario:
        final: FinalPrompt = "callback_booked" if self.after_hours else "goodbye"
        try:
            self._choose_language()
            if self.after_hours:
                self._callback()
            else:
                self._intake()
                self._route(self.need)
                self._after_routing()
        except _Escalated:
            final = "escalate"
        return Scenario(
            id=self.id, mode=self.mode, dialect=self.dialect, caller_number=self.caller_number,
            caller_name=self.name, tags=self.tags, turns=self.turns,
            expect=Expectation(
                language=self.lang, departments=self.departments, tickets=self.tickets,
                escalated=final == "escalate", escalation_reason=self.escalation, severity=self.severity,
                intake=self.intake, callback=final == "callback_booked", final_prompt=final,
            ),
        )

    def _choose_language(self) -> None:
        rng, lang = self.rng, self.lang
        if rng.random() < P_DTMF:
            self._turn("welcome", "press", "1" if lang == "ar" else "2", "language:dtmf")
        else:
            self._turn("welcome", "say", rng.choice(pools.LANGUAGE_SPEECH[lang]), "language:speech")

    def _callback(self) -> None:
        self._answer_name(self.name, "after_hours")
        phone = self._answer_phone("callback_phone")
        self.need = self._need(exclude=None)
        self._answer("callback_need", "say", self.need.text, f"need:{self.need.department}:{self.need.dialect}")
        self.intake = Intake(language=self.lang, name=self.name, phone=phone, email=None, need=self.need.text)

    def _intake(self) -> None:
        rng = self.rng
        self._answer_name(self.name)
        phone = self._answer_phone("ask_phone")
        email = self._answer_email(allow_none=True)
        if self.angry:
            same_lang = [n for n in pools.ANGRY if (n.dialect == "en") == (self.lang == "en")]
            self.need = rng.choice(same_lang)
            tag = "need:angry"
        else:
            self.need = self._need(exclude=None)
            tag = f"need:{self.need.department}:{self.need.dialect}"
        self._answer("ask_need", "say", self.need.text, tag)
        name, phone, email = self._confirm(self.name, phone, email)
        self.intake = Intake(language=self.lang, name=name, phone=phone, email=email, need=self.need.text)

    def _route(self, need: Need) -> None:
        """The agent routes ``need``: a department, maybe a ticket, maybe a hand-off to a person."""
        self.departments.append(need.department)
        ticket, escalation = department_outcome(need)
        if ticket:
            self.tickets.append(ticket)
        if need.severity and not self.severity:
            self.severity = need.severity
        if escalation:
            self._escalate(escalation)

    def _after_routing(self) -> None:
        rng, lang = self.rng, self.lang
        if rng.random() < P_MORE:
            self._answer("anything_else", "say", rng.choice(pools.MORE_YES[lang]), "more:yes")
            second = self._need(exclude=self.need.department)
            self._answer("ask_more", "say", second.text, f"need:{second.department}:{second.dialect}")
            self._route(second)
        if rng.random() < P_DTMF:
            self._answer("anything_else", "press", "2", "more:dtmf_no")
        else:
            self._answer("anything_else", "say", rng.choice(pools.NO_MORE[lang]), "more:no")

    def _answer_name(self, name: str, prompt: Prompt = "ask_name") -> None:
        form = self.rng.choice(pools.NAME_FORMS[self.lang])
        self._answer(prompt, "say", form.format(name=name), "name:bare" if form == "{name}" else "name:intro")

    def _answer_phone(self, prompt: Prompt) -> str:
        rng, lang = self.rng, self.lang
        if prompt == self.fail_at:
            for text in rng.sample(pools.GIBBERISH[lang], 3):
                self._turn(prompt, "say", text, "phone:no_match")
            self._escalate("repeated_failure")
        if rng.random() < P_CALLER_NUMBER:
            if rng.random() < P_DTMF:
                self._answer(prompt, "press", "1", "phone:caller_number_dtmf")
            else:
                self._answer(prompt, "say", rng.choice(pools.YES[lang]), "phone:caller_number")
            return self.caller_number
        if rng.random() < P_INVALID_PHONE:
            bad = rng.choice(("12345", "0551234", "5551234", "+966 55 12"))
            self._answer(prompt, "say", rng.choice(pools.PHONE_INTRO[lang]).format(phone=bad), "phone:invalid")
        number = self._number(rng.choices(("SA", "US", "GB"), (80, 12, 8))[0])
        form, spoken = self._phone_form(number)
        if form == "dtmf":
            self._answer(prompt, "press", spoken + "#", "phone:dtmf")
        else:
            text = spoken if form.startswith("spoken") else rng.choice(pools.PHONE_INTRO[lang]).format(phone=spoken)
            self._answer(prompt, "say", text, f"phone:{form}")
        return number

    def _answer_email(self, *, allow_none: bool) -> str | None:
        rng, lang = self.rng, self.lang
        if allow_none and rng.random() < P_NO_EMAIL:
            self._answer("ask_email", "say", rng.choice(pools.NO_EMAIL[lang]), "email:none")
            return None
        local, domain = self._email_parts()
        if rng.random() < P_INVALID_EMAIL:
            host = domain.split(".")[0]
            bad = rng.choice((f"{local}@{host}", f"{local}.{domain}", f"{local} at {host}"))
            self._answer("ask_email", "say", rng.choice(pools.EMAIL_INTRO[lang]).format(email=bad), "email:invalid")
        form, text = self._email_form(local, domain)
        self._answer("ask_email", "say", text, f"email:{form}")
        return f"{local}@{domain}"

    def _confirm(self, name: str, phone: str, email: str | None) -> tuple[str, str, str | None]:
        rng, lang = self.rng, self.lang
        if self.outburst:
            same_lang = [n for n in pools.ANGRY if (n.dialect == "en") == (lang == "en")]
            self._answer("confirm", "say", rng.choice(same_lang).text, "confirm:outburst")
        if rng.random() < P_CORRECTION:
            kind = rng.choice(_CORRECTIONS)
            self.tags.append(f"correction:{kind}")
            if kind == "email_value":
                local, domain = self._email_parts()
                email = f"{local}@{domain}"
                text = {"en": f"The email is wrong, it should be {email}", "ar": f"الايميل غلط، الصحيح {email}"}[lang]
                self._answer("confirm", "say", text, "confirm:fix_email")
            elif kind == "phone_value":
                phone = self._number("SA")
                national = "0" + phone[4:]
                typed = national.translate(_ARABIC_INDIC) if lang == "ar" and rng.random() < 0.5 else national
                text = {"en": f"Change my number to {typed}", "ar": f"الرقم غلط، رقمي {typed}"}[lang]
                self._answer("confirm", "say", text, "confirm:fix_phone")
            elif kind == "name_field":
                self._answer("confirm", "say", {"en": "The name is wrong.", "ar": "الاسم غلط"}[lang], "confirm:name")
                name = self._name()
                self._answer_name(name)
            else:
                self._answer("confirm", "press", "2", "confirm:dtmf_no")
                self._answer("confirm", "say", {"en": "The email is wrong.", "ar": "الايميل غلط"}[lang],
                             "confirm:email")
                email = self._answer_email(allow_none=False)
        if rng.random() < P_DTMF:
            self._answer("confirm", "press", "1", "confirm:dtmf_yes")
        else:
            self._answer("confirm", "say", rng.choice(pools.YES[lang]), "confirm:yes")
        return name, phone, email

    # turns

    def _turn(self, prompt: Prompt, action: Literal["say", "press", "silence"], text: str, tag: str) -> None:
        self.turns.append(Turn(prompt=prompt, action=action, text=text, tag=tag))
        if tag:
            self.tags.append(tag)
        if action == "say" and (reason := self._trigger(text, prompt)):
            self._escalate(reason)

    def _answer(self, prompt: Prompt, action: Literal["say", "press"], text: str, tag: str) -> None:
        """The caller's answer at ``prompt``, preceded by the scripted silence or human request there."""
        if prompt == self.human_at:
            dialect = self.dialect if self.dialect in pools.HUMAN_REQUESTS else "en"
            self._turn(prompt, "say", self.rng.choice(pools.HUMAN_REQUESTS[dialect]), f"human:{dialect}")
        if prompt == self.silent_at:
            self.silent_at = None
            self._turn(prompt, "silence", "", "silence")
        self._turn(prompt, action, text, tag)

    @staticmethod
    def _trigger(text: str, prompt: Prompt) -> EscalationReason | None:
        """The inbound agent's escalation check on a caller turn (`InboundHost.assess`)."""
        if wants_human(text):
            return "caller_request"
        if set(tokenize(normalize(text))) & {normalize(k) for k in ESCALATION_KEYWORDS}:
            return "keyword"
        if prompt not in DESCRIPTIVE_PROMPTS and sentiment_score(text) <= SENTIMENT_EXTREME:
            return "sentiment"
        return None

    def _escalate(self, reason: EscalationReason) -> NoReturn:
        self.escalation = reason
        self.tags.append(f"escalation:{reason}")
        raise _Escalated

    # values

    def _name(self) -> str:
        rng = self.rng
        arabic = (self.lang == "ar") != (self.mode == "mix" and rng.random() < P_CROSS_SCRIPT_NAME)
        first, last = (pools.ARABIC_FIRST, pools.ARABIC_LAST) if arabic else (pools.LATIN_FIRST, pools.LATIN_LAST)
        parts = [rng.choice(list(first))] + ([rng.choice(list(last))] if rng.random() < 0.8 else [])
        return " ".join(parts)

    def _email_parts(self) -> tuple[str, str]:
        rng = self.rng
        words = self.name.split()
        latin = [pools.ARABIC_FIRST.get(w) or pools.ARABIC_LAST.get(w) or w for w in words]
        latin = [re.sub(r"[^a-z]", "", w.lower()) for w in latin]
        style = rng.choice(("dot", "plain", "digits", "underscore"))
        if style == "dot" and len(latin) > 1:
            local = f"{latin[0]}.{latin[1]}"
        elif style == "underscore" and len(latin) > 1:
            local = f"{latin[0]}_{latin[1][0]}"
        elif style == "digits":
            local = f"{latin[0]}{rng.randint(10, 99)}"
        else:
            local = latin[0]
        return local, rng.choice(pools.EMAIL_DOMAINS)

    def _email_form(self, local: str, domain: str) -> tuple[str, str]:
        rng, lang = self.rng, self.lang
        form = rng.choice(("typed", "spoken"))
        if form == "typed":
            return "typed", rng.choice(pools.EMAIL_INTRO[lang]).format(email=f"{local}@{domain}")
        words: list[str] = []
        for chunk in re.split(r"([._]|\d+)", local):
            if chunk == ".":
                words.append("dot" if lang == "en" else "دوت")
            elif chunk == "_":
                words.append("underscore")
            elif chunk.isdigit():
                words.extend(_DIGIT_WORDS["en"][int(d)] for d in chunk)
            elif chunk:
                words.append(chunk)
        host, tld = domain.rsplit(".", 1)
        if lang == "en":
            spoken = f"{' '.join(words)} at {host} dot {tld}"
        else:
            host_ar = {"gmail": "جيميل", "hotmail": "هوتميل", "outlook": "اوتلوك"}.get(host, host)
            tld_ar = {"com": "كوم"}.get(tld, tld)
            spoken = f"ايميلي {' '.join(words)} ات {host_ar} دوت {tld_ar}"
        return "spoken", spoken

    def _need(self, exclude: Department | None) -> Need:
        rng = self.rng
        departments = sorted({n.department for n in pools.NEEDS} - {exclude})
        department = rng.choice(departments)
        candidates = [n for n in pools.NEEDS if n.department == department]
        own = [n for n in candidates if n.dialect == self.dialect]
        same_lang = [n for n in candidates if (n.dialect == "en") == (self.lang == "en") and n.dialect != "mixed"]
        return rng.choice(own or same_lang)

    def _number(self, region: Literal["SA", "US", "GB"]) -> str:
        """A random valid mobile number in E.164."""
        rng = self.rng
        while True:
            if region == "SA":
                candidate = f"+9665{rng.choice('0345689')}{rng.randint(0, 9_999_999):07d}"
            elif region == "US":
                area = rng.choice(("212", "415", "646", "312", "617", "713", "305"))
                candidate = f"+1{area}{rng.randint(2, 9)}{rng.randint(0, 99):02d}{rng.randint(0, 9999):04d}"
            else:
                candidate = f"+447{rng.choice('45789')}{rng.randint(0, 99_999_999):08d}"
            if phonenumbers.is_valid_number(phonenumbers.parse(candidate)):
                return candidate

    def _phone_form(self, e164: str) -> tuple[str, str]:
        """(form name, what the caller types or says) for a number."""
        rng = self.rng
        saudi = e164.startswith("+966")
        national = "0" + e164[4:] if saudi else e164
        forms = ["international", "spoken_en"]
        if saudi:
            forms += ["national", "grouped", "arabic_indic", "zero_zero", "dtmf"]
            if self.lang == "ar":
                forms += ["spoken_ar", "spoken_ar"]
        form = rng.choice(forms)
        digits = national if saudi and form != "international" else e164
        match form:
            case "national" | "dtmf":
                return form, national
            case "grouped":
                return form, f"{national[:3]} {national[3:6]} {national[6:]}"
            case "arabic_indic":
                return form, national.translate(_ARABIC_INDIC)
            case "zero_zero":
                return form, "00" + e164[1:]
            case "international":
                return form, _group_international(e164)
            case "spoken_en":
                return form, _spoken(digits, "en", rng)
            case _:
                return form, _spoken(digits, "levantine" if self.dialect == "levantine" else "gulf", rng)


def _group_international(e164: str) -> str:
    number = phonenumbers.parse(e164)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _spoken(digits: str, words: str, rng: random.Random) -> str:
    """Digits read aloud, with "plus" for a leading + and "double" for some repeated digits."""
    table = _DIGIT_WORDS[words]
    english = words == "en"
    out: list[str] = []
    rest = digits
    if rest.startswith("+"):
        out.append("plus" if english else "زائد")
        rest = rest[1:]
    i = 0
    while i < len(rest):
        d = rest[i]
        if i + 1 < len(rest) and rest[i + 1] == d and rng.random() < 0.5:
            out += ["double" if english else "دبل", table[int(d)]]
            i += 2
            continue
        out.append("oh" if english and d == "0" and i and rng.random() < 0.3 else table[int(d)])
        i += 1
    return " ".join(out)
