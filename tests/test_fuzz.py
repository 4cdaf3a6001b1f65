"""Bad input never escapes extract_article as an exception (hypothesis fuzzing)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newscrawl.extraction import extract_article

URL = "https://x.example/2025/04/05/story/"
TAGS = st.sampled_from(["p", "div", "span", "a", "h1", "article", "script", "table", "td",
                        "br", "li", "meta", "title", "time", "section", "aside"])
WORDS = st.sampled_from(["اقرأ أيضاً", "\x08", "\x0b", "<script>1</script>", "المصدر:",
                         "كلمات دلالية", "نص", "5 أبريل 2025",
                         "منذ ساعتين", "&amp;", "&#0;", "<", ">", "\u200f", "ط§ظ„", "Ù„",
                         "\x00", "\ufeff", "{", "}", "\"", "'", "=", "\n"])


@st.composite
def html_soup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 3))
        tag = draw(TAGS)
        if kind == 0:
            parts.append(f"<{tag} class='{draw(WORDS)}'>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(WORDS))
        else:
            parts.append(draw(st.text(max_size=30)))
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_soup())
# Found by CI: a control character in the tail of a removed box made lxml raise.
@example("</p><aside class='اقرأ أيضاً'><p class='اقرأ أيضاً'></p></aside>\x1f")
@example("<div><p class='share'>x</p>\x1ftail</div>")
def test_html_soup_never_raises(page: str) -> None:
    record = extract_article(page, URL)
    assert isinstance(record["body"], str) and isinstance(record["related"], list)
    assert record["url"] == URL


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(page: bytes) -> None:
    assert isinstance(extract_article(page, URL)["body"], str)


def test_pathological_pages() -> None:
    prose = "فقرة من نص الخبر العربي الطويل. " * 20
    for tag in ("div", "blockquote", "ul", "em", "article"):
        deep = f"<html><body>{f'<{tag}>' * 10_000}<p>{prose}</p>{f'</{tag}>' * 10_000}"
        assert prose.strip() in extract_article(deep, URL)["body"], tag
    controls = (f"<body><p>{prose}</p><script>1</script>\x08y<span class=share>x</span>"
                "\x0b</body>")
    assert prose.strip() in extract_article(controls, URL)["body"]
    huge = "<html><body><article>" + f"<p>{prose}</p>" * 30_000 + "</article></body></html>"
    assert len(huge.encode()) > 20_000_000
    assert extract_article(huge.encode(), URL)["body"].count("\n") == 29_999
    tables = f"<table><tr><td>{prose}</td><td>x</td></tr></table>"
    assert prose.strip() in extract_article(tables, URL)["body"]
    frames = "<html><frameset><frame src='/a'><frame src='/b'></frameset></html>"
    assert extract_article(frames, URL)["body"] == ""
    truncated = f"<html><body><article><h1>عنوان</h1><p>{prose}</p><p>نص مقطوع في ال"
    assert "نص مقطوع" in extract_article(truncated, URL)["body"]
