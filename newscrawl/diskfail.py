"""A write that fails (disk full, I/O error, file too large): the site stops at once, one
error line names the path, and the run exits non-zero. Nothing not on disk is marked."""

from __future__ import annotations

import errno
import logging
from pathlib import Path
from typing import Any

from scrapy.utils.defer import deferred_from_coro

from newscrawl.logformat import REPEATED_BY_CLI

logger = logging.getLogger(__name__)

# SQLite says a write failed in words, not errno: these mean the disk, not a busy lock.
SQLITE_DISK_WORDS = ("disk is full", "disk i/o error", "unable to open", "readonly",
                     "read-only", "no space")


def describe(exc: BaseException) -> str:
    """'No space left on device (ENOSPC)' for an OSError, the message otherwise."""
    if isinstance(exc, OSError) and exc.errno:
        name = errno.errorcode.get(exc.errno, str(exc.errno))
        return f"{exc.strerror or exc} ({name})"
    return str(exc)


def is_disk_error(exc: BaseException) -> bool:
    """An OSError, or an SQLite error that says the disk failed (not a lock held)."""
    return isinstance(exc, OSError) or any(
        word in str(exc).lower() for word in SQLITE_DISK_WORDS)


def stop_for_disk(crawler: Any, path: Path | str, exc: BaseException) -> str:
    """Stop the crawl of this site after a failed write; the message (logged once)."""
    spider = crawler.spider
    message = getattr(spider, "failure", None)
    if message:
        return message  # the first failure is the one to act on
    site = getattr(spider, "site_key", None) or getattr(spider, "name", "crawl")
    message = (f"cannot write {path}: {describe(exc)}; {site} stopped, records not on disk "
               "are not marked stored (free space and run again: the archive resumes)")
    spider.failure = message
    logger.error("%s", message, extra=REPEATED_BY_CLI)
    crawler.stats.inc_value("newscrawl/disk_error")
    if getattr(spider, "stops_itself", False):
        return message  # it reads no network: its own loop ends (closing here would hang)
    deferred_from_coro(crawler.engine.close_spider_async(reason="disk_error"))
    return message
