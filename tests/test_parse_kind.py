"""Post or listing: teaser headings decide only when they ARE the main content."""

from __future__ import annotations

from scraper.parse import parse_page

PARA = "<p>" + "A sentence of real article text, with a comma, that goes on. " * 6 + "</p>"
SIDEBAR = "<aside>" + "".join(
    f"<h3><a href='/other-{i}'>Another story number {i}</a></h3>" for i in range(6)
) + "</aside>"


def test_post_with_teaser_sidebar_and_self_linking_headline_is_a_post() -> None:
    html = (
        "<title>The Story</title><h2><a href='/the-story'>The Story</a></h2>"
        f"<div class=main>{PARA * 4}</div>{SIDEBAR}"
    )
    page = parse_page(html, "")
    assert page.kind == "post"
    assert page.post is not None and page.post.title == "The Story"


def test_run_of_teasers_in_the_main_column_is_a_listing() -> None:
    teasers = "".join(
        f"<div class=teaser><h2><a href='/p{i}'>Post number {i}</a></h2>"
        f"<p>Opening words of post {i}, a short excerpt.</p></div>"
        for i in range(8)
    )
    html = f"<title>My Blog</title><div class=main>{teasers}</div>"
    assert parse_page(html, "http://example.org/blog/").kind == "listing"


def test_site_front_page_is_never_a_post() -> None:
    html = f"<title>Welcome</title><h1>Welcome</h1><div>{PARA * 3}</div>"
    assert parse_page(html, "http://example.org/").post is None


def test_wordpress_post_id_query_is_a_post_but_paged_query_is_a_listing() -> None:
    html = f"<title>The Story</title><h1>The Story</h1><div class=entry>{PARA * 3}</div>"
    assert parse_page(html, "http://example.org/?p=123").kind == "post"
    assert parse_page(html, "http://example.org/?paged=3").kind == "listing"
