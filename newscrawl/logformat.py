"""One-line log messages for dropped and scraped records (Scrapy prints whole items), and
what the terminal leaves to the command's own error line."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult

# `extra=` of a log call whose message the command prints itself as its error line: kept
# in --log-file, not repeated on the terminal.
REPEATED_BY_CLI: dict[str, bool] = {"repeated_by_cli": True}
# Loggers whose errors the crawl counts and reports on one line of its own (a page given
# up after retries is a counted skip; robots.txt errors end the site with one line).
TERMINAL_QUIET = ("scrapy.downloadermiddlewares.retry", "scrapy.downloadermiddlewares.robotstxt")


def terminal_filter(record: logging.LogRecord) -> bool:
    """False for what the terminal need not show twice (see REPEATED_BY_CLI)."""
    return not (getattr(record, "repeated_by_cli", False) or record.name in TERMINAL_QUIET)


def _url(item: Any) -> str:
    data = item if isinstance(item, dict) else getattr(item, "__dict__", {})
    return str(data.get("url", "?"))


class OneLineLogFormatter(LogFormatter):
    """Scrapy's formatter, minus the item dumps."""

    def dropped(self, item: Any, exception: BaseException, response: Any,
                spider: Any) -> LogFormatterResult:
        """Dropped records are counted in stats; the log line names reason and URL."""
        return {"level": logging.INFO, "msg": "dropped %(reason)s",
                "args": {"reason": str(exception)}}

    def scraped(self, item: Any, response: Any, spider: Any) -> LogFormatterResult:
        """A written record, by URL."""
        return {"level": logging.DEBUG, "msg": "record %(url)s", "args": {"url": _url(item)}}
