"""Discovery end to end on synthetic blogs served on 127.0.0.1: every post is found, none is
fetched twice, nothing outside the site is asked for, traps stay bounded, and sitemaps and feeds
save the listing requests they should."""

from __future__ import annotations

from pathlib import Path

import pytest
from sites.blogger import BloggerSite
from sites.harness import Crawled, crawl
from sites.seedlike import SeedLikeSite
from sites.trapsite import TrapSite
from sites.wordpress import WordPressSite

from archive.jobs import CrawlOptions


def fetched_posts(crawled: Crawled, posts: set[str]) -> list[str]:
    return [path for path in crawled.requests if path in posts]


@pytest.fixture(scope="module")
def wordpress(tmp_path_factory: pytest.TempPathFactory) -> tuple[WordPressSite, Crawled]:
    site = WordPressSite(count=30)
    result = crawl(site.render, tmp_path_factory.mktemp("wp") / "a.db",
                   on_start=lambda origin: setattr(site, "origin", origin))
    return site, result


def test_wordpress_every_post_is_archived(wordpress: tuple[WordPressSite, Crawled]) -> None:
    site, crawled = wordpress
    assert crawled.post_paths == site.post_paths()
    assert crawled.summary.status == "ok"


def test_wordpress_no_request_is_repeated(wordpress: tuple[WordPressSite, Crawled]) -> None:
    _, crawled = wordpress
    assert len(crawled.requests) == len(set(crawled.requests))


def test_wordpress_sitemap_makes_listings_unnecessary(
    wordpress: tuple[WordPressSite, Crawled],
) -> None:
    site, crawled = wordpress
    assert not [p for p in crawled.requests if "/tag/" in p or "/page/" in p or "/category/" in p]
    assert len(crawled.requests) <= len(site.post_paths()) + 6


def test_wordpress_taxonomy_and_user_sitemaps_are_not_fetched(
    wordpress: tuple[WordPressSite, Crawled],
) -> None:
    _, crawled = wordpress
    assert not [p for p in crawled.requests if "taxonomies" in p or "users" in p]


def test_wordpress_static_pages_are_not_archived_as_posts(
    wordpress: tuple[WordPressSite, Crawled],
) -> None:
    _, crawled = wordpress
    assert "/about/" not in crawled.post_paths


def test_wordpress_comments_are_archived(
    wordpress: tuple[WordPressSite, Crawled],
) -> None:
    site, crawled = wordpress
    assert crawled.summary.comments_total == sum(len(p.comments) for p in site.posts)


def test_wordpress_without_sitemap_pages_through_the_feed(tmp_path: Path) -> None:
    site = WordPressSite(count=25, sitemap=False)
    crawled = crawl(site.render, tmp_path / "a.db")
    assert crawled.post_paths == site.post_paths()
    assert any("paged=" in p for p in crawled.requests)
    assert not [p for p in crawled.requests if "/tag/" in p]


def test_wordpress_without_sitemap_or_feed_crawls_listings(tmp_path: Path) -> None:
    site = WordPressSite(count=20, sitemap=False, feed=False)
    crawled = crawl(site.render, tmp_path / "a.db")
    assert crawled.post_paths == site.post_paths()
    assert fetched_posts(crawled, site.post_paths()) == sorted(
        set(fetched_posts(crawled, site.post_paths())), key=crawled.requests.index
    )


def test_sitemap_found_by_probing_when_robots_names_none(tmp_path: Path) -> None:
    site = WordPressSite(count=12, sitemap_in_robots=False)
    crawled = crawl(site.render, tmp_path / "a.db")
    assert crawled.post_paths == site.post_paths()
    probes = crawled.requests[: crawled.requests.index("/wp-sitemap.xml") + 1]
    assert probes == ["/robots.txt", "/sitemap.xml", "/sitemap_index.xml", "/wp-sitemap.xml"]


def test_a_lying_sitemap_is_not_trusted(tmp_path: Path) -> None:
    hidden = frozenset({3, 11, 20})
    site = WordPressSite(count=25, sitemap_extra_missing=4, sitemap_omit=hidden)
    crawled = crawl(site.render, tmp_path / "a.db",
                    on_start=lambda origin: setattr(site, "origin", origin))
    assert crawled.post_paths == site.post_paths()
    assert len(crawled.requests) == len(set(crawled.requests))


@pytest.fixture(scope="module")
def blogger(tmp_path_factory: pytest.TempPathFactory) -> tuple[BloggerSite, Crawled]:
    site = BloggerSite(count=24)
    return site, crawl(site.render, tmp_path_factory.mktemp("bl") / "a.db")


def test_blogger_every_post_is_found_from_the_paged_feed(
    blogger: tuple[BloggerSite, Crawled],
) -> None:
    site, crawled = blogger
    assert crawled.post_paths == site.post_paths()


def test_blogger_feed_is_asked_for_large_pages(blogger: tuple[BloggerSite, Crawled]) -> None:
    _, crawled = blogger
    feeds = [p for p in crawled.requests if p.startswith("/feeds/")]
    assert feeds and all("max-results=150" in p for p in feeds)


def test_blogger_listings_are_not_needed(blogger: tuple[BloggerSite, Crawled]) -> None:
    _, crawled = blogger
    assert not [p for p in crawled.requests if "updated-max" in p]


@pytest.fixture(scope="module")
def seedlike(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedLikeSite, Crawled]:
    site = SeedLikeSite(count=15)
    return site, crawl(site.render, tmp_path_factory.mktemp("seed") / "a.db", start="blog/")


def test_posts_linked_from_nowhere_are_found_by_id(
    seedlike: tuple[SeedLikeSite, Crawled],
) -> None:
    site, crawled = seedlike
    assert site.hidden_paths() <= crawled.post_paths
    assert crawled.post_paths == site.post_paths()


def test_id_walk_is_bounded_past_the_last_post(seedlike: tuple[SeedLikeSite, Crawled]) -> None:
    site, crawled = seedlike
    top = max(site.ids)
    probed = [int(p.rsplit("=", 1)[1]) for p in crawled.requests if "sid=" in p]
    assert max(probed) <= top + 5
    assert crawled.summary.errors == 0


def test_id_walk_does_not_fetch_a_post_twice(seedlike: tuple[SeedLikeSite, Crawled]) -> None:
    _, crawled = seedlike
    assert len(crawled.requests) == len(set(crawled.requests))


@pytest.fixture(scope="module")
def trapped(tmp_path_factory: pytest.TempPathFactory) -> tuple[TrapSite, Crawled]:
    site = TrapSite()
    return site, crawl(site.render, tmp_path_factory.mktemp("trap") / "a.db")


def test_traps_do_not_hide_posts(trapped: tuple[TrapSite, Crawled]) -> None:
    site, crawled = trapped
    assert crawled.post_paths == site.post_paths()


def test_calendar_trap_is_bounded(trapped: tuple[TrapSite, Crawled]) -> None:
    _, crawled = trapped
    assert 0 < len([p for p in crawled.requests if p.startswith("/calendar/")]) <= 25


def test_endless_pagination_is_cut(trapped: tuple[TrapSite, Crawled]) -> None:
    _, crawled = trapped
    pages = [p for p in crawled.requests if "page=" in p]
    assert len(pages) <= 2 * 20  # each topic: its page 2 adds nothing new, so no page 3


def test_max_pages_bounds_a_crawl(tmp_path: Path) -> None:
    site = TrapSite()
    crawled = crawl(site.render, tmp_path / "a.db", options=CrawlOptions(delay=0, max_pages=15))
    assert crawled.summary.stopped_by_limit
    discovery = [p for p in crawled.requests if p.endswith((".txt", ".xml", ".gz"))
                 or p in ("/feed/", "/rss", "/?format=rss", "/feeds/posts/default")]
    assert len(crawled.requests) - len(discovery) <= 15


def test_no_request_leaves_the_site(trapped: tuple[TrapSite, Crawled]) -> None:
    _, crawled = trapped
    assert all(p.startswith("/") for p in crawled.requests)
