"""An article's dates: the best of the page's candidates, written in the record's forms."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from newscrawl.datechecks import DateValue, zone
from newscrawl.dates import MIN_YEAR, parse_date
from newscrawl.textnorm import tidy

# Where a date came from, most trusted first.
SOURCE_PRIORITY: tuple[str, ...] = ("jsonld", "meta", "time", "text", "url", "sitemap", "feed")


def to_iso(value: DateValue, tz: str | None = None) -> str:
    """Record format: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS±HH:MM with the site's zone for
    naive (UTC when the site has none)."""
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz) or UTC)
    return value.isoformat(timespec="seconds")


def local_day(value: DateValue) -> str:
    """The calendar day the page printed, in its own zone: YYYY-MM-DD."""
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def utc_instant(value: DateValue, tz: str | None = None) -> str | None:
    """YYYY-MM-DDTHH:MM:SSZ when a time is known (a naive one in the site's zone, else
    UTC, as to_iso writes it); None for a day alone: its instant is not known."""
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz) or UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def date_fields(kind: str, value: DateValue, tz: str | None = None) -> dict[str, str | None]:
    """The record's three forms of one date: as printed (`_at`), the local day (`_date`)
    and the UTC instant (`_utc`), so analysts get one column type whatever the precision."""
    return {f"{kind}_at": to_iso(value, tz), f"{kind}_date": local_day(value),
            f"{kind}_utc": utc_instant(value, tz)}


def _choose(candidates: list[dict[str, Any]], kind: str, tz: str | None,
            now: datetime) -> tuple[DateValue, dict[str, Any]] | None:
    ranked = sorted(
        (c for c in candidates if c.get("kind") == kind),
        key=lambda c: SOURCE_PRIORITY.index(c["source"]) if c["source"] in SOURCE_PRIORITY
        else len(SOURCE_PRIORITY),
    )
    best: tuple[DateValue, dict[str, Any]] | None = None
    for cand in ranked:
        value = parse_date(str(cand.get("raw") or ""), now=now, tz=tz, min_year=MIN_YEAR,
                           ranges=False)
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
        item.update(date_fields(kind, value, tz))
        item[f"{kind}_raw"] = tidy(str(cand["raw"]))[:300] or None
        if kind == "published":
            item["published_source"] = cand["source"]
    return item
