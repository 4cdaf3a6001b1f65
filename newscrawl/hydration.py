"""The article in a script-rendered page's state: the body a browser would draw from JSON.

Sites built on React, Next.js and their kin often serve a page whose article text is not
in the markup at all but in the state the page's scripts hydrate from: a
`<script type="application/json">` (Next.js' `__NEXT_DATA__`) or a script that pushes or
assigns a JSON object (`window.__STATE__ = {...}`, `x.push({...})`). No markup extractor
sees that text (the page reads as empty). When the page's own body is short, the longest
string under a body-like key (HYDRATION_BODY_KEYS) of such an object that shares words
with the headline is read as the article: its HTML parsed, its paragraphs as lines.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newscrawl.blocks import is_furniture
from newscrawl.textnorm import tidy
from newscrawl.vocabulary import HYDRATION_BODY_KEYS

HtmlElement = lxml_html.HtmlElement
# A script larger than this is not read (a hostile page's 100 MB of JSON costs nothing).
MAX_SCRIPT_CHARS = 5_000_000
# At most this many objects are tried per script, and this many values walked in each.
MAX_STARTS = 4
MAX_VALUES = 200_000
# A body-like string shorter than this (characters of text) is a teaser or a label.
MIN_BODY_CHARS = 300
# Of the headline's words, at least this share must be in the text (another article's
# body, or a site's policy text, shares few).
TITLE_COVER = 0.3
# Two texts sharing this share of the smaller one's distinct words are one story.
SAME_STORY = 0.8
_KEYS = frozenset(key.lower() for key in HYDRATION_BODY_KEYS)
_OPENING = re.compile(r"[=(,]\s*\{|^\s*\{")
_WORD = re.compile(r"\w+")
_DECODER = json.JSONDecoder()
_LINE_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")


def state_lines(doc: HtmlElement, title: str | None) -> list[str]:
    """The article's lines from the page's script state; [] when none is found, or when
    the state holds several different texts about the headline (a listing's stories)."""
    found: list[tuple[list[str], set[str]]] = []
    for script in doc.iter("script"):
        kind = (script.get("type") or "").lower()
        text = script.text or ""
        if "ld+json" in kind or len(text) > MAX_SCRIPT_CHARS or "{" not in text:
            continue
        for value in _body_strings(text):
            lines = _lines(value)
            if sum(map(len, lines)) >= MIN_BODY_CHARS and (words := _words(lines)) \
                    and _about(words, title):
                found.append((lines, words))
    if not found:
        return []
    best, best_words = max(found, key=lambda item: sum(map(len, item[0])))
    # The same story may sit under two keys (its HTML and its text); another one may not.
    if any(len(words & best_words) < SAME_STORY * min(len(words), len(best_words))
           for _lines_, words in found):
        return []
    return best


def _body_strings(script: str) -> list[str]:
    """Strings under body-like keys of the JSON objects a script holds or hands over."""
    found: list[str] = []
    pos = 0
    for _ in range(MAX_STARTS):
        match = _OPENING.search(script, pos)
        if match is None:
            break
        start = match.end() - 1
        try:
            obj, pos = _DECODER.raw_decode(script, start)
        except (ValueError, RecursionError):  # JavaScript (an unquoted key), or nested deep
            pos = start + 1
            continue
        found.extend(_walk(obj))
    return found


def _walk(obj: Any) -> list[str]:
    """Long strings under body-like keys, walked without recursion and within bounds."""
    out: list[str] = []
    stack: list[Any] = [obj]
    seen = 0
    while stack and seen < MAX_VALUES:
        item = stack.pop()
        seen += 1
        if isinstance(item, dict):
            for key, value in item.items():
                if isinstance(value, str):
                    if len(value) >= MIN_BODY_CHARS and key.lower() in _KEYS:
                        out.append(value)
                elif isinstance(value, dict | list):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, dict | list))
    return out


def _lines(value: str) -> list[str]:
    """A body string as lines: its paragraphs when it is HTML, else its text lines."""
    if "<" not in value:
        return [line for line in map(tidy, value.split("\n")) if line]
    try:
        root = lxml_html.fragment_fromstring(value, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for junk in root.xpath(".//script|.//style|.//figcaption|.//figure"):
        junk.drop_tree()
    # Captions, share and related boxes inside the body are named as on any page.
    for box in [el for el in root.iter() if el is not root and is_furniture(el)]:
        if box.getparent() is not None:
            box.drop_tree()
    blocks = [tidy(el.text_content()) for el in root.iter(*_LINE_TAGS)
              if not any(a.tag in _LINE_TAGS for a in el.iterancestors())]
    if blocks:
        return [line for line in blocks if line]
    # No paragraph tags: text broken by <br> (or not at all).
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [line for line in map(tidy, root.text_content().split("\n")) if line]


def _words(lines: list[str]) -> set[str]:
    return {w.lower() for line in lines for w in _WORD.findall(line)}


def _about(words: set[str], title: str | None) -> bool:
    """True when the text holds enough of the headline's words (or there is none)."""
    head = [w.lower() for w in _WORD.findall(title or "")]
    return not head or sum(w in words for w in head) >= TITLE_COVER * len(head)
