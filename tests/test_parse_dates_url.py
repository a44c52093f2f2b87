"""A URL that carries the post's day dates it more surely than a date met in a sentence near
the headline; a date that agrees with it is still read (it may carry the time)."""

from __future__ import annotations

from scraper.parse import parse_post

PROSE = "<p>" + "Words of the article, with commas, going on and on. " * 5 + "</p>"
PAGE = (
    "<title>Social Security at 75</title><h1>Social Security at 75</h1>"
    "<p>President Roosevelt signed the Social Security Act on {day} in Washington.</p>"
    f"{PROSE}"
)
URL = "http://news.example/2010/POLITICS/08/13/social.security/index.html"


def test_url_day_beats_another_day_written_in_prose() -> None:
    post = parse_post(PAGE.format(day="August 14, 1935"), URL)
    assert post is not None and post.published is not None
    assert post.published.date().isoformat() == "2010-08-13"
    assert post.date_source == "url"


def test_prose_date_on_the_urls_day_is_read_with_its_time() -> None:
    post = parse_post(PAGE.format(day="August 13, 2010 7:08 p.m."), URL)
    assert post is not None and post.published is not None
    assert post.published.isoformat() == "2010-08-13T19:08:00"


def test_prose_date_stands_when_the_url_has_no_day() -> None:
    post = parse_post(PAGE.format(day="August 14, 1935"), "http://news.example/social-security")
    assert post is not None and post.published is not None
    assert post.published.date().isoformat() == "1935-08-14"
