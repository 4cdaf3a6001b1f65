"""Date strings to dates: a cascade from cheap and certain to fuzzy, plus plausibility checks.

`parse_date` reads, in one pass and without being told the region: ISO 8601 and RFC 822,
Gregorian month names of every Arabic region and English, numeric day-month-year forms,
Hijri and Solar Hijri dates (newscrawl.datecalendars), number words, and relative forms
against `now`. dateparser is only a fallback for word forms none of that knows.

Nothing is guessed: no January 1st for a bare year, no today's day filled in, no two-digit
years, no weekday that contradicts the date, nothing after `now` + 1 day, nothing before
`min_year` unless the text is Hijri. `resolve_dates` picks an article's published and
modified dates from the candidates extraction found, structured sources first.
"""

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, tzinfo
from email.utils import parsedate_to_datetime

from newscrawl.datecalendars import calendar_spans, solar_text
from newscrawl.datechecks import (
    MAX_OFFSET,
    MIN_YEAR,
    OLDEST_YEAR,
    DateValue,
    _fixed_zone,
    _not_a_date_context,
    _valid,
    _weekday_agrees,
    plausible,
    weekday_fits,
    zone,
)
from newscrawl.dateclock import _with_time
from newscrawl.dateforms import (
    _DAY_MONTH,
    _GREGORIAN,
    _HIJRI_YEAR,
    _ISO_FULL,
    _ISO_STAMP,
    _MONTH_NUMBER,
    _RANGES,
    _RFC822,
    _SPAN,
    _URL_DATE,
    _WEEKDAY,
    _WEEKDAY_ANY,
    _WORDED,
    _normalize,
    _number,
    usable_forms,
)
from newscrawl.daterelative import _relative
from newscrawl.datespelling import respell_months
from newscrawl.textnorm import tidy

__all__ = ["MIN_YEAR", "OLDEST_YEAR", "DateValue", "date_from_url", "parse_date", "plausible",
           "zone"]
MAX_LENGTH = 300
# How far a printed Gregorian twin may lie from the Umm al-Qura day (local sightings differ).
TWIN_DAYS = 2


def _iso_full(text: str) -> DateValue | None:
    """Strict ISO 8601 (what meta tags and JSON-LD hold): no other step needed."""
    match = _ISO_FULL.fullmatch(text)
    if match is None:
        return None
    day = _valid(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None or match["H"] is None:
        return day
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day
    tz: tzinfo | None = None
    raw = (match["tz"] or "").replace(":", "")
    if raw.upper() == "Z":
        tz = UTC
    elif raw:
        tz = _fixed_zone(-1 if raw[0] == "-" else 1, int(raw[1:3]), int(raw[3:5] or 0))
        if tz is None:
            return day  # an impossible offset: keep the day, not a wrong instant
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)


def _candidates(text: str, ranges: bool = True) -> Iterator[tuple[date, int, int]]:
    """(day, start, end) of every Gregorian date printed in normalised text, surest first
    (a day range as its first day when `ranges`)."""
    for pattern in usable_forms(_DAY_FORMS if ranges else _NO_RANGE_FORMS, text):
        for match in pattern.finditer(text):
            if _not_a_date_context(text, match.start()) or (
                    id(pattern) in _WORDED_IDS and _SPAN.search(text[:match.start()])):
                continue
            groups = match.groupdict()
            numeric = groups.get("m") is not None
            month = int(groups["m"]) if numeric else _MONTH_NUMBER.get(groups["mon"])
            day_n, year = _number(match["d"]), _number(match["y"])
            if numeric and day_n and month > 12 >= day_n and match.start("d") < match.start("m"):
                month, day_n = day_n, month  # 07-13-2019: only the US order is a date
            if year is not None and len(match["y"]) == 2:
                year += 2000 if year < 70 else 1900
            if month and day_n and year:
                day = _valid(year, month, day_n)
                if day is not None:
                    yield day, match.start(), match.end()


# Ranges first (their first day), then the Gregorian forms, then number words.
_DAY_FORMS = (*_RANGES, *_GREGORIAN, *_WORDED)
_NO_RANGE_FORMS = (*_GREGORIAN, *_WORDED)
_WORDED_IDS = frozenset(map(id, _WORDED))


def _absolute(norm: str, now: datetime, min_year: int, ranges: bool = True,
              solar: bool = False) -> tuple[DateValue | None, bool]:
    """(date, refused): a printed Gregorian date (in a Hijri + Gregorian pair, the
    Gregorian), else the Hijri or Solar Hijri one (numeric ones Solar when `solar`).
    `refused` when dates were printed but none was sure."""
    hijri = calendar_spans(norm, solar) if _HIJRI_YEAR.search(norm) else []
    text = norm
    for start, end, _day in hijri:
        text = text[:start] + " " * (end - start) + text[end:]
    refused = False
    for day, start, end in _candidates(text, ranges):
        if _weekday_agrees(text, start, end, day):
            value = _with_time(day, text, start, end)
            if plausible(value, now, min_year):
                return value, False
        refused = True
    if refused:
        return None, True  # a printed Gregorian date that fails: its Hijri twin is no surer
    for start, end, hday in hijri:
        # The floor is for misread Gregorian years; a Hijri date can be old and right.
        if hday is not None and _weekday_agrees(norm, start, end, hday):
            hday = _gregorian_twin(text, hday) or hday
            value = _with_time(hday, norm, start, end)
            if plausible(value, now, 1):
                return value, False
        refused = True
    return None, refused


def _gregorian_twin(text: str, hday: date) -> date | None:
    """The Gregorian day and month printed beside a Hijri date without a year ("29 شعبان
    1444هـ الموافق 22 مارس"): it says which day the page's own calendar meant, when it
    lies within TWIN_DAYS of the Umm al-Qura conversion."""
    for match in _DAY_MONTH.finditer(text):
        month, day_n = _MONTH_NUMBER.get(match["mon"]), int(match["d"])
        for year in (hday.year - 1, hday.year, hday.year + 1):
            day = _valid(year, month or 0, day_n)
            if day is not None and abs((day - hday).days) <= TWIN_DAYS:
                return day
    return None


def _rfc822(text: str) -> datetime | None:
    if not _RFC822.search(text):
        return None
    try:
        value = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    offset = value.utcoffset()
    return value if offset is None or abs(offset) <= MAX_OFFSET else None



def _fallback(text: str, norm: str, now: datetime) -> DateValue | None:
    """dateparser for word forms the cascade does not know; day, month and year required."""
    import dateparser  # slow to import and slow to run: only for what the cascade left

    try:
        value = dateparser.parse(text, languages=["ar", "en"], settings={
            "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": now.replace(tzinfo=None)})
    except (ValueError, TypeError, OverflowError, AttributeError, KeyError):
        return None
    if value is None:
        return None
    day = value.date()
    weekday = _WEEKDAY_ANY.search(norm)
    if weekday and not weekday_fits(_WEEKDAY[weekday["wd"]], day):
        return None
    return value if (value.hour, value.minute, value.second) != (0, 0, 0) else day


_FALLBACK_WORTHY = re.compile(r"(?<!\d)\d{4}(?!\d)")
# English words dateparser may know and the cascade does not ("the 5th of April 2025").
_FALLBACK_LETTERS = re.compile(r"[a-z]{3,}")
_KNOWN_WORDS = frozenset({*_MONTH_NUMBER, *_WEEKDAY, "gmt", "utc", "published", "updated",
                          "posted", "last", "date", "time"})


def parse_date(text: str, *, now: datetime | None = None, tz: str | None = None,
               min_year: int = OLDEST_YEAR, ranges: bool = True) -> DateValue | None:
    """Aware datetime when a time is printed, date when only the day is, None when unsure.

    The offset is the one the text states (GMT, UTC+3, +03:00, بتوقيت مكة, ت.غ), else
    `tz`'s, else the datetime is naive. `now` bounds the future and resolves relative forms.
    A day range gives its first day; a page's own date passes `ranges=False` (a range
    names an event, never when a page was published).
    """
    if not text or len(text) > MAX_LENGTH:
        return None
    now = now or datetime.now(UTC)
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    value = _iso_full(text)
    if value is not None:
        return _localized(value, tz) if plausible(value, now, min_year) else None
    norm = _normalize(text)  # normalize_arabic tidies spaces and marks too
    solar = _HIJRI_YEAR.search(norm) is not None and solar_text(text, norm)
    value, refused = _absolute(norm, now, min_year, ranges, solar)  # plausibility checked
    if value is None and not refused and (respelled := respell_months(norm)) is not None:
        value, refused = _absolute(respelled, now, min_year, ranges, solar)
    if value is not None:
        return _localized(_precise(text, value), tz)
    if refused:
        return None
    if _FALLBACK_WORTHY.search(norm):
        value = _rfc822(tidy(text))
        weekday = _WEEKDAY_ANY.search(norm)
        if value is not None and weekday and not weekday_fits(_WEEKDAY[weekday["wd"]],
                                                             value.date()):
            return None
        if value is None and set(_FALLBACK_LETTERS.findall(norm)) - _KNOWN_WORDS:
            value = _fallback(tidy(text), norm, now)
    else:
        value = _relative(norm, now, tz)
    if value is None or not plausible(value, now, min_year):
        return None
    return _localized(value, tz)


def _precise(text: str, value: DateValue) -> DateValue:
    """A machine stamp printed beside the display date, of the same day, says more."""
    match = _ISO_STAMP.search(text) if "T" in text else None
    stamp = _iso_full(match.group()) if match else None
    if isinstance(stamp, datetime) and stamp.date() == (
            value.date() if isinstance(value, datetime) else value):
        return stamp
    return value


def _localized(value: DateValue, tz: str | None) -> DateValue:
    """A naive time takes the site's zone when one is given."""
    if isinstance(value, datetime) and value.tzinfo is None:
        local = zone(tz)
        if local is not None:
            return value.replace(tzinfo=local)
    return value


def date_from_url(url: str) -> date | None:
    """Publication day printed in the URL path (/2023/09/19/)."""
    match = _URL_DATE.search(url)
    return _valid(int(match["y"]), int(match["m"]), int(match["d"])) if match else None

