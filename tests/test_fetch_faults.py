"""Faults: retries with backoff, Retry-After, timeouts, broken bodies, hosts that keep failing."""

from __future__ import annotations

import time
from email.utils import formatdate
from itertools import pairwise

import pytest
from faultserver import (
    FakeClock,
    FaultServer,
    broken_body,
    make_fetcher,
    page,
    sequence,
    slow_drip,
    slow_first_byte,
    status,
)

from scraper.errors import HostPaused, HTTPStatusError, NetworkError, Timeout
from scraper.fetch_body import parse_retry_after

pytest_plugins = ["fetch_fixtures"]


def test_500_then_200_is_retried_and_succeeds(server: FaultServer, clock: FakeClock) -> None:
    server.route("/a", sequence(status(500), status(502), page("ok")))
    with make_fetcher(clock) as fetcher:
        assert fetcher.fetch(server.url("/a")).text == "ok"
        assert fetcher.stats.retries == 2
    assert len(server.hits("/a")) == 3


def test_backoff_grows_exponentially_with_jitter(server: FaultServer, clock: FakeClock) -> None:
    server.route("/a", status(503))
    with make_fetcher(clock, max_attempts=4, max_retry_wait=1000) as fetcher, pytest.raises(
        HTTPStatusError
    ) as caught:
        fetcher.fetch(server.url("/a"))
    assert caught.value.status == 503
    times = [r.time for r in server.hits("/a")]
    waits = [b - a for a, b in pairwise(times)]
    assert len(waits) == 3
    for n, wait in enumerate(waits):
        assert 0.5 * 2**n <= wait <= 1.5 * 2**n  # base 1 s, doubling, jitter x0.5..x1.5
    assert len(set(round(w / 2**n, 6) for n, w in enumerate(waits))) > 1  # really jittered


def test_attempts_are_bounded(server: FaultServer, clock: FakeClock) -> None:
    server.route("/a", status(500))
    with make_fetcher(clock, max_attempts=3) as fetcher, pytest.raises(HTTPStatusError):
        fetcher.fetch(server.url("/a"))
    assert len(server.hits("/a")) == 3


def test_total_retry_wait_is_bounded(server: FaultServer, clock: FakeClock) -> None:
    server.route("/a", status(500))
    with make_fetcher(clock, max_attempts=50, max_retry_wait=10) as fetcher, pytest.raises(
        HTTPStatusError
    ):
        fetcher.fetch(server.url("/a"))
    times = [r.time for r in server.hits("/a")]
    assert times[-1] - times[0] <= 10
    assert len(times) < 50


def test_429_retry_after_seconds_is_honoured(server: FaultServer, clock: FakeClock) -> None:
    server.route("/a", sequence(status(429, {"Retry-After": "2"}), page("ok")))
    with make_fetcher(clock) as fetcher:
        assert fetcher.fetch(server.url("/a")).text == "ok"
    first, second = server.hits("/a")
    assert second.time - first.time == pytest.approx(2.0)


def test_503_retry_after_http_date_is_honoured(server: FaultServer, clock: FakeClock) -> None:
    when = formatdate(time.time() + 30, usegmt=True)
    server.route("/a", sequence(status(503, {"Retry-After": when}), page("ok")))
    with make_fetcher(clock) as fetcher:
        assert fetcher.fetch(server.url("/a")).text == "ok"
    first, second = server.hits("/a")
    assert 28 <= second.time - first.time <= 31


def test_retry_after_longer_than_cap_gives_up_without_retrying(
    server: FaultServer, clock: FakeClock
) -> None:
    server.route("/a", status(429, {"Retry-After": "3600"}))
    with make_fetcher(clock, max_retry_wait=120) as fetcher, pytest.raises(
        HTTPStatusError
    ) as caught:
        fetcher.fetch(server.url("/a"))
    assert caught.value.status == 429
    assert len(server.hits("/a")) == 1
    assert all(s <= 120 for s in clock.sleeps)


def test_retry_after_also_holds_back_other_urls_on_the_host(
    server: FaultServer, clock: FakeClock
) -> None:
    server.route("/a", status(503, {"Retry-After": "7"}))
    server.route("/b", page("ok"))
    with make_fetcher(clock, max_attempts=1) as fetcher:
        with pytest.raises(HTTPStatusError):
            fetcher.fetch(server.url("/a"))
        fetcher.fetch(server.url("/b"))
    assert server.hits("/b")[0].time - server.hits("/a")[0].time == pytest.approx(7.0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2", 2.0), ("0", 0.0), ("soon", None), ("", None), (None, None),
     ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0), ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0)],
)
def test_parse_retry_after_both_forms(value: str | None, expected: float | None) -> None:
    now = 1445412480.0  # Wed, 21 Oct 2015 07:28:00 GMT
    assert parse_retry_after(value, now) == expected


def test_slow_first_byte_times_out_after_retries(server: FaultServer, clock: FakeClock) -> None:
    server.route("/slow", slow_first_byte(0.5, page("late")))
    with make_fetcher(clock, read_timeout=0.1, max_attempts=2) as fetcher, pytest.raises(Timeout):
        fetcher.fetch(server.url("/slow"))
    assert len(server.hits("/slow")) == 2


def test_slow_drip_stops_at_total_timeout(server: FaultServer, clock: FakeClock) -> None:
    server.route("/drip", slow_drip(total=1000, interval=0.02))
    with make_fetcher(clock, read_timeout=1.0, total_timeout=0.3, max_attempts=1) as fetcher, \
            pytest.raises(Timeout, match="total timeout"):
        fetcher.fetch(server.url("/drip"))
    assert 0 < fetcher.stats.bytes_received < 100


def test_connection_refused_is_network_error(clock: FakeClock) -> None:
    with FaultServer() as gone:
        url = gone.url("/a")
    with make_fetcher(clock, max_attempts=2) as fetcher, pytest.raises(NetworkError):
        fetcher.fetch(url)
    assert fetcher.stats.retries == 1


def test_reset_mid_body_is_retried_then_network_error(
    server: FaultServer, clock: FakeClock
) -> None:
    server.route("/a", broken_body(declared=100_000, sent=5_000, rst=True))
    with make_fetcher(clock, max_attempts=3) as fetcher, pytest.raises(NetworkError):
        fetcher.fetch(server.url("/a"))
    assert len(server.hits("/a")) == 3


def test_reset_mid_body_then_success(server: FaultServer, clock: FakeClock) -> None:
    server.route("/a", sequence(broken_body(declared=100_000, sent=5_000, rst=True),
                                page("whole")))
    with make_fetcher(clock) as fetcher:
        assert fetcher.fetch(server.url("/a")).text == "whole"
    assert len(server.hits("/a")) == 2


def test_truncated_body_is_network_error(server: FaultServer, clock: FakeClock) -> None:
    server.route("/a", broken_body(declared=10_000, sent=500, rst=False))
    with make_fetcher(clock, max_attempts=2) as fetcher, pytest.raises(
        NetworkError, match="broken"
    ):
        fetcher.fetch(server.url("/a"))
    assert len(server.hits("/a")) == 2


def test_host_failing_repeatedly_is_paused(server: FaultServer, clock: FakeClock) -> None:
    server.route("/down", status(500))
    with make_fetcher(clock, max_attempts=2, pause_after_failures=3) as fetcher:
        for _ in range(3):
            with pytest.raises(HTTPStatusError):
                fetcher.fetch(server.url("/down"))
        before = len(server.requests)
        with pytest.raises(HostPaused):
            fetcher.fetch(server.url("/other"))
        assert len(server.requests) == before == 6
        assert fetcher.stats.paused_hosts == (f"127.0.0.1:{server.port}",)


def test_success_resets_the_failure_count(server: FaultServer, clock: FakeClock) -> None:
    server.route("/down", status(500))
    server.route("/up", page("ok"))
    with make_fetcher(clock, max_attempts=1, pause_after_failures=2) as fetcher:
        for _ in range(3):
            with pytest.raises(HTTPStatusError):
                fetcher.fetch(server.url("/down"))
            fetcher.fetch(server.url("/up"))
        assert fetcher.stats.paused_hosts == ()


def test_404s_do_not_pause_a_host(server: FaultServer, clock: FakeClock) -> None:
    server.route("/up", page("ok"))
    with make_fetcher(clock, pause_after_failures=2) as fetcher:
        for n in range(4):
            with pytest.raises(HTTPStatusError):
                fetcher.fetch(server.url(f"/deleted-{n}"))
        assert fetcher.fetch(server.url("/up")).text == "ok"
