"""Discovery for the news spider: robots.txt, sitemaps, feeds, listing pages and the
whole-site walk, each turning what a site lists into admitted article requests."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.archive import archive_for
from newscrawl.dates import parse_date
from newscrawl.discovery import (
    BadSitemap,
    Entry,
    entry_date,
    feed_links,
    is_before,
    listing_links,
    next_page,
    page_links,
    parse_feed,
    parse_sitemap,
    sitemaps_from_robots,
)
from newscrawl.extraction import EmptyPage, parse_html
from newscrawl.failures import failure_reason, network_reason
from newscrawl.logformat import REPEATED_BY_CLI
from newscrawl.robotspolicy import robots_body
from newscrawl.urls import (
    admitted,
    url_key,
)

logger = logging.getLogger("newscrawl.spiders.news")


class DiscoveryMixin:
    """How NewsSpider finds article URLs; the spider holds the state these methods use."""

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Sitemap: lines, plus the profile's sitemaps; else try /sitemap.xml."""
        text = robots_body(response.status, response.body).decode("utf-8", "replace") \
            if isinstance(response, TextResponse) else ""
        urls = list(dict.fromkeys([*sitemaps_from_robots(text, response.url),
                                   *(urljoin(self.root, u) for u in self.sitemap_urls)]))
        yield from self._start_sitemaps(urls or [urljoin(self.root, "/sitemap.xml")],
                                        guessed=not urls)

    def on_robots_error(self, failure: Failure) -> Iterator[scrapy.Request]:
        """No robots.txt (4xx) is fine; a server error on it or an unreachable host ends
        the crawl of the site (RFC 9309: then nothing may be fetched)."""
        if failure.check(HttpError) and failure.value.response.status >= 500:
            status = failure.value.response.status
            self.unreachable = (f"{self.root}robots.txt answered HTTP {status} (after "
                                "retries): the site is not crawled this run, as RFC 9309 asks")
            logger.error("%s", self.unreachable, extra=REPEATED_BY_CLI)
            self._count("robots_unavailable")
            return
        reason = network_reason(failure)
        if reason is None and not failure.check(HttpError, IgnoreRequest):
            # Cut short, too large, an invalid answer: RFC 9309 reads it as unreachable,
            # and the robots.txt middleware has disallowed the whole site already.
            reason = failure_reason(failure)
            self.unreachable = (f"{self.root}robots.txt could not be read ({reason}): the "
                                "site is not crawled this run, as RFC 9309 asks")
            logger.error("%s", self.unreachable, extra=REPEATED_BY_CLI)
            self._count("robots_unavailable")
            return
        if reason:
            self.unreachable = f"{self.root} is unreachable: {reason.replace('_', ' ')}"
            logger.error("%s", self.unreachable, extra=REPEATED_BY_CLI)
            self._count("unreachable")
            return
        yield from self._start_sitemaps(
            [urljoin(self.root, u) for u in self.sitemap_urls]
            or [urljoin(self.root, "/sitemap.xml")],
            guessed=not self.sitemap_urls)

    # --- Sitemaps -----------------------------------------------------------------------
    def _start_sitemaps(self, urls: list[str], guessed: bool) -> Iterator[scrapy.Request]:
        for url in urls:
            yield from self._sitemap_request(url, self.max_sitemap_depth, guessed)

    def _sitemap_request(self, url: str, depth_left: int,
                         guessed: bool = False) -> Iterator[scrapy.Request]:
        """Each sitemap once (robots.txt and an index may both name it; loops exist)."""
        if url in self._sitemaps_seen:
            return
        self._sitemaps_seen.add(url)
        if not admitted(url, self.site, self.sitemap_hosts, self.port):
            self.skip("offsite_sitemap", url, f"not on {self.site}")
            return
        self._pending["sitemap"] += 1
        # Our own seen set replaces the dupefilter, whose silent drops would leave
        # _pending above zero forever.
        yield self._request(url, self.parse_sitemap, "sitemap", dont_filter=True,
                            depth_left=depth_left, guessed=guessed)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Index: follow children; urlset / news sitemap: queue article pages."""
        self._count("discovery/sitemaps")
        try:
            sitemap = parse_sitemap(response.body, response.url)
        except BadSitemap as exc:
            if not response.meta.get("guessed"):
                self.skip("bad_sitemap", response.url, str(exc))
            sitemap = None
        if sitemap is not None and sitemap.problem:
            # Broken XML: what could be read is used; with nothing readable it is a skip.
            self.skip("bad_sitemap" if not sitemap.entries else "sitemap_partly_read",
                      response.url,
                      f"{sitemap.problem[:120]}; {len(sitemap.entries)} entries recovered")
        if sitemap is not None and sitemap.kind == "index":
            depth = response.meta.get("depth_left", 0) - 1
            for entry in sitemap.entries:
                if depth < 0:
                    self.skip("sitemap_too_deep", entry.url)
                elif is_before(entry, self.since):
                    # Nothing new in it: the sitemaps work, there is just nothing to fetch.
                    self._found["sitemap"] += 1
                    self._count("discovery/sitemaps_older_than_since")
                else:
                    yield from self._sitemap_request(entry.url, depth)
        elif sitemap is not None:
            yield from self._article_requests(sitemap.entries, "sitemap")
        yield from self._tier_done("sitemap")

    # --- Feeds and the home page --------------------------------------------------------
    def _tier_done(self, tier: str) -> Iterator[scrapy.Request]:
        """When a tier's requests all answered and found nothing, fall back to the next."""
        self._pending[tier] -= 1
        if self._pending[tier] > 0 or self._found[tier] > 0:
            return
        if tier == "sitemap" and "feed" not in self._fallback_started:
            self._fallback_started.add("feed")
            logger.info("no articles in sitemaps of %s; looking for feeds", self.site)
            yield self._request(self.home, self.parse_home, "listing", tier="feed")
        elif tier == "feed" and "listing" not in self._fallback_started:
            self._fallback_started.add("listing")
            logger.info("no articles in feeds of %s; walking section pages", self.site)
            # The home page was read for feed links already; read it again for its links.
            yield self._request(self.home, self.parse_home, "listing", tier="listing",
                                dont_filter=True)

    def _parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        doc = self._doc(response)
        if doc is None:
            return
        if response.meta.get("tier") == "feed":
            feeds = list(dict.fromkeys([*feed_links(doc, response.url),
                                        *(urljoin(self.root, u) for u in self.feed_urls)]))
            if feeds:
                for url in feeds:
                    self._pending["feed"] += 1
                    yield self._request(url, self.parse_feed, "feed")
                return
            self._fallback_started.add("listing")
        self._count("discovery/listings")
        articles, sections = listing_links(doc, response.url, self._pattern)
        yield from self._article_requests([Entry(u) for u in articles], "listing")
        for url in dict.fromkeys([*sections, *(urljoin(self.root, u) for u in self.section_urls)]):
            yield self._request(url, self.parse_listing, "listing", page=1)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """RSS/Atom items become article requests."""
        self._count("discovery/feeds")
        try:
            entries = parse_feed(response.body, response.url)
        except BadSitemap as exc:
            self.skip("bad_feed", response.url, str(exc))
            entries = []
        yield from self._article_requests(entries, "feed")
        yield from self._tier_done("feed")

    def _parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        doc = self._doc(response)
        if doc is None:
            return
        self._count("discovery/listings")
        articles, _sections = listing_links(doc, response.url, self._pattern)
        yield from self._article_requests([Entry(u) for u in articles], "listing")
        page = response.meta.get("page", 1)
        following = next_page(doc, response.url)
        if following and page < self.max_listing_pages:
            yield self._request(following, self.parse_listing, "listing", page=page + 1)

    # --- Articles -----------------------------------------------------------------------
    def _article_requests(self, entries: list[Entry], via: str) -> Iterator[scrapy.Request]:
        archive = archive_for(self.crawler)
        for entry in entries:
            url = entry.url  # discovery hands over normalised URLs
            if not admitted(url, self.site, port=self.port):
                self._count("discovery/offsite")
                continue
            if self._pattern is not None and not self._pattern.search(url):
                self._count("discovery/not_article_url")
                continue
            # The tier works even when all it lists is old or already queued.
            if via in self._found:
                self._found[via] += 1
            day = entry_date(entry)
            if day is not None and via in ("sitemap", "feed"):
                archive.note_listed(via, day.isoformat())
            if is_before(entry, self.since):
                self._count("discovery/older_than_since")
                archive.listed(url, via, day.isoformat() if day else None)  # not read yet
                continue
            if url in self._queued:
                continue
            mark = archive.watermark(via) if via in ("sitemap", "feed") else None
            if mark and day is not None and day.isoformat() < mark:
                # An hourly run reads only what was listed since the last finished run.
                self._count("discovery/older_than_watermark")
                continue
            listed = {"url": url, "date": entry.lastmod or entry.published}
            stored = archive.store.lookup(url) if archive.store and archive.incremental \
                else None
            if stored is not None:
                # A revision is of the article itself, not of a copy known under its URL.
                if not (self.revisions and stored.key == url_key(url)
                        and _moved(stored.listed, listed["date"])):
                    # Deltafetch: an archived article is not fetched again (and is counted
                    # once, however many sitemaps and feeds list it).
                    self._queued.add(url)
                    self._count("discovery/already_stored")
                    continue
                listed["revision_of"] = stored.key
                self._count("discovery/revisions_to_check")
            self._queued.add(url)
            archive.listed(url, via, day.isoformat() if day else None)
            self._count("discovery/article_urls")
            # A publication date from a news sitemap or feed; lastmod is not one.
            yield from self._admit_page(self._request(
                url, self.parse_page, "page", listed_date=entry.published,
                listed_via=via if entry.published else None, listed=listed))


    # --- Whole-site capture ---------------------------------------------------------------
    def _follow(self, response: Response) -> Iterator[scrapy.Request]:
        """With --whole-site: every on-site link and page requisite, within the limits."""
        if not self.whole_site or not isinstance(response, TextResponse):
            return
        depth = response.meta.get("site_depth", 0)
        if depth >= self.whole_site_depth:
            self._count("whole_site/depth_limit")
            return
        try:
            doc = parse_html(response.body, response.encoding)
        except EmptyPage:
            return
        pages, requisites = page_links(doc, response.url)
        for url, callback, role in ([(u, self.parse_page, "site_page") for u in pages]
                                    + [(u, self.parse_asset, "asset") for u in requisites]):
            if url in self._whole_site_seen:
                continue  # a link seen before is neither fetched nor counted twice
            if len(self._whole_site_seen) >= self.whole_site_max:
                if not self.crawler.stats.get_value("newscrawl/whole_site/page_limit"):
                    logger.warning("whole-site page limit (%d) reached; raise "
                                   "NEWSCRAWL_WHOLE_SITE_MAX_PAGES to capture more",
                                   self.whole_site_max)
                self._count("whole_site/page_limit")
                return
            self._whole_site_seen.add(url)
            yield self._request(url, callback, role, site_depth=depth + 1)

    def parse_asset(self, response: Response) -> None:
        """A page requisite: archived by the WARC middleware, nothing to read."""
        self._count("whole_site/assets")

    def parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        """Feed autodiscovery on the home page; else its sections and article links."""
        yield from self._follow(response)
        yield from self._parse_home(response)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """A section page: its article links and its next page."""
        yield from self._follow(response)
        yield from self._parse_listing(response)



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
