"""Edges of the body: lines that open or close it without being article text.

Extraction engines often take the lines around the article along with it: the
headline again, a date stamp, a byline, a dateline, a photo caption or its credit, a
views or comments counter, the date of a related item that was removed. Such a line is
dropped while it sits at the start or the end of the body; the same words inside the
text are left alone. A dateline that names an agency still gives the record's source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from newscrawl.dateforms import DATE_LABEL_START, _alt
from newscrawl.datewords import (
    AM_MARKERS,
    DATE_FILLERS,
    DATE_LABELS,
    HIJRI_MARKERS,
    HIJRI_MONTHS,
    MODIFIED_LABELS,
    MONTHS,
    PM_MARKERS,
    RELATIVE_AGO,
    RELATIVE_DAYS,
    RELATIVE_UNITS,
    SOLAR_MONTHS,
    WEEKDAYS,
)
from newscrawl.markers import agency_from_dateline
from newscrawl.textnorm import fold_digits, normalize_arabic
from newscrawl.vocabulary import (
    AUTHOR_PREFIXES,
    AUTHOR_PREFIXES_WITH_MARK,
    COUNTER_WORDS,
    PHOTO_CREDIT_WORDS,
    SHARE_BAR_WORDS,
    STAMP_WORDS,
    STORY_ID_LABELS,
)

# Lines longer than this are text, whatever they start with.
EDGE_MAX_CHARS = 80
# At most this many lines are dropped at each end.
EDGE_MAX_LINES = 4
_SENTENCE_END = re.compile(r"[.!?؟۔]\s*$")


def _words(*groups: Iterable[str]) -> frozenset[str]:
    """Every word of the phrases (or keys) of the groups, normalised."""
    out: set[str] = set()
    for group in groups:
        for phrase in group:
            out.update(normalize_arabic(phrase).split())
    return frozenset(out)


@cache
def _stamp_words() -> frozenset[str]:
    return _words(MONTHS, SOLAR_MONTHS, WEEKDAYS, AM_MARKERS, PM_MARKERS, STAMP_WORDS,
                  DATE_LABELS, MODIFIED_LABELS, RELATIVE_UNITS, RELATIVE_DAYS)


@cache
def _story_id() -> re.Pattern[str]:
    """The site's number for the story: a label of STORY_ID_LABELS, a colon, five digits
    or more (a year is not one)."""
    return re.compile(rf"^(?:{_alt(STORY_ID_LABELS)})\s*:\s*#?\d{{5,}}$")


@cache
def _share_words() -> frozenset[str]:
    return _words(SHARE_BAR_WORDS)


@cache
def _counter() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(_words(COUNTER_WORDS), key=len, reverse=True))
    number = r"\d[\d.,]*\s*[km]?"
    return re.compile(rf"^(?:{number}\s*(?:{words})|(?:{words})\s*[:(]?\s*{number}\)?)$")


@cache
def _credit() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(_words(PHOTO_CREDIT_WORDS), key=len,
                                                  reverse=True))
    # A credit closing the line: "… (Image: Getty)", "… Bildrechte: MDR/David Straub".
    return re.compile(rf"(?:\(\s*(?:{words})\s*[:/]\s*[^()]{{1,60}}\)|"
                      rf"(?:^|\s)(?:{words})\s*:\s*\S[^:]{{0,60}})$")


@cache
def _byline() -> re.Pattern[str]:
    def alt(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(normalize_arabic(w)) for w in sorted(words, key=len,
                                                                        reverse=True))
    free = tuple(p for p in AUTHOR_PREFIXES if p not in AUTHOR_PREFIXES_WITH_MARK)
    # 'By Jane Doe', 'بقلم: ...' (a whole word, not 'Bystanders'); 'كتب - ...' (a mark).
    return re.compile(rf"^(?:(?:{alt(free)})(?:\s*[:\-–]\s*|\s+)|"
                      rf"(?:{alt(AUTHOR_PREFIXES_WITH_MARK)})\s*[:\-–]\s*)\S")


_TOKEN = re.compile(r"[^\W\d_]+")


_CLOCK_OR_DATE = re.compile(r"\d{1,2}[:.]\d{2}|\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")


def is_stamp(line: str) -> bool:
    """A date or time stamp alone: '17:41 JST, October 13, 2024', 'منذ ساعتين'; not a
    bare number, year or percentage."""
    key = fold_digits(normalize_arabic(line))
    if len(key) > 60 or "%" in key or "٪" in line:
        return False  # '1.25%' reads like a clock '1.25'; a rate is never a stamp
    # A label opening the line is read as its phrase, not word by word.
    words = _TOKEN.findall(DATE_LABEL_START.sub("", key, count=1))
    if sum(len(w) for w in words if w not in _stamp_words()) > 2:
        return False
    if _CLOCK_OR_DATE.search(key):
        return True
    named = set(words) & _date_names()
    return (bool(named) and any(c.isdigit() for c in key)) or bool(set(words) & _ago_words()
                                                                    and set(words) & _units())


# A line that is a printed date, header clocks and issue lines included, is this short.
DATE_LINE_MAX_CHARS = 110
# Of its words, and of its words and numbers, this share at least are date words; and
# without a year or a clock, fewer than DATE_LINE_OTHER_WORDS are not ('غرة شعبان غدا
# الأربعاء وليلة ترقب هلال … 22 مارس' is a headline about a date; a header's date line
# with a year may name its city and country).
DATE_LINE_SHARE = 0.6
DATE_LINE_OTHER_WORDS = 3
_NUMERIC_DATE = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}([/._\-])\d{1,2}\1(?:\d{4}|\d{2})\b|"
                           r"\b\d{4}([/._\-])\d{1,2}\2\d{1,2}\b")
# A Gregorian, Hijri or Solar Hijri year, or a clock.
_YEAR_OR_CLOCK = re.compile(r"(?<!\d)(?:1[3-4]|19|20)\d\d(?!\d)|\d:\d\d")
# Numbers glued to words ('27مارس', '2023م') are split apart before the words are read.
_GLUED_NUMBER = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")
_DATE_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_JOINED_PREFIXES = ("ال", "و", "ل", "لل", "ب")


@cache
def _date_line_words() -> tuple[frozenset[str], frozenset[str]]:
    """(every word a printed date is made of, the names that make a line a date)."""
    names = _words(MONTHS, HIJRI_MONTHS, WEEKDAYS)
    return names | _words(HIJRI_MARKERS, AM_MARKERS, PM_MARKERS, DATE_LABELS, MODIFIED_LABELS,
                          STAMP_WORDS, DATE_FILLERS), names


def is_date_line(text: str) -> bool:
    """A printed date and little else: '٢١يناير ٢٠٢٢م ١٨ -جمادى الآخرة ١٤٤٣هـ', 'العدد
    3750 - الأربعاء 12 ديسمبر 2012م الموافق 28 محرم 1434هـ' (header clocks, issue lines)."""
    if len(text) > DATE_LINE_MAX_CHARS:
        return False
    key = _GLUED_NUMBER.sub(" ", fold_digits(normalize_arabic(text)))
    tokens = _DATE_TOKEN.findall(key)
    if not any(t.isdigit() for t in tokens):
        return False
    known, names = _date_line_words()

    def plain(token: str) -> str:
        for prefix in _JOINED_PREFIXES:
            if token not in known and token.startswith(prefix) and token[len(prefix):] in known:
                return token[len(prefix):]
        return token

    words = [plain(t) for t in tokens]
    dated = any(w in names for w in words) or bool(_NUMERIC_DATE.search(key))
    # Date words and numbers nearly throughout: 'فريق التحرير 9 أغسطس 2018 آخر تحديث',
    # not 'Jan Doe 466', nor a sentence or a headline about a date.
    named = [w for w in words if not w.isdigit()]
    dateish = sum(w in known for w in named)
    return dated and dateish >= DATE_LINE_SHARE * len(named) \
        and (len(named) - dateish < DATE_LINE_OTHER_WORDS or bool(_YEAR_OR_CLOCK.search(key))) \
        and dateish + len(words) - len(named) >= DATE_LINE_SHARE * len(words)


@cache
def _date_names() -> frozenset[str]:
    return _words(MONTHS, WEEKDAYS)


@cache
def _ago_words() -> frozenset[str]:
    return _words(RELATIVE_AGO)


@cache
def _units() -> frozenset[str]:
    """Words a relative stamp counts in ('ساعتين', 'hours', 'لحظات'), not 'منذ' itself."""
    return _words(RELATIVE_UNITS, RELATIVE_DAYS) - _ago_words()


def edge_kind(line: str, title: str | None = None) -> str | None:
    """Why `line` is not article text when it opens or closes the body, else None."""
    if len(line) > EDGE_MAX_CHARS:
        return None
    key = normalize_arabic(line)
    if title and key == normalize_arabic(title):
        return "headline"
    if is_stamp(line):
        return "stamp"
    folded = fold_digits(key)
    if _counter().match(folded.strip(" ()|·•")):
        return "counter"
    if _story_id().match(folded):
        return "reference"
    if agency_from_dateline(line) or re.fullmatch(r"\(\s*[^()]{2,25}\s*[-–_/]\s*[^()]{2,25}\)",
                                                  line.strip()):
        return "dateline"
    words = _TOKEN.findall(key)
    if len(words) >= 2 and sum(w in _share_words() for w in words) >= 0.8 * len(words):
        return "share"
    if _credit().search(key):
        return "caption"
    if _byline().match(key) and len(key.split()) <= 7 and not _SENTENCE_END.search(line):
        return "byline"
    return None


def trim_edges(lines: list[str], title: str | None = None) -> tuple[list[str], str | None]:
    """`lines` without the edge lines at either end, and the agency a dropped dateline
    named (for the record's source)."""
    start, end = 0, len(lines)
    agency = None
    while start < end and start < EDGE_MAX_LINES and edge_kind(lines[start], title):
        agency = agency or agency_from_dateline(lines[start])
        start += 1
    while end > start and len(lines) - end < EDGE_MAX_LINES and edge_kind(lines[end - 1], title):
        agency = agency or agency_from_dateline(lines[end - 1])
        end -= 1
    return lines[start:end], agency
