"""Relative dates ('منذ ساعتين', 'أمس', '2 hours ago') against the time of the fetch."""

from __future__ import annotations

from datetime import datetime, timedelta

from newscrawl.datechecks import DateValue, zone
from newscrawl.dateclock import _clock
from newscrawl.dateforms import (
    _DAYS_BACK,
    _JOINER_WORDS,
    _LABELS,
    _PART,
    _RELATIVE,
    _TIME,
    _UNITS,
    _number,
)

# "منذ 99999999 يوم" is not a date: nothing older than this is read from a relative form.
MAX_RELATIVE = timedelta(days=3660)


def _relative(norm: str, now: datetime, tz: str | None) -> DateValue | None:
    """'منذ ساعتين', 'قبل 3 أيام', 'أمس الساعة 10:30 م', '2 hours ago' against `now`."""
    rest = _LABELS.sub("", norm).strip(" .:-|,")
    local = now.astimezone(zone(tz) or now.tzinfo)
    time_match = _TIME.search(rest)
    words = rest
    if time_match:
        words = rest[:time_match.start()] + " " + rest[time_match.end():]
        words = " ".join(_JOINER_WORDS.sub(" ", words).split()).strip(" ,-|")
    hms = _clock(time_match) if time_match else None
    if time_match and hms is None:
        return None
    days = _DAYS_BACK.get(words)
    if days == "now":
        return None if time_match else local
    if isinstance(days, int):
        return _day_at(local - timedelta(days=days), hms, now)
    match = _RELATIVE.fullmatch(words)
    if match is None or not (match["ago"] or match["after"]):
        return None
    seconds, whole_days = 0, True
    for part in _PART.finditer(match["parts"]):
        if part["unit"] not in _UNITS:
            return None  # weeks, months, years ago: no day can be named
        size, implied = _UNITS[part["unit"]]
        count = part["n"]
        n = implied if count is None else 1 if count in ("a", "an", "one") else _number(count)
        if not n:
            return None  # "منذ ساعات": how many is not said
        seconds += n * size
        whole_days = whole_days and size == 86400
    if seconds > MAX_RELATIVE.total_seconds():
        return None
    if whole_days:
        return _day_at(local - timedelta(seconds=seconds), hms, now)
    return None if time_match else local - timedelta(seconds=seconds)


def _day_at(moment: datetime, hms: tuple[int, int, int] | None, now: datetime) -> DateValue | None:
    """The local day of `moment`, at the printed time when there is one (not in the future)."""
    day = moment.date()
    if hms is None:
        return day
    value = datetime(day.year, day.month, day.day, *hms, tzinfo=moment.tzinfo)
    return value if value <= now + timedelta(minutes=5) else None

