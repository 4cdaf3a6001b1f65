"""Text-level cleaning: what DOM stripping cannot see, and text another crawler flattened.

`clean_article` finishes an extracted record; `clean_text` reads a whole flattened page
(title line, date line, body, read-also lines, source, tags, other articles) back into
record fields.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from newscrawl.dates import parse_date, to_iso
from newscrawl.datewords import AM_MARKERS, DATE_LABELS, MONTHS, PM_MARKERS
from newscrawl.encoding import repair_mojibake
from newscrawl.fields import sane_authors, sane_source, sane_tags
from newscrawl.markers import (
    agency_from_dateline,
    inline_related,
    is_heading,
    related_start,
    source_from_line,
    tags_start,
)
from newscrawl.textnorm import normalize_arabic, phrase_regex, tidy
from newscrawl.vocabulary import (
    CAPTION_LINES,
    CAPTION_PREFIXES,
    RELATED_HEADINGS,
    RELATED_HEADINGS_INLINE,
    TAG_HEADINGS,
    UI_LINES,
)

_SENTENCE_END = re.compile(r"[.!?؟…»\"”]\s*$")
_STAMP_HINT = re.compile(r"\d:\d\d|منذ")


@cache
def _related_inside() -> re.Pattern[str]:
    """A related-box heading in the middle of a line (multi-word Arabic headings only),
    as whole words: never letters inside a longer word."""
    return re.compile(rf"(?<!\w){phrase_regex(RELATED_HEADINGS_INLINE)}")


@cache
def _stamp() -> re.Pattern[str]:
    """A related item's date stamp: '4 أبريل 2025 - 7:57 مساءً' (ends the item's title)."""
    months = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
    markers = phrase_regex(AM_MARKERS + PM_MARKERS)
    day = rf"(?:\d{{1,2}}\s+(?:{months})\s+\d{{4}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{4}})"
    relative = phrase_regex(("منذ",)) + r"\s+\S+(?:\s+\S+)?"
    return re.compile(rf"\s*(?:{day}\s*[-–|،,]?\s*\d{{1,2}}:\d{{2}}\s*(?:{markers})?"
                      rf"|{relative})", re.IGNORECASE)


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
    if not _STAMP_HINT.search(line):
        return [line], []  # no date stamp, no glued box: skip the costly search
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
    # One-word phrases only as the whole line ("التعليقات"); longer ones may start a
    # longer line ("Copyright © 2019 …").
    if any(key == p or (" " in p and key.startswith(p)) for p in _ui_keys()):
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
    return item


def _labelled_date(line: str, in_body: bool) -> str | None:
    """The date text of 'تاريخ النشر: …' / 'Published: …' lines (not of body sentences
    that happen to start with 'بتاريخ')."""
    if len(line) > 120 or (in_body and len(line.split()) > 9):
        return None
    key = normalize_arabic(line)
    if any(key.startswith(normalize_arabic(label)) for label in DATE_LABELS):
        return line
    return None


def clean_text(text: str, *, tz: str | None = None) -> dict[str, Any]:
    """Record fields from text another crawler flattened (one paragraph per line).

    Reads, in order: a headline line, a date line, body paragraphs. A read-also heading
    on its own line or glued to the next word starts a list of related titles; with a
    ':' and a title it is a one-line read-also. Source and agency lines go to `source`,
    the tag line to `tags`. After the tag line, a new read-also heading or a new
    agency dateline starts other articles: nothing from there on is kept.
    """
    # Mojibake first: tidy() would strip the soft hyphens that repair needs.
    lines = [tidy(line) for line in repair_mojibake(text).splitlines()]
    lines = [line for line in lines if line]
    result: dict[str, Any] = {"title": None, "published_at": None, "published_raw": None,
                              "body": "", "source": None, "tags": [], "related": []}
    start = 0
    if len(lines) > 1 and is_headline(lines[0]) and not related_start().match(lines[0]):
        result["title"], start = lines[0], 1
    body: list[str] = []
    state = "body"  # body -> related (titles under a heading) -> trailer (after tags)
    for line in lines[start:]:
        raw_date = _labelled_date(line, bool(body))
        if raw_date and result["published_at"] is None:
            value = parse_date(raw_date, tz=tz)
            if value is not None:
                result["published_at"], result["published_raw"] = to_iso(value, tz), raw_date
                continue
        heading = related_start().match(line)
        if heading:
            if state == "trailer":
                break  # the article ended with its tags; this is other articles
            rest = tidy(line[heading.end():])
            separated = bool(re.search(r"[:：|]\s*$", line[: heading.end()]))
            if rest and is_headline(rest):
                result["related"].append({"title": rest, "url": None})
                # 'اقرأ أيضاً: عنوان' is one line; a bare or glued heading heads a list.
                state = "body" if separated else "related"
            elif rest:
                body.append(rest)
                state = "body"
            else:
                state = "related"
            continue
        tags = tags_start().match(line)
        if tags:
            result["tags"].append(tidy(line[tags.end():]))
            state = "trailer" if body else state
            continue
        credit = source_from_line(line)
        if credit:
            result["source"] = result["source"] or credit
            if state == "related":
                state = "body"
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
