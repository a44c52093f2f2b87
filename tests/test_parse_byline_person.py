"""A JSON-LD Person that no article names as its author (a site owner's profile card, or
Yoast's lone Person) is the name as declared, not as the post shows it: a visible byline
beats it; it stands when the page shows none."""

from __future__ import annotations

import pytest

from scraper.parse import parse_post

URL = "http://pam.example/fitness/the-right-diet"
PROSE = "<p>" + "Words of the article, with commas, going on and on. " * 5 + "</p>"
SITE_PERSON = (
    '<script type="application/ld+json">{"@context":"http://schema.org","@type":"Person",'
    '"name":"Pamela Example","additionalName":"Pam","url":"http://pam.example"}</script>'
)


@pytest.mark.parametrize(
    ("html", "author"),
    [
        pytest.param(
            f"<title>A Post</title>{SITE_PERSON}<h2 class=blog-post-title>A Post</h2>"
            "<p class=blog-post-meta><span>15. Dezember 2017</span>&middot; Pam</p>"
            f"<div class=blog-post-text>{PROSE}</div>",
            "Pam",
            id="visible_byline_beats_the_site_owners_lone_person_card",
        ),
        pytest.param(
            f"<title>A Post</title>{SITE_PERSON}<h1>A Post</h1><div>{PROSE}</div>",
            "Pamela Example",
            id="lone_person_card_stands_when_the_page_shows_no_byline",
        ),
        pytest.param(
            f"<title>A Post</title>{SITE_PERSON}<h1>A Post</h1><div>{PROSE}</div>"
            "<div class=related><a class=post href='/other-post'><span class=post__meta>"
            "<span class=date>October 30, 2020</span><span class=author>Kate May</span>"
            "</span><h2 class=post__title>Other Post</h2></a></div>",
            "Pamela Example",
            id="a_teaser_cards_author_does_not_beat_the_lone_person",
        ),
    ],
)
def test_lone_person(html: str, author: str) -> None:
    post = parse_post(html, URL)
    assert post is not None and post.author == author
