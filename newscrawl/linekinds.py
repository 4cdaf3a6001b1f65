"""What one line of flattened page text is: prose, or a kind of boilerplate.

General signals first (length, sentence punctuation, the share of letters, digits and
Latin, separators, brackets, code syntax, degree signs, repeats of the headline), then
the named vocabularies of newscrawl.linewords. A kind names why a reader would cut the
line; None means it may be article text.
"""

from __future__ import annotations

import re
from functools import cache

from newscrawl.edges import edge_kind, is_date_line, is_stamp
from newscrawl.lineruns import is_headline_run, is_nav
from newscrawl.linewords import (
    AD_LABELS,
    BAR_LABELS,
    COMMENT_FORMS,
    CONTROLS,
    COUNT_WORDS,
    END_MARKS,
    FEED_MARKS,
    FORM_FIELDS,
    FUNCTION_WORDS,
    MEDIA_LABELS,
    NOTICES,
    PAGER_WORDS,
    PROMPTS,
    READ_MORE,
    SECTIONS,
    SITE_LINKS,
    STAFF_LABELS,
    WIDGET_WORDS,
)
from newscrawl.markers import is_share_prompt, related_start, source_from_line, tags_start
from newscrawl.punctuation import CLAUSE, SENTENCE_END, WHOLE_SENTENCE, is_sentence_like
from newscrawl.textnorm import fold_digits, normalize_arabic, phrase_regex
from newscrawl.vocabulary import AUTHOR_PREFIXES, CAPTION_LINES, SHARE_BAR_WORDS, UI_LINES

# A line of prose: this long, mostly letters, a sentence or a clause.
PROSE_CHARS = 70
PROSE_WORDS = 12
SENTENCE_MIN_WORDS = 5
# Short lines that only boilerplate is made of are checked against the vocabularies.
LABEL_MAX_CHARS = 120
NOTICE_MAX_CHARS = 220
_CODE = re.compile(r"googletag|adsbygoogle|function\s*\(|=>|\bvar\s|window\.|document\.|"
                   r"[{};]\s*$|^\s*[.#@][\w-]+\s*\{|\w+\s*:\s*[\w#-]+;")
# Cheap test first: every code pattern holds one of these.
_CODE_HINTS = re.compile(r"[{};]|=>|google|window\.|document\.|\bvar\s|function")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_FILE_NAME = re.compile(r"^[\w\-. ]+\.(?:jpe?g|png|gif|webp|svg|mp4|pdf)$", re.IGNORECASE)
# "city – paper", "paper – writer", "writer_paper": two short names around a dash.
_CREDIT = re.compile(r"^[^\s.،,:]{2,}(?:\s[^\s.،,:]+){0,3}\s*[-–—_ـ/]\s*"
                     r"[^\s.،,:]{2,}(?:\s[^\s.،,:]+){0,3}[.:]?$")
# A name left dangling before the text it introduced: "وكالة ما -" (a colon ends subheads
# and quotes too: "وأضاف:").
_DANGLING = re.compile(r"^[^\d.،,:؛]{2,40}\s[\-–—ـ]$")
_BRACKETED = re.compile(r"^[(\[{«][^()\[\]{}]{2,60}[)\]}»]$")
_NUMBERS = re.compile(r"^[\d\s.,/٠-٩:+-]+$")
# A conjunction or preposition joined to the article: 'والـ', 'بالـ', 'للـ', 'فالـ'.
_JOINED_ARTICLE = ("وال", "بال", "فال", "كال", "لل")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+")
TOOLBAR_SHARE = 0.75
BYLINE_MAX_WORDS = 8
TITLE_REPEAT_EXTRA_CHARS = 60


@cache
def _keys(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize_arabic(p) for p in phrases)


@cache
def _prefixes(phrases: tuple[str, ...], prefix_words: int) -> re.Pattern[str] | None:
    """Phrases of at least `prefix_words` words that may start a longer line."""
    long = sorted((p for p in _keys(phrases) if len(p.split()) >= prefix_words), key=len,
                  reverse=True)
    return re.compile("|".join(re.escape(p + " ") for p in long)) if long else None


def _is(key: str, phrases: tuple[str, ...], prefix_words: int = 2) -> bool:
    """`key` is one of `phrases`, or starts with one of at least `prefix_words` words."""
    stripped = key.strip(" :.…-–|»«•·*/()[]+")
    if stripped in _keys(phrases):
        return True
    prefixes = _prefixes(phrases, prefix_words)
    return prefixes is not None and prefixes.match(stripped) is not None


_LETTERS = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def letters(text: str) -> tuple[int, int]:
    """(letters, Latin letters)."""
    total = sum(map(len, _LETTERS.findall(text)))
    return total, (sum(map(len, _LATIN.findall(text))) if total else 0)


def is_prose(text: str) -> bool:
    """A paragraph a reader reads: mostly letters, and long with a sentence or clauses,
    or a short whole sentence ('وأكد الوزير أن الحملة مستمرة.')."""
    if is_nav(text):
        return False
    if len(text) < PROSE_CHARS:
        return len(text.split()) >= SENTENCE_MIN_WORDS and bool(WHOLE_SENTENCE.search(text)) \
            and letters(text)[0] >= 0.7 * len(text)
    return letters(text)[0] >= 0.6 * len(text) and bool(
        SENTENCE_END.search(text) or CLAUSE.search(text) or len(text.split()) >= PROSE_WORDS)


def has_function_word(text: str) -> bool:
    """Whether `text` holds a preposition, particle or article: language, not a list of
    names ('في', 'من', 'والبلاغات', 'the')."""
    words = _keys(FUNCTION_WORDS)
    return any(w in words or w.startswith(_JOINED_ARTICLE)
               for w in normalize_arabic(text).split())


def _counted(key: str, words: tuple[str, ...], most: int) -> bool:
    """Numbers with at most `most` words, each one of `words` (an article prefix or 'و'
    allowed): a counter, a pager, a widget."""
    tokens = _WORD.findall(key)
    if not _NUMBER.search(key) or not 0 < len(tokens) <= most:
        return False
    known = _keys(words)
    return all(t in known or t.removeprefix("و") in known or t.removeprefix("ال") in known
               for t in tokens)


def _shape_kind(text: str, key: str) -> str | None:
    """Kinds told by the shape of a short line: widgets, counters, pagers, brackets."""
    folded = fold_digits(key)
    numbers = _NUMBER.findall(folded)
    if ("°" in text or "℃" in text) and numbers:
        return "widget"
    if len(numbers) >= 2 and _counted(folded, WIDGET_WORDS, 12):
        return "widget"
    if _counted(folded, COUNT_WORDS, 4):
        return "counter"
    if _counted(folded, PAGER_WORDS, 4) or (len(numbers) >= 3 and _counted(folded, PAGER_WORDS,
                                                                           2)):
        return "pager"
    if _is_toolbar(key) or key.strip(" :|•·") in _keys(SHARE_BAR_WORDS):
        return "share"
    if _FILE_NAME.match(text):
        return "media"
    if _BRACKETED.match(text) and len(text.split()) <= 6:
        return "bracketed"
    return None


@cache
def _staff_label() -> re.Pattern[str]:
    """A desk or author label with its colon anywhere in a short line: 'الموقع متابعة: …'."""
    labels = "|".join(re.escape(normalize_arabic(w)) for w in STAFF_LABELS + AUTHOR_PREFIXES)
    return re.compile(rf"(?:^|\s)(?:{labels})\s*:\s*\S")


@cache
def _interface_words() -> frozenset[str]:
    return frozenset(w for group in (PROMPTS, CONTROLS, COUNT_WORDS, SHARE_BAR_WORDS,
                                     COMMENT_FORMS, READ_MORE)
                     for phrase in group for w in normalize_arabic(phrase).split())


def _is_toolbar(key: str) -> bool:
    """A bar of counters, share and print buttons printed as one line: three or more
    words, nearly all of them interface words ('0 تعليق ارسل لصديق نسخة للطباعة')."""
    words = _WORD.findall(key)
    known = sum(w in _interface_words() for w in words)
    return len(words) >= 3 and known >= TOOLBAR_SHARE * len(words)


@cache
def _end_mark() -> re.Pattern[str]:
    # Alone on its line or between delimiters: 'انتهى الاجتماع' is a sentence.
    ends = phrase_regex(END_MARKS)
    return re.compile(rf"^\s*(?:{ends}\s*[.]?\s*$|(?://?|\(|\[|[-–—*]{{1,2}})\s*{ends}\s*"
                      rf"(?://?|\)|\]|[-–—*]{{1,2}}))", re.IGNORECASE)


def repeats_title(text: str, title: str) -> bool:
    """The headline printed again: alone, or inside a breadcrumb or a 'site - title' line
    (a lede that restates the headline is a sentence, and stays)."""
    key, head = normalize_arabic(text), normalize_arabic(title)
    if key == head:
        return True
    return len(head.split()) >= 4 and head in key and not is_sentence_like(text) \
        and len(key) - len(head) < TITLE_REPEAT_EXTRA_CHARS


def line_kind(text: str, title: str | None, arabic_page: bool,
              prose: bool | None = None) -> str | None:
    """The boilerplate kind of a line (None: it may be article text); `prose` is
    is_prose(text) when the caller has it."""
    key = normalize_arabic(text)
    total, latin = letters(text)
    if _CODE_HINTS.search(text) and _CODE.search(text) and total < 0.75 * len(text):
        return "code"
    if "appeared first on" in key:
        return "feed_end"
    if _end_mark().match(text):
        return "end_mark"
    if _URL.match(text) or key in ("[…]", "[...]") \
            or any(key.startswith(m + " ") or key == m for m in FEED_MARKS):
        return "feed"
    if total < 0.3 * len(text) and not is_stamp(text):
        return "counter" if _NUMBERS.match(text) else "symbols"
    if arabic_page and latin >= 0.7 * total:
        return "latin"
    if title and repeats_title(text, title):
        return "title_repeat"
    if tags_start().match(text):
        return "tags"
    if related_start().match(text):
        return "related"
    if source_from_line(text):
        return "source"
    kind = edge_kind(text)
    if kind is not None:
        return kind
    if is_date_line(text):
        return "stamp"
    if arabic_page and is_headline_run(text):
        return "ticker"
    if len(text) <= NOTICE_MAX_CHARS and any(n in key for n in _keys(NOTICES)):
        return "notice"
    if len(text) > LABEL_MAX_CHARS:
        return None
    return _label_kind(text, key, is_prose(text) if prose is None else prose)


# Vocabularies of whole lines (or of a line's start, for phrases of two words or more).
_LABELS = (("comment_form", COMMENT_FORMS), ("form", FORM_FIELDS), ("prompt", PROMPTS),
           ("read_more", READ_MORE), ("ad", AD_LABELS), ("control", CONTROLS),
           ("bar", BAR_LABELS), ("nav", SITE_LINKS), ("staff", STAFF_LABELS),
           ("media", MEDIA_LABELS), ("caption", CAPTION_LINES), ("ui", UI_LINES))
WHOLE_LINE_ONLY = 99


def _label_kind(text: str, key: str, prose: bool) -> str | None:
    """Kinds of a short line: a vocabulary label, a widget, a menu, a credit."""
    # A sentence may start with a label's words ('آخر الأخبار تشير إلى …'): only a
    # line that is not prose is matched by its start.
    for name, phrases in _LABELS:
        if _is(key, phrases, prefix_words=WHOLE_LINE_ONLY if prose else 2):
            return name
    if _is(key, SECTIONS, prefix_words=WHOLE_LINE_ONLY):
        return "section"
    if prose:
        return None
    shape = _shape_kind(text, key)
    if shape is not None:
        return shape
    # A ticker item: "عاجل: …", "آخر الأخبار | …".
    label = re.split(r"\s*[:|]\s*", key, maxsplit=1)[0]
    if label != key and label in _keys(BAR_LABELS):
        return "bar"
    if len(text) < 60 and (is_share_prompt(text) or is_nav(text)):
        return "nav"
    if len(text.split()) <= BYLINE_MAX_WORDS and _staff_label().search(key):
        return "byline"
    short = len(text) <= 50 and not prose
    if short and not SENTENCE_END.search(text.rstrip(".")) and _CREDIT.match(text):
        return "credit"
    if short and len(text.split()) <= 4 and _DANGLING.match(text):
        return "credit"
    return None
