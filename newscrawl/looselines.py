"""Loose lines: text outside paragraphs, in a body written in paragraphs.

When most of a body's text stands in <p> elements, a short line that sits directly in
another box (a <div>, a <section>, a captioned <span>) is what the template prints
around the story: photo captions and credits, bylines, time stamps, share and audio
controls, newsletter prompts. Their class names often say so, but on a site whose names
the vocabulary does not know they stayed in the body (benchmarks/extraction.py
--names-hidden). A long line is prose wherever it stands, and so is a sentence printed
before the first paragraph (the standfirst many templates set in a <div>); lists, tables,
quotes and subheads are content boxes of their own.
"""

from __future__ import annotations

from newscrawl.blocks import Blocks
from newscrawl.linekinds import SENTENCE_END
from newscrawl.vocabulary import CONTENT_BOX_TAGS, PARAGRAPH_TAGS

Line = tuple[int, int, int, str]
# Paragraph elements must hold at least this share of the body's characters.
PARAGRAPH_SHARE = 0.5
# A loose line this long is prose (a caption or a byline is shorter).
LOOSE_PROSE_CHARS = 400
# A sentence before the first paragraph, at least this long, is the standfirst.
STANDFIRST_MIN_CHARS = 60


def without_loose(blocks: Blocks, lines: list[Line]) -> list[Line]:
    """The body's `lines` without its loose lines, when it is written in paragraphs."""
    elements, parents = blocks.elements, blocks.parents
    total = in_paragraphs = 0
    first = -1
    # Text set between the paragraphs, in the element that holds them, is body text.
    holders = set()
    for k, (owner, chars, _links, _text) in enumerate(lines):
        total += chars
        if elements[owner].tag in PARAGRAPH_TAGS:
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
        if (elements[owner].tag not in PARAGRAPH_TAGS
                and chars < LOOSE_PROSE_CHARS and owner not in holders
                and not _in_box(blocks, owner, boxed)
                and not (k < first and chars >= STANDFIRST_MIN_CHARS
                         and SENTENCE_END.search(text))):
            continue
        out.append(line)
    return out


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
