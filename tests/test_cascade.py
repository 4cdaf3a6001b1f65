"""The body cascade: JSON-LD, profile, generic, and a second opinion when in doubt."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from conftest import SEED_PAGES, TALKS_PARAS, seed_page

import newscrawl.body as body_module
from newscrawl.body import prefer_second, words
from newscrawl.engines import EngineError
from newscrawl.extraction import SiteRules, build_record, extract_raw, page_article
from newscrawl.metadata import printed_once

URL = "https://x.example/world/2025/04/05/talks-resume-in-cairo/"
PARAS = TALKS_PARAS


def page(body: str, head: str = "") -> str:
    return (f"<html lang='ar'><head><title>المحادثات</title>{head}</head><body>"
            f"<h1>استئناف المحادثات في القاهرة</h1>{body}</body></html>")


@pytest.mark.parametrize("name", list(SEED_PAGES))
def test_arabic_cleaning_is_the_same_whichever_engine_wrote_the_body(name: str) -> None:
    # Related, tag, source and share blocks are stripped before any engine reads the page
    # and the text cleaning runs on whichever body won: trafilatura's body gives the same
    # record fields, and leaks nothing either.
    html, url, expected = seed_page(name)
    ours, _ = extract_raw(html, url, engine="auto")
    theirs, _ = extract_raw(html, url, engine="trafilatura")
    assert theirs.extraction["engine"] == "trafilatura"
    a, b = build_record(ours), build_record(theirs)
    for field in ("source", "tags", "related", "title"):
        assert a[field] == b[field], field
    for record in (a, b):
        for phrase in expected["body_must_not_contain"]:
            assert phrase not in record["body"], phrase
        assert record["body"].split("\n") == expected["body_paragraphs"]


def test_jsonld_article_body_replaces_a_teaser() -> None:
    full = "\n".join(PARAS + ["وختم المصدر بأن الأطراف اتفقت على مواصلة الاتصالات خلال "
                              "الأسبوع المقبل لاستكمال بحث النقاط العالقة كافة."] * 2)
    head = ("<script type='application/ld+json'>" + json.dumps(
        {"@type": "NewsArticle", "headline": "استئناف المحادثات", "articleBody": full},
        ensure_ascii=False) + "</script>")
    article, _ = extract_raw(page(f"<div class='story'><p>{PARAS[0]}</p></div>", head), URL)
    assert article.extraction["engine"] == "jsonld"
    assert article.body.split("\n")[:3] == PARAS
    # A JSON-LD body about as long as the page's text leaves the page's text in place.
    head_same = head.replace(json.dumps(full, ensure_ascii=False)[1:-1],
                             "\\n".join(PARAS))
    article, _ = extract_raw(page("<div class='story'>" + "".join(
        f"<p>{p}</p>" for p in PARAS) + "</div>", head_same), URL)
    assert article.extraction["engine"] == "generic"


def test_jsonld_article_body_written_twice_is_read_once() -> None:
    # Some CMSs glue a second copy of the body into articleBody: the record keeps one,
    # whether the copies are parted by a space, a line or two, and a copy cut short too.
    once = " ".join(PARAS)
    page_html = page(f"<div class='story'><p>{PARAS[0]}</p></div>", "{head}")
    for twice in (once + " " + once, once + "\n\n" + once, once + " " + once[:400]):
        head = ("<script type='application/ld+json'>" + json.dumps(
            {"@type": "NewsArticle", "headline": "استئناف المحادثات", "articleBody": twice},
            ensure_ascii=False) + "</script>")
        article, _ = extract_raw(page_html.replace("{head}", head), URL)
        assert article.extraction["engine"] == "jsonld"
        assert article.body == once
    # A body that quotes its opening again and goes on past it stays whole.
    quoting = once + " " + PARAS[0] + " " + PARAS[1] + " وانتهى الاجتماع."
    assert printed_once(quoting) == quoting


def test_a_profile_selector_is_taken_as_it_is() -> None:
    html = page("<div class='teaser'><p>" + PARAS[0] + "</p></div>"
                "<div id='main-text'>" + "".join(f"<p>{p}</p>" for p in PARAS[1:]) + "</div>")
    article, _ = extract_raw(html, URL, SiteRules(body_css="#main-text"))
    assert article.extraction["engine"] == "profile"
    assert article.body.split("\n") == PARAS[1:]
    # All of it, even with a known body container inside holding most of its text.
    html = page(f"<div class='story'><p>{PARAS[0]}</p><div class='entry-content'>"
                + "".join(f"<p>{p} {p}</p>" for p in PARAS[1:]) + "</div></div>")
    article, _ = extract_raw(html, URL, SiteRules(body_css=".story"))
    assert article.body.split("\n")[0] == PARAS[0] and len(article.body.split("\n")) == 3
    # A selector matching an element whose content is never text gives an empty body.
    article, kind = extract_raw(page("<noscript><p>نص</p></noscript>"), URL,
                                SiteRules(body_css="noscript"))
    assert article.body == "" and not kind.is_article


def test_second_opinion_only_when_the_evidence_favours_it() -> None:
    ours = PARAS[:1]
    longer = PARAS  # holds ours and more
    other = ["نص مختلف تماما عن موضوع آخر لا علاقة له بالخبر الأصلي في أي شيء على الإطلاق"]
    # The same text: ours stands.
    assert not prefer_second(PARAS, PARAS[:], None, set())
    # No referee: the second engine only when it holds ours and more.
    assert prefer_second(ours, longer, None, set())
    assert not prefer_second(longer, ours, None, set())
    assert not prefer_second(ours, other, None, set())
    # A referee decides between two different texts.
    assert prefer_second(ours, other, words([*other, "إضافة"]), set())
    assert not prefer_second(ours, other, words(ours), set())
    # Never a body made of the page's link lines (a listing's headlines).
    assert not prefer_second(ours, longer, None, set(longer))


def test_a_doubtful_body_asks_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    # A short generic body is doubted; what the second engine says is weighed.
    asked: list[str] = []

    def engine(doc: object, url: str) -> list[str]:
        asked.append(url)
        return PARAS

    monkeypatch.setattr(body_module, "trafilatura_lines", engine)
    html = page(f"<div class='story'><p>{PARAS[0]}</p></div>")
    result = page_article(html.encode(), URL, "text/html; charset=utf-8")
    assert asked == [URL]
    assert result.article is not None and result.article.extraction["engine"] == "trafilatura"
    assert result.article.body.split("\n") == PARAS
    assert "extract/doubt/short" in result.counters
    assert "extract/engine/trafilatura" in result.counters
    # With the second opinion off, the generic body stands and nothing is asked.
    result = page_article(html.encode(), URL, "text/html", fallback=False)
    assert asked == [URL] and result.article.extraction["engine"] == "generic"


def test_the_pages_own_articlebody_referees_between_two_bodies(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Our body took a long notice printed in the article's box; the third engine read the
    # same box (it agrees with ours), but the page's JSON-LD articleBody holds the article
    # alone: the publisher's text decides, and the second engine's body wins.
    notice = [f"{p} {p}" for p in ("يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربة "
                                    "التصفح وتحليل الزيارات وتخصيص الإعلانات المعروضة "
                                    "للقراء في كل زيارة للموقع.",) * 6]
    monkeypatch.setattr(body_module, "trafilatura_lines", lambda doc, url: PARAS)
    monkeypatch.setattr(body_module, "resiliparse_lines", lambda html: PARAS + notice)
    head = ("<script type='application/ld+json'>" + json.dumps(
        {"@type": "NewsArticle", "headline": "استئناف المحادثات",
         "articleBody": "\n".join(PARAS)}, ensure_ascii=False) + "</script>")
    html = page("<div class='story'>" + "".join(f"<p>{p}</p>" for p in PARAS + notice)
                + "</div>", head)
    article, _ = extract_raw(html, URL)
    assert "jsonld_disagrees" in article.extraction["doubts"]
    assert article.extraction["engine"] == "trafilatura"
    assert article.body.split("\n") == PARAS
    # A JSON-LD teaser (the first paragraphs of a long article) referees nothing: it
    # would favour whichever body is cut shortest; nor does another article's text (a
    # wrong template), which would favour whichever body is nearest its length.
    article = [f"{p} (الفقرة {i})" for i, p in enumerate(PARAS * 3)]
    teaser = words(article[:3])
    assert body_module._publishers_body(teaser, article, article[:5]) is None
    other_story = words(notice * 2)
    assert body_module._publishers_body(other_story, article, article[:5]) is None
    assert body_module._publishers_body(words(PARAS), PARAS + notice, PARAS) == words(PARAS)


def test_a_failing_engine_is_counted_and_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc: object, url: str) -> list[str]:
        raise EngineError("trafilatura: RuntimeError: boom")

    monkeypatch.setattr(body_module, "trafilatura_lines", broken)
    result = page_article(page(f"<div class='story'><p>{PARAS[0]}</p></div>").encode(), URL,
                          "text/html")
    assert result.article is not None and result.article.body == PARAS[0]
    assert result.article.extraction["engine"] == "generic"
    assert "extract/fallback_error" in result.counters


def test_a_listing_stays_a_listing_whatever_trafilatura_reads() -> None:
    # Real engines on a "most read" page: trafilatura reads the teasers as text, but they
    # are the page's link lines, so the page is no article.
    items = "".join(
        f"<div class='item'><h2><a href='/world/2025/04/0{i}/story-{i}/'>عنوان الخبر رقم {i} "
        f"عن تطورات المفاوضات الجارية في المنطقة</a></h2><span>منذ {i} ساعات</span>"
        f"<p>موجز الخبر رقم {i} يتناول تفاصيل الجولة الأخيرة من المفاوضات…</p></div>"
        for i in range(1, 9))
    article, kind = extract_raw(page(f"<main><div class='list'>{items}</div></main>"),
                                "https://x.example/most-read/")
    assert not kind.is_article, (kind, article.extraction)
    assert article.extraction["engine"] != "trafilatura"


def test_stripped_inline_lines_leave_the_body() -> None:
    html = page("<div class='story'>" + "".join(f"<p>{p}</p>" for p in PARAS)
                + "<em>الوسوم: الصحة، التطعيم</em></div>")
    article, _ = extract_raw(html, URL, fallback=False)
    assert article.body.split("\n") == PARAS
    assert article.tags[:2] == ["الصحة", "التطعيم"]
    # Inside a block with text and paragraphs around it: only the stripped words go, and
    # the lines keep their order.
    tail = "وختم المصدر حديثه بالتأكيد على أهمية الجولة المقبلة من المفاوضات في القاهرة."
    middle = f"<div>{PARAS[1]} <span>شارك الخبر:</span><p>{PARAS[2]}</p>{tail}</div>"
    html = page(f"<div class='story'><p>{PARAS[0]}</p>{middle}</div>")
    article, _ = extract_raw(html, URL, fallback=False)
    assert article.body.split("\n") == [*PARAS[:3], tail]


def test_deep_junk_gets_no_second_opinion(monkeypatch: pytest.MonkeyPatch) -> None:
    # Other engines take minutes on nesting our walk reads in milliseconds.
    def refuse(*args: object) -> list[str]:
        raise AssertionError("a second engine was asked on deep junk")

    monkeypatch.setattr(body_module, "trafilatura_lines", refuse)
    monkeypatch.setattr(body_module, "resiliparse_lines", refuse)
    junk = ("<div>" * 400 + "<br>س" * 20 + "</div>" * 400) * 10
    article, _ = extract_raw(page(f"<article><p>{PARAS[0]}</p></article>{junk}"), URL)
    assert article.body == PARAS[0] and "short" in article.extraction["doubts"]


def test_bad_input_never_raises_through_the_cascade() -> None:
    for html in (b"", b"\x00\x01\x02" * 100, b"<html><body></body></html>",
                 b"<html>" + b"<div>" * 200_000 + b"<p>" + PARAS[0].encode() + b"</p>"):
        result = page_article(html, URL, "text/html")
        assert result.skipped or result.article is not None
    # Just over the size where the other engines are not asked (SECOND_OPINION_MAX_CHARS):
    # the generic body, promptly. (Kept small: a forked crawl in a later test reports
    # this process's memory as its own peak.)
    big = page("<div class='story'>" + "".join(f"<p>{p}</p>" for p in PARAS) * 5_000 + "</div>")
    assert len(big) > body_module.SECOND_OPINION_MAX_CHARS
    article, kind = extract_raw(big.encode(), URL)
    assert kind.is_article and article.extraction["engine"] == "generic"
    assert Counter(article.body.split("\n"))[PARAS[0]] == 5_000
