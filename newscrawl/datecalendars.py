"""Dates of the other calendars news print, found in normalised text and turned Gregorian:
Hijri (Umm al-Qura, with hijridate) and Solar Hijri (Iran and Afghanistan, with
jdatetime).

A 13xx/14xx year names either calendar. A month name says which; a numeric date
("1403/08/12") is Hijri unless the text says Solar: a date marked ه.ش or شمسی, or digits
written in Persian (۱۴۰۳), which Arabic pages do not use. Even then a year above
SOLAR_MAX_YEAR is Hijri: news years of the two calendars do not overlap.
"""

from __future__ import annotations

import re
from datetime import date

from newscrawl.datechecks import _not_a_date_context
from newscrawl.dateforms import (
    _HIJRI,
    _HIJRI_NUMBER,
    _NO_LETTER_AFTER,
    _NOT_AFTER_NUMBER,
    _YEAR_GAP,
    _alt,
    _number,
    _table,
    usable_forms,
)
from newscrawl.datewords import SOLAR_MONTHS, SOLAR_YEAR_MARKS

# Solar Hijri with a month name: "12 آبان 1403", "12 آبان ماه 1403" (ماه: month).
_SOLAR_NUMBER = _table(SOLAR_MONTHS)
_SOLAR = (
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})\s*(?P<mon>{_alt(SOLAR_MONTHS)})"
               rf"{_NO_LETTER_AFTER}(?:\s+ماه)?{_YEAR_GAP}(?P<y>1[34]\d\d)(?!\d)"),
)
# A date marked as Solar Hijri: the numeric dates of the text are Solar too.
_SOLAR_MARK = re.compile(rf"\d\s*(?:{_alt(SOLAR_YEAR_MARKS)}){_NO_LETTER_AFTER}")
# A date marked lunar: "هـ.ق", "ق" or the Urdu Hijri sign "ھ" after it, or the هـ the Hijri
# forms end with when no ".ش" follows it.
_LUNAR_MARK = re.compile(r"\s*(?:\.?\s*ق|ھ)(?![^\W\d_])")
_HIJRI_MARK_END = re.compile(r"(?:ه|هجري|هجريه|ah)\.?$")
_SOLAR_AFTER = re.compile(r"\s*\.?\s*ش(?![^\W\d_])")
# Persian (Extended Arabic-Indic) digits: Arabic pages print ٠-٩, Persian ones ۰-۹.
_PERSIAN_DIGIT = re.compile("[\u06f0-\u06f9]")
Span = tuple[int, int, date | None]
# Solar 1409 ends in March 2031, and Hijri 1410 began in 1989: a numeric news date with a
# higher year is Hijri even on a Persian page (an Urdu page prints ۱۴۴۶/۰۳/۱۵).
SOLAR_MAX_YEAR = 1409


def _lunar_marked(norm: str, match: re.Match[str]) -> bool:
    """Whether a numeric date says it is lunar (its Persian digits say nothing then)."""
    return bool(_LUNAR_MARK.match(norm, match.end()) or (
        _HIJRI_MARK_END.search(match.group()) and not _SOLAR_AFTER.match(norm, match.end())))


def solar_text(raw: str, norm: str) -> bool:
    """Whether the numeric 13xx/14xx dates of a text are Solar Hijri (`raw` as printed,
    `norm` its matching form)."""
    return bool(_PERSIAN_DIGIT.search(raw) or _SOLAR_MARK.search(norm))


def hijri_to_gregorian(y: int, m: int, d: int) -> date | None:
    """An Umm al-Qura day as Gregorian; None when it does not exist."""
    from hijridate import Hijri  # imported on first Hijri date: most pages have none

    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def solar_to_gregorian(y: int, m: int, d: int) -> date | None:
    """A Solar Hijri day as Gregorian; None when it does not exist."""
    import jdatetime  # imported on first Solar date

    try:
        return jdatetime.date(y, m, d).togregorian()
    except (ValueError, OverflowError):
        return None


def calendar_spans(norm: str, solar: bool) -> list[Span]:
    """(start, end, Gregorian day or None) of every Hijri or Solar Hijri date in `norm`;
    numeric ones are Solar when `solar`. None: the date does not exist, or the number is
    not a date (a reference, an amount)."""
    spans = []
    for forms, months in ((_SOLAR, _SOLAR_NUMBER), (_HIJRI, _HIJRI_NUMBER)):
        for pattern in usable_forms(forms, norm):
            for match in pattern.finditer(norm):
                if any(start <= match.start() < end for start, end, _day in spans):
                    continue
                if _not_a_date_context(norm, match.start()):
                    spans.append((match.start(), match.end(), None))
                    continue
                named = match.groupdict().get("mon")
                month = months[named] if named else int(match["m"])
                convert = solar_to_gregorian if months is _SOLAR_NUMBER or (
                    solar and not named and int(match["y"]) <= SOLAR_MAX_YEAR
                    and not _lunar_marked(norm, match)) \
                    else hijri_to_gregorian
                spans.append((match.start(), match.end(),
                              convert(int(match["y"]), month, _number(match["d"]) or 0)))
    return sorted(spans, key=lambda s: s[0])
