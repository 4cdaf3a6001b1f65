"""A cap on records (--max-articles) stops fetching, not just writing: article requests
are held while the pages out already cover the records still wanted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy


class CapMixin:
    """Holds article requests past what the cap can still use; releases them as records
    are written or dropped."""

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


    def _no_record(self, response_or_request: Any) -> None:
        """An article request that ends without a record frees its place under the cap."""
        meta = getattr(response_or_request, "meta", {})
        if self.max_articles and meta.get("nc_role") == "page":
            self._page_done()
