"""The memo of class names and first words: bounded whatever a hostile page says."""

from __future__ import annotations

import pickle

from newscrawl.furniture import names_furniture
from newscrawl.keycache import short_key_cache


def test_long_keys_are_computed_not_kept_and_entries_are_bounded() -> None:
    calls: list[str] = []

    @short_key_cache(maxsize=4, max_chars=10)
    def upper(key: str) -> str:
        calls.append(key)
        return key.upper()

    short, long = "side-bar", "x" * 11
    assert upper(short) == upper(short) == "SIDE-BAR" and calls == [short]  # remembered
    assert upper(long) == upper(long) == long.upper() and calls.count(long) == 2  # never kept
    for n in range(10):
        upper(f"class-{n}")
    assert 0 < len(upper) <= 4 and long not in upper
    assert upper["class-9"] == "CLASS-9"  # read as a mapping: the same memo


def test_a_module_memo_pickles_by_name() -> None:
    # Pickled as functions are (worker processes, multiprocessing): the same memo back.
    assert pickle.loads(pickle.dumps(names_furniture)) is names_furniture
