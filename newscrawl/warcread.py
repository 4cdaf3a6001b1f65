"""Reading WARC archives back: responses with the crawl's metadata, every payload bounded.

A hostile or broken archive is input like any page: a record cut short or damaged is
reported and reading goes on at the next one; a payload (or what it inflates to) past
`max_size` is never held in memory, it is drained and reported as too large.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

_GZIP_MAGIC = b"\x1f\x8b\x08"
# Bytes read at a time when a payload is drained or inflated.
CHUNK = 1 << 16
# Our metadata records are a few hundred bytes of JSON; a bigger one is not ours.
MAX_METADATA_BYTES = 1 << 20
# A payload is one gzip member, or a few; thousands make inflating quadratic (zlib hands
# the rest of the input back as a copy after each member).
MAX_GZIP_MEMBERS = 100


@dataclass
class Capture:
    """One archived fetch: the response and what the crawl knew when it made it."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    record_id: str
    file: str
    meta: dict[str, Any]
    too_large: bool = False
    """The payload (stored or inflated) was over the reader's max_size: body is empty."""

    def header(self, name: str) -> str | None:
        """First HTTP header of that name."""
        low = name.lower()
        return next((v for k, v in self.headers if k.lower() == low), None)


@dataclass
class Corrupt:
    """A record that could not be read."""

    file: str
    offset: int
    error: str


def read_captures(path: Path, label: str | None = None,
                  max_size: int = 0) -> Iterator[Capture | Corrupt]:
    """Responses of a WARC file with their metadata; a broken record is reported (as a
    Corrupt) and reading goes on at the next gzip member. A payload over `max_size` bytes
    (0: no limit), as stored or once inflated, comes back empty with `too_large` set."""
    label = label or path.name.removesuffix(".open")
    size = path.stat().st_size
    pending: Capture | None = None
    with path.open("rb") as stream:
        gzipped = stream.read(3) == _GZIP_MAGIC
        base = 0
        while base < size:
            stream.seek(base)
            # Digests checked: a record cut short or damaged raises instead of yielding a
            # partial page that would give a wrong record.
            iterator = ArchiveIterator(stream, check_digests="raise")
            last_start: int | None = None  # start of the last record read whole
            last_end = base
            try:
                for record in iterator:
                    kind = record.rec_type
                    if kind == "response":
                        if pending is not None:
                            yield pending
                        pending = _capture(record, label, max_size)
                    elif kind == "metadata" and pending is not None and \
                            record.rec_headers.get_header("WARC-Concurrent-To") == \
                            pending.record_id:
                        meta, over = _read_bounded(record.raw_stream, MAX_METADATA_BYTES)
                        pending.meta = {**pending.meta, **(_json(meta) if not over else {})}
                    else:
                        # Not read as a page: drained raw, in chunks, never decoded (a
                        # request or resource record can be a bomb as well as a response).
                        while record.raw_stream.read(CHUNK):
                            pass
                    # Only now: asking for the offset earlier reads the record to its end.
                    last_start = iterator.get_record_offset()  # absolute: warcio uses tell()
                    last_end = last_start + iterator.get_record_length()
                if gzipped and last_start is not None and last_end < size:
                    # warcio stops quietly at a member cut short by a crash or a copy.
                    if pending is not None:
                        yield pending
                        pending = None
                    yield Corrupt(label, last_end, f"truncated: the last {size - last_end} "
                                                   "bytes are not a whole record")
                base = size
            except Exception as exc:  # any broken member: report it, resync at the next
                if pending is not None:
                    yield pending
                    pending = None
                # The broken member is the one after the last record read whole.
                broken = base if last_start is None else _next_member(stream, last_start + 1,
                                                                      size)
                base = _next_member(stream, broken + 1, size)
                yield Corrupt(label, broken, _printable(f"{type(exc).__name__}: {exc}")[:200])
    if pending is not None:
        yield pending


def _printable(text: str) -> str:
    """An error message safe for a terminal: a binary file's bytes never reach it."""
    return "".join(c if c.isascii() and c.isprintable() else "?" for c in text)


def _json(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _capture(record: Any, label: str, max_size: int = 0) -> Capture:
    """A response record as a Capture; raises Truncated when its payload is cut short."""
    http = record.http_headers
    status = int((http.get_statuscode() if http else "0") or 0)
    headers = list(http.headers) if http else []
    ids = {"url": record.rec_headers.get_header("WARC-Target-URI"),
           "record_id": record.rec_headers.get_header("WARC-Record-ID"), "file": label,
           "meta": {"fetched_at": _iso(record.rec_headers.get_header("WARC-Date"))}}
    if not ids["url"] or not record.rec_headers.get_header("WARC-Type"):
        raise ValueError("not a WARC response record (no WARC-Type or WARC-Target-URI)")
    raw, over = _read_bounded(record.raw_stream, max_size)
    if over:
        return Capture(status=status, headers=headers, body=b"", too_large=True, **ids)
    declared = _header(headers, "Content-Length")
    # warcio checks no digest on a record shorter than declared: a crash or a partial copy
    # would pass half a page off as the page.
    if declared and declared.isdigit() and len(raw) < int(declared):
        raise Truncated(f"payload cut short: {len(raw)} of {declared} bytes")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise Truncated(f"record cut short: {missing} bytes missing")
    body, over = _decoded(raw, _header(headers, "Content-Encoding"), max_size)
    return Capture(status=status, headers=headers, body=body, too_large=over, **ids)


def _read_bounded(stream: IO[bytes], limit: int) -> tuple[bytes, bool]:
    """The payload, or (b"", True) when it is longer than `limit`: the rest is drained in
    chunks (warcio checks the digest at the record's end), never held."""
    if not limit:
        return stream.read(), False
    data = stream.read(limit + 1)
    if len(data) <= limit:
        return data, False
    while stream.read(CHUNK):
        pass
    return b"", True


class Truncated(ValueError):
    """A record with fewer bytes than its headers declare."""


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    low = name.lower()
    return next((v.strip() for k, v in headers if k.lower() == low), None)


def _decoded(raw: bytes, encoding: str | None, limit: int = 0) -> tuple[bytes, bool]:
    """The payload without its Content-Encoding (what Scrapy hands the spider live), and
    whether it inflates past `limit` (then b"": a gzip bomb is never inflated whole)."""
    codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
    body = raw
    for coding in reversed(codings):
        if coding in ("gzip", "x-gzip"):
            body, over = _inflate(body, 16 + zlib.MAX_WBITS, limit)
        elif coding == "deflate":
            try:
                body, over = _inflate(body, zlib.MAX_WBITS, limit)
            except zlib.error:
                body, over = _inflate(body, -zlib.MAX_WBITS, limit)  # raw deflate, as some send
        elif coding == "br":
            body, over = _unbrotli(body, limit)
        elif coding in ("identity", ""):
            continue
        else:
            raise ValueError(f"unsupported Content-Encoding {coding!r}")
        if over:
            return b"", True
    return body, False


def _inflate(data: bytes, wbits: int, limit: int) -> tuple[bytes, bool]:
    """zlib/gzip data inflated to at most `limit` bytes (0: no limit); gzip members that
    follow one another are all read, as gzip.decompress does."""
    out, rest = b"", data
    for _member in range(MAX_GZIP_MEMBERS):
        inflater = zlib.decompressobj(wbits)
        room = limit + 1 - len(out) if limit else 0
        out += inflater.decompress(rest, room)
        if limit and (len(out) > limit or inflater.unconsumed_tail):
            return b"", True
        out += inflater.flush()
        if not inflater.eof:
            raise zlib.error("compressed payload cut short")
        rest = inflater.unused_data
        if not rest or wbits != 16 + zlib.MAX_WBITS or not rest.startswith(b"\x1f\x8b"):
            return out, False
    return b"", True  # more members than any real payload has: not inflated further


def _unbrotli(data: bytes, limit: int) -> tuple[bytes, bool]:
    """Brotli data inflated in small steps, stopping once past `limit`."""
    import brotli  # Scrapy's own optional dependency for br

    if not limit:
        return brotli.decompress(data), False
    decompressor, out, size = brotli.Decompressor(), [], 0
    for start in range(0, len(data), 1024):
        feed = data[start:start + 1024]
        while True:
            # Output capped per call: one KiB of brotli can inflate to gigabytes.
            piece = decompressor.process(feed, output_buffer_limit=min(CHUNK, limit + 1))
            feed = b""
            size += len(piece)
            if size > limit:
                return b"", True
            out.append(piece)
            if not piece or decompressor.can_accept_more_data():
                break
    return b"".join(out), False


def _iso(warc_date: str | None) -> str | None:
    """WARC-Date to the record's fetched_at format."""
    if not warc_date:
        return None
    try:
        value = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value.astimezone(UTC).isoformat(timespec="seconds")


def _next_member(stream: IO[bytes], start: int, size: int) -> int:
    """Offset of the next record at or after `start` (size when none): a gzip member
    header in a .warc.gz, a WARC version line in an uncompressed .warc."""
    stream.seek(0)
    marker = _GZIP_MAGIC if stream.read(3) == _GZIP_MAGIC else b"\nWARC/1."
    skip = 1 if marker.startswith(b"\n") else 0
    chunk = 1 << 16
    position = start
    while position < size:
        stream.seek(position)
        data = stream.read(chunk + len(marker))
        found = data.find(marker)
        if found != -1:
            return position + found + skip
        position += chunk
    return size


def archive_label(path: Path) -> str:
    """How records name a WARC file: `<site>/warc/<name>` below the output folder (the
    final name, also for a file still `.open`); the bare name for a file kept elsewhere."""
    name = path.name.removesuffix(".open")
    if path.parent.name == "warc" and path.parent.parent.name:
        return f"{path.parent.parent.name}/warc/{name}"
    return name


_WARC_NAME = re.compile(r"\.warc(?:\.gz)?(?:\.open)?$")


def is_warc(path: Path) -> bool:
    """A WARC file by its name (finished or still .open)."""
    return bool(_WARC_NAME.search(path.name))
