"""Arabic-aware text normalisation: for matching markers, hashing, and tidy output."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and bidi control marks leak from CMS editors into titles and bodies.
# Also C0 control characters and U+FFFD: never part of readable text.
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u061c\x00-\x08\x0b\x0c\x0e-\x1f"
    "\x7f\ufffd]")
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                             "ؤ": "و", "ئ": "ي", "ی": "ي", "ک": "ك"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def strip_invisible(text: str) -> str:
    """Remove zero-width, bidi and soft-hyphen marks."""
    return _INVISIBLE.sub("", text)


def tidy(text: str) -> str:
    """Collapse runs of spaces, drop invisible marks, trim; keeps letters as printed."""
    return _SPACES.sub(" ", strip_invisible(text)).strip()


def fold_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII."""
    return text.translate(_DIGITS)


def normalize_arabic(text: str) -> str:
    """Matching key: unify alef/hamza/ya/ta-marbuta forms, drop tatweel, diacritics, marks."""
    text = unicodedata.normalize("NFKC", strip_invisible(text))
    text = _DIACRITICS.sub("", text.replace(_TATWEEL, ""))
    return _SPACES.sub(" ", text.translate(_ALEF_FORMS)).strip().lower()


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
