"""The demo old-site-builder blog parses through the GENERIC path (no platform adapter)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from scraper.demo import POSTS, DemoPost, render
from scraper.parse import parse_page, parse_post
from scraper.parse.template import learn_profile

BASE = "http://demo.example"


def _page(path: str) -> bytes:
    parts = urlsplit(path)
    _status, _type, body = render(parts.path, parse_qs(parts.query, keep_blank_values=True))
    return body


@pytest.mark.parametrize("post", POSTS, ids=lambda p: f"sid{p.sid}")
def test_demo_post_fields_come_out_right(post: DemoPost) -> None:
    parsed = parse_post(_page(post.path), BASE + post.path)
    assert parsed is not None
    assert parsed.platform == "generic"
    assert parsed.title == post.title
    assert parsed.published is not None
    assert parsed.published.date() == post.published
    assert parsed.author == post.author
    assert post.body[0][:60] in parsed.body_text


def test_demo_post_body_leaves_out_the_sidebar_and_comments() -> None:
    post = next(p for p in POSTS if p.comments)
    parsed = parse_post(_page(post.path), BASE + post.path)
    assert parsed is not None
    assert "Recent Blog Post" not in parsed.body_text
    assert post.comments[0].text[:40] not in parsed.body_text


@pytest.mark.parametrize("path", ["/blog/", "/blog/?page=2"])
def test_demo_index_pages_are_listings(path: str) -> None:
    parsed = parse_page(_page(path), BASE + path)
    assert parsed.kind == "listing"
    assert parsed.post is None


def test_demo_listing_links_to_the_next_page() -> None:
    parsed = parse_page(_page("/blog/"), BASE + "/blog/")
    assert parsed.next_page is not None
    assert "page=2" in parsed.next_page


def test_demo_site_template_marks_the_sidebar_as_boilerplate() -> None:
    pages = [(_page(p.path), BASE + p.path) for p in POSTS[:5]]
    profile = learn_profile(pages)
    assert profile.boilerplate
    assert profile.date_order is not None
