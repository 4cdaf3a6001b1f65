"""A memo for functions of one short string (class names, first words): bounded in entries
and in key length, so a hostile site's long or endless distinct strings cannot grow it."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")
# Class strings and words longer than this are computed each time, never kept: with
# 65,536 entries the memo then holds at most about 20 MB whatever the pages say.
MAX_KEY_CHARS = 200


def short_key_cache(maxsize: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """lru_cache(maxsize) for keys of at most MAX_KEY_CHARS characters."""
    def wrap(fn: Callable[[str], T]) -> Callable[[str], T]:
        cached = lru_cache(maxsize=maxsize)(fn)

        @wraps(fn)
        def call(key: str) -> T:
            return cached(key) if len(key) <= MAX_KEY_CHARS else fn(key)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return call
    return wrap
