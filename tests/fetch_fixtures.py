"""pytest plugin of the Fetcher's tests: ``pytest_plugins = ["fetch_fixtures"]`` in a test module.

A plugin module rather than helpers imported by name, so the fixtures are not imported into the
test modules (their parameters would shadow the imports) and tests/conftest.py stays the
project-wide one.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from faultserver import FakeClock, FaultServer, make_fetcher

from scraper.fetch import Fetcher


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(clock: FakeClock) -> Iterator[FaultServer]:
    """A running FaultServer that stamps requests with the fake clock's time."""
    with FaultServer(time_source=clock.monotonic) as srv:
        yield srv


@pytest.fixture
def fetcher(clock: FakeClock) -> Iterator[Fetcher]:
    """A Fetcher on the fake clock that honours robots.txt, as a crawl's does."""
    with make_fetcher(clock, respect_robots=True, read_timeout=5) as f:
        yield f
