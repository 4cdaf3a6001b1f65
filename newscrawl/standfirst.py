"""The article's standfirst: the summary a page prints under its headline, above the body.

Most article templates print the page's description (its `description` / `og:description`
meta) as a lead paragraph in the article's header, outside the element that holds the
paragraphs, so a body chosen as that element leaves it out. A reader reads it as the
article's first paragraph (the flattened-text cleaner keeps it as the deck for the same
reason), so it opens the body when the page prints it as text: outside navigation, asides,
footers and consent boxes, not as a link, and not already in the body.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from newscrawl.blocks import HARD, furniture_mark
from newscrawl.textnorm import tidy
from newscrawl.vocabulary import BLOCK_TAGS, INLINE_TAGS, UNSEEN_TAGS

HtmlElement = lxml_html.HtmlElement
_WORD = re.compile(r"\w+")

# A description shorter than this (characters) is a label, not a summary.
MIN_CHARS = 60
# The description's opening words looked for in the page's text.
PREFIX_WORDS = 6
# The printed lead holds the description (cut short with '…' or not) and at most this
# much more text.
MAX_GROWTH = 1.5
# The printed lead may open with a dateline ('Berlin. …') of at most this many characters.
DATELINE_CHARS = 30
# Looked at: at most this many places holding the opening words, each looked back from
# this many characters for the tag or script it may be in.
MAX_HITS = 20
LOOK_BACK = 200_000


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def standfirst(doc: HtmlElement, html_text: str | None, description: str | None,
               body: list[str], title: str | None = None) -> str | None:
    """The printed lead matching `description` (`html_text`: the decoded page, where its
    opening words are looked for first), when the body does not hold it yet."""
    if not description or len(description) < MIN_CHARS:
        return None
    opening = _opening(description)
    if not opening or any(opening in line for line in body) \
            or (html_text is not None and not _printed(html_text, opening)):
        return None
    # A description cut short ends mid-word: match it without its last word.
    want = _key(description.rstrip("….").rsplit(None, 1)[0])
    have = _key("\n".join(body))
    if len(want.split()) < PREFIX_WORDS or want in have or (title and want in _key(title)):
        return None
    nodes = doc.xpath("//body//text()[contains(., $p)]", p=opening)
    for node in nodes[:MAX_HITS]:
        if not node.is_tail and node.getparent().tag in UNSEEN_TAGS:
            continue  # a script's state or a template, not printed text
        owner = _block_of(node)
        if owner is None or _in_furniture(owner):
            continue
        text = tidy(owner.text_content())
        key = _key(text)
        if 0 <= key.find(want) <= DATELINE_CHARS and len(key) <= MAX_GROWTH * len(want) + 20 \
                and key not in have and not _mostly_links(owner, len(text)):
            return text
    return None


def _printed(html_text: str, opening: str) -> bool:
    """True when the markup holds `opening` as text of its body: not in the head (the meta
    tag itself), a script's state or a tag's attribute. Most pages do not print their
    description: a few searches of the markup rule them out before any tree walk."""
    at = max(0, html_text.find("<body"))
    for _ in range(MAX_HITS):
        at = html_text.find(opening, at + 1)
        if at < 0:
            return False
        # Looked back a bounded way (a 20 MB page costs no more); the tree walk that
        # follows skips script text the window missed.
        back = max(0, at - LOOK_BACK)
        in_script = html_text.rfind("<script", back, at) > html_text.rfind("</script", back, at)
        in_tag = html_text.rfind("<", back, at) > html_text.rfind(">", back, at)
        if not in_script and not in_tag:
            return True
    return False


def _opening(description: str) -> str | None:
    """The description's first words as printed (one text node holds them)."""
    parts = description.split()
    return " ".join(parts[:PREFIX_WORDS]) if len(parts) >= PREFIX_WORDS else None


def _block_of(node: etree._ElementUnicodeResult) -> HtmlElement | None:
    """The nearest block element holding a text node."""
    el = node.getparent()
    while el is not None and (el.tag in INLINE_TAGS or el.tag not in BLOCK_TAGS):
        if el.tag in ("body", "html"):
            return None
        el = el.getparent()
    return el


def _in_furniture(el: HtmlElement) -> bool:
    """Inside a landmark (nav, aside, footer), a consent box or a hidden element."""
    node: HtmlElement | None = el
    while node is not None:
        if furniture_mark(node) == HARD or node.get("hidden") is not None \
                or node.get("aria-hidden") == "true":
            return True
        node = node.getparent()
    return False


def _mostly_links(el: HtmlElement, chars: int) -> bool:
    links = sum(len(tidy(a.text_content())) for a in el.iter("a"))
    return links > 0.3 * chars
