"""A distributed crawl (--redis): keep a worker up while the shared queue may fill, and
fetch what a dead worker was holding before stopping."""

from __future__ import annotations

import logging
import time

from scrapy.exceptions import DontCloseSpider

from newscrawl.archive import archive_for

logger = logging.getLogger("newscrawl.spiders.news")


class DistributedMixin:
    """Idle handling and recovery of a scrapy-redis worker."""

    def on_idle(self) -> None:
        """Keep a worker up while the shared queue may still fill; stop once it has been
        empty for NEWSCRAWL_REDIS_IDLE_SECONDS and nothing listed is left unarchived."""
        scheduler = self.crawler.engine._slot.scheduler if self.crawler.engine._slot else None
        if scheduler is not None and len(scheduler):
            self._empty_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self._empty_since is None:
            self._empty_since = now
        if now - self._empty_since < self.redis_idle:
            raise DontCloseSpider
        if self._recover():
            self._empty_since = None
            raise DontCloseSpider

    def _poll(self) -> None:
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def _stop_polling(self) -> None:
        if getattr(self, "_poller", None) is not None and self._poller.running:
            self._poller.stop()

    def _recover(self) -> int:
        """Listed article URLs no worker archived (a worker died holding them): fetch
        each once more, claimed in Redis so only one worker does."""
        archive = archive_for(self.crawler)
        store = archive.store
        if store is None:
            return 0
        claimed = 0
        key = f"newscrawl:{self.site_key}:recovered"
        db = store.db  # type: ignore[union-attr]
        stale_before = time.time() - 3 * self.redis_idle
        for member in db.smembers(archive.listed_key):
            url = member.decode()
            if store.lookup(url) is not None:
                archive.settled(url)
                continue
            started = db.hget(archive.inflight_key, url)
            if started is not None and float(started) > stale_before:
                # A live worker may still be on it: wait, fetching it twice is no recovery.
                claimed += 1
                continue
            if not db.sadd(key, url):
                continue  # another worker took it
            db.expire(key, 86400)
            claimed += 1
            self._count("redis/recovered_requests")
            self.crawler.engine.crawl(self._request(url, self.parse_page, "page",
                                                    dont_filter=True, listed={"url": url}))
        return claimed
