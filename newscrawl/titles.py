"""The headline: its element on the page and its text without the site-name suffix."""

from __future__ import annotations

import html
import re
from typing import Any

from lxml import html as lxml_html

from newscrawl import metadata as md
from newscrawl.boilerplate import css
from newscrawl.textnorm import normalize_arabic, tidy
from newscrawl.vocabulary import TITLE_SELECTORS

HtmlElement = lxml_html.HtmlElement
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»«]+\s+|\s*\|\s*")


def css_first(doc: HtmlElement, selector: str | None) -> HtmlElement | None:
    """The first element a CSS selector matches, or None."""
    if not selector:
        return None
    found = css(selector)(doc)
    return found[0] if found else None


def _strip_site_suffix(title: str, site_names: list[str], loose: bool = True) -> str:
    """'Headline | Site' -> 'Headline' when the tail is the site name (or, loose, short)."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    tail = parts[-1].strip()
    head = title[: title.rfind(tail)].rstrip(" |-–—:»«")
    if tail in site_names or (loose and len(tail.split()) <= 4 and len(head.split()) >= 3):
        return head.strip()
    return title


_SIMPLE_SELECTOR = re.compile(r"^([a-z0-9]+)(?:\.([\w-]+)|\[([\w-]+)=([\w-]+)\])?$")
_TITLE_SIMPLE = all(map(_SIMPLE_SELECTOR.match, TITLE_SELECTORS))
_TITLE_TAGS = tuple(dict.fromkeys(
    m.group(1) for m in map(_SIMPLE_SELECTOR.match, TITLE_SELECTORS) if m))


def _title_candidates(doc: HtmlElement) -> list[HtmlElement]:
    """Elements matching TITLE_SELECTORS, in selector order, each once.

    The selectors are 'tag', 'tag.class' or 'tag[attr=value]': one walk over those tags
    and a check per selector costs a fifth of one CSS (XPath) query per selector.
    """
    if not _TITLE_SIMPLE:
        return list(dict.fromkeys(el for sel in TITLE_SELECTORS for el in css(sel)(doc)))
    elements = list(doc.iter(*_TITLE_TAGS))
    found: dict[HtmlElement, None] = {}
    for selector in TITLE_SELECTORS:
        tag, cls, attr, value = _SIMPLE_SELECTOR.match(selector).groups()  # type: ignore
        for el in elements:
            if el.tag == tag and (cls is None or cls in (el.get("class") or "").split()) \
                    and (attr is None or el.get(attr) == value):
                found.setdefault(el)
    return list(found)


def title_node(doc: HtmlElement, meta: dict[str, list[str]], ld: dict[str, Any] | None,
               title_css: str | None = None) -> HtmlElement | None:
    """The headline element: the profile's, else the <h1> that matches the metadata
    headline, else the first <h1> inside the article, else the first <h1> of 3+ words
    (or 12+ characters written without spaces)."""
    node = css_first(doc, title_css)
    if node is not None:
        return node
    nodes = [el for el in _title_candidates(doc) if _headline_long(tidy(el.text_content()))]
    hints = [normalize_arabic(h) for h in (ld_headline(ld),
                                           md.first_meta(meta, "og:title", "twitter:title"))
             if h]
    for el in nodes:
        text = normalize_arabic(el.text_content())
        if any(text == h or (len(text) > 15 and (text in h or h in text)) for h in hints):
            return el
    for el in nodes:
        if any(anc.tag in ("article", "main") for anc in el.iterancestors()):
            return el
    return next((el for el in nodes if _headline_long(tidy(el.text_content()), words=3)),
                None)


# A headline of one "word" this long, mostly not ASCII, is written without spaces
# (Chinese, Japanese); 'dailychronicle.com' is a logo.
UNSPACED_HEADLINE_CHARS = 12
# Entities a CMS escaped into JSON-LD a second time ('&quot;'): named or numbered, ';'.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.IGNORECASE)


def _headline_long(text: str, words: int = 2) -> bool:
    """`words` words or more, or a line of a script written without spaces: a logo's
    <h1> ('Site', 'موقع', 'site.com') is shorter or ASCII."""
    if len(text.split()) >= words:
        return True
    return " " not in text and len(text) >= UNSPACED_HEADLINE_CHARS \
        and 2 * sum(c.isascii() for c in text) < len(text)


def ld_headline(ld: dict[str, Any] | None) -> str | None:
    """JSON-LD headline, with the entities a second escaping left in it decoded."""
    headline = md.text_value(ld.get("headline")) if ld else None
    if headline and "&" in headline:
        headline = _ENTITY.sub(lambda m: html.unescape(m.group(0)), headline)
    return headline


def extract_title(doc: HtmlElement, meta: dict[str, list[str]], ld: dict[str, Any] | None,
                  node: HtmlElement | None) -> str | None:
    """Headline as printed, without the site-name suffix."""
    if node is not None and tidy(node.text_content()):
        return tidy(node.text_content())
    site_names = [n for n in (md.first_meta(meta, "og:site_name", "application-name"),) if n]
    headline = ld_headline(ld)
    if headline:
        return headline  # structured data holds the headline alone
    og_title = md.first_meta(meta, "og:title", "twitter:title")
    if og_title:
        return _strip_site_suffix(tidy(og_title), site_names, loose=False)
    title_el = doc.find(".//title")
    if title_el is not None and tidy(title_el.text_content()):
        return _strip_site_suffix(tidy(title_el.text_content()), site_names)
    return None


