"""Tags from the post's own tag links when the page declares none in metadata."""

from __future__ import annotations

from scraper.parse import parse_post

BODY = " ".join(["Staying in therapy through the hard weeks takes a quiet kind of courage."] * 12)


def page(tags_html: str, sidebar: str = "") -> str:
    return f"""<html><head><title>On courage | A practice</title></head><body>
    <div class="wrap"><div class="post"><h1>On courage</h1><p>4.12.2016</p>
    <div class="text"><p>{BODY}</p><p>{BODY}</p></div>{tags_html}</div>
    <div class="sidebar"><h3>Tags</h3>{sidebar}</div></div></body></html>"""


def test_tag_page_links_in_the_post_are_its_tags() -> None:
    html = page(
        '<div>Tags: <a href="/blog/?tag=therapy">therapy</a>, '
        '<a href="/tag/courage/">courage</a></div>'
    )
    post = parse_post(html, "https://practice.example/blog/post/?sid=3")
    assert post is not None
    assert post.tags == ["therapy", "courage"]


def test_rel_tag_links_count() -> None:
    html = page('<p><a rel="tag" href="/stichwort/angst">Angst</a></p>')
    post = parse_post(html, "https://practice.example/p/1")
    assert post is not None and post.tags == ["Angst"]


def test_a_sidebar_tag_cloud_is_not_the_posts_tags() -> None:
    html = page("", sidebar='<a href="/tag/sleep/">sleep</a> <a href="/tag/grief/">grief</a>')
    post = parse_post(html, "https://practice.example/p/1")
    assert post is not None and post.tags == []


def test_a_hashtag_on_a_social_network_is_not_a_tag() -> None:
    html = page('<p><a href="https://social.example/explore/tags/practice">#practice</a></p>')
    post = parse_post(html, "https://practice.example/p/1")
    assert post is not None and post.tags == []
