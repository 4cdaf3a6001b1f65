"""Folder names made from site data (hosts, profiles, archived URLs): always one safe
component under the output folder, whatever a hostile site or archive names itself."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

# A folder name longer than this (in UTF-8 bytes) is cut and given a hash of the whole
# (a 253-character host would pass 255 bytes with a suffix; file names beside it add more).
MAX_NAME_BYTES = 100
# Characters no folder name keeps: path separators, NUL and other controls, and the ones
# Windows refuses (archives move between systems).
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
# Folders of the output folder that are not a site's (a host named "state" is not ours).
OUR_FOLDERS = frozenset({"state"})
# Names Windows reserves whatever the extension.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                       *(f"lpt{i}" for i in range(1, 10))})


def folder_name(key: str) -> str:
    """One safe path component for a site key ("127.0.0.1:8765" -> "127.0.0.1_8765").

    The mapping never merges two sites: ':' (host:port) is the one character replaced
    plainly; a key that needed anything else (an '_' of its own, a separator, a control,
    a reserved or hidden name, non-ASCII, over MAX_NAME_BYTES) gets a hash of the key.
    """
    plain = key.strip().replace(":", "_", 1) if key.count(":") == 1 else key.strip()
    name = _UNSAFE.sub("_", plain).strip(" ")
    marked = "_" in key or name != plain or not name.isascii()
    if not name.strip(".") or name.startswith(".") \
            or name.split(".", 1)[0].lower() in _RESERVED or name.lower() in OUR_FOLDERS:
        name, marked = "_" + name, True  # never ".", "..", a hidden or a reserved name
    if marked or len(name.encode("utf-8")) > MAX_NAME_BYTES:
        digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        head = name.encode("utf-8")[:MAX_NAME_BYTES - 13].decode("utf-8", "ignore")
        name = f"{head}-{digest}"
    return name


def site_folder(root: Path, key: str) -> Path:
    """`root`/<folder_name(key)>, checked to lie inside `root`."""
    path = root / folder_name(key)
    if path.resolve().parent != root.resolve():
        raise ValueError(f"site folder {key!r} would leave {root}")
    return path
