"""Where on a page its own dates are looked for, as candidates for the dates step."""

from __future__ import annotations

from typing import Any

from lxml import html as lxml_html

from newscrawl import metadata as md
from newscrawl.boilerplate import css, element_names, has_token, names_hold
from newscrawl.dateforms import DATE_LABEL_START
from newscrawl.dates import date_from_url
from newscrawl.datewords import (
    ALL_DATE_LABELS,
    ALL_MODIFIED_LABELS,
    DATE_CLASS_TOKENS,
    DATE_TRAP_CLASS_TOKENS,
    MODIFIED_CLASS_TOKENS,
)
from newscrawl.keycache import CLASS_MEMO_CHARS, CLASS_MEMO_SIZE, short_key_cache
from newscrawl.textnorm import normalize_arabic, strip_invisible, tidy
from newscrawl.vocabulary import JSONLD_ARTICLE_TYPES

HtmlElement = lxml_html.HtmlElement


def date_candidates(doc: HtmlElement, meta: dict[str, list[str]], ld: dict[str, Any] | None,
                    title_node: HtmlElement | None, url: str,
                    date_css: str | None = None) -> list[dict[str, Any]]:
    """Dates a page prints for itself: JSON-LD, meta, a profile's selector, <time> and dated
    elements near the headline, the URL. Never sidebars, related boxes or tickers."""
    cands: list[dict[str, Any]] = []

    def add(kind: str, source: str, raw: Any) -> None:
        if raw and isinstance(raw, str | int | float):
            cands.append({"kind": kind, "source": source, "raw": str(raw)})

    if ld:
        add("published", "jsonld", md.text_value(ld.get("datePublished") or ld.get("dateCreated")))
        add("modified", "jsonld", md.text_value(ld.get("dateModified")))
    for key in md.META_PUBLISHED:
        for value in meta.get(key, [])[:1]:
            add("published", "meta", value)
    for key in md.META_MODIFIED:
        for value in meta.get(key, [])[:1]:
            add("modified", "meta", value)
    found = css(date_css)(doc) if date_css else []
    node = found[0] if found else None
    if node is not None:
        add("published", "text", node.get("datetime") or tidy(node.text_content()))
    # <time> and dated elements near the headline only, never sidebars or related boxes.
    scope = headline_scope(title_node) if title_node is not None else None
    for el in (scope.iter("time") if scope is not None else doc.iter("time")):
        # A <time> inside a paragraph is an event the story mentions, not its date.
        if el.get("datetime") and not _in_trap(el, scope) \
                and next(el.iterancestors("p", "blockquote", "li"), None) is None:
            add(_kind(el, el.get("datetime") or ""), "time", el.get("datetime"))
            break
    if scope is not None:
        # The first few dated elements by the headline, in page order: a "reading time" or
        # an empty date element must not hide the real one (the dates step skips what does
        # not parse). An update stamp is the modified date, not the published one.
        found_text = 0
        for el in scope.iter():
            if found_text == 3:
                break
            if isinstance(el.tag, str) and (_date_named[element_names(el)] or _labelled(el)) \
                    and not _in_trap(el, scope) and not _has_dated_child(el) \
                    and next(el.iterancestors("li"), None) is None:  # lists: other stories
                text = tidy(el.text_content())
                if 6 <= len(text) <= 120:
                    add(_kind(el, text), "text", text)
                    found_text += 1
    add("published", "url", _url_day(url))
    # The last resort: microdata away from the headline, when the page gave no other
    # published date (its search walks the whole page, about 0.4 ms on a large one, and
    # cards of other stories carry theirs too).
    if not any(c["kind"] == "published" for c in cands):
        add("published", "time", _microdata(doc))
    return cands


_MICRODATA = ("//*[contains(concat(' ', normalize-space(@itemprop), ' '), ' datePublished ')]"
              "[not(self::meta)]")
# Microdata items whose date is the page's: its article, or the page itself.
_PAGE_ITEMS = frozenset({*JSONLD_ARTICLE_TYPES, "CreativeWork", "WebPage", "ItemPage"})


def _microdata(doc: HtmlElement) -> str | None:
    """The page's own microdata date ('<time itemprop="datePublished" datetime=…>'), even
    away from the headline: the first outside list items (cards of other stories carry
    their own), boxes that hold other stories' dates and items that are not the article.
    <meta itemprop> is read with the meta tags."""
    for el in doc.xpath(_MICRODATA):
        if next(el.iterancestors("li"), None) is None and not _in_box(el) \
                and _of_the_article(el):
            return el.get("datetime") or el.get("content") or tidy(el.text_content())[:120]
    return None


def _in_box(el: HtmlElement) -> bool:
    """In a box of other stories' dates, not counting the page's wrapper under <body>:
    its classes describe the layout ('layout right-sidebar', 'segment--recommended')."""
    for node in (el, *el.iterancestors()):
        parent = node.getparent()
        if parent is None or parent.tag == "body":
            return node.tag in ("aside", "nav", "footer", "form", "marquee")
        if _in_trap_here(node):
            return True
    return False


def _of_the_article(el: HtmlElement) -> bool:
    """Whether a microdata property belongs to the page's article: the item it sits in
    is an article type or the page, or there is none (a comment's or a review's date
    is not the article's)."""
    item = next((a for a in el.iterancestors() if a.get("itemscope") is not None), None)
    if item is None:
        return True
    kinds = {t.rstrip("/").rsplit("/", 1)[-1] for t in (item.get("itemtype") or "").split()}
    return not kinds or bool(kinds & _PAGE_ITEMS) or any(k.endswith("WebPage") for k in kinds)


@short_key_cache(maxsize=CLASS_MEMO_SIZE, max_chars=CLASS_MEMO_CHARS)
def _date_named(names: str) -> bool:
    """True when a class and id string names a date element (cached: a page's elements
    repeat their names, and most have none)."""
    return names_hold(names, DATE_CLASS_TOKENS)


_MODIFIED_KEYS = tuple(normalize_arabic(label) for label in ALL_MODIFIED_LABELS)
# First letters a label may be printed with (normalising makes أ, إ, آ all ا).
_LABEL_INITIALS = frozenset(normalize_arabic(label)[0]
                            for label in (*ALL_DATE_LABELS, *ALL_MODIFIED_LABELS))
_LABEL_INITIALS |= frozenset("أإآٱ") if "ا" in _LABEL_INITIALS else frozenset()
# A date label opens the element's own text within this many characters, and that text
# (a label and a date) is no longer than this.
LABEL_PREFIX_CHARS = 40
LABELLED_MAX_CHARS = 120
# Text elements: a paragraph that opens with 'نشر في' or 'Published reports' is the
# story's sentence, not the page's date.
_TEXT_TAGS = frozenset({"p", "blockquote", "li", "td", "figcaption"})


def _labelled(el: HtmlElement) -> bool:
    """A small element, not a paragraph, whose own text opens with a date label
    ('Published:', 'نشر في', 'تاریخ انتشار'), whatever its class: the label names it as
    the page's date."""
    own = el.text
    if not own or el.tag in _TEXT_TAGS:
        return False
    own = strip_invisible(own).lstrip()  # a bidi mark may open it ('\u200fنشر في')
    if len(own) > LABELLED_MAX_CHARS:
        own = " ".join(own.split())  # a template's indentation is no text
    # Most elements fail on their length or first letter, before any normalising.
    first = own[:1].lower()
    return len(own) <= LABELLED_MAX_CHARS and (
        first in _LABEL_INITIALS or "\ufb50" <= first <= "\ufeff") \
        and bool(DATE_LABEL_START.match(normalize_arabic(own[:LABEL_PREFIX_CHARS]))) \
        and next(el.iterancestors(*_TEXT_TAGS), None) is None


def _kind(el: HtmlElement, text: str) -> str:
    """'modified' for an update stamp (by class, itemprop or label), else 'published'."""
    if has_token(el, MODIFIED_CLASS_TOKENS) or el.get("itemprop") == "dateModified":
        return "modified"
    return "modified" if normalize_arabic(text).startswith(_MODIFIED_KEYS) else "published"


def _has_dated_child(el: HtmlElement) -> bool:
    """A wrapper of several dated elements: its children are read one by one instead."""
    return any(isinstance(c.tag, str) and has_token(c, DATE_CLASS_TOKENS) for c in el)


def _in_trap(el: HtmlElement, scope: HtmlElement | None) -> bool:
    """Inside a related box, sidebar, comment, ticker or clock (up to the headline scope);
    a site header outside any <article> is a trap too (its date is today's)."""
    node: HtmlElement | None = el
    while node is not None:
        if _in_trap_here(node):
            return True
        if node is scope:
            return False
        node = node.getparent()
    return False


def _in_trap_here(node: HtmlElement) -> bool:
    """`node` itself is a box of other dates: a landmark, a trap-named box, or a site
    header outside any <article> (its date is today's)."""
    if node.tag in ("aside", "nav", "footer", "form", "marquee") \
            or has_token(node, DATE_TRAP_CLASS_TOKENS):
        return True
    return node.tag == "header" and next(node.iterancestors("article"), None) is None \
        and node.find(".//h1") is None


def _url_day(url: str) -> str | None:
    day = date_from_url(url)
    return day.isoformat() if day else None


def headline_scope(title_node: HtmlElement) -> HtmlElement:
    """The headline's enclosing header/article block: where the byline and date sit."""
    scope = title_node
    for anc in title_node.iterancestors():
        scope = anc
        if anc.tag in ("header", "article") or len(tidy(anc.text_content())) > 600:
            break
    return scope
