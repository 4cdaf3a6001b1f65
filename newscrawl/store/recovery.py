"""Crash recovery: whatever the output files hold beyond the store's last mark is read
back in at start (a torn last line cut off), so state and output agree after any crash."""

from __future__ import annotations

import json
import logging
import os
import re
import socket
from pathlib import Path

from newscrawl.dedup import minhash
from newscrawl.store.seen import SqliteSeenStore

logger = logging.getLogger(__name__)

# <UTC date>.jsonl, or <UTC date>-<host>-<pid>.jsonl for a worker of a distributed crawl.
OUTPUT_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:-(?P<host>.+)-(?P<pid>\d+))?\.jsonl$")
_RECONCILE_CHUNK = 500


def reconcile(store: SqliteSeenStore, folder: Path) -> tuple[int, int]:
    """Bring the store up to date with the output files (`YYYY-MM-DD.jsonl`) in `folder`.

    Each file is read from the size the store last saw it at. The records after that mark
    are stored, in short transactions, so other sites sharing the store keep writing. A
    torn last line (the process died mid-write) is cut off, but never below the mark, and
    a last line that is whole JSON only lost its newline, which is put back. Returns
    (records recovered, files repaired).
    """
    recovered = repaired = 0
    for path in sorted(p for p in folder.glob("*.jsonl") if OUTPUT_FILE.match(p.name)):
        if _being_written(path):
            continue  # another live worker's file: its last line may be mid-write
        done, size = store.file_size(path), path.stat().st_size
        if size == done:
            continue
        if size < done or (done and _byte_at(path, done - 1) != b"\n"):
            # Edited by hand since: the mark means nothing, read it all (adds are idempotent).
            logger.warning("%s changed outside newscrawl; reading it again", path)
            done = 0
        fixed = _repair_tail(path, done)
        repaired += fixed
        recovered += _store_records(store, path, done)
    return recovered, repaired


def _being_written(path: Path) -> bool:
    """A distributed worker's file whose process (on this machine) is still running."""
    match = OUTPUT_FILE.match(path.name)
    if not match or not match["pid"] or match["host"] != socket.gethostname():
        return False
    pid = int(match["pid"])
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _byte_at(path: Path, offset: int) -> bytes:
    with path.open("rb") as handle:
        handle.seek(offset)
        return handle.read(1)


def _repair_tail(path: Path, done: int) -> int:
    """Cut a torn last line after `done`, or end a whole one with its newline; 1 if fixed."""
    with path.open("rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == done:
            return 0
        handle.seek(max(done, size - (1 << 20)))
        tail = handle.read()
        if tail.endswith(b"\n"):
            return 0
        start = tail.rfind(b"\n") + 1
        last = tail[start:]
        line_start = size - len(last)
        try:
            json.loads(last)
            handle.write(b"\n")
            logger.warning("%s: the last record had lost its newline; put back", path)
        except ValueError:
            if line_start < done:
                return 0  # never cut into what the store already holds
            handle.truncate(line_start)
            logger.warning("%s: cut a torn last line (%d bytes) left by a crash", path,
                           len(last))
        handle.flush()
        os.fsync(handle.fileno())
        return 1


def _store_records(store: SqliteSeenStore, path: Path, done: int) -> int:
    """Store the records of `path` after byte `done`, streaming, in short transactions."""
    recovered = 0
    pending: list[dict[str, object]] = []
    position = done

    def flush() -> None:
        nonlocal recovered
        with store.batch():
            for record in pending:
                existing = store.lookup(str(record["canonical_url"]))
                revision = int(record.get("revision") or 0)  # type: ignore[call-overload]
                if existing is None or existing.revision < revision:
                    store.add(str(record["canonical_url"]), str(record.get("content_hash") or ""),
                              minhash(str(record.get("body") or "")),
                              urls=(str(record.get("url") or ""),), revision=revision,
                              duplicate=bool(record.get("duplicate_of")))
                    recovered += 1
            store.set_file_size(path, position)
        pending.clear()

    with path.open("rb") as handle:
        handle.seek(done)
        for line in handle:
            position += len(line)
            try:
                record = json.loads(line)
            except ValueError:
                continue  # not a whole record of ours: nothing to remember
            if isinstance(record, dict) and record.get("canonical_url"):
                pending.append(record)
            if len(pending) >= _RECONCILE_CHUNK:
                flush()
    flush()
    return recovered
