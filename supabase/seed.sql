-- Built-in industry presets, shared by every operator (operator_id null). Idempotent.
-- Demo operators, customers and calls are not seeded here: `python -m callcenter.demo` creates
-- them through the application (passwords must be hashed by the app).

insert into public.industry_presets (operator_id, slug, industry, name_en, name_ar, description, departments, faqs)
values
  (null, 'clinic', 'healthcare', 'Medical clinic', 'عيادة طبية',
   'Appointments, prescriptions and results; urgent symptoms go straight to a person.',
   '[{"slug": "reception", "name_en": "Reception", "name_ar": "الاستقبال"},
     {"slug": "appointments", "name_en": "Appointments", "name_ar": "المواعيد"},
     {"slug": "billing", "name_en": "Billing and insurance", "name_ar": "الفواتير والتأمين"},
     {"slug": "complaints", "name_en": "Patient relations", "name_ar": "علاقات المرضى"}]',
   '[{"q_en": "Do you accept insurance?", "a_en": "Yes, we accept most major insurers; bring your card to the visit.",
      "q_ar": "هل تقبلون التأمين؟", "a_ar": "نعم، نقبل معظم شركات التأمين، أحضر بطاقتك معك."}]'),
  (null, 'salon', 'beauty', 'Beauty salon', 'صالون تجميل',
   'Bookings for services and stylists, prices, cancellations.',
   '[{"slug": "reception", "name_en": "Reception", "name_ar": "الاستقبال"},
     {"slug": "appointments", "name_en": "Bookings", "name_ar": "الحجوزات"},
     {"slug": "sales", "name_en": "Packages and offers", "name_ar": "الباقات والعروض"}]',
   '[{"q_en": "Can I cancel a booking?", "a_en": "Yes, free of charge up to 24 hours before.",
      "q_ar": "هل يمكنني إلغاء الحجز؟", "a_ar": "نعم، مجاناً حتى ٢٤ ساعة قبل الموعد."}]'),
  (null, 'tutor', 'education', 'Private tutoring', 'دروس خصوصية',
   'Lesson booking, subjects and levels, trial lessons, payments.',
   '[{"slug": "reception", "name_en": "Reception", "name_ar": "الاستقبال"},
     {"slug": "appointments", "name_en": "Lessons", "name_ar": "الحصص"},
     {"slug": "sales", "name_en": "Enrolment", "name_ar": "التسجيل"},
     {"slug": "billing", "name_en": "Payments", "name_ar": "المدفوعات"}]',
   '[{"q_en": "Is there a trial lesson?", "a_en": "Yes, the first 30-minute lesson is free.",
      "q_ar": "هل توجد حصة تجريبية؟", "a_ar": "نعم، الحصة الأولى لمدة ٣٠ دقيقة مجانية."}]'),
  (null, 'university', 'education', 'University admissions', 'القبول الجامعي',
   'Admissions, registration, fees and student services.',
   '[{"slug": "reception", "name_en": "Information desk", "name_ar": "مكتب الاستعلامات"},
     {"slug": "sales", "name_en": "Admissions", "name_ar": "القبول والتسجيل"},
     {"slug": "billing", "name_en": "Fees", "name_ar": "الرسوم الدراسية"},
     {"slug": "technical_support", "name_en": "IT help desk", "name_ar": "الدعم التقني"},
     {"slug": "complaints", "name_en": "Student affairs", "name_ar": "شؤون الطلاب"}]',
   '[{"q_en": "When does registration open?", "a_en": "Registration opens four weeks before each term.",
      "q_ar": "متى يبدأ التسجيل؟", "a_ar": "يبدأ التسجيل قبل أربعة أسابيع من بداية كل فصل."}]')
on conflict do nothing;
