"""The frontier: discovered article URLs wait on disk, newest first, and go out a window at
a time; a killed run resumes from it without reading its sitemaps again."""

from __future__ import annotations

import gzip
import json
import signal
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import newscrawl_command, read_records
from faultserver import HTML, FaultServer, Reply, always, demo_articles, ok, rebase

from newscrawl.sitemapread import MAX_SITEMAP_BYTES, BadSitemap, SitemapReader
from newscrawl.store.frontier import SENT, SETTLED, WAITING, Frontier, MemoryFrontier

QUICK = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0",
         "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_TIMES=0"]
DAY = date(2025, 4, 20)


# --- The frontier itself --------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["sqlite", "memory"])
def test_newest_first_each_url_once_undated_last(kind: str, tmp_path: Path) -> None:
    frontier = Frontier(tmp_path / "f.sqlite") if kind == "sqlite" else MemoryFrontier()
    assert frontier.add("https://x.example/a/1", "sitemap", DAY - timedelta(days=3))
    assert frontier.add("https://x.example/a/2", "sitemap", None)
    assert frontier.add("https://x.example/a/3", "feed", DAY)
    assert frontier.add("https://x.example/a/4", "sitemap", DAY - timedelta(days=3))
    # Another dress of a queued URL is the same URL.
    assert not frontier.add("https://www.x.example/a/3/", "listing", None)
    assert frontier.waiting() == 4
    taken = [q.url for q in frontier.take(3)]
    assert taken == ["https://x.example/a/3", "https://x.example/a/1", "https://x.example/a/4"]
    assert [q.url for q in frontier.take(10)] == ["https://x.example/a/2"]
    frontier.settle("https://x.example/a/3")
    # The watermark may not pass the oldest row not settled.
    assert frontier.oldest_open("sitemap") == (DAY - timedelta(days=3)).isoformat()
    assert frontier.oldest_open("feed") is None


def test_a_killed_run_resumes_what_was_not_settled(tmp_path: Path) -> None:
    path = tmp_path / "site.frontier.sqlite"
    frontier = Frontier(path)
    for i in range(5):
        frontier.add(f"https://x.example/a/{i}", "sitemap", DAY - timedelta(days=i))
    frontier.take(2)
    frontier.settle("https://x.example/a/0")
    frontier.sitemap_read("https://x.example/sitemap-1.xml", "2025-04-20")
    frontier.commit()
    frontier.db.close()  # a kill: no close(), the file stays
    again = Frontier(path)
    # The page in flight at the kill waits again; the settled one does not.
    states = dict(again.rows())
    assert states["https://x.example/a/0"] == SETTLED
    assert states["https://x.example/a/1"] == WAITING and SENT not in states.values()
    assert again.resumed == 4
    assert again.sitemaps_read() == {"https://x.example/sitemap-1.xml": "2025-04-20"}
    again.close(finished=True)
    assert not path.exists()


# --- Sitemaps as a stream -------------------------------------------------------------------
def _urlset(n: int, pad: int = 0) -> bytes:
    rows = "".join(f"<url><loc>https://x.example/a/{i}</loc><lastmod>2025-04-0{1 + i % 9}"
                   f"</lastmod></url>" for i in range(n))
    filler = "<!--" + "x" * pad + "-->" if pad else ""
    return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{rows}{filler}<url><loc>https://x.example/late</loc></url></urlset>").encode()


def test_a_sitemap_is_read_as_a_stream() -> None:
    reader = SitemapReader(gzip.compress(_urlset(50_000)), "https://x.example/")
    entries = reader.entries()
    first = next(entries)
    assert reader.kind == "urlset" and first.url == "https://x.example/a/0"
    assert first.lastmod == "2025-04-01"
    assert sum(1 for _ in entries) == 50_000 and reader.problem is None
    # Entries come out before the end is read: a body cut by the size cap (a gzip bomb
    # after real entries) gives what came before the cap, then refuses.
    bomb = gzip.compress(_urlset(100, pad=MAX_SITEMAP_BYTES))
    got = []
    with pytest.raises(BadSitemap, match="over"):
        for entry in SitemapReader(bomb, "https://x.example/").entries():
            got.append(entry.url)
    assert len(got) == 100


# --- In a crawl ------------------------------------------------------------------------------
@pytest.fixture
def dated_site(tmp_path: Path):
    """Eight articles listed by two urlsets (the older one first), each page slow enough
    that a crawl can be killed halfway."""
    every = demo_articles(tmp_path / "demo")
    articles = every[:8]
    routes: dict = {}
    server = FaultServer(routes)
    base = server.base
    paths = [f"/n/{i}/" for i in range(len(articles))]
    # Article i was listed i days before DAY: /n/0/ is the newest.
    for path, (_demo, page) in zip(paths, articles, strict=True):
        routes[path] = always(Reply(200, rebase(page, base), {"Content-Type": HTML},
                                    delay=0.4))

    def urlset(chosen: list[str]) -> bytes:
        rows = "".join(f"<url><loc>{base}{p}</loc><lastmod>"
                       f"{DAY - timedelta(days=paths.index(p)) if p in paths else DAY}"
                       "</lastmod></url>" for p in chosen)
        return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9">{rows}</urlset>').encode()
    routes["/robots.txt"] = ok(f"Sitemap: {base}/index.xml\n".encode(), "text/plain")
    # A corrupt gzip sitemap beside the good ones must not hold them back; the urlsets
    # carry a lastmod in the index (a test moves new.xml's).
    lastmods = {"/old.xml": "2025-04-16", "/new.xml": "2025-04-20", "/broken.xml.gz": "2025-04-20"}

    def index(_asked: int) -> Reply:
        rows = "".join(f"<sitemap><loc>{base}{p}</loc><lastmod>{m}</lastmod></sitemap>"
                       for p, m in lastmods.items())
        return Reply(200, (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.'
                           f'org/schemas/sitemap/0.9">{rows}</sitemapindex>').encode(),
                     {"Content-Type": "application/xml"})
    routes["/index.xml"] = index
    # Leading blank lines before <?xml, as some CMSs print them.
    routes["/old.xml"] = ok(b"\n\n" + urlset(paths[4:][::-1]), "application/xml")  # oldest first
    routes["/new.xml"] = ok(urlset(paths[:4][::-1]), "application/xml")
    routes["/broken.xml.gz"] = ok(b"\x1f\x8b\x08\x00" + b"\x00garbage" * 50, "application/gzip")
    server.lastmods, server.urlset = lastmods, urlset
    server.spare = rebase(every[8][1], base)  # an article published later
    return server, paths


def _crawl(base: str, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*newscrawl_command(), "crawl", base + "/", "-o", str(out),
                             *QUICK, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=out.parent)


def test_the_newest_articles_are_fetched_first(dated_site, tmp_path: Path) -> None:
    server, paths = dated_site
    out = tmp_path / "out"
    proc = _crawl(server.base, out, "--max-articles", "3", "-s", "CONCURRENT_REQUESTS=1")
    _stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr[-2000:]
    fetched = sorted((t[0], p) for p, t in server.times.items() if p in paths)
    assert [p for _t, p in fetched][:3] == paths[:3]
    assert {r["url"].removeprefix(server.base) for r in read_records(out)} == set(paths[:3])
    # A finished run (the cap reached) leaves no frontier to resume.
    assert not list((out / "state").glob("*.frontier.sqlite"))


def test_a_killed_crawl_resumes_from_its_frontier(dated_site, tmp_path: Path) -> None:
    server, paths = dated_site
    out = tmp_path / "out"
    _killed_after(3, server.base, out)
    first = _written(out)
    assert 3 <= len(first) < len(paths)
    assert list((out / "state").glob("*.frontier.sqlite")), "the frontier must survive a kill"
    # Meanwhile the site published an article: new.xml lists it, and its index entry
    # says so with a new lastmod.
    server.routes["/n/extra/"] = ok(server.spare)
    server.routes["/new.xml"] = ok(server.urlset([*paths[:4], "/n/extra/"]), "application/xml")
    paths = [*paths, "/n/extra/"]
    server.lastmods["/new.xml"] = "2025-04-21"
    again = _crawl(server.base, out, "-s", "CONCURRENT_REQUESTS=2")
    stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr[-2000:]
    resumed = next(line for line in stdout.splitlines() if line.strip().startswith("resumed"))
    summaries = sorted(next(out.glob("*/runs")).glob("*.json"))  # the killed run wrote none
    assert json.loads(summaries[-1].read_text())["resumed_from_frontier"] == int(resumed.split()[1])
    # Every page not written waits again (one written but not yet marked at the kill may
    # too: the store's recovery reads it back, and its second fetch is a known URL).
    assert 0 <= int(resumed.split()[1]) - (len(paths) - 1 - len(first)) <= 1
    records = read_records(out)
    assert sorted(r["url"].removeprefix(server.base) for r in records) == sorted(paths)
    # The urlset read in full by the killed run and unchanged since is not fetched again;
    # the one whose lastmod moved is.
    assert server.hits["/old.xml"] == 1 and server.hits["/new.xml"] == 2
    assert server.hits["/index.xml"] == 2
    assert not list((out / "state").glob("*.frontier.sqlite"))


def _killed_after(records: int, base: str, out: Path, *extra: str) -> None:
    """A crawl (one page at a time, each record marked at once) killed with SIGKILL once
    it has written `records` records."""
    proc = _crawl(base, out, *extra, "-s", "CONCURRENT_REQUESTS=1",
                  "-s", "NEWSCRAWL_SYNC_SECONDS=0")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_written(out)) < records:
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _written(out: Path) -> list[str]:
    lines = []
    for path in out.rglob("*.jsonl"):
        lines += [line for line in path.read_text("utf-8").splitlines() if line.endswith("}")]
    return lines


def test_no_more_article_requests_are_out_than_the_window(dated_site, tmp_path: Path) -> None:
    server, paths = dated_site
    out = tmp_path / "out"
    proc = _crawl(server.base, out, "-s", "CONCURRENT_REQUESTS=8",
                  "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "NEWSCRAWL_FRONTIER_WINDOW=2")
    _stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr[-2000:]
    assert len(read_records(out)) == len(paths)
    # Each page takes 0.4 s to answer: with 8 connections but a window of 2, no moment
    # sees more than 2 article requests open at the server.
    starts = sorted(t for p, times in server.times.items() if p in paths for t in times)
    overlap = max(sum(1 for s in starts if s <= t < s + 0.39) for t in starts)
    assert overlap <= 2, overlap


def test_blank_lines_before_the_xml_declaration_are_not_a_broken_sitemap() -> None:
    body = b"\n\n  \r\n" + _urlset(3).replace(b"https://x.example/late", b"/late")
    reader = SitemapReader(gzip.compress(body), "https://x.example/")
    urls = [e.url for e in reader.entries()]
    assert reader.problem is None and urls[-1] == "https://x.example/late" and len(urls) == 4


def test_entries_left_unread_and_a_damaged_file_survive_restarts(tmp_path: Path) -> None:
    path = tmp_path / "site.frontier.sqlite"
    frontier = Frontier(path)
    frontier.left_unread("sitemap", "2025-03-01")
    frontier.left_unread("sitemap", "2025-02-01")
    frontier.left_unread("sitemap", "2025-03-09")
    frontier.db.close()  # killed
    again = Frontier(path)
    # A resumed run that does not read that sitemap again still holds its watermark back.
    assert again.oldest_unread("sitemap") == "2025-02-01" and again.rebuilt is None
    again.db.close()
    with path.open("r+b") as handle:  # a power cut tore the file
        handle.seek(0)
        handle.write(b"\0" * 4096)
    rebuilt = Frontier(path)
    assert rebuilt.rebuilt and rebuilt.waiting() == 0
    assert rebuilt.add("https://x.example/a/1", "sitemap", DAY)


def test_two_start_urls_of_one_site_share_its_frontier(make_site, run_newscrawl) -> None:
    from conftest import FAST

    site = make_site()
    single = run_newscrawl("crawl", site.base, *FAST, out=site.root.parent / "one")
    assert single.code == 0, single.stderr
    run = run_newscrawl("crawl", site.base, site.base + "world/", *FAST,
                        out=site.root.parent / "two")
    assert run.code == 0, run.stderr[-2000:]
    # One run of the site: the same articles, each written once (under whichever of its
    # URLs came first), and no frontier left.
    assert sorted(r["title"] for r in run.records) == sorted(r["title"] for r in single.records)
    assert not list((site.root.parent / "two" / "state").glob("*.frontier.sqlite*"))


def test_a_whitespace_bomb_before_the_xml_is_capped() -> None:
    bomb = gzip.compress(b" " * (MAX_SITEMAP_BYTES + 1024) + _urlset(2))
    with pytest.raises(BadSitemap, match="over"):
        list(SitemapReader(bomb, "https://x.example/").entries())


def test_a_frontier_of_another_layout_is_rebuilt(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "site.frontier.sqlite"
    with sqlite3.connect(path) as db:  # an interim version's file: no lastmod column
        db.execute("CREATE TABLE sitemaps_read (url TEXT PRIMARY KEY) WITHOUT ROWID")
        db.execute("INSERT INTO sitemaps_read VALUES ('https://x.example/s.xml')")
    frontier = Frontier(path)
    assert frontier.rebuilt and frontier.sitemaps_read() == {}
    frontier.sitemap_read("https://x.example/s.xml", "2025-04-20")
    frontier.close(finished=False)
    assert Frontier(path).sitemaps_read() == {"https://x.example/s.xml": "2025-04-20"}


def test_since_never_lets_a_later_run_lose_what_it_left_unread(dated_site, tmp_path: Path
                                                               ) -> None:
    server, paths = dated_site
    out = tmp_path / "out"
    # The index dates old.xml 2025-04-16: with --since 2025-04-18 it is not even read.
    first = _crawl(server.base, out, "--since", "2025-04-18", "-s", "CONCURRENT_REQUESTS=4")
    _stdout, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stderr[-2000:]
    assert server.hits["/old.xml"] == 0
    # A later run without --since finds every article, the oldest listed included: the
    # watermark of the first stayed before what it left unread.
    again = _crawl(server.base, out, "-s", "CONCURRENT_REQUESTS=4")
    _stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr[-2000:]
    assert sorted(r["url"].removeprefix(server.base) for r in read_records(out)) == sorted(paths)


def test_a_resumed_run_rereads_a_sitemap_since_left_partly_unread(dated_site, tmp_path: Path
                                                                  ) -> None:
    server, paths = dated_site
    server.lastmods["/old.xml"] = "2025-04-19"  # read by --since 2025-04-15, partly
    out = tmp_path / "out"
    _killed_after(2, server.base, out, "--since", "2025-04-15")
    again = _crawl(server.base, out, "-s", "CONCURRENT_REQUESTS=2")
    _stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr[-2000:]
    # old.xml held entries --since left out: the resumed run (without it) reads it again.
    assert server.hits["/old.xml"] == 2
    assert sorted(r["url"].removeprefix(server.base) for r in read_records(out)) == sorted(paths)


def test_a_whole_site_walk_settles_what_the_sitemaps_list(dated_site, tmp_path: Path) -> None:
    import sqlite3

    server, paths = dated_site
    links = "".join(f"<a href='{server.base}{p}'>خبر {i}</a> " for i, p in enumerate(paths))
    home = f"<html><body><main><h1>الرئيسية</h1><p>{links}</p></main></body></html>"
    server.routes["/"] = ok(home.encode())
    index = server.routes["/index.xml"]
    server.routes["/index.xml"] = lambda asked: Reply(**{**index(asked).__dict__, "delay": 1.5})
    out = tmp_path / "out"
    # Records marked in the store only at the end: the sitemap's rows are not known as
    # stored when it arrives, so they go out and meet the walk's requests.
    proc = _crawl(server.base, out, "--whole-site", "-s", "CONCURRENT_REQUESTS=8",
                  "-s", "NEWSCRAWL_SYNC_SECONDS=60")
    _stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr[-2000:]
    assert len(read_records(out)) == len(paths)
    # The walk fetched the pages first; the sitemaps' rows for them are settled, so the
    # watermark reaches the newest listing day.
    with sqlite3.connect(out / "state" / "seen.sqlite") as db:
        marks = dict(db.execute("SELECT tier, value FROM watermarks"))
    assert marks.get("sitemap", "")[:10] == DAY.isoformat()
    assert max(server.hits[p] for p in paths) == 1
