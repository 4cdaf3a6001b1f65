"""Structured metadata of a page: JSON-LD objects and <meta> tags, as plain data."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

from newscrawl.boilerplate import has_token
from newscrawl.textnorm import normalize_arabic, tidy
from newscrawl.urls import safe_url, site_of
from newscrawl.vocabulary import (
    AUTHOR_CLASS_TOKENS,
    AUTHOR_PREFIXES,
    JSONLD_ARTICLE_LIKE_TYPES,
    JSONLD_ARTICLE_TYPES,
    JSONLD_DATED_TYPES,
)

HtmlElement = lxml_html.HtmlElement

# <meta> names/properties per field, most specific first.
META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "datepublished",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "parsely-pub-date",
    "sailthru.date", "pubdate", "publishdate", "publish-date", "publish_date", "date",
)
META_MODIFIED = (
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
    "last-modified",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# XHTML-era pages (MediaWiki among them) wrap a script's JSON in a CDATA section, often
# behind comment marks: '/*<![CDATA[*/ {…} /*]]>*/'. Anchored at the ends of stripped
# text only: an unanchored search would cost quadratic time on a run of spaces.
_CDATA_OPEN = re.compile(r"(?:/\*|//)?\s*<!\[CDATA\[(?:\s*\*/)?")


def _without_cdata(text: str) -> str:
    """JSON text without a CDATA wrapper around it (text stripped already)."""
    opened = _CDATA_OPEN.match(text)
    if opened is None:
        return text
    text = text[opened.end():].rstrip()
    # The end read backwards: '*/', then ']]>', then the '/*' or '//' before it.
    closed = text.removesuffix("*/").rstrip() if text.endswith("*/") else text
    if not closed.endswith("]]>"):
        return text
    closed = closed[:-3].rstrip()
    return closed[:-2] if closed.endswith(("/*", "//")) else closed


def meta_tags(doc: lxml_html.HtmlElement) -> dict[str, list[str]]:
    """All <meta> values keyed by lowercase name/property/itemprop, in page order."""
    out: dict[str, list[str]] = {}
    for el in doc.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        value = el.get("content")
        if key and value and value.strip():
            out.setdefault(key.strip().lower(), []).append(value.strip())
    return out


def first_meta(meta: dict[str, list[str]], *keys: str) -> str | None:
    """First value among `keys`."""
    for key in keys:
        if meta.get(key):
            return meta[key][0]
    return None


# Real JSON-LD nests a few levels (@graph, mainEntity, a list); deeper is not read.
MAX_JSONLD_DEPTH = 8
# A body printed twice: the second copy repeats at least this much of its start.
REPEAT_MIN_CHARS = 200
REPEAT_TRIES = 3


def _walk(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > MAX_JSONLD_DEPTH:
        return
    if isinstance(node, list):
        for sub in node:
            yield from _walk(sub, depth + 1)
    elif isinstance(node, dict):
        yield node
        # Not itemListElement: the articles a listing lists are not the page itself.
        for key in ("@graph", "mainEntity"):
            if key in node:
                yield from _walk(node[key], depth + 1)


def jsonld_objects(doc: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, @graph flattened; broken blocks skipped."""
    objects: list[dict[str, Any]] = []
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = _without_cdata(_CONTROL.sub(" ", script.text or "").strip()).strip()
        if not text:
            continue
        try:
            data = json.loads(text)
        except RecursionError:
            continue  # nested past the parser's depth: no metadata, the article stays
        except ValueError:
            # CMSs emit trailing commas and unescaped newlines; try once more leniently.
            try:
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
            except (ValueError, RecursionError):
                continue
        objects.extend(_walk(data))
    return objects


def types_of(obj: dict[str, Any]) -> set[str]:
    """The @type values of a JSON-LD object, without schema.org prefixes."""
    raw = obj.get("@type") or []
    raw = raw if isinstance(raw, list) else [raw]
    return {str(t).rsplit("/", 1)[-1] for t in raw}


def jsonld_article(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The page's NewsArticle/Article object, else its own social post, if any."""
    for kinds in (JSONLD_ARTICLE_TYPES, JSONLD_ARTICLE_LIKE_TYPES):
        for obj in objects:
            if types_of(obj) & kinds:
                return obj
    return None


def jsonld_dated(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    """An object whose dates are the page's though it is no article (a fact-check's
    review): read for its dates only."""
    return next((obj for obj in objects if types_of(obj) & JSONLD_DATED_TYPES), None)


def names(value: Any) -> list[str]:
    """Names from a JSON-LD author/creator value (string, object, or list of them)."""
    items = value if isinstance(value, list) else [value]
    out: dict[str, None] = {}  # an ordered set
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and tidy(name):
            out.setdefault(tidy(name))
    return list(out)


def text_value(value: Any) -> str | None:
    """A JSON-LD value as text (first of a list, url/@id/name of an object)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or value.get("name")
    if isinstance(value, list | dict) or value is None or isinstance(value, bool):
        return None
    return tidy(str(value)) or None


def article_body(ld: dict[str, Any] | None) -> list[str]:
    """Paragraphs of JSON-LD articleBody (a string, or a list of strings), printed once."""
    raw = ld.get("articleBody") if ld else None
    parts = raw if isinstance(raw, list) else [raw]
    text = printed_once("\n".join(part for part in parts if isinstance(part, str)))
    return [tidy(line) for line in text.split("\n") if tidy(line)]


def printed_once(text: str) -> str:
    """`text` without a second copy of itself glued after it (some CMSs write the body
    twice into articleBody): the copy must repeat the text's start for
    REPEAT_MIN_CHARS or more and run to the end."""
    if len(text) < 2 * REPEAT_MIN_CHARS:
        return text
    head, at = text[:REPEAT_MIN_CHARS], len(text) // 3
    # A few tries from a third on (two or three copies): each is one comparison of the
    # text, so a page of one repeated character costs no more than that.
    for _ in range(REPEAT_TRIES):
        at = text.find(head, at + 1)
        if at < 0:
            break
        if text[at:] == text[:len(text) - at]:
            return text[:at].rstrip()
    return text


def byline_authors(scope: HtmlElement | None) -> list[str]:
    """Names printed in a byline element near the headline ('بقلم: ...')."""
    if scope is None:
        return []
    prefixes = sorted((normalize_arabic(p) for p in AUTHOR_PREFIXES), key=len, reverse=True)
    for el in scope.iter():
        if not isinstance(el.tag, str) or not has_token(el, AUTHOR_CLASS_TOKENS):
            continue
        text = tidy(el.text_content())
        key = normalize_arabic(text)
        for prefix in prefixes:
            if key.startswith(prefix):
                text = text[len(prefix):].lstrip(" :：-–")
                break
        if 2 <= len(text) <= 60 and not any(ch.isdigit() for ch in text):
            return [n for n in re.split(r"\s*(?:،|,| و(?=\S))\s*", text) if n][:5]
    return []


def canonical_url(doc: HtmlElement, meta: dict[str, list[str]], url: str) -> str:
    """rel=canonical or og:url when on the same site, else the fetched URL; normalised."""
    candidates = [el.get("href") for el in doc.iter("link")
                  if "canonical" in (el.get("rel") or "").lower().split()]
    candidates.append(first_meta(meta, "og:url"))
    fetched = safe_url(url, url) or url
    for href in candidates:
        canonical = safe_url(href, fetched)
        # A canonical pointing at the home page or at a section above this page (a CMS
        # default) is not this article's URL: used as the dedup key it would merge them all.
        if (canonical and site_of(canonical) == site_of(fetched)
                and not _above(urlsplit(canonical).path, urlsplit(fetched).path)):
            return canonical
    return fetched


def _above(path: str, page_path: str) -> bool:
    """True when `path` is the home page or a folder that holds `page_path`."""
    folder = path.rstrip("/") + "/"
    return folder != page_path.rstrip("/") + "/" and page_path.startswith(folder)


def authors(meta: dict[str, list[str]], ld: dict[str, Any] | None) -> list[str]:
    """Authors from JSON-LD, else from author meta tags (URLs are not names)."""
    if ld and ld.get("author"):
        found = names(ld["author"])
        if found:
            return found
    return names(meta.get("author", []) + meta.get("article:author", [])
                    if not any(v.startswith("http") for v in meta.get("article:author", []))
                    else meta.get("author", []))


def section(meta: dict[str, list[str]], ld: dict[str, Any] | None) -> str | None:
    """article:section or JSON-LD articleSection."""
    value = first_meta(meta, "article:section")
    if not value and ld:
        value = text_value(ld.get("articleSection"))
    return tidy(value) if value else None


def meta_keywords(meta: dict[str, list[str]], ld: dict[str, Any] | None) -> list[str]:
    """article:tag values, else keywords meta, else JSON-LD keywords."""
    tags = list(meta.get("article:tag", []))
    if not tags and meta.get("keywords"):
        tags = re.split(r"\s*[,،]\s*", meta["keywords"][0])
    if not tags and ld and ld.get("keywords"):
        kw = ld["keywords"]
        tags = kw if isinstance(kw, list) else re.split(r"\s*[,،]\s*", str(kw))
    return [tidy(str(t)) for t in tags if tidy(str(t))]


def language(doc: HtmlElement, meta: dict[str, list[str]]) -> str | None:
    """ISO 639-1 code from <html lang> or locale metadata."""
    raw = doc.get("lang") or first_meta(meta, "og:locale", "language", "content-language")
    if raw:
        code = re.split(r"[-_]", raw.strip().lower())[0]
        if re.fullmatch(r"[a-z]{2}", code):
            return code
    return None


def image(meta: dict[str, list[str]], ld: dict[str, Any] | None, url: str) -> str | None:
    """Absolute lead image URL from og/twitter/JSON-LD."""
    raw = first_meta(meta, "og:image", "og:image:url", "twitter:image")
    if not raw and ld:
        raw = text_value(ld.get("image"))
    # Yoast's {"@id": "#primaryimage"} is a node reference, not an image URL.
    if raw and not raw.startswith("#"):
        return safe_url(raw, url)
    return None
