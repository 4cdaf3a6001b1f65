"""Duplicate detection: the exact content fingerprint and the within-run seen sets."""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from newscrawl.textnorm import normalize_arabic

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fingerprint_text(body: str) -> str:
    """Body reduced to letters and digits, Arabic forms unified: equal for trivial variants."""
    return _NON_WORD.sub("", normalize_arabic(body))


@dataclass(frozen=True)
class BodyKeys:
    """Every duplicate key of one body, from one normalisation of it."""

    content_hash: str
    comparable: bool
    signature: tuple[int, ...]


def body_keys(body: str, near: bool = True) -> BodyKeys:
    """content_hash, comparable and (with `near`) minhash of a body, normalising it once."""
    # One word split serves both: the letters of fingerprint_text are the words joined
    # (less '_', which \w counts as a letter and _NON_WORD does not).
    words = _WORD.findall(normalize_arabic(body))
    letters = "".join(words)
    if "_" in letters:
        letters = letters.replace("_", "")
    digest = hashlib.sha1(letters.encode("utf-8")).hexdigest()
    long_enough = len(letters) >= MIN_DEDUP_CHARS
    signature = _signature(_byte_shingles(words)) if near and long_enough else ()
    return BodyKeys(digest, long_enough, signature)


# Bodies shorter than this (letters and digits) are stubs ("التفاصيل بعد قليل"): two
# different stories can share one, so they are told apart by URL only.
MIN_DEDUP_CHARS = 100


def comparable(body: str) -> bool:
    """True when the body is long enough for content and near-duplicate checks."""
    return len(fingerprint_text(body)) >= MIN_DEDUP_CHARS


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
# The 32 values come from one-permutation hashing (Li, Owen & Zhang 2012): one 64-bit hash
# per shingle picks a bucket and competes for its minimum; a bucket left empty (short
# bodies) borrows a filled one along a fixed probe sequence ("optimal densification",
# Shrivastava 2017). Its Jaccard estimates match 32 separate hash functions within 0.01 on
# edited copies, at a third of the cost (benchmarks/crawl.py: about 0.4 ms a page saved).
MINHASH_PERMUTATIONS = 32
MINHASH_BANDS = 8
NEAR_JACCARD = 0.7
# Fewer shingles than this (about 50 words) and a body is judged by exact hash only.
NEAR_MIN_SHINGLES = 50
_SIGNATURE = struct.Struct(f">{MINHASH_PERMUTATIONS}I")
_FINGERPRINT = struct.Struct(f">{MINHASH_PERMUTATIONS}H")
_BLAKE8 = hashlib.blake2b(digest_size=8)
_WORD = re.compile(r"\w+", re.UNICODE)
_BUCKET_BITS = MINHASH_PERMUTATIONS.bit_length() - 1
_VALUE_MASK = (1 << 32) - 1
_EMPTY = 1 << 32
# Fixed for all time (stored signatures depend on it): bucket i probes i + k*stride_i with
# an odd stride per bucket, so each sequence visits every other bucket once.
_PROBES = tuple(tuple((bucket + step * (2 * (bucket % 16) + 1)) % MINHASH_PERMUTATIONS
                      for step in range(1, MINHASH_PERMUTATIONS))
                for bucket in range(MINHASH_PERMUTATIONS))


def _byte_shingles(words: list[str]) -> set[bytes]:
    """Word 3-shingles as the UTF-8 bytes the hasher reads, each word encoded once (a fifth
    cheaper than encoding every shingle). Fewer than three words give none: far below
    NEAR_MIN_SHINGLES either way."""
    data = [word.encode() for word in words]
    return {b" ".join(gram) for gram in zip(data, data[1:], data[2:], strict=False)}


def minhash(body: str) -> tuple[int, ...]:
    """MINHASH_PERMUTATIONS 32-bit min-hashes of the body's shingles (empty body: ())."""
    return _signature(_byte_shingles(_WORD.findall(normalize_arabic(body))))


def _signature(grams: set[bytes]) -> tuple[int, ...]:
    if len(grams) < NEAR_MIN_SHINGLES:
        return ()  # a brief: a shared disclaimer would outweigh its own words
    signature = [_EMPTY] * MINHASH_PERMUTATIONS
    buckets = MINHASH_PERMUTATIONS - 1
    copy, from_bytes, bits, mask = _BLAKE8.copy, int.from_bytes, _BUCKET_BITS, _VALUE_MASK
    for gram in grams:
        # A copy of a prepared hasher: the same 64-bit blake2b value, a third cheaper
        # than building one per shingle.
        hasher = copy()
        hasher.update(gram)
        h = from_bytes(hasher.digest(), "big")
        bucket, value = h & buckets, (h >> bits) & mask
        if value < signature[bucket]:
            signature[bucket] = value
    if _EMPTY in signature:
        filled = tuple(signature)
        for bucket, value in enumerate(filled):
            if value == _EMPTY:
                signature[bucket] = next((filled[b] for b in _PROBES[bucket]
                                          if filled[b] != _EMPTY), 0)
    return tuple(signature)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def closest(signature: tuple[int, ...],
            candidates: Iterable[tuple[str, tuple[int, ...]]]) -> str | None:
    """The candidate (name, signature) most similar to `signature`, if NEAR_JACCARD close."""
    best, best_score = None, NEAR_JACCARD
    for name, other in candidates:
        score = similarity(signature, other)
        if score >= best_score:
            best, best_score = name, score
    return best


def band_keys(signature: tuple[int, ...]) -> list[int]:
    """One signed 64-bit index key per band (band number mixed in, so bands never collide)."""
    rows = len(signature) // MINHASH_BANDS if signature else 0
    keys = []
    for band in range(MINHASH_BANDS if rows else 0):
        chunk = signature[band * rows:(band + 1) * rows]
        digest = hashlib.blake2b(struct.pack(f">B{rows}I", band, *chunk), digest_size=8)
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


def fingerprint(signature: tuple[int, ...]) -> bytes:
    """A signature as stored in the seen store: the low 16 bits of each min-hash (64
    bytes, half the full signature).

    Two bodies are compared by how many min-hashes agree. 16 bits agree by chance 1 time
    in 65,536: a pair one agreement short of NEAR_JACCARD is lifted over it about once in
    6,500 (a single byte did it once in 26, measured)."""
    return _FINGERPRINT.pack(*(v & 0xFFFF for v in signature)) \
        if len(signature) == MINHASH_PERMUTATIONS else b""


def closest_stored(signature: tuple[int, ...],
                   candidates: Iterable[tuple[str, bytes | None]]) -> str | None:
    """`closest` against stored fingerprints."""
    mine = fingerprint(signature)
    values = _FINGERPRINT.unpack(mine) if mine else ()
    low = bytes(v & 0xFF for v in values)
    best, best_score = None, NEAR_JACCARD
    for name, other in candidates:
        if not values or not other:
            continue
        if len(other) == len(low):  # one byte a min-hash: written by an interim version
            pairs = zip(low, other, strict=True)
        elif len(other) == len(mine):
            pairs = zip(values, _FINGERPRINT.unpack(other), strict=True)
        else:
            continue
        score = sum(1 for x, y in pairs if x == y) / len(values)
        if score >= best_score:
            best, best_score = name, score
    return best


def band_key32(key: int) -> int:
    """A band key as the seen store indexes it: the high 32 bits (4 bytes on disk; a
    chance collision only adds a candidate, which its fingerprint then rules out)."""
    return key >> 32


def pack(signature: tuple[int, ...]) -> bytes:
    """Signature as bytes for storage (4 bytes a value)."""
    return _SIGNATURE.pack(*signature) if len(signature) == MINHASH_PERMUTATIONS else b""


def unpack(blob: bytes | None) -> tuple[int, ...]:
    """Bytes from storage back to a signature."""
    return _SIGNATURE.unpack(blob) if blob and len(blob) == _SIGNATURE.size else ()


def key64(text: str) -> int:
    """A signed 64-bit key of a string, for compact integer indexes."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big",
                          signed=True)
