"""newscrawl vs trafilatura on the real pages of ../shared/eval/pages, in one run.

    python benchmarks/extraction.py [--eval DIR] [--repeat N]

Prints per page and as means: body token F1 against full-body truths, must / must-not
snippet results, title exact match, page dates right/wrong, Arabic pages separately,
and median milliseconds per page for both extractors.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "pages"
DEFAULT_SEED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "seed"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    """Bag of lowercase word tokens."""
    return Counter(t.lower() for t in _TOKEN.findall(text or ""))


def token_f1(found: str, truth: str) -> float:
    """F1 of the token multisets (the usual article-extraction score)."""
    got, want = tokens(found), tokens(truth)
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def squash(text: str | None) -> str:
    """Whitespace-normalised text for snippet and title comparison."""
    return " ".join((text or "").split())


def run_newscrawl(html: bytes, url: str) -> dict[str, Any]:
    """newscrawl's record for a page."""
    from newscrawl.extraction import extract_article

    record = extract_article(html, url)
    return {"body": record["body"], "title": record["title"], "date": record["published_at"]}


def run_trafilatura(html: bytes, url: str) -> dict[str, Any]:
    """trafilatura.bare_extraction with metadata: the peer."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return {"body": "", "title": None, "date": None}
    data = doc if isinstance(doc, dict) else doc.as_dict()
    return {"body": data.get("text") or "", "title": data.get("title"), "date": data.get("date")}


def score(result: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    """Per-page figures; None where the truth says nothing about a measure."""
    body = result["body"] or ""
    out: dict[str, Any] = {"f1": None, "must": None, "must_not": None, "title": None,
                           "date": None}
    if truth.get("body"):
        out["f1"] = token_f1(body, truth["body"])
    musts = list(truth.get("body_must_contain") or [])
    flat = squash(body)
    if truth.get("body_prefix"):
        musts.append(squash(truth["body_prefix"])[:200])
    if musts:
        out["must"] = (sum(squash(m) in flat for m in musts), len(musts))
    if truth.get("body_must_not_contain"):
        bad = truth["body_must_not_contain"]
        out["must_not"] = (sum(squash(m) not in flat for m in bad), len(bad))
    if truth.get("title"):
        out["title"] = squash(result["title"]) == squash(truth["title"])
    if truth.get("date"):
        found = (result["date"] or "")[:10]
        out["date"] = "none" if not found else ("right" if found == truth["date"][:10]
                                                else "wrong")
    return out


def _mean(values: list[float]) -> str:
    return f"{statistics.mean(values):.3f}" if values else "-"


def summarize(rows: list[dict[str, Any]], who: str) -> list[str]:
    """Mean lines for one extractor over a set of page rows."""
    f1 = [r[who]["f1"] for r in rows if r[who]["f1"] is not None]
    must = [r[who]["must"] for r in rows if r[who]["must"]]
    must_not = [r[who]["must_not"] for r in rows if r[who]["must_not"]]
    titles = [r[who]["title"] for r in rows if r[who]["title"] is not None]
    dates = Counter(r[who]["date"] for r in rows if r[who]["date"])
    ms = [r[f"{who}_ms"] for r in rows]
    return [
        f"body token F1 (mean of {len(f1)})", _mean(f1),
        "must-contain found", f"{sum(a for a, _ in must)}/{sum(b for _, b in must)}",
        "must-not absent (leaks)",
        f"{sum(a for a, _ in must_not)}/{sum(b for _, b in must_not)} "
        f"({sum(b - a for a, b in must_not)})",
        "title exact", f"{sum(titles)}/{len(titles)}",
        "dates right/wrong/none", f"{dates['right']}/{dates['wrong']}/{dates['none']}",
        "median ms/page", f"{statistics.median(ms):.1f}" if ms else "-",
    ]


def _pages(eval_dir: Path, seed_dir: Path) -> list[tuple[str, dict[str, Any], bytes]]:
    """(name, truth, html) of every eval page, then the seed pages (Arabic, full bodies)."""
    pages = []
    for truth_file in sorted(eval_dir.glob("*.truth.json")):
        truth = json.loads(truth_file.read_text("utf-8"))
        pages.append((truth_file.name.removesuffix(".truth.json"), truth,
                      (eval_dir / truth["file"]).read_bytes()))
    for expected_file in sorted(seed_dir.glob("*.expected.json")) if seed_dir.is_dir() else []:
        expected = json.loads(expected_file.read_text("utf-8"))
        page = seed_dir / expected_file.name.replace(".expected.json", ".html")
        if not page.is_file():
            continue
        truth = {"language": "ar", "url": expected["url"], "title": expected["title"],
                 "date": expected["published_date"],
                 "body": "\n".join(expected["body_paragraphs"]),
                 "body_must_not_contain": expected["body_must_not_contain"]}
        pages.append(("seed_" + page.stem, truth, page.read_bytes()))
    return pages


def main() -> int:
    """Run both extractors on every eval page and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="eval pages folder")
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED,
                        help="seed pages folder (Arabic pages with full-body truth)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="timing repetitions per page (the best one counts)")
    args = parser.parse_args()
    if not args.eval.is_dir():
        print(f"eval pages not found at {args.eval}: nothing to measure "
              "(they live in ../shared/eval/pages beside the repository)")
        return 0
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        print('trafilatura is not installed: pip install -e ".[bench]"', file=sys.stderr)
        return 2

    rows = []
    for name, truth, html in _pages(args.eval, args.seed):
        row: dict[str, Any] = {"page": name, "lang": truth.get("language") or "?"}
        for who, func in (("newscrawl", run_newscrawl), ("trafilatura", run_trafilatura)):
            timings, result = [], None
            for _ in range(args.repeat):
                start = time.perf_counter()
                result = func(html, truth["url"])
                timings.append((time.perf_counter() - start) * 1000)
            row[who] = score(result, truth)
            # Best of N: the least disturbed run of the same work (timeit's convention).
            row[f"{who}_ms"] = min(timings)
        rows.append(row)

    print(f"eval pages: {args.eval}; seed pages: {args.seed} ({len(rows)} pages)\n")
    head = f"{'page':<38}{'lang':<5}{'F1 nc':>7}{'F1 tf':>7}{'must nc/tf':>12}" \
           f"{'leaks nc/tf':>12}{'title':>7}{'date nc/tf':>13}{'ms nc':>8}{'ms tf':>8}"
    print(head)
    print("-" * len(head))
    for r in rows:
        nc, tf = r["newscrawl"], r["trafilatura"]

        def f1(x: dict[str, Any]) -> str:
            return f"{x['f1']:.2f}" if x["f1"] is not None else "-"

        def frac(x: dict[str, Any], key: str, invert: bool = False) -> str:
            if not x[key]:
                return "-"
            a, b = x[key]
            return str(b - a) if invert else f"{a}/{b}"

        title = "".join("y" if x["title"] else ("n" if x["title"] is False else "-")
                        for x in (nc, tf))
        print(f"{r['page'][:37]:<38}{r['lang']:<5}{f1(nc):>7}{f1(tf):>7}"
              f"{frac(nc, 'must') + ' ' + frac(tf, 'must'):>12}"
              f"{frac(nc, 'must_not', True) + ' ' + frac(tf, 'must_not', True):>12}{title:>7}"
              f"{(nc['date'] or '-') + ' ' + (tf['date'] or '-'):>13}"
              f"{r['newscrawl_ms']:>8.1f}{r['trafilatura_ms']:>8.1f}")
    for label, subset in (("ALL PAGES", rows), ("ARABIC PAGES", [r for r in rows
                                                                  if r["lang"] == "ar"])):
        nc, tf = summarize(subset, "newscrawl"), summarize(subset, "trafilatura")
        print(f"\n{label} ({len(subset)})")
        print(f"{'measure':<32}{'newscrawl':>16}{'trafilatura':>16}")
        for i in range(0, len(nc), 2):
            print(f"{nc[i]:<32}{nc[i + 1]:>16}{tf[i + 1]:>16}")
    nc_ms = statistics.median(r["newscrawl_ms"] for r in rows)
    tf_ms = statistics.median(r["trafilatura_ms"] for r in rows)
    ratios = sorted(r["trafilatura_ms"] / r["newscrawl_ms"] for r in rows)
    print(f"\nspeed: newscrawl {nc_ms:.1f} ms/page, trafilatura {tf_ms:.1f} ms/page "
          f"(medians) -> {tf_ms / nc_ms:.1f}x; per-page ratio median "
          f"{statistics.median(ratios):.1f}x, slowest page {ratios[0]:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
