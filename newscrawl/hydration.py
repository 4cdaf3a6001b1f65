"""The article in a script-rendered page's state: the body a browser would draw from JSON.

Sites built on React, Next.js and their kin often serve a page whose article text is not
in the markup at all but in the state the page's scripts hydrate from: a
`<script type="application/json">` (Next.js' `__NEXT_DATA__`) or a script that pushes or
assigns a JSON object (`window.__STATE__ = {...}`, `x.push({...})`). No markup extractor
sees that text (the page reads as empty). When the page's own body is short, a string
under a body-like key (HYDRATION_BODY_KEYS) is read as the article when the object that
holds it names the page's headline under a title-like key (HYDRATION_TITLE_KEYS): a
listing's stories, a related story or a list of paragraph blocks do not. Its HTML is
parsed and its paragraphs become lines.

Every step is bounded: scripts that name no body key are not decoded, at most
MAX_STARTS objects are decoded per page, MAX_STATE_CHARS of candidate text are parsed,
and any error in a candidate is that candidate's loss, never the page's.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newscrawl.blocks import is_furniture
from newscrawl.textnorm import normalize_arabic, tidy
from newscrawl.vocabulary import HYDRATION_BODY_KEYS, HYDRATION_TITLE_KEYS

HtmlElement = lxml_html.HtmlElement
# A script larger than this is not read (a hostile page's 100 MB of JSON costs nothing).
MAX_SCRIPT_CHARS = 5_000_000
# At most this many objects are decoded per page, this many values walked in each, and
# this many characters of candidate strings parsed.
MAX_STARTS = 8
MAX_VALUES = 200_000
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
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_TAGS = frozenset({"p", "h2", "h3", "h4", "li", "blockquote", "pre"})
_SKIPPED_TAGS = frozenset({"script", "style", "figure", "figcaption", "noscript", "template"})


def state_lines(doc: HtmlElement, title: str | None) -> list[str]:
    """The article's lines from the page's script state; [] when none names `title`."""
    if not title:
        return []  # nothing to tell the article's own object from a listing's
    head = normalize_arabic(title)
    best: list[str] = []
    budget = {"starts": MAX_STARTS, "chars": MAX_STATE_CHARS}
    for script in doc.iter("script"):
        text = script.text or ""
        if len(text) > MAX_SCRIPT_CHARS or "ld+json" in (script.get("type") or "").lower() \
                or not _BODY_MEMBER.search(text):
            continue
        for value, titles in _body_strings(text, budget):
            if not any(_same_headline(t, head) for t in titles):
                continue
            budget["chars"] -= len(value)
            if budget["chars"] < 0:
                return best
            lines = _lines(value)
            if sum(map(len, lines)) > max(sum(map(len, best)), MIN_BODY_CHARS - 1) \
                    and _about(lines, title):
                best = lines
    return best


def _same_headline(candidate: str, head: str) -> bool:
    """True when a state's title is the page's headline (or one holds the other)."""
    key = normalize_arabic(candidate)
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
        found.extend(_walk(obj))
    return found


def _walk(obj: Any) -> list[tuple[str, list[str]]]:
    """Long strings under body-like keys with the title-like strings of their object,
    walked without recursion and within bounds."""
    out: list[tuple[str, list[str]]] = []
    stack: list[Any] = [obj]
    seen = 0
    while stack and seen < MAX_VALUES:
        item = stack.pop()
        seen += 1
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
                    stack.append(value)
            out.extend((body, titles) for body in bodies)
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, dict | list))
    return out


def _lines(value: str) -> list[str]:
    """A body string as lines: its paragraphs when it is HTML, else its text lines."""
    value = _CONTROL.sub(" ", value)  # lxml refuses control characters in text
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
        return lines
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
