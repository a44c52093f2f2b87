"""Merging a post's comment pages (``scraper.comment_pages``): page order by number, not by load
order; each comment once; parents remapped across pages; a page that cannot be loaded or the
page limit makes the result incomplete, never silently complete."""

from __future__ import annotations

from dataclasses import replace

from scraper.comment_pages import Missing, gather, merge
from scraper.models import Comment, ParsedPage, Post

BASE = "https://quietrooms.example/2019/03/04/on-sleep/"


def _c(author: str, cid: int | None = None, parent: int | None = None) -> Comment:
    return Comment(author=author, published=None, text=f"{author} wrote this.", parent=parent,
                   external_id=f"comment-{cid}" if cid is not None else None)


def _page(url: str, comments: list[Comment], pages: list[str], current: int | None = None
          ) -> ParsedPage:
    post = Post(url=url, title="On sleep", comments=comments)
    return ParsedPage(url=url, kind="post", post=post, comment_pages=pages, comment_page=current)


def _cp(n: int) -> str:
    return f"{BASE}comment-page-{n}/"


def test_pages_are_merged_by_number_not_by_load_order() -> None:
    first = _page(BASE, [_c("Fay", 6), _c("Gus", 7, parent=0)], [_cp(2)])  # the newest: page 3
    site = {
        _cp(2): _page(BASE, [_c("Cid", 3), _c("Dee", 4, parent=0)], [_cp(1)]),
        _cp(1): _page(BASE, [_c("Ann", 1), _c("Bob", 2, parent=0)], [_cp(2)]),
    }
    gathered = gather(first, site.__getitem__)
    assert gathered is not None and gathered.complete
    assert gathered.loaded == (_cp(2), _cp(1))
    comments = gathered.post.comments
    assert [c.author for c in comments] == ["Ann", "Bob", "Cid", "Dee", "Fay", "Gus"]
    assert [c.parent for c in comments] == [None, 0, None, 2, None, 4]


def test_a_comment_shown_on_two_pages_is_kept_once_and_its_reply_keeps_it_as_parent() -> None:
    one = _page(BASE, [_c("Ann", 1), _c("Cid", 3)], [_cp(2)], current=1)
    two = _page(BASE, [_c("Cid", 3), _c("Dee", 4, parent=0)], [])
    post = merge(one, [(_cp(2), two)])
    assert [(c.author, c.parent) for c in post.comments] == [
        ("Ann", None), ("Cid", None), ("Dee", 1)
    ]


def test_comments_without_ids_are_matched_by_author_date_and_text() -> None:
    one = _page(BASE, [_c("Ann"), _c("Bob")], [_cp(2)], current=1)
    two = _page(BASE, [_c("Bob"), _c("Cid", parent=0)], [])
    post = merge(one, [(_cp(2), two)])
    assert [(c.author, c.parent) for c in post.comments] == [
        ("Ann", None), ("Bob", None), ("Cid", 1)
    ]


def test_a_double_post_on_one_page_stays_two_comments() -> None:
    one = _page(BASE, [_c("Ann"), _c("Ann")], [_cp(2)], current=1)
    two = _page(BASE, [_c("Ann"), _c("Bob", parent=0)], [])
    post = merge(one, [(_cp(2), two)])
    assert [(c.author, c.parent) for c in post.comments] == [
        ("Ann", None), ("Ann", None), ("Bob", 0)
    ]


def test_a_page_that_cannot_be_loaded_makes_the_merge_incomplete() -> None:
    first = _page(BASE, [_c("Ann", 1)], [_cp(2), _cp(3)], current=1)
    site: dict[str, ParsedPage | Missing] = {
        _cp(2): _page(BASE, [_c("Bob", 2)], []),
        _cp(3): Missing(_cp(3), "http-status", "HTTP 500"),
    }
    gathered = gather(first, site.__getitem__)
    assert gathered is not None and not gathered.complete
    assert [c.author for c in gathered.post.comments] == ["Ann", "Bob"]
    assert [m.url for m in gathered.missing] == [_cp(3)]


def test_a_page_without_a_post_is_missing_not_empty() -> None:
    first = _page(BASE, [_c("Ann", 1)], [_cp(2)], current=1)
    empty = replace(_page(BASE, [], []), post=None, kind="other")
    gathered = gather(first, {_cp(2): empty}.__getitem__)
    assert gathered is not None and not gathered.complete


def test_the_pager_is_followed_page_by_page_up_to_the_limit() -> None:
    pages = {_cp(n): _page(BASE, [_c(f"P{n}", n)], [_cp(n + 1)]) for n in range(2, 100)}
    first = _page(BASE, [_c("P1", 1)], [_cp(2)], current=1)
    gathered = gather(first, pages.__getitem__, limit=5)
    assert gathered is not None and gathered.truncated and not gathered.complete
    assert [c.author for c in gathered.post.comments] == ["P1", "P2", "P3", "P4", "P5", "P6"]


def test_a_page_without_comment_pages_is_left_alone() -> None:
    assert gather(_page(BASE, [_c("Ann", 1)], []), lambda url: Missing(url, "x")) is None
