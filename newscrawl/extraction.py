"""Page to article: metadata, headline, dates and the body cascade.

`extract_raw(html, url)` parses a page once and returns the raw article fields and what
kind of page it is; `page_article` wraps it for a fetched response (bytes, Content-Type,
URL) and is the one path of the crawl, `newscrawl reextract` and `newscrawl extract`;
`extract_article` gives the finished record of a saved page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newscrawl import metadata as md
from newscrawl.body import main_text
from newscrawl.classify import (
    MAX_PAGE_LINKS,
    MIN_ARTICLE_CHARS,
    PageKind,
    classify_page,
    too_many_links,
)
from newscrawl.cleaning import clean_article
from newscrawl.datechoice import resolve_dates
from newscrawl.dedup import content_hash
from newscrawl.encoding import looks_binary, looks_like_html
from newscrawl.items import Article, to_record
from newscrawl.markers import agency_from_dateline, agency_from_prefix
from newscrawl.pagedates import date_candidates, headline_scope
from newscrawl.parsing import EmptyPage, parse_html, parse_page
from newscrawl.standfirst import standfirst
from newscrawl.titles import extract_title, title_node
from newscrawl.urls import safe_url, site_of

__all__ = ["DEFAULT_RULES", "EmptyPage", "FetchedPage", "SiteRules", "build_record",
           "extract_article", "extract_raw", "page_article", "parse_html"]


@dataclass(frozen=True)
class SiteRules:
    """What a site profile may override in extraction."""

    title_css: str | None = None
    body_css: str | None = None
    date_css: str | None = None
    strip_css: tuple[str, ...] = ()
    timezone: str | None = None


DEFAULT_RULES = SiteRules()


def extract_raw(html: bytes | str, url: str, rules: SiteRules = DEFAULT_RULES,
                charset: str | None = None, *, min_chars: int = MIN_ARTICLE_CHARS,
                fallback: bool = True, engine: str = "auto") -> tuple[Article, PageKind]:
    """Parse a page once: raw article fields, date candidates, and what kind of page it is.

    Never raises for bad input: an empty or unparseable page gives an empty article of
    kind 'empty'. `fallback` lets the body cascade consult a second engine when in doubt;
    `engine` "trafilatura" takes that engine's body on every page (newscrawl.body).
    """
    try:
        doc, html_text = parse_page(html, charset)
    except EmptyPage as exc:
        return Article(url=url, canonical_url=safe_url(url, url) or url,
                       site=site_of(url)), PageKind("empty", str(exc))
    meta = md.meta_tags(doc)
    objects = md.jsonld_objects(doc)
    ld = md.jsonld_article(objects)
    headline = title_node(doc, meta, ld, rules.title_css)
    title = extract_title(doc, meta, ld, headline)
    dates = date_candidates(doc, meta, ld or md.jsonld_dated(objects), headline, url,
                            rules.date_css)
    description = md.first_meta(meta, "description", "og:description", "twitter:description")
    authors = md.authors(meta, ld) or md.byline_authors(
        headline_scope(headline) if headline is not None else None)
    body = main_text(doc, url, html_text=html_text, body_css=rules.body_css,
                     strip_css=rules.strip_css, ld=ld, description=description, title=title,
                     fallback=fallback, engine=engine)
    # The kind is told by the body alone: a section page prints its description too.
    kind = classify_page(url=url, jsonld_types=set().union(*(md.types_of(o) for o in objects)),
                         og_type=md.first_meta(meta, "og:type"),
                         text_chars=sum(len(p) for p in body.lines),
                         link_chars=body.link_chars, min_chars=min_chars)
    lead = standfirst(doc, html_text, description, body.lines, headline)
    paragraphs = [lead, *body.lines] if lead else body.lines
    harvest = body.harvest
    article = Article(
        url=url,
        canonical_url=md.canonical_url(doc, meta, url),
        site=site_of(url),
        title=title,
        description=description,
        body="\n".join(paragraphs),
        authors=authors,
        section=md.section(meta, ld),
        tags=_dedupe(harvest.tags + md.meta_keywords(meta, ld)),
        source=harvest.source,
        related=harvest.related,
        language=md.language(doc, meta),
        image=md.image(meta, ld, url),
        date_candidates=dates,
        extraction={"engine": body.engine, "doubts": body.doubts, "errors": body.errors},
    )
    if article.source is None:
        article.source = _dateline_agency(body.lines)
    return article, kind


_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([^\s;\"']+)", re.IGNORECASE)
Extractor = Callable[..., tuple[Article, PageKind]]


@dataclass
class FetchedPage:
    """What one fetched response gave: an article of some kind, or the reason it gave
    none; and the stats keys (under newscrawl/) the caller counts."""

    article: Article | None = None
    kind: PageKind | None = None
    skipped: str | None = None  # empty_body, not_html, extract_error
    detail: str = ""
    counters: list[str] = field(default_factory=list)


def page_article(body: bytes, url: str, content_type: str | None = None, *,
                 rules: SiteRules = DEFAULT_RULES, min_chars: int = MIN_ARTICLE_CHARS,
                 fallback: bool = True, extractor: Extractor | None = None) -> FetchedPage:
    """A fetched response (body bytes, its Content-Type header, final URL) as a raw
    article: the one path of the crawl, `newscrawl reextract` and `newscrawl extract`.

    HTML served as text/plain or octet-stream is read (counted `pages/mislabeled_html`);
    binary bytes labeled HTML are `not_html`. An extractor's exception is a counted skip,
    never lost data elsewhere.
    """
    if not body.strip():
        return FetchedPage(skipped="empty_body")
    ctype = (content_type or "").strip().lower()
    declared = _CHARSET.search(ctype)
    charset = declared.group(1) if declared else None
    out = FetchedPage()
    if ctype and not ctype.startswith(_HTML_TYPES):
        if not looks_like_html(body):
            return FetchedPage(skipped="not_html", detail=ctype.split(";")[0] or "binary")
        out.counters.append("pages/mislabeled_html")
        charset = None if ctype.startswith("application/") else charset
    elif looks_binary(body, charset):
        return FetchedPage(skipped="not_html", detail="binary body labeled as HTML")
    if too_many_links(body):
        return FetchedPage(skipped="too_many_links", detail=f"over {MAX_PAGE_LINKS} links")
    try:
        article, kind = (extractor or extract_raw)(body, url, rules, charset=charset,
                                                   min_chars=min_chars, fallback=fallback)
    except Exception as exc:  # one broken page must never stop a crawl
        return FetchedPage(skipped="extract_error", detail=f"{type(exc).__name__}: {exc}")
    out.article, out.kind = article, kind
    info = article.extraction
    if info.get("engine"):
        out.counters.append(f"extract/engine/{info['engine']}")
    out.counters.extend(f"extract/doubt/{reason}" for reason in info.get("doubts") or ())
    out.counters.extend("extract/fallback_error" for _ in info.get("errors") or ())
    return out


def _dateline_agency(paragraphs: list[str]) -> str | None:
    for para in paragraphs[:2]:
        agency = agency_from_dateline(para) or agency_from_prefix(para)
        if agency:
            return agency
    return None


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def build_record(article: Article, tz: str | None = None) -> dict[str, Any]:
    """Clean, date and fingerprint a raw article: the same steps the pipelines run."""
    item = article.__dict__
    clean_article(item)
    resolve_dates(item, tz=tz)
    item["content_hash"] = content_hash(item["body"])
    return to_record(item)


def extract_article(html: bytes | str, url: str, *, rules: SiteRules = DEFAULT_RULES,
                    fetched_at: datetime | None = None, fallback: bool = True
                    ) -> dict[str, Any]:
    """Record of one saved page: the same fields the crawl writes, by the crawl's own path
    (page_article). Never raises: a page that gives no article gives an empty record."""
    if isinstance(html, str):
        body, ctype = html.encode("utf-8", "surrogatepass"), "text/html; charset=utf-8"
    else:
        body, ctype = html, None
    page = page_article(body, url, ctype, rules=rules, fallback=fallback)
    article = page.article or Article(url=url, canonical_url=safe_url(url, url) or url,
                                      site=site_of(url))
    article.fetched_at = (fetched_at or datetime.now(UTC)).isoformat(timespec="seconds")
    return build_record(article, tz=rules.timezone)
