"""Date strings to dates: a cascade from cheap and certain to fuzzy, plus plausibility checks.

`parse_date` reads, in one pass and without being told the region: ISO 8601 and RFC 822,
Gregorian month names of every Arabic region and English, numeric day-month-year forms,
Hijri dates (Umm al-Qura, converted with hijridate), number words, and relative forms
against `now`. dateparser is only a fallback for word forms none of that knows.

Nothing is guessed: no January 1st for a bare year, no today's day filled in, no two-digit
years, no weekday that contradicts the date, nothing after `now` + 1 day, nothing before
`min_year` unless the text is Hijri. `resolve_dates` picks an article's published and
modified dates from the candidates extraction found, structured sources first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.datewords import (
    AM_MARKERS,
    CITY_ZONES,
    DATE_LABELS,
    HIJRI_MONTHS,
    MODIFIED_LABELS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NIGHT_MARKERS,
    NOON_MARKERS,
    NUMBER_WORDS,
    PM_MARKERS,
    REFERENCE_WORDS,
    RELATIVE_AGO,
    RELATIVE_DAYS,
    RELATIVE_TOO_COARSE,
    RELATIVE_UNITS,
    SPAN_NOUNS,
    TIME_JOINERS,
    WEEKDAYS,
)
from newscrawl.textnorm import fold_digits, normalize_arabic, tidy

# News on the web starts in the 1990s: an earlier Gregorian year is a misread (a Hijri
# year without its marker, a reference number). Archives of older print can lower it.
MIN_YEAR = 1990
# Where a date came from, most trusted first.
SOURCE_PRIORITY: tuple[str, ...] = ("jsonld", "meta", "time", "text", "url", "sitemap", "feed")
MAX_OFFSET = timedelta(hours=14)
MAX_LENGTH = 300

DateValue = datetime | date


def _alt(words: Any) -> str:
    """Regex alternation of normalised words, longest first (so ماي never shadows مايو)."""
    keys = sorted({normalize_arabic(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(k) for k in keys)


def _table(mapping: dict[str, Any]) -> dict[str, Any]:
    return {normalize_arabic(k): v for k, v in mapping.items()}


_MONTH_NUMBER = _table(MONTHS) | _table(MONTH_ABBREVIATIONS)
_HIJRI_NUMBER = _table(HIJRI_MONTHS)
_WEEKDAY = _table(WEEKDAYS)
_NUMBER = _table(NUMBER_WORDS)
_ZONE_OF_CITY = _table(CITY_ZONES)

_LETTER_BEFORE = r"(?<![^\W\d_])"
_NO_LETTER_AFTER = r"(?![^\W\d_])"
_MON = rf"(?:{_alt(MONTHS)}){_NO_LETTER_AFTER}"
_MON_OR_ABBR = rf"(?:{_alt([*MONTHS, *MONTH_ABBREVIATIONS])}){_NO_LETTER_AFTER}"
# A second month name may follow the first: "أيلول/سبتمبر", "نيسان (أبريل)".
_DUAL = rf"(?:\s*[/\-(]\s*(?:{_alt(MONTHS)})\s*\)?)?"
_ORD = r"(?:st|nd|rd|th)?"
_DAY_WORDS = rf"(?:{_alt(w for w, v in NUMBER_WORDS.items() if v < 100)}){_NO_LETTER_AFTER}"
_NUM_WORDS = rf"(?:{_alt(NUMBER_WORDS)}){_NO_LETTER_AFTER}"
_DAY_PHRASE = rf"(?:{_DAY_WORDS})(?:\s+و?(?:{_DAY_WORDS}))*"
# A year in words starts with its thousands: "ألفين", "ألف وتسعمائة وواحد".
_YEAR_PHRASE = rf"(?:{_alt(('ألف', 'ألفان', 'ألفين'))}){_NO_LETTER_AFTER}" \
               rf"(?:\s+و?(?:{_NUM_WORDS}))*"

_ISO_FULL = re.compile(
    r"\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[Tt ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?\s*")
_NOT_AFTER_NUMBER = r"(?<![\d/.\-:])"
# Between a day and a year: "5 أبريل 2025", "5 أبريل، 2025", "19 سبتمبر عام 2023".
_YEAR_GAP = r"\s*[,\-/]?\s*(?:(?:عام|سنه|لعام|لسنه)\s+)?"


def _day_first(year: str, tail: str) -> re.Pattern[str]:
    """Numeric day/month/year with one separator throughout (19/09/2023, 14-09-1432)."""
    return re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})\s*(?P<sep>[/.\-])\s*"
                      rf"(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<y>{year}){tail}")


def _year_first(year: str, tail: str) -> re.Pattern[str]:
    """Numeric year/month/day with one separator throughout (2023/09/19, 1446-10-07)."""
    return re.compile(rf"{_NOT_AFTER_NUMBER}(?P<y>{year})\s*(?P<sep>[/.\-])\s*"
                      rf"(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<d>\d{{1,2}}){tail}")


# Gregorian forms, most common first. Each has groups d, m or mon, y.
_GREGORIAN = (
    # 5 أبريل 2025 · 19th, September 2023 · 16. نوفمبر. 2016 · 19 من أيلول/سبتمبر 2023
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}}){_ORD}\.?\s*,?\s*(?:من\s+)?\(?\s*"
               rf"(?P<mon>{_MON_OR_ABBR})\s*\)?\.?{_DUAL}{_YEAR_GAP}(?P<y>\d{{4}})(?!\d)"),
    # 11/فبر/1987
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})\s*[/\-.]\s*(?P<mon>{_MON_OR_ABBR})\s*"
               r"[/\-.]\s*(?P<y>\d{4})(?!\d)"),
    # Sep 19, 2023 · فبراير 14 2010 · جانـ 11, 1987 (a day glued to its year is not one)
    re.compile(rf"{_LETTER_BEFORE}(?P<mon>{_MON_OR_ABBR})\.?\s*(?P<d>\d{{1,2}}){_ORD}"
               r"(?:\s*,\s*|\s+)(?P<y>\d{4})(?!\d)"),
    # 19/09/2023 · 05-04-2025 · 14.2.2010 (day first, as Arabic and European pages print)
    _day_first(r"\d{4}", r"(?![\d/\-]|\.\d)"),
    # 2023/09/19 · 2023-09-19 · 2023.09.19 · 2023-09-19T10:14 (the time is read after)
    _year_first(r"\d{4}", r"(?![\d/\-]|\.\d)"),
)
# Number words: "يناير الثاني والعشرين، 2018", "العاشر من سبتمبر، ألفين".
_WORDED = (
    re.compile(rf"{_LETTER_BEFORE}(?P<mon>{_MON})\s*(?P<d>\d{{1,2}}|{_DAY_PHRASE})\s*,?\s*"
               rf"(?P<y>\d{{4}}(?!\d)|{_YEAR_PHRASE})"),
    re.compile(rf"{_LETTER_BEFORE}(?P<d>{_DAY_PHRASE})\s+(?:من\s+)?(?P<mon>{_MON})\s*,?\s*"
               rf"(?P<y>\d{{4}}(?!\d)|{_YEAR_PHRASE})"),
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})\s+(?:من\s+)?(?P<mon>{_MON})\s*,?\s*"
               rf"(?P<y>{_YEAR_PHRASE})"),
)
# Hijri: "11 شوال 1441هـ", "14-09-1432 هـ", "1446-10-07 هـ". A numeric date whose year is
# 13xx/14xx is Hijri even without هـ: no Gregorian news date has such a year.
_HIJRI_MARK = rf"(?:\s*(?:هجريه|هجري|ه|ah){_NO_LETTER_AFTER}\.?)?"
_HIJRI = (
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})\s*(?:من\s+)?(?P<mon>{_alt(HIJRI_MONTHS)})"
               rf"{_NO_LETTER_AFTER}{_YEAR_GAP}(?P<y>1[34]\d\d)(?!\d){_HIJRI_MARK}"),
    _day_first(r"1[34]\d\d", rf"(?!\d){_HIJRI_MARK}"),
    _year_first(r"1[34]\d\d", rf"(?!\d){_HIJRI_MARK}"),
)
_HALF_DAY = _alt([*AM_MARKERS, *PM_MARKERS, *NOON_MARKERS, *NIGHT_MARKERS])
_TIME = re.compile(
    r"(?<![\d:.])(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?(?![\d:])"
    rf"(?:\s*(?P<ampm>{_HALF_DAY})(?![^\W\d_]|\.\w))?")
_GAP = r"[\s,|\-–—/()]*"
_JOINERS = _alt(TIME_JOINERS)
# What may stand between a date and its time: separators, ميلادي after the year, joiner
# words (الساعة, at) only.
_TIME_AFTER_DATE = re.compile(rf"(?:\s*(?:ميلاديه|ميلادي|م){_NO_LETTER_AFTER})?"
                              rf"{_GAP}(?:(?:{_JOINERS}){_NO_LETTER_AFTER}[\s,|\-–—:]*)*"
                              r"(?:t(?=\d))?")
_TIME_BEFORE_DATE = re.compile(
    rf"^{_GAP}(?:(?:{_JOINERS}|{_alt(WEEKDAYS)}){_NO_LETTER_AFTER}{_GAP})*$")
# What may stand before a time printed ahead of its date: nothing, a label or a joiner.
_BEFORE_TIME = re.compile(
    rf"(?:^|(?<![^\W\d_])(?:{_alt([*TIME_JOINERS, *DATE_LABELS, *MODIFIED_LABELS])})"
    rf"{_NO_LETTER_AFTER}){_GAP}:?{_GAP}$")
# "3:45 دقيقة" is a duration, not a time of day.
_DURATION_AFTER = re.compile(rf"\s*(?:{_alt(RELATIVE_UNITS)}){_NO_LETTER_AFTER}")
# The zone stated right after a time: "GMT", "UTC+3", "ت.غ", "بتوقيت مكة", "+03:00", "Z".
_ZONE = re.compile(
    rf"\s*\(?\s*(?:(?P<name>gmt|utc|z|ت\.?\s?غ)|(?:ب?توقيت)\s+(?P<city>{_alt(CITY_ZONES)}))"
    rf"{_NO_LETTER_AFTER}\.?(?:\s*(?P<sign>[+-])\s*(?P<h>\d{{1,2}})(?::?(?P<m>\d{{2}}))?)?"
    r"|\s*(?P<bsign>[+-])(?P<bh>\d{2}):?(?P<bm>\d{2})(?!\d)")
_WEEKDAY_BEFORE = re.compile(rf"{_LETTER_BEFORE}(?P<wd>{_alt(WEEKDAYS)})"
                             r"\s*[,:\-|]?\s*(?:(?:في|يوم)\s+)?$")
_WEEKDAY_AFTER = re.compile(rf"^\s*[,\-|(]?\s*(?P<wd>{_alt(WEEKDAYS)}){_NO_LETTER_AFTER}")
_WEEKDAY_ANY = re.compile(rf"{_LETTER_BEFORE}(?P<wd>{_alt(WEEKDAYS)}){_NO_LETTER_AFTER}")
# "قرار رقم 12/5/2023", "No. 4-10-2021", "v1.2.2020": a reference number, not a date.
_REFERENCE = re.compile(rf"(?<![^\W\d_])(?:{_alt(REFERENCE_WORDS)})\s*[:(\[]?\s*$")
# "5 - 7 أبريل", "من 1 إلى 5 أبريل": the end of a range, not a day of publication.
_RANGE = re.compile(r"(?:\d\s*[-–—]|(?<![^\W\d_])(?:الي|حتي|لغايه|to|until))\s*$")
_SPAN = re.compile(rf"(?<![^\W\d_])(?:{_alt(SPAN_NOUNS)})\s*$")
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|$|-)")
_RFC822 = re.compile(r"[a-zA-Z]{3},?\s+\d{1,2}\s+[a-zA-Z]{3}\s+\d{4}\s+\d")
_LABELS = re.compile(rf"^(?:{_alt([*DATE_LABELS, *MODIFIED_LABELS, 'تاريخ', 'نشر', 'اخر تحديث'])})"
                     r"\s*[:\-|]?\s*")
_AM = {normalize_arabic(m).rstrip(".") for m in AM_MARKERS}
_PM = {normalize_arabic(m).rstrip(".") for m in PM_MARKERS}
_NOON = {normalize_arabic(m) for m in NOON_MARKERS}
_NIGHT = {normalize_arabic(m) for m in NIGHT_MARKERS}


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


# --- Pieces around a date: time, offset, weekday ------------------------------------------
def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(hour, minute, second) of a time match, its half-day word applied; None if impossible."""
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
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
        return day
    hms = _clock(match)
    if hms is None:
        return day  # an impossible time: keep the day, not a wrong instant
    stated, tz = _zone_after(text[match.end():match.end() + 40])
    if stated and tz is None:
        return day  # "+25:00": the instant is unknown
    return datetime(day.year, day.month, day.day, *hms, tzinfo=tz)


def _weekday_agrees(text: str, start: int, end: int, day: date) -> bool:
    """A weekday printed next to the date must be the date's own."""
    for match in (_WEEKDAY_BEFORE.search(text[max(0, start - 24):start]),
                  _WEEKDAY_AFTER.match(text[end:end + 16])):
        if match and _WEEKDAY[match["wd"]] != day.weekday():
            return False
    return True


# --- Numbers --------------------------------------------------------------------------------
def _number(text: str) -> int | None:
    """'19' -> 19; 'الثاني والعشرين' -> 22; 'ألف وتسعمائة وواحد' -> 1901."""
    if text.isdigit():
        return int(text)
    total = 0
    for word in text.split():
        value = _NUMBER.get(word)
        if value is None and word.startswith("و"):
            value = _NUMBER.get(word[1:])
        if value is None:
            return None
        total += value
    return total or None


# --- The cascade ----------------------------------------------------------------------------
def _normalize(text: str) -> str:
    """Matching form: Arabic letters unified, digits ASCII, Arabic comma as ','."""
    return fold_digits(normalize_arabic(text.replace("،", ",").replace("؛", ",")))


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


def _hijri_to_gregorian(y: int, m: int, d: int) -> date | None:
    from hijridate import Hijri  # imported on first Hijri date: most pages have none

    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def _not_a_date_context(text: str, start: int) -> bool:
    """A reference number, a version, or the end of a range stands before the match."""
    before = text[max(0, start - 16):start]
    return bool(_REFERENCE.search(before) or _RANGE.search(before))


def _hijri_spans(norm: str) -> list[tuple[int, int, date | None]]:
    spans = []
    for pattern in _HIJRI:
        for match in pattern.finditer(norm):
            if _not_a_date_context(norm, match.start()):
                spans.append((match.start(), match.end(), None))
                continue
            month = _HIJRI_NUMBER[match["mon"]] if "mon" in match.groupdict() and match["mon"] \
                else int(match["m"])
            spans.append((match.start(), match.end(),
                          _hijri_to_gregorian(int(match["y"]), month, int(match["d"]))))
    return sorted(spans, key=lambda s: s[0])


def _candidates(text: str) -> Iterator[tuple[date, int, int]]:
    """(day, start, end) of every Gregorian date printed in normalised text, surest first."""
    worded = any(w in _NUMBER or w[1:] in _NUMBER for w in text.split())
    for patterns in (_GREGORIAN, _WORDED) if worded else (_GREGORIAN,):
        for pattern in patterns:
            for match in pattern.finditer(text):
                if _not_a_date_context(text, match.start()) or (
                        patterns is _WORDED and _SPAN.search(text[:match.start()])):
                    continue
                groups = match.groupdict()
                month = _MONTH_NUMBER.get(groups["mon"]) if groups.get("mon") \
                    else int(groups["m"])
                day_n, year = _number(match["d"]), _number(match["y"])
                if month and day_n and year:
                    day = _valid(year, month, day_n)
                    if day is not None:
                        yield day, match.start(), match.end()


def plausible(value: DateValue, now: datetime, min_year: int = MIN_YEAR) -> bool:
    """Not before `min_year` and not more than a day after `now`."""
    limit = now + timedelta(days=1)
    if isinstance(value, datetime):
        if value.year < min_year:
            return False
        return value <= limit if value.tzinfo else value.date() <= limit.date()
    return value.year >= min_year and value <= limit.date()


def _absolute(norm: str, now: datetime, min_year: int) -> tuple[DateValue | None, bool]:
    """(date, refused): a printed Gregorian date (in a Hijri + Gregorian pair, the
    Gregorian), else the Hijri one. `refused` when dates were printed but none was sure."""
    hijri = _hijri_spans(norm) if ("ه" in norm or "1" in norm) else []
    text = norm
    for start, end, _day in hijri:
        text = text[:start] + " " * (end - start) + text[end:]
    refused = False
    for day, start, end in _candidates(text):
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
            value = _with_time(hday, norm, start, end)
            if plausible(value, now, 1):
                return value, False
        refused = True
    return None, refused


def _rfc822(text: str) -> datetime | None:
    if not _RFC822.search(text):
        return None
    try:
        value = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    offset = value.utcoffset()
    return value if offset is None or abs(offset) <= MAX_OFFSET else None


_COUNT_WORDS = _alt(w for w, v in NUMBER_WORDS.items() if v <= 60)
_COUNT = rf"(?:\d{{1,6}}|{_COUNT_WORDS}|an|a|one){_NO_LETTER_AFTER}"
_UNIT = rf"(?:{_alt([*RELATIVE_UNITS, *RELATIVE_TOO_COARSE])}){_NO_LETTER_AFTER}"
_ONE = r"(?:\s+(?:واحد|واحده))?"
_PART = re.compile(rf"(?:(?P<n>{_COUNT})\s*)?(?P<unit>{_UNIT}){_ONE}")
_PART_PLAIN = rf"(?:{_COUNT}\s*)?{_UNIT}{_ONE}"
_RELATIVE = re.compile(rf"(?:(?P<ago>{_alt(RELATIVE_AGO)})\s+)?(?P<parts>{_PART_PLAIN}"
                       rf"(?:\s*(?:,|و|and)\s*{_PART_PLAIN})*)(?P<after>\s+ago)?")
_JOINER_WORDS = re.compile(rf"(?<![^\W\d_])(?:{_JOINERS}){_NO_LETTER_AFTER}")
_UNITS = _table(RELATIVE_UNITS)
_DAYS_BACK = _table(RELATIVE_DAYS)
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
    if weekday and _WEEKDAY[weekday["wd"]] != day.weekday():
        return None
    return value if (value.hour, value.minute, value.second) != (0, 0, 0) else day


_FALLBACK_WORTHY = re.compile(r"(?<!\d)\d{4}(?!\d)")
# English words dateparser may know and the cascade does not ("the 5th of April 2025").
_FALLBACK_LETTERS = re.compile(r"[a-z]{3,}")
_KNOWN_WORDS = frozenset({*_MONTH_NUMBER, *_WEEKDAY, "gmt", "utc", "published", "updated",
                          "posted", "last", "date", "time"})


def parse_date(text: str, *, now: datetime | None = None, tz: str | None = None,
               min_year: int = MIN_YEAR) -> DateValue | None:
    """Aware datetime when a time is printed, date when only the day is, None when unsure.

    The offset is the one the text states (GMT, UTC+3, +03:00, بتوقيت مكة, ت.غ), else
    `tz`'s, else the datetime is naive. `now` bounds the future and resolves relative forms.
    """
    if not text or len(text) > MAX_LENGTH:
        return None
    now = now or datetime.now(UTC)
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    value = _iso_full(text)
    if value is not None:
        return _localized(value, tz) if plausible(value, now, min_year) else None
    norm = _normalize(tidy(text))
    value, refused = _absolute(norm, now, min_year)  # plausibility checked there
    if value is not None or refused:
        return _localized(value, tz) if value is not None else None
    if _FALLBACK_WORTHY.search(norm):
        value = _rfc822(tidy(text))
        weekday = _WEEKDAY_ANY.search(norm)
        if value is not None and weekday and _WEEKDAY[weekday["wd"]] != value.weekday():
            return None
        if value is None and set(_FALLBACK_LETTERS.findall(norm)) - _KNOWN_WORDS:
            value = _fallback(tidy(text), norm, now)
    else:
        value = _relative(norm, now, tz)
    if value is None or not plausible(value, now, min_year):
        return None
    return _localized(value, tz)


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


def to_iso(value: DateValue, tz: str | None = None) -> str:
    """Record format: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS±HH:MM with the site's zone for naive."""
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz) or UTC)
    return value.isoformat(timespec="seconds")


def _choose(candidates: list[dict[str, Any]], kind: str, tz: str | None,
            now: datetime) -> tuple[DateValue, dict[str, Any]] | None:
    ranked = sorted(
        (c for c in candidates if c.get("kind") == kind),
        key=lambda c: SOURCE_PRIORITY.index(c["source"]) if c["source"] in SOURCE_PRIORITY
        else len(SOURCE_PRIORITY),
    )
    best: tuple[DateValue, dict[str, Any]] | None = None
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


def _day(value: DateValue) -> date:
    return value.date() if isinstance(value, datetime) else value


def resolve_dates(item: dict[str, Any], tz: str | None = None,
                  now: datetime | None = None) -> dict[str, Any]:
    """Fill published_* / modified_* from item['date_candidates'] (kept on the item).

    Relative dates ("منذ ساعتين") count from when the page was fetched, not from now.
    """
    if now is None and item.get("fetched_at"):
        try:
            now = datetime.fromisoformat(item["fetched_at"])
        except (TypeError, ValueError):
            now = None
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
