"""Flattened page text read back into a record: what a reader cuts, on synthetic pages.

Every page here is written for the test (the real texts of ../shared/eval/text-dev stay
there); each test builds the shape one kind of site prints.
"""

from __future__ import annotations

import pytest

from newscrawl.flattext import clean_text, read_text
from newscrawl.linekinds import is_date_line, is_prose, line_kind

TITLE = "وزارة الزراعة تطلق خطة لترشيد مياه الري في المحافظات الجنوبية"
LEDE = ("أطلقت وزارة الزراعة اليوم خطة وطنية لترشيد استهلاك مياه الري في المحافظات "
        "الجنوبية، تشمل تحديث قنوات الري وتوزيع عدادات ذكية على المزارعين.")
PARA2 = ("وقال المتحدث باسم الوزارة إن الخطة تمتد ثلاث سنوات، وإن المرحلة الأولى تبدأ "
         "الشهر المقبل في القرى الأكثر تضررا من شح المياه خلال الصيف الماضي.")
PARA3 = ("وأضاف أن الوزارة خصصت صندوقا لدعم صغار المزارعين في شراء معدات الري بالتنقيط، "
         "على أن تسدد الأقساط على مدى خمسة مواسم زراعية دون فوائد.")
ARTICLE = [LEDE, PARA2, PARA3]


def body(text: str) -> list[str]:
    return clean_text(text)["body"].split("\n")


def test_header_material_before_the_title_is_cut_and_the_clock_is_not_the_date() -> None:
    page = "\n".join([
        "الرئيسية • محليات • اقتصاد • رياضة • منوعات",
        "الأحد 01 مارس 2026 | 09:15 ص",   # the header's clock, far above the headline
        "القاهرة 24° الإسكندرية 21° أسوان 33°",
        "دولار 48.50 يورو 52.10 ريال 12.90",
        "عاجل: انقطاع الكهرباء عن أحياء في العاصمة",
        "A+ A-",
        TITLE,
        "نشر في: 14 فبراير 2026 - 10:30 م",
        *ARTICLE,
    ])
    result = clean_text(page, tz="Africa/Cairo")
    assert result["title"] == TITLE
    assert result["body"].split("\n") == ARTICLE
    assert result["published_at"].startswith("2026-02-14T22:30")


@pytest.mark.parametrize("crumbs", ["الرئيسية / محليات / ", "الرئيسية » أخبار » محليات » ",
                                    "Home > News > "])
def test_a_breadcrumb_that_ends_with_the_headline_gives_the_headline(crumbs: str) -> None:
    result = clean_text("\n".join(["موقع الأخبار", crumbs + TITLE, *ARTICLE]))
    assert result["title"] == TITLE
    assert result["body"].split("\n") == ARTICLE


def test_a_stamp_beside_the_headline_dates_the_article() -> None:
    page = "\n".join(["محليات", "الخميس 12 فبراير 2026", TITLE, *ARTICLE])
    assert clean_text(page)["published_at"] == "2026-02-12"
    far = "\n".join(["الخميس 12 فبراير 2026", "الرئيسية", "محليات", "اقتصاد", "رياضة",
                     TITLE, *ARTICLE])
    assert clean_text(far)["published_at"] is None


@pytest.mark.parametrize("line", [
    "(وكالة الأنباء الوطنية)",
    "كتب: محمد عبد الرحمن",
    "2,345 مشاهدة",
    "المشاهدات: 1,234",
    "5 دقائق للقراءة",
    "+ الخط -",
    "طباعة",
    "شعار الموقع",
    "IMG_20260214_1032.jpg",
    "1 2 3 4 5 التالي",
    "إعلان",
    "تابعونا على فيسبوك",
    ".entry-content p { margin: 0 }",
    "googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });",
    "الاثنين 16 فبراير 2026 الموافق 28 شعبان 1447 هـ",
])
def test_boilerplate_lines_inside_the_article_are_cut(line: str) -> None:
    assert body("\n".join([TITLE, LEDE, line, PARA2, PARA3])) == ARTICLE


@pytest.mark.parametrize("credit", ["الجيزة - محمد عبد الرحمن", "محمد عبد الرحمن_الوطن",
                                    "الوطن – الجيزة", "كتب: محمد عبد الرحمن",
                                    "موقع الأخبار متابعة: محمد عبد الرحمن",
                                    "فريق التحرير 14 فبراير 2026 آخر تحديث"])
def test_bylines_and_datelines_around_the_article_are_cut(credit: str) -> None:
    assert body("\n".join([TITLE, credit, *ARTICLE])) == ARTICLE
    assert body("\n".join([TITLE, *ARTICLE, credit])) == ARTICLE


def test_credits_go_to_source_and_tags_to_tags() -> None:
    page = "\n".join([TITLE, *ARTICLE, "المصدر: وكالة الأنباء الوطنية",
                      "الكلمات المفتاحية: الري الزراعة المياه"])
    result = clean_text(page)
    assert result["body"].split("\n") == ARTICLE
    assert result["source"] == "وكالة الأنباء الوطنية"
    assert result["tags"] == ["الري الزراعة المياه"]


def test_a_comment_form_and_a_feed_footer_end_the_article() -> None:
    page = "\n".join([TITLE, *ARTICLE, "اترك تعليقاً",
                      "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
                      "رأيي أن هذه الخطة متأخرة كثيرا وكان يجب أن تبدأ قبل سنوات من الآن."])
    assert body(page) == ARTICLE
    feed = f"{TITLE}\n{LEDE}\nThe post {TITLE} appeared first on موقع الأخبار."
    assert body(feed) == [LEDE]


def test_unmarked_related_headlines_after_the_last_paragraph_are_cut() -> None:
    page = "\n".join([TITLE, *ARTICLE, "محافظ الجيزة يتفقد أعمال تطوير الطرق الريفية",
                      "ارتفاع أسعار الخضروات في الأسواق مع بداية الموسم"])
    assert body(page) == ARTICLE


def test_the_title_printed_again_is_cut_and_the_deck_under_it_kept() -> None:
    deck = "خطة على ثلاث مراحل تبدأ بالقرى الأكثر تضررا"
    page = "\n".join(["الرئيسية", TITLE, deck, "الجيزة - محمد عبد الرحمن",
                      f"موقع الأخبار - {TITLE}", *ARTICLE])
    result = clean_text(page)
    assert result["title"] == TITLE
    assert result["body"].split("\n") == [deck, *ARTICLE]


@pytest.mark.parametrize("between", [[], ["الأحد 01 مارس 2026"], ["محليات", "الأحد 01 مارس 2026"]])
def test_another_story_headline_above_the_headline_is_not_taken_for_it(
        between: list[str]) -> None:
    # A ticker or "most read" headline in the header is as headline-like as the article's
    # own; only the article's headline shares words with the paragraphs under it ('اليوم'
    # of both is every story's word).
    other = "منتخب الشباب يتأهل اليوم إلى نهائي البطولة العربية بعد فوز مثير"
    result = clean_text("\n".join([other, *between, TITLE, *ARTICLE]))
    assert result["title"] == TITLE
    assert result["body"].split("\n") == ARTICLE


def test_the_headline_echo_reads_words_whole_and_without_a_clitic() -> None:
    # 'وزير' (its و a letter of the word) and 'الوزير' share the word: the headline is
    # not passed over for the caption under it.
    page = ["الرئيسية", "وزير الخارجية يزور بغداد", "الوزير لدى وصوله إلى مطار العاصمة الدولي",
            "وصل الوزير إلى العاصمة العراقية صباح اليوم في زيارة رسمية تستمر يومين يلتقي "
            "خلالها كبار المسؤولين.", PARA2]
    assert clean_text("\n".join(page))["title"] == "وزير الخارجية يزور بغداد"


def test_a_first_sentence_parted_from_the_rest_is_no_lead_repeat() -> None:
    # The lede cut off from the body by a share bar and a read-also box is still a
    # paragraph of the article, though the next paragraph says most of its words again.
    title = "الحكومة تطلق خطة وطنية لترشيد مياه الري"
    first = "أطلقت الحكومة اليوم خطة وطنية لترشيد مياه الري في المحافظات الزراعية."
    box = ["شارك الخبر", "فيسبوك تويتر واتساب", *(f"اقرأ أيضا: {t}" for t in (
        "وزير الزراعة يتفقد مشروعات الري الحديث في محافظات الجنوب",
        "ارتفاع أسعار الأسمدة يثير قلق المزارعين في موسم القمح الحالي",
        "الأرصاد تتوقع موجة حارة جديدة تضرب البلاد مطلع الأسبوع المقبل",
        "البنك المركزي يبقي أسعار الفائدة دون تغيير للمرة الثالثة على التوالي")), "إعلان"]
    rest = ("وتشمل الخطة الوطنية التي أطلقتها الحكومة اليوم، بحسب وزير الزراعة، تحويل الري "
            "بالغمر إلى الري بالتنقيط في المحافظات الزراعية، وتبطين الترع، وتوفير قروض ميسرة "
            "للمزارعين لترشيد مياه الري خلال خمس سنوات.")
    assert body("\n".join(["الرئيسية", title, first, *box, rest, PARA3])) == [first, rest, PARA3]


def test_a_persian_page_header_and_furniture() -> None:
    lede = ("به گزارش خبرگزاری نمونه، کتابخانه عمومی جدید شهر با حضور شهردار و جمعی از "
            "مسئولان فرهنگی امروز افتتاح شد و از هفته آینده به روی عموم باز خواهد بود.")
    second = ("این کتابخانه در زمینی به مساحت سه هزار متر مربع ساخته شده و بیش از پنجاه هزار "
              "جلد کتاب در اختیار مراجعه\u200cکنندگان قرار می\u200cدهد.")
    page = ["صفحه اصلی | سیاسی | اقتصادی | فرهنگی", "شنبه ۱۲ آبان ۱۴۰۳",
            "قیمت دلار در بازار امروز کاهش یافت", "افتتاح کتابخانه عمومی جدید در مرکز شهر",
            "کد خبر: ۸۴۵۶۲۱۳", lede, "بیشتر بخوانید: برگزاری نمایشگاه کتاب در پایتخت", second,
            "منبع: خبرگزاری نمونه", "برچسب\u200cها: کتابخانه، فرهنگ", "نظرات", "ارسال نظر"]
    result = clean_text("\n".join(page))
    assert result["title"] == "افتتاح کتابخانه عمومی جدید در مرکز شهر"
    assert result["body"].split("\n") == [lede, second]
    assert result["published_at"] == "2024-11-02"
    assert result["source"] == "خبرگزاری نمونه"
    assert result["related"] == [{"title": "برگزاری نمایشگاه کتاب در پایتخت", "url": None}]


def test_a_persian_headline_reads_as_language_not_as_a_menu() -> None:
    # 'در' makes the headline language; the run of section names above it has no such
    # word, and names the lede's topic too.
    lede = ("کتابخانه عمومی جدید شهر با حضور شهردار و جمعی از مسئولان فرهنگی امروز افتتاح "
            "شد و از هفته آینده به روی عموم باز خواهد بود.")
    page = ["فرهنگ کتابخانه هنر سینما موسیقی تئاتر", "افتتاح کتابخانه عمومی جدید در مرکز شهر",
            lede]
    assert clean_text("\n".join(page))["title"] == "افتتاح کتابخانه عمومی جدید در مرکز شهر"


def test_an_urdu_page() -> None:
    # '۔' is Urdu's full stop; پیر is Monday; the boxes have Urdu names.
    first = ("وزیر اعظم نے آج ملک بھر میں نئے ترقیاتی منصوبوں کا اعلان کیا جن کے تحت سڑکوں، "
             "اسکولوں اور ہسپتالوں کی تعمیر کی جائے گی۔")
    second = "انہوں نے کہا کہ ان منصوبوں سے لاکھوں افراد کو روزگار ملے گا۔"
    page = ["ہوم | پاکستان | دنیا | کھیل | کاروبار", "پیر 11 نومبر 2024",
            "وزیر اعظم کا نئے ترقیاتی منصوبوں کا اعلان", first,
            "یہ بھی پڑھیں: مہنگائی کی شرح میں کمی", second, "ٹیگز: ترقیاتی منصوبے", "شیئر کریں",
            "تبصرے"]
    result = clean_text("\n".join(page))
    assert result["title"] == "وزیر اعظم کا نئے ترقیاتی منصوبوں کا اعلان"
    assert result["body"].split("\n") == [first, second]
    assert result["published_at"] == "2024-11-11"
    assert result["related"] == [{"title": "مہنگائی کی شرح میں کمی", "url": None}]


def test_a_lead_printed_twice_is_cut_and_is_not_a_headline_repeat() -> None:
    # The page's description above the article is the lede's opening words: that the
    # lede holds it does not make it a headline printed again, and it is no deck.
    description = "أطلقت وزارة الزراعة اليوم خطة وطنية لترشيد استهلاك مياه الري"
    reading = read_text("\n".join(["الرئيسية", TITLE, description, *ARTICLE]))
    assert reading.fields["title"] == TITLE
    assert reading.fields["body"].split("\n") == ARTICLE
    assert ("lead_repeat", description) in reading.cut


def test_a_garbled_copy_of_the_headline_is_not_the_headline() -> None:
    # A windows-1256 page read as latin-1, but for its headline: the garbled copy shares
    # words with the garbled paragraphs; it is still not the headline.
    def garble(text: str) -> str:
        return text.encode("cp1256").decode("latin-1")

    title = "وزارة الزراعة تطلق خطة وطنية لترشيد مياه الري"  # no 'في': both read as menus
    result = clean_text("\n".join(["الرئيسية", title, garble(title), *map(garble, ARTICLE)]))
    assert result["title"] == title
    assert result["body"].split("\n")[-3:] == list(map(garble, ARTICLE))


def test_a_deck_under_a_headline_printed_twice_in_a_row_stays() -> None:
    # The headline twice (the page's heading and a second heading) and then the deck: the
    # deck is not under a photo caption's copy of the headline.
    deck = "خطة على ثلاث مراحل تبدأ بالقرى الأكثر تضررا"
    assert body("\n".join(["الرئيسية", TITLE, TITLE, deck, *ARTICLE])) == [deck, *ARTICLE]
    # A share title ("site - headline") right under it still ends the deck zone: what
    # follows it is a box of other stories.
    other = "منتخب الشباب يتأهل إلى نهائي البطولة العربية"
    assert body("\n".join(["الرئيسية", TITLE, f"موقع الأخبار - {TITLE}",
                            "الأكثر قراءة اليوم على موقع الأخبار", other, *ARTICLE])) == ARTICLE


def test_subheads_and_short_sentences_of_the_article_stay() -> None:
    subhead = "دعم صغار المزارعين"
    dashed = "المرحلة الأولى – القرى الجنوبية"
    short = "وتبدأ الخطة الشهر المقبل."
    page = "\n".join([TITLE, short, LEDE, subhead, PARA2, dashed, PARA3, "وهذا آخر ما قيل."])
    assert body(page) == [short, LEDE, subhead, PARA2, dashed, PARA3, "وهذا آخر ما قيل."]


@pytest.mark.parametrize("sentence", [
    # Persian headings are no prefix of an Arabic sentence ('أخبار مرتبطة' is not
    # 'اخبار مرتبط' glued to a word), nor Persian date labels its words.
    "وتداولت المواقع أخبار مرتبطة بالحادث منذ الصباح، وأكدت الشرطة أنها تحقق في الأمر.",
    "مطالب مرتبطة بالأجور",
    "زمان ومكان الحفل: الجمعة 5 مايو",
    "انتهى الاجتماع بعد ساعتين من النقاش حول تفاصيل الخطة.",
    "وقال إن البيان يعبر عن رأي الحكومة في ملف المياه كله.",
    "شارك في الاجتماع ممثلون عن خمس محافظات جنوبية.",
])
def test_sentences_that_start_like_boilerplate_stay(sentence: str) -> None:
    assert body("\n".join([TITLE, LEDE, sentence, PARA2])) == [LEDE, sentence, PARA2]


def test_glued_boilerplate_is_split_off_keeping_the_article_words() -> None:
    title = "الزراعة تطلق خطة لترشيد مياه الري"
    glued = "\n".join([f"تسجيل{title}", f"الجيزة – {LEDE}", f"{PARA2} // انتهى // 22:01 ت م",
                       f"{PARA3} … اقرأ المزيد"])
    assert body(glued) == ARTICLE
    reading = read_text(glued)
    assert reading.fields["title"] == title
    assert ("label", "تسجيل") in reading.cut
    assert ("dateline", "الجيزة –") in reading.cut
    assert ("end_mark", "// انتهى // 22:01 ت م") in reading.cut
    # A word that merely starts like a label is left whole.
    assert body(f"{TITLE}\nتسجيلات {LEDE}") == [f"تسجيلات {LEDE}"]
    # Dashes around a clause are not a dateline.
    clause = ("وقال الوزير - في تصريح للصحفيين - إن الخطة تبدأ الشهر المقبل في القرى "
              "الجنوبية الأكثر تضررا.")
    assert body(f"{TITLE}\n{clause}") == [clause]


def test_a_menu_and_a_site_blurb_around_the_article_are_cut() -> None:
    menu = ["الرئيسية", "محليات", "اقتصاد", "رياضة", "فن", "منوعات", "فيديو", "اتصل بنا"]
    blurb = ("موقع الأخبار صحيفة إلكترونية مستقلة تأسست عام 2010، تهتم بأخبار المحافظات "
             "والاقتصاد والرياضة وتنشر تقاريرها على مدار الساعة.")
    page = "\n".join([blurb, *menu, TITLE, *ARTICLE, *menu, "سياسة الخصوصية", "اتصل بنا"])
    assert body(page) == ARTICLE


def test_explain_names_the_kind_of_each_cut_line() -> None:
    reading = read_text("\n".join(["الرئيسية • محليات • اقتصاد", TITLE, LEDE, "A+ A-",
                                   "2,345 مشاهدة", PARA2]))
    kinds = dict((text, kind) for kind, text in reading.cut)
    assert kinds["الرئيسية • محليات • اقتصاد"] == "nav"
    assert kinds["A+ A-"] == "latin"
    assert kinds["2,345 مشاهدة"] == "counter"
    assert TITLE not in kinds and LEDE not in kinds


@pytest.mark.parametrize(("text", "expected"), [
    ("الاثنين 16 فبراير 2026 الموافق 28 شعبان 1447 هـ", True),
    ("16فبراير 2026م 28شعبان 1447هـ", True),
    ("العدد 4120 - الاثنين 16 فبراير 2026", True),
    ("آخر تحديث 10:42 بتوقيت مكة المكرمة", True),
    ("Jan Novak 466 2.1%", False),
    ("١٢ ص +02:00 EET", True),
    ("مقدمات نشرات الأخبار المسائية 16 فبراير 2026", False),
    ("3.7.1 الإصدار الجديد", False),
    ("وفي 16 فبراير 2026 افتتح الوزير المشروع", False),
    # A headline about a date: date words, and three words of a story besides; a
    # header's date line with a year may name its city and country.
    ("أول أيام رمضان الخميس وليلة ترقب الهلال الأربعاء 18 فبراير", False),
    ("الأحد 01 مارس 2026 م الموافق 11 رمضان 1447 هـ - الرباط - المغرب الأقصى", True),
    ("آخر تحديث الأحد 01 مارس 2026 - 10:30 ص | الرباط - المملكة المغربية", True),
])
def test_date_lines(text: str, expected: bool) -> None:
    assert is_date_line(text) is expected


def test_prose_and_kinds_of_plain_lines() -> None:
    assert is_prose(LEDE) and is_prose("وأكد الوزير أن الخطة ستنفذ في موعدها.")
    assert not is_prose(TITLE) and not is_prose("وزارة الزراعة...")
    assert line_kind(LEDE, TITLE, True) is None
    assert line_kind(f"موقع الأخبار | {TITLE}", TITLE, True) == "title_repeat"
    assert line_kind("القاهرة 24°", None, True) == "widget"


def test_a_ticker_run_of_headlines_is_cut_and_the_headline_under_it_kept() -> None:
    # Three headlines of other stories run together on one line, split by an icon's
    # alt text: a ticker, not the lede (it reads as a long line of language).
    ticker = " ico ".join(["ico منتخب الشباب يتأهل إلى نهائي البطولة العربية",
                           "افتتاح معرض الكتاب الدولي بمشاركة أربعين دولة",
                           "ارتفاع أسعار الذهب في الأسواق المحلية مع بداية الأسبوع"])
    reading = read_text("\n".join([ticker, TITLE, *ARTICLE]))
    assert reading.fields["title"] == TITLE
    assert reading.fields["body"].split("\n") == ARTICLE
    assert ("ticker", ticker) in reading.cut
    # Items ending sentences, an aside between dashes, a list between bullets and verses
    # between dots are running text, not a ticker.
    for line in [" - ".join(["زار الوزير ثلاث محافظات.", "وافتتح مشروعين للري.",
                             "ووعد بزيارة رابعة الشهر المقبل."]),
                 "أكد وزير الزراعة - في تصريحات صحفية اليوم الأحد - أن الوزارة أطلقت خطة "
                 "وطنية لترشيد استهلاك مياه الري في المحافظات الجنوبية.",
                 "وتشمل الخطة ثلاثة محاور • تحديث قنوات الري في القرى • توزيع عدادات ذكية "
                 "على المزارعين • إنشاء صندوق لدعم صغار المزارعين.",
                 "سلام على الأرض التي ضمت أهلنا ... وسلام على النخل الذي ظل شاهدا ... "
                 "وسلام على النهر الذي سقى الزرع كله"]:
        assert line_kind(line, None, True) != "ticker", line
        assert line in body("\n".join([TITLE, LEDE, line, PARA2]))
    date_title = "أول أيام رمضان الخميس وليلة ترقب الهلال الأربعاء 18 فبراير"
    assert clean_text("\n".join([date_title, *ARTICLE]))["title"] == date_title


def test_empty_and_blank_text() -> None:
    assert clean_text("")["body"] == "" and clean_text("\n \n")["title"] is None
