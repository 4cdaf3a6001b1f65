"""The headline of text another crawler flattened: which line it is, and which words a
line shares with the article's opening (newscrawl.flattext reads the rest)."""

from __future__ import annotations

import re
from functools import cache

from newscrawl.datewords import MONTHS, RELATIVE_DAYS, WEEKDAYS
from newscrawl.flatbody import Line
from newscrawl.linekinds import TITLE_REPEAT_EXTRA_CHARS, has_function_word
from newscrawl.lineruns import NAV_ITEM_WORDS, nav_parts
from newscrawl.linewords import CLITICS, FUNCTION_WORDS
from newscrawl.punctuation import HEADLINE_MAX_WORDS
from newscrawl.textnorm import normalize_arabic

# A headline candidate this long with no function word is a run of menu items.
MENU_MIN_WORDS = 6
# A line under the headline this long and of no boilerplate kind is the deck.
DECK_MIN_WORDS = 4
DANGLING_ENDS = (":", "-", "–", "|", "/")
# A headline's words come back in its article's first paragraphs: this many of them.
ECHO_LINES = 3
# A word shorter than this (letters, clitics off) says nothing about a story.
ECHO_MIN_CHARS = 3
_ECHO_WORD = re.compile(r"[^\W\d_]+")
# Of a line's letters, more than this share in Latin-1's accented range: mojibake.
GARBLED_SHARE = 0.5
_ACCENTED = re.compile(r"[\u00c0-\u00ff\u0152-\u0178\u015e\u015f\u011e\u011f\u0130]")
# Headlines may end with '!' or '؟', not with a period.
_PERIOD_END = re.compile(r"(?<![.…])[.。۔][\"”»')\]]*\s*$")


def title_line(lines: list[Line], start: int) -> int | None:
    """The headline: a headline-like line before the article, preferring one the page
    prints again (breadcrumbs, share bars), then long ones that read as language (a run
    of menu words has no 'في', 'من', 'the'); of equals, the first that shares a word
    with the article's opening (a ticker or another story's headline above it shares
    none)."""
    found = [i for i in range(start) if headline_like(lines[i])]
    keys = [normalize_arabic(line.text) for line in lines]

    def rank(i: int) -> int:
        words = len(lines[i].text.split())
        # Menus repeat in the footer too: only a headline-long line counts as repeated.
        # A paragraph that opens with the line is a lead printed twice, not a repeat.
        repeated = words >= DECK_MIN_WORDS and sum(
            keys[i] in key and len(key) <= len(keys[i]) + TITLE_REPEAT_EXTRA_CHARS
            for key in keys) >= 2
        menu = words >= MENU_MIN_WORDS and not has_function_word(lines[i].text)
        return 2 * repeated + (words >= DECK_MIN_WORDS) - menu - garbled(lines[i].text)

    if not found:
        return None
    ranks = {i: rank(i) for i in found}
    equals = [i for i in found if ranks[i] == max(ranks.values())]
    if len(equals) == 1:
        return equals[0]
    opening = set().union(*(content_words(line.text) for line in
                            [line for line in lines[start:] if line.prose][:ECHO_LINES]))
    return next((i for i in equals if content_words(lines[i].text) & opening), equals[0])


def garbled(text: str) -> bool:
    """Mostly accented Latin letters ('ÇáåÇíßÇ'): a single-byte Arabic page (windows-1256)
    read with a Western code page, never a readable headline."""
    total = sum(map(len, _ECHO_WORD.findall(text)))
    return total > 0 and len(_ACCENTED.findall(text)) > GARBLED_SHARE * total


def content_words(text: str) -> set[str]:
    """A line's words that name things, each as printed and with a clitic off
    ('والحكومة' gives 'حكومة'; 'وزير' keeps 'وزير', its و being a letter of the word): what
    a headline and its article share."""
    return set().union(*word_forms(text))


def word_forms(text: str) -> list[set[str]]:
    """The forms of each content word of a line (as printed, and without a clitic)."""
    forms = []
    for word in _ECHO_WORD.findall(normalize_arabic(text).lower()):
        if len(word) < ECHO_MIN_CHARS or word in _function_words():
            continue  # and 'اليوم', 'الأحد', 'مارس': every story's opening says them
        both = {word}
        for clitic in CLITICS:
            if word.startswith(clitic) and len(word) - len(clitic) >= ECHO_MIN_CHARS:
                both.add(word[len(clitic):])
                break
        forms.append(both)
    return forms


@cache
def _function_words() -> frozenset[str]:
    return frozenset(normalize_arabic(w).lower() for phrase in (
        *FUNCTION_WORDS, *WEEKDAYS, *RELATIVE_DAYS, *MONTHS) for w in phrase.split())


def breadcrumb_leaf(text: str) -> str | None:
    """The last item of a breadcrumb that ends with a longer one ('Home / World /
    <headline>'): that item; None for any other line."""
    parts = nav_parts(text)
    if len(parts) < 3 or any(len(p.split()) > NAV_ITEM_WORDS for p in parts[:-1]):
        return None
    return parts[-1] if len(parts[-1].split()) > NAV_ITEM_WORDS else None


def headline_like(line: Line) -> bool:
    """No boilerplate kind, a few words, not a sentence, not a label left dangling."""
    text = line.text.rstrip()
    return line.kind is None and 2 <= len(text.split()) <= HEADLINE_MAX_WORDS \
        and not _PERIOD_END.search(text) and not text.endswith(DANGLING_ENDS)
