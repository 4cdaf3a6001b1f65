"""Moved to `newscrawl.store.redis`; the name stays importable for one release."""

from newscrawl.store.redis import RedisSeenStore

__all__ = ["RedisSeenStore"]
