"""DOM-level boilerplate stripping: related, tag, source, share blocks out of the body.

What a block carried is kept (related links, tags, the credited source), the block
itself is removed. Vocabularies are in newscrawl.vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urljoin

from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from newscrawl.textnorm import normalize_arabic, phrase_regex, tidy
from newscrawl.urls import is_http_url
from newscrawl.vocabulary import (
    AGENCIES,
    BOILERPLATE_CLASS_TOKENS,
    BOILERPLATE_TAGS,
    RELATED_CLASS_TOKENS,
    RELATED_HEADINGS,
    SHARE_PHRASES,
    SOURCE_PREFIXES,
    TAG_CLASS_TOKENS,
    TAG_HEADINGS,
)

HtmlElement = lxml_html.HtmlElement
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "p",
                           "div", "header"})
# Elements a source credit or a share prompt is printed in.
_LINE_TAGS = frozenset({"p", "div", "span", "section", "li", "strong", "em", "small", "h4",
                        "h5", "h6"})
_SENTENCE_END = re.compile(r"[.!?؟]\s*$")
_PUNCT = re.compile(r"[\s:：\-–—|»«\"'.،,]+$")


@dataclass
class Harvest:
    """What stripped blocks carried."""

    related: list[dict[str, str | None]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    source: str | None = None


@cache
def css(selector: str) -> CSSSelector:
    """A compiled CSS selector (compiling costs more than matching)."""
    return CSSSelector(selector, translator="html")


@cache
def _token_regex(tokens: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
    return re.compile(rf"(?:^|[\s_\-])(?:{alt})(?:$|[\s_\-])", re.IGNORECASE)


def has_token(el: HtmlElement, tokens: tuple[str, ...]) -> bool:
    """True when the element's class or id holds one of `tokens` as a hyphen-bounded word."""
    return _has(f"{el.get('class') or ''} {el.get('id') or ''}".strip(), tokens)


def _has(attrs: str, tokens: tuple[str, ...]) -> bool:
    return bool(attrs) and bool(_token_regex(tokens).search(attrs))


@cache
def _phrases(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize_arabic(p) for p in phrases)


def heading_key(text: str) -> str:
    """A block heading as a matching key: normalised, trailing punctuation dropped."""
    return _PUNCT.sub("", normalize_arabic(text))


def is_heading(text: str, phrases: tuple[str, ...]) -> bool:
    """True when `text` is exactly one of the heading phrases (any spelling)."""
    return len(text) < 60 and heading_key(text) in _phrases(phrases)


def _block_heading(el: HtmlElement) -> str:
    """The text of a block's first child when it stands alone as the block's heading.

    A paragraph is never a block with a heading: '<p><b>المزيد</b> من التفاصيل…</p>'
    starts a sentence. Lines of that kind are handled by `line_kind`.
    """
    if el.tag in ("p", "a", "li") or (el.text and el.text.strip()):
        return ""
    for child in el.iterchildren():
        if not isinstance(child.tag, str):
            continue
        if child.tag in _HEADING_TAGS and not (child.tail and child.tail.strip()) \
                and child.getnext() is not None:
            return tidy(child.text_content())
        break
    return ""


def _links(el: HtmlElement, base: str) -> list[dict[str, str | None]]:
    out = []
    for a in el.iter("a"):
        title = tidy(a.text_content())
        if len(title) < 12:
            continue
        href = (a.get("href") or "").strip()
        # Most hrefs are absolute already: urljoin costs more than the rest of the loop.
        url = href if href.startswith(("https://", "http://")) else (
            urljoin(base, href) if href else None)
        out.append({"title": title, "url": url if url and is_http_url(url) else None})
    return out


def _tags(el: HtmlElement) -> list[str]:
    links = [tidy(a.text_content()) for a in el.iter("a")]
    return [t for t in links if t and not is_heading(t, TAG_HEADINGS)]


@cache
def related_start() -> re.Pattern[str]:
    """A read-also heading at the start of a line: alone, before ':'/'|'/'..', or glued to
    the next word (a flattened page lost the space: 'اقرأ أيضاًبعد …')."""
    return re.compile(rf"^\s*({phrase_regex(RELATED_HEADINGS)})"
                      r"(?:\s*(?:[:：|»›\-–]|\.\.+)\s*|(?=[^\s\W\d])|\s*$)", re.IGNORECASE)


@cache
def tags_start() -> re.Pattern[str]:
    """A tag heading followed by ':' at the start of a line."""
    return re.compile(rf"^\s*({phrase_regex(TAG_HEADINGS)})\s*[:：]\s*", re.IGNORECASE)


def inline_related(line: str) -> str | None:
    """'اقرأ أيضاً: عنوان' / 'اقرأ أيضاًعنوان' as a one-line paragraph -> the title."""
    match = related_start().match(line)
    rest = tidy(line[match.end():]) if match else ""
    if rest and len(line) < 200 and len(rest.split()) >= 2:
        return rest
    return None


def source_from_line(text: str) -> str | None:
    """'المصدر: الأسبوع' -> 'الأسبوع'; None when the line is not a source credit."""
    line = tidy(text)
    match = re.match(r"^([^:：]{2,15})\s*[:：]\s*(.{2,60})$", line)
    if match and heading_key(match.group(1)) in _phrases(SOURCE_PREFIXES):
        return match.group(2).strip(" .،")
    return None


@cache
def _agency_regex() -> re.Pattern[str]:
    names = sorted({normalize_arabic(a) for a in AGENCIES}, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"^(?:[^\s:()\-–_]{{2,20}}\s*[-–_]\s*|\(\s*)?({alt})\s*\)?$",
                      re.IGNORECASE)


def agency_from_dateline(text: str) -> str | None:
    """'المناطق_واس', 'الرياض - واس', '(رويترز)' -> the agency as printed; else None."""
    line = tidy(text)
    if len(line) > 40:
        return None
    match = _agency_regex().match(normalize_arabic(line))
    if not match:
        return None
    for agency in AGENCIES:
        if normalize_arabic(agency) == match.group(1).lower():
            return agency
    return None


@cache
def _prefix_dateline_regex() -> re.Pattern[str]:
    names = sorted({normalize_arabic(a) for a in AGENCIES}, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"^[^\s:()\-–]{{2,15}}(?:\s[^\s:()\-–]{{2,15}})?\s*"
                      rf"(?:\(\s*({alt})\s*\)|[-–]\s*({alt}))\s*[-–:]", re.IGNORECASE)


def agency_from_prefix(paragraph: str) -> str | None:
    """'القاهرة (أ ش أ) - ...' / 'الرياض - واس: ...' at a paragraph's start -> the agency."""
    match = _prefix_dateline_regex().match(normalize_arabic(paragraph[:60]))
    if not match:
        return None
    found = (match.group(1) or match.group(2)).lower()
    return next((a for a in AGENCIES if normalize_arabic(a) == found), None)


def _remove(el: HtmlElement) -> None:
    """Drop an element but keep its tail text in the tree."""
    parent = el.getparent()
    if parent is None:
        return
    el.drop_tree()


def strip_boilerplate(root: HtmlElement, base_url: str,
                      extra_css: tuple[str, ...] = ()) -> Harvest:
    """Remove non-article blocks below `root`, returning what they carried."""
    harvest = Harvest()
    for selector in extra_css:
        for el in css(selector)(root):
            _remove(el)
    for el in list(root.iter(*BOILERPLATE_TAGS)):
        _remove(el)
    # Walk top-down in document order; a removed block takes its descendants with it.
    stack = [c for c in reversed(root) if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        if not _strip_block(el, base_url, harvest):
            stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
    return harvest


_ANY_BLOCK_TOKENS = TAG_CLASS_TOKENS + RELATED_CLASS_TOKENS + BOILERPLATE_CLASS_TOKENS


def _strip_block(el: HtmlElement, base: str, harvest: Harvest) -> bool:
    """Harvest and remove `el` when it is a boilerplate block; True if removed."""
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    if attrs and not _has(attrs, _ANY_BLOCK_TOKENS):
        attrs = ""  # one search rules out all three lists (the common case)
    heading = _block_heading(el)
    if _has(attrs, TAG_CLASS_TOKENS) or (heading and is_heading(heading, TAG_HEADINGS)):
        harvest.tags.extend(t for t in _tags(el) if t not in harvest.tags)
        _remove(el)
        return True
    if _has(attrs, RELATED_CLASS_TOKENS) or (heading and is_heading(heading,
                                                                    RELATED_HEADINGS)):
        harvest.related.extend(_links(el, base))
        _remove(el)
        return True
    if _has(attrs, BOILERPLATE_CLASS_TOKENS):
        _remove(el)
        return True
    # Credit lines and share prompts are short leaves: no need to read big containers.
    if len(el) > 4 or el.tag not in _LINE_TAGS:
        return False
    text = tidy(el.text_content())
    if len(text) >= 200:
        return False
    if ((title := inline_related(text)) and (el.find(".//a") is not None
                                             or not title.endswith("."))) \
            or _heading_then_links(el, text):
        # "اقرأ أيضاً: <a>…</a>" as a line of the body: keep the link, drop the line.
        harvest.related.extend(_links(el, base) or [{"title": title, "url": None}])
        _remove(el)
        return True
    if tags_start().match(text):
        found = _tags(el) or [t for t in re.split(r"\s*[,،|]\s*",
                                                   text[tags_start().match(text).end():]) if t]
        harvest.tags.extend(t for t in found if t not in harvest.tags)
        _remove(el)
        return True
    if len(text) < 80 and (credit := source_from_line(text)):
        harvest.source = harvest.source or credit
        _remove(el)
        return True
    if len(text) < 40 and is_share_prompt(text):
        _remove(el)
        return True
    return False


@cache
def _related_prefix() -> re.Pattern[str]:
    return re.compile(rf"^\s*({phrase_regex(RELATED_HEADINGS)})\s", re.IGNORECASE)


def _heading_then_links(el: HtmlElement, text: str) -> bool:
    """'اقرأ أيضاً <a>عنوان</a>' with no separator: a heading and nothing but links."""
    match = _related_prefix().match(text)
    if not match:
        return False
    link_text = sum(len(tidy(a.text_content())) for a in el.iter("a"))
    return link_text > 0 and len(text) - link_text <= match.end() + 3


def is_share_prompt(text: str) -> bool:
    """'شارك الخبر:', 'Share on Facebook', 'تابعونا على': not 'شارك في المؤتمر 500 شخص.'"""
    key = heading_key(text)
    if _SENTENCE_END.search(text):
        return False
    for phrase in _phrases(SHARE_PHRASES):
        if key == phrase or (key.startswith(phrase + " ")
                             and len(key.split()) <= len(phrase.split()) + 2):
            return True
    return False
