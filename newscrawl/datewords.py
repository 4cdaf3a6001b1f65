"""Date heuristics as named data: month and weekday names of every Arabic region and
English, Hijri months, time markers, relative forms, and where pages print their dates.

Words are written as printed; matching code normalises both sides
(textnorm.normalize_arabic), so one spelling per word covers its hamza/alef variants.
"""

from __future__ import annotations

# --- Dates --------------------------------------------------------------------------------
# Gregorian month names of every Arabic region, and English; value is month number.
MONTHS: dict[str, int] = {
    # Egypt / Gulf
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "أبريل": 4, "إبريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "اغسطس": 8, "أغسطس": 8,
    "سبتمبر": 9, "اكتوبر": 10, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Levant / Iraq
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9,
    "تشرين الأول": 10, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    "كانون الاول": 12, "كانون ثاني": 1, "تشرين أول": 10, "تشرين ثاني": 11, "كانون أول": 12,
    "كانون2": 1, "تشرين1": 10, "تشرين2": 11, "كانون1": 12,
    # Morocco
    "ماي": 5, "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
    # Algeria / Tunisia
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "افريل": 4, "جوان": 6, "جويلية": 7, "أوت": 8,
    "اوت": 8,
    # Persian (Iran)
    "ژانویه": 1, "فوریه": 2, "آوریل": 4, "مه": 5, "ژوئن": 6, "ژوئیه": 7, "جولای": 7,
    "آگوست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12,
    # Urdu (Pakistan, India)
    "جنوری": 1, "فروری": 2, "مارچ": 3, "اپریل": 4, "مئی": 5, "جون": 6, "جولائی": 7,
    "اگست": 8, "ستمبر": 9, "اکتوبر": 10, "نومبر": 11, "دسمبر": 12,
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # Levantine short forms (ك٢ = كانون الثاني; digits are folded before matching).
    "ك2": 1, "ت1": 10, "ت2": 11, "ك1": 12,
}
# Short month forms that calendars print with a tatweel or a period ("فبر 11, 1987",
# "11/ديسـ/1987"). They are only read between a day and a year, never alone: most are
# also words or word starts (سبت, نون, جان).
MONTH_ABBREVIATIONS: dict[str, int] = {
    "ينا": 1, "جان": 1, "جانـ": 1, "فبر": 2, "فيف": 2, "فيفـ": 2, "أبر": 4, "أفر": 4,
    "يون": 6, "يونـ": 6, "جوانـ": 6, "يول": 7, "يولـ": 7, "جوي": 7, "جويـ": 7,
    "أغس": 8, "أغسـ": 8, "سبت": 9, "سبتـ": 9, "شتن": 9, "شتنـ": 9, "أكت": 10, "أكتـ": 10,
    "نوف": 11, "نوفـ": 11, "نون": 11, "نونـ": 11, "ديس": 12, "ديسـ": 12, "دجن": 12,
    "دجنـ": 12,
}
# Umm al-Qura months, as printed in every common spelling.
HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "المحرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع أول": 3, "ربيع الاول": 3,
    "ربيع الآخر": 4, "ربيع الاخر": 4, "ربيع الثاني": 4, "ربيع ثاني": 4, "ربيع آخر": 4,
    "جمادى الأولى": 5, "جمادى الاولى": 5, "جمادى الأول": 5, "جمادي الأولى": 5,
    "جمادى الآخرة": 6, "جمادى الاخرة": 6, "جمادى الثانية": 6, "جمادى الآخر": 6,
    "جمادى الثاني": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
    "جمادى أول": 5, "جمادى آخر": 6, "جمادى ثاني": 6,
    "muharram": 1, "safar": 2, "rabi al-awwal": 3, "rabi al-thani": 4, "rabi al-akhir": 4,
    "jumada al-awwal": 5, "jumada al-ula": 5, "jumada al-thani": 6, "jumada al-akhirah": 6,
    "rajab": 7, "shaban": 8, "sha'ban": 8, "sha’ban": 8, "ramadan": 9, "shawwal": 10,
    "dhu al-qadah": 11, "dhul-qadah": 11, "dhu al-hijjah": 12, "dhul-hijjah": 12,
}
# Solar Hijri months, the civil calendar Persian (Iran) and Dari (Afghanistan) news print:
# "۱۲ آبان ۱۴۰۳", "۱۵ جدی ۱۴۰۲". Read only between a day and a 13xx/14xx year (دی, تیر,
# مهر, اسد are words too).
SOLAR_MONTHS: dict[str, int] = {
    "فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5,
    "شهریور": 6, "مهر": 7, "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12,
    "حمل": 1, "ثور": 2, "جوزا": 3, "جوزه": 3, "سرطان": 4, "اسد": 5, "سنبله": 6, "میزان": 7,
    "عقرب": 8, "قوس": 9, "جدی": 10, "دلو": 11, "حوت": 12,
}
# Words after a date that say it is Solar Hijri ("۱۴۰۳/۰۸/۱۲ ه.ش", "1403 شمسی"); "ه.ق" is
# lunar.
SOLAR_YEAR_MARKS: tuple[str, ...] = ("ه.ش", "هـ.ش", "ه ش", "هـ ش", "شمسی", "خورشیدی")
# A Hijri date ends with هـ (or the word هجري); a Gregorian one may end with م (ميلادي).
HIJRI_MARKERS: tuple[str, ...] = ("هـ", "ه", "هجري", "هجرية", "ah")
# Weekday names; value is Python's weekday() (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الإثنين": 0, "الأثنين": 0, "اثنين": 0, "الثلاثاء": 1, "الثلثاء": 1,
    "ثلاثاء": 1, "الأربعاء": 2, "الاربعاء": 2, "أربعاء": 2, "الخميس": 3, "خميس": 3,
    "الجمعة": 4, "جمعة": 4, "السبت": 5, "الأحد": 6, "الاحد": 6, "أحد": 6,
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
    "لحد": 6,  # Maghrebi spoken form of الأحد
    # Persian
    "شنبه": 5, "یکشنبه": 6, "یک شنبه": 6, "دوشنبه": 0, "دو شنبه": 0, "سه‌شنبه": 1,
    "سه شنبه": 1, "چهارشنبه": 2, "چهار شنبه": 2, "پنجشنبه": 3, "پنج‌شنبه": 3, "پنج شنبه": 3,
    # Urdu (not ہفتہ, Saturday: it is also "week")
    "پیر": 0, "منگل": 1, "بدھ": 2, "جمعرات": 3, "جمعہ": 4, "اتوار": 6,
}
# Zone abbreviations printed after a time ("10:30 AM EST"), as UTC offsets in minutes.
# Ambiguous ones (AST, IST, CST of China and of the US) are left out: no offset is better
# than a wrong one.
ZONE_ABBREVIATIONS: dict[str, int] = {
    "est": -300, "edt": -240, "pst": -480, "pdt": -420, "mst": -420, "mdt": -360,
    "cdt": -300, "bst": 60, "wet": 0, "west": 60, "cet": 60, "cest": 120, "eet": 120,
    "eest": 180, "msk": 180, "wat": 60, "cat": 120, "eat": 180, "trt": 180, "gst": 240,
    "irst": 210, "pkt": 300, "jst": 540,
}
# Time zones named in words: "بتوقيت مكة المكرمة", "بتوقيت القاهرة", "بتوقيت غرينتش".
CITY_ZONES: dict[str, str] = {
    "غرينتش": "UTC", "غرينيتش": "UTC", "جرينتش": "UTC", "جرينيتش": "UTC", "غرينتش العالمي": "UTC",
    "مكة": "Asia/Riyadh", "مكة المكرمة": "Asia/Riyadh", "الرياض": "Asia/Riyadh",
    "السعودية": "Asia/Riyadh", "القاهرة": "Africa/Cairo", "مصر": "Africa/Cairo",
    "بيروت": "Asia/Beirut", "دمشق": "Asia/Damascus", "بغداد": "Asia/Baghdad",
    "عمّان": "Asia/Amman", "الأردن": "Asia/Amman", "القدس": "Asia/Jerusalem",
    "الكويت": "Asia/Kuwait", "الدوحة": "Asia/Qatar", "قطر": "Asia/Qatar",
    "المنامة": "Asia/Bahrain", "البحرين": "Asia/Bahrain", "أبوظبي": "Asia/Dubai",
    "أبو ظبي": "Asia/Dubai", "دبي": "Asia/Dubai", "الإمارات": "Asia/Dubai",
    "مسقط": "Asia/Muscat", "صنعاء": "Asia/Aden", "الخرطوم": "Africa/Khartoum",
    "طرابلس": "Africa/Tripoli", "تونس": "Africa/Tunis", "الجزائر": "Africa/Algiers",
    "الرباط": "Africa/Casablanca", "المغرب": "Africa/Casablanca",
}
# "منذ ساعتين", "قبل 3 أيام", "2 hours ago": unit word -> (seconds, count when the word is
# a dual form that carries its own number, else None).
RELATIVE_UNITS: dict[str, tuple[int, int | None]] = {
    "ثانية": (1, 1), "ثانيه": (1, 1), "ثانيتين": (1, 2), "ثوان": (1, None), "ثواني": (1, None),
    "دقيقة": (60, 1), "دقيقتين": (60, 2), "دقيقتان": (60, 2), "دقائق": (60, None),
    "دقايق": (60, None), "ساعة": (3600, 1), "ساعتين": (3600, 2), "ساعتان": (3600, 2),
    "ساعات": (3600, None), "يوم": (86400, 1), "يومين": (86400, 2), "يومان": (86400, 2),
    "أيام": (86400, None), "ايام": (86400, None), "يوما": (86400, None),
    "second": (1, 1), "seconds": (1, None), "sec": (1, None), "secs": (1, None),
    "minute": (60, 1), "minutes": (60, None), "min": (60, None), "mins": (60, None),
    "hour": (3600, 1), "hours": (3600, None), "hr": (3600, None), "hrs": (3600, None),
    "day": (86400, 1), "days": (86400, None),
}
# Weeks, months and years ago name no day: "منذ 3 أسابيع" gives no date, not a guess.
RELATIVE_TOO_COARSE: tuple[str, ...] = (
    "أسبوع", "اسبوع", "أسبوعين", "أسابيع", "شهر", "شهرين", "أشهر", "شهور", "سنة", "سنتين",
    "سنوات", "عام", "عامين", "أعوام", "week", "weeks", "month", "months", "year", "years",
)
RELATIVE_AGO: tuple[str, ...] = ("منذ", "قبل", "ago")
# Whole expressions: value is days back from today (0 = today), or "now".
RELATIVE_DAYS: dict[str, int | str] = {
    "الآن": "now", "الان": "now", "منذ لحظات": "now", "قبل لحظات": "now", "للتو": "now",
    "just now": "now", "now": "now",
    "اليوم": 0, "today": 0, "أمس": 1, "امس": 1, "يوم أمس": 1, "البارحة": 1, "yesterday": 1,
    "أول أمس": 2, "أول من أمس": 2, "أمس الأول": 2,
    "امروز": 0, "دیروز": 1, "آج": 0,  # Persian, Urdu
}
# Number words for days, years and counts ("الثاني والعشرين", "ألفين وثمانية عشر").
NUMBER_WORDS: dict[str, int] = {
    "واحد": 1, "واحدة": 1, "الأول": 1, "الاول": 1, "الحادي": 1, "حادي": 1, "أول": 1,
    "اثنان": 2, "اثنين": 2, "اثنتين": 2, "الثاني": 2, "الثانية": 2, "ثاني": 2,
    "ثلاث": 3, "ثلاثة": 3, "الثالث": 3, "الثالثة": 3, "أربع": 4, "أربعة": 4, "الرابع": 4,
    "الرابعة": 4, "خمس": 5, "خمسة": 5, "الخامس": 5, "الخامسة": 5, "ست": 6, "ستة": 6,
    "السادس": 6, "السادسة": 6, "سبع": 7, "سبعة": 7, "السابع": 7, "السابعة": 7, "ثمان": 8,
    "ثماني": 8, "ثمانية": 8, "الثامن": 8, "الثامنة": 8, "تسع": 9, "تسعة": 9, "التاسع": 9,
    "التاسعة": 9, "عشر": 10, "عشرة": 10, "العاشر": 10, "العاشرة": 10,
    "عشرون": 20, "عشرين": 20, "العشرين": 20, "العشرون": 20, "ثلاثون": 30, "ثلاثين": 30,
    "الثلاثين": 30, "الثلاثون": 30, "أربعون": 40, "أربعين": 40, "خمسون": 50, "خمسين": 50,
    "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80,
    "تسعون": 90, "تسعين": 90, "مائة": 100, "مئة": 100, "مائتان": 200, "مائتين": 200,
    "مئتين": 200, "ثلاثمائة": 300, "أربعمائة": 400, "خمسمائة": 500, "ستمائة": 600,
    "سبعمائة": 700, "ثمانمائة": 800, "تسعمائة": 900, "ألف": 1000, "ألفان": 2000,
    "ألفين": 2000,
    "غرة": 1, "فاتح": 1,  # the first day of a month: "غرة رمضان", "فاتح شهر جمادى الأولى"
}
PM_MARKERS: tuple[str, ...] = ("م", "مساء", "مساءً", "مساءا", "عصرا", "عصراً", "عصرًا",
                               "pm", "p.m.", "p.m", "pm.")
AM_MARKERS: tuple[str, ...] = ("ص", "صباحا", "صباحاً", "صباحًا", "فجرا", "فجراً", "فجرًا",
                               "am", "a.m.", "a.m", "am.")
# "1:30 ظهراً" is 13:30 but "11:30 ظهراً" is 11:30; "10:30 ليلاً" is 22:30 but "1:00 ليلاً" 01:00.
NOON_MARKERS: tuple[str, ...] = ("ظهرا", "ظهراً", "ظهرًا", "الظهر")
NIGHT_MARKERS: tuple[str, ...] = ("ليلا", "ليلاً", "ليلًا", "الليل", "منتصف الليل",
                                  "منتصف ليل")
# Words between a date and its time: "5 أبريل 2025 الساعة 10:30", "at 10:30".
TIME_JOINERS: tuple[str, ...] = ("الساعة", "الساعه", "ساعة", "عند", "عند الساعة", "مع", "في",
                                 "على", "على الساعة", "ساعت",
                                 "at", "on", "،")
# A number right after these is a reference or a version, not a day: "قرار رقم 12/5/2023".
REFERENCE_WORDS: tuple[str, ...] = ("رقم", "الرقم", "عدد", "العدد", "no", "no.", "#", "ref",
                                    "ref.", "v", "السعر", "بسعر", "price",
                                    "version", "الإصدار", "إصدار", "نسخة", "كود", "هاتف",
                                    "جوال", "tel", "phone")
# "الأسبوع الأول من مارس", "النصف الثاني من مايو": an ordinal of these is not a day.
SPAN_NOUNS: tuple[str, ...] = ("الأسبوع", "أسبوع", "النصف", "نصف", "الربع", "ربع", "الثلث",
                               "العشر", "العقد", "الشهر", "الأيام", "الجولة", "الدورة",
                               "الطبعة", "النسخة", "الفصل", "الجزء", "الحلقة", "المرحلة",
                               "week", "half", "quarter")
# Words printed around a date besides its names and numbers ("الموافق لـ", "العدد",
# "ميلادي", "بتوقيت القاهرة").
DATE_FILLERS: tuple[str, ...] = (
    "الموافق", "موافق", "يوافق", "لـ", "ل", "لـــ", "من", "شهر", "عام", "لعام", "سنة", "ميلادي",
    "ميلادية", "م", "مـ", "صـ", "هـ", "ـ", "العدد", "عدد", "الجريدة", "توقيت", "بتوقيت", "القاهرة",
    "مكة", "المكرمة", "غرينيتش", "غرينتش", "جرينتش", "أبوظبي", "الرياض", "بيروت", "بغداد",
    "دمشق", "عمان", "الدوحة", "الكويت", "السودان", "مصر", "المحلي", "الصيفي", "الجاري",
    "الماضي", "المقبل", "غرة", "منتصف", "ليل", "التاريخ", "الصدور", "التوقيت", "المؤرخ",
    "آخر", "اخر", "تحديث", "نشر", "بواسطة", "th", "st", "nd", "rd", "of",
)
# Labels printed before an article's own date.
DATE_LABELS: tuple[str, ...] = (
    "تاريخ النشر", "نشر في", "نشر بتاريخ", "بتاريخ", "published", "posted on",
)
MODIFIED_LABELS: tuple[str, ...] = ("آخر تحديث", "اخر تحديث", "تم التحديث", "updated",
                                    "last updated")
# The same labels on Persian and Urdu pages. They are matched as whole phrases only, never
# word by word: 'انتشار' (spread), 'زمان' (time) and 'شده' (intensity, once normalised)
# are common Arabic words.
PERSIAN_URDU_DATE_LABELS: tuple[str, ...] = (
    "تاریخ انتشار", "زمان انتشار", "منتشر شده", "شائع شدہ", "تاریخ اشاعت",
)
PERSIAN_URDU_MODIFIED_LABELS: tuple[str, ...] = ("آخرین به‌روزرسانی", "به‌روزرسانی", "اپ ڈیٹ")
ALL_DATE_LABELS = DATE_LABELS + PERSIAN_URDU_DATE_LABELS
ALL_MODIFIED_LABELS = MODIFIED_LABELS + PERSIAN_URDU_MODIFIED_LABELS
# Boxes whose dates belong to other stories, to comments or to the clock, never to the
# article, even inside its <article> element.
DATE_TRAP_CLASS_TOKENS: tuple[str, ...] = (
    "related", "read-also", "readalso", "also-read", "more-news", "more-stories", "comments",
    "comment", "ticker", "breaking", "sidebar", "widget", "most-read", "popular", "trending",
    "nav", "navbar", "menu", "footer", "header-date", "today", "clock", "weather",
    "more-articles", "similar", "similar-posts", "latest", "latest-news", "read-more",
    "recommended", "commentlist", "responses", "current-date", "date-now", "top-date",
    "site-date", "today-date", "site-header", "topbar", "top-bar", "marquee", "reading-time",
    "read-time", "header__date", "header_date", "top-news", "news-list", "breaking-news",
)
# Class tokens of a byline date that is the last update, not the publication.
MODIFIED_CLASS_TOKENS: tuple[str, ...] = ("update", "updated", "update-time", "modified",
                                          "last-update", "date-updated", "date-modified")
# Class tokens of elements that hold the article's date near the headline.
DATE_CLASS_TOKENS: tuple[str, ...] = (
    "date", "time", "posted-on", "published", "post-date", "entry-date", "article-date",
    "timestamp", "meta-date", "dateline", "created", "publish", "pubdate", "publish-date",
)
