"""Run locks: one run of a site at a time, across processes (exit 3 for the second)."""

from __future__ import annotations

import fcntl
import logging
import os
import time
from pathlib import Path

logger = logging.getLogger(__name__)


# --- Run locks --------------------------------------------------------------------------------
class Locked(RuntimeError):
    """Another run holds the lock of this site."""


# Locks this process holds, with how many crawls share them: two start URLs of one site
# in one command are one run, not two competing ones.
_HELD: dict[Path, list[int]] = {}


class RunLock:
    """An exclusive lock per site, held for the whole run (released by the OS on a crash)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: int | None = None
        self._shared = False

    def acquire(self) -> None:
        """Take the lock or raise Locked saying who holds it."""
        held = _HELD.get(self.path.resolve())
        if held is not None:
            held[1] += 1
            self._shared = True
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(handle, 200).decode("utf-8", "replace").strip() or "unknown"
            os.close(handle)
            raise Locked(f"another newscrawl run holds {self.path} ({holder})") from None
        os.ftruncate(handle, 0)
        os.write(handle, f"pid {os.getpid()} since {time.strftime('%Y-%m-%dT%H:%M:%S')}"
                 .encode())
        self._handle = handle
        _HELD[self.path.resolve()] = [handle, 1]

    def release(self) -> None:
        """Let the next run in (once every crawl of this process sharing it is done)."""
        key = self.path.resolve()
        held = _HELD.get(key)
        if held is None or (self._handle is None and not self._shared):
            return
        held[1] -= 1
        self._shared = False
        self._handle = None
        if held[1] == 0:
            del _HELD[key]
            fcntl.flock(held[0], fcntl.LOCK_UN)
            os.close(held[0])
