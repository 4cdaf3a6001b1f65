"""The article in a script-rendered page's state: the body a browser would draw from JSON.

Sites built on React, Next.js and their kin often serve a page whose article text is not
in the markup at all but in the state the page's scripts hydrate from: a
`<script type="application/json">` (Next.js' `__NEXT_DATA__`) or a script that pushes or
assigns a JSON object (`window.__STATE__ = {...}`, `x.push({...})`). No markup extractor
sees that text (the page reads as empty). When the page's own body is short, a string
under a body-like key (HYDRATION_BODY_KEYS) is read as the article when the object that
holds it names the page's headline, and its og:title, under a title-like key
(HYDRATION_TITLE_KEYS): a listing's stories, a related story or a list of paragraph
blocks do not. An exact name beats a title that only contains the headline (a
follow-up's "<headline>, but ..."). Its HTML is parsed and its paragraphs become lines.

Every step is bounded per page: scripts that name no body key are not decoded, at most
MAX_SCRIPT_CHARS of scripts are read, MAX_STARTS objects decoded, MAX_VALUES values
walked and MAX_STATE_CHARS of candidate text parsed; any error in a candidate is that
candidate's loss, never the page's.
"""

from __future__ import annotations

import json
import re
from collections import deque
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newscrawl.furniture import is_furniture
from newscrawl.parsing import CONTROL_CHARS
from newscrawl.textnorm import normalize_arabic, tidy
from newscrawl.vocabulary import HYDRATION_BODY_KEYS, HYDRATION_TITLE_KEYS

HtmlElement = lxml_html.HtmlElement
# Characters of scripts read per page (a hostile page's 100 MB of JSON costs nothing).
MAX_SCRIPT_CHARS = 5_000_000
# At most this many objects are decoded per page, this many values walked in all of
# them and this many characters of candidate strings parsed.
MAX_STARTS = 4
MAX_VALUES = 100_000
MAX_STATE_CHARS = 1_000_000
# A body-like string shorter than this (characters of text) is a teaser or a label.
MIN_BODY_CHARS = 300
# A title this long may be contained in the page's headline (or it in the title) rather
# than equal to it: the page adds a site name, the state a kicker.
TITLE_CONTAINED_CHARS = 15
_BODY_KEYS = frozenset(key.lower() for key in HYDRATION_BODY_KEYS)
_TITLE_KEYS = frozenset(key.lower() for key in HYDRATION_TITLE_KEYS)
# A script worth decoding names a body key as a JSON member.
_BODY_ALTERNATIVES = "|".join(map(re.escape, HYDRATION_BODY_KEYS))
_BODY_MEMBER = re.compile(rf'"(?:{_BODY_ALTERNATIVES})"\s*:\s*"', re.IGNORECASE)
# Where a JSON object with a quoted first key opens: the script's start, or after '=',
# '(' or ','.
_OPENING = re.compile(r'(?:^|[=(,])\s*(\{)\s*"')
_WORD = re.compile(r"\w+")
_DECODER = json.JSONDecoder()
_LINE_TAGS = frozenset({"p", "h2", "h3", "h4", "li", "blockquote", "pre"})
_SKIPPED_TAGS = frozenset({"script", "style", "figure", "figcaption", "noscript", "template"})


def state_lines(doc: HtmlElement, title: str | None) -> list[str]:
    """The article's lines from the page's script state; [] when no object names the
    page's headline (and its og:title, when the page has one)."""
    if not title:
        return []  # nothing to tell the article's own object from a listing's
    heads = [normalize_arabic(h) for h in (title, _og_title(doc)) if h]
    budget = {"starts": MAX_STARTS, "chars": MAX_STATE_CHARS, "values": MAX_VALUES,
              "scripts": MAX_SCRIPT_CHARS}
    found: list[tuple[int, list[str]]] = []
    named = False  # an object names the headline exactly, with a body string or not
    for script in doc.iter("script"):
        text = script.text or ""
        if len(text) > budget["scripts"] or "ld+json" in (script.get("type") or "").lower() \
                or not _BODY_MEMBER.search(text):
            continue
        budget["scripts"] -= len(text)
        for value, titles in _body_strings(text, budget):
            rank = _rank(titles, heads)
            named = named or rank == 0
            if rank is None or not value:
                continue
            budget["chars"] -= len(value)
            if budget["chars"] < 0:
                break
            lines = _lines(value)
            if sum(map(len, lines)) >= MIN_BODY_CHARS and _about(lines, title):
                found.append((rank, lines))
    # The object that names the headline exactly, the shallowest first: a related or an
    # earlier story whose title extends the headline only contains it, or sits deeper.
    # When the article's own object holds no body string (paragraph blocks), a story
    # that only contains the headline is another one.
    rank, lines = min(found, key=lambda item: item[0]) if found else (0, [])
    return [] if rank and named else lines


def _og_title(doc: HtmlElement) -> str | None:
    found = doc.xpath("//meta[@property='og:title']/@content")
    return (tidy(str(found[0])) or None) if found else None


def _rank(titles: list[str], heads: list[str]) -> int | None:
    """0 when one title is every headline source, 1 when each source is contained in a
    title or holds one, None when some source is named by no title."""
    keys = [normalize_arabic(t) for t in titles]
    if any(all(k == h for h in heads) for k in keys):
        return 0
    if all(any(_same_headline(k, h) for k in keys) for h in heads):
        return 1
    return None


def _same_headline(key: str, head: str) -> bool:
    """True when a state's title is the page's headline (or one holds the other)."""
    return key == head or (min(len(key), len(head)) > TITLE_CONTAINED_CHARS
                           and (key in head or head in key))


def _body_strings(script: str, budget: dict[str, int]) -> list[tuple[str, list[str]]]:
    """(string, titles beside it) for body-like members of the objects a script holds."""
    found: list[tuple[str, list[str]]] = []
    pos = 0
    while budget["starts"] > 0:
        match = _OPENING.search(script, pos)
        if match is None:
            break
        budget["starts"] -= 1
        start = match.start(1)
        try:
            obj, pos = _DECODER.raw_decode(script, start)
        except (ValueError, RecursionError):  # JavaScript (an unquoted key), or nested deep
            pos = start + 1
            continue
        found.extend(_walk(obj, budget))
    return found


def _walk(obj: Any, budget: dict[str, int]) -> list[tuple[str, list[str]]]:
    """Long strings under body-like keys with the title-like strings of their object
    ("" for an object with titles and no body string), breadth first (shallowest
    objects first), within the page's budget of values."""
    out: list[tuple[str, list[str]]] = []
    queue: deque[Any] = deque([obj])
    while queue and budget["values"] > 0:
        item = queue.popleft()
        budget["values"] -= 1
        if isinstance(item, dict):
            bodies, titles = [], []
            for key, value in item.items():
                if isinstance(value, str):
                    name = str(key).lower()
                    if len(value) >= MIN_BODY_CHARS and name in _BODY_KEYS:
                        bodies.append(value)
                    elif name in _TITLE_KEYS and value.strip():
                        titles.append(value)
                elif isinstance(value, dict | list):
                    queue.append(value)
            out.extend((body, titles) for body in bodies or ([""] if titles else []))
        elif isinstance(item, list):
            queue.extend(v for v in item if isinstance(v, dict | list))
    return out


def _lines(value: str) -> list[str]:
    """A body string as lines: its paragraphs when it is HTML, else its text lines."""
    value = CONTROL_CHARS.sub(" ", value)  # lxml refuses control characters in text
    if "<" not in value:
        return [line for line in map(tidy, value.split("\n")) if line]
    try:
        root = lxml_html.fragment_fromstring(value, create_parent="div")
        return _paragraphs(root)
    except (etree.LxmlError, ValueError, AssertionError):  # a candidate lost, not the page
        return []


def _paragraphs(root: HtmlElement) -> list[str]:
    """Paragraph texts top-down, never below a paragraph nor inside a named box
    (captions, share and related boxes are named as on any page)."""
    lines: list[str] = []
    stack = [c for c in reversed(root) if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        if el.tag in _SKIPPED_TAGS or is_furniture(el):
            continue
        if el.tag in _LINE_TAGS:
            if text := tidy(el.text_content()):
                lines.append(text)
            continue
        stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
    if lines:
        # A list of linked teasers (a widget's HTML) is no article.
        links = sum(len(tidy(a.text_content())) for a in root.iter("a"))
        return lines if 2 * links < sum(map(len, lines)) else []
    # No paragraph tags: text broken by <br> (or not at all).
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [line for line in map(tidy, root.text_content().split("\n")) if line]


def _about(lines: list[str], title: str) -> bool:
    """True when the text holds a third of the headline's words (a policy text under a
    body key of the article's object does not)."""
    head = [w.lower() for w in _WORD.findall(title)]
    words = {w.lower() for line in lines for w in _WORD.findall(line)}
    return not head or sum(w in words for w in head) * 3 >= len(head)
