"""Demo data for the one-machine call center: `python -m callcenter.demo` (idempotent).

Creates the demo operator (open around the clock so demo calls are always answered), human
agents, a bilingual FAQ, customers and a draft campaign with leads. Live calls come from the
traffic simulator (`python -m agent.simulate`).
"""

from __future__ import annotations

import asyncio

from callcenter import auth
from callcenter import models as m
from callcenter.log import configure_logging, get_logger
from callcenter.settings import get_settings
from callcenter.store import Store

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "Nour-clinic-2026"
log = get_logger(__name__)

FAQ = [
    ("Opening hours", "en", "Our opening hours are Sunday to Thursday from 9 in the morning to 5 in the evening."),
    ("ساعات العمل", "ar", "ساعات العمل من الأحد إلى الخميس من التاسعة صباحاً حتى الخامسة مساءً."),
    ("Premium package", "en", "The premium package costs 299 riyals a month and includes home visits."),
    ("الباقة المميزة", "ar", "سعر الباقة المميزة ٢٩٩ ريال في الشهر وتشمل الزيارات المنزلية."),
    ("Location", "en", "Our main branch is on King Fahd Road in Riyadh, next to the metro station."),
]
AGENTS = [("Sara Al-Harbi", "+966500000101", "available"), ("Omar Khalil", "+966500000102", "available"),
          ("Lina Haddad", "+966500000103", "offline")]
CUSTOMERS = [("أحمد العتيبي", "+966500000201", "ar"), ("John Miller", "+14155550123", "en"),
             ("فاطمة الزهراني", "+966500000202", "ar")]
LEADS = [("Khalid Al-Saud", "+966500000301", "Asia/Riyadh"), ("Emily Clark", "+442071838750", "Europe/London"),
         ("ريم القحطاني", "+966500000302", "Asia/Riyadh"), ("Michael Brown", "+12125550187", "America/New_York")]


async def seed(store: Store) -> m.Operator:
    async with store.as_service() as db:
        existing = await db.fetchval("select id from public.operators where email = $1", DEMO_EMAIL)
    if existing:
        async with store.as_operator(existing) as db:
            return await db.operators.me()
    operator = await auth.register(store, email=DEMO_EMAIL, password=DEMO_PASSWORD, name="Demo Call Center",
                                   company="Nour Clinic", timezone="Asia/Riyadh")
    always = {d: [("00:00", "24:00")] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    async with store.as_operator(operator.id) as db:
        operator = await db.operators.update(m.OperatorUpdate(business_hours=always))
        for name, phone, status in AGENTS:
            await db.human_agents.create(m.HumanAgentNew(name=name, phone=phone, status=status))
        for title, lang, content in FAQ:
            doc = await db.knowledge_documents.create(m.KnowledgeDocumentNew(title=title, content=content, language=lang))
            await db.knowledge_chunks.create(m.KnowledgeChunkNew(document_id=doc.id, chunk_index=0, content=content,
                                                                 language=lang))
        for name, phone, lang in CUSTOMERS:
            await db.customers.create(m.CustomerNew(name=name, phone=phone, language=lang))
        campaign = await db.campaigns.create(m.CampaignNew(
            name="Annual check-up reminder", dialing_mode="progressive",
            voicemail_message={"en": "This is Nour Clinic reminding you of your annual check-up. Please call us back.",
                               "ar": "معك عيادة نور نذكرك بموعد الفحص السنوي، نرجو معاودة الاتصال."},
            identification_message={"en": "This is Nour Clinic. To stop these calls, press 9.",
                                    "ar": "معك عيادة نور. لإيقاف هذه المكالمات اضغط ٩."},
        ))
        for name, phone, tz in LEADS:
            await db.leads.create(m.LeadNew(campaign_id=campaign.id, name=name, phone=phone, timezone=tz))
    log.info("demo data seeded", operator_id=str(operator.id))
    return operator


async def main() -> None:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)
    store = await Store.connect(settings.database_url)
    try:
        operator = await seed(store)
        print(f"demo operator: {operator.email} ({operator.id})")
    finally:
        await store.close()


if __name__ == "__main__":
    asyncio.run(main())
