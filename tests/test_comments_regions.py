"""Comment furniture (heading, empty list, form) is handed back as regions even when a post has
no comment yet, so the first comment to arrive never changes the post's body."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from bs4.element import Tag

from scraper import parse_post
from scraper.demo import POSTS, DemoPost, render
from scraper.parse.comments import CommentsFound, extract_comments
from scraper.parse.comments.regions import COMMENT_HEADING

FIXTURES = Path(__file__).parent / "fixtures" / "comments"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))
FORM_LABEL = "Email (not published)"


def _demo_html(post: DemoPost) -> str:
    _, _, body = render("/blog/post/", {"sid": [str(post.sid)]})
    return body if isinstance(body, str) else body.decode("utf-8")


def _covered(tag: Tag, found: CommentsFound) -> bool:
    return any(region is tag or region in tag.parents for region in found.regions)


def _furniture(soup: BeautifulSoup) -> list[Tag]:
    """Comment forms (outside sidebars) and the elements of comment headings."""
    forms = [f for f in soup.find_all("form") if f.find("textarea") and not f.find_parent("aside")]
    headings = [
        s.parent
        for s in soup.find_all(string=COMMENT_HEADING)
        if isinstance(s.parent, Tag) and s.parent.name not in ("title", "a")
    ]
    return [*forms, *headings]


@pytest.mark.parametrize("post", POSTS, ids=lambda p: f"sid{p.sid}")
def test_demo_post_body_has_no_comment_form(post: DemoPost) -> None:
    parsed = parse_post(_demo_html(post), f"http://demo/blog/post/?sid={post.sid}")
    assert parsed is not None
    assert FORM_LABEL not in parsed.body_text


@pytest.mark.parametrize("post", POSTS, ids=lambda p: f"sid{p.sid}")
def test_demo_post_body_has_no_comments_heading(post: DemoPost) -> None:
    parsed = parse_post(_demo_html(post), f"http://demo/blog/post/?sid={post.sid}")
    assert parsed is not None
    assert "Comments" not in [line.strip() for line in parsed.body_text.splitlines()]


@pytest.mark.parametrize("post", POSTS, ids=lambda p: f"sid{p.sid}")
def test_demo_regions_cover_heading_list_and_form(post: DemoPost) -> None:
    soup = BeautifulSoup(_demo_html(post), "lxml")
    found = extract_comments(soup, "http://demo/", platform="generic")
    assert all(_covered(tag, found) for tag in _furniture(soup))
    lists = soup.select(".blog-comments-list")
    assert lists and all(_covered(tag, found) for tag in lists)


@pytest.mark.parametrize("name", PAGES)
def test_fixture_regions_cover_comment_headings_and_forms(name: str) -> None:
    soup = BeautifulSoup((FIXTURES / f"{name}.html").read_text(encoding="utf-8"), "lxml")
    found = extract_comments(soup, f"https://blog.example/{name}/", platform="generic")
    assert all(_covered(tag, found) for tag in _furniture(soup))


def test_wordpress_reply_area_is_a_region_with_no_comments() -> None:
    soup = BeautifulSoup((FIXTURES / "wordpress_no_comments.html").read_text(), "lxml")
    found = extract_comments(soup, "https://blog.example/p/", platform="wordpress")
    respond = soup.select_one("#respond")
    assert found.comments == [] and respond is not None and _covered(respond, found)


def test_notice_between_heading_and_form_is_a_region() -> None:
    soup = BeautifulSoup((FIXTURES / "builder_no_comments.html").read_text(), "lxml")
    found = extract_comments(soup, "https://blog.example/p/", platform="generic")
    texts = [r.get_text(" ", strip=True) for r in found.regions]
    assert "Be the first to comment on this entry." in texts


def test_post_text_is_never_a_region() -> None:
    soup = BeautifulSoup((FIXTURES / "builder_no_comments.html").read_text(), "lxml")
    found = extract_comments(soup, "https://blog.example/p/", platform="generic")
    assert all("Glaze sits" not in r.get_text() for r in found.regions)


def test_form_beside_a_short_post_does_not_take_the_post_with_it() -> None:
    soup = BeautifulSoup(
        "<body><div class='post'><h2>Short</h2><div class='entry'><p>Only a few words of a "
        "post, shorter than a form.</p></div><div class='leave'><form action='/c'>"
        "<input name='author'><input name='email'><textarea name='comment'></textarea>"
        "</form></div></div></body>",
        "lxml",
    )
    found = extract_comments(soup, "https://blog.example/p/", platform="generic")
    assert found.regions and all("Only a few" not in r.get_text() for r in found.regions)


def test_sidebar_contact_form_is_not_a_region() -> None:
    soup = BeautifulSoup((FIXTURES / "wordpress_no_comments.html").read_text(), "lxml")
    found = extract_comments(soup, "https://blog.example/p/", platform="generic")
    aside = soup.select_one("aside")
    assert aside is not None and not any(aside in r.parents for r in found.regions)


def test_script_system_mount_point_is_a_region() -> None:
    soup = BeautifulSoup(
        '<article><h1>T</h1><p>Post text.</p></article><div id="disqus_thread"><noscript>'
        "Please enable JavaScript to view the comments.</noscript></div>",
        "lxml",
    )
    found = extract_comments(soup, "https://blog.example/p/", platform="generic")
    assert found.system == "disqus"
    assert [r.get("id") for r in found.regions] == ["disqus_thread"]
