"""Word pools for simulated callers: names, needs per department, and the phrasings of each answer.

Every phrase here must be understood by the offline NLU (`agent.nlu`) and every need must route
to its department with the default rules; `tests/simulation` checks both, so a pool entry that
stops being understood fails a unit test instead of a load test.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Dialect = Literal["en", "gulf", "egyptian", "levantine", "msa", "mixed"]
Department = Literal["reception", "sales", "complaints", "billing", "technical_support", "appointments"]
Severity = Literal["low", "medium", "high", "critical"]
ARABIC_DIALECTS: tuple[Dialect, ...] = ("gulf", "egyptian", "levantine", "msa")


class Need(BaseModel):
    """What a caller wants, as they say it, and where it should be routed."""

    department: Department
    dialect: Dialect
    text: str
    severity: Severity | None = None
    """Complaint severity the NLU gives the text (complaints only)."""


def _needs(department: Department, by_dialect: dict[Dialect, list[str]]) -> list[Need]:
    return [Need(department=department, dialect=d, text=t) for d, texts in by_dialect.items() for t in texts]


def _complaints(by_dialect: dict[Dialect, list[tuple[str, Severity]]]) -> list[Need]:
    return [
        Need(department="complaints", dialect=d, text=t, severity=s)
        for d, texts in by_dialect.items()
        for t, s in texts
    ]


NEEDS: list[Need] = [
    *_needs("reception", {
        "en": ["What are your opening hours on the weekend?", "Where is your nearest branch?",
               "When do you close today?", "I have a general question about your address."],
        "gulf": ["متى تفتحون يوم السبت؟", "وين اقرب فرع لكم؟", "ابي اعرف ساعات الدوام"],
        "egyptian": ["فين الفرع بتاعكم؟", "عايز اعرف مواعيد العمل"],
        "levantine": ["شو الدوام عندكم بالعيد؟", "وين الفرع لو سمحت؟"],
        "msa": ["ما هي ساعات العمل لديكم؟", "أرغب في معرفة عنوانكم"],
        "mixed": ["وين الـ location حقكم؟", "ابي اعرف الـ working hours"],
    }),
    *_needs("sales", {
        "en": ["How much is the premium package?", "I'd like to upgrade my plan.",
               "Do you have any offers this month?", "I want to subscribe to the new internet package."],
        "gulf": ["كم سعر الباقة الجديدة؟", "ابي اشترك في باقة العائلة", "عندكم عروض هالشهر؟"],
        "egyptian": ["الباقة دي بكام؟", "عايز اشتري خط جديد"],
        "levantine": ["قديش سعر الاشتراك؟", "بدي اشترك بباقة جديدة"],
        "msa": ["أرغب في ترقية الباقة", "ما هي أسعار الباقات المتوفرة؟"],
        "mixed": ["كم الـ price حق الباقة؟", "ابي upgrade للباقة حقتي"],
    }),
    *_complaints({
        "en": [("I want to make a complaint about my last visit.", "low"),
               ("The employee at the branch was very rude to me and I am really upset.", "medium"),
               ("I am complaining because this is the third time nobody called me back.", "high"),
               ("I want to complain, your technician left sparks coming from the socket and it is dangerous.",
                "critical"),
               ("I want to make a complaint, you charged me twice and I will report you to the regulator.",
                "critical")],
        "gulf": [("ابي اقدم شكوى على الخدمة", "low"), ("ابي اقدم شكوى، في تسرب غاز بعد زيارة الفني", "critical")],
        "egyptian": [("عايز اشتكي من سوء المعاملة", "low"),
                     ("عايز اشتكي، انتو خدمتكم وحشة وكل مرة نفس المشكلة", "high")],
        "levantine": [("بدي اقدم شكوى، المعاملة بالفرع كانت سيئة كتير", "medium")],
        "msa": [("أريد تقديم شكوى رسمية بسبب الإهمال", "high")],
        "mixed": [("ابي اسوي complaint على الخدمة", "low")],
    }),
    *_needs("billing", {
        "en": ["I was charged twice this month.", "I need a refund for my last payment.",
               "There is a wrong charge on my bill.", "How do I pay my bill?"],
        "gulf": ["انخصم من حسابي مبلغ مرتين", "ابي ادفع الفاتورة", "في غلط في الفاتورة"],
        "egyptian": ["عايز استرجاع المبلغ", "الفاتورة عالية جدا الشهر ده"],
        "levantine": ["بدي ادفع الفاتورة", "بدي مصاريي، انخصم مني زيادة"],
        "msa": ["أطلب استرداد المبلغ المدفوع", "لدي استفسار عن رسوم الفاتورة"],
        "mixed": ["عندي problem في الـ bill", "ابي refund للمبلغ"],
    }),
    *_needs("technical_support", {
        "en": ["My internet is not working since yesterday.", "I can't log in to the app.",
               "The router keeps disconnecting.", "I forgot my password and I'm locked out."],
        "gulf": ["النت مقطوع من امس", "التطبيق ما يفتح معي", "الراوتر خربان"],
        "egyptian": ["النت مش شغال خالص", "الابلكيشن بايظ"],
        "levantine": ["الانترنت بطيء كتير", "ما عم يشتغل الراوتر، فيه عطل"],
        "msa": ["لدي مشكلة تقنية في تسجيل الدخول", "الانترنت ضعيف جدا"],
        "mixed": ["الـ wifi ضعيف", "يطلعلي error في التطبيق"],
    }),
    *_needs("appointments", {
        "en": ["I'd like to book an appointment for next week.", "I need to reschedule my appointment.",
               "Can I cancel my appointment on Monday?", "When is the next available appointment?"],
        "gulf": ["ابي احجز موعد", "ابغى اغير الموعد حقي"],
        "egyptian": ["عايز احجز ميعاد مع الدكتور", "عايز الغي الموعد"],
        "levantine": ["بدي موعد الاسبوع الجاي", "بدي اجل الموعد"],
        "msa": ["أرغب في حجز موعد", "أريد إلغاء الموعد"],
        "mixed": ["ابي احجز appointment", "ابي reschedule الموعد"],
    }),
]

ARABIC_FIRST: dict[str, str] = {
    "محمد": "mohammed", "أحمد": "ahmed", "عبدالله": "abdullah", "فهد": "fahad", "خالد": "khalid",
    "سلطان": "sultan", "نورة": "noura", "سارة": "sara", "ريم": "reem", "فاطمة": "fatima", "لمى": "lama",
    "هند": "hind", "يوسف": "yousef", "عمر": "omar", "ليلى": "layla", "منيرة": "munira", "تركي": "turki",
    "مها": "maha", "ياسر": "yasser", "دانة": "dana",
}
"""Arabic first names with the Latin spelling their owners use in email addresses."""
ARABIC_LAST: dict[str, str] = {
    "العتيبي": "alotaibi", "القحطاني": "alqahtani", "الشمري": "alshammari", "الدوسري": "aldossari",
    "الحربي": "alharbi", "الغامدي": "alghamdi", "الزهراني": "alzahrani", "المطيري": "almutairi",
    "السبيعي": "alsubaie", "العنزي": "alanazi", "حسن": "hassan", "منصور": "mansour", "الخطيب": "alkhatib",
    "النجار": "alnajjar", "درويش": "darwish",
}
LATIN_FIRST = ["John", "Emily", "Michael", "Sarah", "David", "Olivia", "James", "Sophia", "Daniel", "Grace",
               "Omar", "Layla", "Ahmed", "Fatima", "Yousef", "Mariam", "Khalid", "Nadia", "Ryan", "Hannah"]
LATIN_LAST = ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Evans", "Clarke", "Hughes", "Al-Harbi",
              "Haddad", "Nasser", "Khan", "Patel", "Rahman", "Murphy"]

NAME_FORMS: dict[Literal["ar", "en"], list[str]] = {
    "en": ["My name is {name}.", "{name}", "This is {name}.", "It's {name}.", "You can call me {name}.",
           "Yes, my name is {name}."],
    "ar": ["اسمي {name}", "{name}", "معك {name}", "انا اسمي {name}", "الاسم {name}"],
}

LANGUAGE_SPEECH: dict[Literal["ar", "en"], list[str]] = {
    "en": ["English", "English please", "انجليزي", "In English, please.", "I'd like English."],
    "ar": ["عربي", "العربي لو سمحت", "Arabic", "Arabic please", "بالعربي"],
}

YES: dict[Literal["ar", "en"], list[str]] = {
    "en": ["Yes", "Yes, that's right.", "Yeah", "Correct", "Sure"],
    "ar": ["نعم", "ايوه", "اي صح", "تمام", "ايه نعم", "صحيح"],
}
NO_MORE: dict[Literal["ar", "en"], list[str]] = {
    "en": ["No, thank you.", "No", "Nope, that's all.", "No thanks"],
    "ar": ["لا شكرا", "لا", "لا مشكور", "لا هذا كل شي"],
}
MORE_YES: dict[Literal["ar", "en"], list[str]] = {
    "en": ["Yes, one more thing.", "Yes please"],
    "ar": ["ايوه لو سمحت", "نعم"],
}
NO_EMAIL: dict[Literal["ar", "en"], list[str]] = {
    "en": ["No", "No, I don't have one.", "No thanks"],
    "ar": ["لا", "لا ما عندي", "لا شكرا"],
}
PHONE_INTRO: dict[Literal["ar", "en"], list[str]] = {
    "en": ["{phone}", "My number is {phone}.", "No, use {phone}.", "Another number: {phone}", "It's {phone}."],
    "ar": ["{phone}", "رقمي {phone}", "لا، الرقم {phone}", "على الرقم {phone}"],
}
EMAIL_INTRO: dict[Literal["ar", "en"], list[str]] = {
    "en": ["{email}", "My email is {email}.", "It's {email}."],
    "ar": ["{email}", "ايميلي {email}", "الايميل {email}"],
}
EMAIL_DOMAINS = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "icloud.com", "example.sa"]

HUMAN_REQUESTS: dict[Dialect, list[str]] = {
    "en": ["I want a human.", "Let me talk to someone.", "Agent please.", "Can I speak to a real person?",
           "I don't want to talk to a robot."],
    "gulf": ["أبي أكلم موظف", "ابغى اكلم احد", "حولني على موظف لو سمحت"],
    "egyptian": ["عايز اكلم حد", "عايز اكلم موظف"],
    "levantine": ["بدي احكي مع موظف", "بدي احكي مع حدا"],
    "msa": ["أريد التحدث مع موظف", "أريد ممثل خدمة العملاء"],
    "mixed": ["ابي اكلم agent", "ممكن customer service لو سمحت"],
}

ANGRY: list[Need] = [
    Need(department="complaints", dialect="en", text="Your service is a disgrace, you will regret this!",
         severity="critical"),
    Need(department="complaints", dialect="en", text="This is a scam, you are thieves and I am furious!!",
         severity="high"),
    Need(department="complaints", dialect="en", text="I want to complain, I will sue you for this.", severity="high"),
    Need(department="complaints", dialect="en", text="I am filing a complaint and calling my lawyer.",
         severity="high"),
    Need(department="complaints", dialect="gulf", text="خدمتكم زفت يا حرامية، تندمون على هذا", severity="critical"),
    Need(department="complaints", dialect="egyptian", text="عايز اشتكي، هرفع عليكم قضية في المحكمة",
         severity="high"),
    Need(department="complaints", dialect="msa", text="انتم نصابين وحرامية، والله تندمون", severity="critical"),
]
"""Furious callers: threats, insults and legal words, which may make the agent escalate on the spot."""

GIBBERISH: dict[Literal["ar", "en"], list[str]] = {
    "en": ["Hmm, what?", "Banana.", "I don't know."],
    "ar": ["هاه؟", "ما ادري", "ايش؟"],
}
