"""The standfirst: the page's description printed under its headline opens the body."""

from __future__ import annotations

from conftest import TALKS_PARAS

from newscrawl.extraction import extract_article

URL = "https://x.example/world/2025/04/05/talks-resume-in-cairo/"
PARAS = TALKS_PARAS
LEAD = ("جولة جديدة من المحادثات في القاهرة بعد توقف دام شهرين، والوسطاء يقدمون "
        "مقترحًا معدلًا من ثلاث مراحل")


def page(header: str, body_extra: str = "", description: str = LEAD) -> str:
    return ("<html lang='ar'><head><title>المحادثات</title>"
            f"<meta name='description' content='{description}'></head><body>"
            f"<article><header><h1>استئناف المحادثات في القاهرة</h1>{header}</header>"
            "<div class='article-body'>" + "".join(f"<p>{p}</p>" for p in PARAS)
            + f"</div></article>{body_extra}</body></html>")


def body_of(html: str) -> list[str]:
    return extract_article(html, URL, fallback=False)["body"].split("\n")


def test_the_printed_description_above_the_body_opens_it() -> None:
    assert body_of(page(f"<p class='lead'>{LEAD}</p>")) == [LEAD, *PARAS]
    # Printed longer than the meta tag, which cut it short with '…'.
    cut = LEAD[:70].rsplit(" ", 1)[0] + "…"
    assert body_of(page(f"<div class='summary'><span>{LEAD}</span></div>",
                        description=cut)) == [LEAD, *PARAS]
    # The meta tag adds the site's name to what the page prints.
    assert body_of(page(f"<p class='lead'>{LEAD}</p>", description=LEAD + " - الخبر")) \
        == [LEAD, *PARAS]
    # Printed after a dateline the meta tag leaves out.
    assert body_of(page(f"<p><b>القاهرة -</b> {LEAD}</p>")) == [f"القاهرة - {LEAD}", *PARAS]


def test_a_site_wide_description_in_the_template_is_not_a_lead() -> None:
    # Many sites give every page the site's description: printed as the tagline in the
    # site header, an 'about' box in a sidebar or the footer (named, not landmarks), it
    # is outside the span from the headline to the body.
    site = ("<div class='site-header'><p class='site-description'>{d}</p></div>", "")
    for before, after in (site, ("", "<div id='footer'><p>{d}</p></div>"),
                          ("", "<div class='sidebar'><p>{d}</p></div>")):
        html = page("", after.format(d=LEAD)).replace(
            "<article>", before.format(d=LEAD) + "<article>")
        assert body_of(html) == PARAS, (before, after)


def test_a_description_in_a_box_under_the_headline_is_not_a_lead() -> None:
    # Between the headline and the body, but in a share box, a breadcrumb, or a box
    # hidden by style, class or role.
    for box in (f"<div class='share-box'><p>{LEAD}</p></div>",
                f"<ol class='breadcrumb'><li>الرئيسية</li><li>{LEAD}</li></ol>",
                f"<div style='display:none'><p>{LEAD}</p></div>",
                f"<div class='sr-only'><p>{LEAD}</p></div>",
                f"<div role='dialog'><p>{LEAD}</p></div>"):
        assert body_of(page(box)) == PARAS, box


def test_a_description_libxml2_cannot_search_for_loses_nothing() -> None:
    # U+FFFF is no XML character: the search is skipped, the record kept.
    odd = LEAD.replace("جولة", "جولة\uffff", 1)
    assert body_of(page(f"<p class='lead'>{odd}</p>", description=odd)) == PARAS


def test_a_description_not_printed_as_the_articles_text_is_left_out() -> None:
    # Not printed at all; only in a script's state; in an aside, a footer or a hidden
    # box; as a link to the article (a teaser of it in a list).
    assert body_of(page("")) == PARAS
    state = f"<script>window.state = {{\"description\": \"{LEAD}\"}}</script>"
    assert body_of(page("", state)) == PARAS
    for box in (f"<aside><p>{LEAD}</p></aside>", f"<footer><p>{LEAD}</p></footer>",
                f"<div hidden><p>{LEAD}</p></div>", f"<p><a href='/a/1'>{LEAD}</a></p>"):
        assert body_of(page("", box)) == PARAS, box
    # A description that is the body's own first paragraph is not printed twice.
    assert body_of(page("", description=PARAS[0][:90] + "…")) == PARAS
