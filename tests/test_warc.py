"""WARC capture (--archive), re-extraction from archives, whole-site capture."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import FAST, assert_valid, read_records, site_dir

from newscrawl.demosite.build import SiteOptions
from newscrawl.demosite.server import Answer

pytestmark = pytest.mark.integration
WARCIO = [str(Path(sys.executable).parent / "warcio")]


def warcio(*args: str) -> subprocess.CompletedProcess[str]:
    """The real warcio command line tool."""
    return subprocess.run([*WARCIO, *args], capture_output=True, text=True, timeout=120)


def index(path: Path) -> list[dict[str, str]]:
    """`warcio index` of a file: one dict per record (offset, type, URI, record id)."""
    proc = warcio("index", "-f", "offset,length,warc-type,warc-target-uri,warc-record-id",
                  str(path))
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def warcs(out: Path) -> list[Path]:
    return sorted(out.rglob("*.warc.gz"))


def test_archive_writes_checked_warc_files_and_records_point_into_them(
        make_site, run_newscrawl, tmp_path: Path) -> None:
    site = make_site()
    out = tmp_path / "out"
    run = run_newscrawl("crawl", site.base, "--archive", *FAST, out=out)
    assert run.code == 0, run.stderr
    files = warcs(out)
    assert files and not list(out.rglob("*.open")), "finished files lose their .open suffix"
    assert all(p.parent == site_dir(out, site.base) / "warc" for p in files)
    check = warcio("check", "-v", *map(str, files))
    assert check.returncode == 0, check.stdout + check.stderr
    entries = [e for f in files for e in index(f)]
    types = {e["warc-type"] for e in entries}
    assert {"warcinfo", "response", "request", "metadata"} <= types
    fetched = {e["warc-target-uri"].replace(site.base.rstrip("/"), "") for e in entries
               if e["warc-type"] in ("response", "revisit")}
    # Every kind of fetch is archived: robots.txt, sitemaps, feeds or listings, articles.
    assert "/robots.txt" in fetched and "/sitemap_index.xml" in fetched
    assert set(site.articles) <= fetched
    # Each record points at its response record, and warcio extracts the page's bytes.
    by_id = {e["warc-record-id"]: e for e in entries}
    assert_valid(run.records)
    for record in run.records[:5]:
        pointer = record["warc"]
        entry = by_id[pointer["record_id"]]
        assert entry["warc-type"] == "response"
        assert entry["warc-target-uri"] == record["url"]
        payload = subprocess.run([*WARCIO, "extract", "--payload", str(out / pointer["file"]),
                                  entry["offset"]], capture_output=True, timeout=60).stdout
        path = record["url"].replace(site.base.rstrip("/"), "").strip("/")
        original = (site.root / path / "index.html").read_bytes().replace(
            b"__BASE__", site.base.rstrip("/").encode())
        assert payload == original


def test_unchanged_refetches_are_revisits(make_site, run_newscrawl, tmp_path: Path) -> None:
    site = make_site(SiteOptions(include_seed=False))
    out = tmp_path / "out"
    assert run_newscrawl("crawl", site.base, "--archive", *FAST, out=out).code == 0
    first = set(warcs(out))
    assert run_newscrawl("crawl", site.base, "--archive", *FAST, out=out).code == 0
    second = [p for p in warcs(out) if p not in first]
    assert second, "the second run has its own WARC file"
    kinds = {}
    for entry in index(second[0]):
        if entry["warc-type"] in ("response", "revisit"):
            kinds[entry["warc-target-uri"].replace(site.base.rstrip("/"), "")] = \
                entry["warc-type"]
    # Sitemaps are read again each run; unchanged, they are stored as revisits.
    assert kinds["/sitemaps/posts.xml"] == "revisit"
    assert warcio("check", *map(str, second)).returncode == 0


def test_reextract_gives_the_live_records_offline(make_site, run_newscrawl,
                                                  tmp_path: Path) -> None:
    site = make_site()
    live_out = tmp_path / "live"
    live = run_newscrawl("crawl", site.base, "--archive", *FAST, out=live_out)
    assert live.code == 0, live.stderr
    seen = len(site.seen)
    again = run_newscrawl("reextract", str(site_dir(live_out, site.base) / "warc"), "-o",
                          str(tmp_path / "again"), out=tmp_path / "again")
    assert again.code == 0, again.stderr
    assert len(site.seen) == seen, "re-extraction must not touch the network"
    rebuilt = read_records(tmp_path / "again")
    assert rebuilt == live.records
    assert_valid(rebuilt)


def test_reextract_reads_html_served_as_text_plain_as_the_crawl_did(make_site, run_newscrawl,
                                                                   tmp_path: Path) -> None:
    # One path from response to record: HTML served as text/plain or as octet-stream is an
    # article in the live crawl, and so it is when the archive is read again.
    holder: dict[str, Any] = {}

    def mislabeled(ctype: str) -> Any:
        def answer() -> Answer:
            site = holder["site"]
            path = site.articles[holder[ctype]]
            html = (site.root / path.strip("/") / "index.html").read_bytes()
            return Answer(200, html.replace(b"__BASE__", site.base.rstrip("/").encode()),
                          {"Content-Type": ctype})
        return answer

    holder["text/plain; charset=utf-8"], holder["application/octet-stream"] = 0, 1
    routes: dict[str, Any] = {"/never-requested/": Answer(404)}  # filled once the site is up
    site = make_site(routes=routes)
    holder["site"] = site
    for ctype in ("text/plain; charset=utf-8", "application/octet-stream"):
        routes[site.articles[holder[ctype]]] = mislabeled(ctype)
    live_out = tmp_path / "live"
    live = run_newscrawl("crawl", site.base, "--archive", *FAST, out=live_out)
    assert live.code == 0, live.stderr
    urls = {r["url"].removeprefix(site.base.rstrip("/")) for r in live.records}
    assert {site.articles[0], site.articles[1]} <= urls
    served = {path for path, _agent in site.seen}
    assert {site.articles[0], site.articles[1]} <= served
    again = run_newscrawl("reextract", str(site_dir(live_out, site.base) / "warc"), "-o",
                          str(tmp_path / "again"), out=tmp_path / "again")
    assert again.code == 0, again.stderr
    assert read_records(tmp_path / "again") == live.records


def test_reextract_skips_a_broken_record_and_keeps_the_rest(make_site, run_newscrawl,
                                                            tmp_path: Path) -> None:
    site = make_site(SiteOptions(include_seed=False))
    live_out = tmp_path / "live"
    live = run_newscrawl("crawl", site.base, "--archive", *FAST, out=live_out)
    assert live.code == 0
    source = warcs(live_out)[0]
    broken = site_dir(tmp_path / "broken", site.base) / "warc" / source.name
    broken.parent.mkdir(parents=True)
    data = bytearray(source.read_bytes())
    # Damage the compressed bytes of one article's response record...
    victim = next(e for e in index(source) if e["warc-type"] == "response"
                  and e["warc-target-uri"] == live.records[3]["url"])
    start = int(victim["offset"])
    for i in range(start + 40, start + 60):
        data[i] ^= 0xFF
    # ...and cut the file in the middle of the last article's response record.
    cut = next(e for e in reversed(index(source)) if e["warc-type"] == "response"
               and e["warc-target-uri"] == live.records[-1]["url"])
    broken.write_bytes(bytes(data[:int(cut["offset"]) + 300]))
    run = run_newscrawl("reextract", str(broken), "-o", str(tmp_path / "again"),
                        out=tmp_path / "again")
    assert run.code == 0, run.stderr
    assert "broken WARC record" in run.stderr and "Traceback" not in run.stderr
    assert run.skipped("corrupt_warc_record") >= 2
    rebuilt = {r["canonical_url"] for r in read_records(tmp_path / "again")}
    expected = {r["canonical_url"] for r in live.records} - {live.records[3]["canonical_url"]}
    assert rebuilt == expected - {live.records[-1]["canonical_url"]}


def test_warc_files_rotate_at_the_size_limit(make_site, run_newscrawl, tmp_path: Path) -> None:
    site = make_site(SiteOptions(include_seed=False))
    out = tmp_path / "out"
    run = run_newscrawl("crawl", site.base, "--archive", *FAST, "-s",
                        "NEWSCRAWL_WARC_MAX_BYTES=60000", out=out)
    assert run.code == 0, run.stderr
    files = warcs(out)
    assert len(files) > 3
    assert all(f.stat().st_size < 60000 + 200_000 for f in files)
    assert warcio("check", *map(str, files)).returncode == 0
    for f in files:  # every file starts with its own warcinfo record
        assert index(f)[0]["warc-type"] == "warcinfo"
    with gzip.open(files[0]) as handle:
        assert handle.read(8) == b"WARC/1.1"


def _requisites(root: Path) -> None:
    home = root / "index.html"
    html = home.read_text("utf-8").replace(
        "</head>", '<link rel="stylesheet" href="/static/site.css"></head>').replace(
        "</body>", '<img src="/static/logo.png" alt=""><a href="/about/">من نحن</a></body>')
    home.write_text(html, "utf-8")
    (root / "static").mkdir()
    (root / "static" / "site.css").write_text("body{direction:rtl}", "utf-8")
    (root / "static" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (root / "about").mkdir()
    (root / "about" / "index.html").write_text(
        "<html><body><h1>من نحن</h1><a href='/about/team/'>الفريق</a></body></html>", "utf-8")
    (root / "about" / "team").mkdir()
    (root / "about" / "team" / "index.html").write_text("<html><body>الفريق</body></html>",
                                                        "utf-8")


def test_whole_site_captures_every_page_and_requisite(make_site, run_newscrawl,
                                                      tmp_path: Path) -> None:
    site = make_site(SiteOptions(include_seed=False), edit=_requisites)
    normal = run_newscrawl("crawl", site.base, *FAST, out=tmp_path / "normal")
    normal_paths = {p for p, _ua in site.seen}
    assert "/about/team/" not in normal_paths
    out = tmp_path / "whole"
    before = len(site.seen)
    whole = run_newscrawl("crawl", site.base, "--archive", "--whole-site", *FAST, out=out)
    assert whole.code == 0, whole.stderr
    # The link walk and the sitemaps find the same articles: each is fetched once.
    fetched = Counter(p for p, _ua in site.seen[before:] if p in site.articles)
    assert fetched and max(fetched.values()) == 1, fetched.most_common(2)
    archived = {e["warc-target-uri"].replace(site.base.rstrip("/"), "")
                for f in warcs(out) for e in index(f) if e["warc-type"] == "response"}
    assert {"/static/site.css", "/static/logo.png", "/about/", "/about/team/"} <= archived
    assert set(site.articles) <= archived
    assert len(whole.records) == len(normal.records)  # the same articles, nothing else
    before = len(site.seen)
    limited = run_newscrawl("crawl", site.base, "--whole-site", *FAST, "-s",
                            "NEWSCRAWL_WHOLE_SITE_DEPTH=1", out=tmp_path / "shallow")
    assert limited.code == 0
    shallow = {p for p, _ua in site.seen[before:]}
    assert "/about/" in shallow and "/about/team/" not in shallow, "one link deep only"
    before = len(site.seen)
    capped = run_newscrawl("crawl", site.base, "--whole-site", *FAST, "-s",
                           "NEWSCRAWL_WHOLE_SITE_MAX_PAGES=3", "-s", "NEWSCRAWL_INCREMENTAL=False",
                           out=tmp_path / "capped")
    assert capped.code == 0
    assert "/about/team/" not in {p for p, _ua in site.seen[before:]}


@pytest.mark.parametrize("where", [0.3, 0.7, 1.0])
def test_a_cut_record_never_gives_half_a_page(make_site, run_newscrawl, tmp_path: Path,
                                              where: float) -> None:
    site = make_site(SiteOptions(include_seed=False))
    live = run_newscrawl("crawl", site.base, "--archive", *FAST, out=tmp_path / "live")
    source = warcs(tmp_path / "live")[0]
    last = live.records[-1]
    entry = next(e for e in index(source) if e["warc-type"] == "response"
                 and e["warc-target-uri"] == last["url"])
    cut = int(entry["offset"]) + int(int(entry["length"]) * where)
    broken = site_dir(tmp_path / "cut", site.base) / "warc" / source.name
    broken.parent.mkdir(parents=True)
    broken.write_bytes(source.read_bytes()[:cut])
    again = tmp_path / "again"
    run = run_newscrawl("reextract", str(broken), "-o", str(again), out=again)
    rebuilt = {r["canonical_url"]: r for r in read_records(again)}
    if where < 1.0:
        assert last["canonical_url"] not in rebuilt and "broken WARC record" in run.stderr
    else:  # cut right after the response: the page is whole, its metadata is gone
        assert rebuilt[last["canonical_url"]] == last
    for record in live.records[:-1]:
        assert rebuilt[record["canonical_url"]] == record


def test_compressed_responses_archive_and_reextract(make_site, run_newscrawl,
                                                    tmp_path: Path) -> None:
    from newscrawl.demosite.server import Answer

    routes: dict = {"/never-asked/": Answer(404)}
    site = make_site(SiteOptions(include_seed=False), routes=routes)
    path = sorted(site.articles)[0]
    page = (site.root / path.strip("/") / "index.html").read_bytes().replace(
        b"__BASE__", site.base.rstrip("/").encode())
    routes[path] = Answer(200, gzip.compress(page), {"Content-Type": "text/html; charset=utf-8",
                                                      "Content-Encoding": "gzip"})
    live = run_newscrawl("crawl", site.base, "--archive", *FAST, out=tmp_path / "live")
    assert any(r["canonical_url"].endswith(path) for r in live.records)
    files = warcs(tmp_path / "live")
    assert warcio("check", *map(str, files)).returncode == 0
    again = tmp_path / "again"
    run = run_newscrawl("reextract", str(files[0].parent), "-o", str(again), out=again)
    assert run.code == 0, run.stderr
    assert read_records(again) == live.records


def test_a_warc_left_open_by_a_crash_is_finished_by_the_next_run(make_site, run_newscrawl,
                                                                 tmp_path: Path) -> None:
    site = make_site(SiteOptions(include_seed=False))
    out = tmp_path / "out"
    run_newscrawl("crawl", site.base, "--archive", *FAST, out=out)
    finished = warcs(out)[0]
    crashed = finished.with_name("127.0.0.1-20200101000000-00001.warc.gz.open")
    crashed.write_bytes(finished.read_bytes()[:-500])  # a kill mid-record
    run = run_newscrawl("crawl", site.base, "--archive", *FAST, out=out)
    assert run.code == 0, run.stderr
    assert not list(out.rglob("*.open"))
    repaired = crashed.with_name(crashed.name.removesuffix(".open"))
    assert repaired.exists()
    assert warcio("check", str(repaired)).returncode == 0
