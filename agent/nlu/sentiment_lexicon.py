"""Bilingual sentiment and severity lexicons (English, MSA, Gulf, Egyptian, Levantine).

Valences use a -4..4 scale. Entries are written naturally and normalised at
load time; Arabic clitics and suffixes ("ممتازه", "بالخدمه", "فاتورتي") and
English inflections are handled by the matcher, so only base forms are
listed. A trailing ``*`` marks a prefix entry.
"""

from __future__ import annotations


def _entries(block: str, valence: float) -> dict[str, float]:
    return {line.strip(): valence for line in block.strip().splitlines() if line.strip()}


POSITIVE_EN = {
    **_entries(
        """
        excellent
        amazing
        awesome
        fantastic
        outstanding
        superb
        wonderful
        brilliant
        perfect
        incredible
        exceptional
        phenomenal
        love
        loved
        lovely
        best
        flawless
        impressive
        impressed
        delighted
        thrilled
        grateful
        thankful
        appreciate
        appreciated
        10 out of 10
        five stars
        world class
        top notch
        above and beyond
        """,
        3.0,
    ),
    **_entries(
        """
        great
        happy
        pleased
        glad
        satisfied
        nice
        kind
        helpful
        friendly
        polite
        professional
        pleasant
        smooth
        fast
        quick
        efficient
        reliable
        recommend
        enjoy
        enjoyed
        thanks
        thank you
        thank
        cheers
        beautiful
        brilliant
        solved
        resolved
        fixed
        works great
        well done
        good job
        much better
        easy
        convenient
        affordable
        worth it
        fair price
        fair
        patient
        courteous
        respectful
        knowledgeable
        responsive
        awesome job
        bless you
        god bless
        comfortable
        relieved
        impressive
        """,
        2.0,
    ),
    **_entries(
        """
        good
        fine
        better
        decent
        cool
        clear
        works
        working fine
        sorted
        reasonable
        improved
        helped
        useful
        welcome
        hopeful
        calm
        """,
        1.2,
    ),
}

NEGATIVE_EN = {
    **_entries(
        """
        terrible
        horrible
        awful
        worst
        disgusting
        pathetic
        atrocious
        appalling
        unacceptable
        outrageous
        disgraceful
        hate
        hated
        furious
        livid
        nightmare
        disaster
        scam
        scammed
        fraud
        ripoff
        rip off
        rip-off
        robbery
        robbed
        thieves
        cheated
        useless
        worthless
        incompetent
        shameful
        a joke
        never again
        fed up
        sick of
        sick and tired
        had enough
        waste of time
        waste of money
        lied
        liars
        lying
        despise
        infuriating
        infuriated
        humiliated
        insulted
        rude
        abusive
        """,
        -3.0,
    ),
    **_entries(
        """
        bad
        poor
        angry
        upset
        annoyed
        annoying
        frustrated
        frustrating
        frustration
        disappointed
        disappointing
        disappointment
        unhappy
        dissatisfied
        unsatisfied
        mad
        sad
        broken
        fail
        failed
        failure
        failing
        crash
        crashed
        crashes
        crashing
        slow
        late
        delay
        delayed
        ignored
        ignore
        unprofessional
        unhelpful
        careless
        mess
        messed up
        ridiculous
        stupid
        nonsense
        overcharged
        overcharging
        expensive
        overpriced
        complain
        complaint
        complaining
        hopeless
        worse
        lost
        lose
        stuck
        stressed
        stressful
        tired
        exhausted
        confusing
        confused
        misleading
        mislead
        hidden fees
        hung up
        hang up
        no one answers
        nobody answers
        nobody helps
        doesn't work
        does not work
        didn't work
        not working
        stopped working
        keeps dropping
        keeps crashing
        still waiting
        waiting for hours
        for hours
        for weeks
        again and again
        over and over
        every time
        sucks
        suck
        crappy
        lousy
        garbage
        trash
        rubbish
        inconvenient
        unreliable
        worried
        afraid
        scared
        hurt
        damaged
        damage
        wrong
        error
        unfair
        shocked
        shocking
        nobody cares
        no one cares
        never showed up
        didn't show up
        never came
        can't stand
        can't take it anymore
        can't take this anymore
        no one helps
        no one helped
        nobody helped
        no one called back
        nobody called back
        without permission
        sue
        lawyer
        charged twice
        double charged
        gas leak
        on fire
        injured
        dangerous
        unsafe
        threat
        threaten
        """,
        -2.0,
    ),
    **_entries(
        """
        problem
        problems
        issue
        issues
        trouble
        difficult
        difficulty
        unfortunately
        concern
        concerned
        confusion
        mistake
        missing
        unclear
        boring
        weird
        strange
        meh
        long wait
        """,
        -1.0,
    ),
}

POSITIVE_AR = {
    **_entries(
        """
        ممتاز
        رائع
        رهيب
        خرافي
        خرافيه
        روعه
        مذهل
        يجنن
        تجنن
        فظيع جمال
        عظيم
        مثالي
        افضل خدمه
        احسن خدمه
        يعطيك العافيه
        الله يعطيك العافيه
        يعطيكم العافيه
        الله يسعدك
        الله يسعدكم
        جزاك الله خير
        جزاكم الله خير
        الله يجزاك خير
        الله يحفظك
        بارك الله فيك
        تسلم ايدك
        تسلم
        تسلمي
        تسلمون
        مشكورين
        ميه ميه
        فوق الممتاز
        اسطوري
        ابداع
        مبدع
        مبدعين
        عجبني
        اعجبني
        عاجبني
        حبيت
        mumtaz
        momtaz
        ro3a
        tohfa
        شاكر
        ممتن
        ممنون
        احبكم
        """,
        3.0,
    ),
    **_entries(
        """
        شكرا
        مشكور
        مشكوره
        متشكر
        متشكرين
        الف شكر
        جميل
        حلو
        حلوه
        زين
        كويس
        كويسه
        منيح
        منيحه
        مبسوط
        مبسوطين
        سعيد
        سعيده
        فرحان
        فرحانه
        مرتاح
        مرتاحه
        راضي
        راضيه
        ممتن
        لطيف
        لطيفه
        محترم
        محترمين
        متعاون
        متعاونين
        سريع
        سريعه
        خدوم
        ذوق
        شاطر
        شاطرين
        افضل
        احسن
        نظيف
        مريح
        سهل
        مضبوط
        موفق
        انحلت
        انحلت المشكله
        اتحلت
        تم الحل
        يستاهل
        يستاهلون
        انصح
        انصح فيه
        الحمد لله
        الحمدلله
        ماشاء الله
        ما شاء الله
        تبارك الله
        نشكركم
        اشكرك
        اشكركم
        كفو
        فنان
        kwayes
        kwayyes
        kwayesa
        helw
        helwa
        7elw
        7elwa
        zain
        zein
        mni7
        shukran
        mashkour
        """,
        2.0,
    ),
    **_entries(
        """
        تمام
        طيب
        معقول
        مقبول
        جيد
        ماشي الحال
        كويس الحمدلله
        اوكي
        مفيد
        واضح
        ارخص
        رخيص
        مناسب
        اشتغل
        زابط
        ظابط
        """,
        1.2,
    ),
}

NEGATIVE_AR = {
    **_entries(
        """
        زفت
        خايس
        خايسه
        زباله
        قرف
        مقرف
        مقرفه
        كارثه
        كارثي
        فظيع
        اسوا
        اسوء
        مهزله
        فضيحه
        نصب
        نصابين
        نصاب
        حراميه
        حرامي
        سرقه
        سرقتوني
        سرقوني
        لصوص
        كذابين
        كذاب
        كذب
        ظلم
        ظالمين
        حسبي الله
        حسبي الله ونعم الوكيل
        الله يحرقكم
        الله ياخذكم
        قليل ادب
        قليلين ادب
        قله ادب
        وقح
        وقحين
        ما عندكم ذمه
        بلا ذمه
        مافي ذمه
        طفشت
        طفشتوني
        قهر
        يقهر
        مقهور
        مقهوره
        انقهرت
        زهقت
        زهقتوني
        قرفت
        قرفتوني
        تعبتوني
        جننتوني
        هزله
        فاشلين
        فاشل
        اسوا خدمه
        اسوء خدمه
        مستفز
        مستفزين
        بهدله
        متبهدل
        خيبه
        خيبه امل
        تعيس
        تعيسه
        لعنه
        """,
        -3.0,
    ),
    **_entries(
        """
        سيء
        سيئ
        سيئه
        سيئين
        وحش
        وحشه
        شين
        شينه
        ماصخ
        بايخ
        بايظ
        بايظه
        خربان
        خربانه
        خربانين
        خرب
        خربت
        تعطل
        تعطلت
        معطل
        معطله
        عطلان
        عطلانه
        زعلان
        زعلانه
        زعلانين
        زعل
        غاضب
        غاضبه
        غضبان
        معصب
        معصبه
        متعصب
        متنرفز
        متضايق
        متضايقه
        مضايق
        مستاء
        مستاءه
        منزعج
        منزعجه
        مزعج
        مزعجه
        ازعاج
        محبط
        محبطه
        احباط
        مخيب
        غلط
        خطا
        فشل
        فشلتوا
        بطيء
        بطيئ
        بطيئه
        بطء
        تاخير
        متاخر
        متاخره
        تاخرتوا
        اهمال
        مهمل
        مهملين
        تجاهل
        تجاهلتوني
        طنشتوني
        تطنيش
        مطنش
        ولا احد يرد
        ما احد يرد
        محد يرد
        ما في رد
        ما يردون
        مابيردوش
        محدش بيرد
        غالي
        غاليه
        مبالغ فيه
        ضايع
        ضاع
        ضاعت
        ضيعتوا
        خساره
        خسرت
        مشاكل
        تعبان
        تعبانه
        تعب
        تعبت
        ملل
        ممل
        مقرف
        حرام عليكم
        يا ساتر
        مش معقول
        مو معقول
        مب معقول
        لا يطاق
        ما يطاق
        ما ينطاق
        ما عاد اتحمل
        ما اتحمل
        مش قادر استحمل
        مش طايق
        ما احد يهتم
        محد يهتم
        ولا حد سائل
        ما رجعوا
        مو طبيعي
        مش طبيعي
        عيب
        عيب عليكم
        استهتار
        مستهترين
        فوضى
        فوضي
        لخبطه
        ملخبط
        حزين
        حزينه
        زعلت
        خايف
        خايفه
        قلقان
        قلقانه
        ضرر
        متضرر
        اذى
        ما ينفع
        ما يصلح
        مش نافع
        مو زابط
        مش زابط
        مش ظابط
        قطع
        يقطع
        انقطع
        مقطوع
        ما يشتغل
        مايشتغل
        مش شغال
        مو شغال
        مب شغال
        عطل
        اعطال
        خلل
        تسرب غاز
        حريق
        خطير
        محامي
        اشتكي عليكم
        اقاضيكم
        خصم مرتين
        خراب
        مستحيل
        للاسف
        مع الاسف
        تعقيد
        معقد
        zift
        zeft
        wa7esh
        we7esh
        sayye2
        khayes
        za3lan
        ghalat
        """,
        -2.0,
    ),
    **_entries(
        """
        مشكله
        مشكل
        مشكلتي
        صعب
        صعبه
        ناقص
        ناقصه
        انتظار
        انتظرت
        استنيت
        شكوى
        شكوي
        اشتكي
        """,
        -1.0,
    ),
}

# Stems and idioms that widen coverage beyond the word lists above.
POSITIVE_MORE = {
    **_entries(
        """
        like a charm
        spot on
        kudos
        bravo
        lifesaver
        life saver
        legend
        stellar
        terrific
        fabulous
        splendid
        marvel*
        appreciat*
        delight*
        impress*
        satisf*
        grateful
        pleasur*
        seamless*
        top class
        first class
        made my day
        can't wait
        looking forward
        punctual
        tidy
        خيال
        انبسط*
        مبسوطه
        قمه في
        تفتح النفس
        يفتح النفس
        ما قصرت
        ما قصرتوا
        ما قصرتو
        ما قصرتي
        الله يعافيك
        الله يخليك
        ربي يسعدك
        ربي يحفظك
        يسلمو
        يسلموا
        اسعدتني
        الشكر والتقدير
        كل الشكر
        خلوق
        مبدع*
        ممتاز*
        رائع*
        جميل*
        ممنون*
        مشكور*
        متشكر*
        مبسوط*
        مرتاح*
        متعاون*
        محترم*
        لطيف*
        تستاهل*
        انصح*
        """,
        2.5,
    ),
    **_entries(
        """
        relief
        relieved
        sorted
        reliab*
        recommend*
        helpful
        friendl*
        polite*
        courteous*
        prompt*
        efficien*
        smooth*
        enjoy*
        lovel*
        wonderf*
        fantastic*
        amaz*
        excellen*
        awesome*
        perfect*
        شكر*
        تقدير
        احترام
        فرح*
        سعيد*
        راضي*
        تحسن*
        سريع*
        سهل*
        مريح*
        ذوق
        صبور
        """,
        2.0,
    ),
}
NEGATIVE_MORE = {
    **_entries(
        """
        waste of my time
        wasting my time
        gone downhill
        going downhill
        downhill
        unbearable
        i'm done with
        so done with
        done with this
        لا يحتمل
        ما يحتمل
        ما ينحمل
        مخجل
        اهان*
        تضيعوا وقتي
        ضيعتوا وقتي
        تضييع وقت
        مضيعه وقت
        مستوى نازل
        الخدمه نازل
        what a waste
        don't know what they're doing
        don't know what you're doing
        doesn't know what
        no idea what
        clueless
        regret*
        disgust*
        disappoint*
        frustrat*
        annoy*
        irritat*
        aggravat*
        infuriat*
        outrag*
        appall*
        horrend*
        horrib*
        terribl*
        miserab*
        pathetic*
        hopeless*
        pointless*
        useless*
        worthless*
        incompeten*
        neglig*
        humiliat*
        insult*
        offend*
        offensive
        arrogan*
        ridicul*
        absurd*
        nightmare*
        disaster*
        catastroph*
        embarrass*
        disgrac*
        dissatisf*
        unsatisf*
        displeas*
        scam*
        fraud*
        cheat*
        mislead*
        يفشل
        فشيله
        ما تستحون
        ما تستحي
        ما عندكم حيا
        وقاحه
        تحت الصفر
        ندم*
        اكلم حيطه
        بتكلم مع حيطه
        اكلم جدار
        ما يقبله عقل
        ما بيقبله عقل
        ما يدخل العقل
        غير مقبول
        مو مقبول
        مش مقبول
        مب مقبول
        ما احد يساعد
        ما احد ساعدني
        محد ساعدني
        ما حد ساعدني
        ما حدا ساعدني
        ولا احد ساعدني
        ما احد يساعدني
        مستفز*
        مزعج*
        معصب*
        متضايق*
        مضايق*
        مستاء*
        محبط*
        طفش*
        زهق*
        قهر*
        مقهور*
        كذب*
        كذاب*
        نصاب*
        حرامي*
        سرق*
        ظلم*
        مهزل*
        فضيح*
        كارث*
        خيب*
        تعيس*
        خايس*
        زبال*
        مقرف*
        زعل*
        غضب*
        """,
        -2.5,
    ),
    **_entries(
        """
        hassle
        headache
        nonsense
        inconvenien*
        delay*
        ignor*
        broken
        faulty
        defect*
        damag*
        stuck
        sucks
        crap*
        سيء*
        سيئ*
        تعبان*
        خربان*
        بايظ*
        ممل*
        تاخير*
        متاخر*
        مهمل*
        حزين*
        خايف*
        قلق*
        ملل
        شين*
        ماصخ*
        بايخ*
        """,
        -2.0,
    ),
}

# Polite refusals: "no" here declines, it does not negate the thanks.
NEUTRAL_IDIOMS = _entries(
    """
    no thanks
    no thank you
    no thanks a lot
    nope thanks
    لا شكرا
    لا مشكور
    لا مشكوره
    لا تسلم
    لا الله يسلمك
    لا متشكر
    لا يسلمو
    """,
    0.0,
)

# Words that scale the next (English) or neighbouring (Arabic) sentiment word.
INTENSIFIERS = {
    **_entries(
        """
        very
        really
        so
        extremely
        totally
        completely
        absolutely
        incredibly
        super
        too
        truly
        highly
        deeply
        utterly
        seriously
        particularly
        especially
        terribly
        awfully
        damn
        freaking
        fucking
        most
        such
        جدا
        كثير
        كتير
        مره
        مرا
        واجد
        وايد
        بزاف
        اوي
        قوي
        خالص
        بالمره
        للغايه
        تماما
        اكثر
        awi
        gedan
        marra
        kteer
        """,
        1.35,
    ),
    **_entries(
        """
        a bit
        a little
        slightly
        somewhat
        kind of
        kinda
        sort of
        a little bit
        barely
        شوي
        شويه
        شوية
        نوعا ما
        بعض الشي
        حبه
        """,
        0.6,
    ),
}

# Profanity and insults: any of these forces a strongly negative score.
PROFANITY = (
    """
    fuck
    fucking
    fucked
    fuck you
    shit
    bullshit
    asshole
    bastard
    bitch
    damn you
    dickhead
    piss off
    screw you
    go to hell
    idiot
    idiots
    moron
    morons
    imbecile
    كلب
    كلاب
    يا كلب
    حمار
    حمير
    يا حمار
    حيوان
    حيوانات
    يا حيوان
    غبي
    اغبياء
    اغبيا
    تافه
    تافهين
    حقير
    حقيرين
    وسخ
    وسخين
    زق
    خرا
    تفو
    يلعن
    الله يلعن
    يلعن ابو
    ابن الكلب
    ولاد الكلب
    ولاد الكلاب
    كس
    منيك
    شرموط
    شرموطه
    معرص
    خول
    يا زباله
    """
)

# Threats of violence: strongly negative and a critical complaint.
THREATS = (
    """
    i will kill
    i'll kill
    kill you
    i will hurt
    burn your
    you will regret
    you'll regret
    watch your back
    blow up
    بذبحك
    بذبحكم
    راح اذبح
    اقتلك
    اقتلكم
    بقتلك
    هقتلك
    حقتلك
    بحرق
    احرق
    بفجر
    اكسر راسك
    بكسر راسك
    تندمون
    بتندمون
    هتندموا
    """
)

# complaint_severity cues.
SAFETY = (
    """
    caught fire
    on fire
    a fire
    fire broke
    fire hazard
    smoke
    someone died
    passed away
    got hurt
    was hurt
    is hurt
    hurt myself
    hurt my
    gas leak
    leaking gas
    smell gas
    electric shock
    electrocuted
    sparks
    sparking
    explosion
    exploded
    injured
    injury
    bleeding
    burned
    burnt
    hospital
    ambulance
    emergency
    dangerous
    danger
    unsafe
    hazard
    death
    poisoned
    poisoning
    collapsed
    flooding
    flooded
    suicide
    kill myself
    حريق
    حرايق
    دخان
    تسرب غاز
    ريحه غاز
    ماس كهربائي
    ماس كهربا
    كهربتني
    صعقه
    شراره
    انفجار
    انفجر
    اصابه
    انصاب
    انصبت
    جرح
    انجرح
    نزيف
    احترق
    انحرق
    مستشفى
    المستشفي
    اسعاف
    طوارئ
    طواري
    خطر
    خطير
    خطيره
    وفاه
    توفي
    تسمم
    غرق
    انتحار
    اقتل نفسي
    """
)
LEGAL = (
    """
    lawyer
    attorney
    sue
    suing
    lawsuit
    court
    legal action
    take legal
    legal
    police
    report you
    regulator
    ombudsman
    consumer protection
    authority
    citc
    ministry
    press charges
    social media
    go public
    twitter
    محامي
    محاميي
    المحكمه
    محكمه
    قضيه
    اقاضي
    اقاضيكم
    بقاضيكم
    هقاضيكم
    ارفع قضيه
    برفع قضيه
    شكوى رسميه
    الشرطه
    الشرطة
    البوليس
    النيابه
    حمايه المستهلك
    جهاز حمايه المستهلك
    هيئه الاتصالات
    وزاره التجاره
    الجهات المختصه
    الجهات الرسميه
    بشتكي عليكم
    راح اشتكي عليكم
    هشتكيكم
    بفضحكم
    هفضحكم
    السوشيال ميديا
    تويتر
    """
)
MONEY_LOSS = (
    """
    charged twice
    double charged
    charged me twice
    overcharged
    stole
    stolen
    stealing
    fraud
    fraudulent
    scam
    scammed
    lost money
    lost my money
    money is gone
    took my money
    taking my money
    deducted
    unauthorized
    without my permission
    without permission
    refund never
    never refunded
    still no refund
    my money back
    want my money
    سرقه
    سرقوني
    سرقتوا
    نصب
    نصبوا
    احتيال
    خصم مرتين
    انخصم مرتين
    خصموا مني
    انسحب من حسابي
    انسحبت فلوس
    سحبوا من حسابي
    فلوسي
    فلوسي راحت
    راحت فلوسي
    ضاعت فلوسي
    ابي فلوسي
    ابغى فلوسي
    عايز فلوسي
    بدي مصاري
    مصاريي
    دفعت مرتين
    بدون اذني
    ما رجعوا المبلغ
    ما رجعت الفلوس
    استرجاع ما وصل
    """
)
# Repeated failures: the same problem again and again.
REPEATED = (
    """
    again and again
    over and over
    every time
    every single time
    many times
    several times
    multiple times
    so many times
    second time
    third time
    fourth time
    fifth time
    tenth time
    for weeks
    for months
    since last week
    since last month
    keeps happening
    keep happening
    keep calling
    kept calling
    times already
    مره ثانيه
    مره ثالثه
    ثاني مره
    ثالث مره
    رابع مره
    خامس مره
    عاشر مره
    للمره الثانيه
    للمره الثالثه
    للمره العاشره
    كل مره
    اكثر من مره
    كذا مره
    مرات كثير
    مرات كتير
    من اسبوع
    من اسبوعين
    من شهر
    من شهرين
    كل يوم
    كل شهر
    تكرر
    يتكرر
    متكرر
    اتصلت كذا
    """
)
# Weaker signs of a problem dragging on.
PERSISTING = (
    """
    still not
    still waiting
    still no
    still nothing
    for days
    nobody called back
    no one called back
    called before
    already called
    من ايام
    لين الحين
    لحد الان
    لحد دلوقتي
    لهلق
    لسه
    للحين
    ولا احد رد
    محد رد
    اتصلت قبل
    """
)
CHURN = (
    """
    cancel my account
    cancel my subscription
    cancel everything
    close my account
    switch to
    switching to
    competitor
    leave you
    leaving you
    another company
    never use
    الغي اشتراكي
    بلغي اشتراكي
    هلغي
    الغي حسابي
    اقفل حسابي
    بطلع منكم
    بروح لشركه ثانيه
    شركه ثانيه
    شركه تانيه
    المنافس
    ما راح اتعامل
    اخر مره
    """
)
