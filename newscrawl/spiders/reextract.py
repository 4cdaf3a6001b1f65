"""`reextract`: records rebuilt from WARC archives, with no network.

The archived responses go through the same extraction and the same pipelines (clean,
dates, dedup, store) as a live crawl, so unchanged code gives the same records; improved
code gives better ones from old crawls. `newscrawl reextract WARC… -o DIR` runs it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import scrapy
from scrapy.utils.misc import load_object

from newscrawl.classify import MIN_ARTICLE_CHARS
from newscrawl.encoding import looks_like_html
from newscrawl.extraction import DEFAULT_RULES, SiteRules, extract_raw, page_article
from newscrawl.warc import Capture, Corrupt, archive_label, is_warc, read_captures

logger = logging.getLogger(__name__)

# Roles of fetches the crawl read as pages (see NewsSpider._request).
_PAGE_ROLES = frozenset({"page", "site_page"})
_HTML = ("text/html", "application/xhtml+xml")


class ReextractSpider(scrapy.Spider):
    """Yield an Article for every archived article page; fetch nothing."""

    name = "reextract"
    site_key = None  # each record goes to its own site's folder
    stops_itself = True  # after a failed write (diskfail): start() ends, nothing else runs
    failure: str | None = None
    custom_settings: ClassVar[dict[str, Any]] = {
        "ROBOTSTXT_OBEY": False, "NEWSCRAWL_ARCHIVE": False, "NEWSCRAWL_INCREMENTAL": False}

    def __init__(self, warcs: str | list[str] = "", rules: SiteRules = DEFAULT_RULES,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        names = warcs.split(",") if isinstance(warcs, str) else list(warcs)
        self.paths = [Path(n) for n in names if n]
        self.rules = rules
        self.locked: str | None = None
        self.min_chars = MIN_ARTICLE_CHARS
        self.second_opinion = True
        self.extract = extract_raw

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ReextractSpider:
        """Naive times take the profile's zone, else NEWSCRAWL_TIMEZONE, as in the crawl."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.tz = spider.rules.timezone or crawler.settings.get("NEWSCRAWL_TIMEZONE")
        since = crawler.settings.get("NEWSCRAWL_SINCE") or ""
        spider.since = date.fromisoformat(since) if since else None
        # The crawl's extraction settings: the same page gives the same record.
        spider.min_chars = crawler.settings.getint("NEWSCRAWL_MIN_ARTICLE_CHARS")
        spider.second_opinion = crawler.settings.getbool("NEWSCRAWL_SECOND_OPINION")
        spider.extract = load_object(crawler.settings.get("NEWSCRAWL_EXTRACTOR") or extract_raw)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        """Read every archive in order; items only, no requests."""
        from newscrawl.archive import archive_for

        archive = archive_for(self.crawler)
        if archive.locked:
            self.locked = archive.locked
            logger.error("not re-extracting: %s", archive.locked)
            return
        # An archive is input like a page: nothing past the crawl's own download limit is
        # read or inflated (a gzip bomb the crawl stored as too_large stays one).
        max_size = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
        for path in self.paths:
            for capture in read_captures(path, archive_label(path), max_size):
                if self.failure:
                    return  # a write failed: the command reports it and exits 1
                if isinstance(capture, Corrupt):
                    self._count("skipped/corrupt_warc_record")
                    logger.warning("%s: skipped a broken WARC record at byte %d (%s)",
                                   capture.file, capture.offset, capture.error)
                    continue
                self._count("reextract/responses")
                if capture.too_large:
                    self._count("skipped/too_large")
                    logger.warning("skipped %s: too_large (payload over DOWNLOAD_MAXSIZE=%d "
                                   "bytes in %s)", capture.url, max_size, capture.file)
                    continue
                article = self._article(capture)
                if article is not None:
                    yield article

    def _article(self, capture: Capture) -> Any:
        role = capture.meta.get("nc_role")
        ctype = capture.header("Content-Type") or ""
        if capture.status != 200 or (role is not None and role not in _PAGE_ROLES):
            return None
        if role is None and not ctype.lower().startswith(_HTML) \
                and not looks_like_html(capture.body):
            return None  # another tool's archive: images, scripts and styles are no pages
        # The live crawl's path from bytes and headers to an article (extraction.page_article).
        page = page_article(capture.body, capture.url, ctype, rules=self.rules,
                            min_chars=self.min_chars, fallback=self.second_opinion,
                            extractor=self.extract)
        for key in page.counters:
            self._count(key)
        if page.skipped or page.article is None or page.kind is None:
            self._count(f"skipped/{page.skipped or 'extract_error'}")
            logger.warning("skipped %s: %s%s", capture.url, page.skipped,
                           f" ({page.detail})" if page.detail else "")
            return None
        article, kind = page.article, page.kind
        if not kind.is_article:
            self._count(f"pages/non_article/{kind.kind}")
            return None
        self._count("pages/article")
        article.fetched_at = capture.meta.get("fetched_at")
        article.warc = {"file": capture.file, "record_id": capture.record_id}
        article.listed = dict(capture.meta.get("listed") or {})
        if capture.meta.get("listed_via"):
            article.date_candidates.append({"kind": "published",
                                            "source": capture.meta["listed_via"],
                                            "raw": capture.meta.get("listed_date")})
        return article

    def _count(self, key: str) -> None:
        self.crawler.stats.inc_value(f"newscrawl/{key}")


def warc_files(paths: list[str]) -> list[Path]:
    """The WARC files named, folders expanded; ours in the order they were written
    (`<site>-<start time>-<serial>`), across sites too."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted((p for p in path.rglob("*") if p.is_file() and is_warc(p)),
                                key=_written_order))
        else:
            found.append(path)
    return found


def _written_order(path: Path) -> tuple[str, str]:
    match = _OUR_NAME.search(path.name)
    return (match.group(1), match.group(2)) if match else ("", path.name)


_OUR_NAME = re.compile(r"-(\d{14})-(\d{5})\.warc")
