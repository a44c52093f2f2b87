"""``DemoServer``: the demo blog over real HTTP on 127.0.0.1, for ``blog-archiver demo`` and tests.

Only transport lives here (``site.render`` makes the pages): HEAD, conditional GET answered with
304 on post pages, an optional per-request delay to play a slow shared host, and a thread-safe
log of what was requested so tests can count a crawler's requests. It never prints.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from scraper.demo.content import POSTS
from scraper.demo.model import DemoPost
from scraper.demo.site import CacheValidators, cache_validators, render

HOST = "127.0.0.1"
# How often the serving loop checks for stop(): short, so tests that start many servers stay fast.
POLL_INTERVAL = 0.05


@dataclass(frozen=True)
class LoggedRequest:
    """One request the server answered: method, raw path with query, and the status sent."""

    method: str
    path: str
    status: int


def _etag_matches(header: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 13.1.2): ``W/`` prefixes are ignored, ``*`` matches anything."""
    wanted = etag.removeprefix("W/")
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or wanted in tags


def _not_modified_since(header: str, last_modified: datetime) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        return False
    return last_modified.replace(microsecond=0) <= since


def is_not_modified(
    if_none_match: str | None, if_modified_since: str | None, validators: CacheValidators
) -> bool:
    """Whether a conditional GET should get 304. ``If-None-Match`` wins when both are sent."""
    if if_none_match is not None:
        return _etag_matches(if_none_match, validators.etag)
    if if_modified_since is not None:
        return _not_modified_since(if_modified_since, validators.last_modified)
    return False


def answer(
    path: str, query: dict[str, list[str]], posts: Sequence[DemoPost], request: Message
) -> tuple[int, str, bytes, dict[str, str]]:
    """A rendered page with its validators, or 304 when the request's validators still match:
    status, content type, body, extra headers."""
    status, content_type, body = render(path, query, posts)
    headers: dict[str, str] = {}
    validators = cache_validators(query, posts) if path == "/blog/post/" else None
    if status == 200 and validators is not None:
        headers["ETag"] = validators.etag
        headers["Last-Modified"] = format_datetime(validators.last_modified, usegmt=True)
        if is_not_modified(
            request.get("If-None-Match"), request.get("If-Modified-Since"), validators
        ):
            status, body = 304, b""
    return status, content_type, body, headers


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    content_type: str,
    body: bytes,
    headers: dict[str, str],
    send_body: bool,
) -> bytes:
    """Write one response; returns the body bytes actually sent (none for HEAD and 304)."""
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    if status != 304:
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    sent = body if send_body and status != 304 else b""
    handler.wfile.write(sent)
    return sent


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "Apache"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the CLI owns the terminal."""

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self._send(405, "text/plain; charset=utf-8", b"Comments are closed.\n", {}, True)

    def _answer(self, send_body: bool) -> None:
        demo = self.server.demo
        if demo.delay:
            time.sleep(demo.delay)
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        status, content_type, body, headers = answer(parts.path, query, demo.posts, self.headers)
        self._send(status, content_type, body, headers, send_body)

    def _send(
        self,
        status: int,
        content_type: str,
        body: bytes,
        headers: dict[str, str],
        send_body: bool,
    ) -> None:
        self.server.demo._record(LoggedRequest(self.command, self.path, status))
        send(self, status, content_type, body, headers, send_body)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, demo: DemoServer) -> None:
        self.demo = demo
        super().__init__((HOST, port), _Handler)


class DemoServer:
    """The demo blog served on 127.0.0.1, in a background thread or in the foreground.

    The socket is bound on construction, so ``url`` is valid at once (port 0 picks a free
    port). Use it as a context manager in tests; ``serve_forever`` is for ``--serve-only``.

    Args:
        port: TCP port on 127.0.0.1; 0 for any free port.
        delay: seconds to wait before answering each request, to play a slow shared host.
        posts: the blog's posts; replace them later through ``posts`` to simulate edits.
    """

    def __init__(
        self, port: int = 0, *, delay: float = 0.0, posts: Sequence[DemoPost] = POSTS
    ) -> None:
        self.delay = delay
        self._posts: tuple[DemoPost, ...] = tuple(posts)
        self._lock = threading.Lock()
        self._log: list[LoggedRequest] = []
        self._thread: threading.Thread | None = None
        self._serving = threading.Event()
        self._closed = False
        self._httpd = _HTTPServer(port, self)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """The site's root, e.g. ``http://127.0.0.1:54321/``."""
        return f"http://{HOST}:{self.port}/"

    @property
    def posts(self) -> tuple[DemoPost, ...]:
        with self._lock:
            return self._posts

    @posts.setter
    def posts(self, posts: Sequence[DemoPost]) -> None:
        """Swap the site's content while it runs (a new post, an edit, a deleted comment)."""
        with self._lock:
            self._posts = tuple(posts)

    def _record(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._log.append(entry)

    @property
    def requests(self) -> list[LoggedRequest]:
        """A copy of every request answered so far, in order."""
        with self._lock:
            return list(self._log)

    @property
    def request_log(self) -> list[str]:
        """A copy of the paths (with query) requested so far, in order."""
        return [entry.path for entry in self.requests]

    def clear_log(self) -> None:
        with self._lock:
            self._log.clear()

    def start(self) -> DemoServer:
        """Serve in a daemon thread and return at once."""
        if self._serving.is_set() or self._closed:
            raise RuntimeError("DemoServer can only be started once")
        self._serving.set()
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            args=(POLL_INTERVAL,),
            name=f"demo-blog-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until ``stop()`` or KeyboardInterrupt; then close."""
        if self._serving.is_set() or self._closed:
            raise RuntimeError("DemoServer is already running or stopped")
        self._serving.set()
        try:
            self._httpd.serve_forever(POLL_INTERVAL)
        finally:
            self._serving.clear()
            self._close()

    def stop(self) -> None:
        """Stop serving and release the port. Safe to call more than once."""
        if self._serving.is_set():
            self._serving.clear()
            self._httpd.shutdown()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._close()

    def _close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
