"""The seen store on SQLite: what the archive holds (URL keys, body hashes, MinHash bands,
WARC payloads, watermarks), one file under `<output>/state/`, behind the `SeenStore`
protocol that the Redis store shares."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newscrawl.dedup import band_key32, band_keys, closest_stored, fingerprint, key64
from newscrawl.store.schema import migrate
from newscrawl.urls import url_key

logger = logging.getLogger(__name__)



@dataclass(frozen=True)
class Stored:
    """An archived article as the store remembers it."""

    canonical_url: str
    body_key: int  # key64 of its content hash
    revision: int
    listed: str | None

    @property
    def key(self) -> str:
        """The article's URL key."""
        return url_key(self.canonical_url)

    def has_body(self, content_hash: str) -> bool:
        """True when the stored article has this exact body."""
        return key64(content_hash) == self.body_key


class SeenStore(Protocol):
    """The calls pipelines and spiders make; a Redis backend implements the same."""

    def lookup(self, url: str) -> Stored | None:
        """The stored article this URL (any dress of it) belongs to."""

    def first_with_hash(self, content_hash: str) -> str | None:
        """Canonical URL of the first article stored with this exact body."""

    def near(self, signature: tuple[int, ...]) -> str | None:
        """Canonical URL of a stored article whose body is a near duplicate."""

    def add(self, canonical_url: str, content_hash: str, signature: tuple[int, ...], *,
            urls: tuple[str, ...] = (), listed: str | None = None, revision: int = 0,
            duplicate: bool = False) -> None:
        """Remember an article (all URLs it was seen under) once its record is written."""

    def claim(self, content_hash: str, canonical_url: str) -> str | None:
        """Take a body for this article (atomically across workers); else its first URL."""

    def alias(self, url: str, canonical_url: str) -> None:
        """Remember a dropped duplicate's URL as a dress of a stored article."""

    def close(self) -> None:
        """Flush and release."""


# Schema 2 (bytes per article: docs/performance.md): the URL table is the only URL index
# (an article's canonical key is one of its rows); bodies are 64-bit keys; signatures are
# 64-byte fingerprints (16 bits a min-hash); LSH bands are 32-bit keys, clustered by band.
_SCHEMA = """
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY, canonical_url TEXT NOT NULL, body INTEGER NOT NULL,
    signature BLOB, listed TEXT, revision INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS urls (key INTEGER PRIMARY KEY, article INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS hashes (key INTEGER PRIMARY KEY, article INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS lsh_bands (band INTEGER NOT NULL, article INTEGER NOT NULL,
    PRIMARY KEY (band, article)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS payloads (key INTEGER PRIMARY KEY, file TEXT NOT NULL,
    record_id TEXT NOT NULL, date TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS watermarks (site TEXT NOT NULL, tier TEXT NOT NULL,
    value TEXT NOT NULL, PRIMARY KEY (site, tier)) WITHOUT ROWID;
"""
SCHEMA_VERSION = 2
SEEN_CACHE_KB = 1000


def url_index(url: str) -> int:
    """Index key of every dress of an article URL."""
    return key64(url_key(url))


class SqliteSeenStore:
    """The embedded seen store: URL keys, exact hashes and MinHash-LSH bands in SQLite.

    Keys are 64-bit hashes (of the URL key, of the content hash) in integer primary keys
    and 32-bit band keys, so lookups stay B-tree cheap and a million articles take about
    300 MB on disk (per table: docs/performance.md). A chance collision of 64-bit keys
    among a million articles has odds of about 1 in 40 million.
    """

    def __init__(self, path: Path | str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        # One writer per site at a time (the run lock), but sites may share the file.
        self.db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        migrate(self.db)
        self.db.executescript(_SCHEMA)
        self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        # WAL with synchronous=NORMAL survives a killed process (not a power cut) and
        # commits without an fsync each.
        self.db.execute("PRAGMA synchronous=NORMAL")
        # 1 MB of page cache, whatever the store's size: lookups in a million-article
        # store run as fast with 1, 2 or 32 MB (docs/performance.md; the operating system
        # caches the file), and a larger cache is resident memory that grows with every
        # record a crawl writes until it is full (benchmarks/scale.py).
        self.db.execute(f"PRAGMA cache_size=-{SEEN_CACHE_KB}")
        self._batch = 0

    # --- lookups ---------------------------------------------------------------------------
    def lookup(self, url: str) -> Stored | None:
        """The stored article this URL (any dress of it) belongs to."""
        row = self.db.execute(
            "SELECT a.canonical_url, a.body, a.revision, a.listed FROM urls u "
            "JOIN articles a ON a.id = u.article WHERE u.key = ?", (url_index(url),)).fetchone()
        return Stored(*row) if row else None

    def first_with_hash(self, content_hash: str) -> str | None:
        """Canonical URL of the first article stored with this exact body."""
        row = self.db.execute(
            "SELECT a.canonical_url FROM hashes h JOIN articles a ON a.id = h.article "
            "WHERE h.key = ?", (key64(content_hash),)).fetchone()
        return row[0] if row else None

    def near(self, signature: tuple[int, ...]) -> str | None:
        """Canonical URL of a stored near duplicate: candidates by shared LSH band only."""
        keys = [band_key32(k) for k in band_keys(signature)]
        if not keys:
            return None
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            "SELECT DISTINCT a.canonical_url, a.signature FROM lsh_bands b "
            f"JOIN articles a ON a.id = b.article WHERE b.band IN ({marks})", keys).fetchall()
        return closest_stored(signature, rows)

    # --- writes ----------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many adds in one transaction (rebuilding state, benchmarks)."""
        self._batch += 1
        if self._batch == 1:
            # IMMEDIATE takes the write lock up front, so another process's commit makes us
            # wait (up to the 30 s timeout) instead of failing at once on the upgrade.
            self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._batch -= 1
            if self._batch == 0:
                self.db.execute("ROLLBACK")
            raise
        self._batch -= 1
        if self._batch == 0:
            self.db.execute("COMMIT")

    def add(self, canonical_url: str, content_hash: str, signature: tuple[int, ...], *,
            urls: tuple[str, ...] = (), listed: str | None = None, revision: int = 0,
            duplicate: bool = False) -> None:
        """Remember an article once its record is written (a revision replaces the old one).

        A kept duplicate is remembered by its URLs only: the first article stays the one
        its hash and bands point to.
        """
        key = url_index(canonical_url)
        body = key64(content_hash)
        with self.batch():
            row = self.db.execute(
                "SELECT a.id, a.canonical_url FROM urls u JOIN articles a ON a.id = u.article "
                "WHERE u.key = ?", (key,)).fetchone()
            # Its own article: the URL key may also be a dress of another article.
            row = row if row and url_index(row[1]) == key else None
            if row:
                article = row[0]
                self.db.execute(
                    "UPDATE articles SET canonical_url=?, body=?, signature=?, "
                    "listed=COALESCE(?, listed), revision=? WHERE id=?",
                    (canonical_url, body, fingerprint(signature), listed, revision, article))
            else:
                article = self.db.execute(
                    "INSERT INTO articles (canonical_url, body, signature, listed, revision) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (canonical_url, body, fingerprint(signature), listed, revision)).lastrowid
            # The canonical URL names its own article, even where it was another's dress.
            self.db.execute("INSERT INTO urls (key, article) VALUES (?, ?) ON CONFLICT(key) "
                            "DO UPDATE SET article = excluded.article", (key, article))
            self.db.executemany("INSERT OR IGNORE INTO urls (key, article) VALUES (?, ?)",
                                [(k, article) for k in {url_index(u) for u in urls if u} - {key}])
            if not duplicate:
                self.db.execute("INSERT OR IGNORE INTO hashes (key, article) VALUES (?, ?)",
                                (body, article))
                if not row:
                    self.db.executemany(
                        "INSERT OR IGNORE INTO lsh_bands (band, article) VALUES (?, ?)",
                        [(band_key32(b), article) for b in band_keys(signature)])

    def claim(self, content_hash: str, canonical_url: str) -> str | None:
        """The first article with this body, if another (one writer per site: no race)."""
        first = self.first_with_hash(content_hash)
        return None if first in (None, canonical_url) else first

    def alias(self, url: str, canonical_url: str) -> None:
        """Remember a dropped duplicate's URL as a dress of a stored article (no re-fetch)."""
        self.db.execute(
            "INSERT OR IGNORE INTO urls (key, article) SELECT ?, article FROM urls WHERE key = ?",
            (url_index(url), url_index(canonical_url)))

    # --- output files and watermarks ---------------------------------------------------------
    def file_size(self, path: Path) -> int:
        """Bytes of an output file already reflected in the store."""
        row = self.db.execute("SELECT size FROM files WHERE path = ?",
                              (str(path.resolve()),)).fetchone()
        return row[0] if row else 0

    def set_file_size(self, path: Path, size: int) -> None:
        """Mark an output file as reflected up to `size` bytes."""
        self.db.execute("INSERT INTO files (path, size) VALUES (?, ?) ON CONFLICT(path) "
                        "DO UPDATE SET size = excluded.size", (str(path.resolve()), size))

    def watermark(self, site: str, tier: str) -> str | None:
        """Newest listing date a finished run of `site` read from `tier` (sitemap/feed)."""
        row = self.db.execute("SELECT value FROM watermarks WHERE site = ? AND tier = ?",
                              (site, tier)).fetchone()
        return row[0] if row else None

    def set_watermark(self, site: str, tier: str, value: str) -> None:
        """Remember the newest listing date of a finished run."""
        self.db.execute("INSERT INTO watermarks (site, tier, value) VALUES (?, ?, ?) "
                        "ON CONFLICT(site, tier) DO UPDATE SET value = excluded.value",
                        (site, tier, value))

    def payload(self, url: str, digest: str) -> tuple[str, str, str] | None:
        """(WARC file, record id, date) of the response that archived this exact URL's
        payload (exact: a revisit must name a URI that has a response record)."""
        row = self.db.execute("SELECT file, record_id, date FROM payloads WHERE key = ?",
                              (key64(f"{url} {digest}"),)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def add_payload(self, url: str, digest: str, file: str, record_id: str, date: str) -> None:
        """Remember where a URL's payload is archived (later identical fetches: revisits)."""
        try:
            self.db.execute("INSERT OR IGNORE INTO payloads (key, file, record_id, date) "
                            "VALUES (?, ?, ?, ?)",
                            (key64(f"{url} {digest}"), file, record_id, date))
        except sqlite3.Error as exc:
            logger.warning("WARC payload index not updated for %s: %s", url, exc)

    def count(self) -> int:
        """Articles stored."""
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        """Flush and release."""
        self.db.close()
