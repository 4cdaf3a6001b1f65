"""Structured metadata of a page: JSON-LD objects and <meta> tags, as plain data."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html

from newscrawl.textnorm import tidy
from newscrawl.vocabulary import JSONLD_ARTICLE_TYPES

# <meta> names/properties per field, most specific first.
META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "datepublished",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "parsely-pub-date",
    "sailthru.date", "pubdate", "publish-date", "publish_date", "date",
)
META_MODIFIED = (
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
    "last-modified",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for sub in node:
            yield from _walk(sub)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in node:
                yield from _walk(node[key])


def jsonld_objects(doc: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, @graph flattened; broken blocks skipped."""
    objects: list[dict[str, Any]] = []
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = _CONTROL.sub(" ", script.text or "").strip()
        if not text:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            # CMSs emit trailing commas and unescaped newlines; try once more leniently.
            try:
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
            except ValueError:
                continue
        objects.extend(_walk(data))
    return objects


def types_of(obj: dict[str, Any]) -> set[str]:
    """The @type values of a JSON-LD object, without schema.org prefixes."""
    raw = obj.get("@type") or []
    raw = raw if isinstance(raw, list) else [raw]
    return {str(t).rsplit("/", 1)[-1] for t in raw}


def jsonld_article(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The page's NewsArticle/Article object, if any."""
    for obj in objects:
        if types_of(obj) & JSONLD_ARTICLE_TYPES:
            return obj
    return None


def names(value: Any) -> list[str]:
    """Names from a JSON-LD author/creator value (string, object, or list of them)."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and tidy(name) and tidy(name) not in out:
            out.append(tidy(name))
    return out


def text_value(value: Any) -> str | None:
    """A JSON-LD value as text (first of a list, @id/url of an object)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or value.get("name")
    return tidy(str(value)) or None if value is not None else None
