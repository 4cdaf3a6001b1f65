"""Duplicate detection: the exact content fingerprint and the within-run seen sets."""

from __future__ import annotations

import hashlib
import re

from newscrawl.textnorm import normalize_arabic

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fingerprint_text(body: str) -> str:
    """Body reduced to letters and digits, Arabic forms unified: equal for trivial variants."""
    return _NON_WORD.sub("", normalize_arabic(body))


def content_hash(body: str) -> str:
    """SHA-1 of the normalised body: the exact-duplicate key."""
    return hashlib.sha1(fingerprint_text(body).encode("utf-8")).hexdigest()


class SeenSet:
    """Canonical URLs and content hashes already written in this run."""

    def __init__(self) -> None:
        self._urls: set[str] = set()
        self._hashes: dict[str, str] = {}

    def check(self, canonical_url: str, digest: str) -> tuple[str, str] | None:
        """('url'|'content', first canonical URL) when seen, else None."""
        if canonical_url in self._urls:
            return "url", canonical_url
        if digest in self._hashes:
            return "content", self._hashes[digest]
        return None

    def add(self, canonical_url: str, digest: str) -> None:
        """Remember a written record."""
        self._urls.add(canonical_url)
        self._hashes.setdefault(digest, canonical_url)
