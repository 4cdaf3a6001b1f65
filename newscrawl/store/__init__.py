"""What the archive already holds, across runs: the seen store (SQLite, or Redis for a
distributed crawl), crash recovery, run locks. Records are written, flushed and fsynced
first and marked here second, so state and output agree after any crash.

    seen.py      SqliteSeenStore, the SeenStore protocol, Stored
    recovery.py  reconcile: the output files read back into the store at start
    locks.py     RunLock, Locked
    redis.py     RedisSeenStore (imported only with --redis)
"""

from newscrawl.store.locks import Locked, RunLock
from newscrawl.store.recovery import OUTPUT_FILE, reconcile
from newscrawl.store.seen import SeenStore, SqliteSeenStore, Stored

__all__ = ["OUTPUT_FILE", "Locked", "RunLock", "SeenStore", "SqliteSeenStore", "Stored",
           "reconcile"]
