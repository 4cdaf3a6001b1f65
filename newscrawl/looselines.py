"""Loose lines: short text in boxes of their own, in a body written in paragraphs.

When most of a body's text stands in <p> elements, a short line in a box nested away
from them, or in a box that holds an image or a player, is what the template prints
around the story: photo captions and credits, bylines, time stamps, share and audio
controls, newsletter prompts. Their class names often say so, but on a site whose names
the vocabulary does not know they stayed in the body (benchmarks/extraction.py
--names-hidden). Text the editor set beside the paragraphs stays: text between them in
the element that holds them, a <div> among the <p>s (pasted paragraphs, interview
questions, bold subheads), a long line, a line before the first paragraph (a standfirst)
and anything inside a list, table, quote, heading or details box.
"""

from __future__ import annotations

from lxml import html as lxml_html

from newscrawl.blocks import Blocks
from newscrawl.punctuation import SENTENCE_END
from newscrawl.vocabulary import CONTENT_BOX_TAGS, MEDIA_TAGS

HtmlElement = lxml_html.HtmlElement
Line = tuple[int, int, int, str]
# Paragraph elements must hold at least this share of the body's characters.
PARAGRAPH_SHARE = 0.5
# A loose line this long is prose (a caption or a byline is shorter).
LOOSE_PROSE_CHARS = 400
# A line before the first paragraph, at least this long, is the standfirst.
STANDFIRST_MIN_CHARS = 60


def without_loose(blocks: Blocks, lines: list[Line]) -> list[Line]:
    """The body's `lines` without its loose lines, when it is written in paragraphs."""
    elements, parents = blocks.elements, blocks.parents
    total = in_paragraphs = 0
    first = -1
    holders = set()  # the elements that hold the paragraphs
    for k, (owner, chars, _links, _text) in enumerate(lines):
        total += chars
        if elements[owner].tag == "p":
            in_paragraphs += chars
            holders.add(parents[owner])
            if first < 0:
                first = k
    if not total or in_paragraphs < PARAGRAPH_SHARE * total:
        return lines
    boxed: dict[int, bool] = {}
    out = []
    for k, line in enumerate(lines):
        owner, chars, _links, text = line
        if (chars < LOOSE_PROSE_CHARS and elements[owner].tag != "p" and owner not in holders
                and not _in_box(blocks, owner, boxed) and _loose(
                    blocks, owner, holders, k < first and chars >= STANDFIRST_MIN_CHARS, text)):
            continue
        out.append(line)
    return out


def _loose(blocks: Blocks, owner: int, holders: set[int], before: bool, text: str) -> bool:
    """True for a line's box set apart from the paragraphs: a box among them (below the
    element that holds them) with media on its way up, or a box outside (a header's
    byline, a gallery's caption). A long line before the first paragraph is the
    standfirst when it ends a sentence or its box and the one around hold no media."""
    parents, elements = blocks.parents, blocks.elements
    chain = []
    index = owner
    while index >= 0 and index not in holders:
        chain.append(index)
        index = parents[index]
    if index >= 0:  # among the paragraphs
        return any(_holds_media(elements[i]) for i in chain)
    if not before or SENTENCE_END.search(text):
        return not before
    return any(_holds_media(elements[i]) for i in chain[:2])


def _holds_media(el: HtmlElement) -> bool:
    return next(el.iter(*MEDIA_TAGS), None) is not None


def _in_box(blocks: Blocks, index: int, memo: dict[int, bool]) -> bool:
    """True when the element or one above it is a content box (list, table, quote,
    heading); memoised along the way up."""
    path = []
    found = False
    while index >= 0:
        if index in memo:
            found = memo[index]
            break
        path.append(index)
        if blocks.elements[index].tag in CONTENT_BOX_TAGS:
            found = True
            break
        index = blocks.parents[index]
    for i in path:
        memo[i] = found
    return found
