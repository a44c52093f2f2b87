"""robots.txt as RFC 9309 reads it, parsed by protego.

protego, not ``urllib.robotparser``: the standard library ignores ``*``/``$`` wildcards and
applies the first matching rule instead of the longest one, so ``Allow: /blog/`` under
``Disallow: /`` is read wrongly by it.

The fetching lives in :mod:`scraper.fetch` (the one place where HTTP happens), which hands
:func:`load` a ``get`` function; this module follows redirects and turns the outcome (a body, a
4xx, an unreachable server) into a :class:`RobotsInfo`:

- 2xx: the rules apply (``status="ok"``);
- 4xx, including 404 and 410: no rules, everything allowed (``status="missing"``);
- 5xx, 429, network failure, endless redirects: everything disallowed for this run
  (``status="unreachable"``); a later run asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol
from urllib.parse import urljoin, urlsplit

from protego import Protego

from scraper.errors import FetchError

__all__ = [
    "REDIRECT_STATUSES",
    "RETRY_STATUSES",
    "ROBOTS_MAX_BYTES",
    "ROBOTS_MAX_REDIRECTS",
    "RobotsInfo",
    "RobotsStatus",
    "from_body",
    "load",
    "missing",
    "robots_url",
    "unreachable",
]

RobotsStatus = Literal["ok", "missing", "unreachable"]

#: Answers followed as redirects; answers worth asking again after a pause (the server is
#: overloaded or briefly broken, not saying "missing"). The Fetcher uses both too.
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({408, 429, *range(500, 600)})


class Answer(Protocol):
    """What :func:`load` needs of one HTTP answer (``scraper.fetch_body.Answer`` has it)."""

    @property
    def status(self) -> int: ...

    @property
    def headers(self) -> dict[str, str]: ...

    @property
    def body(self) -> bytes: ...

#: RFC 9309 2.3.1.2: follow at least five consecutive redirects.
ROBOTS_MAX_REDIRECTS = 5
#: RFC 9309 2.5: parse at least the first 500 KiB; larger files are cut there, not rejected.
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(frozen=True)
class RobotsInfo:
    """What one origin's robots.txt says, and whether it could be read at all.

    ``sitemaps`` are the ``Sitemap:`` lines in file order; ``crawl_delay`` is the delay the file
    asks of our user agent (or of ``*``), in seconds, or None.
    """

    url: str
    status: RobotsStatus
    http_status: int | None = None
    sitemaps: tuple[str, ...] = ()
    crawl_delay: float | None = None
    reason: str | None = None
    _rules: Any = field(default=None, repr=False, compare=False)

    def can_fetch(self, url: str, agent: str) -> bool:
        """Whether ``agent`` (a product token such as ``blog-archiver``) may fetch ``url``."""
        if self.status == "unreachable":
            return False
        if self.status == "missing" or self._rules is None:
            return True
        return bool(self._rules.can_fetch(url, agent))


def robots_url(url: str) -> str:
    """The robots.txt URL governing ``url`` (same scheme, host and port)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def from_body(url: str, body: bytes, agent: str, *, http_status: int = 200) -> RobotsInfo:
    """Parse a fetched robots.txt; undecodable bytes are replaced, never fatal."""
    text = body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace").lstrip("\ufeff")
    rules = Protego.parse(text)
    delay = rules.crawl_delay(agent)
    return RobotsInfo(
        url=url,
        status="ok",
        http_status=http_status,
        sitemaps=tuple(rules.sitemaps),
        crawl_delay=float(delay) if delay is not None else None,
        _rules=rules,
    )


def missing(url: str, http_status: int) -> RobotsInfo:
    """A 4xx answer: RFC 9309 says crawl as if there were no robots.txt."""
    return RobotsInfo(url=url, status="missing", http_status=http_status)


def unreachable(url: str, http_status: int | None = None, reason: str | None = None) -> RobotsInfo:
    """A 5xx / network failure: RFC 9309 says assume complete disallow until it can be read.
    ``reason`` says what went wrong, for the user."""
    if reason is None and http_status is not None:
        reason = f"HTTP {http_status}"
    return RobotsInfo(url=url, status="unreachable", http_status=http_status, reason=reason)


def load(url: str, agent: str, get: Callable[[str], Answer]) -> RobotsInfo:
    """Fetch robots.txt at ``url`` with ``get`` (which raises FetchError when it cannot), up to
    :data:`ROBOTS_MAX_REDIRECTS` redirects, and read the outcome as RFC 9309 says."""
    current = url
    for _ in range(ROBOTS_MAX_REDIRECTS + 1):
        try:
            answer = get(current)
        except FetchError as error:
            return unreachable(url, error.status, str(error))
        if answer.status in REDIRECT_STATUSES and answer.headers.get("location"):
            target = urljoin(current, answer.headers["location"].strip())
            if urlsplit(target).scheme not in ("http", "https"):
                return missing(url, answer.status)
            current = target
            continue
        if 200 <= answer.status < 300:
            return from_body(url, answer.body, agent, http_status=answer.status)
        if 400 <= answer.status < 500 and answer.status not in RETRY_STATUSES:
            return missing(url, answer.status)
        return unreachable(url, answer.status)
    return unreachable(url)
