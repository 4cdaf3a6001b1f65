"""Related boxes glued inside a paragraph: a naive crawler's text joins a read-also box's
dated titles to the article words around them ('… نص. أخبار قد تهمك عنوان 4 أبريل 2025 -
7:57 مساءًوشددت …'). Split them off, keeping every article word on its side.
"""

from __future__ import annotations

import re
from functools import cache

from newscrawl.datewords import AM_MARKERS, MONTHS, PM_MARKERS
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
    return 2 <= words <= 30 and not line.rstrip().endswith((".", "؟", "?", "!"))


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


