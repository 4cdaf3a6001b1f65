"""robots.txt as RFC 9309 reads it: what a status means, and how much of a file counts."""

from __future__ import annotations

# RFC 9309 2.5: a crawler must parse at least 500 KiB of a robots.txt; we parse that much.
ROBOTS_MAX_BYTES = 500 * 1024
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


def robots_body(status: int, body: bytes) -> bytes:
    """What robots.txt says, as RFC 9309 2.3.1 reads a status: a server error means
    disallow everything; any other unavailable file (4xx, redirects that never end) allows
    everything; a file is read up to ROBOTS_MAX_BYTES."""
    if status >= 500:
        return DISALLOW_ALL
    if status >= 300:
        return b""
    return body[:ROBOTS_MAX_BYTES]
