"""Moved to the `newscrawl.store` package; these names stay importable for one release."""

from newscrawl.store import (
    OUTPUT_FILE,
    Locked,
    RunLock,
    SeenStore,
    SqliteSeenStore,
    Stored,
    reconcile,
)

__all__ = ["OUTPUT_FILE", "Locked", "RunLock", "SeenStore", "SqliteSeenStore", "Stored",
           "reconcile"]
