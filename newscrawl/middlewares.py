"""Downloader middlewares for sites that misbehave: off-site fetches, robots.txt errors,
Retry-After and redirect loops; Scrapy's meta refresh without decoding every page."""

from __future__ import annotations

import codecs
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.defer import deferred_to_future
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.response import response_status_message
from twisted.internet import reactor
from twisted.internet.task import deferLater
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

from newscrawl.failures import OffsiteRequest
from newscrawl.robotspolicy import DISALLOW_ALL, robots_body
from newscrawl.urls import admitted

logger = logging.getLogger(__name__)
# Scrapy reads a meta refresh in a page's first 4,096 characters: 16 KiB of bytes in any
# encoding of at most 4 bytes a character.
REFRESH_SCAN_BYTES = 16384
# Encodings (w3lib's names) that write every ASCII character as its own byte and never
# decode bytes to nothing: in them a refresh is spelled in ASCII bytes. Not HZ,
# unicode-escape, UTF-7, UTF-16/32 or EBCDIC codepages.
ASCII_CODECS = frozenset({
    "utf-8", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "cp874", "cp866", "koi8-r", "koi8-u", "cp932", "euc_jp", "gb18030",
    "big5hkscs", "cp949", *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16)),
})
# Statuses whose Retry-After header says when to ask again (RFC 9110 10.2.3).
_RETRY_AFTER_STATUSES = frozenset({429, 503})


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (delay-seconds or an HTTP date); None
    when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, but a 429 or 503 with Retry-After is retried no sooner than the
    server asked; a wait over NEWSCRAWL_RETRY_AFTER_MAX gives the page up (counted)."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX")

    async def process_response(self, request: Request,  # type: ignore[override]
                               response: Response) -> Request | Response:
        """Retry retryable statuses; wait first when the server said how long."""
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After")) \
            if response.status in _RETRY_AFTER_STATUSES else None
        if wait is not None and wait > self.max_wait:
            self.crawler.stats.inc_value("newscrawl/retry_after_too_long")
            logger.warning("%s asks to wait %.0f s (Retry-After), more than "
                           "NEWSCRAWL_RETRY_AFTER_MAX=%.0f: not retried", request.url, wait,
                           self.max_wait)
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if wait:
            self.crawler.stats.inc_value("newscrawl/retry_after_waits")
            await deferred_to_future(deferLater(reactor, wait, lambda: None))
        return retry


class RedirectLoopMiddleware:
    """A redirect back to a URL already in the request's redirect chain is a loop: the
    page is given up as 'redirect_loop' (Scrapy's dupefilter would drop it unseen)."""

    def process_response(self, request: Request, response: Response) -> Response:
        """Raise IgnoreRequest (the errback counts it) when the Location was visited."""
        location = response.headers.get(b"Location")
        if not (300 <= response.status < 400 and location):
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        if target in (*request.meta.get("redirect_urls", ()), request.url):
            raise IgnoreRequest(f"redirect loop: {request.url} -> {target}")
        return response


class OffsiteGuard:
    """Every request stays on the crawled site: sitemaps, robots-named URLs, redirects and
    `dont_filter` requests included, which Scrapy's offsite filter lets through. It runs
    before the robots.txt middleware, so not even another host's robots.txt is asked."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> OffsiteGuard:
        """Keep the crawler: the spider says which site is crawled."""
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        """Raise OffsiteRequest (the spider's errback counts it) for another host."""
        spider = self.crawler.spider
        site = getattr(spider, "site", None)
        if not site:
            return
        extra = spider.sitemap_hosts if request.meta.get("nc_role") == "sitemap" else ()
        if not admitted(request.url, site, extra, getattr(spider, "port", None)):
            raise OffsiteRequest(f"offsite: {request.url} is not on {site}")


class RobotsPolicy(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, reading statuses and errors as RFC 9309 does (it
    parses a 503 page as rules, and allows everything when robots.txt is unreachable)."""

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        """Parse what the status says robots.txt holds."""
        body = robots_body(response.status, response.body)
        await super()._parse_robots(response.replace(body=body), netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        """Unreachable robots.txt: nothing may be fetched from that host this run."""
        if isinstance(exc, IgnoreRequest):
            super()._robots_error(exc, netloc)  # refused on purpose (off-site): no rules
            return
        self._stats.inc_value("robotstxt/unreachable_disallow_all")
        parser = build_from_crawler(self._parserimpl, self.crawler, DISALLOW_ALL)
        waiting = self._parsers[netloc]
        self._parsers[netloc] = parser
        if hasattr(waiting, "callback"):
            waiting.callback(parser)


class HeadMetaRefresh(MetaRefreshMiddleware):
    """Scrapy's meta refresh redirects, read only from pages whose head names one: Scrapy
    decodes each whole page first (1.4% of a crawl's CPU), most to find none."""

    def process_response(self, request: Request, response: Response  # type: ignore[override]
                         ) -> Request | Response:
        """The response as it came, unless its first bytes hold a refresh."""
        head = response.body[:REFRESH_SCAN_BYTES]
        if _ascii_markup(head, response.headers.get(b"Content-Type")) \
                and b"refresh" not in head.lower():
            return response
        return super().process_response(request, response)


def _ascii_markup(head: bytes, content_type: bytes | None) -> bool:
    """True when the page's bytes spell its ASCII markup as ASCII bytes: its declared
    encoding (BOM, header, meta) is one of ASCII_CODECS, and no NUL (UTF-16, UTF-32) or
    ESC (ISO-2022) byte is there. Else only decoding says whether a refresh is there."""
    if b"<" not in head or b"\x00" in head or b"\x1b" in head:
        return False
    declared = read_bom(head)[0] or http_content_type_encoding(
        content_type.decode("latin-1") if content_type else None) \
        or html_body_declared_encoding(head)
    if declared is not None:
        return resolve_encoding(declared) in ASCII_CODECS
    # Nothing declared: Scrapy guesses from the bytes. UTF-8 (a character cut at the end
    # of the head aside) is what it would guess; anything else goes to its reading.
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True
