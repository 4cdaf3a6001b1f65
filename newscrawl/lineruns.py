"""Lines made of items in a row: menus and breadcrumbs (short items between separators)
and tickers (headlines between one repeated token), as flattened text prints them."""

from __future__ import annotations

import re
from collections import Counter
from itertools import groupby

from newscrawl.punctuation import COMMA, HEADLINE_MAX_WORDS, WHOLE_SENTENCE_END

# Navigation and breadcrumbs: short items between separators.
_SEPARATOR = re.compile(r"\s[|/•·»›<>\-–—]\s|\s?[|•·]\s?")
NAV_ITEM_WORDS = 4


def nav_parts(text: str) -> list[str]:
    """The items of a line between navigation separators (bullets, pipes, slashes)."""
    return [p.strip() for p in _SEPARATOR.split(text) if p.strip()]


# A ticker or "latest" bar printed as one line: three or more headline-long items split
# by one repeated short Latin word in an Arabic line (an icon's alt text such as 'ico').
# Symbols are not enough: Arabic copy sets asides between dashes, lists between bullets
# and verses between dots.
TICKER_ITEMS = 3
TICKER_SEPARATOR_CHARS = 4
TICKER_ITEM_WORDS = (3, HEADLINE_MAX_WORDS)


def is_headline_run(text: str) -> bool:
    """Headlines one after another between a repeated Latin word, none ending a sentence
    before the last: a ticker flattened onto one line (of an Arabic page)."""
    tokens = text.split()
    low, high = TICKER_ITEM_WORDS
    if len(tokens) < TICKER_ITEMS * (low + 1) - 1:
        return False
    foreign = Counter(t for t in tokens if len(t) <= TICKER_SEPARATOR_CHARS
                      and t.isascii() and t.isalpha())
    if not foreign:
        return False
    separator, count = foreign.most_common(1)[0]
    if count < TICKER_ITEMS - 1:
        return False
    items = [list(run) for apart, run in groupby(tokens, separator.__eq__) if not apart]
    if len(items) < TICKER_ITEMS or not all(low <= len(item) <= high for item in items):
        return False
    return not any(WHOLE_SENTENCE_END.search(" ".join(item)) or COMMA.search(" ".join(item))
                   for item in items[:-1])


def is_nav(text: str) -> bool:
    """Short items between separators: a menu, a breadcrumb, a run of section names (one
    longer item among five or more: the headline at a breadcrumb's end)."""
    parts = nav_parts(text)
    if len(parts) < 3:
        return False
    long = sum(len(p.split()) > NAV_ITEM_WORDS for p in parts)
    return long == 0 or (long == 1 and len(parts) >= 5)
