"""How a line of text is punctuated: a sentence's end, clauses, a headline's length."""

from __future__ import annotations

import re

# A sentence's end, an ellipsis included (teasers end with one).
SENTENCE_END = re.compile(r"[.!?؟۔…。！？][\"”»')\]」』]*\s*$")
# A sentence's own end: not an ellipsis, which cut headlines and teasers end with.
WHOLE_SENTENCE = re.compile(r"(?<![.…])[.!?؟۔。！？][\"”»')\]」』]*\s*$")
# A sentence's end that is not an ellipsis; a comma or semicolon of running text.
WHOLE_SENTENCE_END = re.compile(r"(?<![.…])[.!?؟۔。！？][\"”»')\]]*\s*$")
COMMA = re.compile(r"[،,؛;]\s|[，、；]")
# Headlines run to this many words at most.
HEADLINE_MAX_WORDS = 30
CLAUSE = re.compile(r"[،,؛;:]\s|[，、；：]")


def is_sentence_like(text: str) -> bool:
    """Punctuated as running text (a sentence's end, a comma), or too long for a
    headline; a colon is not enough: headlines say 'الوزير: …'."""
    return bool(WHOLE_SENTENCE_END.search(text) or COMMA.search(text)) \
        or len(text.split()) > HEADLINE_MAX_WORDS
