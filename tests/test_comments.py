"""Comment extraction over our own realistic fixture pages (tests/fixtures/comments/)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from scraper.models import Comment
from scraper.parse.comments import CommentsFound, extract_comments

FIXTURES = Path(__file__).parent / "fixtures" / "comments"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def _load(name: str) -> tuple[CommentsFound, dict[str, Any], BeautifulSoup]:
    soup = BeautifulSoup((FIXTURES / f"{name}.html").read_text(encoding="utf-8"), "lxml")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    found = extract_comments(soup, f"https://blog.example/{name}/", platform="generic")
    return found, expected, soup


def _check(got: Comment, want: dict[str, Any]) -> None:
    assert got.author == want["author"]
    assert got.parent == want["parent"]
    assert got.likely_spam == want["likely_spam"]
    if "author_url" in want:
        assert got.author_url == want["author_url"]
    if "external_id" in want:
        assert got.external_id == want["external_id"]
    if want.get("published"):
        assert got.published == datetime.fromisoformat(want["published"])
    if want.get("text"):
        assert got.text == want["text"]


@pytest.mark.parametrize("name", PAGES)
def test_fixture_page_comments_match_expected(name: str) -> None:
    found, expected, _ = _load(name)
    assert found.system == expected["system"]
    assert len(found.comments) == len(expected["comments"])
    for got, want in zip(found.comments, expected["comments"], strict=True):
        _check(got, want)


def test_pingbacks_are_not_comments() -> None:
    found, _, _ = _load("wordpress_threaded")
    assert all("Pingback" not in c.text for c in found.comments)


def test_sidebar_recent_comments_widget_is_not_a_comment() -> None:
    found, _, _ = _load("wordpress_threaded")
    assert all(" on Growing basil" not in c.text for c in found.comments)


def test_regions_cover_the_comment_list_and_the_form() -> None:
    found, _, soup = _load("wordpress_threaded")
    form = soup.select_one("#commentform")
    assert form is not None
    assert any(region is form or region in form.parents for region in found.regions)


def test_spam_reason_names_its_signals() -> None:
    found, _, _ = _load("wordpress_threaded")
    spam = [c for c in found.comments if c.likely_spam]
    assert spam and spam[0].spam_reason is not None and "links" in spam[0].spam_reason


def test_comment_html_is_sanitised() -> None:
    soup = BeautifulSoup(
        '<ol class="comment-list"><li class="comment" id="comment-1"><div class="comment-author">'
        '<b class="fn">Eve</b></div><div class="comment-content"><p onclick="x()">Hi'
        "<script>alert(1)</script></p></div></li></ol>",
        "lxml",
    )
    found = extract_comments(soup, "https://blog.example/p/", platform="wordpress")
    assert found.comments[0].text == "Hi"
    assert "script" not in found.comments[0].html and "onclick" not in found.comments[0].html


def test_script_loaded_system_is_named_with_no_comments() -> None:
    soup = BeautifulSoup(
        '<article><p>Post</p></article><div id="disqus_thread"></div>'
        '<script src="https://example.disqus.com/embed.js"></script>',
        "lxml",
    )
    found = extract_comments(soup, "https://blog.example/p/", platform="generic")
    assert (found.system, found.comments) == ("disqus", [])


def test_page_without_comments_gives_none() -> None:
    soup = BeautifulSoup("<article><h1>T</h1><p>Only a post.</p></article>", "lxml")
    found = extract_comments(soup, "https://blog.example/p/", platform="generic")
    assert (found.system, found.comments, found.regions) == ("none", [], [])


def test_static_disqus_in_wordpress_list_markup_is_disqus_with_clean_names() -> None:
    soup = BeautifulSoup(
        '<div id="disqus_thread"><ul id="dsq-comments"><li class="comment depth-1" '
        'id="dsq-comment-33258"><div class="dsq-comment-header"><cite id="dsq-cite-33258">'
        'http://twitter.com/bt <span id="dsq-author-user-33258">Bruce T</span></cite></div>'
        '<div class="dsq-comment-body"><div class="dsq-comment-message"><p>Whoa.</p></div>'
        "</div></li></ul></div>",
        "lxml",
    )
    found = extract_comments(soup, "https://blog.example/p/", platform="wordpress")
    assert found.system == "disqus"
    assert [(c.author, c.text) for c in found.comments] == [("Bruce T", "Whoa.")]
