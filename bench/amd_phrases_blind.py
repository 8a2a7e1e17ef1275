"""Phrase lists of the blind AMD corpus (``amd_corpus_blind.py``), English and Arabic, written apart from ``amd_phrases``."""

HUMAN_SHORT = {
    "en": [
        "Hello?", "Hello.", "Yes?", "Hi, who is this?", "Hello, who's calling?", "Yeah?",
        "Hi.", "Hey.", "Good morning.", "Good afternoon.", "Hello, this is Sarah.",
        "Speaking.", "Hi there.", "Yes, hello?", "Hello, Mark speaking.", "Who is it?",
        "Hey, what's up?", "Hello, can I help you?", "Yep?", "Hiya.", "Hello, yes?",
        "Uh, hello?", "Hi, it's Tom.", "Evening.", "Hello there.", "Yes, speaking.",
        "Morning!", "Hi, who's this?", "Hallo?", "Hey, who is this?", "Go ahead.",
        "Hello, Jenny here.", "This is David.", "Yes, what is it?", "Oh, hello.",
        "Hey there.", "Hello, good evening.", "Yes, who's speaking?", "Hi, sorry, who is calling?",
        "Hello, Patel residence.", "Yello?", "Hi, Gran here.",
    ],
    "ar": [
        "ألو؟", "نعم؟", "ألو، مين معي؟", "مرحبا", "أهلا", "السلام عليكم", "نعم، تفضل",
        "ألو، نعم؟", "مين؟", "مرحبا، مين حضرتك؟", "أيوه؟", "آلو، أهلا", "صباح الخير",
        "مساء الخير", "تفضل", "نعم، مين؟", "ألو، السلام عليكم", "هلا", "هلا والله",
        "أهلا وسهلا", "ألو، أحمد معك", "نعم، أنا سارة", "مين المتصل؟", "ألو، مرحبا",
        "أيوا، مين معي؟", "نعم، تفضل، مين؟", "ألو، تفضلي", "ألو، من يتكلم؟", "أهلين",
        "مرحبا، كيف أقدر أساعدك؟", "ألو، نعم، أنا أسمعك", "صباح النور، مين معي؟",
    ],
}

HUMAN_BUSINESS = {
    "en": [
        "Good morning, thank you for calling Riverside Dental, this is Emma speaking, how can I help you today?",
        "Hello, you've reached the front desk at the Grand Plaza Hotel, my name is James, what can I do for you?",
        "Good afternoon, Henderson and Partners accounting, Lisa speaking, how may I direct your call?",
        "Thanks for calling Pizza Palace, this is Mike, are you calling for pickup or delivery?",
        "City Library reference desk, this is Karen, how can I help you this afternoon?",
        "Hello, Blue Sky Travel, you're speaking with Daniel, how can I help?",
        "Good evening, Maple Street Veterinary Clinic, this is Rachel, how can I help you and your pet?",
        "Northside Auto Repair, this is Steve, what can we do for you today?",
        "Thank you for calling Greenfield Insurance, my name is Anna, can I have your policy number please?",
        "Hi, Sunrise Bakery, this is Olivia speaking, how can I help you?",
        "Good morning, Parker Law Office, this is Brian, who am I speaking with?",
        "Hello and thank you for calling the billing department, this is Priya, how may I assist you?",
        "Westwood Medical Centre, reception, Sophie speaking, how can I help you?",
        "Good afternoon, Lakeside Property Management, this is Tom, what can I do for you?",
        "Thank you for calling Harbor Electronics customer service, my name is Kevin, how can I help?",
        "Hi there, Golden Dragon restaurant, would you like to place an order for delivery?",
        "Good morning, Summit Engineering, Paul speaking, who would you like to speak to?",
        "Hello, this is Maria at the school office, how can I help you today?",
        "Thanks for calling Bright Smile Orthodontics, this is Jessica, are you calling to book an appointment?",
        "Good afternoon, Oakridge Hardware, this is Frank, what are you looking for today?",
        "Hello, Metro Taxi, this is Joe, where would you like to be picked up from?",
        "Good morning, Evergreen Florists, this is Hannah, how can I brighten your day?",
        "Thank you for calling First National Bank, this is Robert, may I have your name please?",
        "Hello, Coastal Plumbing and Heating, this is Gary, what seems to be the problem?",
        "Good evening, Regency Theatre box office, this is Amy, how can I help you?",
        "Star Courier Services, this is Ahmed, do you have a tracking number for me?",
        "Hello, Elmwood Primary School, this is Mrs Clarke, how can I help?",
        "Good morning, the Daily Herald newsroom, this is Chris, what have you got for me?",
        "Thank you for calling TechFix support, my name is Leo, could you describe the problem?",
        "Hi, you're through to the sales team at Vertex Software, this is Nina, how can I help?",
    ],
    "ar": [
        "صباح الخير، عيادة النور لطب الأسنان، معك سارة، كيف أقدر أساعدك اليوم؟",
        "مساء الخير، فندق القصر الكبير، معك خالد من الاستقبال، كيف يمكنني خدمتك؟",
        "السلام عليكم، شركة الأمل للتأمين، معك منى، ممكن رقم الوثيقة لو سمحت؟",
        "أهلا وسهلا، مطعم الشام، معك أبو علي، تحب تطلب توصيل ولا استلام؟",
        "شكرا لاتصالك بخدمة العملاء، معك أحمد، كيف أقدر أساعدك؟",
        "صباح الخير، مكتب المحاماة، معك المحامي يوسف، مين معي لو سمحت؟",
        "مرحبا، مركز المدينة الطبي، قسم المواعيد، معك ريم، تفضل كيف أخدمك؟",
        "مساء النور، صيدلية الشفاء، معك عمر، كيف أقدر أخدمك اليوم؟",
        "السلام عليكم، مدرسة الفجر الابتدائية، معك الأستاذة هدى، تفضلي.",
        "أهلا بك في بنك الخليج، معك فيصل، ممكن اسمك الكامل من فضلك؟",
        "صباح الخير، شركة النقل السريع، معك ليلى، عندك رقم الشحنة؟",
        "مرحبا، ورشة الرياض لتصليح السيارات، معك سامي، شو المشكلة عندك؟",
        "شكرا لاتصالك بمكتب السفر والسياحة، معك نادية، وين حاب تسافر؟",
        "السلام عليكم، مخبز الأصالة، معك حسن، كيف أقدر أساعدك اليوم؟",
        "مساء الخير، مكتبة الجامعة، معك دينا، عن أي كتاب تبحث؟",
        "صباح الخير، إدارة العقارات، معك طارق، كيف يمكنني مساعدتك؟",
        "مرحبا، قسم الدعم الفني، معك مازن، ممكن توضح لي المشكلة؟",
        "أهلا وسهلا، محل الورود الجميلة، معك سلمى، أي مناسبة عندك؟",
        "السلام عليكم، شركة الكهرباء، قسم الأعطال، معك ماجد، وين موقعك؟",
        "صباح الخير، مستشفى السلام، الاستعلامات، معك نور، تفضل كيف أساعدك؟",
        "مرحبا، تاكسي المدينة، معك كريم، من وين نوصلك؟",
        "مساء الخير، مسرح الأوبرا، شباك التذاكر، معك رنا، كم تذكرة تحتاج؟",
        "السلام عليكم، مكتب الجوازات، معك الموظف عادل، كيف أقدر أساعدك؟",
        "أهلا، شركة البناء الحديث، معك المهندسة لينا، مين معي لو سمحت؟",
    ],
}

HUMAN_REPEAT = {
    "en": [
        "Hello?", "Hello? Anyone there?", "Hello, can you hear me?", "Hello? Who is this?",
        "Is anyone there?", "Hellooo?", "Hello? I can't hear you.", "Yes? Hello?",
        "Hello? You there?", "Hello, hello?", "Hi? Are you there?", "Can you hear me? Hello?",
        "Hello? Is this a prank?", "Speak up, I can't hear you.", "Hello? Anybody?",
    ],
    "ar": [
        "ألو؟", "ألو؟ في حد؟", "ألو، سامعني؟", "ألو، ألو؟", "مين معي؟ ألو؟", "نعم؟ ألو؟",
        "ألو، ما أسمعك", "في أحد على الخط؟", "ألو؟ تسمعني؟", "ألو، مين؟", "ألو، ارفع صوتك",
        "يا أخي، ألو؟",
    ],
}

MACHINE_OPEN = {
    "en": [
        "Hi, you've reached the Miller family.", "Hello, this is John Peterson.",
        "You have reached the voicemail of Doctor Sarah Collins.", "Hi, this is Amy.",
        "Thank you for calling Brookside Plumbing.", "Hello, you've reached Mark and Lisa.",
        "This is the personal line of Robert Chen.", "Hi there, you've got Jake.",
        "You've reached the office of Global Imports.", "Hello, and thanks for calling the Garcia residence.",
        "Welcome to the voicemail box of extension two four seven.", "Hi, it's Emily.",
        "You have reached eight zero one, five five five, two three nine one.",
        "Good day, you've reached Thompson Consulting.", "Hey, this is Dave's phone.",
        "Hello, you have reached Hillside Community Church.", "This is Angela from Sunset Realty.",
        "Hi, you've reached Chris and the kids.",
    ],
    "ar": [
        "مرحبا، وصلت إلى هاتف عائلة الأحمد.", "أهلا، معك البريد الصوتي لمحمد.",
        "السلام عليكم، هذا هاتف سارة.", "شكرا لاتصالك بشركة النور للتجارة.",
        "مرحبا بك في البريد الصوتي للدكتور خالد.", "أهلا وسهلا، وصلت إلى مكتب المهندس سامي.",
        "السلام عليكم ورحمة الله.", "مرحبا، هذا الرقم الخاص بليلى.",
        "أهلا بك، وصلت إلى عيادة الشفاء.", "مرحبا، معك هاتف أبو يوسف.",
        "شكرا لاتصالكم بمؤسسة الفجر.", "أهلا، هذا البريد الصوتي للتحويلة اثنين ثلاثة سبعة.",
        "مرحبا، وصلت إلى مكتب المحاسب عمر.",
    ],
}

MACHINE_MID = {
    "en": [
        "We can't come to the phone right now.", "I'm either on the other line or away from my desk.",
        "Sorry I missed your call.", "Our office hours are Monday to Friday, nine to five.",
        "I'm currently out of the office until Monday.", "Nobody is available to take your call at the moment.",
        "I'm probably out walking the dog.", "If this is an emergency, please hang up and dial nine one one.",
        "We're closed for the holidays.", "I am away on vacation this week.",
        "All of our staff are busy assisting other customers.", "I check my messages regularly.",
        "For urgent matters, please call my mobile.", "Your call is important to us.",
    ],
    "ar": [
        "لا أستطيع الرد على مكالمتك الآن.", "نحن غير متواجدين حاليا.",
        "أنا خارج المكتب في الوقت الحالي.", "ساعات العمل من الأحد إلى الخميس من الثامنة حتى الرابعة.",
        "أعتذر عن عدم الرد.", "جميع موظفينا مشغولون حاليا.", "أنا في إجازة هذا الأسبوع.",
        "في حالة الطوارئ يرجى الاتصال على الرقم الآخر.", "مكالمتك مهمة بالنسبة لنا.",
        "ربما أكون في اجتماع الآن.",
    ],
}

MACHINE_CLOSE_BEEP = {
    "en": [
        "Please leave your name and number after the beep and we'll call you back.",
        "Leave a message and I'll get back to you as soon as I can.",
        "Please leave a brief message after the tone.", "Leave your details and we'll return your call.",
        "Thanks, and have a great day.", "Please record your message after the tone.",
        "Please state your name, number and the reason for your call.",
        "We'll get back to you within one business day.", "Talk to you soon, bye.",
    ],
    "ar": [
        "يرجى ترك رسالة بعد سماع الصفارة.", "اترك اسمك ورقمك وسأعاود الاتصال بك.",
        "سجل رسالتك بعد النغمة من فضلك.", "اترك رسالة قصيرة وسنتصل بك قريبا.",
        "شكرا لك، مع السلامة.", "يرجى ذكر اسمك وسبب الاتصال.",
        "سنعاود الاتصال بك في أقرب وقت ممكن.",
    ],
}

MACHINE_CLOSE_NOBEEP = {
    "en": [
        "Please call again later. Goodbye.", "Please try again during business hours.",
        "This mailbox is full and cannot accept any messages.", "Thank you, goodbye.",
        "Leave a message and I'll call you back.", "Please try my mobile instead.",
    ],
    "ar": [
        "يرجى المحاولة في وقت لاحق.", "صندوق البريد ممتلئ ولا يمكن استقبال رسائل جديدة.",
        "شكرا لك، مع السلامة.", "يرجى الاتصال خلال ساعات الدوام.", "اترك رسالة وسأتصل بك.",
    ],
}

MACHINE_SHORT = {
    "en": [
        "Leave a message.", "Please leave a message.", "Leave a message after the beep.",
        "Not available. Leave a message.", "It's Sam, leave a message.", "You know what to do.",
        "Speak after the tone.", "Hi, leave your message.", "Please record your message.",
        "Hey, it's Kate, leave a message.", "Can't talk, leave a message.",
        "Mike here, leave it at the beep.", "Record your message now.",
        "Voicemail. Leave a message.", "Please leave your name and number.",
        "This is Jenny, talk to me.", "Leave a message, thanks.", "You've reached Paul.",
        "I'm out, leave a message.", "Go ahead, leave a message.", "Please speak after the tone.",
        "Hi, it's Ben.", "Message, please.", "At the tone, please record your message.",
        "Busy right now. Leave a message.",
    ],
    "ar": [
        "اترك رسالة.", "يرجى ترك رسالة.", "اترك رسالتك بعد الصفارة.", "غير متاح، اترك رسالة.",
        "معك أحمد، اترك رسالة.", "تكلم بعد النغمة.", "سجل رسالتك.", "أنا مشغول، اترك رسالة.",
        "مرحبا، اترك رسالتك من فضلك.", "البريد الصوتي، تفضل.", "اترك اسمك ورقمك.",
        "سارة، اترك رسالة.", "تفضل بترك رسالتك الآن.", "لا أستطيع الرد، اترك رسالة.",
        "سجل رسالتك بعد الصفارة.", "معك خالد، اترك رسالة وشكرا.", "الرجاء ترك رسالة.",
        "اترك رسالة وسأتصل بك.",
    ],
}

# carrier / network announcements (no beep)
CARRIER = {
    "en": [
        ["The number you have dialled is not available.", "Please try again later."],
        ["The subscriber you are calling cannot be reached at the moment.", "Please call again later."],
        ["The mobile phone you are calling is switched off.", "Please try again later."],
        ["We're sorry, the number you have dialed is not in service.", "Please check the number and try again."],
        ["The person you are calling is busy.", "Please hold or try again later."],
        ["Your call cannot be completed as dialled.", "Please check the number and dial again."],
        ["The number you are trying to reach is temporarily unavailable."],
        ["This number has been disconnected.", "No further information is available."],
        ["All circuits are busy now.", "Please try your call again later."],
        ["The customer you are calling is outside the coverage area.", "Please try again later."],
        ["The wireless customer you are calling is not available.", "Please try your call later."],
        ["Sorry, the number you called does not exist."],
        ["The called party is not answering.", "Please try again later."],
    ],
    "ar": [
        ["الرقم المطلوب غير متاح حاليا.", "يرجى المحاولة لاحقا."],
        ["عذرا، الهاتف الذي تحاول الاتصال به مغلق.", "الرجاء معاودة الاتصال في وقت لاحق."],
        ["المشترك الذي تطلبه لا يمكن الوصول إليه حاليا."],
        ["الرقم الذي طلبته غير موجود.", "يرجى التأكد من الرقم والمحاولة مرة أخرى."],
        ["المشترك مشغول حاليا.", "الرجاء الانتظار أو المحاولة لاحقا."],
        ["هذا الرقم خارج الخدمة."],
        ["الهاتف المطلوب خارج نطاق التغطية.", "يرجى إعادة المحاولة لاحقا."],
        ["جميع الخطوط مشغولة حاليا.", "الرجاء إعادة الاتصال فيما بعد."],
        ["عذرا، لا يمكن إتمام مكالمتك.", "يرجى التحقق من الرقم المطلوب."],
        ["المشترك لا يرد.", "الرجاء المحاولة في وقت لاحق."],
    ],
}

# network voicemail (with beep)
CARRIER_VM = {
    "en": [
        ["Welcome to the voicemail service.", "The person you are calling is not available.",
         "Please leave a message after the tone."],
        ["Your call has been forwarded to an automatic voice message system.",
         "Seven zero three, five five five, one two one two, is not available.",
         "At the tone, please record your message."],
        ["The mobile subscriber is unavailable.", "Please leave your message after the tone."],
        ["Please leave a message for", "four one five, two two eight, nine zero zero one."],
    ],
    "ar": [
        ["مرحبا بك في خدمة البريد الصوتي.", "المشترك غير متاح حاليا.", "يرجى ترك رسالتك بعد سماع الصفارة."],
        ["تم تحويل مكالمتك إلى نظام الرسائل الصوتية.", "يرجى تسجيل رسالتك بعد النغمة."],
        ["المشترك غير متاح.", "اترك رسالتك بعد الصفارة."],
    ],
}
