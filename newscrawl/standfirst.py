"""The article's standfirst: the summary a page prints under its headline, above the body.

Most article templates print the page's description (its `description` / `og:description`
meta) as a lead paragraph in the article's header, outside the element that holds the
paragraphs, so a body chosen as that element leaves it out. A reader reads it as the
article's first paragraph (the flattened-text cleaner keeps it as the deck for the same
reason), so it opens the body when the page prints it as text between the headline and
the body's first paragraph, in no furniture of its own (a share box, a breadcrumb, a
hidden or dialog box), not as a link, and not already in the body. A site-wide
description printed in the site's header, sidebar or footer is outside that span.
"""

from __future__ import annotations

import re
from itertools import islice

from lxml import etree
from lxml import html as lxml_html

from newscrawl.furniture import NONE, furniture_mark
from newscrawl.parsing import CONTROL_CHARS
from newscrawl.textnorm import tidy
from newscrawl.vocabulary import BLOCK_TAGS, INLINE_TAGS, UNSEEN_TAGS

HtmlElement = lxml_html.HtmlElement
_WORD = re.compile(r"\w+")
# Characters an XPath string cannot hold (XML 1.0 excludes them).
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")
_OWN_BOX_NAME = re.compile("header|masthead|teaser", re.IGNORECASE)
# The first text nodes of the page's body holding a string (no list of every match).
_HOLDING = "(//body//text()[contains(., $p)])[position() <= $n]"

# A description shorter than this (characters) is a label, not a summary.
MIN_CHARS = 60
# The description's opening words looked for in the page's text; an opening longer than
# this (characters) is no sentence (and would make the substring search slow).
PREFIX_WORDS = 6
MAX_OPENING_CHARS = 120
# The printed lead holds the description and, when the meta tag cut it short ('…'), at
# most this much more text; one that is complete may grow by a few characters only.
MAX_GROWTH = 1.5
CUT_SLACK_CHARS = 300
# ... or holds this share of the description's start (the rest being the site's name).
PRINTED_SHARE = 0.8
SLACK_CHARS = 12
# The printed lead may open with a dateline ('Berlin. …') of at most this many characters.
DATELINE_CHARS = 30
# Looked at: at most this many places holding the opening words, each looked back from
# this many characters for the tag or script it may be in.
MAX_HITS = 20
LOOK_BACK = 200_000
# A lead is a paragraph: a block holding more elements than this is a box around others,
# and one whose raw text (spaces and all) runs this far past the lead's length holds more.
MAX_LEAD_ELEMENTS = 30
MAX_LEAD_SPACE = 2000
# A body this long (characters) gains nothing from a lead, and reading it costs.
MAX_BODY_CHARS = 200_000


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def standfirst(doc: HtmlElement, html_text: str | None, description: str | None,
               body: list[str], headline: HtmlElement | None) -> str | None:
    """The printed lead matching `description` (`html_text`: the decoded page, where its
    opening words are looked for first), between `headline` and the body's first line,
    when the body does not hold it yet."""
    if not description or len(description) < MIN_CHARS or headline is None or not body \
            or sum(map(len, body)) > MAX_BODY_CHARS:
        return None
    opening = _opening(description)
    if not opening or any(opening in line for line in body) \
            or (html_text is not None and not _printed(html_text, opening)):
        return None
    # A description cut short ends mid-word: match it without its last word.
    cut = description.rstrip().endswith(("…", "..."))
    want = _key(description.rstrip("….").rsplit(None, 1)[0] if cut else description)
    have = _key("\n".join(body))
    if len(want.split()) < PREFIX_WORDS or want in have:
        return None
    # Cut short, the description may be a fraction of the printed lead.
    longest = max(MAX_GROWTH * len(want), len(want) + CUT_SLACK_CHARS) if cut \
        else len(want) + SLACK_CHARS
    order: dict[HtmlElement, int] = {}
    for owner in _owners(doc, opening):
        raw = owner.text_content()
        if len(raw) > 2 * longest + DATELINE_CHARS + MAX_LEAD_SPACE:
            continue  # far longer than the lead (and costly to read on a hostile page)
        text = tidy(raw)
        key = _key(text)
        at = key.find(want)
        # The meta tag may add the site's name ('… - VnExpress'): the printed lead is then
        # the description's start.
        if at < 0 and len(key) >= PRINTED_SHARE * len(want) and want.startswith(key):
            at = 0
        if 0 <= at <= DATELINE_CHARS and len(key) - at <= longest \
                and key not in have and not _mostly_links(owner, len(text)):
            # Page order, counted once and only for a page that prints a candidate.
            order = order or {el: i for i, el in enumerate(doc.iter())}
            if _between(doc, order, headline, owner, body[0]):
                return text
    return None


def _owners(doc: HtmlElement, opening: str) -> list[HtmlElement]:
    """Paragraph-sized blocks whose printed text (not a script's) holds `opening`."""
    found = []
    for node in _text_nodes(doc, opening):
        if not node.is_tail and node.getparent().tag in UNSEEN_TAGS:
            continue  # a script's state or a template, not printed text
        owner = _block_of(node)
        if owner is not None and sum(1 for _ in islice(owner.iter(), MAX_LEAD_ELEMENTS + 1)) \
                <= MAX_LEAD_ELEMENTS:
            found.append(owner)
    return found


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
    opening = " ".join(parts[:PREFIX_WORDS])
    if len(parts) < PREFIX_WORDS or len(opening) > MAX_OPENING_CHARS \
            or _NOT_XML.search(opening) or CONTROL_CHARS.search(opening):
        return None
    return opening


def _block_of(node: etree._ElementUnicodeResult) -> HtmlElement | None:
    """The nearest block element holding a text node."""
    el = node.getparent()
    while el is not None and (el.tag in INLINE_TAGS or el.tag not in BLOCK_TAGS):
        if el.tag in ("body", "html"):
            return None
        el = el.getparent()
    return el


def _between(doc: HtmlElement, order: dict[HtmlElement, int], headline: HtmlElement,
             owner: HtmlElement, first_line: str) -> bool:
    """True when `owner` comes after the headline and before the body's first line in
    the page (`order`: each element's place), and no box between it and the headline's
    box is furniture."""
    shared = set(headline.iterancestors())
    node: HtmlElement | None = owner
    while node is not None and node not in shared:
        if _boxed(node):
            return False
        node = node.getparent()
    first = _opening(first_line)
    if owner not in order or headline not in order or order[owner] <= order[headline]:
        return False
    if first is None:
        return True
    body_start = next((order[o] for o in _first_owners(doc, first) if o in order), None)
    return body_start is None or order[owner] < body_start


def _boxed(node: HtmlElement) -> bool:
    """True when `node` is furniture for a reason other than a 'header' or 'teaser' in its
    name: the article's header holds its lead ('article-header__standfirst'), many sites
    call the lead its teaser ('article__teaser'), and the site's header and other
    stories' teasers are not between the headline and the body anyway."""
    if furniture_mark(node) == NONE:
        return False
    attrs = {k: _OWN_BOX_NAME.sub(" ", v) if k in ("class", "id") else v
             for k, v in node.attrib.items()}
    return furniture_mark(lxml_html.Element(node.tag, attrs)) != NONE


def _first_owners(doc: HtmlElement, opening: str) -> list[HtmlElement]:
    return [owner for node in _text_nodes(doc, opening)
            if (owner := _block_of(node)) is not None]


def _text_nodes(doc: HtmlElement, opening: str) -> list[etree._ElementUnicodeResult]:
    """The first MAX_HITS text nodes of the page's body holding `opening`."""
    try:
        return doc.xpath(_HOLDING, p=opening, n=MAX_HITS)
    except (ValueError, etree.XPathError):  # a string libxml2 will not take
        return []


def _mostly_links(el: HtmlElement, chars: int) -> bool:
    links = sum(len(tidy(a.text_content())) for a in el.iter("a"))
    return links > 0.3 * chars
