"""Edges of the body and the short fields: what opens or closes a body, and sane tags,
authors and source."""

from __future__ import annotations

import json

import pytest
from conftest import TALKS_PARAS

from newscrawl.edges import edge_kind, trim_edges
from newscrawl.extraction import extract_article
from newscrawl.fields import sane_authors, sane_source, sane_tags

TITLE = "استئناف المحادثات في القاهرة وسط أجواء إيجابية بعد توقف دام شهرين"
PARAS = TALKS_PARAS


@pytest.mark.parametrize(("line", "kind"), [
    (TITLE, "headline"),
    ("5 أبريل 2025 - 10:14 صباحًا", "stamp"),
    ("منذ ساعتين", "stamp"),
    ("17:41 JST, October 13, 2024", "stamp"),
    ("Updated 5:30 PM GMT, Mon 3 March 2025", "stamp"),
    ("1,234 مشاهدة", "counter"),
    ("Comments (3)", "counter"),
    ("(أبوظبي - البيان)", "dateline"),
    ("الرياض - واس", "dateline"),
    ("(صورة: رويترز)", "caption"),
    ("A minister speaks at the summit (Image: Getty)", "caption"),
    ("بقلم: محمد العتيبي", "byline"),
    ("التاريخ: 03 يونيو 2020", "stamp"),
    ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "stamp"),
    ("طباعة Email فيسبوك تويتر لينكدين Pin Interest Whats App", "share"),
    ("--(بترا)", "dateline"),
    ("By Jane Doe, Cairo correspondent", "byline"),
    (PARAS[0], None),
    ("تقرير وزاري يحذر من موسم صعب", None),
    ("إعدادات الخصوصية الجديدة", None),
    ("Bystanders fled the scene", None),
    ("تقرير: سارة أحمد", "byline"),
    ("5%", None),
    ("1.25%", None),  # a rate, not the clock '1.25'
    ("٪1.25", None),
    ("2025", None),
    ("منذ 1990", None),
    ("وقال الوزير إن الحكومة ستبدأ العمل في 5 أبريل 2025.", None),
    ("By the end of the week the talks had ended without a deal.", None),
    # Persian and Urdu pages
    ("کد خبر: ۸۴۵۶۲۱۳", "reference"),
    ("Article ID: 20931", "reference"),
    ("تاریخ انتشار: شنبه ۱۲ آبان ۱۴۰۳ ساعت ۱۰:۳۰", "stamp"),
    ("۱۲۳۴ بازدید", "counter"),
    ("اشتراک گذاری تلگرام واتساپ توییتر", "share"),
    ("الرقم: 12", None),  # a short number is no story reference
    ("وقال: 2025", None),
    ("إجمالي الإصابات: 123456", None),  # a figure of the story, not its number
    ("الخط الساخن: 16000", None),
])
def test_edge_kinds(line: str, kind: str | None) -> None:
    assert edge_kind(line, TITLE) == kind


def test_edges_are_trimmed_only_at_the_ends_and_stamps_inside_stay() -> None:
    lines = ["القاهرة - أ ش أ", "5 أبريل 2025 - 10:14 صباحًا", PARAS[0], "1,234 مشاهدة",
             PARAS[1], PARAS[2], "(صورة: رويترز)", "منذ ساعتين"]
    kept, agency = trim_edges(lines, TITLE)
    assert kept == [PARAS[0], "1,234 مشاهدة", PARAS[1], PARAS[2]]
    assert agency == "أ ش أ"
    assert trim_edges(PARAS, TITLE) == (PARAS, None)
    # Inside the body a stamp-shaped line is article text: a schedule's kick-off times.
    schedule = [PARAS[0], "الساعة 20:00", PARAS[1], "الساعة 17:30", PARAS[2]]
    assert trim_edges(schedule, TITLE) == (schedule, None)


def page(head: str = "", before: str = "", after: str = "") -> str:
    return (f"<html lang='ar'><head><title>{TITLE}</title>{head}</head><body><article>"
            f"<h1>{TITLE}</h1><div class='story'>{before}"
            + "".join(f"<p>{p}</p>" for p in PARAS) + f"{after}</div></article></body></html>")


def test_extraction_drops_edge_lines_and_keeps_the_agency_as_source() -> None:
    record = extract_article(page(before=f"<p>{TITLE}</p><p>(دبي - وام)</p>"
                                  "<p>5 أبريل 2025 - 10:14 صباحًا</p>",
                                  after="<p>منذ 3 ساعات</p><p>2,561 قراءة</p>"),
                             "https://x.example/world/2025/04/05/talks/", fallback=False)
    assert record["body"].split("\n") == PARAS
    assert record["source"] == "وام"


def test_tags_never_hold_the_headline() -> None:
    pieces = "الاحتلال الإسرائيلي قتل أكثر من 17952 طفلًا"
    title = f"الخارجية الفلسطينية: {pieces} خلال العدوان على غزة"
    assert sane_tags([title, pieces, "غزة", "غزة", "الأطفال"], title) == ["غزة", "الأطفال"]
    # A keywords meta made by cutting the headline into words is no tag list either.
    cut = "طهران تدفن «زادة».. وتتهم المعارضة"
    assert sane_tags(["طهران", "تدفن", "«زادة»..", "وتتهم", "المعارضة"], cut) == []
    # Real tags are often words of the headline: they stay.
    assert sane_tags(["الصحة", "التطعيم", "السعودية", "حملة"],
                     "الصحة تطلق حملة التطعيم في السعودية") == ["الصحة", "التطعيم", "السعودية",
                                                               "حملة"]
    # A keywords meta that repeats the headline gives no tags.
    record = extract_article(page(head=f"<meta name='keywords' content='{TITLE}'>"),
                             "https://x.example/world/2025/04/05/talks/", fallback=False)
    assert record["tags"] == []
    record = extract_article(page(head="<meta name='keywords' content='القاهرة، المحادثات'>"),
                             "https://x.example/world/2025/04/05/talks/", fallback=False)
    assert record["tags"] == ["القاهرة", "المحادثات"]


def test_authors_never_hold_a_dateline() -> None:
    assert sane_authors(["(أبوظبي - البيان)", "الرياض - واس", "5 أبريل 2025",
                         "محمد العتيبي", "Reuters", "محمد العتيبي"]) == ["محمد العتيبي", "Reuters"]
    # A byline's trailing city is not part of the name; the site's name is no author.
    assert sane_authors(["حسام أبو العلا - القاهرة", "akhbarelyom"], "akhbarelyom.com") \
        == ["حسام أبو العلا"]
    ld = json.dumps({"@type": "NewsArticle", "headline": TITLE,
                     "author": [{"name": "(أبوظبي - البيان)"}, {"name": "سارة أحمد"}]},
                    ensure_ascii=False)
    record = extract_article(page(head=f"<script type='application/ld+json'>{ld}</script>"),
                             "https://x.example/world/2025/04/05/talks/", fallback=False)
    assert record["authors"] == ["سارة أحمد"]


def test_source_never_holds_a_date() -> None:
    assert sane_source("الأسبوع - 5 أبريل 2025") == "الأسبوع"
    assert sane_source("5 أبريل 2025 - 10:14 صباحًا") is None
    assert sane_source("واس") == "واس"
    assert sane_source("(أبوظبي - البيان)") == "البيان"
    record = extract_article(page(after="<p>المصدر: الأسبوع - 5 أبريل 2025</p>"),
                             "https://x.example/world/2025/04/05/talks/", fallback=False)
    assert record["source"] == "الأسبوع"
    assert record["body"].split("\n") == PARAS
