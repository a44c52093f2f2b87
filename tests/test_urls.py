"""URL canonicalisation: one page, one string; identity parameters never stripped."""

from __future__ import annotations

import pytest

from scraper.urls import Scope, canonical_url, is_probably_page

CASES = [
    ("HTTP://Example.COM/blog/", "http://example.com/blog/"),
    ("http://example.com:80/a", "http://example.com/a"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("https://example.com:8443/a", "https://example.com:8443/a"),
    ("http://example.com", "http://example.com/"),
    ("http://example.com/a#comments", "http://example.com/a"),
    ("http://example.com/blog/post/?sid=33", "http://example.com/blog/post/?sid=33"),
    ("http://example.com/?p=12&utm_source=x&utm_medium=y", "http://example.com/?p=12"),
    ("http://example.com/?page_id=5&fbclid=abc&gclid=1", "http://example.com/?page_id=5"),
    ("http://example.com/?id=3&PHPSESSID=deadbeef", "http://example.com/?id=3"),
    ("http://example.com/?b=2&a=1", "http://example.com/?a=1&b=2"),
    ("http://example.com/a/./b/../c", "http://example.com/a/c"),
    ("http://example.com/caf%C3%A9", "http://example.com/caf%C3%A9"),
    ("http://example.com/café", "http://example.com/caf%C3%A9"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_canonical_url(raw: str, expected: str) -> None:
    assert canonical_url(raw) == expected


@pytest.mark.parametrize("bad", ["ftp://example.com/", "mailto:a@b.c", "/relative", "http://"])
def test_non_http_urls_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        canonical_url(bad)


def test_scope_ignores_www_and_scheme_but_not_other_hosts() -> None:
    scope = Scope.for_start("https://www.example.com/blog/")
    assert "http://example.com/blog/post/?sid=1" in scope
    assert "https://www.example.com/about/" in scope
    assert "https://other.example.org/blog/" not in scope
    assert "https://example.com.evil.test/" not in scope


def test_scope_prefix_limits_paths() -> None:
    scope = Scope.for_start("https://example.com/blog/", "/blog/")
    assert "https://example.com/blog/x" in scope
    assert "https://example.com/shop/x" not in scope


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/brochure.pdf",
        "http://example.com/img/photo.JPG",
        "http://example.com/wp-admin/",
        "http://example.com/wp-login.php?redirect_to=x",
        "http://example.com/post/?replytocom=12",
        "http://example.com/?s=anxiety",
    ],
)
def test_links_that_are_never_posts_are_not_worth_fetching(url: str) -> None:
    assert not is_probably_page(url)


def test_post_links_are_worth_fetching() -> None:
    assert is_probably_page("http://example.com/blog/post/?sid=33")
    assert is_probably_page("http://example.com/2020/12/free-market-vaccines.html")
