"""Archiving a million-article site on one machine: memory of discovery and of the crawl.

    python benchmarks/scale.py [--urls 1000000] [--max-articles 20000] [--concurrency 32]

Serves (a small threaded server in its own process) a site whose robots.txt names a
sitemap index of gzip urlsets listing `--urls` article URLs (50,000 per sitemap, as
sitemaps.org allows, the oldest sitemap first), each article page generated on request
with its own text and date. Then runs `newscrawl crawl --max-articles N` against it as a
child process and prints:

  peak RSS of the whole run (wait4), RSS when discovery ended (the sitemaps read, the
  URLs in the frontier), RSS growth per queued URL (from engine start to the end of
  discovery, over the URLs queued), RSS growth per written record (after warm-up: from
  the first 10% of records to the end, as the crawl benchmark's soak), pages/s, CPU per
  page, and whether the records written are the newest articles the sitemaps list.

Targets (issue 17): peak RSS <= 400 MB; <= 30 bytes per queued URL; <= 100 bytes per
written record.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from crawl import _wait_listening, free_port, newscrawl_cmd, run_child  # noqa: E402
from crawlsite import _words  # noqa: E402

PER_SITEMAP = 50_000
NEWEST = date(2026, 11, 1)
PER_DAY = 500  # articles a day: a million span five and a half years
GOAL_PEAK_MB = 400
GOAL_PER_URL_B = 30
GOAL_PER_RECORD_B = 100


def day_of(i: int) -> date:
    """Article i's day: article 0 is the newest."""
    return NEWEST - timedelta(days=i // PER_DAY)


class Site:
    """The generated site: sitemaps built once, pages on request."""

    def __init__(self, urls: int, base: str) -> None:
        self.urls, self.base = urls, base
        self.words = _words()
        count = (urls + PER_SITEMAP - 1) // PER_SITEMAP
        # The oldest sitemap first: newest-first fetching is the crawler's job.
        self.sitemaps = {}
        for n in range(count):
            first = (count - 1 - n) * PER_SITEMAP
            rows = "".join(f"<url><loc>{base}/news/{i}.html</loc><lastmod>{day_of(i)}"
                           f"</lastmod></url>"
                           for i in range(min(urls, first + PER_SITEMAP) - 1, first - 1, -1))
            xml = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.'
                   f'sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>')
            self.sitemaps[f"/sitemaps/{n}.xml.gz"] = gzip.compress(xml.encode(), 6)
        index = "".join(f"<sitemap><loc>{base}{path}</loc></sitemap>" for path in self.sitemaps)
        self.index = ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.'
                      f'sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>').encode()

    def page(self, i: int) -> bytes:
        """Article i: its own words, so no two bodies are duplicates."""
        rng = random.Random(i)
        words = self.words

        def sentence(n: int) -> str:
            return " ".join(rng.choice(words) for _ in range(n))
        title = sentence(9)
        paras = "".join(f"<p>{sentence(rng.randint(30, 45))}.</p>" for _ in range(6))
        day = day_of(i)
        return (f"<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
                f"<title>{title}</title><meta property='og:type' content='article'>"
                f"<meta property='article:published_time' content='{day}T09:00:00+03:00'>"
                f"</head><body><nav><a href='/'>الرئيسية</a> <a href='/news/'>أخبار</a></nav>"
                f"<article><h1>{title}</h1><time datetime='{day}'>{day}</time>"
                f"<div class='article-body'>{paras}</div></article>"
                f"<footer>جميع الحقوق محفوظة</footer></body></html>").encode()


def serve(port: int, urls: int) -> None:
    """The site on 127.0.0.1:port until killed."""
    base = f"http://127.0.0.1:{port}"
    site = Site(urls, base)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path
            ctype = "application/xml"
            if path == "/robots.txt":
                body, ctype = f"Sitemap: {base}/sitemap-index.xml\n".encode(), "text/plain"
            elif path == "/sitemap-index.xml":
                body = site.index
            elif path in site.sitemaps:
                body, ctype = site.sitemaps[path], "application/gzip"
            elif path.startswith("/news/") and path.endswith(".html") \
                    and path[6:-5].isdigit() and int(path[6:-5]) < urls:
                body, ctype = site.page(int(path[6:-5])), "text/html; charset=utf-8"
            else:
                body, ctype = b"<html><body>not here</body></html>", "text/html"
                self.send_response(404)
                self._finish(body, ctype)
                return
            self.send_response(200)
            self._finish(body, ctype)

        def _finish(self, body: bytes, ctype: str) -> None:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, *_args: object) -> None:
            pass  # the crawl closing its connections at the end: no traceback

    server = Server(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print("ready", flush=True)
    server.serve_forever()


def figures(run: dict, urls: int) -> dict[str, float]:
    """Memory and speed figures from the meter's samples [t, pages, records, rss, queued]."""
    samples = run["samples"]
    queued = max(s[4] for s in samples)
    start_rss = samples[0][3]
    # Discovery has ended at the first sample where every URL is queued.
    done = next(s for s in samples if s[4] >= queued)
    records = run["records"]
    warm = next((s for s in samples if s[2] >= records * 0.1), samples[-1])
    end = samples[-1]
    return {
        "queued": queued, "records": records, "pages": run["pages"],
        "peak_mb": run["peak_rss_mb"], "start_mb": start_rss, "discovered_mb": done[3],
        "discovery_s": done[0],
        "per_url_b": (done[3] - start_rss) * 1024 ** 2 / max(1, queued),
        "per_record_b": (end[3] - warm[3]) * 1024 ** 2 / max(1, records - warm[2]),
        # The crawl's own pace: discovery holds pages back until the sitemaps are read.
        "pages_per_s": run["pages"] / max(1e-9, run["wall_s"] - done[0]),
        "cpu_ms_per_page": 1000 * run["cpu_s"] / max(1, run["pages"]),
    }


def newest_check(out: Path, wanted: int) -> tuple[int, int]:
    """(records among the `wanted` newest articles, records) in the output files."""
    newest_day = day_of(wanted - 1)
    hits = total = 0
    for path in out.rglob("*.jsonl"):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                total += 1
                if (record.get("published_date") or "") >= newest_day.isoformat():
                    hits += 1
    return hits, total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--urls", type=int, default=1_000_000)
    ap.add_argument("--max-articles", type=int, default=20_000)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.serve, args.urls)
        return 0
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="newscrawl-scale-") as tmp:
        work = Path(tmp)
        print(f"building and serving a site of {args.urls:,} article URLs …", file=sys.stderr)
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(port),
                                   "--urls", str(args.urls)], stdout=subprocess.PIPE)
        try:
            server.stdout.readline()  # "ready" once the sitemaps are built
            _wait_listening(port, server, "site server")
            out, meter = work / "out", work / "meter.json"
            cmd = newscrawl_cmd(f"http://127.0.0.1:{port}/", out, meter, args.concurrency,
                                ("NEWSCRAWL_SECOND_OPINION=True",))
            run = run_child("scale", [*cmd, "--max-articles", str(args.max_articles)],
                            work, meter)
            f = figures(run, args.urls)
            hits, total = newest_check(out, args.max_articles)
        finally:
            server.kill()
            server.wait()
    print(f"\nscale benchmark: {args.urls:,} URLs in {args.urls // PER_SITEMAP or 1} gzip "
          f"sitemaps, --max-articles {args.max_articles:,}, concurrency {args.concurrency}, "
          f"{os.cpu_count()} cores")
    rows = [
        ("article URLs queued", f"{f['queued']:,.0f}", ""),
        ("discovery time", f"{f['discovery_s']:.1f} s", ""),
        ("RSS at engine start", f"{f['start_mb']:.0f} MB", ""),
        ("RSS after discovery", f"{f['discovered_mb']:.0f} MB", ""),
        ("peak RSS, whole run", f"{f['peak_mb']:.0f} MB", f"goal <= {GOAL_PEAK_MB} MB"),
        ("RSS per queued URL", f"{f['per_url_b']:.1f} B", f"goal <= {GOAL_PER_URL_B} B"),
        ("RSS per written record", f"{f['per_record_b']:.1f} B",
         f"goal <= {GOAL_PER_RECORD_B} B"),
        ("records written", f"{total:,}", f"{hits:,} of them among the newest "
                                          f"{args.max_articles:,}"),
        ("pages/s", f"{f['pages_per_s']:.0f}", ""),
        ("CPU per page", f"{f['cpu_ms_per_page']:.2f} ms", ""),
    ]
    for name, value, note in rows:
        print(f"  {name:24} {value:>14}   {note}")
    ok = (f["peak_mb"] <= GOAL_PEAK_MB and f["per_url_b"] <= GOAL_PER_URL_B
          and f["per_record_b"] <= GOAL_PER_RECORD_B)
    print("all goals met" if ok else "goals missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
