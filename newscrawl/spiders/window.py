"""What the news spider fetches when: admitted article URLs wait in the frontier (on disk, newest
first) and go out a window at a time, so memory holds a bounded number of requests
whatever a site lists; under --max-articles the window shrinks to the records still
wanted, so the cap stops fetching, not just writing."""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Iterable, Iterator
from datetime import datetime
from typing import Any

import scrapy
from scrapy.exceptions import DontCloseSpider

from newscrawl.archive import Archive, archive_for
from newscrawl.dates import parse_date
from newscrawl.discovery import Entry, entry_date
from newscrawl.diskfail import stop_for_disk
from newscrawl.store.frontier import SETTLED, Queued
from newscrawl.urls import admitted, url_key


class WindowMixin:
    """Admits discovered article URLs into the frontier and sends article requests from
    it while the pages out (in flight, or read and on their way to the file) are fewer
    than the window and the records wanted."""

    def _article_requests(self, entries: Iterable[Entry], via: str
                          ) -> Generator[scrapy.Request, None, bool]:
        """Admitted entries go to the frontier; what the window has room for goes out.
        Returns False when the frontier could not take them all."""
        archive = archive_for(self.crawler)
        unread = self._unread
        try:
            for entry in entries:
                self._queue(entry, via, archive)
            archive.frontier.commit()
        except (sqlite3.Error, OSError) as exc:
            # A frontier that cannot be written loses what discovery found: stop the run.
            stop_for_disk(self.crawler, getattr(archive.frontier, "path", "frontier"), exc)
            return False
        yield from self._send()
        # All in the frontier, none left out by --since: a resumed run need not read them.
        return self._unread == unread

    def _queue(self, entry: Entry, via: str, archive: Archive) -> None:
        """One listed entry into the frontier, unless a filter keeps it out (counted)."""
        frontier = archive.frontier
        url = entry.url  # discovery hands over normalised URLs
        if not admitted(url, self.site, port=self.port):
            self._count("discovery/offsite")
            return
        if self._pattern is not None and not self._pattern.search(url):
            self._count("discovery/not_article_url")
            return
        # The tier works even when all it lists is old or already queued.
        if via in self._found:
            self._found[via] += 1
        day = entry_date(entry)
        if day is not None and via in ("sitemap", "feed"):
            archive.note_listed(via, day.isoformat())
        if day is not None and self.since is not None and day < self.since:
            self._count("discovery/older_than_since")
            archive.left_unread(via, day.isoformat())
            self._unread += 1
            return
        mark = archive.watermark(via) if via in ("sitemap", "feed") else None
        if mark and day is not None and day.isoformat() < mark:
            # An hourly run reads only what was listed since the last finished run.
            self._count("discovery/older_than_watermark")
            return
        revision_of = None
        stored = archive.store.lookup(url) if archive.store and archive.incremental \
            else None
        if stored is not None:
            # A revision is of the article itself, not of a copy known under its URL.
            if not (self.revisions and stored.key == url_key(url)
                    and _moved(stored.listed, entry.lastmod or entry.published)):
                # Deltafetch: an archived article is not fetched again (and is counted
                # once, however many sitemaps and feeds list it).
                if frontier.add(url, via, day, state=SETTLED):
                    self._count("discovery/already_stored")
                return
            revision_of = stored.key
        if not frontier.add(url, via, day, entry.published, entry.lastmod, revision_of):
            return  # listed before, by this tier or another
        if revision_of:
            self._count("discovery/revisions_to_check")
        archive.listed(url)
        self._count("discovery/article_urls")

    def _wanted(self) -> int:
        """Records still wanted under --max-articles (a large number without a cap)."""
        if not self.max_articles:
            return 1 << 62
        return self.max_articles - (self.crawler.stats.get_value("newscrawl/records_written")
                                    or 0)

    def _send(self) -> Iterator[scrapy.Request]:
        """Article requests from the frontier, as many as the window has room for.

        While sitemaps are still being read nothing goes out: the frontier orders all they
        list newest first (they are fetched first anyway, at a higher priority)."""
        if self._pending["sitemap"] > 0:
            return
        room = min(self.window, self._wanted()) - self._pages_out
        frontier = archive_for(self.crawler).frontier
        try:
            rows = frontier.take(room)
        except (sqlite3.Error, OSError) as exc:
            stop_for_disk(self.crawler, getattr(frontier, "path", "frontier"), exc)
            return
        for row in rows:
            self._pages_out += 1
            yield self._page_request(row)

    def _page_request(self, row: Queued) -> scrapy.Request:
        listed: dict[str, Any] = {"url": row.url, "date": row.lastmod or row.published}
        if row.revision_of:
            listed["revision_of"] = row.revision_of
        # A publication date from a news sitemap or feed; lastmod is not one. The
        # frontier already keeps each URL once: no dupefilter memory per page, except in
        # a distributed crawl, whose shared dupefilter (in Redis) keeps workers apart, and
        # in a whole-site capture, whose link walk requests the same pages.
        shared = bool(archive_for(self.crawler).redis_url) or self.whole_site
        return self._request(row.url, self.parse_page, "page", dont_filter=not shared,
                             listed_date=row.published,
                             listed_via=row.via if row.published else None, listed=listed)

    def _page_done(self, *_args: Any, response: Any = None, **_kwargs: Any) -> None:
        """An article request gave its record (or none): the next ones may go."""
        if response is not None and getattr(response, "meta", {}).get("nc_role") != "page":
            return  # a record of a whole-site page: it took no place in the window
        self._pages_out = max(0, self._pages_out - 1)
        for request in self._send():
            self.crawler.engine.crawl(request)

    def _no_record(self, response_or_request: Any) -> None:
        """An article request that ends without a record frees its place."""
        if getattr(response_or_request, "meta", {}).get("nc_role") == "page":
            self._page_done()

    def _dropped(self, request: Any, *_args: Any, **_kwargs: Any) -> None:
        """A request the scheduler dropped (the dupefilter of a whole-site capture, whose
        link walk asked for the page first; the walk's record settles its row)."""
        self._no_record(request)

    def on_frontier_idle(self) -> None:
        """Nothing in flight: whatever still waits in the frontier goes out (a request a
        middleware dropped without an errback must not strand the rest)."""
        if self.locked or self.unreachable or getattr(self, "failure", None) \
                or self._wanted() <= 0:
            return
        # Idle means no request is out: no page, and no sitemap either (a count left above
        # zero would hold the frontier back for good).
        self._pages_out = 0
        self._pending["sitemap"] = 0
        requests = list(self._send())
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider


def _moved(before: str | None, now: str | None) -> bool:
    """True when a listing date is later than the one stored with the article."""
    if not before or not now or before == now:
        return False
    old, new = parse_date(before), parse_date(now)
    if old is None or new is None:
        return False
    if isinstance(old, datetime) and isinstance(new, datetime) and old.tzinfo and new.tzinfo:
        return new > old
    old_day = old.date() if isinstance(old, datetime) else old
    new_day = new.date() if isinstance(new, datetime) else new
    return new_day > old_day
