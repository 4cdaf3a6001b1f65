"""Thin, site-agnostic pipelines: clean -> dates -> dedup -> store.

Each wires one pure module; `extraction.build_record` runs the same steps in the
same order, so a crawl and `newscrawl extract` give the same record.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from newscrawl.cleaning import clean_article
from newscrawl.dates import resolve_dates
from newscrawl.dedup import SeenSet, content_hash
from newscrawl.items import to_record

logger = logging.getLogger(__name__)


def _fields(item: Any) -> dict[str, Any]:
    """The item's live field dict (Article dataclass or plain dict)."""
    return item if isinstance(item, dict) else vars(item)


class _Component:
    """Keeps the crawler for stats and settings (Scrapy 2.14+ passes no spider)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> _Component:
        """Scrapy entry point."""
        return cls(crawler)

    def drop(self, reason: str, item: Any) -> DropItem:
        """Count a dropped record by reason and build the exception to raise."""
        self.stats.inc_value(f"newscrawl/skipped/{reason}")
        return DropItem(f"{reason}: {_fields(item).get('url')}")


class CleanPipeline(_Component):
    """Text-level boilerplate removal; a record left without body text is dropped."""

    def process_item(self, item: Any) -> Any:
        """Clean in place."""
        fields = clean_article(_fields(item))
        if not fields.get("body"):
            raise self.drop("no_body_text", item)
        return item


class DatesPipeline(_Component):
    """Choose published/modified dates; honour --since."""

    def process_item(self, item: Any) -> Any:
        """Resolve dates in place."""
        spider = self.crawler.spider
        tz = getattr(spider, "tz", None) or self.crawler.settings.get("NEWSCRAWL_TIMEZONE")
        fields = resolve_dates(_fields(item), tz=tz)
        since: date | None = getattr(spider, "since", None)
        published = fields.get("published_at")
        if since and published and date.fromisoformat(published[:10]) < since:
            raise self.drop("older_than_since", item)
        return item


class DedupPipeline(_Component):
    """Fingerprint the body; drop a record whose canonical URL or content was written."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self.seen = SeenSet()

    def process_item(self, item: Any) -> Any:
        """Set content_hash; raise DropItem for duplicates."""
        fields = _fields(item)
        fields["content_hash"] = content_hash(fields["body"])
        hit = self.seen.check(fields["canonical_url"], fields["content_hash"])
        if hit:
            kind, first = hit
            logger.info("duplicate (%s) of %s: %s", kind, first, fields["url"])
            raise self.drop(f"duplicate_{kind}", item)
        self.seen.add(fields["canonical_url"], fields["content_hash"])
        return item


class StorePipeline(_Component):
    """Append records to <output>/<site>/<UTC date>.jsonl, one JSON object per line."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self.output_dir = Path(crawler.settings.get("NEWSCRAWL_OUTPUT_DIR") or "output")
        self.max_articles = 0
        self._files: dict[Path, IO[str]] = {}
        self.written = 0

    def open_spider(self) -> None:
        """Read the per-run record cap."""
        spider = self.crawler.spider
        self.max_articles = getattr(spider, "max_articles", 0) or self.crawler.settings.getint(
            "NEWSCRAWL_MAX_ARTICLES")

    def _path(self, item: dict[str, Any]) -> Path:
        key = getattr(self.crawler.spider, "site_key", None) or item["site"]
        day = datetime.now(UTC).date().isoformat()
        return self.output_dir / key / f"{day}.jsonl"

    def process_item(self, item: Any) -> Any:
        """Write one line, flushed, so a crash never leaves half a record behind."""
        if self.max_articles and self.written >= self.max_articles:
            raise self.drop("max_articles", item)
        record = to_record(_fields(item))
        path = self._path(record)
        handle = self._files.get(path)
        if handle is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = self._files[path] = path.open("a", encoding="utf-8")
            self.stats.set_value("newscrawl/output_file", str(path))
        handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
        self.written += 1
        self.stats.inc_value("newscrawl/records_written")
        if self.max_articles and self.written >= self.max_articles:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="max_articles"))
        return item

    def close_spider(self) -> None:
        """Close every output file."""
        for handle in self._files.values():
            handle.close()
        self._files.clear()
