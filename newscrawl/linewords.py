"""Vocabulary of flattened page text (newscrawl.flattext): the lines a reader cuts, by kind.

Written as printed; matching normalises both sides (textnorm.normalize_arabic), so one
spelling per phrase covers its hamza/alef variants, tatweel and diacritics. A phrase
matches a whole line, or the start of a line when it is long enough to be unambiguous.
"""

from __future__ import annotations

# Staff and desk labels printed above or below an article ("رئيس التحرير", "متابعة:").
STAFF_LABELS: tuple[str, ...] = (
    "رئيس التحرير", "مدير التحرير", "فريق التحرير", "هيئة التحرير", "سكرتير التحرير",
    "متابعة", "تحرير", "إشراف", "المحرر", "editor", "editor in chief", "staff",
)
# Prompts to share, follow, subscribe, search, sign in or copy a link.
PROMPTS: tuple[str, ...] = (
    "تابعونا على", "تابعنا على", "تابعوا", "انضم إلى", "اشترك", "اشترك الآن", "ارسل لصديق",
    "أرسل لصديق", "الرابط المختصر", "رابط مختصر", "تم النسخ", "نسخ الرابط", "بحث", "تسجيل",
    "تسجيل الدخول", "دخول", "تسجيل الخروج", "إنشاء حساب", "حسابي", "نسيت كلمة المرور",
    "كلمة المرور", "الوضع الليلي", "الوضع المظلم", "استمع", "استمع للمقال",
    "استمع إلى المقال", "استمع للخبر", "شارك", "شارك الخبر", "شارك المقال", "مشاركة",
    "حمل التطبيق",
    "حمّل تطبيق", "search", "close this search box", "sign in", "log in", "register",
    "subscribe", "follow us", "share", "copy link", "download the app",
)
# A comment form or a comments heading: what follows are readers' words.
COMMENT_FORMS: tuple[str, ...] = (
    "اترك تعليقاً", "اترك تعليقا", "اترك رد", "اترك رداً", "أضف تعليق", "أضف تعليقك",
    "التعليقات", "تعليقات القراء", "لن يتم نشر عنوان بريدك الإلكتروني",
    "الحقول الإلزامية مشار إليها", "الاسم البريد الإلكتروني", "leave a reply",
    "leave a comment", "comments", "your email address will not be published",
    "نظرات", "ارسال نظر", "نظر شما", "دیدگاه‌ها", "دیدگاه ها", "تبصرے", "تبصرہ کریں",
)
# "Read more" links and their truncation marks.
READ_MORE: tuple[str, ...] = (
    "اقرأ المزيد", "إقرأ المزيد", "المزيد", "للمزيد", "اضغط هنا", "اضغط هنا للإطلاع",
    "انقر هنا", "تابع القراءة", "read more", "continue reading", "click here",
    "ادامه مطلب", "بیشتر بخوانید", "مزید پڑھیں",
)
# Disclaimers and notices of the site, not of the story.
NOTICES: tuple[str, ...] = (
    "يعبر فقط عن رأي", "تعبر فقط عن رأي", "يعبر عن رأي كاتبه", "يعبر عن رأي صاحبه",
    "لا يعبر بالضرورة", "لا تعبر بالضرورة",
    "جميع الحقوق محفوظة", "حقوق النشر محفوظة", "إذا لديكم مشاكل تقنية", "is not responsible for",
    "all rights reserved", "was added by the user",
)
# Advertising labels.
AD_LABELS: tuple[str, ...] = (
    "إعلان", "اعلان", "مادة إعلانية", "محتوى مدفوع", "برعاية", "advertisement", "sponsored",
    "publicité",
)
# Font-size and print controls ("A+ A-", "+ الخط -", "طباعة PDF").
CONTROLS: tuple[str, ...] = (
    "a+", "a-", "a+ a-", "+ الخط -", "الخط", "تكبير الخط", "تصغير الخط", "طباعة", "طباعة pdf",
    "نسخة للطباعة", "increase font size", "decrease font size", "print", "pdf",
)
# Section names a page prints as labels and menu items (a whole line only: as the start
# of a line they are words of the story).
SECTIONS: tuple[str, ...] = (
    "أخبار", "الأخبار", "محليات", "محلي", "عربي", "دولي", "عربي ودولي", "عربي وعالمي", "عالمي",
    "العالم", "سياسة", "السياسة", "اقتصاد", "الاقتصاد", "رياضة", "الرياضة", "فن", "فنون",
    "ثقافة", "الثقافة", "منوعات", "تكنولوجيا", "التكنولوجيا", "صحة", "الصحة", "حوادث",
    "مقالات", "مقالات الرأي", "آراء", "رأي", "الرأي", "تقارير", "تحقيقات", "حوارات",
    "مجتمع", "المجتمع", "تعليم", "بيئة", "علوم", "سياحة", "مال وأعمال", "أعمال", "برلمان",
    "المحافظات", "أقاليم", "جهات", "وطني", "وطنية", "مغاربية", "الخليج", "ملفات", "إنفوجراف",
    "كاريكاتير", "بودكاست", "news", "world", "politics", "business", "sport", "sports",
    "culture", "opinion", "lifestyle", "technology", "health", "video", "videos",
)
# A site's own pages, linked from its header and footer.
SITE_LINKS: tuple[str, ...] = (
    "اتصل بنا", "اتصلوا بنا", "من نحن", "عن الموقع", "سياسة الخصوصية", "شروط الاستخدام",
    "شروط الخدمة", "أعلن معنا", "اعلن معنا", "هيئة التحرير", "خريطة الموقع", "الأرشيف",
    "contact us", "about us", "privacy policy", "terms of use", "terms of service",
    "advertise with us", "sitemap", "archive",
)
# Labels of tickers and section bars.
BAR_LABELS: tuple[str, ...] = (
    "عاجل", "أخبار عاجلة", "اخبار عاجلة", "آخر الأخبار", "اخر الاخبار", "أخر أخبار",
    "الأكثر قراءة", "الأكثر مشاهدة", "مختارات", "المحتوى الرئيسي", "الرئيسية",
    "breaking", "latest news", "trending", "categories",
)
# Feed and CMS residue at the start of a line ("date 2025-09-01", "The post … appeared
# first on …").
FEED_MARKS: tuple[str, ...] = ("date", "the post", "source:", "post image")
# Form fields of a comment or contact form, each printed as its own line.
FORM_FIELDS: tuple[str, ...] = (
    "الاسم", "الاسم *", "الإسم", "البريد الإلكتروني", "البريد الالكتروني", "الموقع الإلكتروني",
    "التعليق", "نص التعليق", "أرسل", "إرسال", "ارسال", "إرسال التعليق", "أرسل التعليق",
    "حفظ اسمي", "name", "email", "website", "comment", "submit", "post comment",
)
# Wire-service end marks: "// انتهى //", "(انتهى)", "-انتهى-"; the story ends there.
END_MARKS: tuple[str, ...] = ("انتهى", "انتهي", "ا.هـ")
# Media residue: logo and placeholder alt texts, video and gallery labels.
MEDIA_LABELS: tuple[str, ...] = (
    "شعار", "شعار الموقع", "لوجو", "صورة", "الصورة", "صور", "فيديو", "الفيديو", "شاهد",
    "شاهد الفيديو", "شاهد بالفيديو", "بالفيديو", "بالصور", "ألبوم الصور", "معرض الصور",
    "إنفوجراف", "انفوجراف", "تشغيل", "logo", "placeholder", "image", "video", "play",
    "gallery", "loading", "jpg", "png",
)
# Words of a counter or reading-time line besides its number ("المشاهدات: 1,234",
# "عدد القراءات 532", "5 دقائق للقراءة").
COUNT_WORDS: tuple[str, ...] = (
    "مشاهدة", "مشاهدات", "قراءة", "قراءات", "تعليق", "تعليقات", "زيارة", "زيارات", "مشاركة",
    "مشاركات", "إعجاب", "اعجاب", "عدد", "للقراءة", "دقائق", "دقيقة", "وقت", "القراءة",
    "views", "view", "reads", "read", "comments", "comment", "shares", "likes", "min", "mins",
    "minutes", "minute",
)
# Words of a pager besides its page numbers ("1 2 3 التالي", "صفحة 2 من 5").
PAGER_WORDS: tuple[str, ...] = (
    "التالي", "التالية", "السابق", "السابقة", "الأولى", "الأخيرة", "صفحة", "الصفحة", "من",
    "next", "prev", "previous", "first", "last", "page", "of",
)
# Words of weather and market widgets besides their numbers ("القاهرة 24°", "دولار 48.50").
WIDGET_WORDS: tuple[str, ...] = (
    "دولار", "الدولار", "يورو", "اليورو", "جنيه", "الجنيه", "ريال", "الريال", "درهم", "الدرهم",
    "دينار", "الدينار", "ليرة", "الليرة", "إسترليني", "الإسترليني", "ين", "يوان", "بيتكوين",
    "الذهب", "ذهب", "عيار", "النفط", "برنت", "غرام", "أوقية", "شراء", "بيع", "سعر", "أسعار",
    "العملات", "البورصة", "مؤشر", "غائم", "مشمس", "ممطر", "صاف", "صافي", "رطوبة", "الطقس",
    "درجة", "مئوية", "usd", "eur", "gbp", "sar", "aed", "egp", "btc",
)
# Prepositions, particles and articles: running language has them, a run of menu items
# or names does not.
FUNCTION_WORDS: tuple[str, ...] = (
    "في", "من", "على", "إلى", "عن", "مع", "أن", "إن", "أو", "لا", "لم", "لن", "قد", "ما", "هل",
    "بعد", "قبل", "حتى", "كل", "بين", "عند", "منذ", "خلال", "هذا", "هذه", "ذلك", "تلك", "التي",
    "الذي", "الذين", "هو", "هي", "كان", "كانت", "يا", "لماذا", "كيف", "متى", "أين",
    "the", "a", "an", "of", "to", "in", "for", "on", "and", "is", "with", "at", "by", "from",
    "der", "die", "das", "und", "le", "la", "les", "de", "et", "el", "los", "y",
    # Persian, Urdu
    "در", "از", "به", "با", "که", "را", "این", "برای", "تا", "بر", "است", "کے", "کی", "کا",
    "میں", "سے", "نے", "کو", "پر", "اور", "ہے", "ہیں", "یہ", "وہ", "کہ",
)
# Letters joined to the front of an Arabic word (conjunctions, prepositions, the article),
# longest first: 'والحكومة' and 'الحكومة' are one word to a reader.
CLITICS: tuple[str, ...] = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
