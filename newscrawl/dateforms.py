"""Date forms: the regular expressions every parse step matches, built from datewords."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from newscrawl.datewords import (
    ALL_DATE_LABELS,
    ALL_MODIFIED_LABELS,
    AM_MARKERS,
    CITY_ZONES,
    HIJRI_MONTHS,
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
    ZONE_ABBREVIATIONS,
)
from newscrawl.textnorm import fold_digits, normalize_arabic


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
_ZONE_OFFSET = _table(ZONE_ABBREVIATIONS)

_LETTER_BEFORE = r"(?<![^\W\d_])"
_NO_LETTER_AFTER = r"(?![^\W\d_])"
_MON = rf"(?:{_alt(MONTHS)}){_NO_LETTER_AFTER}"
_MON_OR_ABBR = rf"(?:{_alt([*MONTHS, *MONTH_ABBREVIATIONS])}){_NO_LETTER_AFTER}"
# A second month name may follow the first: "أيلول/سبتمبر", "نيسان (أبريل)".
_DUAL = rf"(?:\s*[/\-(]\s*(?:{_alt(MONTHS)})\s*\)?){{0,2}}"
_ORD = r"(?:\s?(?:st|nd|rd|th)(?![^\W\d_]))?"
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
# Not inside a number, nor after a dash (a minus, a range, an identifier); a slash after
# no digit opens a path ("/2024/03/15/"). A weekday glued by a hyphen is split first.
_NOT_AFTER_NUMBER = r"(?<![\d.:\-])(?<!\d/)"
# Between a day and a year: "5 أبريل 2025", "5 أبريل، 2025", "19 سبتمبر عام 2023".
_YEAR_GAP = r"\s*[,\-/]?\s*(?:(?:من\s+)?(?:العام|عام|سنه|لعام|لسنه)\s+)?"


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
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}}){_ORD}\.?\s*,?\s*(?:من\s+)?(?:شهر\s+)?\(?\s*"
               rf"(?P<mon>{_MON_OR_ABBR})\s*\)?\.?{_DUAL}{_YEAR_GAP}(?P<y>\d{{4}})(?!\d)"),
    # 11/فبر/1987
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})\s*[/\-.]\s*(?P<mon>{_MON_OR_ABBR})\s*"
               r"[/\-.]\s*(?P<y>\d{4})(?!\d)"),
    # Sep 19, 2023 · فبراير 14 2010 · جانـ 11, 1987 (a day glued to its year is not one)
    re.compile(rf"{_LETTER_BEFORE}(?P<mon>{_MON_OR_ABBR})\.?\s*(?P<d>\d{{1,2}}){_ORD}"
               r"(?:\s*[,\-–]\s*|\s+)(?P<y>\d{4})(?!\d)"),
    # 19/09/2023 · 05-04-2025 · 14.2.2010 (day first, as Arabic and European pages print)
    _day_first(r"\d{4}", r"(?![\d\-]|[/.]\d)"),
    # 2023/09/19 · 2023-09-19 · 2023.09.19 · 2023-09-19T10:14 (the time is read after)
    _year_first(r"\d{4}", r"(?![\d\-]|[/.]\d)"),
    # 07/05/21 18:06: a two-digit year only in a machine stamp, where a clock follows
    _day_first(r"\d{2}", r"(?=\s*[,|\-]?\s*\d{1,2}:\d{2})"),
)
_RANGE_TO = r"\s*(?:[-–—]|(?<![^\W\d_])(?:الي|حتي|لغايه|to|until)(?![^\W\d_]))\s*"
# Cheap tests that say whether the costlier forms can match at all.
_HIJRI_YEAR = re.compile(r"(?<!\d)1[34]\d\d(?!\d)")
# A day range gives its first day: "22-29 تموز/يوليو 2019", "من 24 يونيو إلى 8 يوليوز 2023".
_RANGES = (
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}}){_RANGE_TO}\d{{1,2}}\s+(?:من\s+)?\(?"
               rf"(?P<mon>{_MON})\s*\)?{_DUAL}{_YEAR_GAP}(?P<y>\d{{4}})(?!\d)"),
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})\s+(?P<mon>{_MON}){_RANGE_TO}\d{{1,2}}\s+"
               rf"(?:{_MON}){_DUAL}{_YEAR_GAP}(?P<y>\d{{4}})(?!\d)"),
)
# Number words: "يناير الثاني والعشرين، 2018", "العاشر من سبتمبر، ألفين".
_WORDED = (
    re.compile(rf"{_LETTER_BEFORE}(?P<mon>{_MON})\s*(?P<d>\d{{1,2}}|{_DAY_PHRASE})\s*,?\s*"
               rf"(?P<y>\d{{4}}(?!\d)|{_YEAR_PHRASE})"),
    re.compile(rf"{_LETTER_BEFORE}(?P<d>{_DAY_PHRASE})\s+(?:من\s+)?(?:شهر\s+)?(?P<mon>{_MON})"
               rf"{_DUAL}{_YEAR_GAP}(?P<y>\d{{4}}(?!\d)|{_YEAR_PHRASE})"),
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})\s+(?:من\s+)?(?P<mon>{_MON})\s*,?\s*"
               rf"(?P<y>{_YEAR_PHRASE})"),
)
# Hijri: "11 شوال 1441هـ", "14-09-1432 هـ", "1446-10-07 هـ". A numeric date whose year is
# 13xx/14xx is Hijri even without هـ: no Gregorian news date has such a year.
_HIJRI_MARK = rf"(?:\s*(?:هجريه|هجري|ه|ah){_NO_LETTER_AFTER}\.?)?"
_HIJRI = (
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})\s*"
               rf"(?:من\s+)?(?:شهر\s+)?(?P<mon>{_alt(HIJRI_MONTHS)}){_NO_LETTER_AFTER}"
               rf"{_YEAR_GAP}(?P<y>1[34]\d\d)(?!\d){_HIJRI_MARK}"),
    # الأول من شهر محرم 1385ه · غرة رمضان 1446
    re.compile(rf"{_LETTER_BEFORE}(?P<d>{_DAY_PHRASE})\s+"
               rf"(?:من\s+)?(?:شهر\s+)?(?P<mon>{_alt(HIJRI_MONTHS)}){_NO_LETTER_AFTER}"
               rf"{_YEAR_GAP}(?P<y>1[34]\d\d)(?!\d){_HIJRI_MARK}"),
    # 14/ صفر/1399هـ
    re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})\s*[/\-.]\s*(?P<mon>{_alt(HIJRI_MONTHS)})"
               rf"\s*[/\-.]\s*(?P<y>1[34]\d\d)(?!\d){_HIJRI_MARK}"),
    _day_first(r"1[34]\d\d", rf"(?!\d){_HIJRI_MARK}"),
    _year_first(r"1[34]\d\d", rf"(?!\d){_HIJRI_MARK}"),
)
_HALF_DAY = _alt([*AM_MARKERS, *PM_MARKERS, *NOON_MARKERS, *NIGHT_MARKERS])
_TIME = re.compile(
    r"(?<![\d:.])(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?(?![\d:])"
    rf"(?:\s*(?P<ampm>{_HALF_DAY})(?![^\W\d_]|\.\w))?")
# "الساعة 07 مساءً": an hour alone, read only after a joiner and with its half-day word.
_HOUR_TIME = re.compile(rf"(?<![\d:.])(?P<H>\d{{1,2}})(?P<M>)(?P<S>)\s*(?P<ampm>{_HALF_DAY})"
                        r"(?![^\W\d_]|\.\w)")
_GAP = r"[\s,|\-–—/()@]*"
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
    rf"(?:^|(?<![^\W\d_])"
    rf"(?:{_alt([*TIME_JOINERS, *ALL_DATE_LABELS, *ALL_MODIFIED_LABELS, *WEEKDAYS])})"
    rf"{_NO_LETTER_AFTER}){_GAP}:?{_GAP}$")
# "3:45 دقيقة" is a duration, not a time of day.
_DURATION_AFTER = re.compile(rf"\s*(?:{_alt(RELATIVE_UNITS)}){_NO_LETTER_AFTER}")
# The zone stated right after a time: "GMT", "UTC+3", "ت.غ", "بتوقيت مكة", "+03:00", "Z".
_ZONE = re.compile(
    rf"\s*\(?\s*(?:(?P<name>gmt|utc|z|ت\.?\s?غ)|(?P<abbr>{_alt(ZONE_ABBREVIATIONS)})"
    rf"|(?:ب?توقيت)\s+(?P<city>{_alt(CITY_ZONES)}))"
    rf"{_NO_LETTER_AFTER}\.?(?:\s*(?P<sign>[+-])\s*(?P<h>\d{{1,2}})(?::?(?P<m>\d{{2}}))?)?"
    r"|\s*(?P<bsign>[+-])(?P<bh>\d{2}):?(?P<bm>\d{2})(?!\d)")
_WEEKDAY_BEFORE = re.compile(rf"{_LETTER_BEFORE}(?P<wd>{_alt(WEEKDAYS)})"
                             r"\s*[,:\-|]?\s*(?:(?:في|يوم)\s+)?$")
_WEEKDAY_AFTER = re.compile(rf"^\s*[,\-|(]?\s*(?P<wd>{_alt(WEEKDAYS)}){_NO_LETTER_AFTER}")
_WEEKDAY_ANY = re.compile(rf"{_LETTER_BEFORE}(?P<wd>{_alt(WEEKDAYS)}){_NO_LETTER_AFTER}")
# "قرار رقم 12/5/2023", "No. 4-10-2021", "v1.2.2020": a reference number, not a date.
_REFERENCE = re.compile(rf"(?<![^\W\d_])(?:{_alt(REFERENCE_WORDS)})\s*[:(\[]?\s*$")
# "5 - 7 أبريل", "من 1 إلى 5 أبريل": the end of a range, not a day of publication.
_RANGE = re.compile(r"(?:(?<![\d:.])\d{1,2}\s*[-–—]|(?<![^\W\d_])(?:الي|حتي|لغايه|to|until))\s*$")
_SPAN = re.compile(rf"(?<![^\W\d_])(?:{_alt(SPAN_NOUNS)})\s*$")
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|$|-)")
_RFC822 = re.compile(r"[a-zA-Z]{3},?\s+\d{1,2}\s+[a-zA-Z]{3}\s+\d{4}\s+\d")
_LABELS = re.compile(
    rf"^(?:{_alt([*ALL_DATE_LABELS, *ALL_MODIFIED_LABELS, 'تاريخ', 'نشر', 'اخر تحديث'])})"
    r"\s*[:\-|]?\s*")
# A date label opening a normalised line, as a whole word ('شائعات' is no 'شائع').
DATE_LABEL_START = re.compile(
    rf"^\s*(?:{_alt([*ALL_DATE_LABELS, *ALL_MODIFIED_LABELS])}){_NO_LETTER_AFTER}")
_AM = {normalize_arabic(m).rstrip(".") for m in AM_MARKERS}
_PM = {normalize_arabic(m).rstrip(".") for m in PM_MARKERS}
_NOON = {normalize_arabic(m) for m in NOON_MARKERS}
_NIGHT = {normalize_arabic(m) for m in NIGHT_MARKERS}

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


# "11_12_2019", "2\\4\\2020": separators no date form names, between digits.
# Forms rewritten into ones the patterns read: a colon-separated machine stamp
# ("2024:03:15.10:30") and the Maghrebi "15 10:30 2024 مارس" (time inside the date).
_COLON_STAMP = re.compile(r"(?<![\d:])(?P<y>(?:19|20)\d\d):(?P<m>\d\d):(?P<d>\d\d)[.\s]"
                          r"(?P<t>\d\d:\d\d(?::\d\d)?)(?![\d:])")
_TIME_INSIDE = re.compile(rf"(?<![\d:])(?P<d>\d{{1,2}})\s+(?P<t>\d{{1,2}}:\d{{2}})\s+"
                          rf"(?P<y>\d{{4}})\s+(?P<mon>{_MON})")
_WEEKDAY_HYPHEN = re.compile(rf"(?<![^\W\d_])(?P<wd>{_alt(WEEKDAYS)})-(?=\d)")
_EASTERN_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_ODD_SEPARATOR = re.compile(r"(?<=\d)[\\_](?=\d)")
# "10يناير لعام2020م", "25من": a number glued to a word. A letter before a single digit
# stays glued: that is a month form ("كانون2", "ت1").
_GLUED = re.compile(r"(?<=\d)(?=[\u0621-\u064a])|(?<=[\u0621-\u064a])(?=\d\d)")


def _normalize(text: str) -> str:
    """Matching form: Arabic letters unified, digits ASCII, Arabic comma as ',', numbers
    glued to words split off (normalize_arabic also folds presentation forms: ﺃﻳﻠﻮﻝ)."""
    text = normalize_arabic(text.replace("،", ",").replace("؛", ","))
    if _EASTERN_DIGIT.search(text):
        text = fold_digits(text)
    if "_" in text or "\\" in text:
        text = _ODD_SEPARATOR.sub("/", text)
    text = _GLUED.sub(" ", text)
    if "-" in text:
        text = _WEEKDAY_HYPHEN.sub(r"\g<wd> ", text)  # "الإثنين-2017-03-27"
    if ":" in text:
        text = _COLON_STAMP.sub(r"\g<y>-\g<m>-\g<d> \g<t>", text)
        text = _TIME_INSIDE.sub(r"\g<d> \g<mon> \g<y> \g<t>", text)
    return text


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



# "الموافق 22 مارس المقبل": a Gregorian day and month with no year, beside a Hijri date.
_DAY_MONTH = re.compile(rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})\s+(?:من\s+)?(?P<mon>{_MON})"
                        r"(?!\s*[,\-/]?\s*\d)")
# A machine stamp inside a longer string: "2020-04-10 | 03:16 2020-04-10T03:16:14+00:00".
_ISO_STAMP = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
                        r"(?:Z|[+-]\d{2}:?\d{2})(?!\d)")

# What a form needs to find before it can match: a cheap search that spares the costly
# alternations of month names on most strings. Forms not listed are always tried.
_NUMBER_KEYS = frozenset(_NUMBER)


def _has_number_word(text: str) -> bool:
    """A number word stands in the text, alone or after و ("الثاني والعشرين")."""
    return any(w in _NUMBER_KEYS or w[1:] in _NUMBER_KEYS for w in text.split())


_NUMERIC = re.compile(r"\d\s*[/.\-]\s*\d")
_HINT_OF: dict[re.Pattern[str], Callable[[str], object]] = {
    **dict.fromkeys(_RANGES, re.compile(
        r"\d\s*[-–—]\s*\d|(?<![^\W\d_])(?:الي|حتي|لغايه|to|until)\s+\d").search),
    **dict.fromkeys((_GREGORIAN[3], _GREGORIAN[4], _GREGORIAN[5], _HIJRI[3], _HIJRI[4]),
                    _NUMERIC.search),
    _GREGORIAN[2]: re.compile(
        r"[^\W\d_]\d?\.?\s*\d{1,2}(?:\s?[a-z]{2})?(?:\s*[,\-–]\s*|\s+)\d{4}").search,
    **dict.fromkeys((*_WORDED, _HIJRI[1]), _has_number_word),
}

# Keyed by identity: hashing a compiled pattern hashes its whole source on every lookup.
_HINTS = {id(pattern): hint for pattern, hint in _HINT_OF.items()}


def usable_forms(patterns: tuple[re.Pattern[str], ...], text: str) -> Iterator[re.Pattern[str]]:
    """The forms that can match, lazily: what each needs is in the text (each need tested
    once, and only when a form that needs it is reached)."""
    known: dict[int, bool] = {}
    for pattern in patterns:
        hint = _HINTS.get(id(pattern))
        if hint is not None:
            found = known.get(id(hint))
            if found is None:
                found = known[id(hint)] = bool(hint(text))
            if not found:
                continue
        yield pattern

# "منتصف ليل 15 مارس": midnight opening the day printed after it.
_MIDNIGHT_BEFORE = re.compile(r"منتصف\s+(?:ال)?ليل[ه]?\s*(?:[^\W\d_]+\s+)?[,\-–(]?\s*$")
