"""Comment stamps that need the page or the site: year-less stamps, microformat stamps, the
site's per-style date order; and pinned comments that belong to another post."""

from __future__ import annotations

from datetime import datetime, timezone

from bs4 import BeautifulSoup

from scraper.models import SiteProfile
from scraper.parse.comments import extract_comments

SUBSTACK = """<html><head><script type="application/ld+json">
{"@type": "NewsArticle", "datePublished": "2024-07-13T07:30:49+00:00"}</script></head><body>
<h1>Seniority</h1><p>Post text.</p><div class="comments-section"><div class="comment-list-items">
<div class="comment"><span class="commenter-name">Ann</span>
<a class="comment-timestamp" href="/p/x/comment/1">Jul 14</a>
<div class="comment-body"><p>Good points on ownership.</p></div></div>
<div class="comment"><span class="commenter-name">Ben</span>
<a class="comment-timestamp" href="/p/x/comment/2">Jan 3</a>
<div class="comment-body"><p>Came back to this one.</p></div></div></div></div></body></html>"""


def _found(html: str, url: str = "https://b.example/p/x", **kwargs: object) -> list[object]:
    soup = BeautifulSoup(html, "lxml")
    found = extract_comments(soup, url, platform="generic", **kwargs)  # type: ignore[arg-type]
    return [(c.author, c.published) for c in found.comments]


def test_yearless_stamps_take_the_year_of_the_declared_post_date() -> None:
    assert _found(SUBSTACK) == [("Ann", datetime(2024, 7, 14)), ("Ben", datetime(2025, 1, 3))]


def test_post_date_from_the_caller_wins_over_the_declared_one() -> None:
    got = _found(SUBSTACK, published=datetime(2023, 8, 1))
    assert got == [("Ann", datetime(2024, 7, 14)), ("Ben", datetime(2024, 1, 3))]


MICROFORMAT = """<html><body><h1>T</h1><ol class="commentlist">
<li class="comment" id="comment-1"><div class="comment-meta"><cite class="fn">Ann</cite>
<abbr class="date" title="2020-01-09T12:06:44Z">Le 9 janvier à 13:06</abbr></div>
<div class="comment-content"><p>Merci.</p></div></li></ol></body></html>"""


def test_microformat_title_inside_the_meta_block_is_the_stamp() -> None:
    assert _found(MICROFORMAT) == [("Ann", datetime(2020, 1, 9, 12, 6, 44, tzinfo=timezone.utc))]


SLASHED = """<html><body><h1>T</h1><ol class="commentlist">
<li class="comment" id="comment-1"><cite class="fn">Ann</cite>
<span class="comment-date">04/05/17 10:09 PM</span>
<div class="comment-content"><p>First.</p></div></li></ol></body></html>"""


def test_site_order_for_the_stamp_style_reads_an_ambiguous_stamp() -> None:
    site = SiteProfile(date_order="MDY", date_orders={"/12h": "DMY"})
    assert _found(SLASHED, site=site) == [("Ann", datetime(2017, 5, 4, 22, 9))]


PINNED = """<html><body><h1>Post</h1><ol class="comment-list">
<li class="comment featured"><cite class="fn">Owner</cite><time>June 21, 2018</time>
<a href="https://b.example/2009/06/old-post/#comment-40642">#</a>
<div class="comment-content"><p>Join my course!</p></div></li>
<li class="comment" id="comment-1"><cite class="fn">Ann</cite><time>Nov 1, 2016</time>
<a href="https://b.example/p/x/#comment-1">#</a>
<div class="comment-content"><p>Thanks.</p></div></li>
<li class="comment" id="comment-2"><cite class="fn">Ben</cite><time>Nov 2, 2016</time>
<a href="https://b.example/p/x/#comment-2">#</a>
<div class="comment-content"><p>Great.</p></div></li>
</ol></body></html>"""


def test_pinned_comment_from_another_post_is_dropped() -> None:
    assert [a for a, _ in _found(PINNED)] == ["Ann", "Ben"]


def test_idless_comment_with_this_posts_permalink_is_kept() -> None:
    html = PINNED.replace("2009/06/old-post/#comment-40642", "p/x/comment-page-2/#comment-9")
    assert [a for a, _ in _found(html)] == ["Owner", "Ann", "Ben"]
