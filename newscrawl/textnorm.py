"""Arabic-aware text normalisation: for matching markers, hashing, and tidy output."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and bidi control marks leak from CMS editors into titles and bodies;
# C0 control characters and U+FFFD are never part of readable text either.
_INVISIBLE_CHARS = ("\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066"
                    "\u2067\u2068\u2069\ufeff\u00ad\u061c\x7f\ufffd"
                    + "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])))
# A regex finds them faster than str.translate walks non-ASCII text (a dict per char).
_INVISIBLE = re.compile(f"[{re.escape(_INVISIBLE_CHARS)}]+")
# The zero-width non-joiner and joiner are spelling inside a word: Persian, Urdu and Kurdish
# write 'می‌شود', 'برچسب‌ها' with them (without, the letters join into another word), and
# emoji sequences use the joiner. Printed text keeps them inside words; matching keys drop
# them ('برچسبها' and 'برچسب‌ها' are one word to match).
_JOINERS = "\u200c\u200d"
_LOOSE_JOINERS = re.compile(f"(?<!\\S)[{_JOINERS}]+|[{_JOINERS}]+(?!\\S)")
_DIACRITICS = "".join(map(chr, [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670,
                                *range(0x06D6, 0x06EE), 0x0640]))  # and tatweel
# Matching keys drop marks, diacritics and tatweel and unify alef/hamza/ya/ta-marbuta forms.
# One regex pass for the drops and a str.replace per form: 3x faster than one str.translate
# table, which looks every character up in a dict.
_DROPPED = re.compile(f"[{re.escape(_INVISIBLE_CHARS + _JOINERS + _DIACRITICS)}]+")
_UNIFIED: tuple[tuple[str, str], ...] = (
    ("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"),
    ("ئ", "ي"), ("ی", "ي"), ("ک", "ك"))
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def strip_invisible(text: str) -> str:
    """Remove zero-width, bidi and soft-hyphen marks, and control characters."""
    return _LOOSE_JOINERS.sub("", _INVISIBLE.sub("", text))


def without_joiners(text: str) -> str:
    """`text` without its zero-width (non-)joiners, nothing else touched: a name as
    printed, in the one spelling a reader sees ('علی‌رضا' is 'علیرضا')."""
    for joiner in _JOINERS:
        text = text.replace(joiner, "")
    return text


# From a word's start only: anchored anywhere, a long run of letters is read again from
# each of its characters (quadratic).
_JOINED_WORD = re.compile(f"(?<!\\w)\\w+(?:[{_JOINERS}]+\\w+)+")
_WORD = re.compile(r"\w+")


def restore_joiners(lines: list[str], source: str) -> list[str]:
    """`lines` with the joiners `source` spells its words with put back: an engine that
    drops non-printing characters turns 'می‌دهد' into another word, 'میدهد'. A word the
    source also prints without them, or with them in two ways, is left as it is (a stray
    joiner in a menu must not spread into the body)."""
    spelled: dict[str, str | None] = {}
    for word in _JOINED_WORD.findall(source):
        bare = without_joiners(word)
        spelled[bare] = word if spelled.get(bare, word) == word else None
    if not spelled:
        return lines
    for word in set(_WORD.findall(source)) & spelled.keys():
        spelled[word] = None  # printed without a joiner too
    return [_WORD.sub(lambda m: spelled.get(m.group()) or m.group(), line) for line in lines]


def tidy(text: str) -> str:
    """One space between words, invisible marks dropped, trimmed; letters as printed.

    All whitespace counts, newlines too: inside HTML text they are just spaces.
    """
    text = _INVISIBLE.sub("", text)
    if "\u200c" in text or "\u200d" in text:
        text = _LOOSE_JOINERS.sub("", text)
    return " ".join(text.split())


def fold_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII."""
    return text.translate(_DIGITS)


def normalize_arabic(text: str) -> str:
    """Matching key: unify alef/hamza/ya/ta-marbuta forms, drop tatweel, diacritics, marks."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _DROPPED.sub("", text)
    for form, letter in _UNIFIED:
        if form in text:
            text = text.replace(form, letter)
    return " ".join(text.split()).lower()


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic script."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)


_VARIANTS = {"ا": "اأإآٱ", "ي": "يىئی", "ه": "هة", "و": "وؤ", "ك": "كک"}
_MARKS = "[\u064b-\u065f\u0670\u0640\u200b-\u200f]*"


def phrase_regex(phrases: tuple[str, ...] | list[str]) -> str:
    """Regex source matching any phrase as printed in any spelling: hamza/alef forms,
    ى/ي, ة/ه, tatweel, tanween and other diacritics, and any spacing."""
    alternatives = []
    for phrase in sorted({normalize_arabic(p) for p in phrases}, key=len, reverse=True):
        parts = []
        for char in phrase:
            if char == " ":
                parts.append(r"\s*")
            elif char in _VARIANTS:
                parts.append(f"[{_VARIANTS[char]}]{_MARKS}")
            else:
                parts.append(re.escape(char) + _MARKS)
        alternatives.append("".join(parts))
    return "(?:" + "|".join(alternatives) + ")"
