"""A crawl of a site that fails in every way a real one does: each recoverable article is
archived, each loss is counted by its reason, memory stays bounded, the crawl ends."""

from __future__ import annotations

import gzip
import html
import os
import re
import subprocess
import threading
import time
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import assert_valid, newscrawl_command, read_records
from faultserver import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    HTML,
    FaultServer,
    Reply,
    always,
    demo_articles,
    fails_first,
    gzip_bomb,
    ok,
    rebase,
    sitemap,
    sitemap_index,
)

MAX_SIZE = 8 * 1024 * 1024
TIMEOUT = 2
# A crawl process holds about 100 MB; the hostile pages may add a page or two's worth.
MEMORY_BOUND_MB = 350


def _title(page: bytes) -> str:
    match = re.search(rb'<h1 class="article-title">(.*?)</h1>', page)
    assert match
    return html.unescape(match.group(1).decode())


def _recode(page: bytes, charset: str, meta: str | None = None) -> bytes:
    """The page in another charset, its meta tag saying `meta` (default: the same)."""
    text = page.decode().replace('<meta charset="utf-8">', f'<meta charset="{meta or charset}">')
    return text.encode(charset, "xmlcharrefreplace")


def _multi_megabyte(page: bytes) -> bytes:
    """A real article inside 5 MB of inline data and a 40,000-comment thread."""
    script = b"<script>var state=" + b'"' + b"x" * (3 * 1024 * 1024) + b'";</script>'
    comments = b"".join(b'<li class="comment"><p>%d &#1588;&#1603;&#1585;&#1575;</p></li>' % i
                        for i in range(40000))
    page = page.replace(b"</head>", script + b"</head>", 1)
    return page.replace(b'<div class="comments">', b'<div class="comments"><ul>' + comments
                        + b"</ul>", 1)


@pytest.fixture(scope="module")
def faulty_site(tmp_path_factory: pytest.TempPathFactory):
    """The server, the titles that must be archived, and the failures that must be counted."""
    articles = demo_articles(tmp_path_factory.mktemp("demo"))
    routes: dict = {}
    server = FaultServer(routes)
    base = server.base
    pages = iter(rebase(page, base) for _path, page in articles)
    recoverable: dict[str, str] = {}  # path -> title

    def article(path: str, make, page: bytes | None = None) -> None:
        page = page if page is not None else next(pages)
        routes[path] = make(page)
        recoverable[path] = _title(page)

    article("/f/plain/", lambda p: ok(p))
    article("/f/503-once/", lambda p: fails_first(1, Reply(503), ok(p)))
    article("/f/500-once/", lambda p: fails_first(1, Reply(500), ok(p)))
    article("/f/429-retry-after/", lambda p: fails_first(
        1, Reply(429, headers={"Retry-After": "1"}), ok(p)))
    article("/f/slow/", lambda p: always(Reply(200, p, {"Content-Type": HTML}, delay=1.0)))
    article("/f/dropped-once/", lambda p: fails_first(1, Reply(drop=True), ok(p)))
    article("/f/truncated-once/", lambda p: fails_first(
        1, Reply(200, p, {"Content-Type": HTML}, cut_at=len(p) // 2), ok(p)))
    article("/f/cp1256/", lambda p: ok(_recode(p, "cp1256", "windows-1256"),
                                       "text/html; charset=windows-1256"))
    article("/f/cp1256-meta-only/", lambda p: ok(_recode(p, "cp1256", "windows-1256"),
                                                 "text/html"))
    article("/f/cp1256-labeled-utf8/", lambda p: ok(_recode(p, "cp1256", "utf-8"),
                                                    "text/html; charset=utf-8"))
    article("/f/utf8-labeled-latin1/", lambda p: ok(p, "text/html; charset=iso-8859-1"))
    article("/f/html-as-text-plain/", lambda p: ok(p, "text/plain; charset=utf-8"))
    article("/f/html-as-octet-stream/", lambda p: ok(p, "application/octet-stream"))
    article("/f/gzip/", lambda p: ok(gzip.compress(p), HTML, **{"Content-Encoding": "gzip"}))
    article("/f/multi-megabyte/", lambda p: ok(p), _multi_megabyte(next(pages)))
    redirected = next(pages)
    routes["/f/redirect/"] = always(Reply(301, headers={"Location": f"{base}/f/moved/"}))
    article("/f/moved/", lambda p: ok(p), redirected)
    # A meta refresh (Scrapy's MetaRefreshMiddleware, read by newscrawl's HeadMetaRefresh),
    # in any case of its letters and in UTF-16, which spells it with NUL bytes between.
    for name, charset in (("meta-refresh", "utf-8"), ("meta-refresh-utf16", "utf-16")):
        target = f"/f/{name}-target/"
        stub = (f'<html><head><META HTTP-EQUIV="REFRESH" CONTENT="0; URL={base}{target}">'
                "</head><body></body></html>").encode(charset)
        routes[f"/f/{name}/"] = ok(stub, f"text/html; charset={charset}")
        article(target, lambda p: ok(p))
    # Listed only before the break of a broken sitemap.
    article("/f/broken-sitemap-1/", lambda p: ok(p))
    article("/f/broken-sitemap-2/", lambda p: ok(p))

    lost = {
        "/x/always-500/": always(Reply(500)),
        "/x/always-503/": always(Reply(503)),
        "/x/always-429/": always(Reply(429, headers={"Retry-After": "1"})),
        "/x/always-dropped/": always(Reply(drop=True)),
        "/x/always-truncated/": always(Reply(200, next(pages), {"Content-Type": HTML},
                                             cut_at=2000)),
        "/x/too-slow/": always(Reply(200, next(pages), {"Content-Type": HTML},
                                     delay=TIMEOUT + 3)),
        "/x/loop-a/": always(Reply(302, headers={"Location": f"{base}/x/loop-b/"})),
        "/x/loop-b/": always(Reply(302, headers={"Location": f"{base}/x/loop-a/"})),
        "/x/gzip-bomb/": ok(gzip_bomb(100), HTML, **{"Content-Encoding": "gzip"}),
        "/x/huge/": ok(b"<html><body>" + (b"<p>" + b"x" * 1000 + b"</p>") * 12000
                       + b"</body></html>"),
        "/x/binary-as-html/": ok(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 300),
        "/x/empty/": ok(b""),
    }
    routes.update(lost)
    listed = [p for p in [*recoverable, *lost] if not p.startswith("/f/broken-sitemap")
              and p not in ("/f/moved/", "/x/loop-b/") and not p.endswith("-target/")]
    listed += ["/f/redirect/", "/f/meta-refresh/", "/f/meta-refresh-utf16/"]
    good = sitemap([base + p for p in listed])
    broken = sitemap([base + "/f/broken-sitemap-1/", base + "/f/broken-sitemap-2/",
                      base + "/x/never-listed/"])
    broken = broken[:broken.index(b"/x/never-listed/") - 30] + b"<url><loc>&bad;<"
    routes.update({
        "/robots.txt": ok(f"User-agent: *\nSitemap: {base}/sitemap.xml\n".encode(),
                          "text/plain"),
        "/sitemap.xml": ok(sitemap_index([f"{base}/sitemaps/{n}" for n in (
            "good.xml", "broken.xml", "garbage.xml", "laughs.xml", "external.xml",
            "bomb.xml.gz", "missing.xml")]), "application/xml"),
        "/sitemaps/good.xml": ok(good, "application/xml"),
        "/sitemaps/broken.xml": ok(broken, "application/xml"),
        "/sitemaps/garbage.xml": ok(b"\x00\x01 this is no XML <<<>>>", "application/xml"),
        "/sitemaps/laughs.xml": ok(BILLION_LAUGHS, "application/xml"),
        "/sitemaps/external.xml": ok(EXTERNAL_ENTITY, "application/xml"),
        "/sitemaps/bomb.xml.gz": ok(gzip_bomb(200), "application/gzip"),
    })
    yield server, recoverable
    server.shutdown()


def _sample_peak(pid: int, peaks: list[int]) -> None:
    """The process's VmHWM (KiB) every 50 ms while it lives: the last is its peak."""
    status = Path(f"/proc/{pid}/status")
    while True:
        try:
            text = status.read_text()
        except OSError:
            return
        for line in text.splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]))
        time.sleep(0.05)


def test_every_recoverable_article_is_archived_and_every_loss_counted(
        faulty_site, tmp_path: Path) -> None:
    server, recoverable = faulty_site
    out = tmp_path / "out"
    cmd = [*newscrawl_command(), "crawl", server.base + "/", "-o", str(out),
           "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
           "-s", f"DOWNLOAD_TIMEOUT={TIMEOUT}", "-s", f"DOWNLOAD_MAXSIZE={MAX_SIZE}",
           "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0"]
    log = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with log[0].open("w") as stdout_file, log[1].open("w") as stderr_file:
        proc = subprocess.Popen(cmd, stdout=stdout_file, stderr=stderr_file, cwd=tmp_path)
        watchdog = threading.Timer(150, proc.kill)  # the crawl must end by itself
        watchdog.start()
        peaks: list[int] = []
        sampler = threading.Thread(target=_sample_peak, args=(proc.pid, peaks), daemon=True)
        sampler.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        watchdog.cancel()
        sampler.join(timeout=5)
    stdout, stderr = log[0].read_text(), log[1].read_text()
    assert os.waitstatus_to_exitcode(status) == 0, stderr[-2000:]
    assert "Traceback" not in stderr and "Unhandled" not in stderr
    # Bounded memory: a 100 MB gzip bomb page, a 200 MB gzip bomb sitemap, a 12 MB page
    # and a 6 MB page with 40,000 comments pass through one crawl process. The crawl's own
    # high-water mark (VmHWM): wait4's ru_maxrss of a child counts the memory this test
    # process had when it started the child, which earlier tests in it inflate.
    peak_mb = (max(peaks) if peaks else usage.ru_maxrss) / 1024
    print(f"crawl peak RSS {peak_mb:.0f} MB (ru_maxrss {usage.ru_maxrss / 1024:.0f} MB)")
    assert peak_mb < MEMORY_BOUND_MB, f"peak RSS {peak_mb:.0f} MB"
    records = read_records(out)
    assert_valid(records)
    titles = {r["title"] for r in records}
    missing = {p: t for p, t in recoverable.items() if t not in titles}
    assert not missing, f"recoverable articles not archived: {sorted(missing)}"
    assert len(records) == len(recoverable), "nothing else, and nothing twice"
    by_url = {r["url"].removeprefix(server.base): r for r in records}
    # Re-decoded, not mojibake: the Arabic of every charset case reads as Arabic.
    for path in ("/f/cp1256/", "/f/cp1256-meta-only/", "/f/cp1256-labeled-utf8/",
                 "/f/utf8-labeled-latin1/"):
        assert by_url[path]["title"] == recoverable[path]
        assert "Ø" not in by_url[path]["body"] and "\ufffd" not in by_url[path]["body"]
    assert by_url["/f/moved/"]["title"] == recoverable["/f/moved/"]
    assert len(by_url["/f/multi-megabyte/"]["body"]) < 20000, "comments are no body"
    counts = _skips(stdout)
    assert counts == {
        "http_500": 1, "http_503": 1, "http_429": 1, "connection_lost": 1, "truncated": 1,
        "timeout": 1, "redirect_loop": 1, "too_large": 2, "not_html": 1,
        "empty_body": 1, "bad_sitemap": 4, "sitemap_partly_read": 1, "sitemap_http_404": 1,
    }, stdout
    # Retry-After was honoured: each retry came no sooner than the server asked (1 s).
    for path in ("/x/always-429/", "/f/429-retry-after/"):
        times = server.times[path]
        assert len(times) == (3 if path.startswith("/x/") else 2)
        assert all(b - a >= 0.95 for a, b in pairwise(times)), times
    # Retries without Retry-After do not wait a second each.
    assert server.times["/x/always-500/"][-1] - server.times["/x/always-500/"][0] < 1.5


def _skips(stdout: str) -> dict[str, int]:
    counts = {}
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("skipped"))
    for line in lines[start + 1:]:
        parts = line.split()
        if len(parts) != 2 or not parts[1].isdigit():
            break
        counts[parts[0]] = int(parts[1])
    return counts


def test_retry_after_in_seconds_or_as_a_date() -> None:
    from datetime import UTC, datetime

    from newscrawl.middlewares import retry_after_seconds

    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert retry_after_seconds(b"7", now) == 7.0
    assert retry_after_seconds("Tue, 24 Nov 2026 12:01:30 GMT", now) == 90.0
    assert retry_after_seconds("Tue, 24 Nov 2026 11:00:00 GMT", now) == 0.0  # past: now
    assert retry_after_seconds(b"soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_meta_refresh_reads_only_pages_whose_head_names_one() -> None:
    """A page without a refresh passes undecoded (Scrapy would decode it whole to look)."""
    from scrapy.http import HtmlResponse, Request
    from scrapy.utils.test import get_crawler

    from newscrawl.middlewares import HeadMetaRefresh

    middleware = HeadMetaRefresh.from_crawler(get_crawler())
    request = Request("https://a.example/news/1/")
    plain = HtmlResponse(request.url, body=b"<html><body><p>" + b"x" * 50_000 + b"</p></body>"
                         b"</html>", encoding="utf-8", request=request)
    assert middleware.process_response(request, plain) is plain
    assert plain._cached_ubody is None  # never decoded
    moved = HtmlResponse(request.url, body=b'<meta http-equiv="Refresh" content="0;url=/b/">',
                         encoding="utf-8", request=request)
    followed = middleware.process_response(request, moved)
    assert isinstance(followed, Request) and followed.url == "https://a.example/b/"
    # Encodings whose bytes do not spell the word in ASCII go to Scrapy's full reading:
    # EBCDIC, and ISO-2022 escapes (which decode to nothing) inside the word.
    page = '<html><head><meta http-equiv="refresh" content="0;url=/b/"></head></html>'
    # So do pages that declare an encoding which spells ASCII otherwise: HZ's '~\n'
    # decodes to nothing, unicode-escape's '\x72' to 'r'.
    for body, charset, ctype in (
            (page.encode("cp500"), "cp500", None),
            (page.replace("refresh", "ref\x1b(Bresh").encode(), "iso-2022-jp", None),
            (page.replace("refresh", "ref~\nresh").encode(), "hz", "text/html; charset=hz"),
            (page.replace("refresh", "\\x72efresh").encode(), "unicode-escape",
             "text/html; charset=unicode-escape"),
            # EBCDIC declared nowhere, with one byte that reads as '<' in ASCII.
            (page.encode("cp037") + b"<", None, None)):
        headers = {"Content-Type": ctype} if ctype else None
        response = HtmlResponse(request.url, body=body, request=request, headers=headers,
                                **({"encoding": charset} if charset else {}))
        followed = middleware.process_response(request, response)
        assert isinstance(followed, Request) and followed.url == "https://a.example/b/", charset
