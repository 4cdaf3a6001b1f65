"""A memo for functions of one short string (class names, first words): bounded in entries
and in key length, so a hostile site's long or endless distinct strings cannot grow it."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")
# Class and id strings (Tailwind's run long) and first words: a site repeats a few
# thousand. At most 16,384 of each are kept, of at most 200 and 32 characters: a hostile
# page's endless distinct names cost each memo at most about 16 MB.
CLASS_MEMO_SIZE = 16384
CLASS_MEMO_CHARS = 200
WORD_MEMO_CHARS = 32


def short_key_cache(maxsize: int, max_chars: int
                    ) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """lru_cache(maxsize) for keys of at most `max_chars` characters; longer keys are
    computed each time, never kept, so the memo holds at most maxsize * max_chars
    characters whatever the pages say."""
    def wrap(fn: Callable[[str], T]) -> Callable[[str], T]:
        cached = lru_cache(maxsize=maxsize)(fn)

        @wraps(fn)
        def call(key: str) -> T:
            return cached(key) if len(key) <= max_chars else fn(key)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return call
    return wrap
