"""Marker lines as text: read-also, tag, source and share lines, and agency datelines.

The words are in newscrawl.vocabulary; every test here normalises both sides
(textnorm.normalize_arabic), so one spelling per phrase covers its variants. The DOM
stripping (newscrawl.boilerplate) and the text cleaning (newscrawl.cleaning) share them.
"""

from __future__ import annotations

import re
from functools import cache

from newscrawl.textnorm import normalize_arabic, phrase_regex, tidy
from newscrawl.vocabulary import (
    AGENCIES,
    RELATED_HEADINGS,
    RELATED_HEADINGS_PERSIAN_URDU,
    SHARE_PHRASES,
    SOURCE_PREFIXES,
    TAG_HEADINGS,
)

_SENTENCE_END = re.compile(r"[.!?؟۔]\s*$")
_PUNCT = re.compile(r"[\s:：\-–—|»«\"'.،,]+$")


@cache
def _phrases(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize_arabic(p) for p in phrases)


def heading_key(text: str) -> str:
    """A block heading as a matching key: normalised, trailing punctuation dropped."""
    return _PUNCT.sub("", normalize_arabic(text))


def is_heading(text: str, phrases: tuple[str, ...]) -> bool:
    """True when `text` is exactly one of the heading phrases (any spelling)."""
    return len(text) < 60 and heading_key(text) in _phrases(phrases)


@cache
def related_start() -> re.Pattern[str]:
    """A read-also heading at the start of a line: alone, before ':'/'|'/'..', or glued to
    the next word (a flattened page lost the space: 'اقرأ أيضاًبعد …')."""
    separated = r"\s*(?:[:：|»›\-–]|\.\.+)\s*|\s*$"
    glued = tuple(p for p in RELATED_HEADINGS if p not in RELATED_HEADINGS_PERSIAN_URDU)
    return re.compile(rf"^\s*(?:({phrase_regex(glued)})(?:{separated}|(?=[^\s\W\d]))|"
                      rf"({phrase_regex(RELATED_HEADINGS_PERSIAN_URDU)})(?:{separated}))",
                      re.IGNORECASE)


@cache
def tags_start() -> re.Pattern[str]:
    """A tag heading followed by ':' at the start of a line."""
    return re.compile(rf"^\s*({phrase_regex(TAG_HEADINGS)})\s*[:：]\s*", re.IGNORECASE)


def inline_related(line: str) -> str | None:
    """'اقرأ أيضاً: عنوان' / 'اقرأ أيضاًعنوان' as a one-line paragraph -> the title."""
    match = related_start().match(line)
    rest = tidy(line[match.end():]) if match else ""
    if rest and len(line) < 200 and len(rest.split()) >= 2:
        return rest
    return None


def source_from_line(text: str) -> str | None:
    """'المصدر: الأسبوع' -> 'الأسبوع'; None when the line is not a source credit."""
    line = tidy(text)
    match = re.match(r"^([^:：]{2,15})\s*[:：]\s*(.{2,60})$", line)
    if match and heading_key(match.group(1)) in _phrases(SOURCE_PREFIXES):
        return match.group(2).strip(" .،")
    return None


@cache
def _agency_regex() -> re.Pattern[str]:
    names = sorted({normalize_arabic(a) for a in AGENCIES}, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    # 'الرياض - واس', 'المناطق_واس', '(رويترز)', '(دبي - وام)'.
    return re.compile(rf"^\(?\s*(?:[^\s:()\-–_]{{2,20}}\s*[-–_]\s*)?({alt})\s*\)?$",
                      re.IGNORECASE)


def agency_from_dateline(text: str) -> str | None:
    """'المناطق_واس', 'الرياض - واس', '(رويترز)' -> the agency as printed; else None."""
    line = tidy(text)
    if len(line) > 40:
        return None
    # '--(بترا)', '- (أ ف ب) -': dashes around a dateline that closes the text.
    match = _agency_regex().match(normalize_arabic(line).strip(" -–—_.:"))
    if not match:
        return None
    for agency in AGENCIES:
        if normalize_arabic(agency) == match.group(1).lower():
            return agency
    return None


@cache
def _prefix_dateline_regex() -> re.Pattern[str]:
    names = sorted({normalize_arabic(a) for a in AGENCIES}, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"^[^\s:()\-–]{{2,15}}(?:\s[^\s:()\-–]{{2,15}})?\s*"
                      rf"(?:\(\s*({alt})\s*\)|[-–]\s*({alt}))\s*[-–:]", re.IGNORECASE)


def agency_from_prefix(paragraph: str) -> str | None:
    """'القاهرة (أ ش أ) - ...' / 'الرياض - واس: ...' at a paragraph's start -> the agency."""
    match = _prefix_dateline_regex().match(normalize_arabic(paragraph[:60]))
    if not match:
        return None
    found = (match.group(1) or match.group(2)).lower()
    return next((a for a in AGENCIES if normalize_arabic(a) == found), None)


def is_share_prompt(text: str) -> bool:
    """'شارك الخبر:', 'Share on Facebook', 'تابعونا على': not 'شارك في المؤتمر 500 شخص.'"""
    key = heading_key(text)
    if _SENTENCE_END.search(text):
        return False
    for phrase in _phrases(SHARE_PHRASES):
        if key == phrase or (key.startswith(phrase + " ")
                             and len(key.split()) <= len(phrase.split()) + 2):
            return True
    return False
