"""The wire: connection reuse, content codings, cookies, an injected session, robots size."""

from __future__ import annotations

import zlib

import pytest
import requests
from faultserver import FaultHandler, FaultServer, Responder, make_fetcher, page

from scraper.errors import UnsupportedContent
from scraper.robots import ROBOTS_MAX_BYTES

pytest_plugins = ["fetch_fixtures"]


def encoded(body: bytes, coding: str) -> Responder:
    def respond(h: FaultHandler, n: int) -> None:
        h.answer(200, body, {"Content-Type": "text/html", "Content-Encoding": coding})

    return respond


def test_one_connection_is_kept_alive_across_pages(server: FaultServer) -> None:
    ports: set[int] = set()

    def respond(h: FaultHandler, n: int) -> None:
        ports.add(h.client_address[1])
        page("x")(h, n)

    server.route("/a", respond)
    with make_fetcher() as fetcher:
        for _ in range(5):
            fetcher.fetch(server.url("/a"))
    assert len(server.hits("/a")) == 5
    assert len(ports) == 1


def test_connection_is_kept_alive_after_a_small_404(server: FaultServer) -> None:
    ports: set[int] = set()

    def respond(h: FaultHandler, n: int) -> None:
        ports.add(h.client_address[1])
        page("x")(h, n)

    server.route("/a", respond)
    with make_fetcher() as fetcher:
        for _ in range(3):
            fetcher.fetch(server.url("/a"))
            with pytest.raises(Exception, match="404"):
                fetcher.fetch(server.url("/missing"))
    assert len(ports) == 1


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS])
def test_deflate_zlib_and_raw_are_both_inflated(server: FaultServer, wbits: int) -> None:
    comp = zlib.compressobj(6, zlib.DEFLATED, wbits)
    server.route("/a", encoded(comp.compress(b"<p>deflated</p>") + comp.flush(), "deflate"))
    with make_fetcher() as fetcher:
        assert fetcher.fetch(server.url("/a")).text == "<p>deflated</p>"


def test_unknown_content_coding_is_unsupported(server: FaultServer) -> None:
    server.route("/a", encoded(b"\x00\x01", "zstd-9000"))
    with make_fetcher() as fetcher, pytest.raises(UnsupportedContent, match="Content-Encoding"):
        fetcher.fetch(server.url("/a"))


def test_cookies_set_by_the_site_are_sent_back(server: FaultServer) -> None:
    server.route("/consent", page("ok", headers={"Set-Cookie": "consent=yes; Path=/"}))
    server.route("/a", page("x"))
    with make_fetcher() as fetcher:
        fetcher.fetch(server.url("/consent"))
        fetcher.fetch(server.url("/a"))
    assert "cookie" not in server.hits("/consent")[0].headers
    assert server.hits("/a")[0].headers["cookie"] == "consent=yes"


class RecordingSession(requests.Session):
    closed = False

    def close(self) -> None:
        self.closed = True
        super().close()


def test_injected_session_headers_are_sent_and_session_left_open(server: FaultServer) -> None:
    server.route("/a", page("x"))
    session = RecordingSession()
    session.headers["X-Archive-Run"] = "42"
    with make_fetcher(session=session) as fetcher:
        fetcher.fetch(server.url("/a"))
    seen = server.hits("/a")[0].headers
    assert seen["x-archive-run"] == "42"
    assert seen["user-agent"].startswith("blog-archiver/")
    assert not session.closed  # the caller owns it
    session.close()


def test_own_session_is_closed_with_the_fetcher() -> None:
    fetcher = make_fetcher()
    closed: list[bool] = []
    fetcher.session.close = lambda: closed.append(True)  # type: ignore[method-assign]
    with fetcher:
        pass
    assert closed == [True]


def test_oversized_robots_is_cut_at_500_kib_not_rejected(server: FaultServer) -> None:
    rules = "User-agent: *\nDisallow: /private\n" + "# padding\n" * (ROBOTS_MAX_BYTES // 5)
    server.route("/robots.txt", page(rules + "Disallow: /after-the-cut\n", "text/plain"))
    with make_fetcher(respect_robots=True) as fetcher:
        assert fetcher.robots(server.url("/")).status == "ok"
        assert not fetcher.allowed(server.url("/private/x"))
        assert fetcher.allowed(server.url("/after-the-cut"))
