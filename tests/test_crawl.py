"""The real `newscrawl crawl` command against sites served from 127.0.0.1."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import FAST, Site, assert_valid, run_scrapy

from newscrawl.demosite.build import SiteOptions
from newscrawl.demosite.server import Answer
from newscrawl.discovery import parse_sitemap
from newscrawl.extraction import extract_article
from newscrawl.urls import site_of

pytestmark = pytest.mark.integration


def _paths(site: Site, records: list[dict]) -> Counter[str]:
    """Canonical paths written; the mojibake mirror counts as the story it copies
    (whichever of the two arrives first is kept)."""
    return Counter(r["canonical_url"].replace(site.base.rstrip("/"), "").replace("/mirror/", "/")
                   for r in records)


def _expected_paths(site: Site) -> set[str]:
    """Distinct articles: the mojibake mirror is the same story as /a/1020199/."""
    return {p for p in site.articles if not p.startswith("/mirror/")}


def test_sitemap_crawl_finds_every_article_once(make_site, run_newscrawl) -> None:
    site = make_site()
    run = run_newscrawl("crawl", site.base, *FAST)
    assert run.code == 0, run.stderr
    found = _paths(site, run.records)
    assert set(found) == _expected_paths(site)
    assert max(found.values()) == 1, "an article was written twice"
    # Hubs, section pages, tag pages, the home page: fetched, never records.
    assert not any("/section/" in p or "/tag/" in p or p in ("/", "/most-read/") for p in found)
    assert run.skipped("duplicate_url") == 1  # the cross-posted twin
    assert run.skipped("duplicate_content") == 1  # the mojibake mirror
    assert run.skipped("http_404") == 1  # the deleted story in the sitemap
    assert "not articles" in run.stdout
    assert_valid(run.records)


def test_crawl_records_equal_extract_article(make_site, run_newscrawl) -> None:
    site = make_site()
    run = run_newscrawl("crawl", site.base, *FAST)
    assert run.records
    for record in run.records:
        path = record["url"].replace(site.base.rstrip("/"), "")
        page = (site.root / path.lstrip("/") / "index.html").read_bytes()
        page = page.replace(b"__BASE__", site.base.rstrip("/").encode())
        expected = extract_article(page, record["url"])
        if record["published_source"] in ("sitemap", "feed"):
            continue  # dates only the listing knew
        for field in record:
            if field != "fetched_at":
                assert record[field] == expected[field], f"{path}: {field}"


def test_min_article_chars_setting_is_read_by_the_crawl(make_site, run_newscrawl) -> None:
    site = make_site()
    run = run_newscrawl("crawl", site.base, *FAST, "-s", "NEWSCRAWL_MIN_ARTICLE_CHARS=100000")
    assert run.code == 0, run.stderr
    # Every article page is now too thin to be an article: counted, never written.
    assert run.records == []
    assert "thin" in run.stdout


def test_since_and_max_articles(make_site, run_newscrawl, tmp_path: Path) -> None:
    site = make_site()
    run = run_newscrawl("crawl", site.base, "--since", "2025-04-15", *FAST,
                        out=tmp_path / "since")
    assert run.code == 0, run.stderr
    assert run.records
    assert all(r["published_at"] >= "2025-04-15" for r in run.records)
    # Old stories are filtered by their sitemap dates, not fetched and then dropped;
    # only entries the sitemaps leave undated are fetched to learn their date.
    posts = (site.root / "sitemaps" / "posts.xml").read_bytes().replace(
        b"__BASE__", site.base.rstrip("/").encode())
    undated = {e.url.replace(site.base.rstrip("/"), "")
               for e in parse_sitemap(posts, site.base).entries if not e.lastmod}
    old = {p for p, _ua in site.seen
           if (m := re.search(r"/(\d{4})/(\d{2})/(\d{2})/", p)) and "-".join(m.groups())
           < "2025-04-15"}
    assert old <= undated
    assert run.skipped("older_than_since") <= len(undated)
    full = run_newscrawl("crawl", site.base, *FAST, out=tmp_path / "full")
    newer = {r["canonical_url"] for r in full.records if r["published_at"] >= "2025-04-15"}
    assert {r["canonical_url"] for r in run.records} == newer

    capped = run_newscrawl("crawl", site.base, "--max-articles", "5", *FAST,
                           out=tmp_path / "capped")
    assert capped.code == 0, capped.stderr
    assert len(capped.records) == 5


def test_nothing_new_since_does_not_fall_back_to_feeds(make_site, run_newscrawl) -> None:
    site = make_site()
    run = run_newscrawl("crawl", site.base, "--since", "2025-04-21", *FAST)
    assert run.code == 0, run.stderr
    paths = [p for p, _ua in site.seen]
    # The seed pages carry no sitemap date: fetched, then dropped by their page date.
    assert {r["published_at"][:10] >= "2025-04-21" for r in run.records} <= {True}
    assert "/feed.xml" not in paths and not any(p.startswith("/section/") for p in paths)


def test_sitemaps_without_articles_fall_back_to_the_feed(make_site, run_newscrawl) -> None:
    def empty_sitemaps(root: Path) -> None:
        for name in ("news.xml", "posts.xml", "pages.xml"):
            (root / "sitemaps" / name).write_text(
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                'sitemap/0.9"></urlset>', encoding="utf-8")

    site = make_site(SiteOptions(include_seed=False), edit=empty_sitemaps)
    run = run_newscrawl("crawl", site.base, *FAST)
    assert run.code == 0, run.stderr
    assert "/feed.xml" in [p for p, _ua in site.seen]
    assert len(_paths(site, run.records)) == 15


def test_feed_is_used_when_there_is_no_sitemap(make_site, run_newscrawl) -> None:
    site = make_site(SiteOptions(robots_sitemap=False, sitemap_xml=False, news_sitemap=False,
                                 include_seed=False))
    run = run_newscrawl("crawl", site.base, *FAST)
    assert run.code == 0, run.stderr
    found = _paths(site, run.records)
    # The feed carries the 15 newest stories, with utm_ tracking parameters to drop.
    assert len(found) == 15 and max(found.values()) == 1
    assert set(found) <= set(site.articles)
    assert all("utm_" not in r["url"] for r in run.records)


def test_listing_pages_with_pagination_when_no_sitemap_or_feed(make_site, run_newscrawl) -> None:
    # No robots.txt at all (404), no sitemap, no feed (the pages still announce a dead one).
    site = make_site(SiteOptions(robots_sitemap=False, sitemap_xml=False, news_sitemap=False,
                                 feed=False, include_seed=False),
                     edit=lambda root: (root / "robots.txt").unlink())
    run = run_newscrawl("crawl", site.base, *FAST)
    assert run.code == 0, run.stderr
    found = _paths(site, run.records)
    # Every demo article is reachable through its section's paginated listing.
    assert set(found) == set(site.articles)
    assert max(found.values()) == 1
    assert any("/page/2/" in p for p, _ua in site.seen), "pagination was not followed"
    assert_valid(run.records)


def _add_fault_sitemap(root: Path, entries: list[str]) -> None:
    rows = "".join(f"<url><loc>{'' if e.startswith('http') else '__BASE__'}{e}</loc></url>"
                   for e in entries)
    (root / "sitemaps" / "faults.xml").write_text(
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{rows}</urlset>", encoding="utf-8")
    index = root / "sitemap_index.xml"
    text = index.read_text("utf-8").replace(
        "</sitemapindex>",
        "<sitemap><loc>__BASE__/sitemaps/faults.xml</loc></sitemap>"
        "<sitemap><loc>__BASE__/sitemaps/broken.xml</loc></sitemap>"
        "<sitemap><loc>__BASE__/sitemaps/bomb.xml.gz</loc></sitemap></sitemapindex>")
    index.write_text(text, encoding="utf-8")


def test_bad_input_is_skipped_counted_and_the_crawl_finishes(make_site, run_newscrawl) -> None:
    big = b"<html><body>" + b"<p>" + "نص طويل جدا ".encode() * 200_000 + b"</p></body></html>"
    routes = {
        "/news/2025/04/02/server-error-story/": Answer(500, b"oops", {"Content-Type": "text/html"}),
        "/news/2025/04/02/empty-story/": Answer(200, b"", {"Content-Type": "text/html"}),
        "/news/2025/04/02/pdf-story/": Answer(200, b"%PDF-1.4 binary\x00\x01",
                                             {"Content-Type": "application/pdf"}),
        "/news/2025/04/02/huge-story/": Answer(200, big, {"Content-Type": "text/html"}),
        "/sitemaps/broken.xml": Answer(200, b"<urlset><url><loc>unterminated",
                                       {"Content-Type": "application/xml"}),
        "/sitemaps/bomb.xml.gz": Answer(200, gzip.compress(b"<urlset>" + b" " * 70_000_000),
                                        {"Content-Type": "application/gzip"}),
    }
    site = make_site(routes=routes, edit=lambda root: _add_fault_sitemap(
        root, [*list(routes)[:4], "http://[oops/", ":99999/x"]))
    run = run_newscrawl("crawl", site.base, *FAST, "-s", "DOWNLOAD_MAXSIZE=1000000")
    assert run.code == 0, run.stderr
    assert run.skipped("http_500") == 1
    assert run.skipped("empty_body") == 1
    assert run.skipped("not_html") == 1
    assert run.skipped("too_large") == 1
    assert run.skipped("bad_sitemap") == 2  # malformed XML and the gzip bomb
    # Every good article still arrived.
    assert set(_paths(site, run.records)) == _expected_paths(site)
    assert "Traceback" not in run.stderr
    assert_valid(run.records)


def test_scrapy_crawl_is_the_same_crawl(make_site, tmp_path: Path) -> None:
    site = make_site(SiteOptions(include_seed=False))
    proc, records = run_scrapy("news", "-a", f"url={site.base}", out=tmp_path / "scrapy-out")
    assert proc.returncode == 0, proc.stderr
    assert set(_paths(site, records)) == set(site.articles) and len(records) == len(site.articles)


def test_site_profile_attributes_apply(make_site, tmp_path: Path) -> None:
    """The almnatiq profile run against a local copy: only its article URLs, its zone."""
    site = make_site()
    proc, records = run_scrapy("almnatiq", "-a", f"url={site.base}", out=tmp_path / "p-out")
    assert proc.returncode == 0, proc.stderr
    # article_url_pattern admits /1203456/ only; the demo's dated permalinks are skipped.
    assert [r["url"].replace(site.base.rstrip("/"), "") for r in records] == ["/1203456/"]
    assert records[0]["source"] == "واس"
    assert records[0]["published_at"] == "2025-04-05T10:14:00+03:00"


def test_politeness_robots_user_agent_and_offsite(make_site, run_newscrawl) -> None:
    def edit(root: Path) -> None:
        # A disallowed page and an off-site page, both listed in a sitemap.
        _add_fault_sitemap(root, ["/wp-admin/2025/04/02/private-story/"])
        posts = root / "sitemaps" / "posts.xml"
        posts.write_text(posts.read_text("utf-8").replace(
            "</urlset>", "<url><loc>http://localhost:{port}/offsite-probe/2025/04/02/x-y-z/</loc>"
            "</url></urlset>"), encoding="utf-8")

    site = make_site(edit=edit)
    posts = site.root / "sitemaps" / "posts.xml"
    # The off-site URL is this very server under another host name: followed, it would show.
    posts.write_text(posts.read_text("utf-8").replace("{port}", site.base.rsplit(":", 1)[1]
                                                      .strip("/")), encoding="utf-8")
    run = run_newscrawl("crawl", site.base, *FAST, "-s",
                        "NEWSCRAWL_CONTACT_URL=https://archive.example/contact")
    assert run.code == 0, run.stderr
    paths = [p for p, _ua in site.seen]
    assert "/robots.txt" in paths
    assert not any(p.startswith("/wp-admin/") for p in paths)
    assert not any(p.startswith("/offsite-probe/") for p in paths)
    agents = {ua for _p, ua in site.seen}
    assert agents == {"newscrawl/0.1.0 (+https://archive.example/contact)"}
    assert set(_paths(site, run.records)) == _expected_paths(site)


def test_several_targets_in_one_command(make_site, run_newscrawl, tmp_path: Path) -> None:
    site = make_site(SiteOptions(include_seed=False))
    other = site.base.replace("127.0.0.1", "localhost")
    # Duplicates kept: both hosts get every story, the copies point at the first.
    run = run_newscrawl("crawl", site.base, other, *FAST, "-s",
                        "NEWSCRAWL_KEEP_DUPLICATES=True", out=tmp_path / "kept")
    assert run.code == 0, run.stderr
    folders = sorted(p.parent.name for p in (tmp_path / "kept").rglob("*.jsonl"))
    port = site.base.rstrip("/").rsplit(":", 1)[1]  # a site is its host and its port
    assert folders == [f"127.0.0.1_{port}", f"localhost_{port}"]
    assert len(run.records) == 2 * len(site.articles)
    assert run.stdout.count("records written") == 2
    copies = [r for r in run.records if r["duplicate_of"]]
    assert len(copies) == len(site.articles)
    assert all(site_of(r["duplicate_of"]) != r["site"] for r in copies)
    # By default the second host's copies are cross-site duplicates: each story once.
    run = run_newscrawl("crawl", site.base, other, *FAST, out=tmp_path / "dropped")
    assert run.code == 0, run.stderr
    assert len(run.records) == len(site.articles)
    assert len({r["content_hash"] for r in run.records}) == len(site.articles)


def test_a_cap_stops_fetching_not_just_writing(make_site, run_newscrawl) -> None:
    site = make_site(SiteOptions(include_seed=False))
    run = run_newscrawl("crawl", site.base, "--max-articles", "5", *FAST,
                        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4")
    assert run.code == 0, run.stderr
    assert len(run.records) == 5
    fetched = [p for p, _ua in site.seen if p in set(site.articles)]
    # The cap plus what may be in flight, not the whole sitemap.
    assert len(fetched) <= 5 + 4, f"{len(fetched)} article pages fetched for 5 records"
    assert run.skipped("max_articles") <= 4


def test_already_archived_counts_each_article_once(make_site, run_newscrawl,
                                                   tmp_path: Path) -> None:
    # A run that stopped early (as an interrupted one) leaves no watermark: the next run
    # reads every sitemap and feed again, and the news sitemap lists articles twice over.
    site = make_site(SiteOptions(include_seed=False))
    out = tmp_path / "out"
    first = run_newscrawl("crawl", site.base, "--max-articles", "10", *FAST, out=out)
    assert first.code == 0 and len(first.records) == 10
    second = run_newscrawl("crawl", site.base, *FAST, out=out)
    assert second.code == 0, second.stderr
    archived = int(re.search(r"already archived\s+(\d+)", second.stdout)[1])
    assert archived == 10, second.stdout
