"""Script-rendered pages: the article is read from the state the page's scripts hydrate
from when the markup holds none of it."""

from __future__ import annotations

import json

from conftest import TALKS_PARAS
from lxml import html

from newscrawl.extraction import extract_article
from newscrawl.hydration import state_lines

URL = "https://x.example/world/2025/04/05/talks-resume-in-cairo/"
TITLE = "استئناف المحادثات في القاهرة وسط أجواء إيجابية"
PARAS = [*TALKS_PARAS, "وأشار المصدر إلى أن الوفود ستواصل اجتماعاتها غدًا في العاصمة "
         "المصرية، على أن يصدر بيان مشترك في ختام الجولة يحدد موعد الجولة المقبلة."]
CAPTION = "الوفود المشاركة في المحادثات (صورة أرشيفية)"
OTHER = ("يحدد هذا النص شروط استخدام الموقع وسياسة الخصوصية وملفات تعريف الارتباط، "
         "ويجب على الزوار قراءته بعناية قبل التسجيل أو التعليق على أي محتوى منشور. ") * 6


def content_html(paras: list[str]) -> str:
    return (f"<div class='caption'><p>{CAPTION}</p></div>"
            + "".join(f"<p class='editor-p'>{p}</p>" for p in paras))


def page(script: str, markup: str = "<div id='__next'></div>") -> str:
    return (f"<html lang='ar'><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            f"{markup}{script}</body></html>")


def next_data(**article: object) -> str:
    state = {"props": {"pageProps": {"article": {"title": TITLE, **article}}}}
    return ("<script id='__NEXT_DATA__' type='application/json'>"
            f"{json.dumps(state, ensure_ascii=False)}</script>")


def test_an_empty_page_reads_its_article_from_next_data() -> None:
    record = extract_article(page(next_data(contentHtml=content_html(PARAS))), URL,
                             fallback=False)
    assert record["body"].split("\n") == PARAS  # the caption's box is left out


def test_state_pushed_by_a_script_is_read_too() -> None:
    state = {"queries": [{"data": {"detail": {"title": TITLE, "body": "\n".join(PARAS),
                                              "id": 7}}}]}
    script = ("<script>window.q = window.q || []; window.q.push("
              f"{json.dumps(state, ensure_ascii=False)});</script>")
    assert extract_article(page(script), URL, fallback=False)["body"].split("\n") == PARAS


def test_a_long_text_about_something_else_is_not_the_article() -> None:
    # A policy text under 'text' shares none of the headline's words.
    assert extract_article(page(next_data(text=OTHER)), URL, fallback=False)["body"] == ""


def test_the_page_markup_wins_when_it_holds_the_article() -> None:
    markup = "<article>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</article>"
    state = next_data(contentHtml=content_html([*PARAS, PARAS[0] + " " + PARAS[1]]))
    record = extract_article(page(state, markup), URL, fallback=False)
    assert record["body"].split("\n") == PARAS


def test_a_teaser_gives_way_only_to_a_state_that_holds_it() -> None:
    markup = f"<article><p>{PARAS[0]}</p></article>"
    full = extract_article(page(next_data(contentHtml=content_html(PARAS)), markup), URL,
                           fallback=False)
    assert full["body"].split("\n") == PARAS
    other = extract_article(page(next_data(contentHtml=content_html(PARAS[1:] * 2)), markup),
                            URL, fallback=False)
    assert other["body"] == PARAS[0]


def test_only_the_object_that_names_the_headline_gives_the_body() -> None:
    # A section page whose state leads with one story, a brief whose state relates another
    # story, and a body split into paragraph blocks: none names the page's headline.
    lead = {"props": {"section": {"title": "اقتصاد", "stories": [
        {"title": "البورصة تغلق على ارتفاع", "body": "\n".join(PARAS)},
        {"title": "أسعار الذهب", "summary": PARAS[0]}]}}}
    related = {"article": {"title": TITLE, "body": "موجز قصير.",
                           "related": [{"title": "قصة أخرى", "body": "\n".join(PARAS)}]}}
    blocks = {"globalContent": {"headlines": {"basic": TITLE}, "content_elements": [
        {"type": "text", "content": p * 3} for p in PARAS]}}
    for state in (lead, related, blocks):
        script = ("<script type='application/json'>"
                  f"{json.dumps(state, ensure_ascii=False)}</script>")
        assert extract_article(page(script), URL, fallback=False)["body"] == "", state


def test_a_follow_up_whose_title_extends_the_headline_is_not_the_article() -> None:
    # The second review's cases: a longer related story titled "<headline>, but …" beside
    # the article's own body string, or beside an own body of paragraph blocks.
    other = [p.replace("استؤنفت", "انهارت") for p in PARAS] * 2
    follow = {"title": TITLE + " لكن العقبات باقية", "body": "\n".join(other)}
    own = {"title": TITLE, "body": "\n".join(PARAS), "related": [follow]}
    blocks = {"title": TITLE, "body": [{"type": "text", "text": p} for p in PARAS],
              "related": [follow]}
    for article, expected in ((own, PARAS), (blocks, [""])):
        script = ("<script type='application/json'>"
                  f"{json.dumps({'article': article}, ensure_ascii=False)}</script>")
        assert extract_article(page(script), URL, fallback=False)["body"].split("\n") \
            == expected


def test_a_section_label_or_site_name_headline_takes_no_widget() -> None:
    # The page's <h1> is a section label (og:title names the story); or the only title is
    # the site's name, which its site object carries.
    widget = {"title": "أخبار العالم", "html": "<ul>" + "".join(
        f"<li><a href='/n/{n}'>أخبار العالم: {p}</a></li>" for n, p in enumerate(PARAS * 2))
        + "</ul>"}
    script = ("<script type='application/json'>"
              f"{json.dumps({'widgets': [widget]}, ensure_ascii=False)}</script>")
    html = (f"<html><head><meta property='og:title' content='{TITLE}'></head><body><main>"
            f"<h1>أخبار العالم</h1><div id='__next'></div></main>{script}</body></html>")
    assert extract_article(html, URL, fallback=False)["body"] == ""
    about = [f"موقع الأخبار منصة مستقلة. {p}" for p in PARAS]
    site = {"site": {"name": "موقع الأخبار", "content": "\n".join(about)}}
    html = ("<html><head><title>موقع الأخبار</title></head><body><div id='root'></div>"
            "<script type='application/json'>"
            f"{json.dumps(site, ensure_ascii=False)}</script></body></html>")
    assert extract_article(html, URL, fallback=False)["body"] == ""


def test_a_broken_candidate_loses_itself_not_the_page() -> None:
    # Control characters lxml refuses, and a frameset lxml cannot place in a fragment.
    for body in ("<p>" + PARAS[0] + "</p><figure>x</figure>\u000b<p>" + PARAS[1] + "</p>",
                 "<html><frameset>" + " ".join(PARAS)):
        record = extract_article(page(next_data(contentHtml=body)), URL, fallback=False)
        assert record["title"] == TITLE


def test_broken_or_hostile_scripts_give_nothing_and_raise_nothing() -> None:

    scripts = ["<script>var a = {b: function() { return 1; }};</script>",  # JavaScript
               "<script>x = {\"a\": " + "[" * 100_000 + "</script>",  # nested past recursion
               "<script type='application/json'>{\"body\": \"unterminated</script>"]
    doc = html.document_fromstring(page("".join(scripts)))
    assert state_lines(doc, TITLE) == []


def test_a_listing_state_of_several_stories_gives_no_body() -> None:
    # Two different stories about the headline's subject: a listing's items, not one
    # article (a listing page must not become one of its stories).
    second = ["انطلقت في الرياض أعمال المحادثات الاقتصادية بين وزراء المالية لبحث "
              "تمويل مشروعات البنية التحتية المشتركة وتوسيع التبادل التجاري بين البلدين.",
              "وقدمت الوفود خلال المحادثات أوراق عمل حول الاستثمار في الطاقة المتجددة "
              "وربط شبكات الكهرباء، وتقرر تشكيل لجنة فنية تتابع التنفيذ كل ثلاثة أشهر."]
    items = [{"title": TITLE, "body": "\n".join(PARAS)},
             {"title": "محادثات اقتصادية", "body": "\n".join(second * 2)}]
    script = ("<script id='__NEXT_DATA__' type='application/json'>"
              f"{json.dumps({'props': {'items': items}}, ensure_ascii=False)}</script>")
    doc = html.document_fromstring(page(script))
    assert state_lines(doc, "المحادثات") == []
    # A headline that names one of them: that story is the article, the other related.
    assert state_lines(doc, TITLE) == PARAS
