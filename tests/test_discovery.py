"""Discovery as plain functions: robots, sitemap indexes, news sitemaps, feeds, listings."""

from __future__ import annotations

import gzip
from datetime import date

import pytest
from lxml import html

from newscrawl.discovery import (
    BadSitemap,
    Entry,
    feed_links,
    is_before,
    listing_links,
    next_page,
    parse_feed,
    parse_sitemap,
    sitemaps_from_robots,
)

BASE = "https://news.example.com/"

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example.com/sitemaps/news.xml</loc>
    <lastmod>2025-04-20T10:00:00+03:00</lastmod></sitemap>
  <sitemap><loc>/sitemaps/2019.xml</loc><lastmod>2019-12-31</lastmod></sitemap>
</sitemapindex>"""

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://news.example.com/world/2025/04/20/a/</loc>
  <news:news><news:publication><news:name>X</news:name><news:language>ar</news:language>
  </news:publication><news:publication_date>2025-04-20T09:00:00+03:00</news:publication_date>
  <news:title>عنوان الخبر الأول</news:title></news:news></url>
 <url><loc>https://news.example.com/world/2025/04/01/b/</loc>
  <news:news><news:publication_date>2025-04-01</news:publication_date></news:news>
  <lastmod>2025-04-21</lastmod></url>
 <url><loc>https://news.example.com/world/undated/</loc></url>
</urlset>""".encode()


def test_robots_sitemap_lines_are_made_absolute_and_deduplicated() -> None:
    robots = "User-agent: *\nDisallow: /admin\nSitemap: /sitemap_index.xml\n" \
             "sitemap: https://news.example.com/news.xml\nSitemap: /sitemap_index.xml\n"
    assert sitemaps_from_robots(robots, BASE) == [
        "https://news.example.com/sitemap_index.xml", "https://news.example.com/news.xml"]


def test_sitemap_index_lists_children_with_lastmod() -> None:
    sitemap = parse_sitemap(INDEX, BASE)
    assert sitemap.kind == "index"
    assert [e.url for e in sitemap.entries] == [
        "https://news.example.com/sitemaps/news.xml", "https://news.example.com/sitemaps/2019.xml"]
    # A child last changed before --since holds nothing newer and is not read.
    assert [is_before(e, date(2025, 1, 1)) for e in sitemap.entries] == [False, True]


def test_news_sitemap_since_uses_publication_date_before_lastmod() -> None:
    sitemap = parse_sitemap(NEWS, BASE)
    assert sitemap.kind == "urlset"
    first, second, undated = sitemap.entries
    assert first.published == "2025-04-20T09:00:00+03:00"
    assert first.title == "عنوان الخبر الأول"
    since = date(2025, 4, 10)
    assert not is_before(first, since)
    # Published 1 April, modified 21 April: publication date decides.
    assert is_before(second, since)
    # No date: kept, the page itself will tell.
    assert not is_before(undated, since)
    assert not is_before(second, None)


def test_gzipped_sitemap_is_read() -> None:
    assert len(parse_sitemap(gzip.compress(NEWS), BASE).entries) == 3


@pytest.mark.parametrize("body", [
    b"", b"  \n ", b"<html><body>not a sitemap</body></html>", b"\x1f\x8b broken gzip",
    b"<?xml version='1.0'?><rss><channel></channel></rss>",
])
def test_malformed_sitemaps_raise_bad_sitemap(body: bytes) -> None:
    with pytest.raises(BadSitemap):
        parse_sitemap(body, BASE)


def test_entity_expansion_is_not_performed() -> None:
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example.com/&lol3;</loc></url></urlset>"""
    entries = parse_sitemap(bomb, BASE).entries
    assert all("lollollol" not in e.url for e in entries)


def test_rss_and_atom_feeds() -> None:
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><title>خبر</title><link>https://news.example.com/a/123456?utm_source=rss</link>
    <pubDate>Sat, 05 Apr 2025 10:14:00 +0300</pubDate></item>
    <item><title>بلا رابط</title><guid>https://news.example.com/a/777777</guid></item>
    <item><title>معرّف فقط</title><guid>12345</guid></item>
    <item><title>رابط معطوب</title><link>http://[oops/</link></item>
    </channel></rss>""".encode()
    entries = parse_feed(rss, BASE)
    # Tracking parameters are gone before anything is requested.
    assert [e.url for e in entries] == ["https://news.example.com/a/123456",
                                        "https://news.example.com/a/777777"]
    assert is_before(entries[0], date(2025, 4, 6)) and not is_before(entries[0], date(2025, 4, 5))

    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
    <entry><title>x</title><link rel="alternate" href="/2025/04/05/x/"/>
    <link rel="enclosure" href="/img.jpg"/><published>2025-04-05T07:00:00Z</published></entry>
    </feed>"""
    entries = parse_feed(atom, BASE)
    assert [e.url for e in entries] == ["https://news.example.com/2025/04/05/x/"]
    assert entries[0].published == "2025-04-05T07:00:00Z"


def test_feed_autodiscovery() -> None:
    doc = html.fromstring("""<html><head>
    <link rel="alternate" type="application/rss+xml" href="/feed/">
    <link rel="alternate" type="application/atom+xml" href="https://news.example.com/atom">
    <link rel="alternate" hreflang="en" href="/en/">
    <link rel="stylesheet" href="/s.css"></head><body></body></html>""")
    assert feed_links(doc, BASE) == ["https://news.example.com/feed/",
                                     "https://news.example.com/atom"]


LISTING = """<html><body>
<nav class="main-menu"><a href="/section/sport/">رياضة</a><a href="/economy">اقتصاد</a></nav>
<div class="news-list">
 <h2><a href="/sport/2025/04/20/derby-ends-in-draw/">تعادل في الديربي</a></h2>
 <h2><a href="/news/1234567">خبر آخر</a></h2>
 <h2><a href="/news/1234567?utm_source=x#top">خبر آخر مكرر</a></h2>
 <a href="https://other-site.com/2025/04/20/foreign-story-here/">خارجي</a>
 <a href="mailto:x@y.z">mail</a> <a href="javascript:void(0)">js</a>
 <a href="/tag/gold/">ذهب</a>
</div>
<div class="pagination"><a href="/section/sport/page/1/">السابق</a>
<a href="/section/sport/page/3/">التالي</a></div></body></html>"""


def test_listing_links_split_articles_from_sections_and_stay_on_site() -> None:
    doc = html.fromstring(LISTING)
    articles, sections = listing_links(doc, "https://news.example.com/section/sport/page/2/")
    assert articles == ["https://news.example.com/sport/2025/04/20/derby-ends-in-draw/",
                        "https://news.example.com/news/1234567"]
    assert "https://news.example.com/section/sport/" in sections
    assert "https://news.example.com/economy" in sections  # navigation menu
    assert "https://news.example.com/tag/gold/" in sections
    assert not any("other-site" in u for u in articles + sections)


def test_next_page_by_label_and_by_rel() -> None:
    doc = html.fromstring(LISTING)
    assert next_page(doc, "https://news.example.com/section/sport/page/2/") == \
        "https://news.example.com/section/sport/page/3/"
    rel = html.fromstring('<html><head><link rel="next" href="?page=4"></head>'
                          '<body><a href="/x">x</a></body></html>')
    assert next_page(rel, "https://news.example.com/sport?page=3") == \
        "https://news.example.com/sport?page=4"
    last = html.fromstring('<html><body><a href="/section/sport/page/1/">السابق</a></body></html>')
    assert next_page(last, BASE) is None


def test_malformed_urls_are_skipped_not_fatal() -> None:
    body = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
    xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
    <url><loc>http://[oops/</loc></url><url><loc>https://host:99999/x</loc></url>
    <url><image:image><image:loc>https://cdn.example.com/a.jpg</image:loc></image:image>
    <loc>https://news.example.com/a/1234567</loc><lastmod>2025-04-01</lastmod></url>
    </urlset>"""
    entries = parse_sitemap(body, BASE).entries
    assert [(e.url, e.lastmod, e.published) for e in entries] == [
        ("https://news.example.com/a/1234567", "2025-04-01", None)]
    doc = html.fromstring('<html><body><a href="http://[oops/">x</a>'
                          '<a href="/news/1234567">خبر</a></body></html>')
    assert listing_links(doc, BASE)[0] == ["https://news.example.com/news/1234567"]
    robots = "Sitemap: https://news.example.com/s.xml # main sitemap\nSitemap: http://[x/\n"
    assert sitemaps_from_robots(robots, BASE) == ["https://news.example.com/s.xml"]


def test_entry_without_dates_is_never_before() -> None:
    assert not is_before(Entry("https://news.example.com/x"), date(2030, 1, 1))


def test_external_entities_are_refused_not_silently_empty() -> None:
    body = (b'<?xml version="1.0"?>\n<!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>https://a.example/&x;</loc></url></urlset>")
    with pytest.raises(BadSitemap, match="external entity"):
        parse_sitemap(body, "https://a.example/sitemap.xml")
