"""Spiders: `news` (generic) and one small module per site profile."""

from __future__ import annotations

import importlib
import pkgutil

from newscrawl.spiders.news import NewsSpider


def profiles() -> dict[str, type[NewsSpider]]:
    """Site profiles by spider name (every NewsSpider subclass in this package)."""
    found: dict[str, type[NewsSpider]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for obj in vars(module).values():
            if (isinstance(obj, type) and issubclass(obj, NewsSpider) and obj is not NewsSpider
                    and obj.__module__ == module.__name__):
                found[obj.name] = obj
    return found


def profile_for(target: str) -> type[NewsSpider] | None:
    """The profile named `target`, or the one whose site_url is on the same site."""
    from newscrawl.urls import site_of

    table = profiles()
    if target in table:
        return table[target]
    site = site_of(target if "://" in target else "https://" + target)
    for spider in table.values():
        if spider.site_url and site_of(spider.site_url) == site:
            return spider
    return None
