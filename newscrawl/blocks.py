"""The block walk: a page as lines of text, each owned by the block element it sits in.

One pass over the tree (lxml's C walker) records every element with its parent and
whether it is page furniture (navigation, footers, sidebars, hidden or boilerplate-named
boxes), and every line of text with its length and how much of it is link text. Main
content selection (newscrawl.mainnode) scores subtrees from these lines; body text is
read from them too, so both see the same lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from newscrawl.furniture import HARD, NONE, SOFT, THREAD, furniture_mark, names_furniture
from newscrawl.vocabulary import BLOCK_TAGS, INLINE_TAGS, UNSEEN_TAGS

HtmlElement = lxml_html.HtmlElement
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# An in-page anchor: '#' and an element's id, not a router's path.
_SECTION_ANCHOR = re.compile(r"#[A-Za-z][\w.:-]*$")
# A furniture-marked element holding more than this share of the page's text is a
# wrapper that happens to carry the class ('html.dst-header', 'main.js-social-anchor').
WRAPPER_SHARE = 0.5


@dataclass
class Blocks:
    """Elements in document order and the lines of text they own."""

    elements: list[HtmlElement] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)  # index of the parent, -1 for the root
    furniture: list[int] = field(default_factory=list)  # furniture_mark of each element
    # (owner element index, characters, link characters, text) per line.
    lines: list[tuple[int, int, int, str]] = field(default_factory=list)

    def wrappers(self) -> set[int]:
        """Soft-marked elements that hold more than WRAPPER_SHARE of the page's text: a
        boilerplate-named or hidden box that may in fact wrap the page ('html.dst-header',
        a body hidden until a script shows it), or a long comment thread."""
        parents, count = self.parents, len(self.elements)
        chars = [0] * count
        for owner, n, _links, _text in self.lines:
            chars[owner] += n
        for i in range(count - 1, 0, -1):
            chars[parents[i]] += chars[i]
        limit = WRAPPER_SHARE * (chars[0] if count else 0)
        return {i for i in range(count)
                if self.furniture[i] in (SOFT, THREAD) and chars[i] > limit}

    def in_furniture(self, excused: set[int] | frozenset[int] = frozenset()) -> list[bool]:
        """Per element: inside furniture; the soft marks of `excused` elements are not
        counted (see `wrappers`)."""
        parents, furniture = self.parents, self.furniture
        inside = [False] * len(self.elements)
        for i in range(len(inside)):
            mark = furniture[i]
            inside[i] = mark == HARD or (mark != NONE and i not in excused) or (
                i > 0 and inside[parents[i]])
        return inside

    def ancestors(self, index: int) -> set[int]:
        """`index` and every element above it."""
        found = set()
        while index >= 0:
            found.add(index)
            index = self.parents[index]
        return found

    def below(self, index: int) -> list[bool]:
        """Per element: True for `index` and its descendants."""
        inside = [False] * len(self.elements)
        inside[index] = True
        for i in range(index + 1, len(self.elements)):
            if inside[self.parents[i]]:
                inside[i] = True
            elif self.parents[i] < index:
                break  # document order: the subtree has ended
        return inside


def nesting_depth(root: HtmlElement, limit: int) -> int:
    """How deep elements nest below `root`, counting no further than `limit`."""
    depth = deepest = 0
    for event, _el in etree.iterwalk(root, events=("start", "end"), tag=etree.Element):
        if event == "start":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        else:
            depth -= 1
    return deepest


def _leads_away(anchor: HtmlElement) -> int:
    """For an <a> in a heading: 1 when it links elsewhere; 0 for an anchor to a place on
    the page ('<h3><a name="sec-2">', '<h2><a href="#sec-2">'), which made a subhead read
    as navigation. A script router's path after '#' ('#/news/123', '#!/story') and an <a>
    with neither href nor a name are links, as is every <a> outside headings (one without
    href there is a script's button, a share bar's)."""
    href = anchor.get("href")
    if href is None:
        return 0 if anchor.get("name") or anchor.get("id") else 1
    return 0 if _SECTION_ANCHOR.match(href) else 1


def walk(root: HtmlElement) -> Blocks:
    """Read `root` into Blocks in one pass (iterative: deep junk HTML cannot recurse).

    Line text is whitespace-normalised only; invisible marks are dropped by the caller
    from the lines it keeps (tidy on every line of the page cost a fifth of the walk).
    """
    out = Blocks()
    elements, parents, furniture, lines = out.elements, out.parents, out.furniture, out.lines
    buffer: list[str] = []
    add = buffer.append
    link_chars = 0
    in_link = in_heading = 0
    owners: list[int] = []  # open block elements; the last one owns the line being read
    owner = -1
    stack: list[int] = []  # open elements
    inline_boxes: list[bool] = []  # per open inline element: recorded as a box

    def flush() -> None:
        nonlocal link_chars
        text = " ".join("".join(buffer).split())
        if text:
            lines.append((owner, len(text), min(link_chars, len(text)), text))
        buffer.clear()
        link_chars = 0

    walker = etree.iterwalk(root, events=("start", "end"), tag=etree.Element)
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if tag in UNSEEN_TAGS:
                walker.skip_subtree()
                continue
            if tag == "a":
                in_link += _leads_away(el) if in_heading else 1
            elif tag in HEADING_TAGS:
                in_heading += 1
            boxed = tag not in INLINE_TAGS or not elements
            if not boxed:
                # An inline element named as furniture ('span.newsCaption') is a box of
                # its own: its text is a line its name can mark.
                name = el.get("class")
                boxed = bool(name) and names_furniture[name] != NONE
                inline_boxes.append(boxed)
            if boxed:
                # Inline elements are not recorded: they own no line, and a box name on
                # them would not be read. On a heavy page that halves the lists.
                index = len(elements)
                elements.append(el)
                parents.append(stack[-1] if stack else -1)
                furniture.append(furniture_mark(el) if index else NONE)
                stack.append(index)
                if tag in BLOCK_TAGS or index == 0 or tag in INLINE_TAGS:
                    if buffer:
                        flush()
                    link_chars = 0
                    owners.append(index)
                    owner = index
            text = el.text
            if text:
                add(text)
                if in_link:
                    link_chars += len(text.strip())
            continue
        if tag not in UNSEEN_TAGS:
            if tag == "a":
                in_link -= _leads_away(el) if in_heading else 1
            elif tag in HEADING_TAGS:
                in_heading -= 1
            boxed = tag not in INLINE_TAGS or el is root or inline_boxes.pop()
            if boxed:
                if tag in BLOCK_TAGS or el is root or tag in INLINE_TAGS:
                    if buffer:
                        flush()
                    link_chars = 0
                    owners.pop()
                    owner = owners[-1] if owners else -1
                stack.pop()
        tail = el.tail
        if tail and el is not root:
            add(tail)
            if in_link:
                link_chars += len(tail.strip())
    return out
