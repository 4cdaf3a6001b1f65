"""Date strings: newscrawl.dates.parse_date against dateparser on real Arabic date strings.

    python benchmarks/dates.py [--eval ../shared/eval/dates] [--repeat 5]

For each file it prints accuracy (the expected day, and the expected time when one is
expected), None (no answer), wrong (an answer that is not the expected one) and
microseconds per string, for newscrawl with its default year floor (OLDEST_YEAR: a
string is read as printed), newscrawl with the floor a page's own date gets (MIN_YEAR:
news on the web, so 1987 is refused), and `dateparser.parse(text, languages=["ar", "en"])`.
Timings are the best of --repeat runs over the whole file. The real strings of other
sites (real_date_strings_dev.tsv) get a third table, scored as `dev_verdict` says. Then
the page level: the published day newscrawl extracts from every Arabic page of
../shared/eval/pages that has a date truth.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
FILES = ("arabic_dates.tsv", "arabic_page_date_strings.tsv")
# A fixed reference time: results must not depend on the day the benchmark runs.
NOW = datetime(2026, 12, 1, tzinfo=UTC)


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


def timed(func: Callable[[str], Any], texts: list[str], repeat: int) -> tuple[list[Any], float]:
    """(the answers, best-of-`repeat` microseconds per string); the first pass warms up."""
    results = [func(text) for text in texts]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            func(text)
        best = min(best, time.perf_counter() - start)
    return results, best / len(texts) * 1e6


def measure(func: Callable[[str], Any], rows: list[tuple[str, str]],
            repeat: int) -> dict[str, Any]:
    """Counts and best-of-N microseconds per string."""
    results, us = timed(func, [text for text, _ in rows], repeat)
    counts = {"right": 0, "none": 0, "wrong": 0}
    misses = []
    for (text, expected), value in zip(rows, results, strict=True):
        v = verdict(value, expected)
        counts[v] += 1
        if v != "right":
            misses.append((v, text, expected, value.isoformat() if value else None))
    return {**counts, "us": us, "misses": misses}


# --- The real strings of other sites (real_date_strings_dev.tsv) -----------------------------
DEV_FILE = "real_date_strings_dev.tsv"
_EXPECTED = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})(?:T(?P<H>\d{2}):(?P<M>\d{2})"
                       r"(?::(?P<S>\d{2}))?(?P<off>[+-]\d{2}:\d{2}|Z)?)?$")


def read_dev(path: Path) -> list[tuple[str, str]]:
    """(string, expected) of the dev file: header line skipped, url and note dropped."""
    rows = []
    for line in path.read_text("utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].strip():
            rows.append((cols[0], cols[1].strip()))
    return rows


def dev_kind(expected: str) -> str:
    """'scored' (a day, a time, a range, a month, or NOT-A-DATE) or the unscored label."""
    if expected.startswith(("AMBIGUOUS", "RELATIVE")):
        return expected.split(":", 1)[0].lower()
    return "scored"


def _same_time(value: datetime, want: re.Match[str]) -> bool:
    """The printed time, to the printed precision, and the printed offset when one is."""
    if (value.hour, value.minute) != (int(want["H"]), int(want["M"])):
        return False
    if want["S"] and value.second != int(want["S"]):
        return False
    if want["off"] and value.tzinfo is not None:
        offset = "Z" if want["off"] == "Z" else want["off"]
        got = value.isoformat()[-6:] if value.utcoffset() else "+00:00"
        return got == ("+00:00" if offset == "Z" else offset)
    return not want["off"]


def dev_verdict(value: datetime | date | None, expected: str) -> str:
    """right / none / wrong day / time dropped or wrong, as a careful reader judges.

    NOT-A-DATE is right only as None; a month ("2018-03") too, since no day is printed;
    a range ("A/B") is right at either printed end; a time expected must be given, with
    the offset when one is printed (a naive answer to an offset string is wrong).
    """
    if expected == "NOT-A-DATE" or re.fullmatch(r"\d{4}-\d{2}", expected):
        return "right" if value is None else "wrong day"
    if value is None:
        return "none"
    day = (value.date() if isinstance(value, datetime) else value).isoformat()
    if "/" in expected:
        return "right" if day in expected.split("/") else "wrong day"
    want = _EXPECTED.match(expected)
    if want is None or day != want["day"]:
        return "wrong day"
    if want["H"] is None:
        return "right"
    if not isinstance(value, datetime) or not _same_time(value, want):
        return "time dropped or wrong"
    return "right"


def dev_table(path: Path, contenders: list[tuple[str, Callable[[str], Any]]],
              repeat: int, show: bool) -> None:
    """Right / None / wrong (split) and µs per string on the scored rows of the dev file."""
    rows = read_dev(path)
    scored = [(t, e) for t, e in rows if dev_kind(e) == "scored"]
    print(f"\n{path.name} ({len(rows)} strings, {len(scored)} scored; AMBIGUOUS and "
          "RELATIVE rows are not)")
    print(f"{'parser':<26}{'accuracy':>10}{'right':>7}{'none':>6}{'wrong day':>11}"
          f"{'time wrong':>12}{'us/str':>9}")
    speed = {}
    for who, func in contenders:
        answers, speed[who] = timed(func, [text for text, _ in scored], repeat)
        verdicts = [dev_verdict(v, e) for v, (_, e) in zip(answers, scored, strict=True)]
        count = {k: verdicts.count(k) for k in
                 ("right", "none", "wrong day", "time dropped or wrong")}
        print(f"{who:<26}{count['right'] / len(scored):>9.1%}{count['right']:>7}"
              f"{count['none']:>6}{count['wrong day']:>11}{count['time dropped or wrong']:>12}"
              f"{speed[who]:>9.1f}")
        if who == contenders[0][0]:
            for v, (text, e), got in zip(verdicts, scored, answers, strict=True):
                if v != "right" and (show or v != "none"):
                    shown = got.isoformat() if got is not None else None
                    print(f"    {v:<22} {text!r} expected {e} got {shown}")
    first = contenders[0][0]
    print(f"speed: newscrawl {speed['dateparser'] / speed[first]:.0f}x faster than dateparser")


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
    from newscrawl.dates import MIN_YEAR, OLDEST_YEAR, parse_date

    contenders: list[tuple[str, Callable[[str], Any]]] = [
        (f"newscrawl (floor {OLDEST_YEAR})", lambda t: parse_date(t, now=NOW)),
        (f"newscrawl (floor {MIN_YEAR})", lambda t: parse_date(t, now=NOW, min_year=MIN_YEAR)),
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
                if args.misses or v == "wrong" or who == contenders[0][0]:
                    print(f"  {who}: {v:<5} {text!r} expected {expected} got {got}")
    if (args.eval / DEV_FILE).is_file():
        dev_table(args.eval / DEV_FILE, [contenders[0], contenders[2]], args.repeat,
                  args.misses)
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
