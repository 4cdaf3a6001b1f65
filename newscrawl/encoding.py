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
MOJIBAKE_GROUPS: tuple[tuple[str, ...], ...] = (("cp1256",), ("cp1252", "latin-1"))
_TELLTALES: tuple[str, ...] = tuple(sorted(
    {"ا".encode().decode(c, "replace") for c in MOJIBAKE_CODECS}
    | {"ل".encode().decode(c, "replace") for c in MOJIBAKE_CODECS}))
_TELLTALE_BYTES: tuple[bytes, ...] = tuple(t.encode("utf-8") for t in _TELLTALES)
# Their second characters ('§', '„', U+0084) are rare in real text and a one-character
# search of decoded text runs at memchr speed: 20x cheaper than the byte-string searches,
# whose first bytes (0xD8, 0xC3) start every Arabic letter.
_TELLTALE_TAILS: tuple[str, ...] = tuple(sorted({t[1] for t in _TELLTALES}))


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
    return _sniff(body, header_charset)[0]


def _sniff(body: bytes, header_charset: str | None) -> tuple[str, str | None]:
    """(charset, the decoded text when checking the charset already decoded it)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name, None
    declared = _codec(header_charset)
    if declared is None:
        # Browsers look at the first 1 KB; real pages put <meta charset> after big
        # inline styles and scripts, so look further.
        match = _META_CHARSET.search(body[:65536])
        declared = _codec(match.group(1).decode("ascii", "replace")) if match else None
    if declared not in (None, "utf-8") and not declared.startswith("utf-") \
            and not body.isascii():
        # Servers default to ISO-8859-1 whatever the page is, and CMS templates keep a
        # legacy <meta charset> (gb2312, windows-1256) after the site moved to UTF-8: bytes
        # that are valid UTF-8 (and not plain ASCII) are UTF-8, as legacy-encoded text
        # almost never decodes as UTF-8.
        try:
            return "utf-8", body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if declared in ("utf-8", None):
        try:
            return "utf-8", body.decode("utf-8")
        except UnicodeDecodeError:
            # Declared (or assumed) UTF-8 but is not: Arabic legacy pages are cp1256.
            return ("cp1256" if declared is None or not _mostly_utf8(body) else "utf-8"), None
    return declared, None


# Share of control bytes (C0 but tab, newline, form feed, carriage return; and DEL) in
# the first 4 KB above which a body is binary. Compressed or image data has ~11% (29 of
# 256 byte values); an HTML page with a stray NUL or two has well under 1%.
BINARY_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def looks_binary(body: bytes, header_charset: str | None = None) -> bool:
    """The first 4 KB are binary (an image, PDF, archive): a share of control bytes no
    text has. UTF-16 text, all NULs between letters, is not binary."""
    head = body[:4096]
    if b"\x00" not in head and b"\x01" not in head and b"\x02" not in head \
            and b"\x03" not in head:
        return False  # the common case, quickly: no low control byte at all
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            or (_codec(header_charset) or "").startswith("utf-16"):
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > BINARY_CONTROL_SHARE * len(head)


_HTML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:!doctype\s+html|html|head|body)[\s>]",
                         re.IGNORECASE | re.DOTALL)


def looks_like_html(body: bytes) -> bool:
    """True when the bytes start like an HTML document, whatever the Content-Type said."""
    for bom, _name in _BOMS[:1]:
        body = body.removeprefix(bom)
    return bool(_HTML_START.match(body[:4096]))


def _mostly_utf8(body: bytes) -> bool:
    """True when only a few bytes break UTF-8 (a truncated tail, one bad byte)."""
    bad = len(body.decode("utf-8", "replace").encode("utf-8")) - len(body)
    return bad < 30


def _legacy_fallback(error: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 inside a UTF-8 page: read them as cp1256, not U+FFFD."""
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start:error.end]
    return chunk.decode("cp1256", "replace"), error.end


codecs.register_error("newscrawl-cp1256", _legacy_fallback)


def decode_html(body: bytes | str, header_charset: str | None = None) -> str:
    """Decode a page to text and repair double-encoded UTF-8 inside it."""
    if isinstance(body, str):
        return repair_mojibake(body)
    charset, text = _sniff(body, header_charset)
    if text is None:
        text = body.decode(charset, "newscrawl-cp1256" if charset == "utf-8" else "replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    if charset == "utf-8" and not (any(c in text for c in _TELLTALE_TAILS)
                                   and any(t in body for t in _TELLTALE_BYTES)):
        return text  # the byte test is much cheaper than the same test on text
    return repair_mojibake(text)


@cache
def _byte_table(group: tuple[str, ...]) -> dict[str, int]:
    """Character -> byte for the codecs of a group (the first codec's mapping wins).

    cp1252 and latin-1 differ only in 0x80-0x9F, and mis-decoded pages mix both, so
    they are one group; cp1256 is another.
    """
    table: dict[str, int] = {}
    for codec in group:
        for byte in range(0x80, 0x100):
            try:
                table.setdefault(bytes([byte]).decode(codec), byte)
            except UnicodeDecodeError:
                continue
    return table


def _chars(group: tuple[str, ...], lo: int, hi: int) -> str:
    return re.escape("".join(sorted(c for c, b in _byte_table(group).items() if lo <= b <= hi)))


@cache
def _mojibake_pattern(group: tuple[str, ...]) -> re.Pattern[str]:
    """Regex for runs of UTF-8 multi-byte sequences shown through the group's codecs."""
    lead2, lead3, cont = _chars(group, 0xC2, 0xDF), _chars(group, 0xE0, 0xEF), _chars(
        group, 0x80, 0xBF)
    # ح is D8 AD; AD is the soft hyphen, which CMSs drop as invisible: a D8 lead with no
    # continuation byte after it is that ح.
    lone = _chars(group, 0xD8, 0xD8)
    leads = _chars(group, 0xD8, 0xDB)
    # A lone D8 counts only inside a mojibake word: followed by another lead byte.
    seq = f"(?:[{lead2}][{cont}]|[{lead3}][{cont}][{cont}]|[{lone}](?=[{leads}][{cont}]))"
    # A run: at least two encoded letters, with a few ASCII spaces/punctuation/digits
    # between; never across markup ('<', '>'), so runs stay inside one text node.
    # Real Arabic letters (other than the lead letters themselves) right before or after
    # a run mean it is part of a correctly written word: leave it.
    arabic = "\u0621-\u0636\u0639-\u064a"
    return re.compile(f"(?<![{arabic}]){seq}(?:[ -;=?-~]{{0,12}}{seq})+(?![{arabic}])")


@cache
def _mojibake_probe(group: tuple[str, ...]) -> re.Pattern[str]:
    """Cheap test: two encoded Arabic letters in a row (UTF-8 lead bytes D8-DB)."""
    pair = f"[{_chars(group, 0xD8, 0xDB)}][{_chars(group, 0x80, 0xBF)}]"
    return re.compile(pair + pair)


def repair_mojibake(text: str) -> str:
    """Re-decode runs of UTF-8 that were shown as cp1256 / cp1252 / latin-1."""
    # ا and ل, the commonest letters, shown through cp1256 / cp1252 / latin-1: a substring
    # test is far cheaper than any regex over a whole page.
    if not any(tell in text for tell in _TELLTALES):
        return text
    for group in MOJIBAKE_GROUPS:
        if _mojibake_probe(group).search(text):
            pattern = _mojibake_pattern(group)
            text = pattern.sub(lambda m, g=group: _redecode(m.group(0), g), text)
    return text


def _redecode(run: str, group: tuple[str, ...]) -> str:
    """The run re-decoded, or unchanged when it does not form valid, mostly-Arabic UTF-8."""
    table = _byte_table(group)
    try:
        raw = bytes(ord(c) if ord(c) < 0x80 else table[c] for c in run)
        # Put back soft hyphens (AD) dropped after a D8 lead byte, but only a few: a run
        # made mostly of lone leads is not mojibake.
        lone = len(re.findall(rb"\xd8(?![\x80-\xbf])", raw))
        if lone and lone * 4 > len(re.findall(rb"[\xc2-\xef][\x80-\xbf]", raw)):
            return run
        raw = re.sub(rb"\xd8(?![\x80-\xbf])", b"\xd8\xad", raw)
        fixed = raw.decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return run
    letters = [c for c in fixed if c.isalpha()]
    if not letters or sum("\u0600" <= c <= "\u06ff" for c in letters) < len(letters) / 2:
        return run
    return fixed
