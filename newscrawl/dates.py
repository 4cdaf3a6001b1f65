"""Date strings to dates: a cascade from cheap and certain to fuzzy, plus plausibility checks.

Each step returns a value or None; nothing is guessed (no January 1st for a bare year,
no today's day filled in). `resolve_dates` picks an article's published/modified
dates from the candidates extraction found, structured sources first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.textnorm import fold_digits, normalize_arabic, tidy
from newscrawl.vocabulary import AM_MARKERS, MONTHS, PM_MARKERS

MIN_YEAR = 1990
# Where a date came from, most trusted first.
SOURCE_PRIORITY: tuple[str, ...] = ("jsonld", "meta", "time", "text", "url", "sitemap", "feed")

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC_DMY = re.compile(r"\b(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})\b")
_NUMERIC_YMD = re.compile(r"\b(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})\b")
_TIME = re.compile(
    r"(?<![\d:])(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?![\d:])"
    r"\s*(?P<ampm>[^\s\d,،|\-]+)?"
)
# "GMT", "UTC+3", "ت.غ" as words of their own, never letters inside a word (تغطية, استغرق).
_OFFSET = re.compile(r"(?<!\w)(?:gmt|utc|ت\.?\s?غ)(?!\w)\.?\s*(?P<sign>[+-])?\s*(?P<h>\d{1,2})?"
                     r"(?::?(?P<m>\d{2}))?", re.IGNORECASE)
MAX_OFFSET = timedelta(hours=14)
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|$|-)")


def _month_pattern() -> re.Pattern[str]:
    names = sorted({normalize_arabic(n) for n in MONTHS}, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    # A second name may follow the first: "نيسان / أبريل", "أيلول (سبتمبر)".
    dual = rf"(?:\s*[/\-(]\s*(?:{alt})\s*\)?)?"
    return re.compile(
        rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?:\(?\s*)?(?P<mon1>{alt})(?:\s*\)?)"
        rf"{dual}\s*,?\s*(?P<y1>\d{{4}}))"
        rf"|(?:(?P<mon2>{alt})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<y2>\d{{4}}))",
        re.IGNORECASE,
    )


_MONTH_DATE = _month_pattern()
_MONTH_NUMBERS = {normalize_arabic(k): v for k, v in MONTHS.items()}
_AM = {normalize_arabic(m) for m in AM_MARKERS}
_PM = {normalize_arabic(m) for m in PM_MARKERS}


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


def _offset(text: str) -> tzinfo | None:
    match = _OFFSET.search(text)
    if not match:
        return None
    sign = -1 if match.group("sign") == "-" else 1
    return _fixed_zone(sign, int(match.group("h") or 0), int(match.group("m") or 0))


def _time_from(text: str) -> tuple[int, int, int] | None:
    match = _TIME.search(text)
    if not match:
        return None
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    marker = normalize_arabic(match["ampm"] or "").strip(".").replace("ـ", "")
    if marker in _PM and hour < 12:
        hour += 12
    elif marker in _AM and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _iso_values(text: str) -> Iterator[datetime | date]:
    for match in _ISO.finditer(text):
        value = _iso_value(match)
        if value is not None:
            yield value


def _iso_value(match: re.Match[str]) -> datetime | date | None:
    day = _valid(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None:
        return None
    if match["H"] is None:
        return day
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day
    tz: tzinfo | None = None
    if match["tz"]:
        raw = match["tz"]
        if raw == "Z":
            tz = UTC
        else:
            raw = raw.replace(":", "")
            tz = _fixed_zone(-1 if raw[0] == "-" else 1, int(raw[1:3]), int(raw[3:5]))
            if tz is None:
                return day  # an impossible offset: keep the day, not a wrong instant
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)


def _parse_rfc822(text: str) -> datetime | None:
    if not re.search(r"[a-zA-Z]{3},?\s+\d{1,2}\s+[a-zA-Z]{3}\s+\d{4}", text):
        return None
    try:
        value = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    offset = value.utcoffset()
    return value if offset is None or abs(offset) <= MAX_OFFSET else None


def _word_values(text: str) -> Iterator[datetime | date]:
    """'5 أبريل 2025 - 10:14 صباحًا', '19th, September 2023 GMT', 'Sep 19, 2023', 19/09/2023."""
    norm = normalize_arabic(text)
    for match in _MONTH_DATE.finditer(norm):
        day_s, mon, year_s = (
            (match["d1"], match["mon1"], match["y1"]) if match["mon1"]
            else (match["d2"], match["mon2"], match["y2"])
        )
        value = _with_time(_valid(int(year_s), _MONTH_NUMBERS[mon.lower()], int(day_s)),
                           norm, match)
        if value is not None:
            yield value
    for pattern in (_NUMERIC_DMY, _NUMERIC_YMD):
        for match in pattern.finditer(norm):
            value = _with_time(_valid(int(match["y"]), int(match["m"]), int(match["d"])),
                               norm, match)
            if value is not None:
                yield value


def _with_time(day: date | None, norm: str, match: re.Match[str]) -> datetime | date | None:
    """The day, with the time printed around it when there is one."""
    if day is None:
        return None
    rest = norm[match.end():] + " " + norm[: match.start()]
    hms = _time_from(rest)
    if hms is None:
        return day
    return datetime(day.year, day.month, day.day, *hms, tzinfo=_offset(rest))


def _rfc822_values(text: str) -> Iterator[datetime]:
    value = _parse_rfc822(text)
    if value is not None:
        yield value


def plausible(value: datetime | date, now: datetime) -> bool:
    """Not before 1990 and not more than a day after `now`."""
    day = value.date() if isinstance(value, datetime) else value
    return day.year >= MIN_YEAR and day <= (now + timedelta(days=1)).date()


def parse_date(
    text: str, *, now: datetime | None = None, tz: str | None = None
) -> datetime | date | None:
    """Aware datetime when a time is printed, date when only the day is, None when unsure."""
    if not text or len(text) > 300:
        return None
    now = now or datetime.now(UTC)
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    clean = fold_digits(tidy(text))
    # Cheap and certain first; within a step, the first plausible date printed wins
    # ("1446-10-07 هـ الموافق 05-04-2025": the Hijri numbers are skipped, not trusted).
    steps = (_iso_values(clean), _rfc822_values(clean), _word_values(clean))
    value = next((v for step in steps for v in step if plausible(v, now)), None)
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is None:
        local = zone(tz)
        if local is not None:
            value = value.replace(tzinfo=local)
    return value


def date_from_url(url: str) -> date | None:
    """Publication day printed in the URL path (/2023/09/19/)."""
    match = _URL_DATE.search(url)
    return _valid(int(match["y"]), int(match["m"]), int(match["d"])) if match else None


def to_iso(value: datetime | date, tz: str | None = None) -> str:
    """Record format: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS±HH:MM with the site's zone for naive."""
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz) or UTC)
    return value.isoformat(timespec="seconds")


def _choose(candidates: list[dict[str, Any]], kind: str, tz: str | None,
            now: datetime) -> tuple[datetime | date, dict[str, Any]] | None:
    ranked = sorted(
        (c for c in candidates if c.get("kind") == kind),
        key=lambda c: SOURCE_PRIORITY.index(c["source"]) if c["source"] in SOURCE_PRIORITY
        else len(SOURCE_PRIORITY),
    )
    best: tuple[datetime | date, dict[str, Any]] | None = None
    for cand in ranked:
        value = parse_date(str(cand.get("raw") or ""), now=now, tz=tz)
        if value is None:
            continue
        if best is None:
            best = (value, cand)
            if isinstance(value, datetime):
                break
        elif isinstance(value, datetime) and value.date() == _day(best[0]):
            # A lower-ranked source that agrees on the day and adds the time.
            best = (value, cand)
            break
    return best


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def resolve_dates(item: dict[str, Any], tz: str | None = None,
                  now: datetime | None = None) -> dict[str, Any]:
    """Fill published_* / modified_* from item['date_candidates'] (kept on the item)."""
    now = now or datetime.now(UTC)
    candidates = item.get("date_candidates") or []
    for kind in ("published", "modified"):
        chosen = _choose(candidates, kind, tz, now)
        if chosen is None:
            continue
        value, cand = chosen
        item[f"{kind}_at"] = to_iso(value, tz)
        item[f"{kind}_raw"] = tidy(str(cand["raw"]))[:300] or None
        if kind == "published":
            item["published_source"] = cand["source"]
    return item
