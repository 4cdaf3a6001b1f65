"""The Article record: one dataclass, each field's format documented."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources
from typing import Any


@dataclass
class Article:
    """One news article as written to JSONL (see article.schema.json)."""

    url: str
    """Final URL fetched, after redirects."""
    canonical_url: str
    """rel=canonical / og:url when on-site, normalised; else ``url``."""
    site: str
    """Host without ``www.``, e.g. ``almnatiq.net``."""
    title: str | None = None
    """Headline as printed, without the site-name suffix of ``<title>``."""
    description: str | None = None
    """meta/og description, or None."""
    body: str = ""
    """Clean article text; paragraphs joined by ``\\n``."""
    published_at: str | None = None
    """ISO 8601: ``YYYY-MM-DDTHH:MM[:SS]±HH:MM`` with a time, ``YYYY-MM-DD`` day only."""
    published_date: str | None = None
    """``YYYY-MM-DD``: the local calendar day of published_at; set whenever any date is."""
    published_utc: str | None = None
    """``YYYY-MM-DDTHH:MM:SSZ`` when published_at has a time, else None."""
    published_raw: str | None = None
    """The string or attribute the date came from, as on the page."""
    published_source: str | None = None
    """Where the date came from: jsonld, meta, time, text, url, sitemap, feed."""
    modified_at: str | None = None
    """Same format as published_at, for the last update."""
    modified_date: str | None = None
    """Same as published_date, for modified_at."""
    modified_utc: str | None = None
    """Same as published_utc, for modified_at."""
    modified_raw: str | None = None
    """The string the update time came from."""
    authors: list[str] = field(default_factory=list)
    """Author names."""
    section: str | None = None
    """Category or breadcrumb leaf."""
    tags: list[str] = field(default_factory=list)
    """Tags/keywords from the tag block and article:tag / keywords metadata, de-duplicated."""
    source: str | None = None
    """Credited original source or agency (``المصدر: الأسبوع`` -> ``الأسبوع``)."""
    related: list[dict[str, str | None]] = field(default_factory=list)
    """``{title, url}`` taken out of related-links blocks."""
    language: str | None = None
    """ISO 639-1 code."""
    image: str | None = None
    """Lead image URL."""
    fetched_at: str | None = None
    """ISO 8601 UTC time of the fetch."""
    content_hash: str | None = None
    """Hash of the normalised body: the exact-duplicate key."""
    revision: int = 0
    """0 for the first record of an article; n for its n-th changed re-fetch (--revisions)."""
    duplicate_of: str | None = None
    """Canonical URL of the first stored copy, when duplicates are kept; else None."""
    warc: dict[str, str] | None = None
    """``{file, record_id}`` of the WARC response record holding the page (``--archive``)."""
    listed: dict[str, Any] = field(default_factory=dict, metadata={"internal": True})
    """How discovery listed the page (URL, sitemap/feed date, revision of); never written."""
    date_candidates: list[dict[str, Any]] = field(
        default_factory=list, metadata={"internal": True}
    )
    """Dates found on the page, for the dates step; never written out."""
    extraction: dict[str, Any] = field(default_factory=dict, metadata={"internal": True})
    """How the body was chosen (engine, doubts, fallback error), for stats; never written."""


# Longest lists a record holds: a hostile page with 100,000 authors or tags gives the
# first ones, and the cut is counted (newscrawl/capped/<field>).
LIST_CAPS: dict[str, int] = {"authors": 20, "tags": 100, "related": 100}


def cap_lists(item: dict[str, Any]) -> list[str]:
    """Cut the record's lists to LIST_CAPS in place; the names of the fields cut."""
    capped = []
    for name, cap in LIST_CAPS.items():
        values = item.get(name)
        if isinstance(values, list) and len(values) > cap:
            item[name] = values[:cap]
            capped.append(name)
    return capped


RECORD_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(Article) if not f.metadata.get("internal")
)


def to_record(item: Article | dict[str, Any]) -> dict[str, Any]:
    """The output record: public fields only, in schema order."""
    data = item if isinstance(item, dict) else item.__dict__
    return {name: data.get(name) for name in RECORD_FIELDS}


@cache
def record_schema() -> dict[str, Any]:
    """The JSON Schema every written record validates against."""
    text = resources.files("newscrawl").joinpath("article.schema.json").read_text("utf-8")
    return json.loads(text)
