"""Text another crawler flattened (one paragraph per line), read back into record fields.

Every line gets a kind from general signals and named vocabularies (newscrawl.linekinds).
The article is the densest run of prose net of boilerplate, from its first sentence-like
paragraph, with its headline before it (newscrawl.flattitle: a headline-like line the
page prints again, else a long one that reads as language and shares a word with the
article's opening) and the deck under that. Lines before the
article and after it are cut whatever they are; inside it newscrawl.flatbody cuts the
lines of a boilerplate kind and keeps subheads. What a cut line says goes to a field:
a credit to `source`, a tag line to `tags`, read-also titles to `related`, a labelled
date or a stamp beside the headline to `published_at` (a header clock far above it never).
"""

from __future__ import annotations

import re
from typing import Any

from newscrawl.encoding import repair_mojibake
from newscrawl.flatbody import Line, Reading, harvest, read_body
from newscrawl.flattitle import (
    DANGLING_ENDS,
    DECK_MIN_WORDS,
    breadcrumb_leaf,
    content_words,
    title_line,
    word_forms,
)
from newscrawl.glued import split_lede_dateline, unglue
from newscrawl.linekinds import is_prose, letters, line_kind, repeats_title
from newscrawl.markers import agency_from_dateline
from newscrawl.punctuation import is_sentence_like
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
    title_at = title_line(lines, start)
    if title_at is not None:
        start = _lede_under(lines, weights, title_at, start)
        # A breadcrumb that ends with the headline: the headline alone.
        fields["title"] = breadcrumb_leaf(lines[title_at].text) or lines[title_at].text
        for line in lines:
            if line.kind is None:
                line.kind = "title_repeat" if repeats_title(line.text, fields["title"]) \
                    else None
    lede = next((line.text for line in lines[start:] if line.prose), "")
    deck = _header(lines[:start], title_at, reading, tz, content_words(lede))
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


def _header(lines: list[Line], title_at: int | None, reading: Reading,
            tz: str | None, lede: set[str]) -> list[Line]:
    """The deck under the headline; everything else before the article is cut, its
    credits, tags and dates kept. A deck the lede (its content words) says again is the
    page's description printed above the article, not a deck."""
    deck: list[Line] = []
    # The deck comes before the headline is printed again (under the page's photo). The
    # same words again right under the headline are a second heading, not that caption
    # ("site - headline" there is a share bar's, and still ends the deck).
    copied = title_at is not None and title_at + 1 < len(lines) \
        and lines[title_at + 1].kind == "title_repeat" \
        and normalize_arabic(lines[title_at + 1].text) == normalize_arabic(lines[title_at].text)
    repeat = next((i for i, line in enumerate(lines) if line.kind == "title_repeat"
                   and i != title_at and not (copied and i == title_at + 1)), len(lines))
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
    forms = word_forms(text)
    return len(forms) >= DECK_MIN_WORDS and \
        sum(bool(f & lede) for f in forms) >= LEAD_REPEAT_SHARE * len(forms)


# "مدينة: اسم الكاتب": a byline, not a deck.
_COLON_BYLINE = re.compile(r"^\S+\s*:\s*\S+(?:\s+\S+){0,2}$")


def _is_deck(line: Line) -> bool:
    """A standfirst under the headline: no boilerplate kind, a few words, not a label."""
    text = line.text
    return line.kind is None and len(text.split()) >= DECK_MIN_WORDS \
        and not _COLON_BYLINE.match(text) and not text.endswith(DANGLING_ENDS)


def clean_text(text: str, *, tz: str | None = None) -> dict[str, Any]:
    """Record fields from text another crawler flattened (one paragraph per line):
    title, published_at/published_raw, body, source, tags, related."""
    return read_text(text, tz=tz).fields
