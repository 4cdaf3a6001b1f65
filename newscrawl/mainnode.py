"""Generic main content: the subtree where prose outweighs boilerplate.

Every line of text scores: prose adds its non-link characters, link text and short
labels subtract, and a line inside page furniture (newscrawl.blocks) subtracts all it
holds. A subtree's score is the sum of its lines, with losses counted at half weight so
that a byline or a share bar between paragraphs does not split an article in two. The
best subtree wins; sibling blocks that score well too are merged with it (sites that put
every paragraph in its own wrapper). Lines inside furniture and link lists are left out
of the body even inside the chosen subtree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

from newscrawl.blocks import Blocks, walk
from newscrawl.furniture import SOFT
from newscrawl.knownbody import around_parts, known_body, known_container, known_parts
from newscrawl.looselines import without_loose
from newscrawl.textnorm import tidy
from newscrawl.vocabulary import UNSEEN_TAGS

HtmlElement = lxml_html.HtmlElement

# Per line: characters of non-link text, minus LINK_PENALTY per link character, minus
# LINE_COST (a ten-character label is a loss, a sentence a gain).
LINK_PENALTY = 2.0
LINE_COST = 25.0
# Losses count this much when they add up in a subtree.
LOSS_WEIGHT = 0.5
# A sibling joins the best subtree when it scores this share of it (and at least
# SIBLING_MIN).
SIBLING_SHARE = 0.2
SIBLING_MIN = 50.0
# A best subtree of at most this many lines is one paragraph's wrapper: its siblings from
# the same template are paragraphs too (several lines make it an article of a series).
TEMPLATE_LINES = 3
# A known container's body shorter than this is still doubted (a teaser in the container).
KNOWN_LONG_CHARS = 500
# A furniture-named box that wraps most of the page is excused when the best subtree lies
# in it or it holds this share of the best subtree's score.
WRAPPER_HOLDS = 0.5
# A short line that is mostly link text is navigation, not prose: at LINK_LINE_SHARE, or
# at LINK_HEADLINE_SHARE when it does not end a sentence (a list of linked headlines).
LINK_LINE_SHARE = 0.8
LINK_HEADLINE_SHARE = 0.5
LINK_LINE_MAX = 200


@dataclass
class MainContent:
    """The chosen subtree, the siblings merged with it, and what the choice rests on."""

    node: HtmlElement
    parts: list[int]  # element indexes in `blocks`: the best subtree and merged siblings
    page_chars: int  # characters of text outside furniture on the whole page
    blocks: Blocks
    furniture: list[bool]
    known: bool = False  # a known body container (BODY_SELECTORS) holds most of it
    share: float = 0.0  # its score over all the prose the page holds
    prose: bool = True  # False: no line anywhere reads as prose (a listing, a link hub)

    def known_and_long(self, lines: list[str]) -> bool:
        """The CMS body container holds the page's prose and gave a body of some length:
        nothing to doubt (doubting it on other signals changed 1 of 159 such pages of the
        tuning half, for the worse)."""
        return self.known and sum(map(len, lines)) >= KNOWN_LONG_CHARS


def line_score(chars: int, links: int) -> float:
    """What one line adds to the subtree it is in."""
    return (chars - links) - LINK_PENALTY * links - LINE_COST


def choose(doc: HtmlElement) -> MainContent:
    """The page's known body container when it clearly holds the article, else the
    best-scoring subtree of the page with its well-scoring siblings."""
    known = known_body(doc)
    if known is None:
        return _best_subtree(doc)
    # Only the container is walked: on a heavy page the whole-page walk is the costliest
    # step of extraction, and it would end in the same container.
    node, share, lengths, containers = known
    # The body split into known containers apart ('div.story-body-1' … '-2' in their
    # own wrappers): walk the box around them, which narrows to the parts again.
    main = _best_subtree(around_parts(containers, node, lengths))
    main.known, main.share, main.page_chars = True, share, 0
    return main


def whole(node: HtmlElement) -> MainContent:
    """All of `node` as the body (a site profile's element), furniture inside left out."""
    blocks = walk(node)
    parts = [0] if blocks.elements else []
    return MainContent(node, parts, 0, blocks, blocks.in_furniture(blocks.wrappers()))


def _best_subtree(root: HtmlElement) -> MainContent:
    """The best-scoring subtree below `root`, with its well-scoring siblings.

    A furniture-marked box that wraps most of the page's text is excused only when the
    best subtree lies inside it (the page is in the box); otherwise (a long comment
    thread beside the article) it is furniture again and the choice is made once more.
    """
    blocks = walk(root)
    if not blocks.elements:
        return MainContent(root, [], 0, blocks, [])
    excused = blocks.wrappers()
    scored = _scores(blocks, excused)
    if excused:
        best, scores = scored[0], scored[1]
        around = blocks.ancestors(best)
        # Excused: a box the best subtree lies in, or one holding most of its score (the
        # article's text in a box with a misleading name beside its headline) unless it
        # is named as a comment thread.
        marks = blocks.furniture
        kept = {w for w in excused if w in around or (
            marks[w] == SOFT and scores[w] >= WRAPPER_HOLDS * scores[best])}
        if kept != excused:
            excused = kept
            scored = _scores(blocks, excused)
    best, scores, furniture, lines, page_chars, prose = scored
    if scores[best] <= 0:
        # No prose anywhere (a listing, a link hub): no body, but the page's link text
        # still tells what kind of page it is.
        return MainContent(root, [0], page_chars, blocks, furniture, prose=False)
    inner = known_container(blocks, best, scores)
    if inner is not None:
        parts = known_parts(blocks, best, inner, scores, furniture)
        return MainContent(blocks.elements[inner], parts, page_chars, blocks, furniture,
                           known=True, share=sum(scores[i] for i in parts) / prose)
    parts = _with_siblings(blocks, best, scores, furniture, lines[best] <= TEMPLATE_LINES)
    return MainContent(blocks.elements[best], parts, page_chars, blocks,
                       furniture, share=sum(max(0.0, scores[i]) for i in parts) / prose)


def _scores(blocks: Blocks, excused: set[int]
            ) -> tuple[int, list[float], list[bool], list[int], int, float]:
    """(best element, subtree scores, in furniture, lines per subtree, characters of text
    outside furniture, what all prose lines would score together)."""
    count = len(blocks.elements)
    furniture = blocks.in_furniture(excused)
    scores = [0.0] * count
    lines = [0] * count  # lines in each subtree
    page_chars = 0
    prose = 0.0
    for owner, chars, links, _text in blocks.lines:
        lines[owner] += 1
        if furniture[owner]:
            scores[owner] -= LOSS_WEIGHT * chars
            continue
        page_chars += chars - links
        value = line_score(chars, links)
        if value > 0:
            prose += value
            scores[owner] += value
        else:
            scores[owner] += LOSS_WEIGHT * value
    parents = blocks.parents
    for i in range(count - 1, 0, -1):
        scores[parents[i]] += scores[i]
        lines[parents[i]] += lines[i]
    # Ties go to the innermost element: 2,000 wrappers around one article are not it.
    best = max(range(count - 1, -1, -1), key=scores.__getitem__)
    return best, scores, furniture, lines, page_chars, prose


def _with_siblings(blocks: Blocks, best: int, scores: list[float], furniture: list[bool],
                   by_template: bool) -> list[int]:
    """`best` and the siblings that belong with it: those that score well and, when `best`
    is one paragraph's wrapper, those made from the same template (same tag and class:
    '<div class="block">' per paragraph)."""
    parent = blocks.parents[best]
    if parent < 0:
        return [best]
    elements = blocks.elements
    # A template has a name, or is a paragraph: bare <div>s side by side are anything (a
    # slogan, the headline), bare <p>s are paragraphs.
    tag, cls = elements[best].tag, elements[best].get("class")
    template = (tag, cls) if by_template and (cls or tag == "p") else None
    floor = max(SIBLING_MIN, SIBLING_SHARE * scores[best])
    return [i for i in range(parent + 1, len(elements)) if blocks.parents[i] == parent
            and (i == best or (not furniture[i] and (
                scores[i] >= floor or (elements[i].tag, elements[i].get("class")) == template)))]


_SENTENCE_END = re.compile(r"[.!?؟۔。！？…:؛]\W{0,3}$")


def _link_line(chars: int, links: int, text: str) -> bool:
    """True for a short line of navigation or linked headlines, not prose with links."""
    if chars >= LINK_LINE_MAX:
        return False
    return links >= LINK_LINE_SHARE * chars or (
        links >= LINK_HEADLINE_SHARE * chars and not _SENTENCE_END.search(text))


def body_lines(main: MainContent, removed: list[HtmlElement] | tuple[()] = (),
               removed_from: list[HtmlElement] | tuple[()] = ()) -> tuple[list[str], int]:
    """Body lines of the chosen parts, leaving out furniture, link lists and the elements
    stripped since the walk (`removed_from`: the parent each sat in); and the link
    characters of all lines outside furniture (what tells a listing from an article)."""
    blocks, furniture = main.blocks, main.furniture
    count, parents = len(blocks.elements), blocks.parents
    in_part = [False] * count
    for part in main.parts:
        in_part[part] = True
    gone = [False] * count
    lines = blocks.lines
    if removed:
        position = {el: i for i, el in enumerate(blocks.elements)}
        dirty = set()
        for el, parent in zip(removed, removed_from or [None] * len(removed), strict=True):
            if el in position:
                gone[position[el]] = True
            elif el.tag not in UNSEEN_TAGS:
                # An inline element's text is inside its block's line: that block is read
                # again without it.
                owner = parent
                while owner is not None and owner not in position:
                    owner = owner.getparent()
                if owner is not None:  # else it sat outside the walked tree: no line of ours
                    dirty.add(position[owner])
        if dirty:
            lines = _reread(blocks, dirty, position)
            if lines is None:
                return _lines_of([blocks.elements[i] for i in main.parts])
    for i in range(1, count):  # document order: a parent comes before its children
        parent = parents[i]
        in_part[i] = in_part[i] or in_part[parent]
        gone[i] = gone[i] or gone[parent]
    keep = [in_part[i] and not gone[i] and not furniture[i] for i in range(count)]
    mine = [line for line in lines if keep[line[0]]]
    # Link text of every line, loose ones too: what tells a listing from an article.
    link_chars = sum(line[2] for line in mine)
    kept, _ = _kept(without_loose(blocks, mine))
    return (kept if main.prose else []), link_chars


def _reread(blocks: Blocks, dirty: set[int], position: dict[HtmlElement, int]
            ) -> list[tuple[int, int, int, str]] | None:
    """The walk's lines with the subtrees of `dirty` elements read again (an inline element
    was stripped from them); None when the tree changed in a way the walk cannot map."""
    lines = blocks.lines
    for index in sorted(dirty):
        below = blocks.below(index)
        fresh = walk(blocks.elements[index])
        mapped = [position.get(el) for el in fresh.elements]
        if None in mapped:
            return None
        new = [(mapped[owner], chars, links, text) for owner, chars, links, text in fresh.lines]
        inside = [k for k, line in enumerate(lines) if below[line[0]]]
        if not inside:
            continue  # no text there any more than before
        lines = [*lines[:inside[0]], *new, *lines[inside[-1] + 1:]]
    return lines


def _lines_of(parts: list[HtmlElement]) -> tuple[list[str], int]:
    """Body lines and link characters of elements walked afresh."""
    out: list[str] = []
    link_chars = 0
    for part in parts:
        blocks = walk(part)
        furniture = blocks.in_furniture(blocks.wrappers())
        lines, links = _kept([line for line in blocks.lines if not furniture[line[0]]])
        out.extend(lines)
        link_chars += links
    return out, link_chars


def _kept(lines: list[tuple[int, int, int, str]]) -> tuple[list[str], int]:
    """Tidy text of the lines that are not link lines, and the link characters of all."""
    out: list[str] = []
    link_chars = 0
    for _owner, chars, links, text in lines:
        link_chars += links
        if not _link_line(chars, links, text):
            line = tidy(text)
            if line:
                out.append(line)
    return out, link_chars
