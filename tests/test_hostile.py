"""Hostile sites and archives: no off-site fetch, no write outside -o, bounded work.

Servers on 127.0.0.1 only (tests/faultserver.py); "another host" is a second server that
counts every request it gets: the assertion is that it got none.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import assert_valid, newscrawl_command, read_records
from faultserver import (
    HTML,
    FaultServer,
    Reply,
    always,
    demo_articles,
    ok,
    rebase,
    sitemap,
    sitemap_index,
)

from newscrawl.urls import admitted
from newscrawl.warc import Capture, read_captures

QUICK = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0",
         "-s", "DOWNLOAD_TIMEOUT=5", "-s", "RETRY_TIMES=0"]


def _crawl(base: str, out: Path, *extra: str, timeout: float = 120) -> tuple[int, str, str]:
    proc = subprocess.run([*newscrawl_command(), "crawl", base + "/", "-o", str(out),
                           *QUICK, *extra], capture_output=True, text=True, timeout=timeout,
                          cwd=out.parent)
    return proc.returncode, proc.stdout, proc.stderr


def _skipped(stdout: str, reason: str) -> int:
    match = re.search(rf"^\s*{reason}\s+(\d+)\s*$", stdout, re.MULTILINE)
    return int(match[1]) if match else 0


# --- 1. Off-site means off-site, sitemaps included ------------------------------------------
@pytest.mark.parametrize(("url", "extra", "expected"), [
    ("http://127.0.0.1:8000/a", (), True),
    ("http://news.example.com/a", (), True),  # a subdomain of the site
    ("http://localhost:8000/a", (), False),
    ("http://0x7f000001:8000/a", (), False),
    ("http://[::1]:8000/a", (), False),
    ("http://169.254.169.254/latest/", (), False),
    ("http://cdn.example.net/sitemap.xml", ("cdn.example.net",), True),  # listed by a profile
    ("http://example.com.evil.net/a", (), False),
])
def test_fetch_policy(url: str, extra: tuple[str, ...], expected: bool) -> None:
    site = "example.com" if "example" in url else "127.0.0.1"
    assert admitted(url, site, extra) is expected


def test_sitemaps_never_leave_the_site(tmp_path: Path) -> None:
    other = FaultServer({"/": always(Reply(200, b"x"))})  # counts whatever reaches it
    port = other.base.rsplit(":", 1)[1]
    routes: dict = {}
    site = FaultServer(routes)
    base = site.base
    pages = [rebase(page, base) for _p, page in demo_articles(tmp_path / "demo")[:2]]
    offsite = [f"http://localhost:{port}/sitemap.xml", f"http://0x7f000001:{port}/s.xml",
               f"http://[::1]:{port}/s.xml", "http://169.254.169.254/latest/meta-data/",
               f"http://other.invalid:{port}/s.xml"]
    routes.update({
        "/robots.txt": ok(("User-agent: *\n" + "".join(f"Sitemap: {u}\n" for u in offsite)
                           + f"Sitemap: {base}/index.xml\n").encode(), "text/plain"),
        "/index.xml": ok(sitemap_index([f"http://localhost:{port}/child.xml",
                                        f"{base}/moved.xml", f"{base}/good.xml"]),
                         "application/xml"),
        "/moved.xml": always(Reply(302, headers={"Location": f"http://localhost:{port}/r.xml"})),
        "/good.xml": ok(sitemap([f"{base}/a/1/", f"{base}/a/2/"]), "application/xml"),
        "/a/1/": ok(pages[0], HTML), "/a/2/": ok(pages[1], HTML),
    })
    out = tmp_path / "out"
    code, stdout, stderr = _crawl(base, out, "--archive")
    other.shutdown()
    site.shutdown()
    assert code == 0, stderr[-2000:]
    assert not other.hits, f"another host was asked: {dict(other.hits)}"
    # five robots.txt lines, one index entry, one redirect
    assert _skipped(stdout, "offsite_sitemap") == 7, stdout
    records = read_records(out)
    assert_valid(records)
    assert len(records) == 2
    captured = [c for path in out.rglob("*.warc.gz") for c in read_captures(path)]
    assert captured and all(isinstance(c, Capture) and c.url.startswith(base)
                            for c in captured)
