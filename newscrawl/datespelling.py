"""Month names misspelled by one letter, read back when they stand between a day and a year."""

from __future__ import annotations

import re
from functools import cache

from newscrawl.datewords import MONTHS
from newscrawl.textnorm import normalize_arabic

# Shorter names are too close to ordinary words for one letter to be a slip ("آب", "ماي");
# a wrong letter (not a dropped, doubled or swapped one) is read only in longer names:
# "مارد" is a word, not March.
MIN_MONTH_LETTERS = 4
MIN_LETTERS_FOR_A_WRONG_ONE = 5
_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
# A word between a day number and a four-digit year: the only place a slip is read.
_SLOT = re.compile(r"(?<=\d)(?P<gap>\s+(?:من\s+)?)(?P<word>[^\W\d_]{3,12})(?=\s*,?\s*\d{4}(?!\d))")


def _one_off(word: str) -> set[str]:
    """Every spelling one slip from `word`: a letter dropped, doubled, swapped or wrong."""
    wrong = len(word) >= MIN_LETTERS_FOR_A_WRONG_ONE
    out = set()
    for i in range(len(word)):
        out.add(word[:i] + word[i + 1:])
        out.add(word[:i] + word[i] + word[i:])
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
        if wrong:
            out.update(word[:i] + c + word[i + 1:] for c in _LETTERS)
    out.discard(word)
    return out


@cache
def _slips() -> dict[str, str]:
    """Misspelling -> month name, for one-word Arabic month names; ambiguous slips dropped."""
    number = {normalize_arabic(m): n for m, n in MONTHS.items()}
    table: dict[str, str | None] = {}
    for name in number:
        if " " in name or len(name) < MIN_MONTH_LETTERS or not name.isalpha() or name.isascii():
            continue
        for slip in _one_off(name):
            known = table.get(slip, name)
            # Two months one slip away: no telling which was meant.
            table[slip] = name if known and number[known] == number[name] else None
    return {k: v for k, v in table.items() if v and k not in number}


def respell_months(norm: str) -> str | None:
    """Normalised text with slipped month names put right, or None when there is none."""
    slips = _slips()
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        name = slips.get(match["word"])
        if name is None:
            return match.group()
        changed = True
        return match["gap"] + name

    text = _SLOT.sub(fix, norm)
    return text if changed else None
