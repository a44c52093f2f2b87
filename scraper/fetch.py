"""The Fetcher: the one place where HTTP happens.

Small practices' blogs live on slow shared servers, so the Fetcher is a polite guest first:
robots.txt (with Crawl-delay), one request at a time per host with a minimum delay, backoff
that honours ``Retry-After``, conditional GET, and a host that keeps failing is left alone for
the rest of the run. It is also a careful one: every redirect hop is checked (scheme, scope,
robots, loops), only pages (HTML/XHTML/XML/feeds) are downloaded, and bodies are capped both on
the wire and after decompression, so a gzip bomb stops at the cap.

Every failure is a :class:`scraper.errors.FetchError` subclass; nothing from requests/urllib3
leaks out. Waiting goes through an injectable :class:`Clock`, so tests of delays and backoff run
in milliseconds; I/O deadlines use real time because I/O is real.

The parts: :mod:`scraper.politeness` (when a host may be asked), :mod:`scraper.transport` (one
GET on the wire, through urllib3), :mod:`scraper.fetch_body` (which bodies to read, and reading
them under the caps), :mod:`scraper.robots` and :mod:`scraper.charset`.

Thread-safe: several threads may call :meth:`Fetcher.fetch` at once; requests to one host are
serialised by that host's lock, different hosts proceed in parallel.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import SplitResult, urljoin, urlsplit

import requests

from scraper import __version__
from scraper import robots as robotstxt
from scraper.charset import decode_body
from scraper.errors import (
    Disallowed,
    FetchError,
    HostPaused,
    HTTPStatusError,
    InvalidURL,
    NetworkError,
    OutOfScope,
    Timeout,
    TooManyRedirects,
)
from scraper.fetch_body import (
    ACCEPT_HEADERS,
    BINARY_TYPES,
    Accept,
    Answer,
    media_type,
    parse_retry_after,
    read_answer,
)
from scraper.models import FetchResult
from scraper.politeness import PAUSE_AFTER_FAILURES, Clock, Politeness, SystemClock
from scraper.robots import REDIRECT_STATUSES, RETRY_STATUSES, RobotsInfo
from scraper.transport import Transport

__all__ = [
    "DEFAULT_USER_AGENT",
    "Accept",
    "Clock",
    "Fetcher",
    "FetcherStats",
    "SystemClock",
]

DEFAULT_USER_AGENT = (
    f"blog-archiver/{__version__} (+https://github.com/blog-archiver/blog-archiver)"
)

SCHEMES = frozenset({"http", "https"})

#: Wall-clock budget for one response body, against servers that drip a byte at a time.
TOTAL_TIMEOUT = 300.0


@dataclass(frozen=True)
class FetcherStats:
    """A snapshot of what the Fetcher has done so far in this run.

    ``bytes_received`` counts body bytes as they came off the wire (compressed, if they were);
    ``by_status`` counts every HTTP answer, redirects and retries included.
    """

    requests: int = 0
    bytes_received: int = 0
    retries: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    paused_hosts: tuple[str, ...] = ()


class Fetcher:
    """Fetches pages politely and safely; see the module docstring for what that means.

    Args:
        user_agent: the User-Agent header; its product token (before ``/``) is the robots.txt
            agent. Defaults to :data:`DEFAULT_USER_AGENT`.
        delay: minimum seconds between two requests to one host (Crawl-delay wins if larger).
        connect_timeout: seconds to establish a connection.
        read_timeout: seconds to wait for any single read from the socket.
        max_bytes: cap on a body, checked while streaming and after decompression.
        max_redirects: longest redirect chain followed.
        max_attempts: tries per request (1 = no retries).
        max_retry_wait: total seconds one request may spend waiting between its attempts; a
            ``Retry-After`` longer than this ends the retries instead of being shortened.
        in_scope: called with every redirect target; False stops the fetch with OutOfScope.
        respect_robots: obey robots.txt (Disallow, Crawl-delay). robots() works either way.
        clock: source of time and of waiting, for politeness and backoff.
        session: a requests.Session whose headers, cookies, proxies and TLS settings are used
            (see :mod:`scraper.transport`); closed by :meth:`close` only if we made it.
        pause_after_failures: consecutive failed URLs after which a host is paused for the run.
        total_timeout: wall-clock seconds allowed for one response body.
        rng: randomness for backoff jitter (seed it for reproducible tests).
    """

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        delay: float = 1.0,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        max_bytes: int = 10 * 1024 * 1024,
        max_redirects: int = 10,
        max_attempts: int = 4,
        max_retry_wait: float = 120.0,
        in_scope: Callable[[str], bool] | None = None,
        respect_robots: bool = True,
        clock: Clock | None = None,
        session: requests.Session | None = None,
        pause_after_failures: int = PAUSE_AFTER_FAILURES,
        total_timeout: float = TOTAL_TIMEOUT,
        rng: random.Random | None = None,
    ) -> None:
        self.user_agent = user_agent or DEFAULT_USER_AGENT
        self.agent_token = self.user_agent.split("/", 1)[0].split()[0]
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.max_attempts = max(1, max_attempts)
        self.max_retry_wait = max_retry_wait
        self.in_scope = in_scope
        self.respect_robots = respect_robots
        self.clock: Clock = clock or SystemClock()
        self.total_timeout = total_timeout
        self.politeness = Politeness(delay=delay, clock=self.clock, rng=rng or random.Random(),
                                     pause_after_failures=pause_after_failures,
                                     respect_crawl_delay=respect_robots)
        self._owns_session = session is None
        self.session = session or requests.Session()
        self._transport = Transport(self.session, connect_timeout=connect_timeout,
                                    read_timeout=read_timeout)
        self._base_headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"}
        self._lock = threading.Lock()
        self._robots: dict[str, RobotsInfo] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._requests = 0
        self._bytes = 0
        self._retries = 0
        self._by_status: Counter[int] = Counter()
        self._errors: Counter[str] = Counter()

    @property
    def delay(self) -> float:
        """Minimum seconds between two requests to one host."""
        return self.politeness.delay

    @delay.setter
    def delay(self, seconds: float) -> None:
        self.politeness.delay = seconds

    # -- public API -------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Accept = "html",
    ) -> FetchResult:
        """Fetch one page, following redirects hop by hop.

        Args:
            url: an absolute http(s) URL.
            etag: the ETag stored from the last visit; sent as ``If-None-Match``.
            last_modified: the stored Last-Modified; sent as ``If-Modified-Since``.
            accept: ``"html"`` (HTML/XHTML, also XML/feeds), ``"xml"`` (sitemaps and feeds,
                including plain-text and gzip sitemaps) or ``"any"``.

        Returns:
            The final answer; ``not_modified=True`` (status 304) when the page is unchanged.
            ``redirects`` lists every URL that redirected, in order, starting with ``url``.

        Raises:
            FetchError: one of its subclasses; see :mod:`scraper.errors`.
        """
        try:
            return self._fetch(url, etag=etag, last_modified=last_modified, accept=accept)
        except FetchError as error:
            with self._lock:
                self._errors[error.kind] += 1
            raise

    def robots(self, url: str) -> RobotsInfo:
        """robots.txt for ``url``'s origin, fetched once per run (thread-safe)."""
        return self._robots_for(self._check_url(url))

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch ``url`` (always True with respect_robots=False)."""
        return self._allowed(url, self._check_url(url))

    @property
    def stats(self) -> FetcherStats:
        """A consistent snapshot of the counters."""
        with self._lock:
            return FetcherStats(
                requests=self._requests,
                bytes_received=self._bytes,
                retries=self._retries,
                by_status=dict(self._by_status),
                errors=dict(self._errors),
                paused_hosts=self.politeness.paused_hosts(),
            )

    def close(self) -> None:
        """Close the pooled connections, and the session if this Fetcher created it."""
        self._transport.close()
        if self._owns_session:
            self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- redirects, scope, robots -------------------------------------------------------------

    def _fetch(
        self, url: str, *, etag: str | None, last_modified: str | None, accept: Accept
    ) -> FetchResult:
        started = time.monotonic()
        headers = {**self._base_headers, "Accept": ACCEPT_HEADERS[accept]}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, parts = url, self._check_url(url)
        chain: list[str] = []
        while True:
            if not self._allowed(current, parts):
                robots = self._robots_for(parts)
                if robots.status == "unreachable":
                    raise Disallowed(
                        current,
                        f"cannot reach {parts.netloc}: robots.txt could not be read "
                        f"({robots.reason or 'unknown error'}), so nothing is fetched this run",
                    )
                raise Disallowed(current, f"robots.txt disallows {current}")
            answer = self._exchange(current, parts, headers, accept, self.max_bytes)
            if answer.status in REDIRECT_STATUSES:
                chain.append(current)
                current = self._next_hop(url, current, answer, chain)
                parts = urlsplit(current)
                continue
            if answer.status == 304:
                return FetchResult(url=url, final_url=current, status=304,
                                   headers=answer.headers, elapsed=time.monotonic() - started,
                                   not_modified=True, redirects=tuple(chain))
            if answer.status >= 300:
                raise HTTPStatusError(current, f"HTTP {answer.status} for {current}",
                                      status=answer.status)
            content_type = answer.headers.get("content-type", "")
            text = encoding = None
            if media_type(content_type) not in BINARY_TYPES:
                decoded = decode_body(answer.body, content_type)
                text, encoding = decoded.text, decoded.encoding
            return FetchResult(url=url, final_url=current, status=answer.status,
                               headers=answer.headers, body=answer.body, text=text,
                               encoding=encoding, content_type=content_type,
                               elapsed=time.monotonic() - started, redirects=tuple(chain))

    def _next_hop(self, url: str, current: str, answer: Answer, chain: list[str]) -> str:
        location = answer.headers.get("location")
        if not location:
            raise HTTPStatusError(current, f"HTTP {answer.status} without Location",
                                  status=answer.status)
        target = urljoin(current, location.strip()).split("#", 1)[0]
        self._check_url(target)
        if target in chain:
            raise TooManyRedirects(url, f"redirect loop at {target}", status=answer.status)
        if len(chain) > self.max_redirects:
            raise TooManyRedirects(url, f"more than {self.max_redirects} redirects",
                                   status=answer.status)
        if self.in_scope is not None and not self.in_scope(target):
            raise OutOfScope(url, f"redirected out of scope to {target}", target=target,
                             status=answer.status)
        return target

    def _check_url(self, url: str) -> SplitResult:
        """The URL, split; raises InvalidURL unless it is absolute http(s) with a host."""
        try:
            parts = urlsplit(url)
            _ = parts.port
        except ValueError as error:
            raise InvalidURL(url, f"unparseable URL: {error}") from None
        if parts.scheme.lower() not in SCHEMES:
            raise InvalidURL(url, f"only http and https are fetched, not {parts.scheme!r}")
        if not parts.hostname:
            raise InvalidURL(url, "URL has no host")
        return parts

    def _allowed(self, url: str, parts: SplitResult) -> bool:
        if not self.respect_robots or parts.path == "/robots.txt":
            return True
        return self._robots_for(parts).can_fetch(url, self.agent_token)

    def _robots_for(self, parts: SplitResult) -> RobotsInfo:
        key = f"{parts.scheme}://{parts.netloc}/robots.txt"
        cached = self._robots.get(key)
        if cached is not None:
            return cached
        with self._lock:
            lock = self._robots_locks.setdefault(key, threading.Lock())
        with lock:
            cached = self._robots.get(key)
            if cached is not None:
                return cached
            info = self._load_robots(key)
            if info.crawl_delay:
                host = self.politeness.host(parts)
                self.politeness.set_crawl_delay(host, info.crawl_delay)
            with self._lock:
                self._robots[key] = info
            return info

    def _load_robots(self, key: str) -> RobotsInfo:
        headers = {**self._base_headers, "Accept": "text/plain,*/*"}

        def get(url: str) -> Answer:
            return self._exchange(url, urlsplit(url), headers, "any",
                                  robotstxt.ROBOTS_MAX_BYTES, truncate=True)

        return robotstxt.load(key, self.agent_token, get)

    # -- retries, one request ---------------------------------------------------------------

    def _exchange(
        self, url: str, parts: SplitResult, headers: dict[str, str], accept: Accept,
        max_bytes: int, *, truncate: bool = False,
    ) -> Answer:
        """One request with retries; updates the host's failure count and pause state."""
        politeness = self.politeness
        host = politeness.host(parts)
        if host.paused:
            raise HostPaused(url, f"{host.key} failed repeatedly; paused for this run")
        waited = 0.0
        for attempt in range(1, self.max_attempts + 1):
            retry_after: float | None = None
            try:
                with politeness.turn(host):
                    answer = self._send(url, parts, headers, accept, max_bytes, truncate)
            except (Timeout, NetworkError) as error:
                failure: FetchError = error
            else:
                if answer.status not in RETRY_STATUSES:
                    politeness.succeeded(host)
                    return answer
                failure = HTTPStatusError(url, f"HTTP {answer.status} for {url}",
                                          status=answer.status)
                retry_after = parse_retry_after(answer.headers.get("retry-after"), time.time())
            wait = retry_after if retry_after is not None else politeness.backoff(attempt)
            # Retry-After speaks for the whole host: hold back every URL on it (capped).
            politeness.hold(host, min(wait, self.max_retry_wait)
                            if retry_after is not None else wait)
            if attempt == self.max_attempts or waited + wait > self.max_retry_wait:
                politeness.failed(host)
                raise failure
            waited += wait
            with self._lock:
                self._retries += 1
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(
        self, url: str, parts: SplitResult, headers: dict[str, str], accept: Accept,
        max_bytes: int, truncate: bool,
    ) -> Answer:
        """One GET, its body read or dropped; the caller holds the host's turn."""
        response = self._transport.get(url, parts, headers)
        with self._lock:
            self._requests += 1
            self._by_status[response.status] += 1
        wire_bytes: list[int] = []
        try:
            return read_answer(response, url, accept, max_bytes=max_bytes, truncate=truncate,
                               deadline=time.monotonic() + self.total_timeout,
                               wire_bytes=wire_bytes)
        finally:
            with self._lock:
                self._bytes += sum(wire_bytes)
