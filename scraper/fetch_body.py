"""The wire side of a fetch: sending a GET, which bodies to read, reading them safely.

Part of the Fetcher (:mod:`scraper.fetch`), split out to keep each module small. Bodies are read
raw (``decode_content=False``) and inflated here with ``zlib``'s ``max_length``, so the cap holds
*after* decompression without ever inflating more than cap + 1 bytes: a gzip bomb costs at most
``max_bytes`` of memory. ``read1`` returns whatever has arrived, so a server that drips one byte
at a time still meets the wall-clock deadline between reads.
"""

from __future__ import annotations

import email.utils
import re
import time
import zlib
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import urllib3

from scraper.errors import NetworkError, Timeout, TooLarge, UnsupportedContent

__all__ = [
    "ACCEPT_HEADERS",
    "BINARY_TYPES",
    "CHUNK_BYTES",
    "Accept",
    "Answer",
    "BodyReader",
    "acceptable",
    "close",
    "discard_body",
    "gunzip_capped",
    "media_type",
    "parse_retry_after",
    "read_answer",
    "short_reason",
]

#: Bytes asked of the socket per read.
CHUNK_BYTES = 64 * 1024
#: Error bodies (3xx/4xx/5xx) up to this size are read and dropped to keep the connection alive;
#: larger ones cost a new connection instead.
DISCARD_MAX_BYTES = 64 * 1024
#: ``wbits`` per Content-Encoding; "deflate" is zlib-wrapped by the RFC, raw in practice, so a
#: raw-deflate retry happens on the first error.
WBITS: dict[str, int] = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS,
                         "deflate": zlib.MAX_WBITS}
IDENTITY = frozenset({"", "identity", "none"})

Accept = Literal["html", "xml", "any"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_TYPES = frozenset({"application/xml", "text/xml", "application/rss+xml",
                       "application/atom+xml", "application/rdf+xml"})
#: Sitemaps also come as plain-text URL lists and gzip files (``.xml.gz``).
SITEMAP_EXTRA_TYPES = frozenset({"text/plain", "application/x-gzip", "application/gzip"})
#: Served for ``.xml.gz`` by many servers; accepted for sitemaps only when the path says ``.gz``.
OPAQUE_TYPES = frozenset({"application/octet-stream", "binary/octet-stream"})
#: Content types whose body is binary even when accepted (never decoded to text).
BINARY_TYPES = frozenset({"application/x-gzip", "application/gzip", *OPAQUE_TYPES})

ACCEPT_HEADERS: dict[str, str] = {
    "html": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.1",
    "xml": "application/xml,text/xml,application/rss+xml,application/atom+xml,*/*;q=0.1",
    "any": "*/*",
}


#: What urllib3/requests say deep inside their messages, and what a user should read instead.
_REASONS = (
    (re.compile(r"Name or service not known|nodename nor servname|getaddrinfo failed|"
                r"Temporary failure in name resolution|No address associated", re.I),
     "host not found"),
    (re.compile(r"Connection refused", re.I), "connection refused"),
    (re.compile(r"Connection reset", re.I), "connection reset by the server"),
    (re.compile(r"Network is unreachable|No route to host", re.I), "network unreachable"),
    (re.compile(r"CERTIFICATE_VERIFY_FAILED|certificate verify failed", re.I),
     "TLS certificate not valid"),
    (re.compile(r"SSL|TLS", re.I), "TLS handshake failed"),
    (re.compile(r"Read timed out", re.I), "read timeout"),
    (re.compile(r"Connect(ion)? timed out|ConnectTimeout", re.I), "connect timeout"),
    (re.compile(r"RemoteDisconnected|closed connection without response", re.I),
     "the server closed the connection"),
)


def short_reason(error: BaseException) -> str:
    """A short human reason for a low-level network error (the library texts are a paragraph)."""
    text = str(error)
    for pattern, reason in _REASONS:
        if pattern.search(text):
            return reason
    return text.splitlines()[0][:200] if text else type(error).__name__


def media_type(content_type: str) -> str:
    """The lower-cased media type of a Content-Type header, without parameters."""
    return content_type.split(";", 1)[0].strip().lower()


def acceptable(media: str, accept: Accept, url: str) -> bool:
    """Whether a body of this media type is worth downloading for this kind of request.

    A missing Content-Type is accepted: old servers omit it, and the size cap still holds.
    """
    if accept == "any" or not media:
        return True
    feedish = media in HTML_TYPES or media in XML_TYPES or media.endswith("+xml")
    if accept == "html":
        return feedish
    if media in OPAQUE_TYPES:
        return urlsplit(url).path.lower().endswith(".gz")
    return feedish or media in SITEMAP_EXTRA_TYPES


class _Inflater:
    """Incremental, capped decompression of one content coding."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._raw_fallback = coding == "deflate"
        self._zlib = zlib.decompressobj(WBITS[coding])
        self._seen_input = False

    def feed(self, data: bytes, limit: int) -> tuple[bytes, bool]:
        """Inflate ``data`` into at most ``limit`` bytes; the flag is True if more was pending."""
        try:
            out = self._zlib.decompress(data, limit)
        except zlib.error:
            if not (self._raw_fallback and not self._seen_input):
                raise
            self._raw_fallback = False
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._zlib.decompress(data, limit)
        self._seen_input = True
        return out, bool(self._zlib.unconsumed_tail) or len(out) >= limit

    def finish(self, limit: int) -> bytes:
        return self._zlib.flush(limit) if limit > 0 else b""


class BodyReader:
    """Reads one streamed urllib3 response body under a size cap and a deadline.

    ``wire_bytes`` counts what came off the socket, whether or not the read succeeded.
    With ``truncate=True`` (robots.txt, where RFC 9309 says to parse the first 500 KiB) the
    body is cut at the cap instead of raising TooLarge.
    """

    def __init__(self, response: urllib3.BaseHTTPResponse, url: str, *, max_bytes: int,
                 deadline: float, truncate: bool = False) -> None:
        self.response = response
        self.url = url
        self.max_bytes = max_bytes
        self.deadline = deadline
        self.truncate = truncate
        self.wire_bytes = 0

    def read(self) -> bytes:
        """The whole (decoded) body; the connection is reused after success, closed on error."""
        try:
            body = self._read()
        except BaseException:
            close(self.response)
            raise
        self.response.release_conn()
        return body

    def _too_large(self, what: str) -> TooLarge:
        return TooLarge(self.url, f"{what} larger than {self.max_bytes} bytes",
                        status=self.response.status)

    def _read(self) -> bytes:
        headers = self.response.headers
        coding = headers.get("content-encoding", "").strip().lower()
        if coding not in IDENTITY and coding not in WBITS:
            raise UnsupportedContent(self.url, f"unsupported Content-Encoding {coding!r}",
                                     content_type=headers.get("content-type", ""))
        declared = headers.get("content-length", "").strip()
        if not self.truncate and declared.isdigit() and int(declared) > self.max_bytes:
            raise self._too_large(f"declared Content-Length {declared}")
        inflater = _Inflater(coding) if coding in WBITS else None
        out = bytearray()
        raw = self.response
        while True:
            if time.monotonic() > self.deadline:
                raise Timeout(self.url, "body not complete within the total timeout")
            try:
                chunk = raw.read1(CHUNK_BYTES, decode_content=False)
            except urllib3.exceptions.ReadTimeoutError:
                raise Timeout(self.url, "read timed out in the body") from None
            except (urllib3.exceptions.HTTPError, OSError) as error:
                raise NetworkError(self.url, f"body broken off: {error}") from None
            if not chunk:
                break
            self.wire_bytes += len(chunk)
            room = self.max_bytes - len(out)
            if inflater is None:
                out += chunk[: max(room, 0)]
                overflow = len(chunk) > room
            else:
                try:
                    data, overflow = inflater.feed(chunk, room + 1)
                except zlib.error as error:
                    raise NetworkError(self.url, f"corrupt {coding} body: {error}") from None
                out += data[: max(room, 0)]
            if overflow or len(out) > self.max_bytes:
                if self.truncate:
                    close(self.response)
                    return bytes(out)
                raise self._too_large("body (after decompression)")
        if inflater is not None:
            tail = inflater.finish(self.max_bytes - len(out) + 1)
            if len(out) + len(tail) > self.max_bytes and not self.truncate:
                raise self._too_large("body (after decompression)")
            out += tail[: self.max_bytes - len(out)]
        return bytes(out)


def close(response: urllib3.BaseHTTPResponse) -> None:
    """Drop the response's connection (its body is unwanted or broken) and free its slot."""
    response.close()
    response.release_conn()


def discard_body(response: urllib3.BaseHTTPResponse) -> None:
    """Drop a body we do not want; read a small one to keep the connection, else close."""
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) <= DISCARD_MAX_BYTES:
        try:
            remaining = int(declared)
            while remaining > 0:
                chunk = response.read1(remaining, decode_content=False)
                if not chunk:
                    break
                remaining -= len(chunk)
        except (urllib3.exceptions.HTTPError, OSError):
            close(response)
            return
        if remaining == 0:
            response.release_conn()
            return
    close(response)


@dataclass(frozen=True)
class Answer:
    """One HTTP exchange, read (or deliberately not read); header names lower-cased."""

    status: int
    headers: dict[str, str]
    body: bytes = b""


def read_answer(response: urllib3.BaseHTTPResponse, url: str, accept: Accept, *,
                max_bytes: int, truncate: bool, deadline: float,
                wire_bytes: list[int]) -> Answer:
    """Read a 2xx page's body under the caps; drop any other body (keeping the connection when
    cheap). What came off the wire is appended to ``wire_bytes``, even when reading fails.

    Raises:
        UnsupportedContent, TooLarge, Timeout, NetworkError: see :class:`BodyReader`.
    """
    status = response.status
    headers = {k.lower(): v for k, v in response.headers.items()}
    if not 200 <= status < 300:
        discard_body(response)
        return Answer(status, headers)
    media = media_type(headers.get("content-type", ""))
    if not acceptable(media, accept, url):
        close(response)
        raise UnsupportedContent(url, f"not a page: {media}", content_type=media, status=status)
    reader = BodyReader(response, url, max_bytes=max_bytes, truncate=truncate, deadline=deadline)
    try:
        return Answer(status, headers, reader.read())
    finally:
        wire_bytes.append(reader.wire_bytes)


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None.

    Args:
        value: the header value, if any.
        now: the current wall-clock time (``time.time()``), for the HTTP-date form.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


def gunzip_capped(data: bytes, max_bytes: int, *, url: str = "") -> bytes:
    """Inflate a gzip file (a ``.xml.gz`` sitemap) without ever holding more than the cap.

    Raises:
        TooLarge: the inflated data passes ``max_bytes``.
        NetworkError: the data is not valid gzip.
    """
    inflater = _Inflater("gzip")
    try:
        out, overflow = inflater.feed(data, max_bytes + 1)
        out += inflater.finish(max_bytes - len(out) + 1)
    except zlib.error as error:
        raise NetworkError(url, f"corrupt gzip data: {error}") from None
    if overflow or len(out) > max_bytes:
        raise TooLarge(url, f"inflated data larger than {max_bytes} bytes")
    return out
