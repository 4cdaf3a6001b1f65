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

from newscrawl.keycache import CLASS_MEMO_CHARS, CLASS_MEMO_SIZE, WORD_MEMO_CHARS, short_key_cache
from newscrawl.markers import (
    inline_related,
    is_heading,
    is_share_prompt,
    source_from_line,
    tags_start,
)
from newscrawl.textnorm import normalize_arabic, phrase_regex, tidy
from newscrawl.urls import is_http_url
from newscrawl.vocabulary import (
    BLOCK_TAGS,
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


@dataclass
class Harvest:
    """What stripped blocks carried."""

    related: list[dict[str, str | None]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    source: str | None = None
    removed: list[HtmlElement] = field(default_factory=list, repr=False)
    # Where each removed element sat: an inline one's text was part of its block's line.
    parents: list[HtmlElement] = field(default_factory=list, repr=False)

    def remove(self, el: HtmlElement) -> None:
        """Drop an element from the tree (its tail text stays) and remember it."""
        parent = el.getparent()
        if parent is not None:
            self.removed.append(el)
            self.parents.append(parent)
            el.drop_tree()


@cache
def css(selector: str) -> CSSSelector:
    """A compiled CSS selector (compiling costs more than matching)."""
    return CSSSelector(selector, translator="html")


@cache
def _token_regex(tokens: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
    return re.compile(rf"(?:^|[\s_\-])(?:{alt})(?:$|[\s_\-])", re.IGNORECASE)


def element_names(el: HtmlElement) -> str:
    """The element's class and id as one string (empty when it has neither)."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def has_token(el: HtmlElement, tokens: tuple[str, ...]) -> bool:
    """True when the element's class or id holds one of `tokens` as a hyphen-bounded word."""
    return names_hold(element_names(el), tokens)


def names_hold(attrs: str, tokens: tuple[str, ...]) -> bool:
    """True when a class and id string holds one of `tokens` as a hyphen-bounded word."""
    return bool(attrs) and bool(_token_regex(tokens).search(attrs))


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
            text = child.text_content()
            # Headings of tag and read-also boxes are short and start with their words.
            return tidy(text) if len(text) < 120 and _may_be_heading(text) else ""
        break
    return ""


@cache
def _heading_starts() -> frozenset[str]:
    """First words of the tag and read-also headings."""
    return frozenset(normalize_arabic(p).split()[0] for p in RELATED_HEADINGS + TAG_HEADINGS)


def _may_be_heading(text: str) -> bool:
    return _starts_with_one_of(text, _heading_starts())


def _starts_with_one_of(text: str, firsts: frozenset[str]) -> bool:
    """True when the text's first word, as the marker lists spell it, is in `firsts`."""
    first = text.split(None, 1)
    return bool(first) and _first_word_key[first[0]] in firsts


@short_key_cache(maxsize=CLASS_MEMO_SIZE, max_chars=WORD_MEMO_CHARS)
def _first_word_key(word: str) -> str:
    """A line's first word as the marker lists spell it (cached: pages repeat words)."""
    return normalize_arabic(word).strip(":：-–|»«.,،")


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


def strip_boilerplate(root: HtmlElement, base_url: str,
                      extra_css: tuple[str, ...] = ()) -> Harvest:
    """Remove related, tag, source and share blocks below `root`, returning what they
    carried. Other boilerplate (navigation, comments, ads) is left to the block walk,
    which weighs it against the text around it."""
    harvest = Harvest()
    for selector in extra_css:
        for el in css(selector)(root):
            harvest.remove(el)
    for el in list(root.iter(*BOILERPLATE_TAGS)):
        harvest.remove(el)
    # A class token alone never removes the body: a block holding half of the text
    # below `root` is a wrapper ('article-widget', 'body -new-header-block').
    wrapper_chars = text_length(root) // 2
    # Walk top-down in document order; a removed block takes its descendants with it.
    stack = [c for c in reversed(root) if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        if not _strip_block(el, base_url, harvest, wrapper_chars):
            stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
    return harvest


def text_length(el: HtmlElement) -> int:
    """Characters of text below an element (computed inside libxml2, not in Python)."""
    return int(el.xpath("string-length(normalize-space(.))"))


# A block under a read-also heading with this much text and links under this share of it
# is the article's continuation (a 'Read more' expander), not a related box.
PROSE_BOX_CHARS = 500
PROSE_BOX_LINK_SHARE = 0.2
_ANY_BLOCK_TOKENS = TAG_CLASS_TOKENS + RELATED_CLASS_TOKENS


@short_key_cache(maxsize=CLASS_MEMO_SIZE, max_chars=CLASS_MEMO_CHARS)
def _block_names(attrs: str) -> bool:
    """True when a class/id string names a tag or related block (cached: pages and sites
    repeat their class strings)."""
    return names_hold(attrs, _ANY_BLOCK_TOKENS)


@cache
def _line_starts() -> frozenset[str]:
    """First words of every phrase a credit, share, tag or read-also line starts with."""
    phrases = RELATED_HEADINGS + TAG_HEADINGS + SOURCE_PREFIXES + SHARE_PHRASES
    return frozenset(normalize_arabic(p).split()[0] for p in phrases)


def _may_be_line(text: str) -> bool:
    """Cheap test before the line checks: the text starts with one of their words."""
    return _starts_with_one_of(text, _line_starts())


def _strip_block(el: HtmlElement, base: str, harvest: Harvest, wrapper_chars: int) -> bool:
    """Harvest and remove `el` when it is a related, tag, source or share block."""
    attrs = element_names(el)
    if attrs and not _block_names[attrs]:
        attrs = ""  # one search rules out both lists (the common case)
    if attrs and text_length(el) > wrapper_chars:
        attrs = ""
    heading = _block_heading(el)
    if names_hold(attrs, TAG_CLASS_TOKENS) or (heading and is_heading(heading, TAG_HEADINGS)):
        _add_tags(harvest.tags, _tags(el))
        harvest.remove(el)
        return True
    if names_hold(attrs, RELATED_CLASS_TOKENS) or (heading and is_heading(
            heading, RELATED_HEADINGS) and not _prose_box(el)):
        harvest.related.extend(_links(el, base))
        harvest.remove(el)
        return True
    # Credit lines and share prompts are short leaves: no need to read big containers
    # (nor, in 2,000 nested divs, the whole page again at every level).
    if len(el) > 4 or el.tag not in _LINE_TAGS or any(c.tag in BLOCK_TAGS for c in el):
        return False
    head = el.text
    if head and head[:1].strip() and " " in head.strip() and not _may_be_line(head[:80]):
        return False  # its first word, read without gathering all its text, rules it out
    raw = el.text_content()
    if len(raw) >= 400 or not _may_be_line(raw):
        return False
    text = tidy(raw)
    if len(text) >= 200:
        return False
    if ((title := inline_related(text)) and (el.find(".//a") is not None
                                             or not title.endswith("."))) \
            or _heading_then_links(el, text):
        # "اقرأ أيضاً: <a>…</a>" as a line of the body: keep the link, drop the line.
        harvest.related.extend(_links(el, base) or [{"title": title, "url": None}])
        harvest.remove(el)
        return True
    if heading := tags_start().match(text):
        found = _tags(el) or [t for t in re.split(r"\s*[,،|]\s*", text[heading.end():]) if t]
        _add_tags(harvest.tags, found)
        harvest.remove(el)
        return True
    if len(text) < 80 and (credit := source_from_line(text)):
        harvest.source = harvest.source or credit
        harvest.remove(el)
        return True
    if len(text) < 40 and is_share_prompt(text):
        harvest.remove(el)
        return True
    return False


def _prose_box(el: HtmlElement) -> bool:
    """True when a block under a read-more heading is prose, not a list of links: the
    rest of the article behind a 'Read more' expander."""
    chars = text_length(el)
    if chars < PROSE_BOX_CHARS:
        return False
    link_chars = sum(text_length(a) for a in el.iter("a"))
    return link_chars < PROSE_BOX_LINK_SHARE * chars


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


def _add_tags(tags: list[str], found: list[str]) -> None:
    """Append the tags not there yet (a set for membership: pages list thousands)."""
    known = set(tags)
    for tag in found:
        if tag not in known:
            known.add(tag)
            tags.append(tag)
