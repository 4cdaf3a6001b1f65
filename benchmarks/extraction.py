"""newscrawl vs trafilatura on real pages we did not write, in one run.

    python benchmarks/extraction.py [--half tune|report|both] [--repeat N] [--candidates]
                                    [--names-hidden]

1. ../shared/eval/dev (507 pages, 28 languages, five upstream test sets), split by host
   with the fixed rule of ../shared/eval/score_dev.py: a page is in the reporting half
   when the first byte of sha1(host) is odd, else in the tuning half. Per source and
   overall, for each half: mean body token F1, pages below F1 0.5 and 0.8, titles exact,
   dates right/wrong/none, and median ms per page, for both extractors.
2. ../shared/eval/pages and ../shared/fixtures/seed as a further set: body F1, must /
   must-not snippets, titles, dates. The `*_zyteaeb` pages there belong to the
   ScrapingHub article-extraction benchmark, our held-out test: they are never read.
3. `--candidates`: the engines considered for the second opinion, each alone on the
   tuning half (how newscrawl.engines was chosen).
4. `--names-hidden`: the tuning half again with every class and id name replaced by a
   meaningless token (benchmarks/hidenames.py): what carries to sites whose names the
   vocabulary does not know.

The score is score_dev.py's: F1 of the multisets of lowercased \\w+ tokens. Pages are read
in place and never copied into the project; without ../shared it says so and exits.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hidenames import hide_names

SHARED = Path(__file__).resolve().parents[2] / "shared"
TOKEN = re.compile(r"\w+")
HELD_OUT = "_zyteaeb"  # the ScrapingHub benchmark's pages: never read
Result = dict[str, Any]


def f1(got: str | None, want: str) -> float:
    """Token F1 of two texts (score_dev.py's scorer)."""
    g = Counter(t.lower() for t in TOKEN.findall(got or ""))
    w = Counter(t.lower() for t in TOKEN.findall(want or ""))
    hit = sum((g & w).values())
    if not hit:
        return 0.0
    p, r = hit / sum(g.values()), hit / sum(w.values())
    return 2 * p * r / (p + r)


def half_of(url: str | None, page_id: str) -> str:
    """score_dev.py's split: 'report' when the first byte of sha1(host) is odd."""
    host = (urlsplit(url or "").hostname or page_id).removeprefix("www.")
    return "report" if hashlib.sha1(host.encode()).digest()[0] % 2 else "tune"


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


# --- the extractors --------------------------------------------------------------------
def run_newscrawl(html: bytes, url: str) -> Result:
    """newscrawl's record for a page (the crawl's path, second opinion on)."""
    from newscrawl.extraction import build_record, extract_raw

    article, _kind = extract_raw(html, url)
    engine = article.extraction.get("engine")
    record = build_record(article)
    return {"body": record["body"], "title": record["title"], "date": record["published_at"],
            "engine": engine}


def run_trafilatura(html: bytes, url: str) -> Result:
    """trafilatura.bare_extraction with metadata: the peer."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    data = (doc if isinstance(doc, dict) else doc.as_dict()) if doc is not None else {}
    return {"body": data.get("text") or "", "title": data.get("title"), "date": data.get("date")}


def candidates() -> dict[str, Callable[[bytes, str], Result]]:
    """Each engine considered for the second opinion, on its own."""
    from lxml import html as lxml_html

    from newscrawl.engines import resiliparse_lines, trafilatura_lines
    from newscrawl.extraction import extract_article
    from newscrawl.parsing import parse_page

    def ours_alone(html: bytes, url: str) -> Result:
        return {"body": extract_article(html, url, fallback=False)["body"]}

    def trafilatura_fast(html: bytes, url: str) -> Result:
        return {"body": "\n".join(trafilatura_lines(parse_page(html)[0], url))}

    def resiliparse(html: bytes, url: str) -> Result:
        return {"body": "\n".join(resiliparse_lines(parse_page(html)[1]))}

    def readability(html: bytes, url: str) -> Result:
        from readability import Document

        summary = Document(parse_page(html)[1], url=url).summary(html_partial=True)
        return {"body": "\n".join(t.strip() for t in lxml_html.fromstring(summary).itertext()
                                  if t.strip())}

    return {"newscrawl alone": ours_alone, "trafilatura (fast)": trafilatura_fast,
            "resiliparse": resiliparse, "readability-lxml": readability}


def timed(fn: Callable[[bytes, str], Result], html: bytes, url: str, repeat: int) -> Result:
    """The extractor's result and its best time of `repeat` runs (a failure is empty)."""
    best, result = float("inf"), {"body": ""}
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            result = fn(html, url)
        except Exception as exc:  # a crash scores as an empty page, and is shown
            result = {"body": "", "error": f"{type(exc).__name__}: {exc}"}
        best = min(best, (time.perf_counter() - start) * 1000)
    result["ms"] = best
    return result


# --- scoring ---------------------------------------------------------------------------
def score(result: Result, truth: dict[str, Any]) -> dict[str, Any]:
    """Per-page figures; None where the truth says nothing about a measure."""
    body = result.get("body") or ""
    out: dict[str, Any] = {"f1": f1(body, truth["body"]) if truth.get("body") else None,
                           "ms": result["ms"], "must": None, "must_not": None,
                           "title": None, "date": None, "engine": result.get("engine")}
    flat = squash(body)
    musts = list(truth.get("body_must_contain") or [])
    if truth.get("body_prefix"):
        musts.append(squash(truth["body_prefix"])[:200])
    if musts:
        out["must"] = (sum(squash(m) in flat for m in musts), len(musts))
    if truth.get("body_must_not_contain"):
        bad = truth["body_must_not_contain"]
        out["must_not"] = (sum(squash(m) not in flat for m in bad), len(bad))
    if truth.get("title"):
        out["title"] = squash(result.get("title")) == squash(truth["title"])
    if truth.get("date"):
        found = str(result.get("date") or "")[:10]
        out["date"] = "none" if not found else (
            "right" if found == str(truth["date"])[:10] else "wrong")
    return out


def summary(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Means and counts of one extractor over some pages."""
    f1s = [r["f1"] for r in rows if r["f1"] is not None]
    titles = [r["title"] for r in rows if r["title"] is not None]
    dates = Counter(r["date"] for r in rows if r["date"])
    must = [r["must"] for r in rows if r["must"]]
    must_not = [r["must_not"] for r in rows if r["must_not"]]
    return {
        "F1": f"{statistics.mean(f1s):.3f}" if f1s else "-",
        "<0.5": str(sum(x < 0.5 for x in f1s)), "<0.8": str(sum(x < 0.8 for x in f1s)),
        "title": f"{sum(titles)}/{len(titles)}" if titles else "-",
        "dates r/w/n": f"{dates['right']}/{dates['wrong']}/{dates['none']}" if dates else "-",
        "must": f"{sum(a for a, _ in must)}/{sum(b for _, b in must)}" if must else "-",
        "leaks": str(sum(b - a for a, b in must_not)) if must_not else "-",
        "ms": f"{statistics.median(r['ms'] for r in rows):.1f}" if rows else "-",
        "n": str(len(f1s)),
    }


def table(title: str, groups: dict[str, dict[str, list[dict[str, Any]]]],
          columns: tuple[str, ...]) -> None:
    """groups: row label -> extractor -> per-page figures."""
    names = list(next(iter(groups.values())))
    print(f"\n{title}")
    head = f"{'':<16}" + "".join(f"{n[:24]:>{12 * len(columns)}}" for n in names)
    print(head)
    print(f"{'':<16}" + "".join(f"{c:>12}" for _ in names for c in columns))
    for label, by_tool in groups.items():
        cells = [summary(by_tool[n]) for n in names]
        print(f"{label:<16}" + "".join(f"{c[k]:>12}" for c in cells for k in columns))


# --- the sets --------------------------------------------------------------------------
def dev_pages(shared: Path) -> list[tuple[str, str, dict[str, Any], bytes]]:
    """(half, source, truth, html) of every eval/dev page with a body truth."""
    out = []
    for truth_file in sorted((shared / "eval" / "dev").glob("*/*.truth.json")):
        truth = json.loads(truth_file.read_text("utf-8"))
        page_id = truth_file.name.removesuffix(".truth.json")
        if not truth.get("body"):
            continue
        truth["date"] = truth.get("published")
        html = gzip.decompress(truth_file.with_name(page_id + ".html.gz").read_bytes())
        out.append((half_of(truth.get("url"), page_id), truth_file.parent.name, truth, html))
    return out


def further_pages(shared: Path) -> list[tuple[str, dict[str, Any], bytes]]:
    """(set, truth, html) of eval/pages (the held-out benchmark's pages left out) and the
    seed pages."""
    out = []
    for truth_file in sorted((shared / "eval" / "pages").glob("*.truth.json")):
        if HELD_OUT in truth_file.name:
            continue
        truth = json.loads(truth_file.read_text("utf-8"))
        page = truth_file.with_name(truth["file"])
        out.append(("eval/pages " + (truth.get("language") or "?"), truth, page.read_bytes()))
    seed = shared / "fixtures" / "seed"
    for expected_file in sorted(seed.glob("*.expected.json")):
        page = seed / expected_file.name.replace(".expected.json", ".html")
        if not page.is_file():
            continue
        exp = json.loads(expected_file.read_text("utf-8"))
        truth = {"url": exp["url"], "title": exp["title"], "date": exp["published_date"],
                 "body": "\n".join(exp["body_paragraphs"]),
                 "body_must_not_contain": exp["body_must_not_contain"]}
        out.append(("seed (ar)", truth, page.read_bytes()))
    return out


def main() -> int:
    """Run the extractors on every page and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the ../shared folder")
    parser.add_argument("--half", choices=("tune", "report", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=1, help="timing runs per page (best)")
    parser.add_argument("--candidates", action="store_true",
                        help="also each second-opinion candidate alone, on the tuning half")
    parser.add_argument("--names-hidden", action="store_true",
                        help="also the tuning half with every class and id name hidden")
    args = parser.parse_args()
    if not (args.shared / "eval" / "dev").is_dir():
        print(f"no evaluation pages at {args.shared / 'eval'}: nothing to measure "
              "(they live in ../shared beside the repository)")
        return 0
    tools = {"newscrawl": run_newscrawl, "trafilatura": run_trafilatura}
    halves = ("tune", "report") if args.half == "both" else (args.half,)
    dev = [p for p in dev_pages(args.shared) if p[0] in halves]
    groups: dict[str, dict[str, dict[str, list[dict[str, Any]]]]] = {
        h: defaultdict(lambda: {n: [] for n in tools}) for h in halves}
    engines: dict[str, Counter[str]] = {h: Counter() for h in halves}
    print(f"eval/dev: {len(dev)} pages with a body truth in {', '.join(halves)} "
          "(split: sha1(host)[0] odd = report half)", file=sys.stderr)
    for half, source, truth, html in dev:
        for name, fn in tools.items():
            row = score(timed(fn, html, truth.get("url") or "", args.repeat), truth)
            groups[half][source][name].append(row)
            groups[half]["ALL"][name].append(row)
            if name == "newscrawl":
                engines[half][row["engine"] or "-"] += 1
    columns = ("F1", "<0.5", "<0.8", "title", "dates r/w/n", "ms")
    for half in halves:
        by_source = dict(sorted(groups[half].items(), key=lambda kv: (kv[0] == "ALL", kv[0])))
        table(f"eval/dev, {half} half: newscrawl | trafilatura", by_source, columns)
        print("newscrawl bodies by engine: " + ", ".join(
            f"{k} {v}" for k, v in engines[half].most_common()))

    further: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: {n: [] for n in tools})
    for label, truth, html in further_pages(args.shared):
        for name, fn in tools.items():
            row = score(timed(fn, html, truth.get("url") or "", args.repeat), truth)
            further[label][name].append(row)
            further["ALL"][name].append(row)
    if further:
        table("further set: eval/pages (held-out benchmark pages left out) and the seed",
              dict(sorted(further.items(), key=lambda kv: (kv[0] == "ALL", kv[0]))),
              ("F1", "<0.5", "must", "leaks", "title", "dates r/w/n", "ms"))

    if args.names_hidden:
        hidden: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
            lambda: {n: [] for n in tools})
        for half, source, truth, html in dev_pages(args.shared):
            if half == "tune":
                for name, fn in tools.items():
                    row = score(timed(fn, hide_names(html), truth.get("url") or "", 1), truth)
                    hidden[source][name].append(row)
                    hidden["ALL"][name].append(row)
        table("eval/dev tuning half, every class and id name hidden: newscrawl | trafilatura",
              dict(sorted(hidden.items(), key=lambda kv: (kv[0] == "ALL", kv[0]))),
              ("F1", "<0.5", "<0.8"))

    if args.candidates:
        engines_alone = candidates()
        alone: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
            lambda: {n: [] for n in engines_alone})
        for half, source, truth, html in dev_pages(args.shared):
            if half != "tune":
                continue
            for name, fn in engines_alone.items():
                row = score(timed(fn, html, truth.get("url") or "", args.repeat), truth)
                alone[source][name].append(row)
                alone["ALL"][name].append(row)
        table("second-opinion candidates alone, eval/dev tuning half",
              dict(sorted(alone.items(), key=lambda kv: (kv[0] == "ALL", kv[0]))),
              ("F1", "<0.5", "ms"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
