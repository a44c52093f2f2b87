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


FEEDS = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Posts</title>'
    "<item><title>A post</title><description>Words of the post.</description></item>"
    "</channel></rss>",
    '\ufeff<?xml version="1.0"?><?xml-stylesheet href="feed.xsl"?><!-- made by hand -->'
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>Posts</title><entry><title>A post'
    "</title></entry></feed>",
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel>'
    "<title>Posts</title></channel></rdf:RDF>",
]


def test_feed_document_is_never_a_post() -> None:
    for feed in FEEDS:
        page = parse_page(feed + PARA, "")
        assert page.kind == "other" and page.post is None


def test_page_mentioning_a_feed_element_is_still_read() -> None:
    html = f"<title>The Story</title><h1>The Story</h1><p>&lt;rss&gt; and &lt;feed&gt;</p>{PARA}"
    assert parse_page(html, "").kind == "post"


def test_declared_website_titled_only_by_its_name_with_teasers_is_a_listing() -> None:
    teasers = "".join(
        f"<h3><a href='/news/story-{i}'>Story number {i} of the day</a></h3>" for i in range(6)
    )
    html = (
        '<meta property="og:type" content="website"><meta property="og:title" content="Portal UK">'
        f"<title>Portal UK</title><div class=top>{teasers}</div><div>{PARA}</div>"
    )
    page = parse_page(html, "")
    assert page.kind == "listing" and page.post is None


def test_declared_website_titled_by_a_post_title_and_site_name_stays_a_post() -> None:
    teasers = "".join(
        f"<h3><a href='/news/story-{i}'>Story number {i} of the day</a></h3>" for i in range(6)
    )
    title = "Holiday Dresses for Girls | Portal"
    html = (
        f'<meta property="og:type" content="website"><meta property="og:title" content="{title}">'
        f"<title>{title}</title><h1>Joy to the Girls</h1><div class=entry>{PARA * 4}</div>"
        f"<aside>{teasers}</aside>"
    )
    page = parse_page(html, "")
    assert page.kind == "post"


def test_feed_sniffing_reads_past_comments_but_never_across_one() -> None:
    ie = "".join(f"<!--[if IE {i}]><html class=ie{i}><![endif]-->" for i in range(6, 10))
    html = f"<!DOCTYPE html>{ie}<html><title>The Story</title><h1>The Story</h1>{PARA * 3}"
    assert parse_page(html, "http://example.org/the-story").kind == "post"
    feed = '<?xml version="1.0"?><!-- generator --><rss version="2.0"><channel></channel></rss>'
    assert parse_page(feed, "http://example.org/feed.xml").kind == "other"
