"""The generic news spider: robots.txt -> sitemaps -> feeds -> listing pages -> articles.

A site profile subclasses NewsSpider and sets only the class attributes that differ.
"""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from urllib.parse import urljoin

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.misc import load_object
from twisted.python.failure import Failure

from newscrawl import __version__
from newscrawl.archive import archive_for
from newscrawl.classify import MAX_PAGE_LINKS, MIN_ARTICLE_CHARS, too_many_links
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
from newscrawl.extraction import EmptyPage, SiteRules, extract_raw, page_article, parse_html
from newscrawl.failures import OffsiteRequest, failure_reason, network_reason
from newscrawl.logformat import REPEATED_BY_CLI
from newscrawl.robotspolicy import robots_body
from newscrawl.urls import (
    admitted,
    ascii_url,
    effective_port,
    is_http_url,
    site_key_of,
    site_of,
    site_root,
    url_key,
)

logger = logging.getLogger(__name__)



class NewsSpider(scrapy.Spider):
    """Crawl one news site and yield an Article per article page."""

    name = "news"

    # --- What a site profile may set (class attributes only) -----------------------
    site_url: ClassVar[str | None] = None
    """Home page of the site; `-a url=` overrides it."""
    sitemap_urls: ClassVar[tuple[str, ...]] = ()
    sitemap_hosts: ClassVar[tuple[str, ...]] = ()
    """Other hosts the site's sitemaps may be fetched from (a CDN); no other host is."""
    """Sitemaps to read besides those robots.txt announces."""
    feed_urls: ClassVar[tuple[str, ...]] = ()
    """Feeds to read when the site has no sitemap."""
    section_urls: ClassVar[tuple[str, ...]] = ()
    """Listing pages to walk when the site has neither sitemap nor feed."""
    article_url_pattern: ClassVar[str | None] = None
    """Regex an article URL matches; other URLs found by discovery are not fetched."""
    title_css: ClassVar[str | None] = None
    body_css: ClassVar[str | None] = None
    date_css: ClassVar[str | None] = None
    strip_css: ClassVar[tuple[str, ...]] = ()
    """Extra blocks to remove from the body."""
    timezone: ClassVar[str | None] = None
    """IANA zone of naive times the site prints; NEWSCRAWL_TIMEZONE when unset."""

    def __init__(self, url: str | None = None, since: str | None = None,
                 max_articles: str | int | None = None, site_key: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        target = url or self.site_url
        if not target:
            raise ValueError(f"spider {self.name!r} needs a site: -a url=https://example.com")
        if "://" not in target:
            target = "https://" + target
        if not is_http_url(target):
            raise ValueError(f"not an http(s) URL: {target}")
        try:
            target = ascii_url(target)  # IDN hosts are fetched, compared and filed as punycode
        except ValueError as exc:
            raise ValueError(f"not a usable URL: {target} ({exc})") from None
        self.target = target
        self.root = site_root(target)
        self.home = target
        self.site = site_of(target)
        self.port = effective_port(target)  # another port of the host is another site
        # Host and port: two sites on one host are two folders, locks and watermarks.
        self.site_key = site_key or site_key_of(target)
        # The site without www., so www.example.com and example.com are both on-site.
        self.allowed_domains = [self.site]
        self._since_arg = since
        self._max_arg = max_articles
        self.since: date | None = None
        self.max_articles = 0
        self.unreachable: str | None = None
        self.locked: str | None = None
        self._pattern = re.compile(self.article_url_pattern) if self.article_url_pattern else None
        self._pending = {"sitemap": 0, "feed": 0}
        self._found = {"sitemap": 0, "feed": 0}
        self._fallback_started: set[str] = set()
        self._queued: set[str] = set()
        self._sitemaps_seen: set[str] = set()
        self._pages_out = 0  # article requests sent whose record is not written or dropped
        self._held: deque[scrapy.Request] = deque()
        self.extract = extract_raw
        self.min_chars = MIN_ARTICLE_CHARS
        self.second_opinion = True

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        """Read the NEWSCRAWL_* settings the spider needs."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        since = spider._since_arg or settings.get("NEWSCRAWL_SINCE") or ""
        spider.since = date.fromisoformat(since) if since else None
        spider.max_articles = int(spider._max_arg or settings.getint("NEWSCRAWL_MAX_ARTICLES"))
        spider.max_listing_pages = settings.getint("NEWSCRAWL_MAX_LISTING_PAGES")
        spider.max_sitemap_depth = settings.getint("NEWSCRAWL_MAX_SITEMAP_DEPTH")
        spider.min_chars = settings.getint("NEWSCRAWL_MIN_ARTICLE_CHARS")
        spider.extract = load_object(settings.get("NEWSCRAWL_EXTRACTOR") or extract_raw)
        spider.second_opinion = settings.getbool("NEWSCRAWL_SECOND_OPINION")
        spider.tz = spider.timezone or settings.get("NEWSCRAWL_TIMEZONE")
        spider.revisions = settings.getbool("NEWSCRAWL_REVISIONS")
        spider.whole_site = settings.getbool("NEWSCRAWL_WHOLE_SITE")
        spider.whole_site_depth = settings.getint("NEWSCRAWL_WHOLE_SITE_DEPTH")
        spider.whole_site_max = settings.getint("NEWSCRAWL_WHOLE_SITE_MAX_PAGES")
        spider._whole_site_seen = set()
        spider.redis_idle = settings.getfloat("NEWSCRAWL_REDIS_IDLE_SECONDS")
        spider._empty_since: float | None = None
        if settings.get("NEWSCRAWL_REDIS_URL"):
            crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        if spider.max_articles:
            # A record written or dropped frees its place under the cap.
            crawler.signals.connect(spider._page_done, signal=signals.item_scraped)
            crawler.signals.connect(spider._page_done, signal=signals.item_dropped)
        return spider

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """Fill the User-Agent template with our version and the contact URL."""
        super().update_settings(settings)
        agent = settings.get("USER_AGENT") or ""
        if "{contact}" in agent or "{version}" in agent:
            filled = agent.replace("{version}", __version__).replace(
                "{contact}", settings.get("NEWSCRAWL_CONTACT_URL") or "no contact given")
            # At least spider priority: CrawlerProcess merges its own (project) settings
            # into a pre-built crawler, and the unfilled template must not win back.
            priority = max(settings.getpriority("USER_AGENT") or 0, SETTINGS_PRIORITIES["spider"])
            settings.set("USER_AGENT", filled, priority=priority)

    @classmethod
    def site_rules(cls) -> SiteRules:
        """Extraction overrides of this profile (also for `extract`/`reextract --profile`)."""
        return SiteRules(title_css=cls.title_css, body_css=cls.body_css,
                         date_css=cls.date_css, strip_css=tuple(cls.strip_css),
                         timezone=cls.timezone)

    @property
    def rules(self) -> SiteRules:
        """Extraction overrides of this profile."""
        return self.site_rules()

    # --- Bookkeeping --------------------------------------------------------------------
    def _count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"newscrawl/{key}", n)

    def skip(self, reason: str, url: str, detail: str = "", level: int = logging.WARNING) -> None:
        """Count and log one page we could not use."""
        self._count(f"skipped/{reason}")
        logger.log(level, "skipped %s: %s%s", url, reason, f" ({detail})" if detail else "")

    def _request(self, url: str, callback: Any, role: str, dont_filter: bool = False,
                 **meta: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.on_error,
                              meta={"nc_role": role, **meta}, dont_filter=dont_filter,
                              priority={"robots": 30, "sitemap": 20, "feed": 20,
                                        "listing": 10}.get(role, 0))

    # --- Start: robots.txt --------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Robots.txt first: it names the sitemaps, and tells us if the host is up."""
        archive = archive_for(self.crawler)
        if archive.locked:
            self.locked = archive.locked
            logger.info("%s: not crawling, %s", self.site_key, archive.locked)
            return
        if archive.redis_url:
            # Scrapy looks at an idle scheduler every 5 s; other workers fill the shared
            # queue meanwhile, so look twice a second (a cheap LPOP when it is empty).
            from twisted.internet.task import LoopingCall

            self._poller = LoopingCall(self._poll)
            self._poller.start(0.5, now=False)
            self.crawler.signals.connect(self._stop_polling, signal=signals.spider_closed)
        if self.whole_site:
            # A complete capture starts from the home page too, whatever the sitemaps say.
            yield self._request(self.home, self.parse_page, "site_page", site_depth=0)
        yield scrapy.Request(urljoin(self.root, "/robots.txt"), callback=self.parse_robots,
                             errback=self.on_robots_error, dont_filter=True,
                             meta={"nc_role": "robots", "dont_obey_robotstxt": True},
                             priority=30)

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

    # --- A cap on records stops fetching, not just writing ----------------------------------
    def _wanted(self) -> int:
        """Records still wanted under --max-articles (a large number without a cap)."""
        if not self.max_articles:
            return 1 << 62
        return self.max_articles - (self.crawler.stats.get_value("newscrawl/records_written")
                                    or 0)

    def _admit_page(self, request: scrapy.Request) -> Iterator[scrapy.Request]:
        """Send an article request only while the pages out (in flight, or read and on
        their way to the file) fall short of the records wanted; hold it otherwise."""
        if self._pages_out >= self._wanted():
            self._held.append(request)
            return
        self._pages_out += 1
        yield request

    def _page_done(self, *_args: Any, **_kwargs: Any) -> None:
        """An article request gave its record, or none: a held one may go now."""
        self._pages_out = max(0, self._pages_out - 1)
        while self._held and self._pages_out < self._wanted():
            self._pages_out += 1
            self.crawler.engine.crawl(self._held.popleft())

    def _doc(self, response: Response) -> Any:
        if not isinstance(response, TextResponse) or not response.body.strip():
            self.skip("not_html" if response.body.strip() else "empty_body", response.url)
            return None
        if too_many_links(response.body):
            self.skip("too_many_links", response.url, f"over {MAX_PAGE_LINKS} links")
            return None
        try:
            return parse_html(response.body, response.encoding)
        except EmptyPage as exc:
            self.skip("empty_body", response.url, str(exc))
            return None

    def parse_page(self, response: Response) -> Iterator[Any]:
        """An article page becomes an Article; anything else is counted and dropped."""
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        page = page_article(response.body, response.url, ctype, rules=self.rules,
                            min_chars=self.min_chars, fallback=self.second_opinion,
                            extractor=self.extract)
        for key in page.counters:
            self._count(key)
        if page.skipped or page.article is None or page.kind is None:
            self.skip(page.skipped or "extract_error", response.url, page.detail)
            self._no_record(response)
            return
        article, kind = page.article, page.kind
        yield from self._follow(response)
        if not kind.is_article:
            self._no_record(response)
            archive_for(self.crawler).settled((response.meta.get("listed") or {}).get("url", ""))
            self._count(f"pages/non_article/{kind.kind}")
            logger.debug("not an article (%s: %s): %s", kind.kind, kind.why, response.url)
            return
        self._count("pages/article")
        # With --archive, the fetch time is the WARC record's, so a re-extraction agrees.
        article.fetched_at = response.meta.get("fetched_at") or \
            datetime.now(UTC).isoformat(timespec="seconds")
        article.warc = response.meta.get("warc")
        article.listed = dict(response.meta.get("listed") or {})
        if response.meta.get("listed_via"):
            article.date_candidates.append({"kind": "published", "source":
                                            response.meta["listed_via"],
                                            "raw": response.meta["listed_date"]})
        yield article

    def _no_record(self, response_or_request: Any) -> None:
        """An article request that ends without a record frees its place under the cap."""
        meta = getattr(response_or_request, "meta", {})
        if self.max_articles and meta.get("nc_role") == "page":
            self._page_done()

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

    # --- Distributed crawl (--redis) ------------------------------------------------------
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

    # --- Failures -----------------------------------------------------------------------
    def on_error(self, failure: Failure) -> Iterator[scrapy.Request]:
        """Every failed request is counted by reason and logged on one line."""
        request = failure.request
        role = request.meta.get("nc_role", "page")
        self._no_record(request)
        if failure.check(OffsiteRequest):  # a redirect to another host
            self.skip(f"offsite_{role}" if role in ("sitemap", "feed") else "offsite_redirect",
                      request.url, str(failure.value)[:160])
            if role in ("sitemap", "feed"):
                yield from self._tier_done(role)
            return
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"http_{status}"
            if status in (404, 410):  # gone for good: no need to ask again next run
                archive_for(self.crawler).settled((request.meta.get("listed") or {})
                                                  .get("url", ""))
        else:
            reason = network_reason(failure) or failure_reason(failure)
        guessed = role == "sitemap" and request.meta.get("guessed")
        if not guessed:
            self.skip(reason if role == "page" else f"{role}_{reason}", request.url,
                      str(failure.value)[:160] if not failure.check(HttpError) else "")
        if role == "sitemap":
            yield from self._tier_done("sitemap")
        elif role == "feed":
            yield from self._tier_done("feed")


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
