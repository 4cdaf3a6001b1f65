"""Text another crawler flattened (one paragraph per line), read back into record fields.

The article is the run of prose from its first sentence-like paragraph to its last, with
its headline before it. Every line gets a kind from general signals (length, sentence
punctuation, share of letters, digits and Latin, separators, code syntax, repeats of
the headline) and named vocabularies (newscrawl.linewords, the date words, the marker
phrases): lines before the article and after it are cut whatever they are; inside it,
lines of a boilerplate kind are cut and short lines of no kind (subheads) stay. What a
cut line says goes to a field: a credit or agency to `source`, a tag line to `tags`,
read-also titles to `related`, a labelled or post-headline date to `published_at`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from newscrawl.dates import parse_date, to_iso
from newscrawl.datewords import DATE_LABELS, MODIFIED_LABELS
from newscrawl.encoding import repair_mojibake
from newscrawl.glued import is_headline, split_glued_related
from newscrawl.linekinds import (
    CLAUSE,
    has_function_word,
    is_prose,
    letters,
    line_kind,
    repeats_title,
)
from newscrawl.linewords import END_MARKS, READ_MORE
from newscrawl.markers import agency_from_dateline, related_start, source_from_line, tags_start
from newscrawl.textnorm import normalize_arabic, phrase_regex, tidy


@dataclass
class Line:
    """One line of the text and what it is."""

    text: str
    kind: str | None = None
    prose: bool = False


@dataclass
class Reading:
    """The record fields a text gave, and each cut line with its kind (for --explain)."""

    fields: dict[str, Any]
    cut: list[tuple[str, str]] = field(default_factory=list)


@cache
def _labels(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalize_arabic(p) for p in phrases)


def _is_modified(line: str) -> bool:
    return normalize_arabic(line).startswith(_labels(MODIFIED_LABELS))


def _labelled_date(line: str) -> bool:
    return len(line) <= 120 and len(line.split()) <= 12 \
        and normalize_arabic(line).startswith(_labels(DATE_LABELS))


def read_text(text: str, *, tz: str | None = None) -> Reading:
    """Record fields of a flattened page, and the lines cut from it with their kinds."""
    # Mojibake first: tidy() would strip the soft hyphens that repair needs.
    lines = [Line(tidy(raw)) for raw in repair_mojibake(text).splitlines()]
    lines = [line for line in lines if line.text]
    reading_cut: list[tuple[str, str]] = []
    for line in lines:
        line.text = _unglue(line.text, reading_cut)
    lines = [line for line in lines if line.text]
    fields: dict[str, Any] = {"title": None, "published_at": None, "published_raw": None,
                              "body": "", "source": None, "tags": [], "related": []}
    reading = Reading(fields, reading_cut)
    if not lines:
        return reading
    total, latin = letters(" ".join(line.text for line in lines))
    arabic_page = total > 0 and latin < 0.5 * total
    for line in lines:
        line.prose = is_prose(line.text)
        line.kind = line_kind(line.text, None, arabic_page, line.prose)
    first, last = _densest_run(lines)
    if first == len(lines):  # no prose: the first line long enough to say something
        first = next((i for i, line in enumerate(lines) if line.kind is None
                      and len(line.text.split()) >= 5), len(lines))
        last = len(lines) - 1
    # The article starts at its first sentence; a long headline is not one.
    start = next((i for i in range(first, last + 1) if lines[i].prose
                  and lines[i].kind is None and _sentence_like(lines[i].text)), first)
    title_at = _title(lines, start)
    if title_at is not None:
        fields["title"] = lines[title_at].text
        for line in lines:
            if line.kind is None:
                line.kind = "title_repeat" if repeats_title(line.text, fields["title"]) \
                    else None
    deck = _header(lines[:start], title_at, reading, tz)
    if start < len(lines):
        _lede_dateline(lines[start], reading)
    after = lines[last + 1:]
    if after and after[-1].kind is None and all(line.kind for line in after[:-1]):
        # The text's last line, maybe the article cut short: the body decides.
        last, after = len(lines) - 1, []
    _body(deck + lines[start:last + 1], reading, tz)
    for line in after:
        _harvest(line, reading, tz, dated=False)
        reading.cut.append((line.kind or "after", line.text))
    return reading


def _densest_run(lines: list[Line]) -> tuple[int, int]:
    """(first, last) line of the run with the most prose net of boilerplate: prose
    counts its length, a line of a boilerplate kind against, other short lines a little
    against (subheads inside an article cost less than its paragraphs bring)."""
    best, best_span = 0.0, (len(lines), len(lines) - 1)
    total, begin, run = 0.0, 0, 0
    for i, line in enumerate(lines):
        run = run + 1 if line.kind is None and not line.prose else 0
        if line.prose and line.kind is None:
            weight = float(len(line.text))
        elif line.kind is None:
            # A subhead is one short line; a menu is a run of them, each costing more.
            weight = -SHORT_LINE_COST * min(run, SHORT_RUN_STEPS)
        else:
            weight = -min(max(len(line.text), KIND_MIN_COST), KIND_MAX_COST)
        if total <= 0:
            total, begin = 0.0, i
        total += weight
        if total > best:
            best, best_span = total, (begin, i)
    return best_span


# A dateline or credit glued to the lede by a spaced dash: "مدينة – وقال …", "اسم الموقع
# (القسم) – …". A second dash soon after means the dashes enclose a clause: left alone.
_LEDE_DATELINE = re.compile(r"^([^\s.،,:؛!?؟]+(?:\s+[^\s.،,:؛!?؟]+){0,4})\s+[-–—ـ]\s+"
                            r"(?:[^\s.،,:؛!?؟]+(?:\s[^\s.،,:؛!?؟]+)?[.:]\s+)?(?=\S)")
DATELINE_MAX_CHARS = 45
# A stamp this many lines above the headline or anywhere below it is the article's date.
STAMP_NEAR_TITLE = 2
LISTED_TITLE_MAX_WORDS = 20
# A headline candidate this long with no function word is a run of menu items.
MENU_MIN_WORDS = 6
_WHOLE_SENTENCE_END = re.compile(r"(?<![.…])[.!?؟。！？][\"”»')\]]*\s*$")
# Headlines may end with '!' or '؟', not with a period.
_PERIOD_END = re.compile(r"(?<![.…])[.。][\"”»')\]]*\s*$")
_COMMA = re.compile(r"[،,؛;]\s|[，、；]")
_DANGLING_ENDS = (":", "-", "–", "|", "/")
# What a line weighs against the article's run (newscrawl.flattext._densest_run).
SHORT_LINE_COST = 10.0
KIND_MIN_COST = 30.0
SHORT_RUN_STEPS = 4
KIND_MAX_COST = 1000.0
HEADLINE_MAX_WORDS = 30
# A line under the headline this long and of no boilerplate kind is the deck.
DECK_MIN_WORDS = 4


def _lede_dateline(line: Line, reading: Reading) -> None:
    """Cut a dateline glued to the first paragraph; an agency it names is the source."""
    match = _LEDE_DATELINE.match(line.text)
    if not match or len(match.group(1)) > DATELINE_MAX_CHARS:
        return
    rest = line.text[match.end():]
    if re.search(r"\s[-–—ـ]\s", rest[:80]) or not is_prose(rest):
        return
    reading.cut.append(("dateline", line.text[:match.end()].strip()))
    reading.fields["source"] = reading.fields["source"] or agency_from_dateline(
        match.group(1))
    line.text = rest


def _sentence_like(text: str) -> bool:
    """Punctuated as running text (a sentence's end, a comma), or too long for a
    headline; a colon is not enough: headlines say 'الوزير: …'."""
    return bool(_WHOLE_SENTENCE_END.search(text) or _COMMA.search(text)) \
        or len(text.split()) > HEADLINE_MAX_WORDS


def _title(lines: list[Line], start: int) -> int | None:
    """The headline: the first headline-like line before the article, preferring one the
    page prints again (breadcrumbs, share bars), then long ones that read as language
    (a run of menu words has no 'في', 'من', 'the')."""
    found = [i for i in range(start) if _headline_like(lines[i])]
    keys = [normalize_arabic(line.text) for line in lines]

    def rank(i: int) -> int:
        words = len(lines[i].text.split())
        # Menus repeat in the footer too: only a headline-long line counts as repeated.
        repeated = words >= DECK_MIN_WORDS and sum(keys[i] in key for key in keys) >= 2
        menu = words >= MENU_MIN_WORDS and not has_function_word(lines[i].text)
        return 2 * repeated + (words >= DECK_MIN_WORDS) - menu

    return max(found, key=lambda i: (rank(i), -i), default=None)


def _headline_like(line: Line) -> bool:
    """No boilerplate kind, a few words, not a sentence, not a label left dangling."""
    text = line.text.rstrip()
    return line.kind is None and 2 <= len(text.split()) <= HEADLINE_MAX_WORDS \
        and not _PERIOD_END.search(text) and not text.endswith(_DANGLING_ENDS)


def _header(lines: list[Line], title_at: int | None, reading: Reading,
            tz: str | None) -> list[Line]:
    """The deck under the headline; everything else before the article is cut, its
    credits, tags and dates kept."""
    deck: list[Line] = []
    # The deck comes before the headline is printed again (under the page's photo).
    repeat = next((i for i, line in enumerate(lines) if line.kind == "title_repeat"
                   and i != title_at), len(lines))
    for i, line in enumerate(lines):
        if i == title_at:
            continue
        if title_at is not None and title_at < i < repeat and _is_deck(line):
            deck.append(line)
            continue
        # A stamp beside the headline dates the article; one far above it is the
        # header's clock, never the published date.
        dated = title_at is not None and (i > title_at or title_at - i <= STAMP_NEAR_TITLE)
        _harvest(line, reading, tz, dated=dated)
        reading.cut.append((line.kind or "header", line.text))
    return deck


# "مدينة: اسم الكاتب": a byline, not a deck.
_COLON_BYLINE = re.compile(r"^\S+\s*:\s*\S+(?:\s+\S+){0,2}$")


def _is_deck(line: Line) -> bool:
    """A standfirst under the headline: no boilerplate kind, a few words, not a label."""
    text = line.text
    return line.kind is None and len(text.split()) >= DECK_MIN_WORDS \
        and not _COLON_BYLINE.match(text) and not text.endswith(_DANGLING_ENDS)


def _harvest(line: Line, reading: Reading, tz: str | None, dated: bool) -> bool:
    """Fill a field from a cut line (a stamp only when `dated`); True when it did."""
    fields, text = reading.fields, line.text
    stamp = dated and line.kind == "stamp" and not _is_modified(text)
    if (_labelled_date(text) or stamp) and fields["published_at"] is None:
        value = parse_date(text, tz=tz)
        if value is not None:
            fields["published_at"], fields["published_raw"] = to_iso(value, tz), text
            return True
    tags = tags_start().match(text)
    if tags:
        fields["tags"].append(tidy(text[tags.end():]))
        return True
    credit = source_from_line(text) or agency_from_dateline(text)
    if credit:
        fields["source"] = fields["source"] or credit
        return True
    return False


# Kinds after which, once the article has begun, nothing is article text.
# Kinds told by shape alone that, between two paragraphs, are the article's subheads.
INNER_KINDS = frozenset({"credit"})
STOP_KINDS = frozenset({"comment_form", "feed_end"})
# Feed residue glued to a paragraph: a leading "date 2025-09-01", a trailing cut word
# and "[…]" of an excerpt.
_FEED_HEAD = re.compile(r"^date\s+[\d-]+\s+(?=\S)", re.IGNORECASE)
_FEED_TAIL = re.compile(r"\s+\S+\s*\[(?:…|\.\.\.)\]\s*$")


@cache
def _glued_tails() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Boilerplate glued to the end of a paragraph, by kind: a wire end mark between
    delimiters and all after it ('… // انتهى // 22:01'), an excerpt's read-more link."""
    ends = phrase_regex(END_MARKS)
    more = phrase_regex(READ_MORE)
    return (("feed", _FEED_TAIL),
            ("end_mark", re.compile(rf"\s*(?://?|\(|\[|[-–—*]{{1,2}})\s*{ends}\s*"
                                    rf"(?://?|\)|\]|[-–—*]{{1,2}}).*$", re.IGNORECASE)),
            ("read_more", re.compile(rf"\s*(?:…|\.\.\.|\[…\])\s*{more}\s*[.…»]*$",
                                     re.IGNORECASE)))


@cache
def _end_word() -> re.Pattern[str]:
    return re.compile(phrase_regex(END_MARKS), re.IGNORECASE)


def _may_have_tail(text: str) -> bool:
    """Cheap test first: feed and read-more tails hold an ellipsis, end marks their word."""
    return "…" in text or "..." in text or _end_word().search(text) is not None


def _unglue(text: str, cut: list[tuple[str, str]]) -> str:
    """`text` without the boilerplate glued to its ends, which goes to `cut`."""
    for kind, pattern in _glued_tails():
        tail = pattern.search(text) if _may_have_tail(text) else None
        if tail and tail.start() > 0:
            cut.append((kind, text[tail.start():].strip()))
            text = text[:tail.start()].rstrip()
    head = _FEED_HEAD.search(text)
    if head:
        cut.append(("feed", text[:head.end()].strip()))
        text = text[head.end():]
    return text


def _body(lines: list[Line], reading: Reading, tz: str | None) -> None:
    """The article from its first paragraph: read-also lists, tag trailers and other
    articles after them handled as before; cut lines recorded with their kinds."""
    fields, cut = reading.fields, reading.cut
    kept: list[Line] = []
    state = "body"  # body -> related (titles under a heading) -> trailer (after tags)
    ended_early = False
    for index, line in enumerate(lines):
        text = line.text
        if _labelled_date(text) and len(text.split()) <= 9 and _harvest(line, reading, tz,
                                                                         dated=False):
            cut.append(("stamp", text))
            continue
        heading = related_start().match(text)
        if heading:
            if state == "trailer":
                ended_early = True
                cut.extend(("other_article", rest.text) for rest in lines[index:])
                break
            rest = tidy(text[heading.end():])
            separated = bool(re.search(r"[:：|]\s*$", text[: heading.end()]))
            cut.append(("related", text))
            if rest and is_headline(rest):
                fields["related"].append({"title": rest, "url": None})
                # 'اقرأ أيضاً: عنوان' is one line; a bare or glued heading heads a list.
                state = "body" if separated else "related"
            elif rest:
                kept.append(Line(rest, prose=is_prose(rest)))
                cut.pop()
                state = "body"
            else:
                state = "related"
            continue
        if tags_start().match(text):
            _harvest(line, reading, tz, dated=False)
            cut.append(("tags", text))
            # Tags after the article's paragraphs end it; tags above them do not.
            state = "trailer" if any(k.prose and _sentence_like(k.text) for k in kept) \
                else state
            continue
        if source_from_line(text):
            _harvest(line, reading, tz, dated=False)
            cut.append(("source", text))
            state = "body" if state == "related" else state
            continue
        if agency_from_dateline(text):
            if state == "trailer":
                ended_early = True
                cut.extend(("other_article", rest.text) for rest in lines[index:])
                break
            _harvest(line, reading, tz, dated=False)
            cut.append(("dateline", text))
            continue
        if state == "related" and _is_listed_title(text):
            fields["related"].append({"title": text, "url": None})
            cut.append(("related", text))
            continue
        if state == "trailer" and not line.prose:
            ended_early = True
            cut.extend(("other_article", rest.text) for rest in lines[index:])
            break
        state = "body"
        if line.kind in STOP_KINDS and any(k.prose for k in kept):
            ended_early = True
            cut.extend((rest.kind or "after", rest.text) for rest in lines[index:])
            break
        # Between paragraphs, "name – name" is a subhead ("الحصاد الميداني – حلب"), not
        # the credit it would be above or below the article.
        inside = line.kind in INNER_KINDS and any(k.prose for k in kept) and any(
            later.prose and later.kind is None for later in lines[index + 1:])
        if line.kind is not None and not inside:
            cut.append((line.kind, text))
            continue
        parts, titles = split_glued_related(text)
        fields["related"].extend({"title": t, "url": None} for t in titles)
        if titles:
            cut.extend(("related", t) for t in titles)
        if parts == [text]:
            kept.append(line)
        else:
            kept.extend(Line(part, prose=is_prose(part)) for part in parts)
    _end_at_last_prose(kept, cut, truncated_tail=not ended_early)
    fields["body"] = "\n".join(line.text for line in kept)


def _is_listed_title(text: str) -> bool:
    """A title in a read-also list: a headline with no clause punctuation."""
    return is_headline(text) and len(text.split()) <= LISTED_TITLE_MAX_WORDS \
        and not CLAUSE.search(text)


def _end_at_last_prose(kept: list[Line], cut: list[tuple[str, str]],
                       truncated_tail: bool) -> None:
    """Lines after the last paragraph of prose are not the article (unmarked related
    headlines, a site's sign-off), except the text's own last line cut short mid-sentence
    right after a paragraph: excerpts and dumps end where they were truncated."""
    last = max((i for i, line in enumerate(kept) if line.prose), default=None)
    if last is None:
        return
    tail = kept[last + 1:]
    del kept[last + 1:]
    if truncated_tail and len(tail) == 1 and letters(tail[0].text)[0] >= 2:
        kept.append(tail[0])
        return
    cut.extend(("after", line.text) for line in tail)


def clean_text(text: str, *, tz: str | None = None) -> dict[str, Any]:
    """Record fields from text another crawler flattened (one paragraph per line):
    title, published_at/published_raw, body, source, tags, related."""
    return read_text(text, tz=tz).fields
