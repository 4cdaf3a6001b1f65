"""Sanity of the short fields: tags, authors and source hold what their names say.

Pages fill these from metadata and stripped blocks, and both carry mistakes that are
common across sites: a keywords meta that repeats the headline, a dateline printed in
the author slot, a date glued to the credited source. Each function takes the raw
values and returns the sane ones; none invents a value.
"""

from __future__ import annotations

import re
from functools import cache

from newscrawl.datewords import CITY_ZONES
from newscrawl.edges import edge_kind, is_stamp
from newscrawl.markers import agency_from_dateline
from newscrawl.textnorm import normalize_arabic, tidy, without_joiners

# A tag of more words than this is a sentence (a description or a headline), not a tag.
TAG_MAX_WORDS = 8
# A keyword of at least this many words found inside the headline is a piece of it.
HEADLINE_PIECE_WORDS = 4
# An author name longer than this (characters) is a sentence or a list.
AUTHOR_MAX_CHARS = 80
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")


@cache
def _cities() -> frozenset[str]:
    """City names a byline or dateline prints after a name ('... - القاهرة')."""
    return frozenset(normalize_arabic(c) for c in CITY_ZONES)


def sane_tags(tags: list[str], title: str | None) -> list[str]:
    """Tags without the headline (whole, in long pieces, or cut into its words) and
    without sentences."""
    headline = normalize_arabic(title or "")
    # A keywords meta made by cutting the headline into words: its tags, in order, are
    # the headline's words.
    tag_words = [w for t in tags for w in _WORD.findall(normalize_arabic(t))]
    if len(tags) >= 3 and tag_words and tag_words == _WORD.findall(headline):
        return []
    out: dict[str, str] = {}  # as printed, a joiner aside ('کتاب‌خوانی' = 'کتابخوانی')
    for tag in tags:
        text = tidy(tag)
        key = normalize_arabic(text)
        words = len(key.split())
        if not key or words > TAG_MAX_WORDS or key == headline \
                or (headline and words >= HEADLINE_PIECE_WORDS and key in headline):
            continue
        out.setdefault(without_joiners(text), text)
    return list(out.values())


def sane_authors(authors: list[str], site: str | None = None) -> list[str]:
    """Names without datelines ('(أبوظبي - البيان)', 'الرياض - واس'), a trailing city
    ('حسام أبو العلا - القاهرة'), the site's own name, dates and sentences."""
    label = (site or "").removeprefix("www.").split(".")[0].lower()
    out: dict[str, str] = {}  # as printed, a joiner aside: 'علی‌رضا' and 'علیرضا' are one
    for name in authors:
        text = tidy(name).strip(" ,،;:")
        parts = re.split(r"\s+[-–—]\s+", text)
        if len(parts) == 2 and normalize_arabic(parts[1]) in _cities():
            text = parts[0]
        if label and text.lower().replace(" ", "") == label:
            continue  # the site's name in the author meta
        if not text or len(text) > AUTHOR_MAX_CHARS or "(" in text or ")" in text:
            continue
        agency = agency_from_dateline(text)
        if agency and normalize_arabic(agency) == normalize_arabic(text):
            pass  # a wire service credited as the author ('Reuters') is a name
        elif agency or edge_kind(text) in ("dateline", "stamp", "counter") \
                or _DIGIT.search(text):
            continue
        out.setdefault(without_joiners(text), text)
    return list(out.values())


def sane_source(source: str | None) -> str | None:
    """The credited source without a date glued to it; None when only a date is left."""
    if not source:
        return None
    text = tidy(source)
    if is_stamp(text):
        return None
    # '(أبوظبي - البيان)': a dateline credits the paper after the city.
    dateline = re.fullmatch(r"\(\s*([^()]{2,25}?)\s*[-–_/]\s*([^()]{2,25}?)\s*\)", text)
    if dateline:
        text = dateline.group(2)
    # 'الأسبوع - 5 أبريل 2025': drop the trailing stamp after a separator.
    parts = [p for p in re.split(r"\s+[-–—|]\s+", text) if p]
    while len(parts) > 1 and is_stamp(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_stamp(parts[0]):
        parts.pop(0)
    text = " - ".join(parts)
    return None if is_stamp(text) or not text else text
