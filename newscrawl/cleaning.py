"""Text-level cleaning: what DOM stripping cannot see, and text another crawler flattened.

`clean_article` finishes an extracted record; `clean_text` reads a whole flattened page
(title line, date line, body, read-also lines, source, tags, other articles) back into
record fields.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from newscrawl.boilerplate import (
    agency_from_dateline,
    inline_related,
    is_heading,
    source_from_line,
)
from newscrawl.dates import parse_date, to_iso
from newscrawl.textnorm import normalize_arabic, phrase_regex, tidy
from newscrawl.vocabulary import (
    AM_MARKERS,
    CAPTION_LINES,
    CAPTION_PREFIXES,
    DATE_LABELS,
    MONTHS,
    PM_MARKERS,
    RELATED_HEADINGS,
    RELATED_HEADINGS_INLINE,
    TAG_HEADINGS,
    UI_LINES,
)

_SENTENCE_END = re.compile(r"[.!?؟…»\"”]\s*$")


@cache
def _related_start() -> re.Pattern[str]:
    """A read-also heading at the start of a line, maybe glued to the next word."""
    return re.compile(rf"^\s*({phrase_regex(RELATED_HEADINGS)})(?:\s*[:：\-–]\s*|(?=\S)|\s*$)",
                      re.IGNORECASE)


@cache
def _tags_start() -> re.Pattern[str]:
    return re.compile(rf"^\s*({phrase_regex(TAG_HEADINGS)})\s*[:：]\s*", re.IGNORECASE)


@cache
def _related_inside() -> re.Pattern[str]:
    """A related-box heading in the middle of a line (multi-word Arabic headings only)."""
    return re.compile(phrase_regex(RELATED_HEADINGS_INLINE))


@cache
def _stamp() -> re.Pattern[str]:
    """A related item's date stamp: '4 أبريل 2025 - 7:57 مساءً' (ends the item's title)."""
    months = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
    markers = phrase_regex(AM_MARKERS + PM_MARKERS)
    return re.compile(rf"\s*\d{{1,2}}\s+(?:{months})\s+\d{{4}}\s*[-–|،,]?\s*"
                      rf"\d{{1,2}}:\d{{2}}\s*(?:{markers})?", re.IGNORECASE)


def is_headline(line: str) -> bool:
    """Short and not a sentence: how related titles and headlines look."""
    words = len(line.split())
    return 2 <= words <= 30 and not line.rstrip().endswith((".", "؟", "?", "!"))


def split_glued_related(line: str) -> tuple[list[str], list[str]]:
    """(text parts, related titles) of a line with a related box glued inside it.

    '… نص. أخبار قد تهمك عنوان 4 أبريل 2025 - 7:57 مساءً عنوان 4 أبريل 2025 - 6:36
    مساءًوشددت …' -> (['… نص.', 'وشددت …'], ['عنوان', 'عنوان']). A heading with no dated
    items after it is left alone: it may be running text.
    """
    match = _related_inside().search(line)
    if not match:
        return [line], []
    stamps = list(_stamp().finditer(line, match.end()))
    if not stamps:
        return [line], []
    titles, start = [], match.end()
    for stamp in stamps:
        title = tidy(line[start:stamp.start()])
        if title and not is_headline(title):
            break  # prose between stamps: the box ended earlier
        if title:
            titles.append(title)
        start = stamp.end()
    if not titles:
        return [line], []
    parts = [tidy(line[: match.start()]), tidy(line[start:])]
    return [p for p in parts if p], titles


def _is_ui_line(line: str) -> bool:
    """'Share', 'You may also like', 'Copyright ©…', a leaked caption: not article text."""
    if len(line) > 90:
        return False
    key = normalize_arabic(line).strip(" :.-–|()")
    if any(key == p or (len(p) > 8 and key.startswith(p)) for p in _ui_keys()):
        return True
    # "(صورة: رويترز)", "Photo: AFP": a caption credit line.
    return len(key) < 60 and bool(_caption_credit().match(key))


@cache
def _ui_keys() -> frozenset[str]:
    return frozenset(normalize_arabic(p) for p in UI_LINES + CAPTION_LINES)


@cache
def _caption_credit() -> re.Pattern[str]:
    alt = "|".join(re.escape(normalize_arabic(p)) for p in CAPTION_PREFIXES)
    return re.compile(rf"^(?:{alt})\s*[:：/]\s*\S")


def clean_paragraphs(paragraphs: list[str], item: dict[str, Any]) -> list[str]:
    """Drop boilerplate paragraphs, moving what they say into item fields."""
    kept: list[str] = []
    for index, para in enumerate(paragraphs):
        text = tidy(para)
        if not text or _is_ui_line(text):
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
        parts, titles = split_glued_related(text)
        item.setdefault("related", []).extend({"title": t, "url": None} for t in titles)
        kept.extend(parts)
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


def _labelled_date(line: str) -> str | None:
    """The date text of 'تاريخ النشر: …' / 'Published: …' lines."""
    key = normalize_arabic(line)
    for label in DATE_LABELS:
        norm = normalize_arabic(label)
        if key.startswith(norm):
            return line
    return None


def clean_text(text: str, *, tz: str | None = None) -> dict[str, Any]:
    """Record fields from text another crawler flattened (one paragraph per line).

    Reads, in order: a headline line, a date line, body paragraphs; read-also headings
    (also glued to the next word) and the titles under them go to `related`; source and
    agency lines to `source`; the tag line to `tags`. After the tag/source trailer, a new
    read-also heading starts other articles: nothing from there on is kept.
    """
    lines = [tidy(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    result: dict[str, Any] = {"title": None, "published_at": None, "published_raw": None,
                              "body": "", "source": None, "tags": [], "related": []}
    start = 0
    if len(lines) > 1 and is_headline(lines[0]) and not _related_start().match(lines[0]):
        result["title"], start = lines[0], 1
    body: list[str] = []
    state = "body"  # body -> related (titles under a heading) -> trailer (source/tags)
    for line in lines[start:]:
        raw_date = _labelled_date(line) if len(line) < 120 else None
        if raw_date and result["published_at"] is None:
            value = parse_date(raw_date, tz=tz)
            if value is not None:
                result["published_at"], result["published_raw"] = to_iso(value, tz), raw_date
                continue
        heading = _related_start().match(line)
        if heading:
            if state == "trailer":
                break  # the article ended with its source/tags; this is other articles
            state = "related"
            rest = tidy(line[heading.end():])
            if rest and is_headline(rest):
                result["related"].append({"title": rest, "url": None})
            elif rest:
                body.append(rest)
                state = "body"
            continue
        tags = _tags_start().match(line)
        if tags:
            result["tags"].append(tidy(line[tags.end():]))
            state = "trailer"
            continue
        credit = source_from_line(line)
        if credit:
            result["source"] = result["source"] or credit
            state = "trailer" if body else state
            continue
        agency = agency_from_dateline(line)
        if agency:
            if state == "trailer":
                break
            result["source"] = result["source"] or agency
            continue
        if state == "related" and is_headline(line):
            result["related"].append({"title": line, "url": None})
            continue
        if state == "trailer":
            break
        state = "body"
        if _is_ui_line(line):
            continue
        parts, titles = split_glued_related(line)
        result["related"].extend({"title": t, "url": None} for t in titles)
        body.extend(parts)
    result["body"] = "\n".join(body)
    return result
