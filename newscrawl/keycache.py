"""A memo for functions of one short string (class names, first words): bounded in entries
and in key length, so a hostile site's long or endless distinct strings cannot grow it."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
# Class and id strings (Tailwind's run long) and first words: a site repeats a few
# thousand. At most 16,384 of each are kept, of at most 200 and 32 characters: a hostile
# page's endless distinct names cost each memo at most about 16 MB.
CLASS_MEMO_SIZE = 16384
CLASS_MEMO_CHARS = 200
WORD_MEMO_CHARS = 32


class ShortKeyMemo(dict[str, T], Generic[T]):
    """fn(key), remembered for keys of at most `max_chars` characters, at most `maxsize`
    of them (emptied when full: a crawl moves from site to site, and the next site's
    names refill it). Longer keys are computed each time, never kept.

    Called like fn, or read as memo[key]: a hit is one dict lookup in C, with no Python
    frame (the walk asks about 1,000 times a page; a wrapper function cost 1.5% of the
    crawl's CPU).
    """

    __slots__ = ("_fn", "max_chars", "maxsize")

    def __init__(self, fn: Callable[[str], T], maxsize: int, max_chars: int) -> None:
        super().__init__()
        self._fn, self.maxsize, self.max_chars = fn, maxsize, max_chars

    def __missing__(self, key: str) -> T:
        value = self._fn(key)
        if len(key) <= self.max_chars:
            if len(self) >= self.maxsize:
                self.clear()
            self[key] = value
        return value

    # memo(key) is memo[key]: dict's own lookup, which calls __missing__ on a miss.
    __call__ = dict.__getitem__

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[str, str]]:
        """Pickled by name, as functions are: the memo took the function's name."""
        return _memo_named, (self._fn.__module__, self._fn.__qualname__)


def _memo_named(module: str, name: str) -> Any:
    """The module-level memo called `name` (what unpickling a memo gives back)."""
    return getattr(importlib.import_module(module), name)


def short_key_cache(maxsize: int, max_chars: int
                    ) -> Callable[[Callable[[str], T]], ShortKeyMemo[T]]:
    """Decorator: a ShortKeyMemo of the function."""
    def wrap(fn: Callable[[str], T]) -> ShortKeyMemo[T]:
        return ShortKeyMemo(fn, maxsize, max_chars)
    return wrap
