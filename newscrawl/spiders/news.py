"""The generic news spider: robots.txt -> sitemaps -> feeds -> listing pages -> articles.

A site profile subclasses NewsSpider and sets only the class attributes that differ.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from urllib.parse import urljoin

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.misc import load_object
from twisted.python.failure import Failure

from newscrawl import __version__
from newscrawl.archive import archive_for
from newscrawl.classify import MAX_PAGE_LINKS, MIN_ARTICLE_CHARS, too_many_links
from newscrawl.diskfail import stop_for_disk
from newscrawl.extraction import EmptyPage, SiteRules, extract_raw, page_article, parse_html
from newscrawl.failures import OffsiteRequest, failure_reason, network_reason
from newscrawl.spiders.discover import DiscoveryMixin
from newscrawl.spiders.distributed import DistributedMixin
from newscrawl.spiders.window import WindowMixin
from newscrawl.urls import (
    ascii_url,
    effective_port,
    is_http_url,
    site_key_of,
    site_of,
    site_root,
)

logger = logging.getLogger(__name__)



class NewsSpider(DiscoveryMixin, WindowMixin, DistributedMixin, scrapy.Spider):
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
        self._sitemaps_seen: set[str] = set()
        self._sitemaps_read: dict[str, str] = {}  # urlsets a resumed run read in full
        self._pages_out = 0  # article requests sent whose record is not written or dropped
        self._unread = 0  # listed entries --since left out (a sitemap with any is re-read)
        self.window = 200
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
        spider.window = settings.getint("NEWSCRAWL_FRONTIER_WINDOW")
        # A record written or dropped frees its place in the window.
        crawler.signals.connect(spider._page_done, signal=signals.item_scraped)
        crawler.signals.connect(spider._page_done, signal=signals.item_dropped)
        crawler.signals.connect(spider.on_frontier_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider._dropped, signal=signals.request_dropped)
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
        try:
            frontier = archive.frontier
            self._sitemaps_read = frontier.sitemaps_read()
        except (sqlite3.Error, OSError) as exc:
            stop_for_disk(self.crawler, archive.state_dir, exc)
            return
        if getattr(frontier, "rebuilt", None):
            logger.warning("%s", frontier.rebuilt)
        if frontier.resumed:
            logger.info("%s: resuming an interrupted run: %d article URLs wait in its "
                        "frontier, %d sitemaps were read in full", self.site_key,
                        frontier.resumed, len(self._sitemaps_read))
            self._count("frontier/resumed", frontier.resumed)
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
