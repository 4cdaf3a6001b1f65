"""Text-level cleaning: what DOM stripping cannot see (inline read-also lines, credits)."""

from __future__ import annotations

from typing import Any

from newscrawl.boilerplate import (
    agency_from_dateline,
    inline_related,
    is_heading,
    source_from_line,
)
from newscrawl.textnorm import normalize_arabic, tidy
from newscrawl.vocabulary import RELATED_HEADINGS, TAG_HEADINGS


def clean_paragraphs(paragraphs: list[str], item: dict[str, Any]) -> list[str]:
    """Drop boilerplate paragraphs, moving what they say into item fields."""
    kept: list[str] = []
    for index, para in enumerate(paragraphs):
        text = tidy(para)
        if not text:
            continue
        if is_heading(text, RELATED_HEADINGS) or is_heading(text, TAG_HEADINGS):
            continue
        credit = source_from_line(text)
        if credit:
            item["source"] = item.get("source") or credit
            continue
        if index < 2 and (agency := agency_from_dateline(text)):
            item["source"] = item.get("source") or agency
            continue
        title = inline_related(text)
        if title:
            item.setdefault("related", []).append({"title": title, "url": None})
            continue
        kept.append(text)
    return kept


def clean_article(item: dict[str, Any]) -> dict[str, Any]:
    """Text-level pass over an extracted article's body and fields."""
    paragraphs = clean_paragraphs(item.get("body", "").split("\n"), item)
    # The headline repeated as the first paragraph is not body text.
    if paragraphs and item.get("title") and normalize_arabic(paragraphs[0]) == normalize_arabic(
            item["title"]):
        paragraphs = paragraphs[1:]
    item["body"] = "\n".join(paragraphs)
    for key in ("title", "description", "section", "source"):
        if isinstance(item.get(key), str):
            item[key] = tidy(item[key]) or None
    item["tags"] = list(dict.fromkeys(tidy(t) for t in item.get("tags", []) if tidy(t)))
    seen: set[str] = set()
    related = []
    for link in item.get("related", []):
        key = normalize_arabic(link["title"])
        if key not in seen:
            seen.add(key)
            related.append(link)
    item["related"] = related
    return item
