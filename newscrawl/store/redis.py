"""The seen store on Redis: the same calls as the SQLite store, shared by every worker.

Used with `--redis URL`: workers on several machines then agree on what is archived.
Claims (`claim`) are atomic (HSETNX), so two workers holding copies of one story at the
same moment write it once.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from newscrawl.dedup import band_keys, closest, key64, pack, unpack
from newscrawl.store.seen import Stored, url_index

PREFIX = "newscrawl"


class RedisSeenStore:
    """Seen store in Redis hashes and sets (see newscrawl.store.seen.SeenStore)."""

    def __init__(self, url: str) -> None:
        self.db = redis.Redis.from_url(url)
        self.db.ping()  # fail at start, in one line, when Redis is not there
        self.host = socket.gethostname()

    def _key(self, *parts: object) -> str:
        return ":".join((PREFIX, *map(str, parts)))

    # --- lookups ---------------------------------------------------------------------------
    def lookup(self, url: str) -> Stored | None:
        """The stored article this URL (any dress of it) belongs to."""
        canonical = self.db.hget(self._key("urls"), url_index(url))
        if canonical is None:
            return None
        row = self.db.hmget(self._key("article", canonical.decode()),
                            "content_hash", "revision", "listed")
        if row[0] is None:
            return None
        return Stored(canonical.decode(), key64(row[0].decode()), int(row[1] or 0),
                      row[2].decode() if row[2] else None)

    def first_with_hash(self, content_hash: str) -> str | None:
        """Canonical URL of the first article stored with this exact body."""
        value = self.db.hget(self._key("hashes"), content_hash)
        return value.decode() if value else None

    def claim(self, content_hash: str, canonical_url: str) -> str | None:
        """Atomically take a body for this article; the first owner's URL when taken."""
        key = self._key("hashes")
        if self.db.hsetnx(key, content_hash, canonical_url):
            return None
        owner = self.db.hget(key, content_hash)
        owner_url = owner.decode() if owner else None
        return None if owner_url == canonical_url else owner_url

    def near(self, signature: tuple[int, ...]) -> str | None:
        """Canonical URL of a stored near duplicate: candidates by shared LSH band only."""
        keys = [self._key("band", b) for b in band_keys(signature)]
        if not keys:
            return None
        names = [member.decode() for member in self.db.sunion(keys)]
        return closest(signature, ((name, unpack(self.db.hget(self._key("article", name),
                                                             "signature")))
                                   for name in names))

    # --- writes ----------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Redis commands are atomic one by one; nothing to group."""
        yield

    def add(self, canonical_url: str, content_hash: str, signature: tuple[int, ...], *,
            urls: tuple[str, ...] = (), listed: str | None = None, revision: int = 0,
            duplicate: bool = False) -> None:
        """Remember an article once its record is written."""
        pipe = self.db.pipeline()
        fields: dict[str, object] = {"content_hash": content_hash, "revision": revision,
                                     "signature": pack(signature)}
        if listed:
            fields["listed"] = listed
        pipe.hset(self._key("article", canonical_url), mapping=fields)
        for url in {canonical_url, *(u for u in urls if u)}:
            pipe.hsetnx(self._key("urls"), url_index(url), canonical_url)
        if not duplicate:
            pipe.hsetnx(self._key("hashes"), content_hash, canonical_url)
            for band in band_keys(signature):
                pipe.sadd(self._key("band", band), canonical_url)
        pipe.execute()

    def alias(self, url: str, canonical_url: str) -> None:
        """Remember a dropped duplicate's URL as a dress of a stored article."""
        self.db.hsetnx(self._key("urls"), url_index(url), canonical_url)

    # --- output files (per machine), watermarks, WARC payloads -----------------------------
    def file_size(self, path: Path) -> int:
        """Bytes of this machine's output file already reflected in the store."""
        value = self.db.hget(self._key("files", self.host), str(path.resolve()))
        return int(value) if value else 0

    def set_file_size(self, path: Path, size: int) -> None:
        """Mark this machine's output file as reflected up to `size` bytes."""
        self.db.hset(self._key("files", self.host), str(path.resolve()), size)

    def watermark(self, site: str, tier: str) -> str | None:
        """Newest listing date a finished run of `site` read from `tier`."""
        value = self.db.hget(self._key("watermarks"), f"{site} {tier}")
        return value.decode() if value else None

    def set_watermark(self, site: str, tier: str, value: str) -> None:
        """Remember the newest listing date of a finished run."""
        self.db.hset(self._key("watermarks"), f"{site} {tier}", value)

    def payload(self, url: str, digest: str) -> tuple[str, str, str] | None:
        """(WARC file, record id, date) of the response that archived this URL's payload."""
        value = self.db.hget(self._key("payloads"), f"{url} {digest}")
        if not value:
            return None
        file, record_id, date = value.decode().split("\t")
        return file, record_id, date

    def add_payload(self, url: str, digest: str, file: str, record_id: str, date: str) -> None:
        """Remember where a URL's payload is archived."""
        self.db.hsetnx(self._key("payloads"), f"{url} {digest}", f"{file}\t{record_id}\t{date}")

    def count(self) -> int:
        """Articles stored."""
        return int(self.db.hlen(self._key("hashes")))

    def close(self) -> None:
        """Release the connection."""
        self.db.close()
