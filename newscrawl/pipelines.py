"""Thin, site-agnostic pipelines: clean -> dates -> dedup -> store.

Each wires one pure module; `extraction.build_record` runs the same steps in the
same order, so a crawl and `newscrawl extract` give the same record.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.task import LoopingCall

from newscrawl.archive import Archive, archive_for
from newscrawl.cleaning import clean_article
from newscrawl.datechoice import resolve_dates
from newscrawl.dedup import band_keys, body_keys, closest
from newscrawl.diskfail import is_disk_error, stop_for_disk
from newscrawl.items import to_record
from newscrawl.sitepaths import site_folder
from newscrawl.urls import site_key_of, url_key

logger = logging.getLogger(__name__)
# Drops after which a later run must read the page again (it was filtered, not judged).
_UNSETTLED = frozenset({"older_than_since", "max_articles", "locked", "disk_error"})
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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
        if reason not in _UNSETTLED:
            self.settle(item)
        return DropItem(f"{reason}: {_fields(item).get('url')}")

    def settle(self, item: Any) -> None:
        """The listed URL of this page needs no second look by a later run."""
        archive_for(self.crawler).settled((_fields(item).get("listed") or {}).get("url", ""))


class CleanPipeline(_Component):
    """Text-level boilerplate removal; a record left without body text is dropped."""

    def process_item(self, item: Any) -> Any:
        """Clean in place."""
        fields = clean_article(_fields(item))
        for name in (fields.get("extraction") or {}).get("capped", ()):
            self.stats.inc_value(f"newscrawl/capped/{name}")
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
    """Drop what the archive holds already: same article (any URL dress), same body, or a
    near-duplicate body. With NEWSCRAWL_KEEP_DUPLICATES the copy is kept, `duplicate_of` set.
    A `--revisions` re-fetch passes when its body changed, as the next revision."""

    archive: Archive

    def open_spider(self) -> None:
        """Open the archive (lock, seen store, crash recovery)."""
        self.archive = archive_for(self.crawler)

    def process_item(self, item: Any) -> Any:
        """Set content_hash, revision, duplicate_of; raise DropItem for duplicates."""
        fields = _fields(item)
        keys = body_keys(fields["body"], near=self.archive.near_duplicates)
        fields["content_hash"] = keys.content_hash
        store = self.archive.store
        if store is None:
            raise self.drop("locked", item)
        listed = fields.setdefault("listed", {})
        by_content, signature = keys.comparable, keys.signature
        listed["signature"] = signature
        # Computed once: the unmarked-record check here and the store pipeline use them.
        listed["bands"] = frozenset(band_keys(signature))
        key = url_key(fields["canonical_url"])
        if key in self.archive.written_keys and not listed.get("revision_of"):
            self._duplicate("url", fields["canonical_url"], item)
        stored = store.lookup(fields["canonical_url"]) or (
            store.lookup(fields["url"]) if url_key(fields["url"]) != key else None)
        if stored is not None and listed.get("revision_of") and stored.key == key:
            if stored.has_body(fields["content_hash"]):
                # Same text under a moved date: remember the date, so it is not re-read.
                store.add(stored.canonical_url, fields["content_hash"], signature,
                          listed=listed.get("date"), revision=stored.revision)
                raise self.drop("unchanged", item)
            fields["revision"] = stored.revision + 1
            return item
        if stored is not None:
            self._duplicate("url", stored.canonical_url, item)
        first = None
        if by_content:
            first = self.archive.written_hashes.get(fields["content_hash"]) \
                or store.claim(fields["content_hash"], fields["canonical_url"])
        if first:
            self._duplicate("content", first, item)
        elif signature and (first := store.near(signature)
                            or self._near_unmarked(signature, listed["bands"])):
            self._duplicate("near", first, item)
        return item

    def _near_unmarked(self, signature: tuple[int, ...], bands: frozenset[int]) -> str | None:
        """A near duplicate among records written but not yet marked in the store."""
        if not self.archive.unmarked:
            return None
        return closest(signature, ((canonical, other) for canonical, (other, keys)
                                   in self.archive.unmarked.items() if not bands.isdisjoint(keys)))

    def _duplicate(self, kind: str, first: str, item: Any) -> None:
        fields = _fields(item)
        logger.info("duplicate (%s) of %s: %s", kind, first, fields["url"])
        if not self.archive.keep_duplicates or kind == "url":
            # Known by this URL from now on: the next run does not fetch it again. Stored
            # with the next group, as the first copy may be waiting for its own mark.
            for url in dict.fromkeys((fields["url"], fields["canonical_url"],
                                      (fields.get("listed") or {}).get("url"))):
                if url:
                    self.archive.aliases.append((url, first))
            raise self.drop(f"duplicate_{kind}", item)
        self.stats.inc_value(f"newscrawl/kept_duplicates/{kind}")
        fields["duplicate_of"] = first


class StorePipeline(_Component):
    """Append records to <output>/<site>/<UTC date>.jsonl, one JSON object per line.

    Each line is written and flushed at once. Every NEWSCRAWL_SYNC_SECONDS the files are
    fsynced and only then the records are marked in the seen store, in one transaction:
    the store never holds a record the disk may lose, and a crash before the mark is
    repaired at the next start from the file (see state.reconcile).
    """

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self.output_dir = Path(crawler.settings.get("NEWSCRAWL_OUTPUT_DIR") or "output")
        self.sync_seconds = crawler.settings.getfloat("NEWSCRAWL_SYNC_SECONDS")
        self.max_articles = 0
        self._files: dict[Path, IO[str]] = {}
        self._folders: dict[str, Path] = {}
        self._pending: list[tuple[dict[str, Any], Path, int]] = []
        self._synced = time.monotonic()
        self._timer: LoopingCall | None = None
        self.written = 0
        self.failed = False  # a write failed: nothing more is written or marked

    def open_spider(self) -> None:
        """Read the per-run record cap; start the group-sync clock."""
        spider = self.crawler.spider
        self.max_articles = getattr(spider, "max_articles", 0) or self.crawler.settings.getint(
            "NEWSCRAWL_MAX_ARTICLES")
        if archive_for(self.crawler).redis_url:
            # Other workers recover a listed page no store knows: a record must be marked
            # the moment it is written, or a killed worker's last records are written twice.
            self.sync_seconds = 0.0
        if self.sync_seconds > 0:
            # A quiet crawl must not hold marks back: other workers and --revisions read them.
            self._timer = LoopingCall(self._sync_if_due)
            self._timer.start(self.sync_seconds, now=False)

    def _path(self, item: dict[str, Any]) -> Path:
        # Re-extraction files each record under its own site, with the port as a crawl does.
        key = getattr(self.crawler.spider, "site_key", None) or site_key_of(item["url"])
        day = datetime.now(UTC).date().isoformat()
        worker = archive_for(self.crawler).worker
        # Checked once a site per run, as the archive's folder is (two resolve() calls a
        # record were 1.5% of a crawl's CPU).
        if (folder := self._folders.get(key)) is None:
            folder = self._folders[key] = site_folder(self.output_dir, key)
        return folder / (f"{day}-{worker}.jsonl" if worker else f"{day}.jsonl")

    def process_item(self, item: Any) -> Any:
        """Write and flush one line; fsync and mark it in the store with its group."""
        if self.max_articles and self.written >= self.max_articles:
            raise self.drop("max_articles", item)
        if self.failed:
            raise self.drop("disk_error", item)
        fields = _fields(item)
        record = to_record(fields)
        path = self._path(record)
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        try:
            handle = self._files.get(path)
            if handle is None:
                path.parent.mkdir(parents=True, exist_ok=True)
                handle = self._files[path] = path.open("a", encoding="utf-8")
                self.stats.set_value("newscrawl/output_file", str(path))
            # A lone surrogate ("\\ud83d" in JSON-LD) is no text; UTF-8 cannot hold it.
            handle.write(_LONE_SURROGATE.sub("\ufffd", line) + "\n")
            handle.flush()
        except OSError as exc:
            self._fail(path, exc)
            raise self.drop("disk_error", item) from None
        self._remember(fields)
        self._pending.append((fields, path, handle.tell()))
        self.written += 1
        self.stats.inc_value("newscrawl/records_written")
        if record["revision"]:
            self.stats.inc_value("newscrawl/revisions_written")
        self._sync_if_due()
        if self.max_articles and self.written >= self.max_articles:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="max_articles"))
        return item

    def _remember(self, fields: dict[str, Any]) -> None:
        """This run's in-memory dedup keys: they count from the moment the line is written."""
        archive = archive_for(self.crawler)
        archive.written_keys.add(url_key(fields["canonical_url"]))
        if not fields.get("duplicate_of"):
            archive.written_hashes.setdefault(fields["content_hash"], fields["canonical_url"])
        # A kept duplicate is no near-duplicate target (the store gives it no bands either).
        listed = fields.get("listed") or {}
        if fields.get("duplicate_of") or not listed.get("signature"):
            archive.unmarked[fields["canonical_url"]] = ((), frozenset())
        else:
            archive.unmarked[fields["canonical_url"]] = (listed["signature"], listed["bands"])

    def _sync_if_due(self) -> None:
        if (self._pending or archive_for(self.crawler).aliases) and (
                self.sync_seconds <= 0 or time.monotonic() - self._synced >= self.sync_seconds):
            self.sync()

    def sync(self) -> None:
        """fsync the output files, then mark the pending records in the store at once."""
        self._synced = time.monotonic()
        archive = archive_for(self.crawler)
        pending, self._pending = self._pending, []
        aliases = list(archive.aliases)  # the list is shared: emptied in place
        archive.aliases.clear()
        if self.failed:
            return  # what is on disk is read back by the next run's reconcile
        try:
            for path in {path for _fields, path, _size in pending}:
                os.fsync(self._files[path].fileno())
        except OSError as exc:
            self._fail(path, exc)
            return
        if archive.store is not None and (pending or aliases):
            sizes = {path: size for _fields, path, size in pending}
            try:
                with archive.store.batch():
                    for fields, _path, _size in pending:
                        self._mark(archive, fields)
                    for path, size in sizes.items():
                        archive.store.set_file_size(path, size)
                _forget(archive, [fields for fields, _path, _size in pending])
            except sqlite3.Error as exc:
                # The records are on disk; the next start reads them back into the store.
                self.stats.inc_value("newscrawl/state/mark_failed", len(pending))
                if is_disk_error(exc):
                    stop_for_disk(self.crawler, archive.state_dir / "seen.sqlite", exc)
                logger.error("seen store not updated for %d records (%s); the next run "
                             "recovers them from %s", len(pending), exc,
                             ", ".join(map(str, sizes)))
        for fields, _path, _size in pending:
            archive.unmarked.pop(fields["canonical_url"], None)
        if archive.store is not None and aliases:
            # A first copy another crawl of this site has not marked yet: that crawl's
            # next group stores the alias.
            archive.aliases.extend(a for a in aliases if a[1] in archive.unmarked)
            try:
                with archive.store.batch():
                    for url, first in aliases:
                        if first not in archive.unmarked:
                            archive.store.alias(url, first)
            except sqlite3.Error as exc:
                logger.warning("seen store busy, %d duplicate URLs not remembered: %s",
                               len(aliases), exc)
        for fields, _path, _size in pending:
            self.settle(fields)

    @staticmethod
    def _mark(archive: Archive, fields: dict[str, Any]) -> None:
        listed = fields.get("listed") or {}
        archive.store.add(fields["canonical_url"], fields["content_hash"],  # type: ignore
                          listed.get("signature") or (),
                          urls=(fields["url"], listed.get("url") or ""),
                          listed=listed.get("date"), revision=fields.get("revision") or 0,
                          duplicate=bool(fields.get("duplicate_of")))

    def _fail(self, path: Path, exc: OSError) -> None:
        """A failed write: stop the site; the lines already flushed stay for the next run."""
        self.failed = True
        self._pending.clear()  # not marked: the next run reconciles them from the file
        stop_for_disk(self.crawler, path, exc)

    def close_spider(self) -> None:
        """Sync what is pending and close every output file."""
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        self.sync()
        for handle in self._files.values():
            try:
                handle.close()
            except OSError:
                pass  # the failed write's buffer: the torn line is cut off next run
        self._files.clear()


def _forget(archive: Archive, marked: list[dict[str, Any]]) -> None:
    """Records now marked in the store are found there: this run's memory of them goes,
    so it holds only the records of the last group, not one entry per record written."""
    for fields in marked:
        archive.written_keys.discard(url_key(fields["canonical_url"]))
        if archive.written_hashes.get(fields["content_hash"]) == fields["canonical_url"]:
            del archive.written_hashes[fields["content_hash"]]
