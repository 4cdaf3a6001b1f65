"""Boilerplate glued to article words, split off with every article word kept on its side.

A naive crawler's text joins a read-also box's dated titles to the paragraph around them
('… نص. أخبار قد تهمك عنوان 4 أبريل 2025 - 7:57 مساءًوشددت …'), a dateline to the lede
('مدينة – وقال …'), a wire end mark, a feed's "[…]" or a read-more link to a paragraph's
end.
"""

from __future__ import annotations

import re
from functools import cache

from newscrawl.datewords import AM_MARKERS, MONTHS, PM_MARKERS
from newscrawl.linekinds import is_prose
from newscrawl.linewords import AD_LABELS, BAR_LABELS, CONTROLS, END_MARKS, PROMPTS, READ_MORE
from newscrawl.textnorm import phrase_regex, tidy
from newscrawl.vocabulary import RELATED_HEADINGS_INLINE

_STAMP_HINT = re.compile(r"\d:\d\d|منذ")


@cache
def _related_inside() -> re.Pattern[str]:
    """A related-box heading in the middle of a line (multi-word Arabic headings only),
    as whole words: never letters inside a longer word."""
    return re.compile(rf"(?<!\w){phrase_regex(RELATED_HEADINGS_INLINE)}")


@cache
def _stamp() -> re.Pattern[str]:
    """A related item's date stamp: '4 أبريل 2025 - 7:57 مساءً' (ends the item's title)."""
    months = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
    markers = phrase_regex(AM_MARKERS + PM_MARKERS)
    day = rf"(?:\d{{1,2}}\s+(?:{months})\s+\d{{4}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{4}})"
    relative = phrase_regex(("منذ",)) + r"\s+\S+(?:\s+\S+)?"
    return re.compile(rf"\s*(?:{day}\s*[-–|،,]?\s*\d{{1,2}}:\d{{2}}\s*(?:{markers})?"
                      rf"|{relative})", re.IGNORECASE)


def is_headline(line: str) -> bool:
    """Short and not a sentence: how related titles and headlines look."""
    words = len(line.split())
    return 2 <= words <= 30 and not line.rstrip().endswith((".", "؟", "۔", "?", "!"))


def split_glued_related(line: str) -> tuple[list[str], list[str]]:
    """(text parts, related titles) of a line with a related box glued inside it.

    '… نص. أخبار قد تهمك عنوان 4 أبريل 2025 - 7:57 مساءً عنوان 4 أبريل 2025 - 6:36
    مساءًوشددت …' -> (['… نص.', 'وشددت …'], ['عنوان', 'عنوان']). A heading with no dated
    items after it is left alone: it may be running text.
    """
    if not _STAMP_HINT.search(line):
        return [line], []  # no date stamp, no glued box: skip the costly search
    match = _related_inside().search(line)
    if not match:
        return [line], []
    stamps = list(_stamp().finditer(line, match.end()))
    if not stamps:
        return [line], []
    titles, start = [], match.end()
    for stamp in stamps:
        title = tidy(line[start:stamp.start()])
        if title and not is_headline(title):
            break  # prose between stamps: the box ended earlier
        if title:
            titles.append(title)
        start = stamp.end()
    if not titles:
        return [line], []
    parts = [tidy(line[: match.start()]), tidy(line[start:])]
    return [p for p in parts if p], titles




# Labels that get glued to the headline or lede after them, and how long that line is.
GLUED_LABELS = PROMPTS + BAR_LABELS + CONTROLS + AD_LABELS
GLUED_LABEL_MIN_WORDS = 3
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


@cache
def _glued_label() -> re.Pattern[str]:
    """An interface label glued to the definite article of the next word ('تسجيلالإمارات'):
    no Arabic word runs on into 'ال', so the label ends where it starts."""
    return re.compile(rf"^({phrase_regex(GLUED_LABELS)})(?=ال\w)")


def unglue(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` without the boilerplate glued to its ends, and those pieces with kinds."""
    pieces: list[tuple[str, str]] = []
    label = _glued_label().match(text)
    if label and len(text.split()) >= GLUED_LABEL_MIN_WORDS:
        pieces.append(("label", label.group(1)))
        text = text[label.end():]
    if _may_have_tail(text):
        for kind, pattern in _glued_tails():
            tail = pattern.search(text)
            if tail and tail.start() > 0:
                pieces.append((kind, text[tail.start():].strip()))
                text = text[:tail.start()].rstrip()
    head = _FEED_HEAD.search(text)
    if head:
        pieces.append(("feed", text[:head.end()].strip()))
        text = text[head.end():]
    return text, pieces


# A dateline or credit glued to the lede by a spaced dash: "مدينة – وقال …", "اسم الموقع
# (القسم) – …", "وكالة – مدينة. …". A second dash soon after means the dashes enclose a
# clause: left alone.
_LEDE_DATELINE = re.compile(r"^([^\s.،,:؛!?؟]+(?:\s+[^\s.،,:؛!?؟]+){0,4})\s+[-–—ـ]\s+"
                            r"(?:[^\s.،,:؛!?؟]+(?:\s[^\s.،,:؛!?؟]+)?[.:]\s+)?(?=\S)")
_CLAUSE_DASH = re.compile(r"\s[-–—ـ]\s")
DATELINE_MAX_CHARS = 45


def split_lede_dateline(text: str) -> tuple[str, str, str] | None:
    """(dateline, its name part, the rest) of a lede with a dateline glued to it."""
    match = _LEDE_DATELINE.match(text)
    if not match or len(match.group(1)) > DATELINE_MAX_CHARS:
        return None
    rest = text[match.end():]
    if _CLAUSE_DASH.search(rest[:80]) or not is_prose(rest):
        return None
    return text[:match.end()].strip(), match.group(1), rest
