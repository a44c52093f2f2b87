"""The one exception tree of the web side.

    ScraperError
    └── FetchError                  a URL could not be fetched; ``kind`` names why
        ├── InvalidURL              not http(s), no host, unparseable
        ├── Disallowed              robots.txt forbids it (or robots.txt is unreachable: RFC 9309)
        ├── OutOfScope              a redirect led outside the crawl's scope
        ├── UnsupportedContent      not HTML/XML/feed (a PDF, an image): recorded, not downloaded
        ├── TooLarge                the body passed the size cap (also after decompression)
        ├── TooManyRedirects        redirect chain too long, or a redirect loop
        ├── Timeout                 connect or read timeout, after retries
        ├── NetworkError            connection refused/reset, DNS failure, truncated body, ...
        ├── HostPaused              the host failed repeatedly and is paused for this run
        └── HTTPStatusError         a final 4xx/5xx answer; ``status`` holds it

A fetch failure never ends a crawl: the crawler records ``kind`` and ``str(error)`` and moves on.
"""

from __future__ import annotations

__all__ = [
    "Disallowed",
    "FetchError",
    "HTTPStatusError",
    "HostPaused",
    "InvalidURL",
    "NetworkError",
    "OutOfScope",
    "ScraperError",
    "Timeout",
    "TooLarge",
    "TooManyRedirects",
    "UnsupportedContent",
]


class ScraperError(Exception):
    """Base of every error raised on the web side."""


class FetchError(ScraperError):
    """A URL could not be fetched. ``kind`` is a short stable name stored in the archive."""

    kind = "fetch"

    def __init__(self, url: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class InvalidURL(FetchError):
    kind = "invalid-url"


class Disallowed(FetchError):
    kind = "disallowed"


class OutOfScope(FetchError):
    kind = "out-of-scope"

    def __init__(
        self, url: str, message: str, *, target: str = "", status: int | None = None
    ) -> None:
        super().__init__(url, message, status=status)
        self.target = target


class UnsupportedContent(FetchError):
    kind = "unsupported-content"

    def __init__(
        self, url: str, message: str, *, content_type: str = "", status: int | None = None
    ) -> None:
        super().__init__(url, message, status=status)
        self.content_type = content_type


class TooLarge(FetchError):
    kind = "too-large"


class TooManyRedirects(FetchError):
    kind = "redirects"


class Timeout(FetchError):
    kind = "timeout"


class NetworkError(FetchError):
    kind = "network"


class HostPaused(FetchError):
    kind = "host-paused"


class HTTPStatusError(FetchError):
    kind = "http-status"
