"""Article or not: tell article pages from hubs, listings, tag pages and the home page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from newscrawl.vocabulary import (
    ARTICLE_PATH_PATTERNS,
    HUB_PATH_SEGMENTS,
    JSONLD_ARTICLE_TYPES,
    JSONLD_LISTING_TYPES,
)

MIN_ARTICLE_CHARS = 250
# No article and no listing a reader uses links this many pages: a page past it is a trap
# (or a dump), skipped and counted before any per-link work.
MAX_PAGE_LINKS = 20_000


def too_many_links(body: bytes) -> bool:
    """More than MAX_PAGE_LINKS anchors, counted on the raw bytes (no parse needed)."""
    if len(body) < 3 * MAX_PAGE_LINKS:
        return False  # too short to hold that many: no need to scan it
    # Counting one byte is several times faster than a pattern; a page with fewer tags
    # than the limit cannot hold that many anchors.
    if body.count(b"<") <= MAX_PAGE_LINKS:
        return False
    return body.count(b"<a ") + body.count(b"<A ") > MAX_PAGE_LINKS


@dataclass(frozen=True)
class PageKind:
    """Verdict on a page: `kind` is 'article' or the reason it is not one."""

    kind: str
    why: str

    @property
    def is_article(self) -> bool:
        """True for article pages."""
        return self.kind == "article"


@cache
def _article_path() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in ARTICLE_PATH_PATTERNS))


def url_kind(url: str) -> str:
    """'home', 'hub', 'article' or 'unknown' from the URL's shape alone."""
    parts = urlsplit(url)
    path = parts.path or "/"
    segments = [s.lower() for s in path.split("/") if s]
    if not segments:
        # WordPress shortlinks (/?p=12345) are articles; the bare root is the home page.
        query_is_article = parts.query and _article_path().search("/?" + parts.query)
        return "article" if query_is_article else "home"
    if any(s in HUB_PATH_SEGMENTS for s in segments[:-1]) or segments[0] in HUB_PATH_SEGMENTS:
        return "hub"
    if re.search(r"(?:^|&)(?:page|paged)=\d+", parts.query):
        return "hub"
    if _article_path().search(path + ("?" + parts.query if parts.query else "")):
        return "article"
    return "unknown"


def looks_like_article_url(url: str) -> bool:
    """True when the URL alone says article."""
    return url_kind(url) == "article"


def classify_page(*, url: str, jsonld_types: set[str], og_type: str | None, text_chars: int,
                  link_chars: int, min_chars: int = MIN_ARTICLE_CHARS) -> PageKind:
    """Combine structured data, og:type, URL shape and paragraph text into a verdict."""
    shape = url_kind(url)
    if text_chars == 0:
        return PageKind("listing", "only links") if link_chars else PageKind(
            "empty", "no paragraph text")
    # Link-heavy text is a listing whatever the markup claims.
    if link_chars > text_chars * 0.6 and text_chars < 4 * min_chars:
        return PageKind("listing", "mostly links")
    if jsonld_types & JSONLD_ARTICLE_TYPES:
        if text_chars < min_chars // 2:
            return PageKind("thin", f"only {text_chars} characters of text")
        return PageKind("article", "JSON-LD article type")
    if jsonld_types & JSONLD_LISTING_TYPES and not (og_type or "").startswith("article"):
        return PageKind("listing", "JSON-LD collection type")
    if shape in ("home", "hub"):
        return PageKind(shape, "URL shape")
    if (og_type or "").lower().startswith("article") and text_chars >= min_chars // 2:
        return PageKind("article", "og:type article")
    if text_chars >= min_chars and (shape == "article" or text_chars >= 2 * min_chars):
        return PageKind("article", "paragraph text")
    return PageKind("thin", f"only {text_chars} characters of text")
