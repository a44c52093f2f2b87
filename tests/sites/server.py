"""One tiny threaded HTTP server for every synthetic site: loopback only, port 0, a request log."""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

Response = tuple[int, str, bytes]
Render = Callable[[str], Response]
HOST = "127.0.0.1"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        status, ctype, body = self.server.site(self.path)
        self.server.owner.record(self.path)
        self.send_response(status)
        if 300 <= status < 400:  # a redirect: the body is the Location
            self.send_header("Location", body.decode())
            body = b""
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Render, owner: SiteServer, port: int) -> None:
        self.site = site
        self.owner = owner
        super().__init__((HOST, port), _Handler)


class SiteServer:
    """Serves ``site`` on 127.0.0.1 in a daemon thread; ``log`` lists requested paths."""

    def __init__(self, site: Render, port: int = 0) -> None:
        self._lock = threading.Lock()
        self._log: list[str] = []
        self._httpd = _Server(site, self, port)
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._httpd.server_address[1]}/"

    def record(self, path: str) -> None:
        with self._lock:
            self._log.append(path)

    @property
    def log(self) -> list[str]:
        with self._lock:
            return list(self._log)

    def serve_forever(self) -> None:
        self._httpd.serve_forever(0.05)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
