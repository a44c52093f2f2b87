"""A real, scriptable, misbehaving HTTP server on 127.0.0.1 for the Fetcher's tests.

Each path gets a responder: a function called with the request handler and the 1-based number
of this request to the path, so "500 then 200" is ``sequence(status(500), page(b"ok"))``. The
server records every request (method, path, headers, time from an injectable time source, so a
fake clock shows the spacing the Fetcher kept) and how many body bytes it managed to send.

Only loopback: the server binds 127.0.0.1 and port 0, and a test may start two of them to play
two hosts.

:func:`make_fetcher` makes a Fetcher set up for these tests; the fixtures built on both live in
``fetch_fixtures.py``, a pytest plugin (``pytest_plugins = ["fetch_fixtures"]``).
"""

from __future__ import annotations

import gzip
import random
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from scraper.fetch import Fetcher

Responder = Callable[["FaultHandler", int], None]


@dataclass(frozen=True)
class Recorded:
    """One request as the server saw it; header names are lower-cased."""

    method: str
    path: str
    headers: dict[str, str]
    time: float


class FakeClock:
    """A monotonic clock that only moves when something sleeps on it; records every sleep."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += max(0.0, seconds)


class FaultHandler(BaseHTTPRequestHandler):
    """Dispatches to the server's responders; helpers write well- or ill-formed answers."""

    protocol_version = "HTTP/1.1"
    server: FaultServer

    def log_message(self, format: str, *args: object) -> None:
        """Silence the default stderr logging."""

    def do_GET(self) -> None:
        path = self.path
        responder, count = self.server._begin(self, path)
        try:
            responder(self, count)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def answer(self, status: int, body: bytes = b"", headers: Mapping[str, str] | None = None,
               *, length: int | None = None) -> None:
        """Send a complete answer; ``length`` overrides Content-Length (to lie with it)."""
        self.send_response(status)
        merged = {"Content-Length": str(len(body) if length is None else length)}
        merged.update(headers or {})
        for name, value in merged.items():
            self.send_header(name, value)
        self.end_headers()
        self.write(body)

    def write(self, data: bytes) -> None:
        """Write body bytes, counting them for the path."""
        self.wfile.write(data)
        self.wfile.flush()
        self.server._count_sent(self.path, len(data))

    def reset(self) -> None:
        """Abort the connection with a TCP RST (SO_LINGER 0), as a crashing server does."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


class FaultServer(ThreadingHTTPServer):
    """The server: ``route(path, responder)``, ``url(path)``, ``requests``, ``sent(path)``."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, time_source: Callable[[], float] = time.monotonic) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.time_source = time_source
        self.routes: dict[str, Responder] = {}
        self.requests: list[Recorded] = []
        self._sent: dict[str, int] = {}
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, responder: Responder) -> None:
        self.routes[path] = responder

    def hits(self, path: str) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def sent(self, path: str) -> int:
        with self._lock:
            return self._sent.get(path, 0)

    def _begin(self, handler: FaultHandler, path: str) -> tuple[Responder, int]:
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self._lock:
            self.requests.append(Recorded(handler.command, path, headers, self.time_source()))
            self._counts[path] = self._counts.get(path, 0) + 1
            return self.routes.get(path, status(404)), self._counts[path]

    def _count_sent(self, path: str, n: int) -> None:
        with self._lock:
            self._sent[path] = self._sent.get(path, 0) + n

    def handle_error(self, request: object, client_address: object) -> None:
        """Faults are the point here: no tracebacks on stderr."""

    def __enter__(self) -> FaultServer:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True,
                                        kwargs={"poll_interval": 0.05})
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.shutdown()
        self.server_close()


# -- responders -----------------------------------------------------------------------------

HTML = "text/html; charset=utf-8"


def page(body: bytes | str, content_type: str = HTML, status_code: int = 200,
         headers: Mapping[str, str] | None = None) -> Responder:
    data = body.encode() if isinstance(body, str) else body

    def respond(h: FaultHandler, n: int) -> None:
        h.answer(status_code, data, {"Content-Type": content_type, **(headers or {})})

    return respond


def status(code: int, headers: Mapping[str, str] | None = None) -> Responder:
    return page(f"status {code}", "text/plain", code, headers)


def sequence(*responders: Responder) -> Responder:
    """The n-th request gets the n-th responder; the last one repeats."""

    def respond(h: FaultHandler, n: int) -> None:
        responders[min(n, len(responders)) - 1](h, n)

    return respond


def redirect(location: str, code: int = 302) -> Responder:
    return page(b"", "text/plain", code, {"Location": location})


def slow_first_byte(seconds: float, then: Responder) -> Responder:
    def respond(h: FaultHandler, n: int) -> None:
        time.sleep(seconds)
        then(h, n)

    return respond


def slow_drip(total: int, interval: float) -> Responder:
    """One byte every ``interval`` seconds: never idle long enough for a read timeout."""

    def respond(h: FaultHandler, n: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        h.send_header("Content-Length", str(total))
        h.end_headers()
        for _ in range(total):
            h.write(b"x")
            time.sleep(interval)

    return respond


def broken_body(declared: int, sent: int, *, rst: bool) -> Responder:
    """Promise ``declared`` bytes, send ``sent``, then close (FIN) or reset (RST)."""

    def respond(h: FaultHandler, n: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        h.send_header("Content-Length", str(declared))
        h.end_headers()
        h.write(b"<p>" + b"a" * (sent - 3))
        if rst:
            h.reset()
        else:
            h.close_connection = True

    return respond


def streamed(total: int, content_type: str = HTML, *, declare_length: bool = True,
             chunk: int = 64 * 1024) -> Responder:
    """``total`` bytes written in chunks (a 30 MB page, a large PDF), without building them."""
    block = b"<p>" + b"b" * (chunk - 3)

    def respond(h: FaultHandler, n: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        if declare_length:
            h.send_header("Content-Length", str(total))
        else:
            h.close_connection = True  # length = until the connection closes
        h.end_headers()
        left = total
        while left > 0:
            h.write(block[: min(chunk, left)])
            left -= chunk

    return respond


@cache
def bomb_bytes(inflated: int) -> bytes:
    """gzip of ``inflated`` zero bytes (about 1000:1), built once per size."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    parts = [comp.compress(zeros) for _ in range(inflated // len(zeros))]
    return b"".join([*parts, comp.flush()])


def gzip_bomb(inflated: int) -> Responder:
    def respond(h: FaultHandler, n: int) -> None:
        h.answer(200, bomb_bytes(inflated), {"Content-Type": HTML, "Content-Encoding": "gzip"})

    return respond


def gzipped(body: bytes, content_type: str = HTML) -> Responder:
    def respond(h: FaultHandler, n: int) -> None:
        h.answer(200, gzip.compress(body), {"Content-Type": content_type,
                                            "Content-Encoding": "gzip"})

    return respond


def conditional(body: bytes, *, etag: str, last_modified: str) -> Responder:
    """304 when the validators the client sent match, else the page with both validators."""

    def respond(h: FaultHandler, n: int) -> None:
        if h.headers.get("If-None-Match") == etag or (
            h.headers.get("If-Modified-Since") == last_modified
        ):
            h.answer(304, b"", {"ETag": etag, "Last-Modified": last_modified}, length=0)
        else:
            h.answer(200, body, {"Content-Type": HTML, "ETag": etag,
                                 "Last-Modified": last_modified})

    return respond


# -- a Fetcher for these tests ---------------------------------------------------------------


def make_fetcher(clock: FakeClock | None = None, **options: Any) -> Fetcher:
    """A Fetcher for tests: no delay, the fake clock, seeded jitter, robots.txt ignored;
    ``options`` override any of these."""
    settings: dict[str, Any] = {"delay": 0.0, "clock": clock or FakeClock(),
                                "rng": random.Random(0), "respect_robots": False}
    settings.update(options)
    return Fetcher(**settings)
