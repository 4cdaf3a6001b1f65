"""Known body containers: the elements CMSs put the article body in (BODY_SELECTORS).

When one of them holds most of the page's paragraph text it is the body and the rest of
the page need not be walked; inside a chosen subtree, one holding most of its score
narrows the choice to it. A body split into several containers apart (above and below a
photo or an ad) keeps all its parts.
"""

from __future__ import annotations

from lxml import html as lxml_html

from newscrawl.blocks import Blocks
from newscrawl.furniture import BODY_CLASS_NAMES
from newscrawl.keycache import CLASS_MEMO_CHARS, CLASS_MEMO_SIZE, short_key_cache
from newscrawl.vocabulary import BODY_CONTAINER_TAGS, BODY_SELECTORS

HtmlElement = lxml_html.HtmlElement

# A known body container holding this share of the page's paragraph text (and at least
# KNOWN_MIN_CHARS of it) is the body, no page walk needed.
KNOWN_SHARE = 0.8
KNOWN_MIN_CHARS = 200
# Teaser cards hold paragraphs too: only a paragraph's length past this counts.
TEASER_CHARS = 80
# Inside the best subtree, a known body container (BODY_SELECTORS) scoring this share of
# it is the body: the rest is the article's header (headline, byline, date) or footer.
NARROW_SHARE = 0.8
# Another known container apart from the chosen one, holding this share of its text, is
# a part of the same body ('div.story-body-1' above a photo, 'div.story-body-2' below).
PART_SHARE = 0.1


Known = tuple[HtmlElement, float, dict[HtmlElement, int], list[HtmlElement]]


def known_body(doc: HtmlElement) -> Known | None:
    """The innermost known body container (BODY_SELECTORS) holding KNOWN_SHARE of the
    page's paragraph text, with that share, the paragraph lengths it was measured by and
    every known container of the page (for `around_parts`); None when no container does."""
    lengths = {p: max(0, _text_chars(p) - TEASER_CHARS) for p in doc.iter("p")}
    total = sum(lengths.values())
    if total < KNOWN_MIN_CHARS:
        return None
    containers = [el for el in doc.iter(*_CONTAINER_TAGS) if is_body_container(el)]
    found = None
    for el in containers:
        held = sum(lengths.get(p, 0) for p in el.iter("p"))
        if held >= KNOWN_SHARE * total and held >= KNOWN_MIN_CHARS:
            found = el  # document order: a later one is inside
            share = held / total
    return None if found is None else (found, share, lengths, containers)


def _text_chars(el: HtmlElement) -> int:
    """len(el.text_content()), without building the string for a paragraph of plain text
    (most are: a third of the cost)."""
    return len(el.text or "") if not len(el) else len(el.text_content())


_BODY_IDS = frozenset(s[1:] for s in BODY_SELECTORS if s.startswith("#"))
_BODY_TAGS = frozenset(s for s in BODY_SELECTORS if s[0].isalpha())
# The tags a body container is found on (lxml filters tags in C).
_CONTAINER_TAGS = tuple(dict.fromkeys([*BODY_CONTAINER_TAGS, *_BODY_TAGS]))


def is_body_container(el: HtmlElement) -> bool:
    """True when the element is one of the CMS body containers of BODY_SELECTORS."""
    if el.tag in _BODY_TAGS:
        return True
    for name in el.keys():  # one call; most elements have one attribute or none
        if name == "class":
            if _body_class[el.get(name)]:
                return True
        elif name == "id":
            if el.get(name) in _BODY_IDS:
                return True
        elif name == "itemprop" and el.get(name) == "articleBody":
            return True
    return False


@short_key_cache(maxsize=CLASS_MEMO_SIZE, max_chars=CLASS_MEMO_CHARS)
def _body_class(value: str) -> bool:
    return not BODY_CLASS_NAMES.isdisjoint(value.split())


def known_container(blocks: Blocks, best: int, scores: list[float]) -> int | None:
    """The innermost known body container below `best` that holds most of its score."""
    if scores[best] <= 0:
        return None
    floor = NARROW_SHARE * scores[best]
    found = None
    for i, inside in enumerate(blocks.below(best)[best + 1:], start=best + 1):
        if not inside:
            break
        if scores[i] >= floor and is_body_container(blocks.elements[i]):
            found = i
    return found


def known_parts(blocks: Blocks, best: int, inner: int, scores: list[float],
                 furniture: list[bool]) -> list[int]:
    """`inner` and the other known body containers below `best`, apart from it, that
    score PART_SHARE of `best`: one body split around a photo or an ad
    ('div.story-body-1' … 'div.story-body-2')."""
    around = blocks.ancestors(inner)
    inside = blocks.below(inner)
    floor = PART_SHARE * scores[best]
    parts = [inner]
    covered = inside
    for i, below in enumerate(blocks.below(best)[best + 1:], start=best + 1):
        if not below:
            break
        if covered[i] or i in around or furniture[i] or scores[i] < floor \
                or not is_body_container(blocks.elements[i]):
            continue
        parts.append(i)
        covered = [a or b for a, b in zip(covered, blocks.below(i), strict=True)]
    return sorted(parts)


def around_parts(containers: list[HtmlElement], node: HtmlElement,
                 lengths: dict[HtmlElement, int]) -> HtmlElement:
    """The innermost element holding `node` and every other known body container beside
    it (`containers`: the page's, in document order) with PART_SHARE of `node`'s paragraph
    text (`lengths`: known_body's measure of each paragraph); `node` when there is none."""
    floor = PART_SHARE * sum(lengths.get(p, 0) for p in node.iter("p"))
    box = node
    for el in containers:
        if el is node or _inside(el, box) or _inside(box, el):
            continue
        if sum(lengths.get(p, 0) for p in el.iter("p")) >= floor:
            box = next(a for a in box.iterancestors() if _inside(el, a))
    return box


def _inside(el: HtmlElement, box: HtmlElement) -> bool:
    return any(a is box for a in el.iterancestors())
