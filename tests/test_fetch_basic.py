"""The Fetcher's ordinary path: a page, its headers, status errors, conditional GET, content."""

from __future__ import annotations

import pytest
from faultserver import FakeClock, FaultServer, conditional, page, status, streamed

from scraper import __version__
from scraper.errors import HTTPStatusError, InvalidURL, UnsupportedContent
from scraper.fetch import DEFAULT_USER_AGENT, Fetcher

pytest_plugins = ["fetch_fixtures"]


def test_fetch_returns_body_text_and_headers(server: FaultServer, fetcher: Fetcher) -> None:
    server.route("/post", page("<html><body>Héllo</body></html>"))
    result = fetcher.fetch(server.url("/post"))
    assert result.status == 200
    assert result.text == "<html><body>Héllo</body></html>"
    assert result.body == "<html><body>Héllo</body></html>".encode()
    assert result.encoding == "utf-8"
    assert result.content_type.startswith("text/html")
    assert result.final_url == result.url == server.url("/post")
    assert result.headers["content-type"].startswith("text/html")


def test_default_user_agent_names_tool_version_and_url(
    server: FaultServer, fetcher: Fetcher
) -> None:
    server.route("/post", page("x"))
    fetcher.fetch(server.url("/post"))
    sent = server.hits("/post")[0].headers["user-agent"]
    assert sent == DEFAULT_USER_AGENT
    assert sent.startswith(f"blog-archiver/{__version__} (+https://")


def test_custom_user_agent_is_sent(server: FaultServer, clock: FakeClock) -> None:
    server.route("/post", page("x"))
    with Fetcher(user_agent="mybot/2.0", delay=0, clock=clock) as fetcher:
        fetcher.fetch(server.url("/post"))
    assert server.hits("/post")[0].headers["user-agent"] == "mybot/2.0"


@pytest.mark.parametrize("code", [404, 410, 403])
def test_final_4xx_raises_status_error_with_status(
    server: FaultServer, fetcher: Fetcher, code: int
) -> None:
    server.route("/gone", status(code))
    with pytest.raises(HTTPStatusError) as caught:
        fetcher.fetch(server.url("/gone"))
    assert caught.value.status == code
    assert caught.value.kind == "http-status"
    assert len(server.hits("/gone")) == 1  # a 4xx is not retried


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "http:///nohost",
                                 "javascript:alert(1)", "http://127.0.0.1:99999/"])
def test_non_http_or_broken_urls_are_invalid(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(InvalidURL):
        fetcher.fetch(url)


def test_conditional_get_sends_validators_and_304_is_not_modified(
    server: FaultServer, fetcher: Fetcher
) -> None:
    etag, stamp = '"v1"', "Wed, 21 Oct 2015 07:28:00 GMT"
    server.route("/post", conditional(b"<p>body</p>", etag=etag, last_modified=stamp))
    first = fetcher.fetch(server.url("/post"))
    assert (first.status, first.etag, first.last_modified) == (200, etag, stamp)
    again = fetcher.fetch(server.url("/post"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.status == 304 and again.body == b""
    seen = server.hits("/post")[1].headers
    assert seen["if-none-match"] == etag
    assert seen["if-modified-since"] == stamp
    assert "if-none-match" not in server.hits("/post")[0].headers


def test_pdf_is_unsupported_and_its_body_is_not_read(
    server: FaultServer, fetcher: Fetcher
) -> None:
    total = 30 * 1024 * 1024
    server.route("/paper.pdf", streamed(total, "application/pdf"))
    with pytest.raises(UnsupportedContent) as caught:
        fetcher.fetch(server.url("/paper.pdf"))
    assert caught.value.content_type == "application/pdf"
    assert fetcher.stats.bytes_received == 0
    assert server.sent("/paper.pdf") < total  # the connection was closed under the server


@pytest.mark.parametrize("content_type", ["application/rss+xml", "application/atom+xml",
                                          "application/xhtml+xml", "text/xml"])
def test_html_accept_also_takes_feeds_and_xhtml(
    server: FaultServer, fetcher: Fetcher, content_type: str
) -> None:
    server.route("/feed", page("<rss/>", content_type))
    assert fetcher.fetch(server.url("/feed")).text == "<rss/>"


def test_xml_accept_takes_gzip_sitemap_as_raw_bytes(server: FaultServer, fetcher: Fetcher) -> None:
    server.route("/sitemap.xml.gz", page(b"\x1f\x8b\x08rawgzip", "application/octet-stream"))
    result = fetcher.fetch(server.url("/sitemap.xml.gz"), accept="xml")
    assert result.body == b"\x1f\x8b\x08rawgzip"
    assert result.text is None


def test_html_accept_refuses_image(server: FaultServer, fetcher: Fetcher) -> None:
    server.route("/pic.png", page(b"\x89PNG", "image/png"))
    with pytest.raises(UnsupportedContent):
        fetcher.fetch(server.url("/pic.png"))


def test_stats_count_requests_statuses_and_bytes(server: FaultServer, fetcher: Fetcher) -> None:
    server.route("/a", page("12345"))
    fetcher.fetch(server.url("/a"))
    with pytest.raises(HTTPStatusError):
        fetcher.fetch(server.url("/missing"))
    stats = fetcher.stats
    assert stats.requests == len(server.requests) == 3  # robots.txt, /a, /missing
    assert stats.by_status == {404: 2, 200: 1}
    assert stats.bytes_received == 5
    assert stats.errors == {"http-status": 1}
