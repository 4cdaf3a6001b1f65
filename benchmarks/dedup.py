"""The seen store and near-duplicate index at archive scale.

    python benchmarks/dedup.py [--articles 1000000] [--dir /tmp/dedup-bench]

Pushes N synthetic articles through `SqliteSeenStore` (the store a crawl uses): URL keys,
exact hashes and MinHash-LSH bands. One in 100 is a near copy of an earlier article (3 of
its 32 min-hashes changed, as a credit line or a new headline suffix does). Signatures are
synthetic (MinHash of N real texts would measure Python hashing, not the store); the cost
of computing a real signature is measured separately on generated Arabic text. Prints
insert time, URL/hash lookups per second, near-duplicate checks per second with recall
and false positives, peak RSS, and the size on disk. Goals: <= 200 MB peak RSS, >= 20,000
lookups/s, near-duplicate checks by index (never a scan).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from newscrawl.dedup import MINHASH_PERMUTATIONS, minhash
from newscrawl.store import SqliteSeenStore

_MAX = 1 << 32  # min-hashes are 32-bit values


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def url(n: int) -> str:
    """A realistic article URL (Arabic slug, 50 sites)."""
    return f"https://site{n % 50}.example/news/2025/04/{n % 28 + 1:02d}/خبر-رقم-{n}/"


def signature(rng: random.Random) -> tuple[int, ...]:
    """A random MinHash signature."""
    return tuple(rng.randrange(_MAX) for _ in range(MINHASH_PERMUTATIONS))


def near_copy(sig: tuple[int, ...], rng: random.Random, changed: int = 3) -> tuple[int, ...]:
    """The signature of a lightly edited copy: `changed` min-hashes differ."""
    values = list(sig)
    for i in rng.sample(range(len(values)), changed):
        values[i] = rng.randrange(_MAX)
    return tuple(values)


def table_bytes(store: SqliteSeenStore, articles: int) -> dict[str, float]:
    """Bytes per article of each table and index (SQLite's dbstat; empty without it)."""
    try:
        rows = store.db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name "
                                "ORDER BY 2 DESC").fetchall()
    except Exception:  # dbstat is a compile-time option of SQLite
        return {}
    return {name: size / articles for name, size in rows if size / articles >= 1}


def main() -> int:
    """Fill the store, then measure lookups and near-duplicate checks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=None, help="where the SQLite file goes")
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--near-checks", type=int, default=20_000)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="newscrawl-dedup-"))
    shutil.rmtree(folder, ignore_errors=True)
    store = SqliteSeenStore(folder / "seen.sqlite")
    rng = random.Random(7)
    keep: list[tuple[int, tuple[int, ...]]] = []  # a sample of originals to copy later
    rss_start = peak_rss_mb()

    # 1. Real signature cost, on article-sized Arabic text.
    words = ["الوزير", "المستشفى", "الحكومة", "العاصمة", "مليون", "مواطن", "خطة", "تطوير",
             "الخدمات", "الصحية", "المحافظات", "الجنوبية", "العام", "المقبل", "قال", "إن"]
    texts = [" ".join(rng.choice(words) for _ in range(350)) for _ in range(300)]
    start = time.perf_counter()
    for text in texts:
        minhash(text)
    sig_us = (time.perf_counter() - start) / len(texts) * 1e6

    # 2. Fill: batched commits (a crawl commits per record; see the per-record figure).
    near_total = 0
    start = time.perf_counter()
    batch = 10_000
    for first in range(0, args.articles, batch):
        with store.batch():
            for n in range(first, min(first + batch, args.articles)):
                if keep and n % 100 == 99:
                    _, original = rng.choice(keep)
                    sig = near_copy(original, rng)
                    near_total += 1
                else:
                    sig = signature(rng)
                    if len(keep) < 5000 and rng.random() < 0.01:
                        keep.append((n, sig))
                store.add(url(n), f"{n:040x}", sig, urls=(url(n) + "?utm_source=rss",))
        if first and first % 200_000 == 0:
            print(f"  {first:>9,} stored, {time.perf_counter() - start:6.1f}s, "
                  f"peak RSS {peak_rss_mb():.0f} MB", file=sys.stderr)
    fill_s = time.perf_counter() - start

    # Crawl-path writes: one commit per record.
    start = time.perf_counter()
    single = 2_000
    for n in range(args.articles, args.articles + single):
        store.add(url(n), f"{n:040x}", signature(rng))
    per_record_us = (time.perf_counter() - start) / single * 1e6

    # 3. Lookups: half stored URLs (any dress), half never seen.
    total = args.articles + single
    probes = [url(rng.randrange(total)) + "?fbclid=x" if i % 2 else url(total + i)
              for i in range(args.lookups)]
    start = time.perf_counter()
    hits = sum(1 for p in probes if store.lookup(p) is not None)
    lookup_s = time.perf_counter() - start
    hashes = [f"{rng.randrange(total):040x}" if i % 2 else f"{'f' * 39}{i % 10}"
              for i in range(args.lookups)]
    start = time.perf_counter()
    hash_hits = sum(1 for h in hashes if store.first_with_hash(h))
    hash_s = time.perf_counter() - start

    # 4. Near-duplicate checks: half light edits of stored articles, half new stories.
    checks = []
    for i in range(args.near_checks):
        checks.append((True, near_copy(rng.choice(keep)[1], rng)) if i % 2
                      else (False, signature(rng)))
    start = time.perf_counter()
    found = false_pos = 0
    for is_copy, sig in checks:
        hit = store.near(sig) is not None
        found += hit and is_copy
        false_pos += hit and not is_copy
    near_s = time.perf_counter() - start
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    tables = table_bytes(store, total)
    store.close()

    lookups_per_s = args.lookups / lookup_s
    print(f"articles stored            {total:>12,}   ({near_total:,} near copies among them)")
    print(f"fill (batched commits)     {fill_s:>12.1f} s   "
          f"({args.articles / fill_s:,.0f} articles/s)")
    print(f"write, one commit each     {per_record_us:>12.0f} us/article (the crawl path)")
    print(f"URL lookups                {lookups_per_s:>12,.0f} /s   "
          f"({hits:,} of {args.lookups:,} hit; half were stored)")
    print(f"hash lookups               {args.lookups / hash_s:>12,.0f} /s   "
          f"({hash_hits:,} hit; half were stored)")
    print(f"near-duplicate checks      {args.near_checks / near_s:>12,.0f} /s   "
          f"(recall {found / (args.near_checks // 2):.3f}, false positives {false_pos})")
    print(f"MinHash of one article     {sig_us:>12.0f} us (350 words, real text path)")
    print(f"peak RSS                   {peak_rss_mb():>12.0f} MB (at start {rss_start:.0f} MB)")
    print(f"on disk                    {size_mb:>12.0f} MB in {folder} "
          f"({size_mb * 1e6 / total:.0f} B/article; WAL checkpointed)")
    if tables:
        print("bytes per article by table " + ", ".join(f"{name} {b:.0f}"
                                                    for name, b in tables.items()))
    per_million = size_mb * 1e6 / total
    ok = peak_rss_mb() <= 200 and lookups_per_s >= 20_000 and per_million <= 200
    print("goals (peak <= 200 MB, >= 20,000 lookups/s, <= 200 MB on disk per million "
          "articles):", "met" if ok else "NOT met")
    if not args.dir:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
