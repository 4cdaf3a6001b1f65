"""Finding article URLs: robots.txt, sitemaps, news sitemaps, feeds, listing pages.

Plain functions over bytes/strings; the spider only wires them to requests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from newscrawl.classify import url_kind
from newscrawl.dates import MIN_YEAR, parse_date
from newscrawl.sitemapread import (
    MAX_SITEMAP_BYTES,
    BadSitemap,
    Entry,
    SitemapReader,
    child_text,
    local,
    open_body,
)
from newscrawl.textnorm import normalize_arabic, tidy
from newscrawl.urls import safe_url, same_site, site_of
from newscrawl.vocabulary import FEED_TYPES, NEXT_PAGE_TEXTS


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: an index of sitemaps or a urlset of pages."""

    kind: str  # "index" or "urlset"
    entries: list[Entry]
    problem: str | None = None  # set when the XML was broken and only partly recovered


def sitemaps_from_robots(robots_txt: str, base_url: str) -> list[str]:
    """Absolute URLs of the `Sitemap:` lines of a robots.txt."""
    urls: dict[str, None] = {}  # an ordered set
    for line in robots_txt.splitlines():
        key, _, value = line.split("#", 1)[0].partition(":")
        value = value.strip().split()[0] if value.strip() else ""
        if key.strip().lower() == "sitemap" and value:
            url = safe_url(value, base_url)
            if url:
                urls.setdefault(url)
    return list(urls)


def maybe_gunzip(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """Decompress gzip bodies (.xml.gz sitemaps) with a size cap against gzip bombs."""
    if body[:2] != b"\x1f\x8b":
        return body
    return open_body(body, limit).readall()


def _xml_root(body: bytes) -> tuple[etree._Element, str | None]:
    """Parse strictly; on a syntax error parse again leniently and say what was wrong."""
    data = maybe_gunzip(body).strip()
    if not data:
        raise BadSitemap("empty document")
    problem = None
    for recover in (False, True):
        # No entity resolution, no network, no huge trees: billion-laughs and XXE stay inert.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=recover,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
        try:
            root = etree.fromstring(data, parser=parser)
        except etree.XMLSyntaxError as exc:
            problem = f"malformed XML: {exc}"
            continue
        if root is not None:
            dtd = root.getroottree().docinfo.internalDTD
            if dtd is not None and any(e.system_url for e in dtd.iterentities()):
                # Never resolved, but no sitemap or feed needs one: an XXE probe.
                raise BadSitemap("declares an external entity: refused")
            return root, problem
    raise BadSitemap(problem or "unreadable XML")


def parse_sitemap(body: bytes, base_url: str) -> Sitemap:
    """Read a whole sitemap index, urlset or Google News sitemap (gzip allowed) into a
    list; the crawl streams it instead (newscrawl.sitemapread)."""
    reader = SitemapReader(body, base_url)
    entries = list(reader.entries())
    return Sitemap(reader.kind or "urlset", entries, reader.problem)


def parse_feed(body: bytes, base_url: str) -> list[Entry]:
    """Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed."""
    root, _problem = _xml_root(body)
    if local(root.tag) not in ("rss", "feed", "rdf"):
        raise BadSitemap(f"root element is <{local(root.tag) or '?'}>, not a feed")
    entries = []
    for node in root.iter():
        name = local(node.tag)
        if name not in ("item", "entry"):
            continue
        url = None
        for link in node:
            if local(link.tag) != "link":
                continue
            href = link.get("href")
            if href and link.get("rel", "alternate") == "alternate":
                url = href
                break
            if link.text and link.text.strip():
                url = link.text.strip()
                break
        if url is None:
            # A guid is a link only when it says so and looks like one ('12345' is not).
            for guid in node:
                if (local(guid.tag) == "guid" and guid.get("isPermaLink", "true") != "false"
                        and guid.text and "://" in guid.text):
                    url = guid.text.strip()
        url = safe_url(url, base_url)
        if url:
            entries.append(Entry(url=url,
                                 published=child_text(node, "pubdate", "published", "date",
                                                       "issued"),
                                 lastmod=child_text(node, "updated", "modified"),
                                 title=child_text(node, "title")))
    return entries


# Feeds read from one page's <link rel="alternate"> tags.
MAX_FEEDS_PER_PAGE = 20


def feed_links(doc: lxml_html.HtmlElement, base_url: str) -> list[str]:
    """Feeds a page announces with <link rel="alternate" type="application/rss+xml">
    (the first MAX_FEEDS_PER_PAGE: no site has more, a hostile page may list 40,000)."""
    out: dict[str, None] = {}  # an ordered set
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        href = link.get("href")
        if "alternate" in rel and kind in FEED_TYPES:
            url = safe_url(href, base_url)
            if url:
                out.setdefault(url)
                if len(out) >= MAX_FEEDS_PER_PAGE:
                    break
    return list(out)


def _on_site_links(doc: lxml_html.HtmlElement, base_url: str, site: str) -> Iterable[
        tuple[lxml_html.HtmlElement, str]]:
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = safe_url(href, base_url)
        if url and same_site(url, site):
            yield a, url


def page_links(doc: lxml_html.HtmlElement, base_url: str) -> tuple[list[str], list[str]]:
    """(on-site pages linked, on-site requisites: images, stylesheets, scripts) of a page,
    for a whole-site capture."""
    site = site_of(base_url)
    pages = list(dict.fromkeys(url for _a, url in _on_site_links(doc, base_url, site)))
    requisites: dict[str, None] = {}  # ordered sets: 200,000 links stay linear
    for el in doc.iter("img", "script", "link"):
        if el.tag == "link" and "stylesheet" not in (el.get("rel") or "").lower().split() \
                and "icon" not in (el.get("rel") or "").lower():
            continue
        ref = (el.get("href") if el.tag == "link" else el.get("src")) or ""
        url = safe_url(ref.strip(), base_url) if ref.strip() else None
        if url and same_site(url, site):
            requisites.setdefault(url)
    return pages, list(requisites)


def listing_links(doc: lxml_html.HtmlElement, base_url: str,
                  article_pattern: re.Pattern[str] | None = None) -> tuple[list[str], list[str]]:
    """(article URLs, section/listing URLs) linked from a listing or home page."""
    site = site_of(base_url)
    articles: dict[str, None] = {}  # ordered sets: 200,000 links stay linear
    sections: dict[str, None] = {}
    for a, url in _on_site_links(doc, base_url, site):
        if article_pattern is not None:
            is_article = bool(article_pattern.search(url))
        else:
            is_article = url_kind(url) == "article"
        if is_article:
            articles.setdefault(url)
        elif url not in sections and (url_kind(url) == "hub" or _in_navigation(a)) \
                and urlsplit(url).path not in ("", "/"):
            sections.setdefault(url)
    return list(articles), list(sections)


def _in_navigation(a: lxml_html.HtmlElement) -> bool:
    for anc in a.iterancestors():
        if anc.tag == "nav" or "menu" in (anc.get("class") or "") + (anc.get("id") or ""):
            return True
    return False


def next_page(doc: lxml_html.HtmlElement, base_url: str) -> str | None:
    """The listing's next page: rel=next, or a link labelled 'التالي'/'next'/'»'."""
    site = site_of(base_url)
    for el in doc.iter("link", "a"):
        if "next" in (el.get("rel") or "").lower().split():
            url = safe_url(el.get("href"), base_url)
            if url and same_site(url, site):
                return url
    labels = {normalize_arabic(t) for t in NEXT_PAGE_TEXTS}
    for a, url in _on_site_links(doc, base_url, site):
        text = normalize_arabic(tidy(a.text_content()))
        cls = (a.get("class") or "").lower()
        if text in labels or "next" in cls.split():
            return url
    return None


def entry_date(entry: Entry) -> date | None:
    """The day a sitemap/feed entry says the page was published or last changed."""
    for raw in (entry.published, entry.lastmod):
        if raw:
            value = parse_date(raw, now=datetime.now(UTC), min_year=MIN_YEAR, ranges=False)
            if value is not None:
                return value.date() if isinstance(value, datetime) else value
    return None


def is_before(entry: Entry, since: date | None) -> bool:
    """True when the entry is dated and older than `since` (undated entries are kept)."""
    if since is None:
        return False
    day = entry_date(entry)
    return day is not None and day < since
