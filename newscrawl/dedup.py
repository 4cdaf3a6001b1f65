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


# --- Near duplicates: MinHash with LSH bands ------------------------------------------------
# 32 min-hashes of word 3-shingles, cut into 8 bands of 4. Two bodies with Jaccard 0.8 share
# a band with probability 0.985 (0.89 at 0.7); unrelated stories almost never do. Lookups
# go by band equality through an index, never by a scan of what is stored.
MINHASH_PERMUTATIONS = 32
MINHASH_BANDS = 8
NEAR_JACCARD = 0.7
_PRIME = (1 << 61) - 1
_PERMUTATIONS = tuple(
    (int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest(), "big") % _PRIME
     | 1,
     int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest(), "big") % _PRIME)
    for i in range(MINHASH_PERMUTATIONS))
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(body: str, size: int = 3) -> set[str]:
    """Word n-grams of the Arabic-normalised body."""
    words = _WORD.findall(normalize_arabic(body))
    return {" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))} \
        if words else set()


def minhash(body: str) -> tuple[int, ...]:
    """MINHASH_PERMUTATIONS min-hashes of the body's shingles (empty body: empty tuple)."""
    hashes = [int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big")
              for g in shingles(body)]
    if not hashes:
        return ()
    return tuple(min((a * h + b) % _PRIME for h in hashes) for a, b in _PERMUTATIONS)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def band_keys(signature: tuple[int, ...]) -> list[int]:
    """One signed 64-bit index key per band (band number mixed in, so bands never collide)."""
    rows = len(signature) // MINHASH_BANDS if signature else 0
    keys = []
    for band in range(MINHASH_BANDS if rows else 0):
        chunk = signature[band * rows:(band + 1) * rows]
        digest = hashlib.blake2b(repr((band, chunk)).encode(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def pack(signature: tuple[int, ...]) -> bytes:
    """Signature as bytes for storage."""
    return b"".join(v.to_bytes(8, "big") for v in signature)


def unpack(blob: bytes | None) -> tuple[int, ...]:
    """Bytes from storage back to a signature."""
    blob = blob or b""
    return tuple(int.from_bytes(blob[i:i + 8], "big") for i in range(0, len(blob), 8))
