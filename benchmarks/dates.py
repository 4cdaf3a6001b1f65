"""Date strings: newscrawl.dates.parse_date against dateparser on real Arabic date strings.

    python benchmarks/dates.py [--eval ../shared/eval/dates] [--repeat 5]

For each file it prints accuracy (the expected day, and the expected time when one is
expected), None (no answer), wrong (an answer that is not the expected one) and
microseconds per string, for newscrawl with its default year floor (MIN_YEAR: news on
the web, so 1987 is refused), newscrawl with the floor at 1900 (an archive of old print),
and `dateparser.parse(text, languages=["ar", "en"])`. Timings are the best of --repeat
runs over the whole file. Then the page level: the published day newscrawl extracts from
every Arabic page of ../shared/eval/pages that has a date truth.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
FILES = ("arabic_dates.tsv", "arabic_page_date_strings.tsv")
# A fixed reference time: results must not depend on the day the benchmark runs.
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def read_rows(path: Path) -> list[tuple[str, str]]:
    """(input, expected ISO) of a TSV file, comments skipped."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        rows.append((cols[0], cols[1].strip()))
    return rows


def verdict(value: datetime | date | None, expected: str) -> str:
    """'right', 'none' or 'wrong'. A day where a time was expected is wrong."""
    if value is None:
        return "none"
    if "T" in expected and not isinstance(value, datetime):
        return "wrong"
    got = value.isoformat() if "T" in expected else (
        value.date() if isinstance(value, datetime) else value).isoformat()
    return "right" if got[:len(expected)] == expected else "wrong"


def measure(func: Callable[[str], Any], rows: list[tuple[str, str]],
            repeat: int) -> dict[str, Any]:
    """Counts and best-of-N microseconds per string."""
    results = [func(text) for text, _ in rows]  # warm-up and the answers
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text, _ in rows:
            func(text)
        best = min(best, time.perf_counter() - start)
    counts = {"right": 0, "none": 0, "wrong": 0}
    misses = []
    for (text, expected), value in zip(rows, results, strict=True):
        v = verdict(value, expected)
        counts[v] += 1
        if v != "right":
            misses.append((v, text, expected, value.isoformat() if value else None))
    return {**counts, "us": best / len(rows) * 1e6, "misses": misses}


def page_dates(pages: Path) -> list[tuple[str, str, str | None]]:
    """(page, expected day, extracted published_at) for Arabic pages with a date truth."""
    from newscrawl.extraction import extract_article

    out = []
    for truth_file in sorted(pages.glob("ar_*.truth.json")):
        truth = json.loads(truth_file.read_text("utf-8"))
        if not truth.get("date"):
            continue
        record = extract_article((pages / truth["file"]).read_bytes(), truth["url"])
        out.append((truth_file.name.removesuffix(".truth.json"), truth["date"],
                    record["published_at"]))
    return out


def main() -> int:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=SHARED / "dates", help="dates folder")
    parser.add_argument("--pages", type=Path, default=SHARED / "pages", help="pages folder")
    parser.add_argument("--repeat", type=int, default=5, help="timing runs (best counts)")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    if not args.eval.is_dir():
        print(f"eval dates not found at {args.eval}: nothing to measure "
              "(this benchmark reads ../shared/eval, never a copy)", file=sys.stderr)
        return 2
    try:
        import dateparser
    except ImportError:
        print("dateparser is not installed", file=sys.stderr)
        return 2
    from newscrawl.dates import MIN_YEAR, parse_date

    contenders: list[tuple[str, Callable[[str], Any]]] = [
        (f"newscrawl (floor {MIN_YEAR})", lambda t: parse_date(t, now=NOW)),
        ("newscrawl (floor 1900)", lambda t: parse_date(t, now=NOW, min_year=1900)),
        ("dateparser", lambda t: dateparser.parse(
            t, languages=["ar", "en"], settings={"RELATIVE_BASE": NOW.replace(tzinfo=None)})),
    ]
    summary = {}
    for name in FILES:
        rows = read_rows(args.eval / name)
        print(f"\n{name} ({len(rows)} strings)")
        print(f"{'parser':<26}{'accuracy':>10}{'right':>7}{'none':>6}{'wrong':>7}{'us/str':>9}")
        for who, func in contenders:
            m = measure(func, rows, args.repeat)
            summary[(name, who)] = m
            print(f"{who:<26}{m['right'] / len(rows):>9.1%}{m['right']:>7}{m['none']:>6}"
                  f"{m['wrong']:>7}{m['us']:>9.1f}")
        nc, dp = summary[(name, contenders[1][0])], summary[(name, "dateparser")]
        print(f"speed: newscrawl {dp['us'] / nc['us']:.0f}x faster than dateparser")
        for who, _ in contenders[:2]:
            for v, text, expected, got in summary[(name, who)]["misses"]:
                if args.misses or v == "wrong" or who.endswith("1900)"):
                    print(f"  {who}: {v:<5} {text!r} expected {expected} got {got}")
    if args.pages.is_dir():
        rows = page_dates(args.pages)
        right = sum(1 for _, want, got in rows if got and got[:10] == want)
        print(f"\nArabic pages with a date truth: {right}/{len(rows)} right day")
        for page, want, got in rows:
            print(f"  {page:<36} truth {want}  newscrawl {got}")
    else:
        print(f"\neval pages not found at {args.pages}: page level not measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
