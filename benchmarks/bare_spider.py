"""The download ceiling: a bare Scrapy spider that follows the sitemaps and yields URLs.

`python benchmarks/bare_spider.py SITE_URL METER_FILE [CONCURRENCY [CONCURRENT_ITEMS]]`;
no extraction, no pipelines, nothing written: what Scrapy itself costs per page here.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.spiders import SitemapSpider


class BareSitemapSpider(SitemapSpider):
    """robots.txt -> sitemaps -> every page; yields {'url': ...} per page."""

    name = "bare"

    def parse(self, response: Response) -> Iterator[dict[str, Any]]:
        """The URL only."""
        yield {"url": response.url}


def main() -> None:
    """Run the spider with the benchmark's concurrency and the meter."""
    site, meter = sys.argv[1].rstrip("/"), sys.argv[2]
    concurrency = int(sys.argv[3]) if len(sys.argv) > 3 else 32
    items = int(sys.argv[4]) if len(sys.argv) > 4 else 100  # Scrapy's default
    process = CrawlerProcess({
        "CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": True, "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False, "COOKIES_ENABLED": False, "CONCURRENT_ITEMS": items,
        "EXTENSIONS": {"crawlmeter.Meter": 0}, "BENCH_METER_FILE": meter,
    })
    process.crawl(BareSitemapSpider, sitemap_urls=[f"{site}/robots.txt"])
    process.start()


if __name__ == "__main__":
    main()
