"""Limits: body size caps (wire and decompressed), redirects hop by hop, scope."""

from __future__ import annotations

import gzip
import tracemalloc

import pytest
from faultserver import (
    FakeClock,
    FaultServer,
    bomb_bytes,
    gzip_bomb,
    gzipped,
    make_fetcher,
    page,
    redirect,
    streamed,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.errors import (
    Disallowed,
    InvalidURL,
    OutOfScope,
    TooLarge,
    TooManyRedirects,
)
from scraper.fetch_body import gunzip_capped

pytest_plugins = ["fetch_fixtures"]

MB = 1024 * 1024


def test_gzip_page_is_decompressed(server: FaultServer, clock: FakeClock) -> None:
    server.route("/a", gzipped(b"<p>zipped</p>"))
    with make_fetcher(clock) as fetcher:
        result = fetcher.fetch(server.url("/a"))
    assert result.text == "<p>zipped</p>"
    assert server.hits("/a")[0].headers["accept-encoding"] == "gzip, deflate"


def test_gzip_bomb_stops_at_cap_without_inflating_it(
    server: FaultServer, clock: FakeClock
) -> None:
    server.route("/bomb", gzip_bomb(200 * MB))
    with make_fetcher(clock, max_bytes=1 * MB) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(TooLarge, match="decompression"):
                fetcher.fetch(server.url("/bomb"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 8 * MB  # 200 MB of zeros were never materialised
    assert fetcher.stats.bytes_received < len(bomb_bytes(200 * MB))  # stopped reading early
    assert len(server.hits("/bomb")) == 1  # not retried


def test_30mb_page_with_length_is_refused_before_reading(
    server: FaultServer, clock: FakeClock
) -> None:
    server.route("/huge", streamed(30 * MB))
    with make_fetcher(clock) as fetcher, pytest.raises(TooLarge, match="Content-Length"):
        fetcher.fetch(server.url("/huge"))
    assert fetcher.stats.bytes_received == 0
    assert server.sent("/huge") < 30 * MB


def test_30mb_page_without_length_stops_at_cap_while_streaming(
    server: FaultServer, clock: FakeClock
) -> None:
    server.route("/huge", streamed(30 * MB, declare_length=False))
    with make_fetcher(clock, max_bytes=2 * MB) as fetcher, pytest.raises(TooLarge):
        fetcher.fetch(server.url("/huge"))
    assert 2 * MB < fetcher.stats.bytes_received < 3 * MB


def test_body_exactly_at_cap_is_accepted(server: FaultServer, clock: FakeClock) -> None:
    server.route("/a", gzipped(b"x" * 1000))
    with make_fetcher(clock, max_bytes=1000) as fetcher:
        assert len(fetcher.fetch(server.url("/a")).body) == 1000


def test_gunzip_capped_inflates_small_and_refuses_bombs() -> None:
    assert gunzip_capped(gzip.compress(b"<urlset/>"), 100) == b"<urlset/>"
    with pytest.raises(TooLarge):
        gunzip_capped(bomb_bytes(50 * MB), MB)


def test_redirects_are_followed_and_recorded(server: FaultServer, clock: FakeClock) -> None:
    server.route("/old", redirect("/mid", 301))
    server.route("/mid", redirect(server.url("/new"), 308))
    server.route("/new", page("here"))
    with make_fetcher(clock, delay=1.0) as fetcher:
        result = fetcher.fetch(server.url("/old"))
    assert result.text == "here"
    assert result.final_url == server.url("/new")
    assert result.redirects == (server.url("/old"), server.url("/mid"))
    assert [r.path for r in server.requests] == ["/old", "/mid", "/new"]
    times = [r.time for r in server.requests]
    assert times[1] - times[0] == times[2] - times[1] == 1.0  # every hop is a polite request


def test_redirect_loop_is_detected(server: FaultServer, clock: FakeClock) -> None:
    server.route("/a", redirect("/b"))
    server.route("/b", redirect("/a"))
    with make_fetcher(clock) as fetcher, pytest.raises(TooManyRedirects, match="loop"):
        fetcher.fetch(server.url("/a"))
    assert len(server.requests) == 2


def test_redirect_chain_is_capped(server: FaultServer, clock: FakeClock) -> None:
    for n in range(20):
        server.route(f"/r{n}", redirect(f"/r{n + 1}"))
    with make_fetcher(clock, max_redirects=3) as fetcher, pytest.raises(TooManyRedirects):
        fetcher.fetch(server.url("/r0"))
    assert len(server.requests) == 4


def test_redirect_off_site_is_out_of_scope_and_not_followed(
    server: FaultServer, clock: FakeClock
) -> None:
    with FaultServer() as other:
        other.route("/landing", page("elsewhere"))
        target = other.url("/landing", host="localhost")
        server.route("/a", redirect(target))
        own = server.url("/")
        with make_fetcher(clock, in_scope=lambda u: u.startswith(own)) as fetcher, pytest.raises(
            OutOfScope
        ) as caught:
            fetcher.fetch(server.url("/a"))
        assert caught.value.target == target
        assert other.requests == []


def test_redirect_to_non_http_scheme_is_invalid(server: FaultServer, clock: FakeClock) -> None:
    server.route("/a", redirect("ftp://127.0.0.1/file"))
    with make_fetcher(clock) as fetcher, pytest.raises(InvalidURL):
        fetcher.fetch(server.url("/a"))


def test_redirect_into_disallowed_path_is_not_followed(
    server: FaultServer, clock: FakeClock
) -> None:
    server.route("/robots.txt", page("User-agent: *\nDisallow: /private\n", "text/plain"))
    server.route("/a", redirect("/private/x"))
    with make_fetcher(clock, respect_robots=True) as fetcher, pytest.raises(Disallowed):
        fetcher.fetch(server.url("/a"))
    assert server.hits("/private/x") == []


@given(data=st.binary(max_size=4096), cap=st.integers(min_value=0, max_value=5000))
@settings(max_examples=200, deadline=None)
def test_gunzip_capped_returns_data_within_cap_or_refuses(data: bytes, cap: int) -> None:
    packed = gzip.compress(data)
    if len(data) <= cap:
        assert gunzip_capped(packed, cap) == data
    else:
        with pytest.raises(TooLarge):
            gunzip_capped(packed, cap)
