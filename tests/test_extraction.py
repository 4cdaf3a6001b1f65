"""extract_article on saved pages: a failure names the field that broke."""

from __future__ import annotations

import json

import pytest
from conftest import TALKS_PARAS as PARAS
from conftest import assert_valid, seed_page

from newscrawl.extraction import extract_article, page_article
from newscrawl.textnorm import normalize_arabic


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", ["arabkhabar_article", "arabkhabar_mojibake",
                                  "almnatiq_article"])
def test_seed_pages(name: str) -> None:
    page, url, expected = seed_page(name)
    record = extract_article(page, url)
    assert_valid([record])
    assert record["title"] == expected["title"], "title"
    assert [_norm(p) for p in record["body"].split("\n")] == \
        [_norm(p) for p in expected["body_paragraphs"]], "body"
    assert record["source"] == expected["source"], "source"
    assert (record["published_at"] or "")[:10] == expected["published_date"], "published_at"
    if "published_at" in expected:
        assert record["published_at"] == expected["published_at"], "published_at (time)"
    if "published_raw_contains" in expected:
        assert expected["published_raw_contains"] in (record["published_raw"] or "")
    if "tags" in expected:
        assert set(record["tags"]) == set(expected["tags"]), "tags"
    if "section" in expected:
        assert record["section"] == expected["section"], "section"
    assert [r["title"] for r in record["related"]] == expected["related_titles"], "related"
    for phrase in expected["body_must_not_contain"]:
        assert phrase not in record["body"], f"body contains {phrase!r}"


def test_mojibake_page_gives_the_same_record() -> None:
    clean = extract_article(*seed_page("arabkhabar_article")[:2])
    broken = extract_article(*seed_page("arabkhabar_mojibake")[:2])
    for field in ("title", "body", "tags", "source", "related", "published_at", "content_hash"):
        assert broken[field] == clean[field], field


def test_sidebar_and_related_dates_do_not_win() -> None:
    record = extract_article(*seed_page("almnatiq_article")[:2])
    # The related box prints 4 April evening; the article is 5 April 10:14.
    assert record["published_at"] == "2025-04-05T10:14:00+03:00"
    assert record["published_source"] == "jsonld"
    assert record["modified_at"] == "2025-04-05T10:20:31+03:00"


def test_canonical_and_site_fields() -> None:
    page, _url, _ = seed_page("almnatiq_article")
    record = extract_article(page, "https://www.almnatiq.net/1203456/?utm_source=x#c")
    assert record["site"] == "almnatiq.net"
    assert record["canonical_url"] == "https://almnatiq.net/1203456/"
    # Off-site canonical (a mirror of someone else's story) is not trusted.
    record = extract_article(page, "http://mirror.example.org/copy/1/")
    assert record["canonical_url"] == "http://mirror.example.org/copy/1/"


def test_title_suffix_removed_and_metadata_read() -> None:
    page = """<html lang="ar-SA"><head>
    <title>ارتفاع أسعار الذهب في السوق المحلية - جريدة الخبر</title>
    <meta property="og:site_name" content="جريدة الخبر">
    <meta name="description" content="ارتفعت أسعار الذهب اليوم.">
    <meta property="og:image" content="/img/gold.jpg">
    <meta name="keywords" content="ذهب، أسعار، اقتصاد">
    <meta property="article:published_time" content="2025-04-05T08:00:00Z"></head>
    <body><div class="story-body"><p>{}</p><p>{}</p></div></body></html>""".format(
        "ارتفعت أسعار الذهب في السوق المحلية اليوم بنسبة كبيرة مع زيادة الطلب " * 3,
        "وقال تجار إن الإقبال على الشراء تزايد خلال الأيام الماضية بشكل لافت " * 3)
    record = extract_article(page, "https://alkhabar.example/economy/gold-prices-rise-today")
    assert record["title"] == "ارتفاع أسعار الذهب في السوق المحلية"
    assert record["description"] == "ارتفعت أسعار الذهب اليوم."
    assert record["image"] == "https://alkhabar.example/img/gold.jpg"
    assert record["tags"] == ["ذهب", "أسعار", "اقتصاد"]
    assert record["language"] == "ar"
    assert record["published_at"] == "2025-04-05T08:00:00+00:00"
    assert record["published_source"] == "meta"
    assert len(record["body"].split("\n")) == 2


TITLE_BODY = ("<div class='story-body'>"
              + "".join(f"<p>{p}</p>" for p in (
                  "ارتفعت أسعار الذهب في السوق المحلية اليوم بنسبة كبيرة مع زيادة الطلب " * 3,
                  "وقال تجار إن الإقبال على الشراء تزايد خلال الأيام الماضية بشكل لافت " * 3))
              + "</div>")


@pytest.mark.parametrize(("head", "h1", "title"), [
    # A headline escaped twice into JSON-LD reads as printed.
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
     '"الذهب \\u0026quot;يقفز\\u0026quot; في السوق"}</script>', "", 'الذهب "يقفز" في السوق'),
    # A headline written without spaces is a headline, not a logo.
    ("<title>金价今日大幅上涨市场需求持续旺盛_财经_某网</title>",
     "<h1>金价今日大幅上涨市场需求持续旺盛</h1>", "金价今日大幅上涨市场需求持续旺盛"),
    # A site's name without spaces is a logo still (the review's cases).
    ('<meta property="og:title" content="ارتفاع أسعار الذهب في السوق المحلية">',
     "<h1>dailychronicle.com</h1>", "ارتفاع أسعار الذهب في السوق المحلية"),
])
def test_the_headline_from_its_sources(head: str, h1: str, title: str) -> None:
    page = f"<html><head>{head}</head><body><h1>موقع</h1>{h1}{TITLE_BODY}</body></html>"
    assert extract_article(page, "https://alkhabar.example/economy/gold/")["title"] == title


def test_an_image_url_in_json_ld_keeps_its_ampersands() -> None:
    # Only the headline's double escaping is undone; '&region' in a URL is no entity.
    image = "https://cdn.example/photo.jpg?w=1200&region=eu&section=local&times=2"
    ld = json.dumps({"@type": "NewsArticle", "headline": "ارتفاع أسعار الذهب",
                     "image": image})
    page = (f"<html><head><script type='application/ld+json'>{ld}</script></head><body>"
            f"<h1>ارتفاع أسعار الذهب</h1>{TITLE_BODY}</body></html>")
    assert extract_article(page, "https://alkhabar.example/economy/gold/")["image"] == image


def test_boilerplate_lookalikes_in_running_text_stay() -> None:
    sentence = "وقال المصدر إن الاجتماع سيعقد الأسبوع المقبل لبحث الملفات العالقة بين الطرفين."
    page = f"""<html><body><article><h1>اجتماع مرتقب بين الطرفين الأسبوع المقبل</h1>
    <div class="entry-content"><p>{sentence}</p><p>{"نص إضافي عن الاجتماع. " * 20}</p>
    <p>المصدر: وكالة الأنباء</p></div></article></body></html>"""
    record = extract_article(page, "https://x.example/2025/04/05/meeting/")
    assert sentence in record["body"]
    assert record["source"] == "وكالة الأنباء"
    assert "المصدر:" not in record["body"]


@pytest.mark.parametrize("body", [b"", b"   \n\t ", b"\x00\x01\xff" * 300])
def test_empty_page_gives_an_empty_record_not_an_exception(body: bytes) -> None:
    record = extract_article(body, "https://x.example/a/1234567")
    assert record["body"] == "" and record["title"] is None
    assert record["url"] == "https://x.example/a/1234567"


def test_windows_1256_page() -> None:
    text = ("<html><head><meta charset='windows-1256'></head><body>"
            "<h1>عنوان الخبر باللغة العربية</h1><div class='article-body'>"
            f"<p>{'هذا نص عربي مكتوب بترميز ويندوز. ' * 12}</p></div></body></html>")
    record = extract_article(text.encode("cp1256"), "https://x.example/a/1234567")
    assert record["title"] == "عنوان الخبر باللغة العربية"
    assert "\ufffd" not in record["body"] and "ترميز ويندوز" in record["body"]


def test_content_hash_ignores_arabic_spelling_variants() -> None:
    from newscrawl.dedup import content_hash

    assert content_hash("أعلنت الوزارة، اليوم.") == content_hash("اعلنت  الوزاره اليوم")
    assert content_hash("أعلنت الوزارة") != content_hash("أعلنت الشركة")
    assert normalize_arabic("إقرأ أيضاً") == normalize_arabic("اقرا ايضا")


def test_text_without_p_tags_is_read_by_lines() -> None:
    line = "سطر من نص الخبر مكتوب بلا وسوم فقرات كما تفعل بعض المواقع القديمة"
    page = (f"<html><body><h1>خبر من موقع قديم بلا فقرات</h1><div class='entry-content'>"
            f"{line} 1<br>{line} <b>2</b> تكملة<br><br><div>{line} 3</div>{line} 4</div>"
            "</body></html>")
    record = extract_article(page, "https://old.example/news.php?id=1234567")
    assert record["body"].split("\n") == [f"{line} 1", f"{line} 2 تكملة", f"{line} 3",
                                          f"{line} 4"]


def test_home_page_canonical_and_jsonld_oddities_are_not_trusted() -> None:
    body = "".join(f"<p>{'فقرة من نص الخبر الطويل نسبيا. ' * 8}{i}</p>" for i in range(4))
    page = ('<html><head><link rel="canonical" href="/">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            '"وزير الخارجية السعودي : المحادثات مستمرة", "image": {"@id": "#primaryimage"}, '
            '"articleBody": ["سطر أول", "سطر ثان"], "datePublished": '
            '"2025-04-05T10:00:00+25:00"}</script>'
            '<script type="application/ld+json">{"@type": "WebSite", "name": "موقع"}</script>'
            f"</head><body><div class='article-body'>{body}</div></body></html>")
    record = extract_article(page, "https://x.example/world/talks-continue-today-x")
    assert record["canonical_url"] == "https://x.example/world/talks-continue-today-x"
    assert record["title"] == "وزير الخارجية السعودي : المحادثات مستمرة"
    assert record["image"] is None
    assert record["published_at"] == "2025-04-05"  # impossible offset: the day only
    assert len(record["body"].split("\n")) == 4


def test_one_path_from_response_to_article() -> None:
    html, url, expected = seed_page("almnatiq_article")
    # HTML served with the wrong type is read all the same, and counted.
    for ctype in ("text/html; charset=utf-8", "text/plain", "application/octet-stream", None):
        page = page_article(html, url, ctype)
        assert page.article is not None and page.kind is not None and page.kind.is_article, ctype
        assert page.article.title == expected["title"], ctype
        assert ("pages/mislabeled_html" in page.counters) == (
            ctype in ("text/plain", "application/octet-stream")), ctype
    # What is not a page is a counted skip with its reason.
    assert page_article(b"  \n", url, "text/html").skipped == "empty_body"
    assert page_article(b"just words, no markup", url, "text/plain").skipped == "not_html"
    assert page_article(b"\x89PNG\r\n\x1a\n" + b"\x00" * 600, url, "text/html").skipped \
        == "not_html"

    def broken(*args: object, **kwargs: object) -> tuple:
        raise RuntimeError("boom")

    page = page_article(html, url, "text/html", extractor=broken)
    assert page.skipped == "extract_error" and "boom" in page.detail


def test_min_article_chars_decides_thin_pages() -> None:
    prose = "نص الخبر في فقرة واحدة متوسطة الطول تكفي لمقال قصير جدا في الموقع. " * 5
    html = (f"<html><body><h1>عنوان الخبر القصير</h1><div class='story'><p>{prose}</p>"
            "</div></body></html>").encode()
    url = "https://x.example/news/2025/04/05/short-item/"
    assert page_article(html, url, "text/html", min_chars=250).kind.is_article
    thin = page_article(html, url, "text/html", min_chars=2000).kind
    assert thin is not None and thin.kind == "thin"


PERSIAN_PAGE = """<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>افتتاح کتابخانه عمومی جدید در مرکز شهر - خبرگزاری نمونه</title></head><body>
<nav><a href="/">صفحه اصلی</a> | <a href="/culture">فرهنگی</a></nav>
<article><h1>افتتاح کتابخانه عمومی جدید در مرکز شهر</h1>
<div class="k1">کد خبر: ۸۴۵۶۲۱۳</div>
<div class="k2">تاریخ انتشار: شنبه ۱۲ آبان ۱۴۰۳ ساعت ۱۰:۳۰</div>
<div class="k3">۱۲۳۴ بازدید</div>
<p>{p1}</p><p>{p2}</p>
<div class="k4"><b>بیشتر بخوانید:</b> <a href="/news/1">برگزاری نمایشگاه کتاب در پایتخت</a></div>
<p>{p3}</p>
<div class="k5">منبع: خبرگزاری نمونه</div>
<div class="k6">برچسب‌ها: <a href="/tag/1">کتابخانه</a> <a href="/tag/2">فرهنگ</a></div>
<div class="k7"><h3>اخبار مرتبط</h3><ul><li><a href="/n/2">بازگشایی موزه ملی پس از بازسازی</a></li>
<li><a href="/n/3">جشنواره فیلم کوتاه در هفته آینده برگزار می‌شود</a></li></ul></div>
<div class="k8"><h3>نظرات</h3><p>ارسال نظر</p></div>
</article></body></html>"""
PERSIAN_PARAGRAPHS = [
    "به گزارش خبرگزاری نمونه، کتابخانه عمومی جدید شهر با حضور شهردار و جمعی از مسئولان "
    "فرهنگی امروز افتتاح شد و از هفته آینده به روی عموم باز خواهد بود.",
    "این کتابخانه در زمینی به مساحت سه هزار متر مربع ساخته شده و بیش از پنجاه هزار جلد "
    "کتاب در موضوعات مختلف در اختیار مراجعه‌کنندگان قرار می‌دهد.",
    "به گفته شهردار، بخش ویژه‌ای برای کودکان و نوجوانان در نظر گرفته شده و برنامه‌های "
    "کتاب‌خوانی هفتگی نیز در آن برگزار خواهد شد.",
]


def test_a_persian_page_keeps_its_spelling_and_loses_its_furniture() -> None:
    # Written for the test: the furniture a Persian news page prints, in boxes whose
    # class names say nothing.
    p1, p2, p3 = PERSIAN_PARAGRAPHS
    record = extract_article(PERSIAN_PAGE.format(p1=p1, p2=p2, p3=p3),
                             "https://news.example.ir/fa/news/8456213/x")
    # The zero-width non-joiner is Persian spelling ('می‌دهد'), kept in the text.
    assert record["body"].split("\n") == PERSIAN_PARAGRAPHS
    assert record["published_at"].startswith("2024-11-02T10:30")  # 12 Aban 1403
    assert record["source"] == "خبرگزاری نمونه"
    assert [r["title"] for r in record["related"]] == [
        "برگزاری نمایشگاه کتاب در پایتخت", "بازگشایی موزه ملی پس از بازسازی",
        "جشنواره فیلم کوتاه در هفته آینده برگزار می‌شود"]


@pytest.mark.parametrize("paragraph", [
    "بتاريخ 12 مارس 2019 صدر الحكم الابتدائي بسجن المتهمين عشر سنوات.",
    "Published reports on March 3, 2021 said the talks had failed.",
])
def test_a_paragraph_opening_with_a_date_label_is_not_the_page_date(paragraph: str) -> None:
    page = (f"<html><body><article><h1>حكم جديد في قضية الفساد الكبرى</h1><p>{PARAS[0]}</p>"
            f"<p>{paragraph}</p><div>شائعات انتشرت يوم 3 يناير 2022</div>"
            f"<p>{PARAS[1]}</p></article></body></html>")
    record = extract_article(page, "https://example.com/news/2024/05/01/verdict")
    assert record["published_at"] == "2024-05-01"
    labelled = page.replace("<div>شائعات", '<div class="k">نشر في: 5 مايو 2024</div><div>شائعات')
    assert extract_article(labelled, "https://example.com/news/2024/05/01/verdict")[
        "published_at"] == "2024-05-05"


def test_tags_and_authors_spelled_with_and_without_a_joiner_are_one() -> None:
    from newscrawl.fields import sane_authors, sane_tags

    assert sane_tags(["کتاب\u200cخوانی", "کتابخوانی", "فرهنگ"], "عنوان") == [
        "کتاب\u200cخوانی", "فرهنگ"]
    assert sane_authors(["علی\u200cرضا احمدی", "علیرضا احمدی"]) == ["علی\u200cرضا احمدی"]


def _story(title: str, paragraphs: list[str]) -> str:
    return f"<article><h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + \
        "</article>"


NEXT_STORY = [
    "أعلن الاتحاد المحلي لكرة القدم اليوم جدول مباريات الموسم الجديد الذي ينطلق مطلع الشهر "
    "المقبل بمشاركة ستة عشر فريقا من مختلف المحافظات.",
    "وقال رئيس الاتحاد إن الموسم سيشهد تطبيق تقنية الفيديو للمرة الأولى في جميع المباريات، "
    "بعد تجربتها بنجاح في بطولة الكأس الموسم الماضي.",
    "وأضاف أن الاتحاد خصص جوائز مالية أكبر للفرق الثلاثة الأولى، إلى جانب دعم الأندية "
    "الصغيرة في تجهيز ملاعبها وفق المعايير الجديدة.",
]


def test_the_next_stories_an_endless_page_appends_are_not_the_article() -> None:
    # Infinite scroll: the page's story and, below it, the next one, each an <article>
    # with its own <h1>, in one <main>; the next one is even longer.
    title = "استئناف المحادثات في القاهرة وسط أجواء إيجابية"
    own = [*PARAS, "ومن المتوقع أن تستمر الجولة ثلاثة أيام، يصدر في ختامها بيان مشترك يحدد "
                   "موعد الجولة المقبلة ومكان انعقادها."]
    page = (f'<html><head><meta property="og:title" content="{title}"></head><body><main>'
            f"{_story(title, own)}{_story('الاتحاد يعلن جدول الموسم الجديد', NEXT_STORY * 2)}"
            "</main></body></html>")
    assert extract_article(page, "https://example.com/news/1")["body"].split("\n") == own
    # Entries of a live blog (short, each with its <h1>) are one page: nothing narrowed.
    entries = "".join(_story(f"{title} {i}" if i else title, [NEXT_STORY[i]])
                      for i in range(3))
    blog = page.replace(page[page.index("<main>"):], f"<main>{entries}</main></body></html>")
    assert extract_article(blog, "https://example.com/news/1")["body"].split("\n")[-1] == \
        NEXT_STORY[2]


def test_teaser_cards_with_headings_do_not_narrow_the_article() -> None:
    # The article is not an <article>; cards of other stories below it are, each with an
    # <h1>: no card is the page's story, so the body stays the article.
    title = "استئناف المحادثات في القاهرة وسط أجواء إيجابية"
    cards = "".join(f"<article><h1>عنوان قصة أخرى {i}</h1><p>ملخص قصير</p></article>"
                    for i in range(3))
    page = (f"<html><head><title>{title}</title></head><body><main><h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in PARAS) + f"<section>{cards}</section>"
            "</main></body></html>")
    assert set(PARAS) <= set(extract_article(page, "https://example.com/news/1")["body"]
                             .split("\n"))


def test_a_card_whose_heading_extends_the_headline_does_not_take_the_body() -> None:
    # The page's <h1> is outside every <article>; below the article, cards of related
    # stories with long summaries, one headed by the page's headline plus a place.
    title = "أسعار الذهب اليوم"
    cards = (_story(f"{title} في الأسواق المجاورة", NEXT_STORY)
             + _story("سعر الدولار في البنوك", NEXT_STORY))
    page = (f'<html><head><meta property="og:title" content="{title}"></head><body><main>'
            f"<h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in PARAS)
            + f"<section>{cards}</section></main></body></html>")
    body = extract_article(page, "https://example.com/news/1")["body"].split("\n")
    assert body[:3] == PARAS


def test_an_article_element_around_only_the_header_does_not_take_the_body() -> None:
    # The <article> holds the headline and a long deck; the paragraphs follow it in their
    # own box; a card of another story below is an <article> with an <h1> too.
    title = "استئناف المحادثات في القاهرة وسط أجواء إيجابية"
    deck = "جولة جديدة بعد توقف دام أكثر من شهرين، وسط تفاؤل حذر من الوسطاء. " * 4
    page = (f'<html><head><meta property="og:title" content="{title}"></head><body><main>'
            f"<article><h1>{title}</h1><p>{deck}</p></article><div>"
            + "".join(f"<p>{p}</p>" for p in PARAS)
            + f"</div>{_story('الاتحاد يعلن جدول الموسم الجديد', NEXT_STORY)}"
            "</main></body></html>")
    body = extract_article(page, "https://example.com/news/1")["body"].split("\n")
    assert set(PARAS) <= set(body)
