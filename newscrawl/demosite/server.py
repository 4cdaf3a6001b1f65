"""A static news site on 127.0.0.1: serves the bundled demo site and the test sites.

Files are stored by URL path (`/a/b/` -> `a/b/index.html`). `__BASE__` inside text files
is replaced by the server's own base URL, so sitemaps and canonical links stay absolute
whatever port the server gets. `routes` add special answers (status, headers, body)
for tests of bad input.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

PLACEHOLDER = "__BASE__"
_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml",
          ".txt": "text/plain; charset=utf-8", ".rss": "application/rss+xml",
          ".json": "application/json", ".jpg": "image/jpeg", ".gz": "application/gzip"}


@dataclass
class Answer:
    """A canned response for one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Route = Answer | Callable[[], Answer]


def bundled_site() -> Path:
    """Folder of the demo site shipped inside the package."""
    return Path(str(resources.files("newscrawl.demosite").joinpath("site")))


def _file_for(root: Path, path: str) -> Path | None:
    rel = unquote(path).lstrip("/")
    candidate = (root / rel).resolve()
    if root.resolve() not in candidate.parents and candidate != root.resolve():
        return None  # no escaping the site folder
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def make_handler(root: Path, routes: dict[str, Route]) -> type[BaseHTTPRequestHandler]:
    """Request handler class bound to a site folder and special routes."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "newscrawl-demo/1"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the crawler reports what matters."""

        def _send(self, answer: Answer, head: bool = False) -> None:
            self.send_response(answer.status)
            headers = {"Content-Length": str(len(answer.body)), **answer.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(answer.body)

        def do_GET(self, head: bool = False) -> None:
            """Serve a route, a file, or 404."""
            path = urlsplit(self.path).path
            self.server.seen.append((self.path, self.headers.get("User-Agent", "")))
            route = routes.get(path)
            if route is not None:
                answer = route() if callable(route) else route
                self._send(answer, head)
                return
            file = _file_for(root, path)
            if file is None:
                self._send(Answer(404, b"<html><body><h1>404</h1></body></html>",
                                  {"Content-Type": "text/html; charset=utf-8"}), head)
                return
            body = file.read_bytes()
            ctype = _TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] \
                or "application/octet-stream"
            if ctype.startswith(("text/", "application/xml", "application/rss")):
                base = f"http://{self.headers.get('Host') or self.server.server_address[0]}"
                body = body.replace(PLACEHOLDER.encode(), base.encode())
            self._send(Answer(200, body, {"Content-Type": ctype}), head)

        def do_HEAD(self) -> None:
            """Headers only."""
            self.do_GET(head=True)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # (path with query, User-Agent) of every request, for tests of politeness.
    seen: list[tuple[str, str]]

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up (a cancelled oversized download) is not an error."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(root: Path, routes: dict[str, Route] | None = None,
          port: int = 0) -> tuple[_Server, str]:
    """Start serving `root` on 127.0.0.1 (a free port by default) in a daemon thread."""
    server = _Server(("127.0.0.1", port), make_handler(root, routes or {}))
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, name="newscrawl-site", daemon=True)
    thread.start()
    host, bound = server.server_address[:2]
    return server, f"http://{host}:{bound}/"
