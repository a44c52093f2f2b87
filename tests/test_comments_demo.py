"""The demo blog (an unknown site builder) through the generic finder: names, stamps, text,
threaded replies and spam flags must all come out, with no demo-specific rule."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from scraper.demo import POSTS, DemoComment, DemoPost, render
from scraper.demo.pages import comment_page_count
from scraper.parse.comments import extract_comments

WITH_COMMENTS = [p for p in POSTS if p.comments]


def _expected_parents(post: DemoPost) -> list[int | None]:
    parents: list[int | None] = []

    def visit(comments: tuple[object, ...], parent: int | None) -> None:
        for comment in comments:
            parents.append(parent)
            visit(comment.replies, len(parents) - 1)  # type: ignore[attr-defined]

    visit(post.comments, None)
    return parents


def _found(post: DemoPost) -> list[tuple[object, ...]]:
    """The comments of every comment page of the post, oldest page first (a thread never spans
    two pages, so a page's parents only move by the comments of the pages before it)."""
    out: list[tuple[object, ...]] = []
    for number in range(1, comment_page_count(post) + 1):
        query = {"sid": [str(post.sid)], "cpage": [str(number)]}
        _, _, body = render("/blog/post/", query)
        found = extract_comments(BeautifulSoup(body, "lxml"), "http://demo/", platform="generic")
        offset = len(out)
        out += [
            (c.author, c.published, c.text, None if c.parent is None else c.parent + offset,
             c.likely_spam)
            for c in found.comments
        ]
    return out


@pytest.mark.parametrize("post", WITH_COMMENTS, ids=lambda p: f"sid{p.sid}")
def test_demo_comments_come_out_through_the_generic_finder(post: DemoPost) -> None:
    want = [
        (c.name, c.stamp, " ".join(c.text.split()), parent, c.spam)
        for c, parent in zip(post.all_comments(), _expected_parents(post), strict=True)
    ]
    assert _found(post) == want


def test_demo_sidebar_lists_are_not_comments() -> None:
    post = next(p for p in POSTS if not p.comments)
    assert _found(post) == []


SHORT = DemoComment(name="Sam", text="A new comment arrived.", stamp=datetime(2019, 1, 2, 10, 9))


def _with_short(post: DemoPost) -> list[tuple[object, ...]]:
    edited = dataclasses.replace(post, comments=(*post.comments, SHORT))
    posts = [edited if p.sid == post.sid else p for p in POSTS]
    _, _, body = render("/blog/post/", {"sid": [str(post.sid)]}, posts=posts)
    found = extract_comments(BeautifulSoup(body, "lxml"), "http://demo/", platform="generic")
    return [(c.author, c.text) for c in found.comments]


def test_short_first_comment_under_the_comments_heading_is_kept() -> None:
    post = next(p for p in POSTS if not p.comments)
    assert _with_short(post) == [("Sam", "A new comment arrived.")]


def test_short_comment_among_other_comments_is_kept() -> None:
    post = next(p for p in POSTS if len(p.comments) >= 2)
    assert _with_short(post)[-1] == ("Sam", "A new comment arrived.")


def test_isolated_short_dated_block_is_not_a_comment() -> None:
    html = """<html><body><article><h1>Post</h1><p>Body of the post, long enough.</p></article>
    <div class="comment-note"><div>Sam</div><div>Short note.</div><div>04/22/17 11:58 PM</div>
    </div></body></html>"""
    found = extract_comments(BeautifulSoup(html, "lxml"), "http://demo/", platform="generic")
    assert found.comments == []
