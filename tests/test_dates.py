"""parse_date: every form Arabic and English news pages print, and never a silent wrong value."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.datechoice import resolve_dates
from newscrawl.dates import MIN_YEAR, parse_date
from newscrawl.extraction import extract_article

NOW = datetime(2025, 4, 21, 12, 0, tzinfo=UTC)


def iso(text: str, **kwargs: object) -> str | None:
    value = parse_date(text, now=NOW, **kwargs)  # type: ignore[arg-type]
    return value.isoformat() if value is not None else None


# --- Month names of every region ------------------------------------------------------------
REGIONS = {
    "egypt_gulf": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                   "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    "egypt_variants": ["يناير", "فبراير", "مارس", "إبريل", "مايو", "يونيه", "يوليه", "اغسطس",
                       "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر"],
    "levant_iraq": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                    "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"],
    "morocco": ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر",
                "أكتوبر", "نونبر", "دجنبر"],
    "algeria_tunisia": ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت",
                        "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    "persian": ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر",
                "اکتبر", "نوامبر", "دسامبر"],
    "urdu": ["جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر",
             "اکتوبر", "نومبر", "دسمبر"],
    "english": ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"],
}


@pytest.mark.parametrize("region", REGIONS)
def test_every_month_of_every_region(region: str) -> None:
    for number, name in enumerate(REGIONS[region], start=1):
        assert iso(f"7 {name} 2024") == f"2024-{number:02d}-07", name
        assert iso(f"{name} 7, 2024") == f"2024-{number:02d}-07", name


@pytest.mark.parametrize(("text", "expected"), [
    # dual month names, ordinals, English orders
    ("19 أيلول/سبتمبر 2023", "2023-09-19"),
    ("19 أيلول (سبتمبر) 2023", "2023-09-19"),
    ("19 نيسان - أبريل 2023", "2023-04-19"),
    ("19th, September 2023 GMT", "2023-09-19"),
    ("Sep 19, 2023", "2023-09-19"),
    ("Tuesday 19 September 2023", "2023-09-19"),
    ("16. نوفمبر. 2016", "2016-11-16"),
    ("11/فبر/2016", "2016-02-11"),
    ("ديسـ 11, 2016", "2016-12-11"),
    ("ك٢ 5, 2025", "2025-01-05"),
    # numeric, any digits, any separators
    ("19/09/2023", "2023-09-19"),
    ("19-9-2023", "2023-09-19"),
    ("19.09.2023", "2023-09-19"),
    ("2023/09/19", "2023-09-19"),
    ("2023-09-19", "2023-09-19"),
    ("١٩/٠٩/٢٠٢٣", "2023-09-19"),
    ("۱۹/۰۹/۲۰۲۳", "2023-09-19"),
    ("1٩/0٩/٢02٣", "2023-09-19"),
    ("١٤/\u200f٢/\u200f٢٠١٠", "2010-02-14"),
    ("19 ، سبتمبر ، 2023", "2023-09-19"),
    ("03 يونيو 2020م", "2020-06-03"),  # م after the year is ميلادي, not p.m.
    # weekdays in every spelling, when they agree
    ("الاثنين 18 سبتمبر 2023", "2023-09-18"),
    ("الإثنين، 18 سبتمبر 2023", "2023-09-18"),
    ("الثلثاء 19 سبتمبر 2023", "2023-09-19"),
    ("الاربعاء 20 سبتمبر 2023", "2023-09-20"),
    ("أحد ١٤ فبراير ٢٠١٠", "2010-02-14"),
    # times
    ("19 سبتمبر 2023 10:30 صباحاً", "2023-09-19T10:30:00"),
    ("19 سبتمبر 2023 10:30 صـ", "2023-09-19T10:30:00"),
    ("19 سبتمبر 2023 10:30 مـ", "2023-09-19T22:30:00"),
    ("19 سبتمبر 2023 - 10:30 مساءً", "2023-09-19T22:30:00"),
    ("19 سبتمبر 2023 10:30 مساءا", "2023-09-19T22:30:00"),
    ("19 سبتمبر 2023 12:05 ص", "2023-09-19T00:05:00"),
    ("19 سبتمبر 2023 12:05 م", "2023-09-19T12:05:00"),
    ("19 سبتمبر 2023 22:30:15", "2023-09-19T22:30:15"),
    ("September 19, 2023 10:30 PM", "2023-09-19T22:30:00"),
    ("25 ديسمبر 2020 | 2:01 ص", "2020-12-25T02:01:00"),
    ("6 يناير، 2015، الساعة 05:16 مساءً", "2015-01-06T17:16:00"),
    # stated offsets win over the tz argument
    ("19 سبتمبر 2023 10:30 GMT", "2023-09-19T10:30:00+00:00"),
    ("19 سبتمبر 2023 10:30 UTC+3", "2023-09-19T10:30:00+03:00"),
    ("19 سبتمبر 2023 10:30 +03:00", "2023-09-19T10:30:00+03:00"),
    ("19 سبتمبر 2023 10:30 بتوقيت مكة المكرمة", "2023-09-19T10:30:00+03:00"),
    ("15 يناير 2024 10:30 بتوقيت القاهرة", "2024-01-15T10:30:00+02:00"),
    ("19 سبتمبر 2023 10:30 بتوقيت غرينتش", "2023-09-19T10:30:00+00:00"),
    ("الثلاثاء 19/09/2023 - 10:30 م ت.غ", "2023-09-19T22:30:00+00:00"),
    ("Sat, 05 Apr 2025 10:14:00 +0300", "2025-04-05T10:14:00+03:00"),
    ("2025-04-05T10:14:00Z", "2025-04-05T10:14:00+00:00"),
    # Hijri, alone and paired with the Gregorian day (the printed Gregorian wins)
    ("11 شوال 1441هـ", "2020-06-03"),
    ("5 رمضان 1446 هـ", "2025-03-05"),
    ("15 ربيع الأول 1446هـ", "2024-09-18"),
    ("10 جمادى الآخرة 1446 هـ", "2024-12-11"),
    ("1 ذو الحجة 1445 هـ", "2024-06-07"),
    ("14-09-1432 هـ, 09:40 صباحاً", "2011-08-14T09:40:00"),
    ("5 رمضان 1446 هـ الموافق 6 مارس 2025 م", "2025-03-06"),
    ("1446-10-07 هـ الموافق 05-04-2025", "2025-04-05"),
    # number words
    ("الاثنين، يناير الثاني والعشرين، 2018", "2018-01-22"),
    ("العاشر من سبتمبر ، ألفين", "2000-09-10"),
    ("الأحد يناير الحادي والعشرين ألفان وثمانية عشر", "2018-01-21"),
    # labels around the date
    ("تاريخ النشر: 19/09/2023", "2023-09-19"),
    ("نشر في 19 سبتمبر 2023", "2023-09-19"),
    ("نشر بتاريخ 19 سبتمبر 2023", "2023-09-19"),
    ("آخر تحديث: 19 سبتمبر 2023 - 10:30", "2023-09-19T10:30:00"),
    ("بتاريخ 19/9/2023", "2023-09-19"),
    ("Published: 19 September 2023", "2023-09-19"),
    ("Updated: Sep 19, 2023", "2023-09-19"),
    # dateparser as the fallback for word forms the cascade does not know
    ("the 5th of April 2025", "2025-04-05"),
])
def test_absolute_forms(text: str, expected: str) -> None:
    assert iso(text) == expected


def test_zone_argument_applies_to_naive_times_only() -> None:
    assert iso("19 سبتمبر 2023 10:30", tz="Asia/Riyadh") == "2023-09-19T10:30:00+03:00"
    assert iso("19 سبتمبر 2023 10:30 GMT", tz="Asia/Riyadh") == "2023-09-19T10:30:00+00:00"
    assert isinstance(parse_date("19 سبتمبر 2023 10:30", now=NOW), datetime)
    assert parse_date("19 سبتمبر 2023 10:30", now=NOW).tzinfo is None  # type: ignore[union-attr]
    assert parse_date("19 سبتمبر 2023", now=NOW, tz="Asia/Riyadh") == date(2023, 9, 19)


# --- Relative forms ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "back"), [
    ("منذ دقيقة", timedelta(minutes=1)),
    ("منذ دقيقتين", timedelta(minutes=2)),
    ("منذ 5 دقائق", timedelta(minutes=5)),
    ("قبل ٥ دقائق", timedelta(minutes=5)),
    ("منذ ساعة", timedelta(hours=1)),
    ("منذ ساعتين", timedelta(hours=2)),
    ("منذ 3 ساعات", timedelta(hours=3)),
    ("منذ ثلاث ساعات", timedelta(hours=3)),
    ("منذ ساعة و 30 دقيقة", timedelta(hours=1, minutes=30)),
    ("منذ ساعـة", timedelta(hours=1)),
    ("2 hours ago", timedelta(hours=2)),
    ("an hour ago", timedelta(hours=1)),
    ("الآن", timedelta(0)),
])
def test_relative_times(text: str, back: timedelta) -> None:
    assert parse_date(text, now=NOW) == NOW - back


@pytest.mark.parametrize(("text", "days"), [
    ("منذ يوم", 1), ("منذ يومين", 2), ("منذ 3 أيام", 3), ("قبل 3 ايام", 3), ("أمس", 1),
    ("يوم أمس", 1), ("اليوم", 0), ("أول أمس", 2), ("yesterday", 1), ("نشر: منذ يومين", 2),
])
def test_relative_days(text: str, days: int) -> None:
    assert parse_date(text, now=NOW) == (NOW - timedelta(days=days)).date()


def test_relative_with_time_and_zone() -> None:
    assert iso("أمس 10:30 م") == "2025-04-20T22:30:00+00:00"
    # 23:30 UTC is already tomorrow in Riyadh: "اليوم" is the local day.
    late = datetime(2025, 4, 21, 23, 30, tzinfo=UTC)
    assert parse_date("اليوم", now=late, tz="Asia/Riyadh") == date(2025, 4, 22)


# --- Never a silent wrong value ------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "", "x" * 400, "2023", "سبتمبر 2023", "19 سبتمبر",  # no day or no year: nothing filled in
    "12:45", "مدة المباراة 12:45", "هاتف 0123456789", "قرار رقم 12/5/2023",
    "قرار رقم 123/2023", "القانون رقم 5 لسنة 2023", "No. 4-10-2021",
    "2030-01-01", "23 أبريل 2025",  # after now + 1 day
    "19/09/23", "08/12, 2015",  # two-digit years, orders that cannot be told apart
    "31/02/2024", "30 فبراير 2024",
    "الخميس 19 سبتمبر 2023",  # 19 September 2023 was a Tuesday: two days off
    "منذ ساعات", "منذ أيام", "منذ 3 أسابيع", "منذ شهر", "قبل سنة",  # no day can be named
    "بعد 5 دقائق", "غدا", "اليوم السابع", "أحد المسؤولين",
    "5 ديسمبر 1391",  # a Hijri year with a Gregorian month name: neither reading is sure
])
def test_refuses_what_it_cannot_be_sure_of(text: str) -> None:
    assert parse_date(text, now=NOW) is None


def test_year_floor_is_a_parameter_and_hijri_is_exempt() -> None:
    assert iso("11 فبراير 1987", min_year=1900) == "1987-02-11"
    assert iso("10 صفر 1390 هـ") == "1970-04-17"


def test_date_only_and_datetime_types() -> None:
    # An impossible time keeps the day and drops the instant.
    assert parse_date("2025-04-05T25:61", now=NOW) == date(2025, 4, 5)
    assert parse_date("5 أبريل 2025", now=NOW) == date(2025, 4, 5)
    assert isinstance(parse_date("5 أبريل 2025 10:14", now=NOW), datetime)


PIECES = [*"0123456789٠١٢٣٤٥٦٧٨٩/-.:,، ", "أبريل", "شباط", "هـ", "منذ", "ساعتين", "يوم",
          "أمس", "الأحد", "م", "ص", "GMT", "+03:00", "بتوقيت", "مكة", "رمضان", "الموافق",
          "الثاني", "والعشرين", "ألفين", "T", "Z", "اليوم", "قبل", "دقائق"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_fuzz_never_raises_never_future(text: str) -> None:
    value = parse_date(text, now=NOW, min_year=1)
    if value is not None:
        day = value.date() if isinstance(value, datetime) else value
        assert day <= (NOW + timedelta(days=1)).date()


# --- The article's own date -------------------------------------------------------------------
TRAP_PAGE = """<!doctype html><html lang="ar"><head><meta charset="utf-8">
<title>وزير الصحة يفتتح مستشفى جديدا - موقع الأخبار</title></head><body>
<header><div class="header-date">القاهرة: الأربعاء، 07 أكتوبر 2020 12:19 م</div>
<div class="ticker">عاجل: منذ 5 دقائق انفجار في الميناء</div></header>
<main><article><h1>وزير الصحة يفتتح مستشفى جديدا</h1>
<div class="post-meta-date">{article_date}</div>
<p>افتتح وزير الصحة اليوم مستشفى جديدا في العاصمة بطاقة استيعابية تبلغ خمسمائة سرير،
وقال إن المستشفى يخدم أكثر من مليون مواطن في المنطقة المحيطة.</p>
<p>وأضاف الوزير أن الحكومة تعتزم افتتاح ثلاثة مستشفيات أخرى خلال العام المقبل في المحافظات
الجنوبية، ضمن خطة لتطوير الخدمات الصحية.</p>
<div class="related"><h3>أخبار ذات صلة</h3><ul>
<li><a href="/a/1">افتتاح مدرسة جديدة</a> <span class="date">4 أبريل 2019 - 7:57 مساءً</span></li>
</ul></div></article>
<aside class="sidebar"><h3>الأكثر قراءة</h3><ul><li><a href="/a/2">خبر آخر</a>
<span class="time">منذ ساعتين</span></li></ul></aside>
<section class="comments"><div class="comment"><span class="date">08 أكتوبر 2020 09:00 ص</span>
<p>تعليق من قارئ</p></div></section></main></body></html>"""


@pytest.mark.parametrize(("article_date", "expected"), [
    ("الإثنين، 05 أكتوبر 2020 - 12:09 م", "2020-10-05T12:09:00+02:00"),
    ("5 أكتوبر 2020", "2020-10-05"),
    ("17 صفر 1442 هـ", "2020-10-04"),
])
def test_page_date_ignores_clock_ticker_sidebar_related_and_comments(article_date: str,
                                                                      expected: str) -> None:
    from newscrawl.extraction import SiteRules

    html = TRAP_PAGE.format(article_date=article_date)
    record = extract_article(html, "https://news.example/health/hospital-opens",
                             rules=SiteRules(timezone="Africa/Cairo"),
                             fetched_at=datetime(2020, 10, 8, 12, tzinfo=UTC))
    assert record["published_at"] == expected
    assert record["published_source"] == "text"


def test_page_without_own_date_gets_none_not_a_neighbour() -> None:
    html = TRAP_PAGE.format(article_date="")
    record = extract_article(html, "https://news.example/health/hospital-opens",
                             fetched_at=datetime(2020, 10, 8, 12, tzinfo=UTC))
    assert record["published_at"] is None


def test_structured_date_wins_and_raw_is_kept() -> None:
    html = TRAP_PAGE.format(article_date="5 أكتوبر 2020").replace(
        "</head>", '<meta property="article:published_time" content="2020-10-05T09:09:00+00:00">'
                   "</head>")
    record = extract_article(html, "https://news.example/2020/10/04/hospital-opens",
                             fetched_at=datetime(2020, 10, 8, 12, tzinfo=UTC))
    assert record["published_at"] == "2020-10-05T09:09:00+00:00"
    assert record["published_source"] == "meta"
    assert record["published_raw"] == "2020-10-05T09:09:00+00:00"


def test_microdata_date_away_from_the_headline_and_not_in_cards() -> None:
    # '<time itemprop="datePublished">' below the header, in a <body> whose class names
    # the site's section ('recommended', a word of related boxes); a card of another
    # story carries its own itemprop date first, in a list item.
    card = ('<ul><li><article><time itemprop="datePublished" datetime="2019-01-01T08:00:00Z">'
            "</time></article></li></ul>")
    html = (f'<html><body class="segment--recommended">{card}<main><article><header>'
            "<h1>وزير الصحة يفتتح مستشفى جديدا</h1></header><div><div>"
            '<time itemprop="datePublished" datetime="2020-10-05T09:09+0100">5 أكتوبر</time>'
            f"</div></div><p>{'افتتح وزير الصحة مستشفى جديدا في العاصمة. ' * 8}</p>"
            "</article></main></body></html>")
    record = extract_article(html, "https://news.example/health/hospital-opens",
                             fetched_at=datetime(2020, 10, 8, 12, tzinfo=UTC))
    assert record["published_at"] == "2020-10-05T09:09:00+01:00"
    # A reader's comment marked up as its own item carries its own date, not the page's.
    comment = ('<div itemscope itemtype="https://schema.org/Comment"><time '
               'itemprop="datePublished" datetime="2020-10-07T10:00:00Z"></time></div>')
    html = html.replace(card, comment).replace('itemprop="datePublished" datetime="2020-10-05',
                                               'datetime="2020-10-05')
    assert extract_article(html, "https://news.example/health/hospital-opens",
                           fetched_at=datetime(2020, 10, 8, 12, tzinfo=UTC))[
        "published_at"] != "2020-10-07T10:00:00+00:00"


@pytest.mark.parametrize(("objects", "expected"), [
    # A fact-check desk's page: its review is the page's object.
    ([{"@type": "ClaimReview", "datePublished": "2024-05-13 15:44"}], "2024-05-13T15:44:00"),
    # An article object beside it wins.
    ([{"@type": "ClaimReview", "datePublished": "2024-05-13"},
      {"@type": "NewsArticle", "datePublished": "2024-05-14"}], "2024-05-14"),
    ([{"@type": "SocialMediaPosting", "datePublished": "2014-09-02T08:35:27-04:00"}],
     "2014-09-02T08:35:27-04:00"),
])
def test_json_ld_objects_that_stand_for_the_article(objects: list[dict[str, str]],
                                                    expected: str) -> None:
    import json

    scripts = "".join(f'<script type="application/ld+json">{json.dumps(o)}</script>'
                      for o in objects)
    html = TRAP_PAGE.format(article_date="").replace("</head>", f"{scripts}</head>")
    record = extract_article(html, "https://news.example/health/hospital-opens",
                             fetched_at=datetime(2024, 6, 1, 12, tzinfo=UTC))
    assert record["published_at"].startswith(expected)


def test_a_cards_microdata_never_beats_a_printed_or_url_date() -> None:
    # Cards of other stories carry their own microdata dates: the page's printed date
    # (its label opening a small element, after a bidi mark) and its URL's come first.
    card = ('<div class="grid"><div class="card"><article itemscope '
            'itemtype="https://schema.org/NewsArticle"><h3><a href="/x">خبر آخر</a></h3>'
            '<time itemprop="datePublished dateCreated" datetime="2019-01-01T08:00:00Z">'
            "</time></article></div></div>")
    body = f"<p>{'افتتح وزير الصحة مستشفى جديدا في العاصمة. ' * 8}</p>"
    for byline, url in (('<div><span>\u200fنشر في: 12 مايو 2023</span></div>',
                         "https://news.example/health/hospital-opens"),
                        ("", "https://news.example/2023/05/12/hospital-opens")):
        html = (f"<html><body><main><article><header><h1>وزير الصحة يفتتح مستشفى جديدا</h1>"
                f"{byline}</header>{body}</article></main>{card}</body></html>")
        record = extract_article(html, url, fetched_at=datetime(2023, 6, 1, tzinfo=UTC))
        assert record["published_at"] == "2023-05-12", url


def test_other_objects_lend_their_date_only() -> None:
    import json

    def page(*objects: dict[str, object]) -> str:
        scripts = "".join(f'<script type="application/ld+json">{json.dumps(o)}</script>'
                          for o in objects)
        return TRAP_PAGE.format(article_date="").replace(
            "</head>", f'<meta name="author" content="أحمد علي">{scripts}</head>')

    fetched = datetime(2024, 6, 1, 12, tzinfo=UTC)
    # A fact-check's review: its date, not its author (the desk) nor its headline.
    review = {"@type": "ClaimReview", "datePublished": "2024-05-13", "headline": "مضلل",
              "author": {"@type": "Organization", "name": "مسبار"}}
    record = extract_article(page(review), "https://news.example/fact/1", fetched_at=fetched)
    assert record["published_at"] == "2024-05-13" and record["authors"] == ["أحمد علي"]
    assert record["title"] != "مضلل"
    # An embedded post before the article object is not the page's.
    post = {"@type": "SocialMediaPosting", "datePublished": "2021-01-01T00:00:00Z",
            "author": {"name": "@someone"}}
    article = {"@type": "NewsArticle", "datePublished": "2024-05-13T10:00:00Z"}
    assert extract_article(page(post, article), "https://news.example/a/1",
                           fetched_at=fetched)["published_at"].startswith("2024-05-13")


def test_url_date_is_the_last_resort() -> None:
    html = TRAP_PAGE.format(article_date="")
    record = extract_article(html, "https://news.example/2020/10/04/hospital-opens",
                             fetched_at=datetime(2020, 10, 8, 12, tzinfo=UTC))
    assert (record["published_at"], record["published_source"]) == ("2020-10-04", "url")


def test_relative_page_dates_count_from_the_fetch_time() -> None:
    item = {"fetched_at": "2025-04-21T12:00:00+00:00",
            "date_candidates": [{"kind": "published", "source": "text", "raw": "منذ ساعتين"}]}
    resolve_dates(item)
    assert item["published_at"] == "2025-04-21T10:00:00+00:00"


# --- Regressions from review: a value from the wrong place is worse than none ------------
@pytest.mark.parametrize(("text", "expected"), [
    # a time or zone elsewhere in the string is not the date's
    ("19 سبتمبر 2023 | مدة الفيديو 12:45", "2023-09-19"),
    ("مدة الفيديو 02:35 | 19 سبتمبر 2023", "2023-09-19"),
    ("5 أبريل 2025 سورة البقرة 2:25", "2025-04-05"),
    ("5 أبريل 2025 | 3:45 دقيقة", "2025-04-05"),
    ("نشر: 18 أبريل 2025 | تحديث: 20 أبريل 2025 10:30", "2025-04-18"),
    ("2025-04-05 10:14 - آخر تحديث 2025-04-06 11:00", "2025-04-05T10:14:00"),
    ("الساعة 10:30 ، 5 أبريل 2025 ، مدة القراءة 3:00", "2025-04-05T10:30:00"),
    ("5 أبريل 2025 10:30 - المباراة 20:00 GMT", "2025-04-05T10:30:00"),
    ("10:30 GMT 19 سبتمبر 2023", "2023-09-19T10:30:00+00:00"),
    ("19 سبتمبر 2023 10:30 بتوقيت غرينتش+3", "2023-09-19T10:30:00+03:00"),
    ("5 أبريل 2025م - 10:30م", "2025-04-05T22:30:00"),
    ("تاريخ النشر: 2025-04-05 10:14", "2025-04-05T10:14:00"),
    ("Published: 2025-04-05T10:14:00+03:00", "2025-04-05T10:14:00+03:00"),
    ("2025-04-05 10:30 م", "2025-04-05T22:30:00"),
    # half-day words
    ("19 سبتمبر 2023 10:30 ليلاً", "2023-09-19T22:30:00"),
    ("19 سبتمبر 2023 03:15 عصراً", "2023-09-19T15:15:00"),
    ("19 سبتمبر 2023 01:30 ظهراً", "2023-09-19T13:30:00"),
    ("19 سبتمبر 2023 11:30 ظهراً", "2023-09-19T11:30:00"),
    ("19 سبتمبر 2023 00:30 م", "2023-09-19"),
    # common forms
    ("أمس الساعة 10:30 م", "2025-04-20T22:30:00+00:00"),
    ("منذ ساعة واحدة", "2025-04-21T11:00:00+00:00"),
    ("منذ يوم واحد", "2025-04-20"),
    ("19 من سبتمبر 2023", "2023-09-19"),
    ("19 سبتمبر عام 2023", "2023-09-19"),
    ("5 كانون ثاني 2025", "2025-01-05"),
    ("5 تشرين2 2024", "2024-11-05"),
])
def test_time_and_zone_belong_to_the_date(text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize("text", [
    "منذ 999999 يوم", "قبل 100000000 ساعة", "99999999999 days ago",  # no overflow, no date
    "الأسبوع الأول من مارس 2024", "النصف الثاني من مايو 2024", "العدد الخامس مارس 2024",
    "قرار رقم 12/5/1440", "المرسوم رقم: 1441/10/11", "قانون رقم (12/5/2023)",
    "السعر 12.5.1445 ريال", "version 1.2.2020", "الإصدار v1.2.2020",
    "Mon, 05 Apr 2025 10:14:00 +0300", "Sunday, the 15th of April 2025",  # wrong weekdays
    "سبتمبر 152024", "إلى 5 أبريل 2025",
    "2025-04-22T23:59:59-12:00",  # 48 hours after now once the offset is applied
    "5 رمضان 1446 هـ الموافق 6 مارس 2026 م",  # the printed Gregorian twin is in the future
])
def test_refuses_review_traps(text: str) -> None:
    assert parse_date(text, now=NOW) is None


def test_page_floor_refuses_what_a_string_may_print() -> None:
    # A string reads as printed; a web page's own date before 1990 is a misread.
    for text in ("1985-05-05", "11 فبراير 1987", "18 جوان 1927"):
        assert parse_date(text, now=NOW) is not None
        assert parse_date(text, now=NOW, min_year=MIN_YEAR) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("5 - 7 أبريل 2025", "2025-04-05"),
    ("من 1 إلى 5 أبريل 2025", "2025-04-01"),
    ("22-29 تموز/يوليو 2019", "2019-07-22"),
    ("من 24 يونيو إلى 8 يوليوز 2023", "2023-06-24"),
    ("ليل 20-21 أبريل (نيسان) 2023", "2023-04-20"),
])
def test_a_day_range_gives_its_first_day(text: str, expected: str) -> None:
    assert iso(text) == expected
    assert parse_date(text, now=NOW, ranges=False) is None  # never a page's own date


@pytest.mark.parametrize(("text", "expected"), [
    ("الخميس 22 مارس 2023", "2023-03-22"),  # a Wednesday: one day off stands
    ("الاثنين 12 يناير 2016", "2016-01-12"),  # a Tuesday
])
def test_a_weekday_one_day_off_keeps_the_printed_date(text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("28سبتمرب  1963", "1963-09-28"),  # two letters swapped
    ("25 من متوز 2019", "2019-07-25"),
    ("من 9 إلى 11 أيريل 2021", "2021-04-09"),  # one letter wrong
    ("10 ينايير 2020", "2020-01-10"),  # a letter doubled
    ("10 ناير 2020", "2020-01-10"),  # the first letter missing
])
def test_month_misspelled_by_one_letter(text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize("text", [
    "10 مارد 2020",  # one wrong letter from مارس: a word, not a slip, in a short name
    "5 بيت 2020", "3 كتب 2021",  # ordinary words between a number and a year
])
def test_ordinary_words_are_not_read_as_months(text: str) -> None:
    assert parse_date(text, now=NOW) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("10يناير لعام2020م", "2020-01-10"),  # numbers glued to words
    ("التاريخ: 11_12_2019", "2019-12-11"), ("2\\4\\2020", "2020-04-02"),
    ("ﺃﻳﻠﻮﻝ 5، 2020", "2020-09-05"),  # presentation forms
    ("الأول من شهر محرم 1385ه", "1965-05-01"), ("غرة رمضان 1446", "2025-03-01"),
    ("يوم السبت 14/ صفر/1399هـ", "1979-01-12"),
    ("السابع من أكتوبر/تشرين الأول 2023", "2023-10-07"),
    ("2 حزيران (يونيو - جوان)، 2018", "2018-06-02"),
    ("الخميس الموافق 23 مارس من العام 2023", "2023-03-23"),
    ("29 Sha’ban 1444 AH", "2023-03-21"),
    ("Friday - January 21 st - 2022", "2022-01-21"),
    ("Thursday 3/23/2023 AD", "2023-03-23"),  # 23 cannot be a month: US order
    ("الأحد 28 يونيو-حزيران 2020 الساعة 07 مساءً", "2020-06-28T19:00:00"),
    ("في 04/11/2021 على الساعة 16:30", "2021-11-04T16:30:00"),
    ("07/05/21 18:06", "2021-05-07T18:06:00"),  # a two-digit year in a machine stamp
    ("تاريخ النشر : 11:59 - 2020/12/30", "2020-12-30T11:59:00"),
    ("الإثنين-2017-03-27 01:36 pm", "2017-03-27T13:36:00"),
    ("2020-04-10 | 03:16 2020-04-10T03:16:14+00:00", "2020-04-10T03:16:14+00:00"),
    ("الأربعاء 29 شعبان 1444هـ الموافق 22 مارس المقبل", "2023-03-22"),
    ("الجمعة 10:30 15-03-2024", "2024-03-15T10:30:00"),  # time before the date
    ("15 10:30 2024 مارس", "2024-03-15T10:30:00"),  # Maghrebi: time inside the date
    ("15 مارس 2024 @ 10:30", "2024-03-15T10:30:00"),
    ("updated 10:30 AM EST, Mar 15, 2024", "2024-03-15T10:30:00-05:00"),
    ("Mar 15, 2024 10:30 pm EEST", "2024-03-15T22:30:00+03:00"),
    ("منتصف ليلة الجمعة 15 مارس 2024", "2024-03-15T00:00:00"),
    ("2024:03:15.10:30:45", "2024-03-15T10:30:45"),  # colon-separated machine stamp
    ("/2024/03/15/", "2024-03-15"),  # a date inside slashes, as in a path
    ("لحد 17 مارس 2024", "2024-03-17"),  # Maghrebi Sunday
])
def test_forms_of_real_pages(text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Solar Hijri, by month name (Iran and Afghanistan), in either digits
    ("۱۲ آبان ۱۴۰۳", "2024-11-02"),
    ("12 آبان 1403", "2024-11-02"),
    ("شنبه ۱۲ آبان ماه ۱۴۰۳ ساعت ۱۴:۳۰", "2024-11-02T14:30:00"),
    ("دوشنبه ۱۲ آبان ۱۴۰۳", None),  # that day was a Saturday (شنبه), not a Monday
    ("۱۵ جدی ۱۴۰۲", "2024-01-05"),  # Dari month names
    ("۳۰ اسفند ۱۴۰۳", "2025-03-20"),  # 1403 is a leap year ...
    ("۳۰ اسفند ۱۴۰۲", None),  # ... 1402 is not
    # numeric: Solar when written in Persian digits or marked ه.ش / شمسی, else Hijri
    ("۱۴۰۳/۰۸/۱۲", "2024-11-02"),
    ("1403/08/12 ه.ش", "2024-11-02"),
    ("1403/08/12", "1983-05-24"),
    ("۱۴۴۶/۰۳/۱۵", "2024-09-18"),  # no Solar year of news is that high: Hijri
    ("۱۵ ربیع الاول ۱۴۴۶ھ", "2024-09-18"),  # a Hijri month in Persian digits
    ("۱۲/۰۸/۱۴۰۳ ه.ش", "2024-11-02"),
    ("۱۲/۰۸/۱۴۰۳ هـ.ق", "1983-05-24"),  # a lunar mark wins over Persian digits
    ("۱۲/۰۸/۱۴۰۳ ھ", "1983-05-24"),  # the Urdu Hijri sign
])
def test_solar_hijri(text: str, expected: str | None) -> None:
    assert iso(text) == expected


def test_hijri_gives_a_plain_date() -> None:
    assert type(parse_date("11 شوال 1441هـ", now=NOW)) is date


PAGE = """<html><body>{before}<article><header><h1>وزير الصحة يفتتح مستشفى جديدا</h1>
{byline}</header><p>افتتح وزير الصحة مستشفى جديدا في العاصمة بطاقة خمسمائة سرير، وقال إن
المستشفى يخدم أكثر من مليون مواطن {inline}في المنطقة المحيطة به من كل الجهات.</p>
{after}</article></body></html>"""
OWN = '<span class="date">5 أبريل 2025</span>'


@pytest.mark.parametrize(("before", "byline", "inline", "after"), [
    ("", OWN, "", '<div class="more-articles"><time datetime="2019-04-04">x</time></div>'),
    ("", OWN, "", '<div class="similar-posts"><time datetime="2019-04-04">x</time></div>'),
    ("", OWN, "", '<ol class="commentlist"><li><time datetime="2025-04-06">x</time></li></ol>'),
    ("", OWN, "", '<div id="responses"><time datetime="2025-04-06">x</time></div>'),
    ("", OWN, 'منذ <time datetime="2020-01-01">مطلع 2020</time> ', ""),
    ('<div class="topbar"><span class="current-date">الاثنين 21 أبريل 2025</span></div>', OWN,
     "", ""),
    ('<marquee><time datetime="2025-04-21">x</time></marquee>', OWN, "", ""),
    ("", '<span class="reading-time">قراءة 3 دقائق</span>' + OWN, "", ""),
    ("", '<ul class="top-news"><li><span class="date">1 يناير 2020</span></li></ul>' + OWN,
     "", ""),
])
def test_page_traps_never_win(before: str, byline: str, inline: str, after: str) -> None:
    html = PAGE.format(before=before, byline=byline, inline=inline, after=after)
    record = extract_article(html, "https://news.example/health/hospital-opens",
                             fetched_at=NOW)
    assert record["published_at"] == "2025-04-05"


def test_update_stamp_is_the_modified_date() -> None:
    byline = '<span class="update-time">آخر تحديث: 7 أبريل 2025</span>' + OWN
    html = PAGE.format(before="", byline=byline, inline="", after="")
    record = extract_article(html, "https://news.example/health/hospital-opens",
                             fetched_at=NOW)
    assert (record["published_at"], record["modified_at"]) == ("2025-04-05", "2025-04-07")


def test_relative_overflow_on_a_page_does_not_break_extraction() -> None:
    html = PAGE.format(before="", byline='<span class="date">منذ 99999999 يوم</span>',
                       inline="", after="")
    record = extract_article(html, "https://news.example/health/hospital-opens",
                             fetched_at=NOW)
    assert record["published_at"] is None and "مستشفى" in record["body"]


def test_yesterday_with_its_weekday_and_whole_seconds() -> None:
    sunday = datetime(2026, 11, 29, 10, 0, 0, 123456, tzinfo=UTC)
    assert parse_date("أمس (السبت)", now=sunday) == date(2026, 11, 28)
    assert parse_date("أمس الخميس", now=sunday) is None  # yesterday was not a Thursday
    ago = parse_date("منذ ساعتين", now=sunday)
    assert isinstance(ago, datetime) and ago.microsecond == 0
    assert ago == datetime(2026, 11, 29, 8, 0, 0, tzinfo=UTC)


# A page whose only date is in structured data of a form some CMSs print.
STRUCTURED_ONLY = """<!doctype html><html lang="ar"><head><meta charset="utf-8">
<title>وزير الصحة يفتتح مستشفى جديدا</title>{head}</head><body><main><article>
<h1>وزير الصحة يفتتح مستشفى جديدا</h1>
<p>افتتح وزير الصحة اليوم مستشفى جديدا في العاصمة بطاقة استيعابية تبلغ خمسمائة سرير،
وقال إن المستشفى يخدم أكثر من مليون مواطن في المنطقة المحيطة.</p>
<p>وأضاف الوزير أن الحكومة تعتزم افتتاح ثلاثة مستشفيات أخرى خلال العام المقبل في المحافظات
الجنوبية، ضمن خطة لتطوير الخدمات الصحية.</p></article></main></body></html>"""


@pytest.mark.parametrize(("head", "source"), [
    # JSON-LD in a CDATA section behind comment marks (XHTML-era CMSs, MediaWiki).
    ('<script type="application/ld+json">/*<![CDATA[*/ {"@context": "https://schema.org", '
     '"@type": "NewsArticle", "datePublished": "2020-10-05T09:09:00+00:00"} /*]]>*/</script>',
     "jsonld"),
    # The same with spaces inside the comment marks.
    ('<script type="application/ld+json">/* <![CDATA[ */ {"@type": "NewsArticle", '
     '"datePublished": "2020-10-05T09:09:00+00:00"} /* ]]> */</script>', "jsonld"),
    ('<meta name="publishdate" content="2020-10-05T09:09:00+00:00">', "meta"),
])
def test_structured_dates_in_the_forms_cmss_print(head: str, source: str) -> None:
    record = extract_article(STRUCTURED_ONLY.format(head=head),
                             "https://news.example/health/hospital-opens",
                             fetched_at=datetime(2020, 10, 8, 12, tzinfo=UTC))
    assert (record["published_at"], record["published_source"]) == \
        ("2020-10-05T09:09:00+00:00", source)


def test_jsonld_of_many_spaces_is_read_in_linear_time() -> None:
    """A hostile page's whitespace inside JSON-LD must not make the CDATA check quadratic."""
    import time

    html = STRUCTURED_ONLY.format(head='<script type="application/ld+json">{"@type": '
                                  '"NewsArticle",' + " " * 200_000 + '"datePublished": '
                                  '"2020-10-05"}</script>')
    start = time.perf_counter()
    record = extract_article(html, "https://news.example/health/hospital-opens")
    assert record["published_at"] == "2020-10-05"
    # Linear: a few milliseconds (a search of the whole text for the closing mark took
    # about a minute at this size, and grew with the square of it).
    assert time.perf_counter() - start < 5
