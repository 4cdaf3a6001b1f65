"""Settings checked before a crawl starts: each -s NAME=VALUE against the type of its
default (newscrawl's settings, then Scrapy's), with limits a crawl needs. One line per
problem, naming the setting and what it expects."""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from scrapy.settings import default_settings

from newscrawl import settings as ours
from newscrawl.datechecks import zone

# Settings that must be at least 1 (0 or less hangs the engine), or at least 0.
AT_LEAST_ONE = frozenset({"CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN",
                          "CONCURRENT_ITEMS", "NEWSCRAWL_WHOLE_SITE_MAX_PAGES",
                          "NEWSCRAWL_MAX_SITEMAP_DEPTH", "NEWSCRAWL_WHOLE_SITE_DEPTH",
                          "NEWSCRAWL_FRONTIER_WINDOW"})
# Durations Scrapy reads as floats even where the default is written as an int.
_SECONDS_LIKE = ("TIMEOUT", "DELAY", "SECONDS", "INTERVAL")
_BOOLS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False,
          "on": True, "off": False}


def default_of(name: str) -> Any:
    """The default value of a setting (newscrawl's first), or KeyError."""
    for module in (ours, default_settings):
        if hasattr(module, name) and name.isupper():
            return getattr(module, name)
    raise KeyError(name)


def _known_names() -> list[str]:
    return sorted({n for m in (ours, default_settings) for n in dir(m) if n.isupper()})


def check_setting(name: str, value: str) -> str | None:
    """None when `value` suits the setting; else one line saying what it expects."""
    try:
        default = default_of(name)
    except KeyError:
        if not name.startswith("NEWSCRAWL_"):
            return None  # another extension's setting: Scrapy's business
        hint = difflib.get_close_matches(name, [n for n in _known_names()
                                                if n.startswith("NEWSCRAWL_")], n=1)
        return f"unknown setting {name}" + (f"; did you mean {hint[0]}?" if hint else "")
    text = value.strip()
    if isinstance(default, bool):
        if text.lower() not in _BOOLS:
            return f"{name} expects True or False, got {value!r}"
        return None
    if isinstance(default, int | float):
        whole = isinstance(default, int) and not name.endswith(_SECONDS_LIKE)
        try:
            number = int(text) if whole else float(text)
        except ValueError:
            kind = "a whole number" if whole else "a number"
            return f"{name} expects {kind}, got {value!r}"
        floor = 1 if name in AT_LEAST_ONE else 0
        if number < floor:
            return f"{name} expects {'1 or more' if floor else '0 or more'}, got {value!r}"
        return None
    if name == "NEWSCRAWL_TIMEZONE" and zone(text) is None:
        return f"{name} expects an IANA time zone such as Asia/Riyadh, got {value!r}"
    if name == "NEWSCRAWL_SINCE" and text:
        try:
            date.fromisoformat(text)
        except ValueError:
            return f"{name} expects a day as YYYY-MM-DD, got {value!r}"
    if name == "NEWSCRAWL_REDIS_URL" and text and not text.startswith(("redis://", "rediss://",
                                                                        "unix://")):
        return f"{name} expects a redis:// URL, got {value!r}"
    return None


def check_settings(pairs: dict[str, str]) -> list[str]:
    """Every problem of these settings, one line each."""
    return [problem for name, value in pairs.items()
            if (problem := check_setting(name, value)) is not None]
