"""parse_date first cut: formats news pages print, and never a silent wrong value."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from newscrawl.dates import parse_date

NOW = datetime(2025, 4, 21, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-04-05T10:14:00+03:00", "2025-04-05T10:14:00+03:00"),
    ("2025-04-05", "2025-04-05"),
    ("Sat, 05 Apr 2025 10:14:00 +0300", "2025-04-05T10:14:00+03:00"),
    ("5 أبريل 2025 - 10:14 صباحًا", "2025-04-05T10:14:00+03:00"),
    ("4 أبريل 2025 - 7:57 مساءً", "2025-04-04T19:57:00+03:00"),
    ("تاريخ النشر: 19th, September 2023 GMT", "2023-09-19"),
    ("١٩/٠٩/٢٠٢٣", "2023-09-19"),
    ("19 أيلول 2023", "2023-09-19"),
    ("Sep 19, 2023", "2023-09-19"),
    ("الثلاثاء 19/09/2023 - 10:30 م ت.غ", "2023-09-19T22:30:00+00:00"),
    # "تغطية" holds the letters ت غ: it is not a time-zone label.
    ("5 أبريل 2025 10:14 صباحا - تغطية خاصة", "2025-04-05T10:14:00+03:00"),
    # Hijri numbers first: the printed Gregorian date wins, not an error.
    ("1446-10-07 هـ الموافق 05-04-2025", "2025-04-05"),
    ("2025-04-05T10:00:00+25:00", "2025-04-05"),
])
def test_parses(text: str, expected: str) -> None:
    value = parse_date(text, now=NOW, tz="Asia/Riyadh")
    assert value is not None and value.isoformat() == expected


@pytest.mark.parametrize("text", [
    "منذ ساعتين", "2023", "12:45", "قرار رقم 123/2023", "2030-01-01", "1985-05-05", "",
    "31/02/2024", "x" * 400,
])
def test_refuses_what_it_cannot_be_sure_of(text: str) -> None:
    assert parse_date(text, now=NOW) is None


def test_naive_time_without_zone_stays_naive_and_date_stays_date() -> None:
    value = parse_date("5 أبريل 2025 - 10:14 صباحًا", now=NOW)
    assert isinstance(value, datetime) and value.tzinfo is None
    assert parse_date("5 أبريل 2025", now=NOW) == date(2025, 4, 5)
