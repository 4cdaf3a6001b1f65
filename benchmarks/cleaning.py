"""Text cleaning: newscrawl's clean_text on real flattened Arabic page texts.

    python benchmarks/cleaning.py [--eval ../shared/eval/text-dev] [--impl MODULE:FUNC]
                                  [--repeat 5] [--misses tune]

The texts are split by site into a tuning half and a reporting half with the fixed rule
of ../shared/eval/score_text.py (the first byte of sha1(host) odd: reporting). For each
half and both together it prints the mean paragraph recall (a truth paragraph counts
when it is in the body whole, whitespace-normalised), the boilerplate segments removed
(a segment counts when it is nowhere in the body), per kind of segment, titles and
published days right, and microseconds per KB of text (best of --repeat runs). The data
has no kind field, so kinds are told by shape (see `segment_kind`). Then the seed text
against its expected record. `--misses tune` lists the tuning half's misses; the
reporting half is for reporting only and has no such switch.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newscrawl.datewords import MONTHS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEXT_DEV = SHARED / "eval" / "text-dev"
SEED = SHARED / "fixtures" / "seed"

_MONTHISH = re.compile(r"\d{1,2}:\d{2}|\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}|"
                       + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)))
_CODEISH = re.compile(r"[{};]|appeared first on|https?://|www\.|\[…\]|\[\.\.\.\]|googletag")
_SEPARATORS = re.compile(r"\s[|•·»›/\-–—]\s|[|•·]")


def ws(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def half_of(url: str, item_id: str) -> str:
    """The fixed split of score_text.py: by host, sha1's first byte odd is reporting."""
    host = (urlsplit(url or "").hostname or item_id).removeprefix("www.")
    return "report" if hashlib.sha1(host.encode()).digest()[0] % 2 else "tune"


def segment_kind(segment: str) -> str:
    """A boilerplate segment's kind by shape (the data names none)."""
    text = ws(segment)
    letters = sum(ch.isalpha() for ch in text)
    latin = sum(ch.isalpha() and ch < "\u0250" for ch in text)
    words = len(text.split())
    if _CODEISH.search(text):
        return "code, feed and CMS residue"
    if letters < 0.3 * max(len(text), 1):
        return "counters, symbols, bare numbers"
    if _MONTHISH.search(text) and words <= 14:
        return "dates and clocks"
    if latin > 0.7 * letters:
        return "Latin-script lines"
    if len(_SEPARATORS.findall(text)) >= 2 and words <= 30:
        return "menus and runs of short items"
    if words <= 3:
        return "labels, prompts, controls"
    if words <= 8:
        return "bylines, credits, short labels"
    if words <= 25:
        return "headlines: teasers, captions, repeats"
    return "long: comments, other stories, notices"


def load(path: Path) -> list[dict[str, Any]]:
    items = []
    for truth_path in sorted(path.glob("*.json")):
        truth = json.loads(truth_path.read_text("utf-8"))
        text = truth_path.with_suffix(".txt").read_text("utf-8")
        items.append({"id": truth_path.stem, "truth": truth, "text": text,
                      "half": half_of(truth.get("url", ""), truth_path.stem)})
    return items


def score(items: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall, removal (overall and by kind), titles and days over `items`."""
    recalls, kinds, misses = [], Counter(), []
    removed_by_kind: Counter[str] = Counter()
    titles = days = days_truth = days_wrong = 0
    for item, result in zip(items, results, strict=True):
        truth, body = item["truth"], ws(result.get("body"))
        paragraphs = [ws(p) for p in truth["body_paragraphs"] if ws(p)]
        if paragraphs:
            recalls.append(sum(p in body for p in paragraphs) / len(paragraphs))
        misses += [(item["id"], "lost", p) for p in paragraphs if p not in body]
        for segment in truth["boilerplate_segments"]:
            if not ws(segment):
                continue
            kind = segment_kind(segment)
            kinds[kind] += 1
            if ws(segment) in body:
                misses.append((item["id"], "kept", segment))
            else:
                removed_by_kind[kind] += 1
        titles += bool(truth.get("title")) and ws(result.get("title")) == ws(truth["title"])
        if truth.get("publication_date"):
            days_truth += 1
            got = (result.get("published_at") or "")[:10]
            days += got == truth["publication_date"]
            days_wrong += bool(got) and got != truth["publication_date"]
    return {"texts": len(items), "recall": sum(recalls) / max(len(recalls), 1),
            "segments": sum(kinds.values()), "removed": sum(removed_by_kind.values()),
            "kinds": kinds, "removed_by_kind": removed_by_kind,
            "titles": titles, "titled": sum(bool(i["truth"].get("title")) for i in items),
            "days": days, "days_truth": days_truth, "days_wrong": days_wrong,
            "misses": misses}


def speed(clean: Callable[[str], Any], texts: list[str], repeat: int) -> float:
    """Best-of-N microseconds per KB of UTF-8 text."""
    kilobytes = sum(len(t.encode("utf-8")) for t in texts) / 1024
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            clean(text)
        best = min(best, time.perf_counter() - start)
    return best * 1e6 / max(kilobytes, 1e-9)


def print_half(name: str, result: dict[str, Any]) -> None:
    share = result["removed"] / max(result["segments"], 1)
    print(f"\n{name}: {result['texts']} texts, paragraph recall {result['recall']:.3f}, "
          f"boilerplate removed {result['removed']}/{result['segments']} ({share:.0%}), "
          f"titles {result['titles']}/{result['titled']}, published day "
          f"{result['days']}/{result['days_truth']} right ({result['days_wrong']} wrong)")
    for kind, count in result["kinds"].most_common():
        print(f"  {kind:40} {result['removed_by_kind'][kind]:3}/{count:<3} removed")


def seed_check(clean: Callable[[str], Any]) -> int:
    """The seed text against its expected record; the number of fields that differ."""
    if not (SEED / "seed.txt").is_file():
        print("\nseed: ../shared/fixtures/seed is not here; skipped")
        return 0
    expected = json.loads((SEED / "seed.expected.json").read_text("utf-8"))
    got = dict(clean((SEED / "seed.txt").read_text("utf-8")))
    checks = {
        "body paragraphs": got["body"].split("\n") == expected["body_paragraphs"],
        "title": got["title"] == expected["title"],
        "published day": (got["published_at"] or "")[:10] == expected["published_date"],
        "source": got["source"] == expected["source"],
        "tags": " ".join(got["tags"]) == expected["tags_text"],
        "related": [r["title"] for r in got["related"]] == expected["related_titles"],
        "must-not": not any(s in got["body"] for s in expected["body_must_not_contain"]),
    }
    print("\nseed text: " + ", ".join(f"{k} {'ok' if v else 'DIFFERS'}" for k, v in
                                      checks.items()))
    return sum(not v for v in checks.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=TEXT_DEV)
    parser.add_argument("--impl", default="newscrawl.cleaning:clean_text")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--misses", choices=["tune"], help="list the tuning half's misses")
    args = parser.parse_args()
    module, func = args.impl.split(":")
    clean = getattr(importlib.import_module(module), func)
    if not args.eval.is_dir():
        print(f"{args.eval} is not here (it lives in ../shared/eval); nothing to score")
        return seed_check(clean) and 1
    items = load(args.eval)
    results = [dict(clean(item["text"])) for item in items]
    print(f"{args.impl} on {args.eval} ({len(items)} texts); kinds are told by shape")
    for half in ("tune", "report"):
        chosen = [(i, r) for i, r in zip(items, results, strict=True) if i["half"] == half]
        print_half(f"{half} half", score([i for i, _ in chosen], [r for _, r in chosen]))
    print_half("all", score(items, results))
    print(f"\nspeed: {speed(clean, [i['text'] for i in items], args.repeat):.0f} µs per KB "
          f"of text (best of {args.repeat})")
    if args.misses:
        tuned = [i for i in items if i["half"] == "tune"]
        for item_id, what, text in score(tuned, [results[items.index(i)] for i in tuned])[
                "misses"]:
            print(f"  {what} {item_id}: {ws(text)[:100]}")
    return 1 if seed_check(clean) else 0


if __name__ == "__main__":
    sys.exit(main())
