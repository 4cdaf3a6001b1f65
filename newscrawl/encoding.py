"""Bytes to text: declared charsets, BOMs, Arabic legacy codepages, double-encoded UTF-8."""

from __future__ import annotations

import codecs
import re
from functools import cache

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Codecs that mis-decoded UTF-8 shows up as: Arabic sites serve cp1256 mojibake most.
MOJIBAKE_CODECS: tuple[str, ...] = ("cp1256", "cp1252", "latin-1")
_TELLTALES: tuple[str, ...] = tuple(sorted(
    {"ا".encode().decode(c, "replace") for c in MOJIBAKE_CODECS}
    | {"ل".encode().decode(c, "replace") for c in MOJIBAKE_CODECS}))
_TELLTALE_BYTES: tuple[bytes, ...] = tuple(t.encode("utf-8") for t in _TELLTALES)


def _codec(name: str | None) -> str | None:
    """Python codec name for a declared charset, or None when unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    aliases = {"windows-1256": "cp1256", "iso-8859-6": "iso8859_6", "arabic": "iso8859_6",
               "x-mac-arabic": "mac_arabic", "utf8": "utf-8"}
    name = aliases.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff_charset(body: bytes, header_charset: str | None = None) -> str:
    """Charset to decode a page with: BOM, then HTTP header, then <meta>, then content."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    declared = _codec(header_charset)
    if declared is None:
        match = _META_CHARSET.search(body[:4096])
        declared = _codec(match.group(1).decode("ascii", "replace")) if match else None
    if declared in ("utf-8", None):
        try:
            body.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            # Declared (or assumed) UTF-8 but is not: Arabic legacy pages are cp1256.
            return "cp1256" if declared is None or not _mostly_utf8(body) else "utf-8"
    return declared


def _mostly_utf8(body: bytes) -> bool:
    """True when only a few bytes break UTF-8 (a truncated tail, one bad byte)."""
    bad = len(body.decode("utf-8", "replace").encode("utf-8")) - len(body)
    return bad < 30


def decode_html(body: bytes | str, header_charset: str | None = None) -> str:
    """Decode a page to text and repair double-encoded UTF-8 inside it."""
    if isinstance(body, str):
        return repair_mojibake(body)
    charset = sniff_charset(body, header_charset)
    text = body.decode(charset, "replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    if charset == "utf-8" and not any(t in body for t in _TELLTALE_BYTES):
        return text  # the byte test is much cheaper than the same test on text
    return repair_mojibake(text)


@cache
def _mojibake_pattern(codec: str) -> re.Pattern[str]:
    """Regex for runs of UTF-8 multi-byte sequences shown through `codec`."""

    def chars(lo: int, hi: int) -> str:
        out = []
        for b in range(lo, hi + 1):
            try:
                out.append(bytes([b]).decode(codec))
            except UnicodeDecodeError:
                continue
        return re.escape("".join(out))

    lead2, lead3, cont = chars(0xC2, 0xDF), chars(0xE0, 0xEF), chars(0x80, 0xBF)
    seq = f"(?:[{lead2}][{cont}]|[{lead3}][{cont}][{cont}])"
    # A run: at least two encoded letters, with a few ASCII spaces/punctuation/digits
    # between; never across markup ('<', '>'), so runs stay inside one text node.
    return re.compile(f"{seq}(?:[ -;=?-~]{{0,12}}{seq})+")


@cache
def _mojibake_probe(codec: str) -> re.Pattern[str]:
    """Cheap test: two encoded Arabic letters in a row (UTF-8 lead bytes D8-DB)."""
    leads = "".join(bytes([b]).decode(codec) for b in (0xD8, 0xD9, 0xDA, 0xDB))
    conts = []
    for b in range(0x80, 0xC0):
        try:
            conts.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            continue
    pair = f"[{re.escape(leads)}][{re.escape(''.join(conts))}]"
    return re.compile(pair + pair)


def repair_mojibake(text: str) -> str:
    """Re-decode runs of UTF-8 that were shown as cp1256 / cp1252 / latin-1."""
    # ا and ل, the commonest letters, shown through cp1256 / cp1252 / latin-1: a substring
    # test is far cheaper than any regex over a whole page.
    if not any(tell in text for tell in _TELLTALES):
        return text
    for codec in MOJIBAKE_CODECS:
        if _mojibake_probe(codec).search(text):
            pattern = _mojibake_pattern(codec)
            text = pattern.sub(lambda m, c=codec: _redecode(m.group(0), c), text)
    return text


def _redecode(run: str, codec: str) -> str:
    """The run re-decoded, or unchanged when it does not form valid, mostly-Arabic UTF-8."""
    try:
        fixed = run.encode(codec).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return run
    letters = [c for c in fixed if c.isalpha()]
    if not letters or sum("\u0600" <= c <= "\u06ff" for c in letters) < len(letters) / 2:
        return run
    return fixed
