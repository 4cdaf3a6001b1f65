"""Sitemaps read as a stream: entries come out one at a time while the XML is parsed, so
a 50,000-URL sitemap never stands in memory as a tree or a list (a site of a million
articles lists twenty of them).

gzip bodies are decompressed as they are read, capped against gzip bombs; no entity is
resolved and nothing is fetched (billion-laughs and XXE stay inert); broken XML is read
as far as it goes, after which only absolute URLs are trusted.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from newscrawl.urls import is_http_url, safe_url

# A decompressed sitemap larger than this is refused (sitemaps.org caps them at 50 MB).
MAX_SITEMAP_BYTES = 60 * 1024 * 1024
_KINDS = {"sitemapindex": "index", "urlset": "urlset"}


class BadSitemap(ValueError):
    """The bytes are not a sitemap (or feed) we can read."""


@dataclass(frozen=True)
class Entry:
    """One URL found by discovery, with the dates the listing printed for it."""

    url: str
    published: str | None = None
    lastmod: str | None = None
    title: str | None = None


class _Capped(io.RawIOBase):
    """A reader that refuses to give more than `limit` bytes (a gzip bomb) and skips the
    blank lines some servers print before `<?xml`."""

    def __init__(self, source: io.BufferedIOBase, limit: int) -> None:
        self.source, self.limit, self.left = source, limit, limit
        self.leading = True

    def readable(self) -> bool:
        return True

    def _read(self, size: int) -> bytes:
        # Every byte counts against the cap, blank ones too (2 GB of spaces is a bomb).
        data = self.source.read(min(size, 1 << 16))
        self.left -= len(data)
        if self.left < 0:
            raise BadSitemap(f"decompressed sitemap over {self.limit} bytes")
        return data

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._read(len(buffer))
            while self.leading and data:
                data = data.lstrip()
                if data:
                    self.leading = False
                else:
                    data = self._read(len(buffer))
        except (OSError, EOFError, zlib.error) as exc:
            raise BadSitemap(f"broken gzip: {exc}") from exc
        buffer[:len(data)] = data
        return len(data)


def open_body(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> io.RawIOBase:
    """The body as a stream, decompressed when it is gzip."""
    raw: io.BufferedIOBase = io.BytesIO(body)
    if body[:2] == b"\x1f\x8b":
        raw = gzip.GzipFile(fileobj=raw)  # type: ignore[assignment]
    return _Capped(raw, limit)


def local(tag: object) -> str:
    """Lowercase local name of an XML tag (namespace dropped)."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


class SitemapReader:
    """Entries of a sitemap index or urlset, read as the bytes are parsed.

    `kind` ("index" or "urlset") is known once `entries()` has started; `problem` says
    what was wrong with broken XML once it has ended, and `count` how many it gave.
    """

    def __init__(self, body: bytes, base_url: str) -> None:
        if not body.strip():
            raise BadSitemap("empty document")
        self.body, self.base_url = body, base_url
        self.kind: str | None = None
        self.problem: str | None = None
        self.count = 0

    def entries(self) -> Iterator[Entry]:
        """Each <url> or <sitemap> entry with a usable <loc>, in document order."""
        events = etree.iterparse(
            open_body(self.body), events=("start", "end"), recover=True,
            resolve_entities=False, no_network=True, huge_tree=False,
            remove_comments=True, remove_pis=True)
        depth = 0
        try:
            for event, el in events:
                if event == "start":
                    depth += 1
                    if depth == 1:
                        self._root(el)
                    continue
                depth -= 1
                if depth != 1:
                    continue
                entry = self._entry(el, broken=len(events.error_log.filter_from_errors()) > 0)
                # Entries are dropped once read: the tree never grows past one of them.
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
                if entry is not None:
                    self.count += 1
                    yield entry
        except etree.XMLSyntaxError as exc:
            if self.kind is None:
                raise BadSitemap(f"malformed XML: {exc}") from exc
            self.problem = f"malformed XML: {exc}"
        if self.kind is None:
            raise BadSitemap("unreadable XML")
        errors = events.error_log.filter_from_errors()
        if errors and self.problem is None:
            self.problem = f"malformed XML: {errors[0].message} (line {errors[0].line})"

    def _root(self, el: etree._Element) -> None:
        kind = local(el.tag)
        if kind not in _KINDS:
            raise BadSitemap(f"root element is <{kind or '?'}>, not a sitemap")
        dtd = el.getroottree().docinfo.internalDTD
        if dtd is not None and any(e.system_url for e in dtd.iterentities()):
            # Never resolved, but no sitemap needs one: an XXE probe.
            raise BadSitemap("declares an external entity: refused")
        self.kind = _KINDS[kind]

    def _entry(self, node: etree._Element, broken: bool) -> Entry | None:
        if local(node.tag) not in ("sitemap", "url"):
            return None
        loc = direct_text(node, "loc")
        # Broken XML: only absolute URLs are trusted, a relative one may be a fragment.
        url = safe_url(loc, self.base_url) if loc and (not broken or is_http_url(loc)) else None
        if url is None:
            return None
        return Entry(url=url, published=news_text(node, "publication_date"),
                     lastmod=direct_text(node, "lastmod"), title=news_text(node, "title"))


def child_text(el: etree._Element, *names: str) -> str | None:
    """Text of the first descendant with one of the local names."""
    for sub in el.iter():
        if local(sub.tag) in names and sub.text and sub.text.strip():
            return sub.text.strip()
    return None


def direct_text(el: etree._Element, name: str) -> str | None:
    """Text of a direct child (so <image:loc> is never taken for the page's <loc>)."""
    for sub in el:
        if local(sub.tag) == name and sub.text and sub.text.strip():
            return sub.text.strip()
    return None


def news_text(el: etree._Element, name: str) -> str | None:
    """Text of news:<name> inside the entry's <news:news> block."""
    for sub in el:
        if local(sub.tag) == "news":
            return child_text(sub, name)
    return None
