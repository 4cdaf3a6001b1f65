"""Text-level cleaning of an extracted record: what DOM stripping cannot see.

`clean_article` finishes an extracted record (interface lines, credits, read-also lines,
related boxes glued into a paragraph). `clean_text` reads a whole page another crawler
flattened back into record fields (newscrawl.flattext).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from newscrawl.fields import sane_authors, sane_source, sane_tags
from newscrawl.flattext import clean_text
from newscrawl.glued import is_headline, split_glued_related
from newscrawl.items import cap_lists
from newscrawl.markers import agency_from_dateline, inline_related, is_heading, source_from_line
from newscrawl.textnorm import normalize_arabic, tidy
from newscrawl.vocabulary import (
    AD_LABELS,
    CAPTION_LINES,
    CAPTION_PREFIXES,
    RELATED_HEADINGS,
    TAG_HEADINGS,
    UI_LINES,
)

# Re-exported: the public names of text cleaning live here.
__all__ = ["clean_article", "clean_paragraphs", "clean_text", "is_headline",
           "split_glued_related"]


def _is_ui_line(line: str) -> bool:
    """'Share', 'You may also like', 'Copyright ©…', a leaked caption: not article text."""
    if len(line) > 90:
        return False
    key = normalize_arabic(line).strip(" :.-–|()")
    # One-word phrases only as the whole line ("التعليقات"); longer ones may start a
    # longer line ("Copyright © 2019 …").
    keys, starts = _ui_keys()
    if key in keys or key.startswith(starts):
        return True
    # "(صورة: رويترز)", "Photo: AFP": a caption credit line.
    return len(key) < 60 and bool(_caption_credit().match(key))


@cache
def _ui_keys() -> tuple[frozenset[str], tuple[str, ...]]:
    """The phrases as whole lines, and those of several words as line starts (not the ad
    labels: 'quảng cáo' opens Vietnamese sentences too)."""
    phrases = frozenset(normalize_arabic(p) for p in UI_LINES + CAPTION_LINES)
    labels = frozenset(normalize_arabic(p) for p in AD_LABELS)
    return phrases | labels, tuple(sorted(k for k in phrases if " " in k))


@cache
def _caption_credit() -> re.Pattern[str]:
    alt = "|".join(re.escape(normalize_arabic(p)) for p in CAPTION_PREFIXES)
    return re.compile(rf"^(?:{alt})\s*[:：/]\s*\S")


def clean_paragraphs(paragraphs: list[str], item: dict[str, Any]) -> list[str]:
    """Drop boilerplate paragraphs, moving what they say into item fields."""
    kept: list[str] = []
    for index, para in enumerate(paragraphs):
        text = tidy(para)
        if not text:
            continue
        # Boilerplate lines are short; long paragraphs only need the glued-box check.
        if len(text) < 200 and _boilerplate_line(text, index, item):
            continue
        parts, titles = split_glued_related(text)
        item.setdefault("related", []).extend({"title": t, "url": None} for t in titles)
        kept.extend(parts)
    return kept


def _boilerplate_line(text: str, index: int, item: dict[str, Any]) -> bool:
    """True when a short line is boilerplate; what it carries goes into `item`."""
    if _is_ui_line(text) or is_heading(text, RELATED_HEADINGS) or is_heading(text,
                                                                           TAG_HEADINGS):
        return True
    credit = source_from_line(text)
    if credit:
        item["source"] = item.get("source") or credit
        return True
    if index < 2 and (agency := agency_from_dateline(text)):
        item["source"] = item.get("source") or agency
        return True
    title = inline_related(text)
    if title and not title.endswith("."):
        item.setdefault("related", []).append({"title": title, "url": None})
        return True
    return False


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
    item["tags"] = sane_tags(item.get("tags", []), item.get("title"))
    item["authors"] = sane_authors(item.get("authors", []), item.get("site"))
    item["source"] = sane_source(item.get("source"))
    seen: set[str] = set()
    related = []
    for link in item.get("related", []):
        key = normalize_arabic(link["title"])
        if key not in seen:
            seen.add(key)
            related.append(link)
    item["related"] = related
    # Cut lists are noted on the (internal) extraction info; the pipeline counts them.
    capped = cap_lists(item)
    if capped:
        item.setdefault("extraction", {})["capped"] = capped
    return item
