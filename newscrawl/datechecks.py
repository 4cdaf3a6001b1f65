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

# News on the web starts in the 1990s: an earlier Gregorian year is a misread (a Hijri
# year without its marker, a reference number). Archives of older print can lower it.
MIN_YEAR = 1990
# Where a date came from, most trusted first.
SOURCE_PRIORITY: tuple[str, ...] = ("jsonld", "meta", "time", "text", "url", "sitemap", "feed")
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
    """A weekday printed next to the date must be the date's own."""
    for match in (_WEEKDAY_BEFORE.search(text[max(0, start - 24):start]),
                  _WEEKDAY_AFTER.match(text[end:end + 16])):
        if match and _WEEKDAY[match["wd"]] != day.weekday():
            return False
    return True



def _not_a_date_context(text: str, start: int) -> bool:
    """A reference number, a version, or the end of a range stands before the match."""
    before = text[max(0, start - 16):start]
    return bool(_REFERENCE.search(before) or _RANGE.search(before))



def plausible(value: DateValue, now: datetime, min_year: int = MIN_YEAR) -> bool:
    """Not before `min_year` and not more than a day after `now`."""
    limit = now + timedelta(days=1)
    if isinstance(value, datetime):
        if value.year < min_year:
            return False
        return value <= limit if value.tzinfo else value.date() <= limit.date()
    return value.year >= min_year and value <= limit.date()

