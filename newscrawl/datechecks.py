"""Date plausibility: a real day, a possible offset, a weekday that agrees, no future."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.dateforms import (
    _RANGE,
    _REFERENCE,
    _WEEKDAY,
    _WEEKDAY_AFTER,
    _WEEKDAY_BEFORE,
)

# News on the web starts in the 1990s: a page's own date earlier than that is a misread
# (a Hijri year without its marker, a reference number) or history quoted in the text.
# Archives of older print can lower it.
MIN_YEAR = 1990
# A date string read on its own is taken as printed back to here: "18 جوان 1927" is a
# date, it just cannot be when a web page was published (MIN_YEAR settles that).
OLDEST_YEAR = 1800
MAX_OFFSET = timedelta(hours=14)
DateValue = datetime | date


def zone(name: str | None) -> tzinfo | None:
    """tzinfo for an IANA name (or 'UTC'), None when unknown or not given."""
    if not name:
        return None
    if name.upper() in ("UTC", "GMT", "Z"):
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _fixed_zone(sign: int, hours: int, minutes: int) -> tzinfo | None:
    """A UTC offset, or None when no place on Earth has it (+25:00)."""
    delta = sign * timedelta(hours=hours, minutes=minutes)
    return timezone(delta) if abs(delta) <= MAX_OFFSET and minutes < 60 else None


def _weekday_agrees(text: str, start: int, end: int, day: date) -> bool:
    """A weekday printed next to the date must be the date's own, or a day beside it."""
    for match in (_WEEKDAY_BEFORE.search(text[max(0, start - 24):start]),
                  _WEEKDAY_AFTER.match(text[end:end + 16])):
        if match and not weekday_fits(_WEEKDAY[match["wd"]], day):
            return False
    return True


def weekday_fits(weekday: int, day: date) -> bool:
    """The printed weekday is the day's, or one day off.

    Of 188 real strings in ../shared/eval/dates that print a weekday beside a known
    date, 4 print it one day off (3 a day late, 1 a day early) and none further: the date
    was right in all four (a Hijri-calendar weekday, a page written before midnight for the
    next day's issue). Two or more days off means the numbers were misread (day and month
    swapped, a wrong year): refuse.
    """
    return (weekday - day.weekday()) % 7 in WEEKDAY_SLACK


# 0: the same day; 1 and 6: one day later or earlier.
WEEKDAY_SLACK = frozenset({0, 1, 6})



def _not_a_date_context(text: str, start: int) -> bool:
    """A reference number, a version, or the end of a range stands before the match."""
    before = text[max(0, start - 16):start]
    return bool(_REFERENCE.search(before) or _RANGE.search(before))



def plausible(value: DateValue, now: datetime, min_year: int = MIN_YEAR) -> bool:
    """Not before `min_year` and not more than a day after `now`."""
    limit = now + timedelta(days=1)
    if isinstance(value, datetime):
        if value.year < min_year or value.year >= 9999:
            return False
        try:
            return value <= limit if value.tzinfo else value.date() <= limit.date()
        except OverflowError:  # year 1 at +14:00 has no UTC instant: no date at all
            return False
    return value.year >= min_year and value <= limit.date()

