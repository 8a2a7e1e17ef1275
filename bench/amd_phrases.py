"""Phrase books for the AMD corpus: what people and machines say, and the espeak-ng voices saying it.

``main`` is the book the detector was developed on; ``alt`` has other phrases, names, voices and
variants and no template in common with ``main``: a stand-in for an independent corpus, to check
that the detector generalises (``bench/amd.py --phrasebook alt``).
"""

from __future__ import annotations

from pydantic import BaseModel


class Phrasebook(BaseModel):
    """Templates (``{name}`` and ``{company}`` are filled per clip) by language, plus voices."""

    names: dict[str, list[str]]
    companies: dict[str, list[str]]
    human_short: dict[str, list[str]]
    human_again: dict[str, list[str]]
    human_business: dict[str, list[str]]
    machine_open: dict[str, list[str]]
    machine_middle: dict[str, list[str]]
    machine_close: dict[str, list[str]]
    machine_short: dict[str, list[str]]
    machine_carrier: dict[str, list[str]]
    en_voices: list[str]
    """espeak-ng English voices; Arabic uses ``ar``."""
    variants: list[str]
    """espeak-ng voice variants appended to the voice (``+m3``)."""


# ---------------------------------------------------------------- main

EN_NAMES = ["John", "Maria", "Ahmed", "Sarah", "David", "Priya", "Kevin", "Linda", "Omar", "Grace",
            "Michael", "Fatima", "Tom", "Elena", "Carlos", "Nadia", "Peter", "Aisha", "James", "Rosa"]
EN_COMPANIES = ["Westside Dental", "Blue Harbor Insurance", "Greenfield Motors", "the Oak Street clinic",
                "Summit Realty", "Bright Star Plumbing", "Northgate Pharmacy", "City Auto Repair",
                "Maple Leaf Travel", "Sunrise Bakery", "Atlas Logistics", "Riverview Law Office"]
AR_NAMES = ["أحمد", "محمد", "فاطمة", "سارة", "خالد", "ليلى", "عمر", "نور", "يوسف", "مريم", "علي", "هدى"]
AR_COMPANIES = ["شركة النور", "عيادة الشفاء", "مكتب الأمل للمحاماة", "صيدلية السلام", "شركة الرياض للسيارات",
                "مطعم الياسمين", "وكالة السفر الذهبية", "مؤسسة البناء الحديث"]


HUMAN_SHORT = {
    "en": ["Hello?", "Hello.", "Hi.", "Yeah?", "Yes?", "Hey.", "Hello, who's this?", "Hi there.",
           "Speaking.", "Hello, {name} speaking.", "This is {name}.", "Yeah, hello?", "Hi, {name} here.",
           "Hello, yes?", "Good morning.", "Hi, who is calling?", "Hey, what's up?", "Hello, {name}."],
    "ar": ["ألو؟", "نعم؟", "مرحبا", "ألو، مين معي؟", "أهلا", "السلام عليكم", "نعم، تفضل", "ألو، {name} معك",
           "أهلا وسهلا", "مين؟", "ألو، نعم", "صباح الخير"],
}
HUMAN_AGAIN = {
    "en": ["Hello?", "Hello? Anyone there?", "Hello? Can you hear me?", "Hi? Hello?", "Who is this?"],
    "ar": ["ألو؟", "ألو؟ مين معي؟", "ألو؟ تسمعني؟", "ألو، ألو؟"],
}
HUMAN_BUSINESS = {
    "en": ["Good morning, {company}, this is {name}, how can I help you?",
           "Thank you for calling {company}, {name} speaking, how may I help you?",
           "{company}, good afternoon, you're speaking with {name}.",
           "Hello, {company}, {name} speaking, what can I do for you?",
           "Hi, thanks for calling {company}, this is {name}, how can I help?",
           "Good evening, {company} front desk, how can I help you today?"],
    "ar": ["{company}، صباح الخير، معك {name}، كيف أقدر أساعدك؟",
           "شكرا لاتصالك ب{company}، معك {name}، تفضل",
           "مساء الخير، {company}، كيف يمكنني مساعدتك؟",
           "أهلا بك في {company}، معك {name}"],
}
MACHINE_OPEN = {
    "en": ["Hi, you've reached {name}.", "Hello, this is {name}.", "You have reached the voicemail of {name}.",
           "Thank you for calling {company}.", "Hi, this is {name} at {company}.", "Hey, it's {name}.",
           "You've reached the office of {name}."],
    "ar": ["مرحبا، لقد وصلت إلى البريد الصوتي ل{name}", "أهلا، هذا {name}", "شكرا لاتصالك ب{company}",
           "مرحبا، أنت تتصل ب{name}"],
}
MACHINE_MIDDLE = {
    "en": ["I'm not available to take your call right now.", "Sorry I missed your call.",
           "Our office is currently closed.", "I'm either on the other line or away from my desk.",
           "Our business hours are Monday through Friday, nine to five.",
           "I'm out of the office until Monday.", "We can't come to the phone at the moment.",
           "All of our staff are currently assisting other customers."],
    "ar": ["أنا غير متاح حاليا", "عذرا، لا أستطيع الرد الآن", "مكاتبنا مغلقة حاليا",
           "ساعات العمل من الأحد إلى الخميس، من التاسعة إلى الخامسة", "أنا خارج المكتب حتى يوم الأحد"],
}
MACHINE_CLOSE = {
    "en": ["Please leave your name, number and a brief message after the tone, and I'll get back to you.",
           "Leave a message and I'll call you back as soon as I can.",
           "Please leave a message after the beep.", "Thanks, and have a great day.",
           "If this is urgent, please call my mobile.", "I'll return your call as soon as possible."],
    "ar": ["الرجاء ترك رسالة بعد سماع الصفارة", "اترك اسمك ورقمك وسأعاود الاتصال بك",
           "شكرا لك، وأتمنى لك يوما سعيدا", "سأتصل بك في أقرب وقت ممكن"],
}
MACHINE_SHORT = {
    "en": ["Please leave a message.", "Leave a message.", "{name}, leave a message.",
           "You've reached {name}. Leave a message.", "Not here, leave a message.",
           "Hi, it's {name}, leave a message after the tone."],
    "ar": ["اترك رسالة", "الرجاء ترك رسالة", "{name}، اترك رسالة بعد الصفارة"],
}
MACHINE_CARRIER = {
    "en": ["The person you are calling is not available. At the tone, please record your message.",
           "The number you have dialed is not available. Please leave a message after the tone.",
           "The subscriber you have called cannot take your call. Please record your message after the tone. "
           "When you have finished recording, you may hang up."],
    "ar": ["المشترك الذي تحاول الاتصال به غير متاح حاليا، يرجى ترك رسالة بعد سماع الصفارة",
           "الرقم المطلوب لا يمكنه الرد الآن، الرجاء تسجيل رسالتك بعد الصفارة"],
}

EN_VOICES = ["en-us", "en-gb", "en-gb-scotland", "en-029", "en-us-nyc", "en-gb-x-rp", "en-gb-x-gbclan"]
VARIANTS = ["", "+m1", "+m2", "+m3", "+m4", "+m5", "+m7", "+f1", "+f2", "+f3", "+f4", "+f5",
            "+klatt", "+klatt2", "+Andy", "+Annie", "+belinda", "+edward", "+linda", "+steph", "+max"]

MAIN = Phrasebook(
    names={"en": EN_NAMES, "ar": AR_NAMES}, companies={"en": EN_COMPANIES, "ar": AR_COMPANIES},
    human_short=HUMAN_SHORT, human_again=HUMAN_AGAIN, human_business=HUMAN_BUSINESS,
    machine_open=MACHINE_OPEN, machine_middle=MACHINE_MIDDLE, machine_close=MACHINE_CLOSE,
    machine_short=MACHINE_SHORT, machine_carrier=MACHINE_CARRIER, en_voices=EN_VOICES, variants=VARIANTS)

# ---------------------------------------------------------------- alt

ALT = Phrasebook(
    names={"en": ["Liam", "Noah", "Emma", "Olivia", "Hassan", "Yara", "Victor", "Chloe", "Samir", "Hannah",
                  "Ben", "Zoe"],
           "ar": ["حسن", "رنا", "سامي", "دينا", "ماجد", "سلمى", "طارق", "ريم"]},
    companies={"en": ["Pinewood Veterinary", "Crescent Bank", "Harbor Lights Hotel", "Apex Roofing",
                      "Golden Gate Tutors",
                     "Lakeside Family Medicine", "Metro Movers", "Silverline Electric"],
               "ar": ["مركز الرعاية", "شركة الفجر", "مكتب النخيل", "معهد المستقبل"]},
    human_short={
    "en": ["Yello?", "Hi, who's calling?", "Yes, hello.", "Hey there.", "Hello, this is {name}.", "Morning.",
           "Uh, hello?", "{name}.", "Hiya.", "Yeah, go ahead.", "Hello hello?", "Good afternoon."],
    "ar": ["ألو، مرحبا", "نعم، مين؟", "هلا", "ألو، تفضل", "مساء الخير", "أيوه؟", "{name} معك"],
},
    human_again={"en": ["Hello? You there?", "Uh, hello? Hello?", "Is anybody there?", "Hey, can you hear me?"],
                      "ar": ["ألو؟ في حدا؟", "ألو ألو؟", "ألو، تسمعني؟"]},
    human_business={
    "en": ["{company}, this is {name}, how can I help you today?",
           "Good afternoon, you've reached {company}, {name} speaking.",
           "Thanks for calling {company}, my name is {name}, how may I direct your call?",
           "Hello, {company} reception, {name} here, what can I do for you?"],
    "ar": ["{company}، مساء الخير، معك {name}، تفضل", "أهلا، {company}، {name} يتكلم، كيف أخدمك؟"],
},
    machine_open={
    "en": ["Hello, you've called {name}.", "Hi there, this is {company}.", "You've reached {name}'s phone.",
           "Welcome to {company}.", "Hey, {name} here."],
    "ar": ["أهلا بك، وصلت إلى {name}", "مرحبا بكم في {company}", "هذا هاتف {name}"],
},
    machine_middle={
    "en": ["I can't pick up right now.", "Nobody is available to answer your call.", "We are closed for the holiday.",
           "I'm probably driving or in a meeting.", "Our hours are eight to six on weekdays.",
           "For emergencies, please hang up and dial your local emergency number."],
    "ar": ["لا أستطيع الرد حاليا", "لا يوجد أحد متاح للرد", "نحن في عطلة", "ربما أكون في اجتماع"],
},
    machine_close={
    "en": ["Record your message at the tone.", "Leave your details and we'll return your call.",
           "Please say your name and number after the beep.", "Talk to you soon.", "Bye for now."],
    "ar": ["سجل رسالتك بعد النغمة", "اترك رقمك وسنتصل بك", "إلى اللقاء"],
},
    machine_short={
    "en": ["Leave it at the beep.", "Go ahead, record.", "{name}. Message, please.", "Not available. Leave a message.",
           "Hi, you've got {name}, talk after the tone."],
    "ar": ["سجل رسالتك", "اترك رسالتك من فضلك", "{name}، سجل رسالة"],
},
    machine_carrier={
    "en": ["The mobile customer you are calling is unavailable. Please leave a message after the tone.",
           "Your call has been forwarded to an automatic voice message system. At the tone, please record your message."],
    "ar": ["الهاتف المطلوب مغلق أو خارج نطاق التغطية، يرجى ترك رسالة بعد النغمة"],
},
    en_voices=["en-us", "en-gb", "en-gb-x-gbcwmd", "en-029", "en-gb-scotland"],
    variants=["+adam", "+Alex", "+Alicia", "+Andrea", "+aunty", "+benjamin", "+boris", "+caleb", "+david",
                 "+Denis", "+ed", "+Gene", "+Hugo", "+iven", "+Jacky", "+john", "+Lee", "+Marco", "+Michael",
                 "+Mike", "+paul", "+quincy", "+rob", "+robert", "+steph2", "+steph3", "+zac", "+anika",
                 "+grandpa", "+grandma", "+klatt3", "+klatt4", "+m6", "+m8", "+shelby", "+travis", "+victor"],
)

PHRASEBOOKS = {"main": MAIN, "alt": ALT}
