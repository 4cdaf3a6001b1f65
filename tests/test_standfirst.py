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
    # Printed after a dateline the meta tag leaves out.
    assert body_of(page(f"<p><b>القاهرة -</b> {LEAD}</p>")) == [f"القاهرة - {LEAD}", *PARAS]


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
