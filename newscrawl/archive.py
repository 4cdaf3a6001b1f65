"""One crawl's handle on the archive: output folder, seen store, run lock, run summary.

Spider and pipelines share it through `archive_for(crawler)`. Opening it takes the
site's run lock, opens the seen store and reconciles it with the output files (crash
recovery); closing it writes the run summary JSON and, after a finished run, the
listing watermarks.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from scrapy import signals

from newscrawl.diskfail import describe
from newscrawl.progress import run_summary
from newscrawl.sitepaths import OUR_FOLDERS, folder_name, site_folder
from newscrawl.store import Locked, RunLock, SqliteSeenStore, reconcile
from newscrawl.store.frontier import Frontier, MemoryFrontier, open_shared, release_shared

logger = logging.getLogger(__name__)

EXIT_LOCKED = 3
"""Exit code of `newscrawl crawl` when another run of the same site holds the lock."""


@dataclass
class RunMemory:
    """What the crawls sharing one seen store in this process wrote, before and besides
    the store."""

    # Written in this run, for when the store cannot be asked (busy, or not marked yet).
    written_keys: set[str] = field(default_factory=set)
    written_hashes: dict[str, str] = field(default_factory=dict)
    # Written but not yet marked in the store (marks follow the group fsync): canonical
    # URL -> (signature, its LSH band keys), so a near duplicate of one of them is still
    # caught meanwhile, through shared bands like the store does.
    unmarked: dict[str, tuple[tuple[int, ...], frozenset[int]]] = field(default_factory=dict)
    # (URL of a dropped duplicate, canonical URL of its first copy), stored after the marks.
    aliases: list[tuple[str, str]] = field(default_factory=list)
    users: int = 0


_MEMORIES: dict[Path, RunMemory] = {}


def _memory_of(folder: Path) -> RunMemory:
    """The run memory of a seen store's folder."""
    memory = _MEMORIES.setdefault(folder.resolve(), RunMemory())
    memory.users += 1
    return memory


def _release_memory(folder: Path) -> None:
    key = folder.resolve()
    memory = _MEMORIES.get(key)
    if memory is not None:
        memory.users -= 1
        if memory.users <= 0:
            del _MEMORIES[key]


class Archive:
    """Output folder, seen store and lock of one site for one run."""

    def __init__(self, crawler: Any, site_key: str) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.site_key = site_key
        self.output_dir = Path(settings.get("NEWSCRAWL_OUTPUT_DIR") or "output")
        self.folder = site_folder(self.output_dir, site_key)
        state_dir = Path(settings.get("NEWSCRAWL_STATE_DIR") or self.output_dir / "state")
        self.incremental = settings.getbool("NEWSCRAWL_INCREMENTAL")
        self.keep_duplicates = settings.getbool("NEWSCRAWL_KEEP_DUPLICATES")
        self.near_duplicates = settings.getbool("NEWSCRAWL_NEAR_DUPLICATES")
        self.started = time.monotonic()
        self.started_at = datetime.now(UTC)
        self.locked: str | None = None
        self.store: SqliteSeenStore | None = None
        self.newest: dict[str, str] = {}
        self._frontier: Frontier | MemoryFrontier | None = None
        self.margin = timedelta(days=settings.getint("NEWSCRAWL_WATERMARK_MARGIN_DAYS"))
        # What this run wrote, shared by every crawl in this process using the same seen
        # store (one site's several start URLs, or sites deduplicated against each other).
        self.state_dir = state_dir
        self.memory = _memory_of(state_dir)
        self.written_keys = self.memory.written_keys
        self.written_hashes = self.memory.written_hashes
        self.unmarked = self.memory.unmarked
        self.aliases = self.memory.aliases
        self.redis_url = settings.get("NEWSCRAWL_REDIS_URL") or ""
        # Workers of one distributed crawl each write their own file: <date>-<worker>.jsonl.
        self.worker = f"{socket.gethostname()}-{os.getpid()}" if self.redis_url else ""
        self.lock = RunLock(state_dir / f"{folder_name(site_key)}.lock")
        if self.redis_url:
            from newscrawl.store.redis import RedisSeenStore

            # Many workers crawl the same site at once: no site lock, a shared store.
            self.store = RedisSeenStore(self.redis_url)  # type: ignore[assignment]
        else:
            try:
                self.lock.acquire()
            except Locked as exc:
                self.locked = str(exc)
                crawler.stats.set_value("newscrawl/locked", 1)
                return
            self.store = SqliteSeenStore(state_dir / "seen.sqlite")
        self.folder.mkdir(parents=True, exist_ok=True)
        assert self.store is not None
        recovered = repaired = 0
        # A crawl writes one site's folder; a re-extraction (no site key) writes each
        # record under its own site, so all of them are brought up to date.
        spider = getattr(crawler, "spider", None)
        folders = [self.folder] if getattr(spider, "site_key", True) else \
            sorted(p for p in self.output_dir.iterdir() if p.is_dir()
                   and p.name not in OUR_FOLDERS)
        for folder in folders:
            found, fixed = reconcile(self.store, folder)  # type: ignore[arg-type]
            recovered, repaired = recovered + found, repaired + fixed
        if recovered or repaired:
            logger.warning("recovered %d records and repaired %d files left by an earlier "
                           "run that did not finish", recovered, repaired)
            crawler.stats.set_value("newscrawl/state/recovered", recovered)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    def note_listed(self, tier: str, raw: str | None) -> None:
        """Remember the newest listing date seen in a sitemap or feed (ISO strings sort)."""
        if raw and raw > self.newest.get(tier, ""):
            self.newest[tier] = raw

    def watermark(self, tier: str) -> str | None:
        """Listing day before which the last finished run settled every entry (a margin of
        NEWSCRAWL_WATERMARK_MARGIN_DAYS kept for entries sites list late)."""
        if self.store is None or not self.incremental:
            return None
        mark = self.store.watermark(self.site_key, tier)
        if not mark:
            return None
        return (date.fromisoformat(mark[:10]) - self.margin).isoformat()

    @property
    def frontier(self) -> Frontier | MemoryFrontier:
        """The site's article URLs waiting to be read: on disk beside the seen store
        (shared by the crawls of one site in this process), or in memory for a
        distributed crawl (whose requests wait in Redis)."""
        if self._frontier is None:
            self._frontier = MemoryFrontier() if self.redis_url else open_shared(
                self.state_dir / f"{folder_name(self.site_key)}.frontier.sqlite")
        return self._frontier

    def left_unread(self, tier: str, day: str) -> None:
        """A listed entry this run does not read (older than --since). Kept in the
        frontier too: a run resuming this one may not read that listing again."""
        if tier in ("sitemap", "feed"):
            self.frontier.left_unread(tier, day)

    def listed(self, url: str) -> None:
        """An article URL from a sitemap, feed or listing is queued in this run."""
        if self.redis_url and self.store is not None:
            # Shared, so any worker can fetch what a dead one was holding; a page some
            # worker already settled (not an article, gone) is not listed again.
            db = self.store.db  # type: ignore[union-attr]
            if not db.sismember(self.settled_key, url):
                db.sadd(self.listed_key, url)

    def settled(self, url: str) -> None:
        """The page was read to an end that needs no second look (stored, duplicate,
        not an article, gone)."""
        if self._frontier is not None and url:
            self._frontier.settle(url)
        if self.redis_url and self.store is not None and url:
            db = self.store.db  # type: ignore[union-attr]
            db.srem(self.listed_key, url)
            db.hdel(self.inflight_key, url)
            db.sadd(self.settled_key, url)

    def dispatched(self, url: str) -> None:
        """A worker starts on a listed page (distributed crawls: when, for recovery)."""
        if self.redis_url and self.store is not None and url:
            self.store.db.hset(self.inflight_key, url, time.time())  # type: ignore[union-attr]

    @property
    def settled_key(self) -> str:
        """Redis set of listed URLs some worker settled."""
        return f"newscrawl:{self.site_key}:settled"

    @property
    def inflight_key(self) -> str:
        """Redis hash: listed page URL -> when a worker last started on it."""
        return f"newscrawl:{self.site_key}:inflight"

    @property
    def listed_key(self) -> str:
        """Redis set of listed article URLs not settled yet, shared by the workers."""
        return f"newscrawl:{self.site_key}:listed"

    def closed(self, spider: Any, reason: str) -> None:
        """Write the run summary; advance watermarks only when the run read everything."""
        stats = self.crawler.stats.get_stats()
        _release_memory(self.state_dir)
        if self.store is not None:
            if reason == "finished":
                self._advance_watermarks()
            if isinstance(self._frontier, Frontier):
                # Kept after a kill, Ctrl-C or a full disk: the next run resumes from it.
                release_shared(self._frontier, finished=reason in ("finished", "max_articles"))
            self._frontier = None
            self.store.close()
            self.store = None
        self.lock.release()
        summary = run_summary(stats, reason, time.monotonic() - self.started, self.started_at)
        runs = self.folder / "runs"
        path = runs / f"{self.started_at.strftime('%Y%m%dT%H%M%SZ')}.json"
        partial = path.with_suffix(".json.part")
        try:
            runs.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n",
                               "utf-8")
            os.replace(partial, path)  # a kill never leaves half a summary
        except OSError as exc:  # the disk that stopped the run: the summary is on screen
            partial.unlink(missing_ok=True)
            logger.error("run summary not written to %s: %s", path, describe(exc))
            return
        self.crawler.stats.set_value("newscrawl/run_summary", str(path))

    def _advance_watermarks(self) -> None:
        """Newest listing day read, but short of the oldest entry left unsettled."""
        assert self.store is not None
        for tier, newest in self.newest.items():
            frontier = self._frontier
            # A watermark never moves past a row not settled, nor an entry left unread.
            open_days = [day for day in (frontier and frontier.oldest_open(tier),
                                         frontier and frontier.oldest_unread(tier)) if day]
            value = newest
            if open_days:
                value = min(newest, (date.fromisoformat(min(open_days)) - timedelta(days=1))
                            .isoformat())
            self.store.set_watermark(self.site_key, tier, value)


def archive_for(crawler: Any) -> Archive:
    """The crawl's archive, opened on first use (lock, store, crash recovery)."""
    archive = getattr(crawler, "_newscrawl_archive", None)
    if archive is None:
        spider = crawler.spider
        archive = Archive(crawler, getattr(spider, "site_key", None) or spider.name)
        crawler._newscrawl_archive = archive
    return archive


class Dispatch:
    """Downloader middleware: in a distributed crawl, note when a listed page is started,
    so an idle worker tells a page a live worker holds from one a dead worker lost."""

    def __init__(self, crawler: Any) -> None:
        if not crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            from scrapy.exceptions import NotConfigured

            raise NotConfigured
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> Dispatch:
        """Scrapy entry point."""
        return cls(crawler)

    def process_request(self, request: Any, spider: Any = None) -> None:
        """Stamp the listed page's start time."""
        listed = request.meta.get("listed") or {}
        if request.meta.get("nc_role") == "page" and listed.get("url"):
            archive_for(self.crawler).dispatched(listed["url"])
