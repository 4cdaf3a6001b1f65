"""The frontier: article URLs discovered and not yet read, on disk (SQLite) instead of in
RAM, so a sitemap of millions of URLs costs the crawl a bounded window of requests.

One file per site under `<output>/state/`. Rows wait (newest listing day first, then in
the order found), are sent a window at a time, and are settled when their page was read
to an end. A killed run leaves its file: the next run resumes from the rows not settled
and skips the sitemaps it had read in full. A finished run empties it.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newscrawl.diskfail import is_disk_error
from newscrawl.store.seen import url_index

WAITING, SENT, SETTLED = 0, 1, 2
# The file's layout: another one (an older version's) is rebuilt, not read.
FRONTIER_VERSION = 2
# Rows of an undated entry sort after every dated one.
UNDATED = 1 << 40

_SCHEMA = """
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS frontier (
    key INTEGER PRIMARY KEY, rank INTEGER NOT NULL, seq INTEGER NOT NULL,
    state INTEGER NOT NULL, url TEXT NOT NULL, via TEXT NOT NULL, day TEXT,
    published TEXT, lastmod TEXT, revision_of TEXT);
-- What to send next: the waiting rows in order, and nothing else in the index.
CREATE INDEX IF NOT EXISTS frontier_next ON frontier (rank, seq) WHERE state = 0;
-- Urlsets read in full, with the lastmod their index gave them then.
CREATE TABLE IF NOT EXISTS sitemaps_read (url TEXT PRIMARY KEY, lastmod TEXT NOT NULL)
    WITHOUT ROWID;
-- Per tier, the oldest listing day left unread (--since): the watermark stays before it.
CREATE TABLE IF NOT EXISTS unread (tier TEXT PRIMARY KEY, day TEXT NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Queued:
    """One frontier row as the spider turns it into a request."""

    url: str
    via: str
    day: str | None
    published: str | None
    lastmod: str | None
    revision_of: str | None


def rank_of(day: date | None) -> int:
    """Sort key of a listing day: the newest first, undated last."""
    return -day.toordinal() if day is not None else UNDATED


class Frontier:
    """A site's waiting article URLs in SQLite."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.rebuilt: str | None = None
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            if is_disk_error(exc):
                raise
            # A damaged file (a power cut: it is written without fsync) or one of another
            # layout is only a cache of what the sitemaps list: start afresh rather than
            # block the site.
            self.rebuilt = f"{self.path} was damaged ({exc}); discovering afresh"
            self._remove()
            self._open()

    def _open(self) -> None:
        self.db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        tables = self.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
        if tables and version != FRONTIER_VERSION:
            self.db.close()
            raise sqlite3.DatabaseError(f"a frontier of layout {version}, not {FRONTIER_VERSION}")
        self.db.executescript(_SCHEMA)
        self.db.execute(f"PRAGMA user_version={FRONTIER_VERSION}")
        if self.db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            self.db.close()
            raise sqlite3.DatabaseError("quick_check failed")
        # A lost commit on a power cut costs a URL read twice, not a record.
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-4000")  # 4 MB, whatever the frontier's size
        self._in_batch = 0
        # The oldest day left unread per tier, so a million filtered entries cost one
        # write per new oldest day, not one each.
        self._unread = dict(self.db.execute("SELECT tier, day FROM unread"))
        self._seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM frontier").fetchone()[0]
        # A killed run's rows in flight were not read to an end: they wait again.
        self.db.execute("UPDATE frontier SET state=0 WHERE state=1")
        self.resumed = self.waiting()

    # --- adding ----------------------------------------------------------------------------
    def add(self, url: str, via: str, day: date | None, published: str | None = None,
            lastmod: str | None = None, revision_of: str | None = None,
            state: int = WAITING) -> bool:
        """Queue a URL (any dress of it once); False when it was found before."""
        self._seq += 1
        self._begin()
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO frontier (key, rank, seq, state, url, via, day, published, "
            "lastmod, revision_of) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (url_index(url), rank_of(day), self._seq, state, url, via,
             day.isoformat() if day else None, published, lastmod, revision_of))
        return cursor.rowcount == 1

    def known(self, url: str) -> bool:
        """True when the URL was queued (or settled) before."""
        return self.db.execute("SELECT 1 FROM frontier WHERE key=?",
                               (url_index(url),)).fetchone() is not None

    def _begin(self) -> None:
        # Inserts of one sitemap go in one transaction: 50,000 rows in a fraction of a
        # second instead of one commit each.
        if not self._in_batch:
            self.db.execute("BEGIN")
        self._in_batch += 1
        if self._in_batch >= 5000:
            self.commit()

    def commit(self) -> None:
        """End the open batch of inserts."""
        if self._in_batch:
            self.db.execute("COMMIT")
            self._in_batch = 0

    # --- sending ---------------------------------------------------------------------------
    def take(self, n: int) -> list[Queued]:
        """Up to `n` waiting rows in order, marked sent."""
        if n <= 0:
            return []
        self.commit()
        rows = self.db.execute(
            "SELECT key, url, via, day, published, lastmod, revision_of FROM frontier "
            "WHERE state=0 ORDER BY rank, seq LIMIT ?", (n,)).fetchall()
        if rows:
            self.db.executemany("UPDATE frontier SET state=1 WHERE key=?",
                                ((row[0],) for row in rows))
        return [Queued(*row[1:]) for row in rows]

    def settle(self, url: str) -> None:
        """The page was read to an end that needs no second look."""
        self.db.execute("UPDATE frontier SET state=2 WHERE key=?", (url_index(url),))

    def waiting(self) -> int:
        """Rows not sent yet."""
        self.commit()
        return self.db.execute("SELECT COUNT(*) FROM frontier WHERE state=0").fetchone()[0]

    def oldest_open(self, via: str) -> str | None:
        """The oldest listing day of a row of this tier that is not settled."""
        self.commit()
        return self.db.execute("SELECT MIN(day) FROM frontier WHERE via=? AND state<2",
                               (via,)).fetchone()[0]

    # --- sitemaps --------------------------------------------------------------------------
    def sitemap_read(self, url: str, lastmod: str) -> None:
        """Every entry of this urlset (its index said `lastmod`) is in the frontier."""
        self.commit()
        self.db.execute("INSERT OR REPLACE INTO sitemaps_read (url, lastmod) VALUES (?, ?)",
                        (url, lastmod))

    def sitemaps_read(self) -> dict[str, str]:
        """Urlsets a killed run had read in full, with their lastmod then."""
        return dict(self.db.execute("SELECT url, lastmod FROM sitemaps_read"))

    def left_unread(self, tier: str, day: str) -> None:
        """An entry of this tier and listing day was left unread (--since)."""
        if day >= self._unread.get(tier, "9999"):
            return
        self._unread[tier] = day
        self.db.execute("INSERT INTO unread (tier, day) VALUES (?, ?) ON CONFLICT(tier) DO "
                        "UPDATE SET day = MIN(day, excluded.day)", (tier, day))

    def oldest_unread(self, tier: str) -> str | None:
        """The oldest listing day of this tier left unread, by this run or the one it
        resumes."""
        return self._unread.get(tier)

    def rows(self) -> Iterator[tuple[str, int]]:
        """(url, state) of every row (for tests and reports)."""
        self.commit()
        yield from self.db.execute("SELECT url, state FROM frontier ORDER BY rank, seq")

    # --- ending ----------------------------------------------------------------------------
    def close(self, finished: bool) -> None:
        """Close; a finished run removes the file (the next run discovers afresh)."""
        self.commit()
        self.db.close()
        if finished:
            self._remove()

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


class MemoryFrontier:
    """The same calls in memory, for a distributed crawl: its requests wait in the shared
    Redis queue (not in this process), and workers must not share one SQLite file."""

    def __init__(self) -> None:
        self.resumed = 0
        self._keys: set[int] = set()
        self._open: dict[int, tuple[str, str | None]] = {}  # key -> (via, day)
        self._unread: dict[str, str] = {}  # tier -> oldest day left unread
        self._waiting: list[tuple[int, int, Queued]] = []
        self._seq = 0

    def add(self, url: str, via: str, day: date | None, published: str | None = None,
            lastmod: str | None = None, revision_of: str | None = None,
            state: int = WAITING) -> bool:
        """Queue a URL (any dress of it once); False when it was found before."""
        key = url_index(url)
        if key in self._keys:
            return False
        self._keys.add(key)
        if state != SETTLED:
            self._seq += 1
            text = day.isoformat() if day else None
            self._open[key] = (via, text)
            heapq.heappush(self._waiting, (rank_of(day), self._seq, Queued(
                url, via, text, published, lastmod, revision_of)))
        return True

    def take(self, n: int) -> list[Queued]:
        """Up to `n` waiting rows in order."""
        return [heapq.heappop(self._waiting)[2] for _ in range(min(n, len(self._waiting)))]

    def settle(self, url: str) -> None:
        """The page was read to an end that needs no second look."""
        self._open.pop(url_index(url), None)

    def waiting(self) -> int:
        """Rows not sent yet."""
        return len(self._waiting)

    def oldest_open(self, via: str) -> str | None:
        """The oldest listing day of a row of this tier that is not settled."""
        return min((day for v, day in self._open.values() if v == via and day), default=None)

    def sitemap_read(self, url: str, lastmod: str) -> None:
        """Nothing to resume from in memory."""

    def sitemaps_read(self) -> dict[str, str]:
        """Nothing to resume from in memory."""
        return {}

    def left_unread(self, tier: str, day: str) -> None:
        """An entry of this tier and listing day was left unread (--since)."""
        if day < self._unread.get(tier, "9999"):
            self._unread[tier] = day

    def oldest_unread(self, tier: str) -> str | None:
        """The oldest listing day of this tier left unread."""
        return self._unread.get(tier)

    def commit(self) -> None:
        """Nothing to commit in memory."""

    def close(self, finished: bool) -> None:
        """Nothing to close in memory."""


@dataclass
class _Shared:
    """A site's frontier and how many crawls of this process use it."""

    frontier: Frontier
    users: int = 0
    finished: bool = True


# Crawls of one site in one process (several start URLs) are one run: one frontier.
_SHARED: dict[Path, _Shared] = {}


def open_shared(path: Path) -> Frontier:
    """The frontier at `path`, opened once per process."""
    shared = _SHARED.get(path.resolve())
    if shared is None:
        shared = _SHARED[path.resolve()] = _Shared(Frontier(path))
    shared.users += 1
    return shared.frontier


def release_shared(frontier: Frontier, finished: bool) -> None:
    """One crawl is done with the frontier; the last one closes it, removing the file
    only when every crawl of the site finished (else the next run resumes from it)."""
    key = frontier.path.resolve()
    shared = _SHARED.get(key)
    if shared is None:
        frontier.close(finished)
        return
    shared.users -= 1
    shared.finished = shared.finished and finished
    if shared.users <= 0:
        del _SHARED[key]
        frontier.close(finished=shared.finished)
