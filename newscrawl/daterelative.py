"""Relative dates ('منذ ساعتين', 'أمس', '2 hours ago') against the time of the fetch."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from newscrawl.datechecks import DateValue, weekday_fits, zone
from newscrawl.dateclock import _clock
from newscrawl.dateforms import (
    _DAYS_BACK,
    _JOINER_WORDS,
    _LABELS,
    _PART,
    _RELATIVE,
    _TIME,
    _UNITS,
    _WEEKDAY,
    _alt,
    _number,
)
from newscrawl.datewords import WEEKDAYS

# "منذ 99999999 يوم" is not a date: nothing older than this is read from a relative form.
MAX_RELATIVE = timedelta(days=3660)
_WEEKDAY_AFTER_DAY = re.compile(rf"\s*\(?\s*(?<![^\W\d_])(?P<wd>{_alt(WEEKDAYS)})\s*\)?$")


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
    weekday = _WEEKDAY_AFTER_DAY.search(words)
    if weekday:  # "أمس (الجمعة)", "اليوم الخميس": the weekday must be that day's
        words = words[:weekday.start()].strip()
    days = _DAYS_BACK.get(words)
    if days == "now":
        return None if time_match or weekday else local.replace(microsecond=0)
    if isinstance(days, int):
        day = local - timedelta(days=days)
        if weekday and not weekday_fits(_WEEKDAY[weekday["wd"]], day.date()):
            return None
        return _day_at(day, hms, now)
    if weekday:
        return None
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
    # Whole seconds: "2 hours ago" is not known to the microsecond of the fetch.
    return None if time_match else (local - timedelta(seconds=seconds)).replace(microsecond=0)


def _day_at(moment: datetime, hms: tuple[int, int, int] | None, now: datetime) -> DateValue | None:
    """The local day of `moment`, at the printed time when there is one (not in the future)."""
    day = moment.date()
    if hms is None:
        return day
    value = datetime(day.year, day.month, day.day, *hms, tzinfo=moment.tzinfo)
    return value if value <= now + timedelta(minutes=5) else None

