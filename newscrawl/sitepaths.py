"""Folder names made from site data (hosts, profiles, archived URLs): always one safe
component under the output folder, whatever a hostile site or archive names itself."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

# A folder name longer than this is cut and given a hash of the whole (a 253-character
# host would pass 255 bytes with a suffix, and file names beside it add more).
MAX_NAME_CHARS = 100
# Characters no folder name keeps: path separators, NUL and other controls, and the ones
# Windows refuses (archives move between systems).
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
# Folders of the output folder that are not a site's (a host named "state" is not ours).
OUR_FOLDERS = frozenset({"state"})
# Names Windows reserves whatever the extension.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                       *(f"lpt{i}" for i in range(1, 10))})


def folder_name(key: str) -> str:
    """One safe path component for a site key ("127.0.0.1:8765" -> "127.0.0.1_8765")."""
    name = _UNSAFE.sub("_", key.strip()).strip(" ")
    if not name.strip("."):
        name = "_" + name  # "", ".", "..": never the folder itself or its parent
    elif name.startswith("."):
        name = "_" + name  # no hidden folders either
    if name.split(".", 1)[0].lower() in _RESERVED or name.lower() in OUR_FOLDERS:
        name = "_" + name
    if len(name) > MAX_NAME_CHARS:
        digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        name = f"{name[:MAX_NAME_CHARS - 13]}-{digest}"
    return name


def site_folder(root: Path, key: str) -> Path:
    """`root`/<folder_name(key)>, checked to lie inside `root`."""
    path = root / folder_name(key)
    if path.resolve().parent != root.resolve():
        raise ValueError(f"site folder {key!r} would leave {root}")
    return path
