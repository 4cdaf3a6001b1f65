"""Scrapy extension for the crawl benchmark: CPU and memory of the crawl itself.

Process-wide figures (wait4) include interpreter start-up and imports; this extension
takes rusage when the engine starts and stops, so ms/page is the crawl's own cost. It
also samples RSS and the page/record counts once a second (for the soak run). The
figures go to the JSON file named by the BENCH_METER_FILE setting.
"""

from __future__ import annotations

import json
import os
import resource
import time
from typing import Any

from scrapy import signals
from twisted.internet.task import LoopingCall

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    """Resident set size of this process now, in MB."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * _PAGE / 1024 ** 2


def cpu_seconds() -> float:
    """User + system CPU of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Meter:
    """Writes {cpu_s, wall_s, pages, records, samples: [[t, pages, records, rss_mb,
    article URLs queued]]}."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.path = crawler.settings.get("BENCH_METER_FILE")
        self.samples: list[list[float]] = []
        self.loop = LoopingCall(self.sample)
        crawler.signals.connect(self.started, signal=signals.engine_started)
        crawler.signals.connect(self.stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Meter:
        """Scrapy entry point."""
        return cls(crawler)

    def started(self) -> None:
        """Start the clocks."""
        self.cpu0, self.wall0 = cpu_seconds(), time.perf_counter()
        self.loop.start(1.0, now=True)

    def sample(self) -> None:
        """One memory sample."""
        stats = self.crawler.stats
        self.samples.append([round(time.perf_counter() - self.wall0, 2),
                             stats.get_value("downloader/response_count", 0),
                             stats.get_value("newscrawl/records_written",
                                             stats.get_value("item_scraped_count", 0)),
                             round(rss_mb(), 1),
                             stats.get_value("newscrawl/discovery/article_urls", 0)])

    def stopped(self) -> None:
        """Stop the clocks and write the figures."""
        cpu, wall = cpu_seconds() - self.cpu0, time.perf_counter() - self.wall0
        if self.loop.running:
            self.loop.stop()
        self.sample()
        stats = self.crawler.stats
        if self.path:
            with open(self.path, "w") as handle:
                json.dump({"cpu_s": cpu, "wall_s": wall,
                           "pages": stats.get_value("downloader/response_count", 0),
                           "records": self.samples[-1][2], "samples": self.samples}, handle)
