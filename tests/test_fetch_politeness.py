"""Politeness: robots.txt (RFC 9309), Crawl-delay, per-host delay and locking, parallel hosts."""

from __future__ import annotations

import threading
import time
from functools import partial
from itertools import pairwise

import pytest
from faultserver import (
    FakeClock,
    FaultServer,
    make_fetcher,
    page,
    redirect,
    sequence,
    slow_first_byte,
    status,
)

from scraper.errors import Disallowed
from scraper.fetch import Fetcher

pytest_plugins = ["fetch_fixtures"]

ROBOTS = """\
User-agent: *
Disallow: /private/
Allow: /private/open-*.html$
Crawl-delay: 5
Sitemap: {base}/sitemap.xml
Sitemap: {base}/news-sitemap.xml
"""


#: These tests honour robots.txt unless they say otherwise.
make = partial(make_fetcher, respect_robots=True)


def gaps(times: list[float]) -> list[float]:
    return [round(b - a, 6) for a, b in pairwise(times)]


def test_robots_disallow_blocks_without_request(server: FaultServer, clock: FakeClock) -> None:
    server.route("/robots.txt", page(ROBOTS.format(base=server.url("")), "text/plain"))
    server.route("/private/secret.html", page("secret"))
    with make(clock) as fetcher, pytest.raises(Disallowed):
        fetcher.fetch(server.url("/private/secret.html"))
    assert server.hits("/private/secret.html") == []


def test_robots_longest_match_allow_and_wildcards(server: FaultServer, clock: FakeClock) -> None:
    server.route("/robots.txt", page(ROBOTS.format(base=server.url("")), "text/plain"))
    with make(clock) as fetcher:
        assert fetcher.allowed(server.url("/private/open-day.html"))
        assert not fetcher.allowed(server.url("/private/open-day.html?x=1"))
        assert fetcher.allowed(server.url("/blog/post/?sid=33"))
    assert len(server.hits("/robots.txt")) == 1  # fetched once per run


def test_robots_exposes_sitemaps_and_crawl_delay(server: FaultServer, clock: FakeClock) -> None:
    base = server.url("")
    server.route("/robots.txt", page(ROBOTS.format(base=base), "text/plain"))
    with make(clock) as fetcher:
        info = fetcher.robots(server.url("/any/page"))
    assert info.status == "ok"
    assert info.sitemaps == (f"{base}/sitemap.xml", f"{base}/news-sitemap.xml")
    assert info.crawl_delay == 5.0


def test_crawl_delay_spaces_requests_when_larger_than_delay(
    server: FaultServer, clock: FakeClock
) -> None:
    server.route("/robots.txt", page(ROBOTS.format(base=server.url("")), "text/plain"))
    for n in range(3):
        server.route(f"/p{n}", page("x"))
    with make(clock, delay=1.0) as fetcher:
        for n in range(3):
            fetcher.fetch(server.url(f"/p{n}"))
    times = [r.time for r in server.requests]
    assert [r.path for r in server.requests] == ["/robots.txt", "/p0", "/p1", "/p2"]
    assert gaps(times)[1:] == [5.0, 5.0]


def test_delay_wins_when_larger_than_crawl_delay(server: FaultServer, clock: FakeClock) -> None:
    server.route("/robots.txt", page("User-agent: *\nCrawl-delay: 0.5\n", "text/plain"))
    server.route("/a", page("x"))
    with make(clock, delay=2.0) as fetcher:
        fetcher.fetch(server.url("/a"))
        fetcher.fetch(server.url("/a"))
    assert gaps([r.time for r in server.requests]) == [2.0, 2.0]


def test_default_delay_is_one_second_between_requests(
    server: FaultServer, clock: FakeClock
) -> None:
    server.route("/a", page("x"))
    with Fetcher(clock=clock) as fetcher:
        for _ in range(3):
            fetcher.fetch(server.url("/a"))
    assert gaps([r.time for r in server.requests]) == [1.0, 1.0, 1.0]


@pytest.mark.parametrize("code", [404, 410, 401, 403])
def test_robots_4xx_allows_everything(server: FaultServer, clock: FakeClock, code: int) -> None:
    server.route("/robots.txt", status(code))
    server.route("/private/x", page("ok"))
    with make(clock) as fetcher:
        assert fetcher.fetch(server.url("/private/x")).text == "ok"
        assert fetcher.robots(server.url("/")).status == "missing"


def test_robots_503_disallows_the_host_for_the_run(server: FaultServer, clock: FakeClock) -> None:
    server.route("/robots.txt", status(503))
    server.route("/a", page("x"))
    with make(clock, max_attempts=2) as fetcher:
        with pytest.raises(Disallowed):
            fetcher.fetch(server.url("/a"))
        with pytest.raises(Disallowed):
            fetcher.fetch(server.url("/a"))
        assert fetcher.robots(server.url("/")).status == "unreachable"
    assert server.hits("/a") == []
    assert len(server.hits("/robots.txt")) == 2  # retried within bounds, then cached


def test_robots_unreachable_server_disallows(clock: FakeClock) -> None:
    with FaultServer() as gone:
        url = gone.url("/a")
    with make(clock, max_attempts=1) as fetcher:
        assert not fetcher.allowed(url)
        assert fetcher.robots(url).status == "unreachable"


def test_robots_redirect_is_followed(server: FaultServer, clock: FakeClock) -> None:
    server.route("/robots.txt", redirect("/real-robots.txt", 301))
    server.route("/real-robots.txt", page("User-agent: *\nDisallow: /x\n", "text/plain"))
    with make(clock) as fetcher:
        assert not fetcher.allowed(server.url("/x"))
        assert fetcher.allowed(server.url("/y"))


def test_robots_redirect_chain_is_bounded(server: FaultServer, clock: FakeClock) -> None:
    for n in range(10):
        server.route(f"/r{n}", redirect(f"/r{n + 1}"))
    server.route("/robots.txt", redirect("/r0"))
    with make(clock) as fetcher:
        assert fetcher.robots(server.url("/")).status == "unreachable"
    assert len(server.requests) == 6  # robots.txt + 5 redirects, RFC 9309's minimum


def test_robots_ignored_when_not_respected(server: FaultServer, clock: FakeClock) -> None:
    server.route("/robots.txt", page("User-agent: *\nDisallow: /\nCrawl-delay: 9\n", "text/plain"))
    server.route("/a", page("x"))
    with make(clock, respect_robots=False) as fetcher:
        fetcher.fetch(server.url("/a"))
        fetcher.fetch(server.url("/a"))
    assert [r.path for r in server.requests] == ["/a", "/a"]


def test_robots_agent_specific_group_applies(server: FaultServer, clock: FakeClock) -> None:
    rules = "User-agent: blog-archiver\nDisallow: /drafts\n\nUser-agent: *\nDisallow: /\n"
    server.route("/robots.txt", page(rules, "text/plain"))
    with make(clock) as fetcher:
        assert fetcher.allowed(server.url("/posts/1"))
        assert not fetcher.allowed(server.url("/drafts/1"))


def test_one_request_at_a_time_per_host() -> None:
    """Four threads on one host: the server never sees two requests in flight at once."""
    in_flight, peak, lock = 0, 0, threading.Lock()

    def tracked(h: object, n: int) -> None:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.02)
        with lock:
            in_flight -= 1
        page("x")(h, n)  # type: ignore[arg-type]

    with FaultServer() as srv, Fetcher(delay=0.0, respect_robots=False) as fetcher:
        srv.route("/a", tracked)
        threads = [threading.Thread(target=fetcher.fetch, args=(srv.url("/a"),))
                   for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert peak == 1
    assert fetcher.stats.requests == 4


def test_different_hosts_are_fetched_in_parallel() -> None:
    """Two hosts, each answering after 0.3 s: two threads take ~0.3 s, not ~0.6 s."""
    with FaultServer() as one, FaultServer() as two, Fetcher(
        delay=0.0, respect_robots=False
    ) as fetcher:
        for srv in (one, two):
            srv.route("/slow", slow_first_byte(0.3, page("x")))
        started = time.monotonic()
        threads = [threading.Thread(target=fetcher.fetch, args=(srv.url("/slow"),))
                   for srv in (one, two)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
    assert len(one.hits("/slow")) == len(two.hits("/slow")) == 1
    assert elapsed < 0.55


def test_delay_is_per_host_not_global(clock: FakeClock) -> None:
    with FaultServer(time_source=clock.monotonic) as one, FaultServer(
        time_source=clock.monotonic
    ) as two, make(clock, delay=3.0, respect_robots=False) as fetcher:
        for srv in (one, two):
            srv.route("/a", page("x"))
        fetcher.fetch(one.url("/a"))
        fetcher.fetch(two.url("/a"))
        fetcher.fetch(one.url("/a"))
    assert clock.sleeps == [3.0]
    assert gaps([r.time for r in one.requests]) == [3.0]


def test_retry_after_500_then_200_in_sequence_keeps_delay(
    server: FaultServer, clock: FakeClock
) -> None:
    server.route("/a", sequence(status(500), page("ok")))
    with make(clock, delay=2.0, respect_robots=False) as fetcher:
        assert fetcher.fetch(server.url("/a")).text == "ok"
    assert gaps([r.time for r in server.requests])[0] >= 2.0
