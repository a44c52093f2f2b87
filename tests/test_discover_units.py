"""The pure parts of discovery: sitemaps, feeds, id walking, trap guards, URL shapes and scope
normalisation. No network."""

from __future__ import annotations

import gzip
import time

import pytest

from scraper.feeds import Feed, FeedEntry, feed_ended, first_feed_url, next_feed_url, parse_feed
from scraper.idwalk import KnownPage, plan_probes
from scraper.sitemaps import is_listing_sitemap, parse_sitemap
from scraper.traps import TrapGuard
from scraper.urlkinds import PatternStats, guess_kind, is_listing_url, url_pattern
from scraper.urls import Scope, slash_variant

BASE = "https://blog.example/"
URLSET = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
          b"<url><loc>https://blog.example/a/</loc><lastmod>2020-01-02</lastmod></url>"
          b"<url><loc>https://blog.example/b/</loc></url></urlset>")
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<urlset><url><loc>https://blog.example/&lol9;</loc></url></urlset>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>https://blog.example/&x;</loc></url></urlset>"""


def test_sitemap_entries_keep_lastmod() -> None:
    entries = parse_sitemap(URLSET, BASE)
    assert [(e.url, e.lastmod, e.is_index) for e in entries] == [
        ("https://blog.example/a/", "2020-01-02", False),
        ("https://blog.example/b/", None, False),
    ]


def test_sitemap_index_entries_are_marked_as_indexes() -> None:
    body = (b"<sitemapindex><sitemap><loc>/post-sitemap.xml</loc></sitemap>"
            b"<sitemap><loc>/category-sitemap.xml</loc></sitemap></sitemapindex>")
    entries = parse_sitemap(body, BASE)
    assert [e.url for e in entries if e.is_index] == [
        "https://blog.example/post-sitemap.xml", "https://blog.example/category-sitemap.xml"]


def test_gzipped_sitemap_is_read() -> None:
    assert len(parse_sitemap(gzip.compress(URLSET), BASE + "sitemap.xml.gz")) == 2


def test_plain_text_sitemap_is_read() -> None:
    body = b"https://blog.example/a/\nhttps://blog.example/b/\n"
    assert [e.url for e in parse_sitemap(body, BASE)] == [
        "https://blog.example/a/", "https://blog.example/b/"]


def test_xml_bomb_fails_safely_and_fast() -> None:
    started = time.monotonic()
    entries = parse_sitemap(BOMB, BASE)
    assert time.monotonic() - started < 2
    assert all(len(e.url) < 1000 for e in entries)


def test_external_entities_are_never_loaded() -> None:
    assert all("root:" not in e.url for e in parse_sitemap(EXTERNAL, BASE))


def test_garbage_is_no_sitemap() -> None:
    assert parse_sitemap(b"\x00\xff<<<not xml", BASE) == []


@pytest.mark.parametrize(("name", "listing"), [
    ("wp-sitemap-taxonomies-category-1.xml", True), ("wp-sitemap-users-1.xml", True),
    ("post_tag-sitemap.xml", True), ("wp-sitemap-posts-post-1.xml", False),
    ("post-sitemap.xml", False), ("sitemap.blog.xml", False),
])
def test_child_sitemaps_of_taxonomies_and_users_are_recognised(name: str, listing: bool) -> None:
    assert is_listing_sitemap(BASE + name) is listing


RSS = b"""<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><atom:link href="https://blog.example/feed/" rel="self"/>
<item><title>A</title><link>https://blog.example/a/</link>
<pubDate>Mon, 06 Jan 2020 09:00:00 +0000</pubDate></item>
<item><title>B</title><guid isPermaLink="true">https://blog.example/b/</guid></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<link rel="next" href="https://blog.example/feeds/posts/default?start-index=26"/>
<entry><published>2020-01-06T09:00:00Z</published>
<link rel="replies" href="https://blog.example/a.html#comments"/>
<link rel="alternate" type="text/html" href="https://blog.example/a.html"/></entry></feed>"""


def test_rss_items_give_links_and_dates() -> None:
    feed = parse_feed(RSS, BASE + "feed/")
    assert feed.entries == (
        FeedEntry("https://blog.example/a/", "Mon, 06 Jan 2020 09:00:00 +0000"),
        FeedEntry("https://blog.example/b/", None),
    )


def test_atom_entries_use_the_alternate_link_and_the_next_page() -> None:
    feed = parse_feed(ATOM, BASE)
    assert feed.entries == (FeedEntry("https://blog.example/a.html", "2020-01-06T09:00:00Z"),)
    assert feed.next_url == "https://blog.example/feeds/posts/default?start-index=26"


def test_wordpress_feed_is_paged_with_paged() -> None:
    feed = Feed(tuple(FeedEntry(f"{BASE}{i}/", None) for i in range(10)), None)
    assert next_feed_url(BASE + "feed/", feed) == BASE + "feed/?paged=2"
    assert next_feed_url(BASE + "feed/?paged=2", feed) == BASE + "feed/?paged=3"


def test_an_empty_feed_page_is_the_last() -> None:
    assert next_feed_url(BASE + "feed/?paged=9", Feed((), None)) is None


def test_blogger_feed_is_asked_for_large_pages() -> None:
    assert first_feed_url(BASE + "feeds/posts/default") == (
        BASE + "feeds/posts/default?max-results=150")


def test_a_feed_that_fits_one_large_page_has_ended() -> None:
    feed = Feed((FeedEntry(BASE + "a/", None),), None)
    assert feed_ended(BASE + "feeds/posts/default?max-results=150", feed, None)
    assert not feed_ended(BASE + "feed/", feed, None)


def known(ids: list[int], kind: str = "post") -> list[KnownPage]:
    return [KnownPage(f"{BASE}blog/post/?sid={i}", kind) for i in ids]


def test_id_walk_probes_holes_and_a_few_past_the_end() -> None:
    probes = plan_probes(known([3, 4, 6, 9]))
    ids = sorted(int(p.rsplit("=", 1)[1]) for p in probes)
    assert ids == [1, 2, 5, 7, 8, 10, 11, 12, 13, 14]


def test_id_walk_stops_after_consecutive_misses() -> None:
    pages = known([3, 4, 6, 9]) + known([1, 2, 5, 7, 8, 10, 11, 12, 13, 14], kind="missing")
    assert plan_probes(pages) == []


def test_id_walk_continues_past_a_post_found_at_the_end() -> None:
    pages = known([3, 4, 6, 9, 12]) + known([1, 2, 5, 7, 8, 10, 11, 13, 14], kind="missing")
    ids = sorted(int(p.rsplit("=", 1)[1]) for p in plan_probes(pages))
    assert ids == [15, 16, 17]


def test_id_walk_needs_several_posts_of_one_shape() -> None:
    assert plan_probes(known([3, 9])) == []


def test_id_walk_skips_the_inside_of_a_sparse_range() -> None:
    ids = sorted(int(p.rsplit("=", 1)[1]) for p in plan_probes(known([100, 500, 900])))
    assert ids == [901, 902, 903, 904, 905]


def test_listing_page_numbers_are_not_ids() -> None:
    pages = [KnownPage(f"{BASE}blog/?page={i}", "post") for i in (1, 2, 5)]
    assert plan_probes(pages) == []


def test_calendar_trap_is_capped() -> None:
    guard = TrapGuard()
    admitted = sum(guard.admit(f"{BASE}calendar/?month=20{y:02d}-{m:02d}")
                   for y in range(5, 25) for m in range(1, 13))
    assert admitted == guard.limits.calendar


@pytest.mark.parametrize("url", [
    BASE + "calendar/?month=2150-01", BASE + "a/b/a/b/a/b/", BASE + "blog/?page=99999",
])
def test_trap_urls_are_refused(url: str) -> None:
    assert not TrapGuard().admit(url)


@pytest.mark.parametrize("url", [
    BASE + "blog/post/?sid=2150", BASE + "my-review-of-1984/", BASE + "2019/03/a-post/",
])
def test_ordinary_urls_are_admitted(url: str) -> None:
    assert TrapGuard().admit(url)


def test_post_shapes_are_learned_from_five_posts() -> None:
    stats = PatternStats()
    for i in range(5):
        stats.record(f"{BASE}blog/post/?sid={i}", "post")
    assert stats.learned(f"{BASE}blog/post/?sid=99") == "post"
    assert url_pattern(f"{BASE}tag/anxiety/page/2/") == "/tag/{s}/page/{n}/"


@pytest.mark.parametrize(("url", "kind"), [
    ("blog/post/?sid=3", "post"), ("2019/03/my-post/", "post"), ("tag/x/", "listing"),
    ("blog/?page=2", "listing"), ("about/", "unlikely"), ("my-post/", "unknown"),
])
def test_url_shapes_are_guessed(url: str, kind: str) -> None:
    assert guess_kind(BASE + url) == kind


def test_movable_type_archive_posts_are_not_certain_listings() -> None:
    assert not is_listing_url(BASE + "archives/000123.html")
    assert is_listing_url(BASE + "2019/03/")


def test_scope_normalises_www_and_scheme_to_the_start_url() -> None:
    scope = Scope.for_start("https://blog.example/")
    assert scope.normalise("http://WWW.blog.example/a/?utm_source=x#c") == BASE + "a/"
    assert scope.normalise("https://other.example/a/") is None
    assert scope.normalise(BASE + "photo.jpg") is None


def test_trailing_slash_twins() -> None:
    assert slash_variant(BASE + "a/") == BASE + "a"
    assert slash_variant(BASE + "a?x=1") == BASE + "a/?x=1"
    assert slash_variant(BASE + "a.html") is None
    assert slash_variant(BASE) is None
