"""Visible dates and bylines: the publication dateline, not a revision note or a date in prose."""

from __future__ import annotations

from scraper.parse import parse_post

URL = "http://example.org/blog/a-post"
PROSE = "<p>" + "Words of the article, with commas, going on and on. " * 5 + "</p>"


def test_updated_note_is_not_the_publication_date() -> None:
    html = (
        "<title>A Post</title><span class=meta>30 septembre 2018</span><h2>A Post</h2>"
        f"<div class=texte><p><i>Article mis à jour le 7 janvier 2020.</i></p>{PROSE}</div>"
    )
    post = parse_post(html, URL)
    assert post is not None and post.published is not None
    assert post.published.date().isoformat() == "2018-09-30"


def test_dateline_beats_a_date_inside_prose() -> None:
    html = (
        "<title>A Post</title><h1>A Post</h1>"
        "<div><p>On 4 December 2019, something happened, and then more of the story.</p>"
        f"{PROSE}</div><div class=info>12 March 2020</div>"
    )
    post = parse_post(html, URL)
    assert post is not None and post.published is not None
    assert post.published.date().isoformat() == "2020-03-12"


def test_json_ld_wrapped_in_bare_cdata_is_read() -> None:
    html = (
        '<title>A Post</title><h1>A Post</h1><script type="application/ld+json"><![CDATA[\n'
        '{"@type":"Article","headline":"A Post","author":[{"@type":"Person","name":"Ann Lee"}]}'
        f"\n]]></script>{PROSE}"
    )
    post = parse_post(html, URL)
    assert post is not None and post.author == "Ann Lee"


def _thread(own_item: str) -> str:
    return (
        "<title>A Post</title><h1>A Post</h1><p class=date>March 4, 2019</p>"
        f"<div class=entry-content>{PROSE}</div><ol class=comment-list>"
        '<li id=comment-1 class="comment depth-1"><div class=comment-author>'
        "<cite class=fn>Reader Rita</cite> says:</div><div class=comment-content>"
        "<p>Thanks for this thoughtful article about the topic.</p></div></li>"
        f"{own_item}</ol>"
    )


def test_post_author_read_from_their_own_wordpress_reply_when_no_byline() -> None:
    own = (
        '<li id=comment-2 class="comment bypostauthor depth-1"><div class=comment-author>'
        "<cite class=fn>Anna Writer</cite> says:</div><div class=comment-content>"
        "<p>Glad it helped you, Rita, thank you.</p></div></li>"
    )
    post = parse_post(_thread(own), URL)
    assert post is not None and post.author == "Anna Writer"


def test_no_author_invented_from_readers_comments() -> None:
    post = parse_post(_thread(""), URL)
    assert post is not None and post.author is None


def test_blogger_author_icon_marks_the_post_authors_comment() -> None:
    html = (
        "<title>A Post</title><h3 class=post-title>A Post</h3>"
        f"<div class=post-body>{PROSE}</div><div class=comments><div class=comment-header>"
        "<cite class=user>Reader Rita</cite></div><p>Nice one.</p><div class=comment-header>"
        "<cite class=user><a href='/profile/1'>Kelly Home</a></cite>"
        "<span class='icon user blog-author'></span></div><p>Thank you!</p></div>"
    )
    post = parse_post(html, URL)
    assert post is not None and post.author == "Kelly Home"
