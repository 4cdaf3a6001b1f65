"""Offline speed: `newscrawl reextract` on a WARC of generated news pages, beside trafilatura.

    python benchmarks/reextract.py [--pages 10000] [--keep DIR]

Generates `--pages` Arabic article pages (benchmarks/crawlsite.py: 60-120 KB each, heavy
boilerplate), writes them as WARC response records (gzip, one member a record, as
`--archive` does), then measures, each in its own child process so that CPU is the
process's own (wait4):

  (a) reading the WARC: every payload, with warcio, and with fastwarc when installed;
  (b) `newscrawl reextract WARC -o DIR`: extraction, cleaning, dates, dedup and the store;
  (c) trafilatura 2 (`bare_extraction`, with metadata) on every payload, read with warcio.

It prints pages per second of wall time and per CPU-second ("per core": the figure that
multiplies with cores when several archives are re-extracted side by side).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from crawlsite import build  # noqa: E402

BASE = "http://bench.example"
READ_WARCIO = """
import sys
from warcio.archiveiterator import ArchiveIterator
n = 0
with open(sys.argv[1], "rb") as f:
    for r in ArchiveIterator(f):
        if r.rec_type == "response":
            r.content_stream().read(); n += 1
print(n)
"""
READ_FASTWARC = """
import sys
from fastwarc.warc import ArchiveIterator, WarcRecordType
n = 0
with open(sys.argv[1], "rb") as f:
    for r in ArchiveIterator(f, record_types=WarcRecordType.response):
        r.reader.read(); n += 1
print(n)
"""
TRAFILATURA = """
import sys
import trafilatura
from warcio.archiveiterator import ArchiveIterator
n = 0
with open(sys.argv[1], "rb") as f:
    for r in ArchiveIterator(f):
        if r.rec_type != "response":
            continue
        html = r.content_stream().read().decode("utf-8", "replace")
        doc = trafilatura.bare_extraction(html, url=r.rec_headers.get_header("WARC-Target-URI"),
                                          with_metadata=True)
        n += doc is not None
print(n)
"""


def write_warc(site: Path, warc: Path) -> int:
    """Every generated article page as a response record; the number written."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = sorted(p for p in site.rglob("*.html") if p.name != "index.html")
    with warc.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for page in pages:
            body = page.read_bytes()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
            url = f"{BASE}/{page.relative_to(site).as_posix()}"
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(body), length=len(body), http_headers=http))
    return len(pages)


def run(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall s, CPU s of the child, stdout) of one child process."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"reextract benchmark: {cmd[:3]} failed:\n{err[-2000:]}")
    return time.monotonic() - start, usage.ru_utime + usage.ru_stime, out


def main() -> int:
    """Generate, write the WARC, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="newscrawl-reextract-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        site, warc = work / "site", work / "pages.warc.gz"
        print(f"generating {args.pages} article pages …", flush=True)
        build(site, args.pages, BASE)
        pages = write_warc(site, warc)
        print(f"WARC: {pages} response records, {warc.stat().st_size / 1e6:.0f} MB", flush=True)
        rows = []
        wall, cpu, out = run([sys.executable, "-c", READ_WARCIO, str(warc)], work)
        rows.append(("(a) read payloads, warcio", int(out), wall, cpu))
        try:
            import fastwarc  # noqa: F401

            wall, cpu, out = run([sys.executable, "-c", READ_FASTWARC, str(warc)], work)
            rows.append(("(a) read payloads, fastwarc", int(out), wall, cpu))
        except ImportError:
            print("fastwarc is not installed: its reading speed is not measured")
        newscrawl = Path(sys.executable).parent / "newscrawl"
        out_dir = work / "out"
        wall, cpu, _out = run([str(newscrawl), "reextract", str(warc), "-o", str(out_dir),
                               "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0"], work)
        records = sum(p.read_bytes().count(b"\n") for p in out_dir.rglob("*.jsonl"))
        rows.append(("(b) newscrawl reextract", records, wall, cpu))
        wall, cpu, out = run([sys.executable, "-c", TRAFILATURA, str(warc)], work)
        rows.append(("(c) trafilatura bare_extraction", int(out), wall, cpu))
        print(f"\n{'run':<34}{'pages':>7}{'wall s':>9}{'CPU s':>8}{'pages/s':>9}"
              f"{'pages/CPU-s':>13}")
        for name, count, wall, cpu in rows:
            print(f"{name:<34}{count:>7}{wall:>9.1f}{cpu:>8.1f}{pages / wall:>9.0f}"
                  f"{pages / cpu:>13.0f}")
        ours, peer = rows[-2], rows[-1]
        print(f"\nnewscrawl reextract is {peer[3] / ours[3]:.1f}x trafilatura's speed per core "
              f"({pages / ours[3]:.0f} vs {pages / peer[3]:.0f} pages per CPU-second)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
