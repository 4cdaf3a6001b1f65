"""Terminal progress while crawling, and the one-screen summary at the end."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from typing import Any, TextIO

from scrapy import signals
from twisted.internet import task


def _stat(stats: dict[str, Any], key: str) -> int:
    return int(stats.get(key, 0) or 0)


def pages_fetched(stats: dict[str, Any]) -> int:
    """Responses received, whatever their status."""
    return _stat(stats, "response_received_count")


def skipped_by_reason(stats: dict[str, Any]) -> dict[str, int]:
    """newscrawl/skipped/<reason> counters, largest first."""
    prefix = "newscrawl/skipped/"
    found = {k[len(prefix):]: int(v) for k, v in stats.items() if k.startswith(prefix)}
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def non_articles(stats: dict[str, Any]) -> dict[str, int]:
    """Pages that were not articles, by kind (listing, hub, home, thin, empty)."""
    prefix = "newscrawl/pages/non_article/"
    return {k[len(prefix):]: int(v) for k, v in stats.items() if k.startswith(prefix)}


def format_summary(name: str, stats: dict[str, Any], elapsed: float) -> str:
    """The end-of-run summary: pages, records, skips by reason, elapsed, output file."""
    written = _stat(stats, "newscrawl/records_written")
    pages = pages_fetched(stats)
    read = _stat(stats, "newscrawl/reextract/responses")
    lines = [
        f"── newscrawl: {name} ── {stats.get('finish_reason', 'finished')}",
        f"  pages fetched     {pages:>7}   ({pages / elapsed if elapsed else 0:.1f}/s)"
        if not read else
        f"  archived read     {read:>7}   responses ({read / elapsed if elapsed else 0:.1f}/s)",
        f"  article pages     {_stat(stats, 'newscrawl/pages/article'):>7}",
        f"  records written   {written:>7}",
    ]
    archived = _stat(stats, "newscrawl/discovery/already_stored") + _stat(
        stats, "newscrawl/discovery/older_than_watermark")
    if archived:
        lines.append(f"  already archived  {archived:>7}   (not fetched again)")
    if _stat(stats, "newscrawl/frontier/resumed"):
        lines.append(f"  resumed           {_stat(stats, 'newscrawl/frontier/resumed'):>7}   "
                     "article URLs left waiting by an interrupted run")
    if _stat(stats, "newscrawl/revisions_written"):
        lines.append(f"  revisions         {_stat(stats, 'newscrawl/revisions_written'):>7}")
    engines = {k.rsplit("/", 1)[1]: int(v) for k, v in stats.items()
               if k.startswith("newscrawl/extract/engine/")}
    errors = _stat(stats, "newscrawl/extract/fallback_error")
    if set(engines) - {"generic"} or errors:
        # How the bodies were chosen, when anything but our own extraction took part.
        detail = ", ".join(f"{k} {v}" for k, v in sorted(engines.items()))
        lines.append(f"  bodies by         {detail}"
                     + (f"   ({errors} second-opinion errors)" if errors else ""))
    others = non_articles(stats)
    if others:
        detail = ", ".join(f"{k} {v}" for k, v in sorted(others.items()))
        lines.append(f"  not articles      {sum(others.values()):>7}   ({detail})")
    skipped = skipped_by_reason(stats)
    lines.append(f"  skipped           {sum(skipped.values()):>7}")
    for reason, count in skipped.items():
        lines.append(f"    {reason:<24}{count:>6}")
    lines.append(f"  elapsed           {elapsed:>7.1f}s")
    if stats.get("newscrawl/output_file"):
        lines.append(f"  output            {stats['newscrawl/output_file']}")
    return "\n".join(lines)


class Progress:
    """Prints pages, records and rate every NEWSCRAWL_PROGRESS_INTERVAL seconds."""

    def __init__(self, crawler: Any, interval: float, stream: TextIO = sys.stderr,
                 summary_stream: TextIO = sys.stdout) -> None:
        self.crawler = crawler
        self.interval = interval
        self.stream = stream
        self.summary_stream = summary_stream
        self.started = time.monotonic()
        self._task: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> Progress:
        """Scrapy entry point; progress lines off when the interval is 0, summary always."""
        ext = cls(crawler, crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL"))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        """Start the clock."""
        self.started = time.monotonic()
        if self.interval > 0:
            self._task = task.LoopingCall(self.report)
            self._task.start(self.interval, now=False)

    def report(self) -> None:
        """One progress line."""
        stats = self.crawler.stats.get_stats()
        elapsed = time.monotonic() - self.started
        pages = pages_fetched(stats)
        spider = self.crawler.spider
        name = getattr(spider, "site_key", None) or spider.name  # several sites side by side
        print(f"[{name}] {pages} pages ({pages / elapsed:.1f}/s), "
              f"{_stat(stats, 'newscrawl/records_written')} records, "
              f"{sum(skipped_by_reason(stats).values())} skipped, {elapsed:.0f}s",
              file=self.stream, flush=True)

    def spider_closed(self, spider: Any, reason: str) -> None:
        """Stop the progress lines and print the summary."""
        if self._task and self._task.running:
            self._task.stop()
        stats = dict(self.crawler.stats.get_stats())
        if stats.get("newscrawl/locked") or (getattr(spider, "unreachable", None)
                                             and not pages_fetched(stats)):
            return  # nothing ran: the command prints why, a summary of zeros would mislead
        stats.setdefault("finish_reason", reason)
        name = getattr(spider, "site_key", None) or spider.name
        print(format_summary(name, stats, time.monotonic() - self.started),
              file=self.summary_stream, flush=True)


def run_summary(stats: dict[str, Any], reason: str, elapsed: float,
                started_at: datetime) -> dict[str, Any]:
    """The run summary JSON written beside the output."""
    skipped = skipped_by_reason(stats)
    duplicates = {k.removeprefix("duplicate_"): v for k, v in skipped.items()
                  if k.startswith("duplicate_")}
    return {
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "finish_reason": reason,
        "elapsed_s": round(elapsed, 2),
        "fetched": pages_fetched(stats),
        "new": int(stats.get("newscrawl/records_written", 0)),
        "revisions": int(stats.get("newscrawl/revisions_written", 0)),
        "already_stored": int(stats.get("newscrawl/discovery/already_stored", 0)),
        "duplicates": duplicates,
        "skipped": {k: v for k, v in skipped.items() if not k.startswith("duplicate_")},
        "not_articles": non_articles(stats),
        "errors": int(stats.get("log_count/ERROR", 0)),
        "recovered_after_crash": int(stats.get("newscrawl/state/recovered", 0)),
        "resumed_from_frontier": int(stats.get("newscrawl/frontier/resumed", 0)),
        "output_file": stats.get("newscrawl/output_file"),
    }
