"""Inside the article of a flattened text: what stays, what is cut, what fills a field.

From the article's first paragraph on (newscrawl.flattext finds it): a read-also heading
starts a list of related titles; tags after the article's paragraphs end it, and a new
read-also heading or agency dateline after them starts other articles; a comment form,
a feed footer or a wire end mark ends it; lines of a boilerplate kind are cut, except a
credit-shaped line between two paragraphs (a subhead); lines after the last paragraph
are cut unless the text ends there mid-sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from newscrawl.datechoice import date_fields
from newscrawl.dates import MIN_YEAR, parse_date
from newscrawl.datewords import ALL_DATE_LABELS, ALL_MODIFIED_LABELS
from newscrawl.glued import is_headline, split_glued_related
from newscrawl.linekinds import is_prose, letters
from newscrawl.markers import agency_from_dateline, related_start, source_from_line, tags_start
from newscrawl.punctuation import CLAUSE, is_sentence_like
from newscrawl.textnorm import normalize_arabic, tidy

# Kinds after which, once the article has begun, nothing is article text.
STOP_KINDS = frozenset({"comment_form", "feed_end", "end_mark"})
# Kinds told by shape alone that, between two paragraphs, are the article's subheads.
INNER_KINDS = frozenset({"credit"})
# Titles in a read-also list are at most this long.
LISTED_TITLE_MAX_WORDS = 20
LABELLED_DATE_MAX_CHARS = 120


@dataclass
class Line:
    """One line of the text and what it is."""

    text: str
    kind: str | None = None
    prose: bool = False


@dataclass
class Reading:
    """The record fields a text gave, and each cut line with its kind (for --explain)."""

    fields: dict[str, Any]
    cut: list[tuple[str, str]] = field(default_factory=list)


@cache
def _labels(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalize_arabic(p) for p in phrases)


def _is_modified(line: str) -> bool:
    return normalize_arabic(line).startswith(_labels(ALL_MODIFIED_LABELS))


def _labelled_date(line: str) -> bool:
    return len(line) <= LABELLED_DATE_MAX_CHARS and len(line.split()) <= 12 \
        and normalize_arabic(line).startswith(_labels(ALL_DATE_LABELS))


def harvest(line: Line, reading: Reading, tz: str | None, dated: bool) -> bool:
    """Fill a field from a cut line (a stamp only when `dated`); True when it did."""
    fields, text = reading.fields, line.text
    stamp = dated and line.kind == "stamp" and not _is_modified(text)
    if (_labelled_date(text) or stamp) and fields["published_at"] is None:
        value = parse_date(text, tz=tz, min_year=MIN_YEAR, ranges=False)
        if value is not None:
            fields.update(date_fields("published", value, tz), published_raw=text)
            return True
    tags = tags_start().match(text)
    if tags:
        fields["tags"].append(tidy(text[tags.end():]))
        return True
    credit = source_from_line(text) or agency_from_dateline(text)
    if credit:
        fields["source"] = fields["source"] or credit
        return True
    return False


def read_body(lines: list[Line], reading: Reading, tz: str | None) -> None:
    """The article from its first paragraph: read-also lists, tag trailers and other
    articles after them handled as before; cut lines recorded with their kinds."""
    fields, cut = reading.fields, reading.cut
    kept: list[Line] = []
    state = "body"  # body -> related (titles under a heading) -> trailer (after tags)
    ended_early = False
    for index, line in enumerate(lines):
        text = line.text
        if _labelled_date(text) and len(text.split()) <= 9 and harvest(line, reading, tz,
                                                                         dated=False):
            cut.append(("stamp", text))
            continue
        heading = related_start().match(text)
        if heading:
            if state == "trailer":
                ended_early = True
                cut.extend(("other_article", rest.text) for rest in lines[index:])
                break
            rest = tidy(text[heading.end():])
            separated = bool(re.search(r"[:：|]\s*$", text[: heading.end()]))
            cut.append(("related", text))
            if rest and is_headline(rest):
                fields["related"].append({"title": rest, "url": None})
                # 'اقرأ أيضاً: عنوان' is one line; a bare or glued heading heads a list.
                state = "body" if separated else "related"
            elif rest:
                kept.append(Line(rest, prose=is_prose(rest)))
                cut.pop()
                state = "body"
            else:
                state = "related"
            continue
        if tags_start().match(text):
            harvest(line, reading, tz, dated=False)
            cut.append(("tags", text))
            # Tags after the article's paragraphs end it; tags above them do not.
            state = "trailer" if any(k.prose and is_sentence_like(k.text) for k in kept) \
                else state
            continue
        if source_from_line(text):
            harvest(line, reading, tz, dated=False)
            cut.append(("source", text))
            state = "body" if state == "related" else state
            continue
        if agency_from_dateline(text):
            if state == "trailer":
                ended_early = True
                cut.extend(("other_article", rest.text) for rest in lines[index:])
                break
            harvest(line, reading, tz, dated=False)
            cut.append(("dateline", text))
            continue
        if state == "related" and _is_listed_title(text):
            fields["related"].append({"title": text, "url": None})
            cut.append(("related", text))
            continue
        if state == "trailer" and not line.prose:
            # After the tags: a line that is not a paragraph is not the article's; a
            # paragraph still is (tag boxes sit between paragraphs too).
            cut.append((line.kind or "after", text))
            continue
        state = "body"
        if line.kind in STOP_KINDS and any(k.prose for k in kept):
            ended_early = True
            cut.extend((rest.kind or "after", rest.text) for rest in lines[index:])
            break
        # Between paragraphs, "name – name" is a subhead ("الحصاد الميداني – حلب"), not
        # the credit it would be above or below the article.
        inside = line.kind in INNER_KINDS and any(k.prose for k in kept) and any(
            later.prose and later.kind is None for later in lines[index + 1:])
        if line.kind is not None and not inside:
            cut.append((line.kind, text))
            continue
        parts, titles = split_glued_related(text)
        fields["related"].extend({"title": t, "url": None} for t in titles)
        if titles:
            cut.extend(("related", t) for t in titles)
        if parts == [text]:
            kept.append(line)
        else:
            kept.extend(Line(part, prose=is_prose(part)) for part in parts)
    _end_at_last_prose(kept, cut, truncated_tail=not ended_early)
    fields["body"] = "\n".join(line.text for line in kept)


def _is_listed_title(text: str) -> bool:
    """A title in a read-also list: a headline with no clause punctuation."""
    return is_headline(text) and len(text.split()) <= LISTED_TITLE_MAX_WORDS \
        and not CLAUSE.search(text)


def _end_at_last_prose(kept: list[Line], cut: list[tuple[str, str]],
                       truncated_tail: bool) -> None:
    """Lines after the last paragraph of prose are not the article (unmarked related
    headlines, a site's sign-off), except the text's own last line cut short mid-sentence
    right after a paragraph: excerpts and dumps end where they were truncated."""
    last = max((i for i, line in enumerate(kept) if line.prose), default=None)
    if last is None:
        return
    tail = kept[last + 1:]
    del kept[last + 1:]
    if truncated_tail and len(tail) == 1 and letters(tail[0].text)[0] >= 2:
        kept.append(tail[0])
        return
    cut.extend(("after", line.text) for line in tail)


