"""Per-host politeness for the Fetcher: taking turns, the delay between turns, backoff, pausing.

Part of the Fetcher (:mod:`scraper.fetch`), split out so the Fetcher reads as "what a fetch
does" and this module as "when a host may be asked". One :class:`HostState` per host (name and
port): its lock serialises requests to the host, ``next_allowed`` is the earliest time of the
next one. Waiting goes through an injectable :class:`Clock`, so tests of delays and backoff run
in milliseconds.

Thread-safe: a host's turn is held under its own lock; everything else under one small lock.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import SplitResult

__all__ = [
    "BACKOFF_BASE",
    "BACKOFF_MAX",
    "JITTER",
    "PAUSE_AFTER_FAILURES",
    "Clock",
    "HostState",
    "Politeness",
    "SystemClock",
    "host_key",
]

#: First backoff step (seconds) and its ceiling; each retry doubles, times a jitter factor.
BACKOFF_BASE = 1.0
BACKOFF_MAX = 60.0
JITTER = (0.5, 1.5)
#: Consecutive failed URLs (after retries) that get a host paused for the rest of the run.
PAUSE_AFTER_FAILURES = 5


class Clock(Protocol):
    """Where the Fetcher reads time and waits; inject a fake one in tests."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock: ``time.monotonic`` and ``time.sleep``."""

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


def host_key(parts: SplitResult) -> str:
    """``host:port`` of a split URL, the default port filled in: the unit of politeness."""
    default = 443 if parts.scheme == "https" else 80
    return f"{(parts.hostname or '').lower()}:{parts.port or default}"


@dataclass
class HostState:
    """Mutable per-host state; ``lock`` is held for a whole turn, the rest under Politeness's."""

    key: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_allowed: float = 0.0
    crawl_delay: float = 0.0
    failures: int = 0
    paused: bool = False


class Politeness:
    """When each host may be asked next, and whether it may be asked at all this run.

    Args:
        delay: minimum seconds between two requests to one host (a larger Crawl-delay wins
            when ``respect_crawl_delay``).
        clock: source of time and of waiting.
        rng: randomness for backoff jitter.
        pause_after_failures: consecutive failed URLs after which a host is paused.
        respect_crawl_delay: whether robots.txt's Crawl-delay counts.
    """

    def __init__(self, *, delay: float, clock: Clock, rng: random.Random,
                 pause_after_failures: int, respect_crawl_delay: bool) -> None:
        self.delay = delay
        self.clock = clock
        self.pause_after_failures = pause_after_failures
        self.respect_crawl_delay = respect_crawl_delay
        self._rng = rng
        self._lock = threading.Lock()
        self._hosts: dict[str, HostState] = {}

    def host(self, parts: SplitResult) -> HostState:
        """The state of the URL's host, made on first use."""
        key = host_key(parts)
        state = self._hosts.get(key)
        if state is None:
            with self._lock:
                state = self._hosts.setdefault(key, HostState(key))
        return state

    @contextmanager
    def turn(self, host: HostState) -> Iterator[None]:
        """Hold the host for one request: wait until it may be asked, then block others on it
        until the request is done; the next turn comes a delay after this one ends."""
        with host.lock:
            self._wait(host)
            try:
                yield
            finally:
                gap = max(self.delay, host.crawl_delay if self.respect_crawl_delay else 0.0)
                if gap > 0:
                    self.hold(host, gap)

    def hold(self, host: HostState, seconds: float) -> None:
        """Ask nothing of the host for ``seconds`` from now (never shortens an earlier hold)."""
        with self._lock:
            host.next_allowed = max(host.next_allowed, self.clock.monotonic() + seconds)

    def set_crawl_delay(self, host: HostState, seconds: float) -> None:
        with self._lock:
            host.crawl_delay = max(host.crawl_delay, seconds)

    def backoff(self, attempt: int) -> float:
        """Seconds before attempt ``attempt + 1``: exponential, capped, jittered."""
        step = min(BACKOFF_MAX, BACKOFF_BASE * 2.0 ** (attempt - 1))
        with self._lock:
            return step * self._rng.uniform(*JITTER)

    def succeeded(self, host: HostState) -> None:
        if host.failures:
            with self._lock:
                host.failures = 0

    def failed(self, host: HostState) -> None:
        """One more URL failed after its retries; enough in a row pause the host."""
        with self._lock:
            host.failures += 1
            if host.failures >= self.pause_after_failures:
                host.paused = True

    def paused_hosts(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(sorted(k for k, h in self._hosts.items() if h.paused))

    def _wait(self, host: HostState) -> None:
        """Sleep until the host may be asked again; caller holds ``host.lock``."""
        while host.next_allowed > 0:
            with self._lock:
                remaining = host.next_allowed - self.clock.monotonic()
            if remaining <= 0:
                return
            self.clock.sleep(remaining)
