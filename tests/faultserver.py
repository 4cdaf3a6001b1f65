"""A fault-injecting news site on 127.0.0.1, for robustness tests.

Raw sockets, so a route can do what a real server (or the network) does wrong: answer
500/503/429 (once, or always), stall, hang up before answering, cut a body short,
redirect in a loop, lie about the Content-Type or the charset, send a gzip bomb or a
page of many megabytes, and serve sitemaps that are broken, hostile (entity expansion,
external entities) or not XML at all. Articles are pages of the demo site, so every
recoverable one has a known title to look for in the output.
"""

from __future__ import annotations

import gzip
import socket
import socketserver
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newscrawl.demosite.build import SiteOptions, build_site
from newscrawl.demosite.server import PLACEHOLDER


@dataclass
class Reply:
    """What a route sends: status, headers, body; or a raw action on the socket."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the first byte
    drop: bool = False  # hang up without a word
    cut_at: int | None = None  # send only this many body bytes, then hang up


# A route gets how many times its path was asked before (0 on the first request).
Route = Callable[[int], Reply]

_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found",
            429: "Too Many Requests", 500: "Internal Server Error",
            503: "Service Unavailable"}


class _Handler(socketserver.StreamRequestHandler):
    server: FaultServer

    def handle(self) -> None:
        try:
            request = self.rfile.readline(65536).decode("latin-1").split()
            while self.rfile.readline(65536).strip():
                pass  # headers: nothing we need
        except OSError:
            return
        if len(request) < 2:
            return
        path = request[1].split("?", 1)[0]
        with self.server.lock:
            asked = self.server.hits[path]
            self.server.hits[path] += 1
            self.server.times.setdefault(path, []).append(time.monotonic())
        route = self.server.routes.get(path)
        reply = route(asked) if route else Reply(404, b"<html><body>404</body></html>",
                                                 {"Content-Type": "text/html"})
        if reply.delay:
            time.sleep(reply.delay)
        if reply.drop:
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        headers = {"Content-Length": str(len(reply.body)), "Connection": "close",
                   **reply.headers}
        head = f"HTTP/1.1 {reply.status} {_REASONS.get(reply.status, 'Status')}\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        body = reply.body if reply.cut_at is None else reply.body[:reply.cut_at]
        try:
            self.wfile.write(head.encode("latin-1") + body)
            self.wfile.flush()
            if reply.cut_at is not None:
                self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # the client gave up (a refused oversized download): fine


class FaultServer(socketserver.ThreadingTCPServer):
    """Serves `routes` on 127.0.0.1; `hits` counts requests per path, `times` has when."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, routes: dict[str, Route]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes = routes
        self.hits: Counter[str] = Counter()
        self.times: dict[str, list[float]] = {}
        self.lock = threading.Lock()
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()


# --- Building blocks of routes ----------------------------------------------------------
HTML = "text/html; charset=utf-8"


def ok(body: bytes, ctype: str = HTML, **headers: str) -> Route:
    """Always the same 200 answer."""
    return lambda _asked: Reply(200, body, {"Content-Type": ctype, **headers})


def fails_first(times: int, failure: Reply, then: Route) -> Route:
    """`failure` for the first `times` requests, then `then`."""
    return lambda asked: failure if asked < times else then(asked)


def always(reply: Reply) -> Route:
    """The same (bad) answer every time."""
    return lambda _asked: reply


def sitemap(urls: list[str]) -> bytes:
    """A urlset of absolute URLs."""
    items = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9">{items}</urlset>\n').encode()


def sitemap_index(urls: list[str]) -> bytes:
    """A sitemap index of absolute URLs."""
    items = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.'
            f'sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>\n').encode()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
               for i in range(1, 10))
    + b']>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;'
      b"</loc></url></urlset>\n")
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&xxe;</loc></url>'
    b"</urlset>\n")


def gzip_bomb(megabytes: int) -> bytes:
    """A few hundred KB of gzip that inflate to `megabytes` MB of zeros."""
    return gzip.compress(b"\0" * (megabytes * 1024 * 1024), compresslevel=9)


def demo_articles(folder: Path) -> list[tuple[str, bytes]]:
    """(path on the demo site, page bytes with the placeholder base left in) per article."""
    paths = build_site(folder, SiteOptions(include_seed=False, missing_article=False))
    return [(p, (folder / p.lstrip("/") / "index.html").read_bytes()) for p in paths]


def rebase(page: bytes, base: str) -> bytes:
    """The page with absolute links to `base`."""
    return page.replace(PLACEHOLDER.encode(), base.encode())
