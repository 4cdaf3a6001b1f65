"""Hostile sites and archives: no off-site fetch, no write outside -o, bounded work.

Servers on 127.0.0.1 only (tests/faultserver.py); "another host" is a second server that
counts every request it gets: the assertion is that it got none.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from conftest import assert_valid, newscrawl_command, read_records, site_dir
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
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.discovery import (
    MAX_FEEDS_PER_PAGE,
    Entry,
    entry_date,
    feed_links,
    is_before,
    listing_links,
)
from newscrawl.encoding import looks_binary
from newscrawl.extraction import extract_article, page_article, parse_html
from newscrawl.items import LIST_CAPS, cap_lists
from newscrawl.robotspolicy import DISALLOW_ALL, ROBOTS_MAX_BYTES, robots_body
from newscrawl.sitepaths import folder_name, site_folder
from newscrawl.spiders.news import NewsSpider
from newscrawl.urls import admitted, host_of, site_key_of, site_of
from newscrawl.warc import Capture, read_captures
from newscrawl.warcread import _decoded

QUICK = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0",
         "-s", "DOWNLOAD_TIMEOUT=5", "-s", "RETRY_TIMES=0"]


def _crawl(base: str, out: Path, *extra: str, timeout: float = 120,
           preexec: Callable[[], None] | None = None) -> tuple[int, str, str]:
    proc = subprocess.run([*newscrawl_command(), "crawl", base + "/", "-o", str(out),
                           *QUICK, *extra], capture_output=True, text=True, timeout=timeout,
                          cwd=out.parent, preexec_fn=preexec)
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


@pytest.mark.parametrize(("url", "expected"), [
    ("http://127.0.0.1:8000/a", True), ("http://127.0.0.1:6379/", False),  # Redis's port
    ("http://127.0.0.1/a", False),
])
def test_another_port_of_the_host_is_another_site(url: str, expected: bool) -> None:
    assert admitted(url, "127.0.0.1", port=8000) is expected
    assert admitted("https://example.com/a", "example.com", port=80)  # http and https: one


def test_sitemaps_never_leave_the_site(tmp_path: Path) -> None:
    other = FaultServer({"/": always(Reply(200, b"x"))})  # counts whatever reaches it
    port = other.base.rsplit(":", 1)[1]
    routes: dict = {}
    site = FaultServer(routes)
    base = site.base
    pages = [rebase(page, base) for _p, page in demo_articles(tmp_path / "demo")[:2]]
    offsite = [f"http://localhost:{port}/sitemap.xml", f"http://0x7f000001:{port}/s.xml",
               f"http://[::1]:{port}/s.xml", "http://169.254.169.254/latest/meta-data/",
               f"http://other.invalid:{port}/s.xml",
               f"http://127.0.0.1:{port}/s.xml"]  # another port of the site's own host
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
    # six robots.txt lines, one index entry, one redirect
    assert _skipped(stdout, "offsite_sitemap") == 8, stdout
    records = read_records(out)
    assert_valid(records)
    assert len(records) == 2
    captured = [c for path in out.rglob("*.warc.gz") for c in read_captures(path)]
    assert captured and all(isinstance(c, Capture) and c.url.startswith(base)
                            for c in captured)


# --- 2. Writes stay under -o ------------------------------------------------------------------
@pytest.mark.parametrize("key", ["..", ".", "", "   ", "a/b", "..\\..\\x", "/etc", "a\x00b",
                                 "x" * 253, "CON", "nul.txt", "state", ".hidden",
                                 "127.0.0.1:8765", "[::1]:80"])
def test_folder_names_never_escape(key: str, tmp_path: Path) -> None:
    name = folder_name(key)
    assert name and name not in (".", "..") and "/" not in name and "\\" not in name
    assert "\x00" not in name and len(name) <= 100 and not name.startswith(".")
    assert name.lower() not in ("con", "state") and not name.lower().startswith("nul.")
    assert site_folder(tmp_path, key).parent == tmp_path


def test_two_sites_never_share_a_folder() -> None:
    keys = ["a:80", "a_80", "a/80", "A:80", "x" * 253, "x" * 254, "😀" * 70, "😀" * 71]
    names = [folder_name(k) for k in keys]
    assert len({n.lower() for n in names}) == len(keys) - 1  # only A:80/a:80 (one host)
    assert all(len(n.encode("utf-8")) <= 100 for n in names)


def test_hosts_are_normalised_for_folders_and_checks() -> None:
    assert site_key_of("http://127.0.0.1:8765/a") != site_key_of("http://127.0.0.1:8766/a")
    assert site_key_of("https://www.example.com:443/") == "example.com"  # default port
    assert site_key_of("http://Example.COM./news/") == "example.com"  # trailing dot
    assert host_of("http://مثال.مصر/") == "xn--mgbh0fb.xn--wgbh1c"
    assert admitted("http://xn--mgbh0fb.xn--wgbh1c/a", site_of("http://مثال.مصر/"))
    spider = NewsSpider(url="http://مثال.مصر/")
    assert spider.site == "xn--mgbh0fb.xn--wgbh1c" and spider.target.isascii()


def _warc_with_targets(path: Path, targets: list[str], page: bytes) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for target in targets:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                target, "response", payload=BytesIO(page), http_headers=headers))


def test_reextract_of_hostile_hosts_writes_only_under_out(tmp_path: Path) -> None:
    page = demo_articles(tmp_path / "demo")[0][1]
    warc = tmp_path / "in" / "hostile.warc.gz"
    warc.parent.mkdir()
    hosts = ["..", ".", "x" * 253, "a%2F..%2F..", "CON", "state"]
    _warc_with_targets(warc, [f"http://{h}/news/1/" for h in hosts], page)
    out = tmp_path / "work" / "out"
    out.mkdir(parents=True)
    before = {p for p in tmp_path.rglob("*")}
    proc = subprocess.run([*newscrawl_command(), "reextract", str(warc), "-o", str(out),
                           "-s", "NEWSCRAWL_KEEP_DUPLICATES=True"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path / "work")
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    created = {p for p in tmp_path.rglob("*")} - before
    outside = [p for p in created if out not in p.parents and p != out]
    assert not outside, f"written outside -o: {outside}"
    records = read_records(out)
    assert len(records) >= 1
    for path in out.rglob("*.jsonl"):
        assert path.parent.parent == out  # one level: out/<site>/<day>.jsonl


def _small_site(articles: list[tuple[str, bytes]]) -> FaultServer:
    routes: dict = {}
    server = FaultServer(routes)
    base = server.base
    paths = [f"/n/{i}/" for i in range(len(articles))]
    routes.update({
        "/robots.txt": ok(f"User-agent: *\nSitemap: {base}/s.xml\n".encode(), "text/plain"),
        "/s.xml": ok(sitemap([base + p for p in paths]), "application/xml"),
        **{p: ok(rebase(page, base), HTML) for p, (_path, page) in zip(paths, articles,
                                                                      strict=True)},
    })
    return server


def test_two_ports_are_two_sites(tmp_path: Path) -> None:
    articles = demo_articles(tmp_path / "demo")
    half = len(articles) // 2
    first, second = _small_site(articles[:half]), _small_site(articles[half:])
    out = tmp_path / "out"
    try:
        for server, count in ((first, half), (second, len(articles) - half)):
            code, stdout, stderr = _crawl(server.base, out)
            assert code == 0, stderr[-2000:]
            records = read_records(site_dir(out, server.base))
            assert len(records) == count, stdout
    finally:
        first.shutdown()
        second.shutdown()
    assert site_dir(out, first.base) != site_dir(out, second.base)
    locks = sorted(p.name for p in (out / "state").glob("*.lock"))
    assert len(locks) == 2, locks


# --- 3. Archives are input too ----------------------------------------------------------------
def _variant(page: bytes, url: str, seed: int) -> bytes:
    """The page as a distinct article at `url`: its own canonical, its paragraphs' words
    shuffled (no content or near duplicate of any other variant)."""
    rng = random.Random(seed)
    html = page.decode("utf-8")
    html = re.sub(r'(<link rel="canonical" href=")[^"]*', lambda m: m[1] + url, html)

    def shuffle(match: re.Match[str]) -> str:
        words = match[1].split()
        rng.shuffle(words)
        return "<p>" + " ".join(words) + "</p>"

    return re.sub(r"<p>(.*?)</p>", shuffle, html, flags=re.S).encode("utf-8")


def _write_warc(path: Path, records: list[tuple[str, bytes, dict[str, str]]],
                kind: str = "response", extra: list[tuple[str, str, bytes, dict]] = ()) -> None:
    """Response records (and `extra` (type, target, payload, headers) records first)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for record_type, target, payload, headers in extra:
            http = None
            if record_type == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", list(headers.items()),
                                        is_http_request=True)
            writer.write_record(writer.create_warc_record(
                target, record_type, payload=BytesIO(payload), http_headers=http,
                length=len(payload)))
        for target, payload, headers in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               *headers.items()], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                target, kind, payload=BytesIO(payload), http_headers=http))


def _peak_rss_mb(cmd: list[str], cwd: Path, timeout: float = 120) -> tuple[int, float, str]:
    """Run `cmd`; (exit code, the process's own peak RSS in MB from /proc VmHWM, stderr)."""
    err = cwd / "stderr.txt"
    with err.open("w") as stderr:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr, cwd=cwd)
        peaks: list[int] = []

        def sample() -> None:
            status = Path(f"/proc/{proc.pid}/status")
            while proc.poll() is None:
                try:
                    peaks.extend(int(line.split()[1]) for line in status.read_text()
                                 .splitlines() if line.startswith("VmHWM:"))
                except (OSError, ValueError):
                    return
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait(timeout=timeout)
        sampler.join(timeout=5)
    return code, (max(peaks) if peaks else 0) / 1024, err.read_text()


def _gzip_of_zeros(megabytes: int) -> bytes:
    squeezer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1 << 20)
    return b"".join([*(squeezer.compress(block) for _ in range(megabytes)), squeezer.flush()])


def test_reextract_never_inflates_past_the_download_limit(tmp_path: Path) -> None:
    page = demo_articles(tmp_path / "demo")[0][1]
    warc = tmp_path / "bomb.warc.gz"
    import brotli

    bomb = _gzip_of_zeros(600)
    _write_warc(warc, [
        ("http://bomb.example/a/", bomb, {"Content-Encoding": "gzip"}),
        ("http://bomb.example/br/", brotli.compress(b"\0" * (600 << 20), quality=1),
         {"Content-Encoding": "br"}),
        ("http://bomb.example/big/", b"<html><body>" + b"<p>x</p>" * 3_000_000, {}),
        ("http://bomb.example/ok/", _variant(page, "http://bomb.example/ok/", 1), {}),
    ], extra=[  # records that are not pages are drained, never decoded
        ("request", "http://bomb.example/q/", bomb, {"Content-Encoding": "gzip"}),
        ("resource", "http://bomb.example/r/", b"\0" * (64 << 20), {}),
    ])
    out = tmp_path / "out"
    code, peak, stderr = _peak_rss_mb(
        [*newscrawl_command(), "reextract", str(warc), "-o", str(out)], tmp_path)
    assert code == 0, stderr[-2000:]
    print(f"reextract peak RSS {peak:.0f} MB")
    assert 0 < peak < 400, f"peak RSS {peak:.0f} MB for a 600 MB gzip bomb"
    assert stderr.count("too_large") >= 3
    records = read_records(out)
    assert [r["url"] for r in records] == ["http://bomb.example/ok/"]


def test_reextract_killed_and_run_again_writes_each_record_once(tmp_path: Path) -> None:
    page = demo_articles(tmp_path / "demo")[0][1]
    count = 400
    urls = [f"http://site.example/news/{i}/" for i in range(count)]
    warc = tmp_path / "many.warc.gz"
    _write_warc(warc, [(u, _variant(page, u, i), {}) for i, u in enumerate(urls)])
    out = tmp_path / "out"
    cmd = [*newscrawl_command(), "reextract", str(warc), "-o", str(out),
           "-s", "NEWSCRAWL_SYNC_SECONDS=5"]  # marks lag the lines: what a kill tests
    for round_ in range(3):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=tmp_path)
        deadline = time.monotonic() + 60
        target = (round_ + 1) * count // 5
        while time.monotonic() < deadline and proc.poll() is None:
            lines = sum(p.read_bytes().count(b"\n") for p in out.rglob("*.jsonl"))
            if lines >= target:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    final = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert final.returncode == 0, final.stderr[-2000:]
    records = read_records(out)
    got = Counter(r["url"] for r in records)
    assert len(got) == count and max(got.values()) == 1, \
        f"{len(records)} lines for {count} articles"


# --- 4. robots.txt per RFC 9309 ----------------------------------------------------------------
@pytest.mark.parametrize(("status", "body", "expected"), [
    (503, b"User-agent: *\nAllow: /\n", DISALLOW_ALL), (500, b"", DISALLOW_ALL),
    (404, b"User-agent: *\nDisallow: /\n", b""), (403, b"Disallow: /", b""),
    (200, b"x" * (ROBOTS_MAX_BYTES + 10), b"x" * ROBOTS_MAX_BYTES),
])
def test_robots_status_policy(status: int, body: bytes, expected: bytes) -> None:
    assert robots_body(status, body) == expected


def _robots_site(tmp_path: Path, robots: Callable[[str], object],
                 paths: tuple[str, ...] = ("/n/0/", "/n/1/"),
                 sitemap_path: str = "/s.xml") -> FaultServer:
    articles = demo_articles(tmp_path / "demo")
    routes: dict = {}
    server = FaultServer(routes)
    base = server.base
    routes.update({
        "/robots.txt": robots(base),
        sitemap_path: ok(sitemap([base + p for p in paths]), "application/xml"),
        **{p: ok(rebase(page, base), HTML) for p, (_x, page) in zip(paths, articles,
                                                                   strict=False)},
    })
    return server


def test_robots_server_error_gives_the_site_up(tmp_path: Path) -> None:
    server = _robots_site(tmp_path, lambda _b: always(Reply(503, b"down",
                                                            {"Retry-After": "1"})))
    code, stdout, stderr = _crawl(server.base, tmp_path / "out", "-s", "RETRY_TIMES=1")
    server.shutdown()
    assert code == 1, stdout
    errors = [line for line in stderr.splitlines() if "error" in line.lower()]
    assert any("robots.txt answered HTTP 503" in line for line in errors), stderr[-2000:]
    assert "Traceback" not in stderr
    asked = set(server.hits)
    assert asked == {"/robots.txt"}, f"fetched despite a 5xx robots.txt: {asked}"
    times = server.times["/robots.txt"]
    assert len(times) >= 2 and times[-1] - times[0] >= 0.95  # retried, after Retry-After


def test_robots_not_found_allows_everything(tmp_path: Path) -> None:
    disallow_all = b"User-agent: *\nDisallow: /\n"  # an error page's words are no rules
    server = _robots_site(tmp_path, lambda _b: always(Reply(404, disallow_all)),
                          sitemap_path="/sitemap.xml")
    code, _stdout, stderr = _crawl(server.base, tmp_path / "out")
    server.shutdown()
    assert code == 0, stderr[-2000:]
    assert len(read_records(tmp_path / "out")) == 2


def test_a_large_robots_txt_is_read_to_500_kib(tmp_path: Path) -> None:
    def robots(base: str) -> object:
        head = (f"User-agent: *\nDisallow: /n/1/\nSitemap: {base}/big-sitemap.xml\n"
                .encode())
        filler = b"# " + b"x" * 97 + b"\n"
        body = head + filler * ((ROBOTS_MAX_BYTES - len(head)) // 100 + 2000) \
            + b"Disallow: /n/0/\n"  # past 500 KiB: not a rule
        return ok(body, "text/plain")

    server = _robots_site(tmp_path, robots, sitemap_path="/big-sitemap.xml")
    code, _stdout, stderr = _crawl(server.base, tmp_path / "out")
    server.shutdown()
    assert code == 0, stderr[-2000:]
    assert server.hits["/big-sitemap.xml"] >= 1  # the Sitemap: line was read
    assert server.hits["/n/1/"] == 0  # the rule near the top was obeyed
    assert [r["url"] for r in read_records(tmp_path / "out")] == [server.base + "/n/0/"]


# --- 5. No quadratic work on hostile pages ----------------------------------------------------
ARTICLE_URL = "http://s.example/world/2025/04/20/who-measles-cases-warning/"


@pytest.fixture(scope="module")
def article_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    page = demo_articles(tmp_path_factory.mktemp("demo"))[0][1]
    return page.decode("utf-8").replace("__BASE__", "http://s.example")


def _cpu(func: Callable[[], object]) -> tuple[object, float]:
    start = time.process_time()
    result = func()
    return result, time.process_time() - start


def _with_head(page: str, extra: str) -> str:
    return page.replace("</head>", extra + "</head>", 1)


def test_deep_json_ld_never_drops_the_article(article_page: str) -> None:
    plain = extract_article(article_page, ARTICLE_URL)
    for script in ("[" * 1000 + "]" * 1000, '{"a":' * 1000 + "1" + "}" * 1000,
                   '{"@graph":' * 200 + "[]" + "}" * 200):
        page = _with_head(article_page, f'<script type="application/ld+json">{script}</script>')
        record = extract_article(page, ARTICLE_URL)
        assert record["body"] == plain["body"] and record["body"]


def test_huge_lists_are_capped_and_the_cap_is_noted(article_page: str) -> None:
    authors = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                          "author": [{"@type": "Person", "name": f"كاتب رقم {i}"}
                                     for i in range(100_000)]})
    tags = "".join(f'<meta property="article:tag" content="وسم {i}">' for i in range(5000))
    related = "".join(f'<li><a href="/r/{i}/">خبر ذو صلة رقم {i} عن الموضوع</a></li>'
                      for i in range(5000))
    page = _with_head(article_page, f'<script type="application/ld+json">{authors}</script>'
                      + tags).replace("</article>", '<div class="related"><h3>اقرأ أيضا</h3>'
                                      f"<ul>{related}</ul></div></article>", 1)
    record, cpu = _cpu(lambda: extract_article(page, ARTICLE_URL))
    assert len(record["authors"]) <= LIST_CAPS["authors"]
    assert len(record["tags"]) == LIST_CAPS["tags"]
    assert len(record["related"]) == LIST_CAPS["related"]
    assert record["body"]
    assert cpu < 5, f"{cpu:.1f} s CPU"
    item = {"tags": ["t"] * 3 + [f"t{i}" for i in range(200)], "related": [], "authors": []}
    assert cap_lists(item) == ["tags"] and len(item["tags"]) == 100


def test_forty_thousand_comments_stay_linear(article_page: str) -> None:
    comments = "".join(f'<div class="comment"><p>تعليق رقم {i} على الخبر من قارئ</p></div>'
                       for i in range(40_000))
    page = article_page.replace("</article>", f'</article><section id="comments">{comments}'
                                "</section>", 1)
    record, cpu = _cpu(lambda: extract_article(page, ARTICLE_URL))
    assert record["body"] and "تعليق رقم" not in record["body"]
    assert cpu < 5, f"{cpu:.1f} s CPU"


def test_a_page_of_200000_links_is_skipped_before_any_work() -> None:
    links = "".join(f'<li><a href="/news/{i}/">خبر رقم {i}</a></li>' for i in range(200_000))
    body = f"<html><body><ul>{links}</ul></body></html>".encode()
    page, cpu = _cpu(lambda: page_article(body, "http://s.example/", "text/html"))
    assert page.skipped == "too_many_links"
    assert cpu < 0.5, f"{cpu:.2f} s CPU"


def test_listing_links_grow_linearly() -> None:
    def listing(n: int) -> object:
        links = "".join(f'<li><a href="/news/2025/04/{i}/story-{i}/">خبر {i}</a></li>'
                        for i in range(n))
        return parse_html(f"<html><body><ul>{links}</ul></body></html>".encode())

    def cost(n: int) -> float:
        doc = listing(n)
        return min(_cpu(lambda: listing_links(doc, "http://s.example/"))[1] for _ in range(3))

    small, large = cost(2_000), cost(16_000)
    assert large < 16 * small + 0.05, f"8x the links cost {large / small:.1f}x the time"


# --- 6. A full disk is a failure, not a success -----------------------------------------------
SMALL_DISK_BYTES = 256 * 1024


@pytest.fixture
def small_disk(tmp_path: Path):
    """(folder, how the crawl is started, the error expected): a real 256 KiB tmpfs that
    fills up mid-crawl (ENOSPC); where mounting is not allowed, a file-size limit on the
    crawl process (EFBIG), a real failed write too."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK_BYTES}", "tmpfs",
                           str(mount)], capture_output=True, text=True)
    if done.returncode == 0:
        yield mount, None, "No space left on device (ENOSPC)"
        subprocess.run(["umount", "-l", str(mount)], check=False)
        return

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (SMALL_DISK_BYTES // 2,) * 2)

    yield mount, limit_file_size, "(EFBIG)"


def test_a_full_disk_fails_the_run_and_marks_nothing_it_lost(small_disk, make_site,
                                                            tmp_path: Path) -> None:
    folder, preexec, expected_error = small_disk
    site = make_site()
    out = folder / "out"
    code, stdout, stderr = _crawl(site.base, out, preexec=preexec)
    assert code == 1, stdout[-2000:]
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if "cannot write" in line]
    # The first failed write is named: the records file, or the seen store beside it.
    assert errors and str(out) in errors[-1], stderr[-2000:]
    assert expected_error in stderr or "disk I/O error" in errors[-1], stderr[-2000:]
    assert "disk_error" in stdout or "finished" not in stdout.split("\n", 1)[0]
    # Nothing is marked stored that is not a whole line on disk.
    lines = b"".join(p.read_bytes() for p in out.rglob("*.jsonl"))
    whole = {json.loads(line)["canonical_url"] for line in lines.split(b"\n")[:-1]}
    store = out / "state" / "seen.sqlite"
    if store.exists():
        with sqlite3.connect(store) as db:
            marked = {row[0] for row in db.execute("SELECT canonical_url FROM articles")}
        assert marked <= whole, f"marked but not on disk: {marked - whole}"
    assert len(whole) < len(site.articles), "the disk was meant to fill up"
    # Space again: the next run repairs the torn line and writes every article once.
    roomy = tmp_path / "roomy"
    shutil.copytree(out, roomy)
    code, stdout, stderr = _crawl(site.base, roomy)
    assert code == 0, stderr[-2000:]
    records = read_records(roomy)
    assert_valid(records)
    urls = Counter(r["canonical_url"] for r in records)
    stories = [p for p in site.articles if not p.startswith("/mirror/")]  # one is a mirror
    assert max(urls.values()) == 1 and len(urls) == len(stories)


# --- 7. Small ones --------------------------------------------------------------------------
def test_a_stray_nul_byte_is_no_binary_page(article_page: str) -> None:
    head, rest = article_page.split("<body", 1)
    page = (head + "\x00<body" + rest).encode("utf-8")
    fetched = page_article(page, ARTICLE_URL, "text/html; charset=utf-8")
    assert fetched.skipped is None and fetched.article is not None
    assert extract_article(page, ARTICLE_URL)["body"]
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 300
    assert page_article(jpeg, ARTICLE_URL, "text/html").skipped == "not_html"
    assert looks_binary(jpeg) and not looks_binary(page)


HOSTILE_DATES = ["0001-01-01T00:00:00+14:00", "Tue, 01 Jan 0001 00:00:00 +1400",
                 "Fri, 31 Dec 9999 23:59:59 -1400", "9999-12-31T23:59:59-14:00", "9999-12-31",
                 "2023-02-30", "2023-01-01T24:00:00Z", "2023-01-01T10:00:00+99:99", "zzzz",
                 "1e400", "9" * 400, "\x00", "٩٩٩٩-٠١-٠١", "-0001-01-01", "0000-00-00"]


@pytest.mark.parametrize("raw", HOSTILE_DATES)
def test_hostile_listing_dates_never_raise(raw: str) -> None:
    entry = Entry("http://s.example/a/", published=raw, lastmod=raw)
    day = entry_date(entry)
    assert day is None or 1990 <= day.year <= 2100
    assert is_before(entry, date(2020, 1, 1)) in (True, False)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_listing_date_never_raises(raw: str) -> None:
    entry_date(Entry("http://s.example/a/", published=raw, lastmod=raw))


def test_a_sitemap_of_hostile_dates_is_crawled(tmp_path: Path) -> None:
    articles = demo_articles(tmp_path / "demo")[:len(HOSTILE_DATES)]
    routes: dict = {}
    server = FaultServer(routes)
    base = server.base
    items = "".join(f"<url><loc>{base}/n/{i}/</loc><lastmod>{escape(raw)}</lastmod></url>"
                    for i, raw in enumerate(HOSTILE_DATES) if "\x00" not in raw)
    routes.update({
        "/robots.txt": ok(f"User-agent: *\nSitemap: {base}/s.xml\n".encode(), "text/plain"),
        "/s.xml": ok(('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.'
                      f'sitemaps.org/schemas/sitemap/0.9">{items}</urlset>').encode(),
                     "application/xml"),
        **{f"/n/{i}/": ok(rebase(page, base), HTML) for i, (_p, page) in enumerate(articles)},
    })
    code, stdout, stderr = _crawl(base, tmp_path / "out", "--since", "2020-01-01")
    server.shutdown()
    assert code == 0 and "Traceback" not in stderr, stderr[-2000:]
    listed = sum(1 for raw in HOSTILE_DATES if "\x00" not in raw)
    assert len(read_records(tmp_path / "out")) == listed, stdout


def test_reextract_stops_at_a_failed_write_and_exits_1(tmp_path: Path) -> None:
    page = demo_articles(tmp_path / "demo")[0][1]
    warc = tmp_path / "two.warc.gz"
    urls = [f"http://fine.example/news/{i}/" for i in range(2)]
    _write_warc(warc, [(u, _variant(page, u, i), {}) for i, u in enumerate(urls)])
    out = tmp_path / "out"
    out.mkdir()
    (out / folder_name("fine.example")).write_text("a file where the site's folder goes")
    proc = subprocess.run([*newscrawl_command(), "reextract", str(warc), "-o", str(out)],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]
    errors = [line for line in proc.stderr.splitlines() if "cannot write" in line]
    assert errors and "Traceback" not in proc.stderr


def test_a_payload_of_many_gzip_members_is_not_inflated() -> None:
    many = b"".join(gzip.compress(b"x") for _ in range(50_000))
    start = time.process_time()
    body, over = _decoded(many, "gzip", 10 << 20)
    assert over and body == b"" and time.process_time() - start < 1
    two = gzip.compress(b"a") + gzip.compress(b"b")  # a few members are read, as gzip does
    assert _decoded(two, "gzip", 100) == (b"ab", False)


def test_feed_links_are_capped_and_linear() -> None:
    links = "".join(f'<link rel="alternate" type="application/rss+xml" href="/f{i}.xml">'
                    for i in range(40_000))
    doc = parse_html(f"<html><head>{links}</head><body></body></html>".encode())
    feeds, cpu = _cpu(lambda: feed_links(doc, "http://s.example/"))
    assert len(feeds) == MAX_FEEDS_PER_PAGE and cpu < 1


@pytest.mark.parametrize("reply", [
    Reply(200, b"User-agent: *\nAllow: /\n" * 100, {"Content-Type": "text/plain"},
          cut_at=200),  # cut short of its Content-Length
    Reply(200, b"# " + b"x" * (12 << 20), {"Content-Type": "text/plain"}),  # past the limit
])
def test_a_robots_txt_that_cannot_be_read_gives_the_site_up(tmp_path: Path,
                                                             reply: Reply) -> None:
    server = _robots_site(tmp_path, lambda _b: always(reply))
    code, stdout, stderr = _crawl(server.base, tmp_path / "out")
    server.shutdown()
    assert code == 1, stdout
    assert "robots.txt could not be read" in stderr and "Traceback" not in stderr
    assert set(server.hits) == {"/robots.txt"}
