"""`newscrawl clean`: records from text another crawler flattened, a page or a JSONL dump.

A .txt page prints one record (JSON); a JSON-lines dump is cleaned record by record, the
text field replaced by the body and the other fields filled where the record has none.
Bad input is one error line and exit 1: an empty or binary file, a page too large to be
one page; bad dump lines are counted and skipped, never the whole dump.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newscrawl.dates import zone
from newscrawl.encoding import decode_html
from newscrawl.flattext import Reading, read_text

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# A flattened page is kilobytes; a text file this large is not one page.
MAX_PAGE_BYTES = 20 * 1024 * 1024
# The fields a dump's text is found in when --field is not given, in this order.
TEXT_FIELDS = ("text", "body", "content")
_SNIFF_BYTES = 8192


def _error(message: str, code: int = EXIT_FAILED) -> int:
    print(f"newscrawl: error: {message}", file=sys.stderr)
    return code


def _binary(head: bytes) -> bool:
    """NUL bytes or many control bytes: not text (an archive, an image, a PDF)."""
    if b"\0" in head:
        return True
    controls = sum(b < 32 and b not in (9, 10, 12, 13, 27) for b in head)
    return controls > 0.05 * max(len(head), 1)


def _looks_like_jsonl(head: bytes) -> bool:
    """A first line that opens a JSON object with a key (it may be longer than `head`)."""
    return head.lstrip().startswith(b'{"') or head.lstrip().startswith(b"{ \"")


def run_clean(args: argparse.Namespace) -> int:
    """Clean one page or one dump; the exit code."""
    path = Path(args.file)
    if not path.is_file():
        return _error(f"no such file: {path}", EXIT_USAGE)
    if args.tz and zone(args.tz) is None:
        return _error(f"unknown time zone {args.tz!r} (IANA names: Asia/Riyadh, UTC)",
                      EXIT_USAGE)
    with path.open("rb") as stream:
        head = stream.read(_SNIFF_BYTES)
    if not head.strip():
        return _error(f"{path} is empty: nothing to clean")
    if _binary(head):
        return _error(f"{path} is binary data, not text: give a .txt page or a .jsonl dump")
    if args.field is None and _looks_like_jsonl(head):
        return _clean_dump(path, None, args)
    if args.field is not None:
        return _clean_dump(path, args.field, args)
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        return _error(f"{path} is {size // (1024 * 1024)} MB: clean reads one page per .txt "
                      f"file (or a .jsonl dump, one record per line)")
    # Same decoding as pages: BOM, UTF-8, else cp1256; mojibake repaired.
    text = decode_html(path.read_bytes())
    reading = read_text(text, tz=args.tz)
    if args.explain:
        _explain(reading, text, sys.stdout)
    else:
        print(json.dumps(reading.fields, ensure_ascii=False, indent=2))
    if not reading.fields["body"]:
        print(f"newscrawl: warning: {path}: no article text found", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _explain(reading: Reading, text: str, out: IO[str], label: str = "") -> None:
    """Each removed segment with its kind, in the order of `text`, then the fields."""
    if label:
        out.write(f"== {label}\n")
    order = {segment: text.find(segment) for _, segment in reading.cut}
    for kind, segment in sorted(reading.cut, key=lambda cut: order[cut[1]]):
        out.write(f"cut  {kind:14} {segment}\n")
    fields = {k: v for k, v in reading.fields.items() if k != "body" and v}
    body = reading.fields["body"]
    out.write(f"kept {len(body.splitlines())} paragraphs, {len(body)} characters; "
              f"fields {json.dumps(fields, ensure_ascii=False)}\n")


def _lines(stream: IO[str]) -> Iterator[tuple[int, str | None]]:
    """(number, line) of a dump; an over-long line is read past and given as None."""
    number = 0
    while True:
        line = stream.readline(MAX_PAGE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_PAGE_BYTES and not line.endswith("\n"):
            while (rest := stream.readline(MAX_PAGE_BYTES)) and not rest.endswith("\n"):
                pass
            yield number, None
            continue
        yield number, line


def _text_of(obj: Any, field: str | None) -> tuple[str | None, str]:
    """(the field holding the text, or None; why not when None)."""
    if not isinstance(obj, dict):
        return None, "not a JSON object"
    if field is not None:
        if field not in obj:
            return None, f"no field {field!r}"
        if not isinstance(obj[field], str):
            return None, f"field {field!r} is not a string"
        return field, ""
    found = next((f for f in TEXT_FIELDS if isinstance(obj.get(f), str)), None)
    if found is None:
        names = ", ".join(list(obj)[:8])
        return None, (f"no text field ({'/'.join(TEXT_FIELDS)}); say which with --field "
                      f"(fields here: {names})")
    return found, ""


def _clean_dump(path: Path, field: str | None, args: argparse.Namespace) -> int:
    """Clean a JSON-lines dump record by record; bad lines are counted and skipped."""
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    cleaned = skipped = 0
    try:
        with path.open(encoding="utf-8", errors="newscrawl-cp1256") as dump:
            for number, line in _lines(dump):
                if line is not None and not line.strip():
                    continue
                try:
                    obj = json.loads(line) if line is not None else None
                except ValueError as exc:
                    obj, reason = None, f"not JSON ({exc.msg})"
                else:
                    reason = "longer than one page" if line is None else ""
                name, why = _text_of(obj, field) if obj is not None else (None, reason)
                if name is None:
                    if field is None and cleaned == skipped == 0 and obj is not None:
                        # The first record has no obvious text field: the rest will not.
                        return _error(f"{path}: line {number}: {why}", EXIT_USAGE)
                    skipped += 1
                    print(f"skipped line {number}: {why}", file=sys.stderr)
                    continue
                reading = read_text(obj[name], tz=args.tz)
                if args.explain:
                    _explain(reading, obj[name], out, f"line {number}")
                else:
                    out.write(json.dumps(_merged(obj, name, reading), ensure_ascii=False)
                              + "\n")
                cleaned += 1
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"cleaned {cleaned} records, skipped {skipped}", file=sys.stderr)
    return EXIT_OK if cleaned or not skipped else EXIT_FAILED


def _merged(obj: dict[str, Any], name: str, reading: Reading) -> dict[str, Any]:
    """The dump's record with its text cleaned and the fields it lacked filled."""
    fields = dict(reading.fields)
    obj[name] = fields.pop("body")
    for key, value in fields.items():
        if value and not obj.get(key):
            obj[key] = value
    return obj
