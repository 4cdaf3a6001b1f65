"""One-line log messages for dropped and scraped records (Scrapy prints whole items)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult


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
