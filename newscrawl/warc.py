"""WARC capture of every fetch, and reading archives back for re-extraction.

`WarcCapture` is a downloader middleware placed next to the downloader, so it sees each
response as it came off the wire (before decompression and redirects are handled) with
the request that was sent. Records go to gzip WARC 1.1 files under
`<output>/<site>/warc/`, one gzip member per record. A file is written as `….warc.gz.open`
and renamed when it is closed, so a crash never leaves a file that looks finished. A
payload fetched again unchanged becomes a revisit record. A metadata record beside each
response keeps what discovery knew (role, listing dates), so a re-extraction reads the
archive exactly as the crawl read the live site.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl import __version__
from newscrawl.diskfail import stop_for_disk
from newscrawl.sitepaths import folder_name, site_folder

logger = logging.getLogger(__name__)

_GZIP_MAGIC = b"\x1f\x8b\x08"
# Request meta that a re-extraction needs to read a page as the crawl did.
_META_KEYS = ("nc_role", "listed", "listed_date", "listed_via")


def payload_digest(body: bytes) -> str:
    """WARC-Payload-Digest of a body: sha1 in base32, as warcio writes it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def _http_headers(headers: Any) -> list[tuple[str, str]]:
    """Scrapy Headers as (name, value) text pairs, every value of repeated headers."""
    pairs = []
    for name, values in headers.items():
        for value in values:
            pairs.append((name.decode("latin-1"), value.decode("latin-1")))
    return pairs


class WarcFiles:
    """Rotating gzip WARC 1.1 files of one site."""

    def __init__(self, folder: Path, prefix: str, max_bytes: int) -> None:
        self.folder = folder
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.serial = 0
        self.stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self.handle: IO[bytes] | None = None
        self.writer: WARCWriter | None = None
        self.name = ""

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.serial == 0:
            for leftover in sorted(self.folder.glob("*.warc.gz.open")):
                finish_open_file(leftover)
        self.serial += 1
        self.name = f"{self.prefix}-{self.stamp}-{self.serial:05d}.warc.gz"
        self.handle = (self.folder / (self.name + ".open")).open("wb")
        self.writer = WARCWriter(self.handle, gzip=True, warc_version="1.1")
        info = self.writer.create_warcinfo_record(self.name, {
            "software": f"newscrawl/{__version__} (warcio)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
                          "warc-format/warc-1.1/",
        })
        self.writer.write_record(info)

    def current_writer(self) -> WARCWriter:
        """The writer of the open file (opening the first one): records are built with it."""
        if self.writer is None:
            self._open()
        assert self.writer is not None
        return self.writer

    def write(self, *records: Any) -> str:
        """Write records to the current file (rotating first when it is full); its name."""
        if self.handle is not None and self.handle.tell() >= self.max_bytes:
            self.close()
        if self.writer is None:
            self._open()
        assert self.writer is not None and self.handle is not None
        for record in records:
            self.writer.write_record(record)
        # Flushed per fetch: the JSONL record that points here is written after it.
        self.handle.flush()
        return self.name

    def close(self) -> None:
        """Finish the current file: the .open suffix goes when the last record is in."""
        if self.handle is None:
            return
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.folder / (self.name + ".open"), self.folder / self.name)
        self.handle = None
        self.writer = None


class WarcCapture:
    """Downloader middleware: every response and its request into the site's WARC files."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_ARCHIVE"):
            raise NotConfigured
        self.crawler = crawler
        self.output_dir = Path(settings.get("NEWSCRAWL_OUTPUT_DIR") or "output")
        self.max_bytes = settings.getint("NEWSCRAWL_WARC_MAX_BYTES")
        self.files: WarcFiles | None = None
        from scrapy import signals

        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcCapture:
        """Scrapy entry point."""
        return cls(crawler)

    def _files(self) -> WarcFiles:
        if self.files is None:
            spider = self.crawler.spider
            site = getattr(spider, "site_key", None) or spider.name
            self.files = WarcFiles(site_folder(self.output_dir, site) / "warc",
                                   folder_name(site), self.max_bytes)
        return self.files

    def process_request(self, request: Any, spider: Any = None) -> None:
        """Ask for encodings an archive reader can undo: warcio reads neither brotli nor
        zstd, so `warcio check` and a re-extraction would fail on such records."""
        request.headers["Accept-Encoding"] = b"gzip, deflate"

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        """Archive, then pass the response on unchanged."""
        try:
            self._capture(request, response)
        except OSError as exc:  # a full disk: the site stops, no record without its WARC
            self.crawler.stats.inc_value("newscrawl/warc/write_failed")
            folder = self.files.folder if self.files is not None else self.output_dir
            stop_for_disk(self.crawler, folder, exc)
            raise IgnoreRequest(f"WARC not written: {exc}") from None
        return response

    def _capture(self, request: Any, response: Any) -> None:
        files = self._files()
        now = datetime.now(UTC)
        warc_date = now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        body = response.body
        status = response.status
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = ""
        headers = [(k, v) for k, v in _http_headers(response.headers)
                   if k.lower() not in ("transfer-encoding", "content-length")]
        # The body is stored de-chunked: say so with its own length.
        headers.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{status} {reason}".strip(), headers, protocol="HTTP/1.1")
        digest = payload_digest(body)
        store = self._store()
        seen = store.payload(response.url, digest) if store is not None else None
        writer = files.current_writer()
        if seen is not None:
            record = writer.create_revisit_record(
                response.url, digest, response.url, seen[2], http_headers=http,
                warc_headers_dict={"WARC-Date": warc_date})
            pointer = {"file": seen[0], "record_id": seen[1]}
            self.crawler.stats.inc_value("newscrawl/warc/revisits")
        else:
            record = writer.create_warc_record(
                response.url, "response", payload=BytesIO(body), length=len(body),
                http_headers=http, warc_headers_dict={"WARC-Date": warc_date})
            pointer = None
        rec_id = record.rec_headers.get_header("WARC-Record-ID")
        req = self._request_record(writer, request, response.url, rec_id, warc_date)
        meta = {k: request.meta[k] for k in _META_KEYS if request.meta.get(k) is not None}
        meta["fetched_at"] = now.isoformat(timespec="seconds")
        meta_record = writer.create_warc_record(
            response.url, "metadata", payload=BytesIO(json.dumps(meta, ensure_ascii=False)
                                                      .encode("utf-8")),
            warc_content_type="application/json",
            warc_headers_dict={"WARC-Date": warc_date, "WARC-Concurrent-To": rec_id})
        name = files.write(record, req, meta_record)
        if pointer is None:
            pointer = {"file": archive_label(files.folder / name), "record_id": rec_id}
            if store is not None:
                store.add_payload(response.url, digest, pointer["file"], rec_id, warc_date)
        request.meta["warc"] = pointer
        request.meta["fetched_at"] = meta["fetched_at"]
        self.crawler.stats.inc_value("newscrawl/warc/records")

    @staticmethod
    def _request_record(writer: WARCWriter, request: Any, url: str, concurrent: str,
                        warc_date: str) -> Any:
        parts = urlsplit(request.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = [("Host", parts.netloc), *_http_headers(request.headers)]
        http = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", headers,
                                is_http_request=True)
        body = request.body or b""
        return writer.create_warc_record(
            request.url, "request", payload=BytesIO(body), length=len(body), http_headers=http,
            warc_headers_dict={"WARC-Date": warc_date, "WARC-Concurrent-To": concurrent})

    def _store(self) -> Any:
        from newscrawl.archive import archive_for

        return archive_for(self.crawler).store

    def close(self, spider: Any = None, reason: str = "") -> None:
        """Finish the current WARC file."""
        if self.files is not None:
            self.files.close()


def finish_open_file(path: Path) -> None:
    """A WARC file a crashed run left open: cut it after its last whole record (the
    records the JSONL points at are all before that) and give it its final name."""
    end = 0
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream, check_digests="raise")
        try:
            for record in iterator:
                record.raw_stream.read()
                if getattr(record.raw_stream, "limit", 0):
                    break
                end = iterator.get_record_offset() + iterator.get_record_length()
        except Exception as exc:  # the torn tail of a crash: cut below
            logger.debug("%s: torn after byte %d: %s", path, end, exc)
    with path.open("rb+") as handle:
        handle.truncate(end)
    final = path.with_name(path.name.removesuffix(".open"))
    os.replace(path, final)
    logger.warning("finished %s, left open by a run that did not end (%d bytes kept)",
                   final.name, end)


# Reading lives in warcread.py; these names stay importable from here.
from newscrawl.warcread import (  # noqa: E402
    Capture,
    Corrupt,
    archive_label,
    is_warc,
    read_captures,
)

__all__ = ["Capture", "Corrupt", "WarcCapture", "WarcFiles", "archive_label",
           "finish_open_file", "is_warc", "read_captures"]
