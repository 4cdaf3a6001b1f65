"""Boilerplate stripping, DOM level and text level: vocabularies in every spelling."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

from newscrawl.cleaning import clean_text, split_glued_related
from newscrawl.extraction import extract_article

PROSE = ("أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية واسعة للتطعيم في المدارس الحكومية "
         "والخاصة، تستمر ثلاثة أسابيع وتشمل جميع المراحل الدراسية في مختلف المناطق.")
PROSE2 = ("وأوضح المتحدث باسم الوزارة أن الفرق الطبية ستزور المدارس وفق جدول زمني معلن، "
          "داعيا أولياء الأمور إلى التعاون مع الكوادر الصحية لضمان نجاح الحملة.")
RELATED_TITLE = "وزير التعليم يفتتح مدرسة جديدة في العاصمة بحضور عدد من المسؤولين"


def page(inner: str) -> str:
    """An article page whose body holds `inner` between two prose paragraphs."""
    return (f"<html lang='ar'><body><article><h1>حملة وطنية للتطعيم في المدارس</h1>"
            f"<div class='entry-content'><p>{PROSE}</p>{inner}<p>{PROSE2}</p></div>"
            "</article></body></html>")


def record(inner: str) -> dict:
    return extract_article(page(inner), "https://x.example/2025/04/05/vaccination/")


def test_seed_text_dump() -> None:
    expected = json.loads((FIXTURES / "seed" / "seed.expected.json").read_text("utf-8"))
    result = clean_text((FIXTURES / "seed" / "seed.txt").read_text("utf-8"))
    assert result["title"] == expected["title"]
    assert result["published_at"] == expected["published_date"]
    assert result["body"].split("\n") == expected["body_paragraphs"]
    assert result["source"] == expected["source"]
    assert " ".join(result["tags"]) == expected["tags_text"]
    assert [r["title"] for r in result["related"]] == expected["related_titles"]
    for phrase in expected["body_must_not_contain"]:
        assert phrase not in result["body"], phrase


@pytest.mark.parametrize("heading", [
    "اقرأ أيضاً", "إقرأ أيضاً", "اقرا ايضا", "اقرأ أيضًا", "إقرأ أيضا", "اقـرأ أيـضـاً",
    "شاهد أيضاً", "أخبار ذات صلة", "أخبار متعلقة", "مواضيع ذات صلة", "أخبار قد تهمك",
    "الأكثر قراءة", "اقرأ المزيد", "Read also", "Related articles", "\u200fاقرأ أيضاً:",
])
def test_related_blocks_in_every_spelling(heading: str) -> None:
    rec = record(f"<div><h3>{heading}</h3><ul><li><a href='/a/77777'>{RELATED_TITLE}</a>"
                 "</li></ul></div>")
    assert rec["body"].split("\n") == [PROSE, PROSE2]
    assert rec["related"] == [{"title": RELATED_TITLE, "url": "https://x.example/a/77777"}]


@pytest.mark.parametrize("line", [
    f"اقرأ أيضاً: <a href='/a/77777'>{RELATED_TITLE}</a>",
    f"<strong>إقرأ أيضا:</strong> <a href='/a/77777'>{RELATED_TITLE}</a>",
    f"اقرأ كذلك: <a href='/a/77777'>{RELATED_TITLE}</a>",
])
def test_one_line_read_also_paragraphs(line: str) -> None:
    rec = record(f"<p>{line}</p>")
    assert rec["body"].split("\n") == [PROSE, PROSE2]
    assert [r["title"] for r in rec["related"]] == [RELATED_TITLE]


@pytest.mark.parametrize("heading", ["كلمات دلالية", "الكلمات المفتاحية", "الوسوم", "وسوم",
                                     "Tags"])
def test_tag_blocks_become_tags(heading: str) -> None:
    rec = record(f"<div><span>{heading}:</span> <a href='/t/1'>الصحة</a> "
                 "<a href='/t/2'>التطعيم</a> <a href='/t/1'>الصحة</a></div>")
    assert rec["body"].split("\n") == [PROSE, PROSE2]
    assert rec["tags"] == ["الصحة", "التطعيم"]


@pytest.mark.parametrize(("line", "source"), [
    ("المصدر: الأسبوع", "الأسبوع"), ("المصدر : وكالة الأنباء السعودية", "وكالة الأنباء السعودية"),
    ("<strong>المناطق_واس</strong>", "واس"), ("(رويترز)", "رويترز"),
    ("القاهرة - أ ش أ", "أ ش أ"), ("الكويت - كونا", "كونا"), ("دمشق-سانا", "سانا"),
    ("أبوظبي - وام", "وام"),
])
def test_source_lines_and_datelines(line: str, source: str) -> None:
    where = "before" if "المصدر" not in line else "after"
    inner = f"<p>{line}</p>"
    html = page(inner) if where == "after" else page("").replace(
        f"<p>{PROSE}</p>", f"<p>{line}</p><p>{PROSE}</p>")
    rec = extract_article(html, "https://x.example/2025/04/05/vaccination/")
    assert rec["source"] == source
    assert rec["body"].split("\n") == [PROSE, PROSE2]


@pytest.mark.parametrize("inner", [
    "<div class='share-buttons'><span>شارك الخبر:</span> <a href='#'>فيسبوك</a></div>",
    "<div class='newsletter'><h3>النشرة البريدية</h3><form><input></form></div>",
    "<div id='comments'><h3>التعليقات</h3><p>تعليق قارئ غاضب جدا على الخبر</p></div>",
    "<div class='author-box'><p>محرر صحفي متخصص في الشؤون الصحية منذ عشرين عاما</p></div>",
    "<figure><img src='a.jpg'><figcaption>صورة أرشيفية من حملة سابقة للتطعيم</figcaption>"
    "</figure>",
    "<div class='breaking-ticker'><span>عاجل</span> <a href='/x'>خبر عاجل آخر هنا</a></div>",
    "<p>تابعونا على</p>",
    "<p>(صورة أرشيفية)</p>",
    "<p>الصورة: رويترز</p>",
])
def test_share_newsletter_comments_author_caption_ticker(inner: str) -> None:
    assert record(inner)["body"].split("\n") == [PROSE, PROSE2]


def test_lookalike_phrases_in_running_text_stay() -> None:
    quote = ("وقال المصدر إن على الجميع أن يقرأ التعليمات جيدا، وأضاف: اقرأ أيضاً ما نشرته "
             "الوزارة أمس قبل التوجه إلى المدرسة، فالمعلومات هناك مفصلة وواضحة للجميع.")
    rec = record(f"<p>{quote}</p>")
    assert quote in rec["body"].split("\n")
    assert rec["related"] == []


def test_glued_heading_and_glued_related_box_are_split() -> None:
    glued = ("وأكدت الوزارة أن الحملة مجانية. أخبار قد تهمك " + RELATED_TITLE +
             " 4 أبريل 2025 - 7:57 مساءً الصحة تطلق تطبيقا جديدا للمواعيد 4 أبريل 2025 - 6:36 "
             "مساءًوشددت الوزارة على أهمية الالتزام بالمواعيد المحددة لكل مدرسة.")
    parts, titles = split_glued_related(glued)
    assert titles == [RELATED_TITLE, "الصحة تطلق تطبيقا جديدا للمواعيد"]
    assert parts == ["وأكدت الوزارة أن الحملة مجانية.",
                     "وشددت الوزارة على أهمية الالتزام بالمواعيد المحددة لكل مدرسة."]
    rec = record(f"<p>{glued}</p>")
    assert "مساءً" not in rec["body"] and "أخبار قد تهمك" not in rec["body"]
    assert "وشددت الوزارة على أهمية الالتزام بالمواعيد المحددة لكل مدرسة." in rec["body"]
    text = clean_text(f"عنوان الخبر هنا\n{PROSE}\nاقرأ أيضاً{RELATED_TITLE}\n{PROSE2}")
    assert text["body"].split("\n") == [PROSE, PROSE2]
    assert [r["title"] for r in text["related"]] == [RELATED_TITLE]


def test_interface_lines_from_english_pages() -> None:
    prose = ("The ministry said the campaign would run for three weeks across all public "
             "and private schools, covering every grade in every region of the country.")
    html = (f"<html><body><article><h1>Campaign starts in schools</h1><p>{prose}</p>"
            "<p>Share</p><p>You may also like</p><p>Copyright © 2025 Example News. "
            "All rights reserved.</p></article></body></html>")
    rec = extract_article(html, "https://x.example/2025/04/05/campaign-starts-today/")
    assert rec["body"] == prose


def test_ad_labels_in_any_language_are_not_article_text() -> None:
    # The label over an ad slot, alone on its line, in the page's language; a sentence
    # that opens with the same word stays.
    prose = ("The ministry said the campaign would run for three weeks across all public "
             "and private schools, covering every grade in every region of the country.")
    labels = ["REKLAM", "Anzeige", "إعلان", "广告", "Publicidad", "Quảng cáo"]
    html = ("<html><body><article><h1>Campaign starts in schools</h1>"
            + "".join(f"<p>{prose}</p><div>{label}</div>" for label in labels)
            + "<p>Quảng cáo trực tuyến tăng mạnh trong năm nay theo báo cáo mới.</p>"
            "</article></body></html>")
    rec = extract_article(html, "https://x.example/2025/04/05/campaign-starts-today/")
    assert rec["body"].split("\n") == [prose] * len(labels) + [
        "Quảng cáo trực tuyến tăng mạnh trong năm nay theo báo cáo mới."]


@pytest.mark.parametrize("para", [
    "شارك في المؤتمر أكثر من 500 شخص من عشرين دولة عربية.",
    "مشاركة واسعة في الانتخابات البلدية.",
    "Shares fell 5% on Monday.",
    "<strong>المزيد</strong> من التفاصيل ستعلنها الوزارة خلال مؤتمر صحفي يعقد غدا.",
    "<b>الأكثر قراءة</b> بين الطلاب كانت كتب التاريخ هذا العام بحسب استطلاع المكتبة.",
    "التعليقات التي أدلى بها الوزير أثارت جدلا واسعا.",
])
def test_short_paragraphs_that_start_like_boilerplate_stay(para: str) -> None:
    rec = record(f"<p>{para}</p>")
    assert len(rec["body"].split("\n")) == 3, rec["body"]


@pytest.mark.parametrize("line", [
    f"اقرأ أيضاًبعد {RELATED_TITLE}",
    f"اقرأ أيضاً <a href='/a/77777'>{RELATED_TITLE}</a>",
    f"اقرأ أيضا.. <a href='/a/77777'>{RELATED_TITLE}</a>",
    f"Also read: <a href='/a/77777'>{RELATED_TITLE}</a>",
])
def test_read_also_lines_without_a_colon(line: str) -> None:
    rec = record(f"<p>{line}</p>")
    assert rec["body"].split("\n") == [PROSE, PROSE2]
    assert len(rec["related"]) == 1 and RELATED_TITLE in rec["related"][0]["title"]


def test_tag_line_in_a_paragraph() -> None:
    rec = record("<p>كلمات دلالية: <a href='/t/1'>زراعة</a> <a href='/t/2'>مياه</a></p>")
    assert rec["body"].split("\n") == [PROSE, PROSE2]
    assert rec["tags"] == ["زراعة", "مياه"]


def test_clean_text_keeps_the_article_on_other_dump_shapes() -> None:
    title = "حملة وطنية للتطعيم في المدارس"
    # Tags right after the title, a mid-article photo credit, a one-line read-also.
    dump = "\n".join([title, "كلمات دلالية: صحة تطعيم", PROSE, "المصدر: رويترز",
                      f"اقرأ أيضاً: {RELATED_TITLE}", "وتستمر الحملة حتى نهاية الشهر",
                      PROSE2])
    result = clean_text(dump)
    assert result["body"].split("\n") == [PROSE, "وتستمر الحملة حتى نهاية الشهر", PROSE2]
    assert [r["title"] for r in result["related"]] == [RELATED_TITLE]
    assert result["tags"] == ["صحة تطعيم"] and result["source"] == "رويترز"
    # A body sentence that starts with بتاريخ is not the date line.
    sentence = ("بتاريخ 5 أبريل 2025 افتتح الوزير مستشفى جديدا في العاصمة بسعة مئتي سرير، "
                "وقال إن المستشفى سيخدم أكثر من نصف مليون نسمة في الأحياء الجنوبية.")
    result = clean_text("\n".join([title, PROSE, sentence]))
    assert result["body"].split("\n") == [PROSE, sentence]


def test_glued_box_splitter_needs_whole_words_and_dated_items() -> None:
    line = ("وقال إن كل الأخبار ذات صلة بملف سد النهضة صدرت في 5 مايو 2024 - 10:00 صباحا "
            "وسيتم نشر المزيد لاحقا.")
    assert split_glued_related(line) == ([line], [])
    numeric = f"نص الخبر. أخبار ذات صلة {RELATED_TITLE} 04/04/2025 - 7:57 م وتابع الوزير حديثه."
    assert split_glued_related(numeric) == (["نص الخبر.", "وتابع الوزير حديثه."],
                                            [RELATED_TITLE])
