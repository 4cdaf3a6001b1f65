"""Text another crawler flattened (one paragraph per line), read back into record fields.

Every line gets a kind from general signals and named vocabularies (newscrawl.linekinds).
The article is the densest run of prose net of boilerplate, from its first sentence-like
paragraph, with its headline before it (a headline-like line the page prints again, else
the first long one that reads as language) and the deck under that. Lines before the
article and after it are cut whatever they are; inside it newscrawl.flatbody cuts the
lines of a boilerplate kind and keeps subheads. What a cut line says goes to a field:
a credit to `source`, a tag line to `tags`, read-also titles to `related`, a labelled
date or a stamp beside the headline to `published_at` (a header clock far above it never).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from newscrawl.datewords import MONTHS, RELATIVE_DAYS, WEEKDAYS
from newscrawl.encoding import repair_mojibake
from newscrawl.flatbody import Line, Reading, harvest, read_body
from newscrawl.glued import split_lede_dateline, unglue
from newscrawl.linekinds import (
    HEADLINE_MAX_WORDS,
    NAV_ITEM_WORDS,
    TITLE_REPEAT_EXTRA_CHARS,
    has_function_word,
    is_prose,
    is_sentence_like,
    letters,
    line_kind,
    nav_parts,
    repeats_title,
)
from newscrawl.linewords import CLITICS, FUNCTION_WORDS
from newscrawl.markers import agency_from_dateline
from newscrawl.textnorm import normalize_arabic, tidy

# What a line weighs for the article's run: prose its length, a boilerplate kind at least
# KIND_MIN_COST, a short line of no kind SHORT_LINE_COST times its place in a run of them
# (at most SHORT_RUN_STEPS).
SHORT_LINE_COST = 10.0
SHORT_RUN_STEPS = 4
KIND_MIN_COST = 30.0
KIND_MAX_COST = 1000.0
# Prose under the headline cut off by boilerplate is the lede while that block weighs
# at most this many times its prose.
LEDE_BLOCK_RATIO = 3.0
# A stamp this many lines above the headline or anywhere below it is the article's date.
STAMP_NEAR_TITLE = 2
# A headline candidate this long with no function word is a run of menu items.
MENU_MIN_WORDS = 6
# A line under the headline this long and of no boilerplate kind is the deck.
DECK_MIN_WORDS = 4
_DANGLING_ENDS = (":", "-", "–", "|", "/")
# A headline's words come back in its article's first paragraphs: this many of them.
ECHO_LINES = 3
# A word shorter than this (letters, clitics off) says nothing about a story.
ECHO_MIN_CHARS = 3
_ECHO_WORD = re.compile(r"[^\W\d_]+")
# Of a line's letters, more than this share in Latin-1's accented range: mojibake.
GARBLED_SHARE = 0.5
_ACCENTED = re.compile(r"[\u00c0-\u00ff\u0152-\u0178\u015e\u015f\u011e\u011f\u0130]")
# Headlines may end with '!' or '؟', not with a period.
_PERIOD_END = re.compile(r"(?<![.…])[.。][\"”»')\]]*\s*$")


def read_text(text: str, *, tz: str | None = None) -> Reading:
    """Record fields of a flattened page, and the lines cut from it with their kinds."""
    # Mojibake first: tidy() would strip the soft hyphens that repair needs.
    lines = [Line(tidy(raw)) for raw in repair_mojibake(text).splitlines()]
    lines = [line for line in lines if line.text]
    reading_cut: list[tuple[str, str]] = []
    for line in lines:
        line.text, pieces = unglue(line.text)
        reading_cut.extend(pieces)
    lines = [line for line in lines if line.text]
    fields: dict[str, Any] = {"title": None, "published_at": None, "published_date": None,
                              "published_utc": None, "published_raw": None,
                              "body": "", "source": None, "tags": [], "related": []}
    reading = Reading(fields, reading_cut)
    if not lines:
        return reading
    total, latin = letters(" ".join(line.text for line in lines))
    arabic_page = total > 0 and latin < 0.5 * total
    for line in lines:
        line.prose = is_prose(line.text)
        line.kind = line_kind(line.text, None, arabic_page, line.prose)
    weights = _weights(lines)
    first, last = _densest_run(weights)
    if first == len(lines):  # no prose: the first line long enough to say something
        first = next((i for i, line in enumerate(lines) if line.kind is None
                      and len(line.text.split()) >= 5), len(lines))
        last = len(lines) - 1
    # The article starts at its first sentence; a long headline is not one.
    start = next((i for i in range(first, last + 1) if lines[i].prose
                  and lines[i].kind is None and is_sentence_like(lines[i].text)), first)
    title_at = _title(lines, start)
    if title_at is not None:
        start = _lede_under(lines, weights, title_at, start)
        # A breadcrumb that ends with the headline: the headline alone.
        fields["title"] = breadcrumb_leaf(lines[title_at].text) or lines[title_at].text
        for line in lines:
            if line.kind is None:
                line.kind = "title_repeat" if repeats_title(line.text, fields["title"]) \
                    else None
    lede = next((line.text for line in lines[start:] if line.prose), "")
    deck = _header(lines[:start], title_at, reading, tz, _content_words(lede))
    if start < len(lines) and (split := split_lede_dateline(lines[start].text)):
        dateline, name, lines[start].text = split
        reading.cut.append(("dateline", dateline))
        fields["source"] = fields["source"] or agency_from_dateline(name)
    after = lines[last + 1:]
    if after and after[-1].kind is None and all(line.kind for line in after[:-1]):
        # The text's last line, maybe the article cut short: the body decides.
        last, after = len(lines) - 1, []
    read_body(deck + lines[start:last + 1], reading, tz)
    for line in after:
        harvest(line, reading, tz, dated=False)
        reading.cut.append((line.kind or "after", line.text))
    return reading


def _weights(lines: list[Line]) -> list[float]:
    """What each line weighs for the article's run: prose its length, a line of a
    boilerplate kind against, other short lines a little against (a subhead is one short
    line; a menu is a run of them, each costing more)."""
    weights, run = [], 0
    for line in lines:
        run = run + 1 if line.kind is None and not line.prose else 0
        if line.prose and line.kind is None:
            weights.append(float(len(line.text)))
        elif line.kind is None:
            weights.append(-SHORT_LINE_COST * min(run, SHORT_RUN_STEPS))
        else:
            weights.append(-min(max(len(line.text), KIND_MIN_COST), KIND_MAX_COST))
    return weights


def _densest_run(weights: list[float]) -> tuple[int, int]:
    """(first, last) line of the run with the most prose net of boilerplate."""
    best, best_span = 0.0, (len(weights), len(weights) - 1)
    total, begin = 0.0, 0
    for i, weight in enumerate(weights):
        if total <= 0:
            total, begin = 0.0, i
        total += weight
        if total > best:
            best, best_span = total, (begin, i)
    return best_span


def _lede_under(lines: list[Line], weights: list[float], title_at: int, start: int) -> int:
    """The first paragraph under the headline when a block of boilerplate (a photo, a
    share bar, a read-also box) parts it from the rest: its prose must outweigh a share
    of the block, else it is a blurb the page prints above its article."""
    lede = next((i for i in range(title_at + 1, start) if lines[i].prose
                 and lines[i].kind is None and is_sentence_like(lines[i].text)), None)
    if lede is None:
        return start
    prose = sum(w for w in weights[lede:start] if w > 0)
    block = -sum(w for w in weights[lede:start] if w < 0)
    return lede if block <= LEDE_BLOCK_RATIO * prose else start


def _title(lines: list[Line], start: int) -> int | None:
    """The headline: a headline-like line before the article, preferring one the page
    prints again (breadcrumbs, share bars), then long ones that read as language (a run
    of menu words has no 'في', 'من', 'the'); of equals, the first that shares a word
    with the article's opening (a ticker or another story's headline above it shares
    none)."""
    found = [i for i in range(start) if _headline_like(lines[i])]
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
    opening = set().union(*(_content_words(line.text) for line in
                            [line for line in lines[start:] if line.prose][:ECHO_LINES]))
    return next((i for i in equals if _content_words(lines[i].text) & opening), equals[0])


def garbled(text: str) -> bool:
    """Mostly accented Latin letters ('ÇáåÇíßÇ'): a single-byte Arabic page (windows-1256)
    read with a Western code page, never a readable headline."""
    total = sum(map(len, _ECHO_WORD.findall(text)))
    return total > 0 and len(_ACCENTED.findall(text)) > GARBLED_SHARE * total


def _content_words(text: str) -> set[str]:
    """A line's words that name things, each as printed and with a clitic off
    ('والحكومة' gives 'حكومة'; 'وزير' keeps 'وزير', its و being a letter of the word): what
    a headline and its article share."""
    return set().union(*_word_forms(text))


def _word_forms(text: str) -> list[set[str]]:
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


def _headline_like(line: Line) -> bool:
    """No boilerplate kind, a few words, not a sentence, not a label left dangling."""
    text = line.text.rstrip()
    return line.kind is None and 2 <= len(text.split()) <= HEADLINE_MAX_WORDS \
        and not _PERIOD_END.search(text) and not text.endswith(_DANGLING_ENDS)


def _header(lines: list[Line], title_at: int | None, reading: Reading,
            tz: str | None, lede: set[str]) -> list[Line]:
    """The deck under the headline; everything else before the article is cut, its
    credits, tags and dates kept. A deck the lede (its content words) says again is the
    page's description printed above the article, not a deck."""
    deck: list[Line] = []
    # The deck comes before the headline is printed again (under the page's photo).
    # A copy printed right under the headline (a second heading) is the headline again,
    # not the photo caption the deck stands above.
    repeat = next((i for i, line in enumerate(lines) if line.kind == "title_repeat"
                   and i != title_at and (title_at is None or i != title_at + 1)), len(lines))
    for i, line in enumerate(lines):
        if i == title_at:
            continue
        # Under the headline, a paragraph of prose is the article's whatever it ends with.
        if title_at is not None and title_at < i and _is_deck(line) and (
                i < repeat or line.prose):
            if line.prose or is_sentence_like(line.text) or not _repeats(line.text, lede):
                deck.append(line)
                continue
            line.kind = "lead_repeat"
        # A stamp beside the headline dates the article; one far above it is the
        # header's clock, never the published date.
        dated = title_at is not None and (i > title_at or title_at - i <= STAMP_NEAR_TITLE)
        harvest(line, reading, tz, dated=dated)
        reading.cut.append((line.kind or "header", line.text))
    return deck


# A deck with at least this share of its content words in the lede repeats it.
LEAD_REPEAT_SHARE = 0.8
def _repeats(text: str, lede: set[str]) -> bool:
    """A line most of whose content words the lede (its words' forms) says again."""
    forms = _word_forms(text)
    return len(forms) >= DECK_MIN_WORDS and \
        sum(bool(f & lede) for f in forms) >= LEAD_REPEAT_SHARE * len(forms)


# "مدينة: اسم الكاتب": a byline, not a deck.
_COLON_BYLINE = re.compile(r"^\S+\s*:\s*\S+(?:\s+\S+){0,2}$")


def _is_deck(line: Line) -> bool:
    """A standfirst under the headline: no boilerplate kind, a few words, not a label."""
    text = line.text
    return line.kind is None and len(text.split()) >= DECK_MIN_WORDS \
        and not _COLON_BYLINE.match(text) and not text.endswith(_DANGLING_ENDS)


def clean_text(text: str, *, tz: str | None = None) -> dict[str, Any]:
    """Record fields from text another crawler flattened (one paragraph per line):
    title, published_at/published_raw, body, source, tags, related."""
    return read_text(text, tz=tz).fields
