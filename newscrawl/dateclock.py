"""Times beside a date: the clock, its half-day word, the zone stated after it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo

from newscrawl.datechecks import DateValue, _fixed_zone, zone
from newscrawl.dateforms import (
    _AM,
    _BEFORE_TIME,
    _DURATION_AFTER,
    _HOUR_TIME,
    _JOINERS,
    _MIDNIGHT_BEFORE,
    _NIGHT,
    _NOON,
    _PM,
    _TIME,
    _TIME_AFTER_DATE,
    _TIME_BEFORE_DATE,
    _ZONE,
    _ZONE_OF_CITY,
    _ZONE_OFFSET,
)

# A joiner word (الساعة, at) in the gap after a date: only then may an hour stand alone.
_JOINER_IN = re.compile(rf"(?<![^\W\d_])(?:{_JOINERS})(?![^\W\d_])")


def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(hour, minute, second) of a time match, its half-day word applied; None if impossible."""
    hour, minute, second = int(match["H"]), int(match["M"] or 0), int(match["S"] or 0)
    marker = (match["ampm"] or "").rstrip(".")
    if marker and (hour > 12 or (hour == 0 and marker not in _AM and marker not in _NIGHT)):
        return None  # "15:25 م", "00:30 م" contradict themselves
    if marker in _PM:
        hour += 12 if hour < 12 else 0
    elif marker in _AM:
        hour = 0 if hour == 12 else hour
    elif marker in _NOON:
        hour += 12 if hour < 6 else 0  # "1:30 ظهراً" 13:30, "11:30 ظهراً" 11:30
    elif marker in _NIGHT:
        hour = 0 if hour == 12 else hour + 12 if hour >= 6 else hour  # 10 ليلاً 22, 1 ليلاً 1
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _zone_after(text: str) -> tuple[bool, tzinfo | None]:
    """(a zone is stated, the zone) right at the start of `text`: the words after a time."""
    match = _ZONE.match(text)
    if match is None:
        return False, None
    if match["bsign"]:
        return True, _fixed_zone(-1 if match["bsign"] == "-" else 1, int(match["bh"]),
                                 int(match["bm"]))
    if match["abbr"]:
        minutes = _ZONE_OFFSET[match["abbr"]]
        return True, _fixed_zone(-1 if minutes < 0 else 1, abs(minutes) // 60, abs(minutes) % 60)
    base = UTC if match["name"] else zone(_ZONE_OF_CITY[match["city"]])
    if match["sign"]:
        if base is not UTC:
            return True, base  # "بتوقيت القاهرة +2": the city's own rules are surer
        return True, _fixed_zone(-1 if match["sign"] == "-" else 1, int(match["h"]),
                                 int(match["m"] or 0))
    return True, base


def _time_near(text: str, start: int, end: int) -> re.Match[str] | None:
    """The time printed with the date: right after it, or right before it (only separators,
    joiner words like الساعة, and a weekday between). A time elsewhere is something else."""
    gap = _TIME_AFTER_DATE.match(text, end)
    match = _TIME.match(text, gap.end()) if gap else None
    if match is None and gap and _JOINER_IN.search(gap.group()):
        match = _HOUR_TIME.match(text, gap.end())
    if match:
        return None if _DURATION_AFTER.match(text, match.end()) else match
    before = None
    for found in _TIME.finditer(text, 0, start):
        before = found  # the last time before the date is the nearest one
    if before is None or _DURATION_AFTER.match(text, before.end()) \
            or not _BEFORE_TIME.search(text[:before.start()]):
        return None
    zone_words = _ZONE.match(text, before.end())
    between = text[zone_words.end() if zone_words else before.end():start]
    return before if _TIME_BEFORE_DATE.match(between) else None


def _with_time(day: date, text: str, start: int, end: int) -> DateValue:
    """The day, with its time and the zone stated after that time."""
    match = _time_near(text, start, end)
    if match is None:
        if _MIDNIGHT_BEFORE.search(text[max(0, start - 24):start]):
            return datetime(day.year, day.month, day.day)
        return day
    hms = _clock(match)
    if hms is None:
        return day  # an impossible time: keep the day, not a wrong instant
    stated, tz = _zone_after(text[match.end():match.end() + 40])
    if stated and tz is None:
        return day  # "+25:00": the instant is unknown
    return datetime(day.year, day.month, day.day, *hms, tzinfo=tz)
