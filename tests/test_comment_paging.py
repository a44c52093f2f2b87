"""Comment-page links of a post page (``ParsedPage.comment_pages``), on WordPress and Drupal markup
written for these tests: only links in the comments area or its pager, to the same post, with a
comment-page marker; absolute, in page order, without the page itself. A listing's pagination,
a sidebar's link to another post's comments and a reply link are never comment pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scraper.parse import parse_page
from scraper.parse.comments.paging import find_comment_pages
from scraper.parse.index import TreeIndex
from scraper.urls import comment_page_number, is_comment_page_url, post_of_comment_page

FIXTURES = Path(__file__).parent / "fixtures" / "comment-pages"
ON_SLEEP = "https://quietrooms.example/2019/03/04/on-sleep/"
TEENS = "https://familynotes.example/talking-to-teenagers/"

POSTS = [
    pytest.param(
        "twentyfifteen-comment-page-2.html", ON_SLEEP + "comment-page-2/",
        [ON_SLEEP + "comment-page-1/", ON_SLEEP + "comment-page-3/"], 2,
        id="nav.comment-navigation-older-newer",
    ),
    pytest.param(
        "twentytwenty-post-newest.html", TEENS,
        [TEENS + "comment-page-1/", TEENS + "comment-page-2/"], 3,
        id="comments-pagination-newest-page-at-post-url",
    ),
    pytest.param(
        "kubrick-cpage.html", "http://drhale.example/?p=123&cpage=2",
        ["http://drhale.example/?cpage=1&p=123", "http://drhale.example/?cpage=3&p=123"], 2,
        id="classic-navigation-page-numbers-cpage",
    ),
    pytest.param(
        "drupal7-node.html", "https://clinic.example/node/42",
        ["https://clinic.example/node/42?page=1", "https://clinic.example/node/42?page=2"], 1,
        id="drupal-pager-in-comments",
    ),
]
LISTINGS = [
    pytest.param("listing-pagination.html", "https://quietrooms.example/category/sleep/",
                 id="wordpress-category-pagination"),
    pytest.param("drupal7-listing.html", "https://clinic.example/blog", id="drupal-blog-pager"),
]


def _html(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "url", "pages", "current"), POSTS)
def test_a_post_page_lists_its_other_comment_pages_in_order(
    name: str, url: str, pages: list[str], current: int
) -> None:
    page = parse_page(_html(name), url)
    assert page.kind == "post"
    assert page.comment_pages == pages
    assert page.comment_page == current


@pytest.mark.parametrize(("name", "url"), LISTINGS)
def test_listing_pagination_is_not_comment_paging(name: str, url: str) -> None:
    html = _html(name)
    found = find_comment_pages(TreeIndex(BeautifulSoup(html, "lxml")), html, url)
    assert found.pages == []
    assert parse_page(html, url).comment_pages == []


def test_a_post_without_comment_paging_lists_none() -> None:
    html = _html("twentyfifteen-comment-page-2.html").replace("comment-page-", "comment-no-")
    page = parse_page(html, ON_SLEEP)
    assert page.post is not None and page.post.comments
    assert page.comment_pages == []
    assert page.comment_page is None


def test_a_page_pager_outside_the_comments_area_is_not_comment_paging() -> None:
    html = _html("drupal7-node.html").replace('id="comments" class="comment-wrapper"', "")
    assert parse_page(html, "https://clinic.example/node/42").comment_pages == []


@pytest.mark.parametrize(
    ("url", "number"),
    [
        (ON_SLEEP + "comment-page-4/#comments", 4),
        (ON_SLEEP + "comment-page-4", 4),
        ("http://drhale.example/?p=123&cpage=2", 2),
        ("https://clinic.example/node/42?page=1", 2),
        (ON_SLEEP, None),
        ("https://quietrooms.example/category/sleep/page/2/", None),
    ],
)
def test_comment_page_numbers_are_one_based(url: str, number: int | None) -> None:
    assert comment_page_number(url) == number


def test_every_comment_page_names_its_post() -> None:
    named = {
        post_of_comment_page(u)
        for u in (ON_SLEEP, ON_SLEEP + "comment-page-2/", ON_SLEEP + "comment-page-3/#comments")
    }
    assert len(named) == 1
    assert post_of_comment_page("http://drhale.example/?cpage=3&p=123") == post_of_comment_page(
        "http://drhale.example/?p=123"
    )


@pytest.mark.parametrize(
    ("url", "marked"),
    [
        (ON_SLEEP + "comment-page-2/", True),
        ("http://drhale.example/?p=123&cpage=2", True),
        ("https://clinic.example/node/42?page=1", False),  # a listing's page too
        (ON_SLEEP, False),
    ],
)
def test_only_wordpress_markers_make_a_url_a_comment_page_whatever_its_markup(
    url: str, marked: bool
) -> None:
    assert is_comment_page_url(url) is marked
