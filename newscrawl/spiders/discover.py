"""Discovery for the news spider: robots.txt, sitemaps, feeds, listing pages and the
whole-site walk, each turning what a site lists into admitted article requests."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.archive import archive_for
from newscrawl.discovery import (
    BadSitemap,
    Entry,
    entry_date,
    feed_links,
    listing_links,
    next_page,
    page_links,
    parse_feed,
    sitemaps_from_robots,
)
from newscrawl.extraction import EmptyPage, parse_html
from newscrawl.failures import failure_reason, network_reason
from newscrawl.logformat import REPEATED_BY_CLI
from newscrawl.robotspolicy import robots_body
from newscrawl.sitemapread import SitemapReader
from newscrawl.urls import (
    admitted,
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

    def _sitemap_request(self, url: str, depth_left: int, guessed: bool = False,
                         lastmod: str | None = None) -> Iterator[scrapy.Request]:
        """Each sitemap once (robots.txt and an index may both name it; loops exist)."""
        if url in self._sitemaps_seen:
            return
        self._sitemaps_seen.add(url)
        if lastmod and self._sitemaps_read.get(url) == lastmod:
            # An interrupted run put all its entries in the frontier, and its index says
            # it has not changed since.
            self._found["sitemap"] += 1
            self._count("discovery/sitemaps_read_before")
            return
        if not admitted(url, self.site, self.sitemap_hosts, self.port):
            self.skip("offsite_sitemap", url, f"not on {self.site}")
            return
        self._pending["sitemap"] += 1
        # Our own seen set replaces the dupefilter, whose silent drops would leave
        # _pending above zero forever.
        yield self._request(url, self.parse_sitemap, "sitemap", dont_filter=True,
                            depth_left=depth_left, guessed=guessed, lastmod=lastmod)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Index: follow children; urlset / news sitemap: queue article pages. The XML is
        read as a stream into the frontier, never held whole."""
        self._count("discovery/sitemaps")
        try:
            yield from self._read_sitemap(response)
        except Exception as exc:  # one unreadable sitemap must not hold back the others
            self.skip("bad_sitemap", response.url, f"{type(exc).__name__}: {exc}")
        yield from self._tier_done("sitemap")

    def _read_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            reader = SitemapReader(response.body, response.url)
            entries = reader.entries()
            first = next(entries, None)  # the root element says which kind it is
        except BadSitemap as exc:
            if not response.meta.get("guessed"):
                self.skip("bad_sitemap", response.url, str(exc))
            return
        queued = True
        if first is not None:
            entries = _until_refused(itertools.chain([first], entries), reader)
            if reader.kind == "index":
                yield from self._child_sitemaps(entries, response.meta.get("depth_left", 0) - 1)
            else:
                queued = yield from self._article_requests(entries, "sitemap")
        if reader.problem:
            # Broken XML: what could be read is used; with nothing readable it is a skip.
            self.skip("bad_sitemap" if not reader.count else "sitemap_partly_read",
                      response.url, f"{reader.problem[:120]}; {reader.count} entries recovered")
        elif reader.kind == "urlset" and queued and response.meta.get("lastmod"):
            # Every entry is in the frontier: a run resuming this one need not read it
            # again while its index gives it the same lastmod.
            archive_for(self.crawler).frontier.sitemap_read(response.url,
                                                            response.meta["lastmod"])

    def _child_sitemaps(self, entries: Iterable[Entry], depth: int) -> Iterator[scrapy.Request]:
        for entry in entries:
            day = entry_date(entry) if self.since is not None else None
            if depth < 0:
                self.skip("sitemap_too_deep", entry.url)
            elif day is not None and day < self.since:
                # Nothing new in it: the sitemaps work, there is just nothing to fetch. Its
                # entries stay unread: the watermark must not pass them.
                self._found["sitemap"] += 1
                self._count("discovery/sitemaps_older_than_since")
                archive_for(self.crawler).left_unread("sitemap", day.isoformat())
            else:
                yield from self._sitemap_request(entry.url, depth, lastmod=entry.lastmod)

    # --- Feeds and the home page --------------------------------------------------------
    def _tier_done(self, tier: str) -> Iterator[scrapy.Request]:
        """When a tier's requests all answered and found nothing, fall back to the next;
        when the last sitemap is read, article requests go out, newest first."""
        self._pending[tier] -= 1
        if self._pending[tier] > 0:
            return
        if self._found[tier] > 0:
            yield from self._send()
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
            # A page's record settles the frontier row of its URL, if a sitemap listed it.
            extra = {"listed": {"url": url}} if role == "site_page" else {}
            yield self._request(url, callback, role, site_depth=depth + 1, **extra)

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


def _until_refused(entries: Iterator[Entry], reader: SitemapReader) -> Iterator[Entry]:
    """Entries until the stream refuses to go on (a gzip bomb's cap, a broken stream):
    what was read stays queued, and the reader says what stopped it."""
    try:
        yield from entries
    except BadSitemap as exc:
        reader.problem = str(exc)
