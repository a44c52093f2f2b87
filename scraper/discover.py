"""Turning what a page, a sitemap or a feed says into frontier items, in the order that finds
every post with the fewest requests.

Priorities (higher first) are named data below. Sitemap and feed documents come first, then the
start page, then URLs a sitemap or feed lists as posts, then id-walk probes and URLs whose shape
the site has shown to be a post shape, then other links, and last listings (taxonomy and date
archives, pagination) and static pages (``/about/``). When sitemaps or a fully paged feed already
cover the posts, the crawler never fetches the last two tiers at all (see ``scraper.crawl``).

All URLs are canonicalised on the site's scheme and host (``Scope.normalise``) and pass the trap
guard before they enter the frontier.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from scraper.feeds import Feed, feed_ended, next_feed_url
from scraper.models import ParsedPage, QueueItem
from scraper.sitemaps import SitemapEntry, is_listing_sitemap
from scraper.traps import TrapGuard
from scraper.urlkinds import PatternStats, guess_kind
from scraper.urls import Scope

__all__ = [
    "DEFER_BELOW",
    "DOC_SOURCES",
    "Discovery",
    "Priority",
]


class Priority:
    """Frontier priorities; items below :data:`DEFER_BELOW` are skipped when covered."""

    DOC = 1000
    START = 900
    LISTED_POST = 500
    LEARNED_POST = 400
    ID_WALK = 350
    LIKELY_POST = 300
    UNKNOWN = 200
    NEXT_PAGE = 120
    LISTED_OTHER = 110
    LISTING = 100
    UNLIKELY = 50


DEFER_BELOW = 150
DOC_SOURCES = frozenset({"sitemap-doc", "feed-doc"})


@dataclass
class Discovery:
    """Builds frontier items for one crawl; holds the learned URL shapes and the trap guard."""

    scope: Scope
    max_depth: int = 50
    stats: PatternStats = field(default_factory=PatternStats)
    guard: TrapGuard = field(default_factory=TrapGuard)

    # ------------------------------------------------------------------ pages

    def link_priority(self, url: str) -> int:
        learned = self.stats.learned(url)
        if learned == "post":
            return Priority.LEARNED_POST
        if learned == "listing":
            return Priority.LISTING
        return {
            "post": Priority.LIKELY_POST,
            "listing": Priority.LISTING,
            "unlikely": Priority.UNLIKELY,
        }.get(guess_kind(url), Priority.UNKNOWN)

    def from_page(self, page: ParsedPage, item: QueueItem) -> list[QueueItem]:
        """The page's in-scope links worth fetching, and its feeds. A listing's next page keeps
        the depth: pagination is not distance."""
        out: dict[str, QueueItem] = {}
        next_url = self.scope.normalise(page.next_page) if page.next_page else None
        if next_url and next_url != item.url:
            out[next_url] = QueueItem(next_url, item.depth, "listing", priority=Priority.NEXT_PAGE)
        if item.depth < self.max_depth:
            for href in page.links:
                url = self.scope.normalise(href)
                if url is None or url == item.url or url in out:
                    continue
                out[url] = QueueItem(url, item.depth + 1, "link", priority=self.link_priority(url))
        for href in page.feeds:
            if self.scope.same_site(href) and href not in out:
                out[href] = QueueItem(href, item.depth, "feed-doc", priority=Priority.DOC)
        return list(out.values())

    # ------------------------------------------------------------------ documents

    def from_sitemap(
        self, entries: list[SitemapEntry], item: QueueItem
    ) -> list[QueueItem]:
        """Pages a sitemap lists, and its child sitemaps (taxonomy/user children skipped when a
        sibling lists posts)."""
        children = [e for e in entries if e.is_index and self.scope.same_site(e.url)]
        if any(not is_listing_sitemap(e.url) for e in children):
            children = [e for e in children if not is_listing_sitemap(e.url)]
        out = [QueueItem(e.url, 0, "sitemap-doc", priority=Priority.DOC) for e in children]
        for entry in entries:
            if entry.is_index:
                continue
            url = self.scope.normalise(entry.url)
            if url is None:
                continue
            guess = guess_kind(url)
            priority = Priority.LISTED_POST if guess in ("post", "unknown") else (
                Priority.LISTED_OTHER if guess == "unlikely" else Priority.LISTING
            )
            out.append(QueueItem(url, 1, "sitemap", lastmod=entry.lastmod, priority=priority))
        return out

    def from_feed(self, feed: Feed, item: QueueItem, *, page_through: bool) -> list[QueueItem]:
        """Post URLs of a feed (with their dates), and its next page when ``page_through``."""
        out: list[QueueItem] = []
        for entry in feed.entries:
            url = self.scope.normalise(entry.url)
            if url is not None:
                out.append(
                    QueueItem(url, 1, "feed", lastmod=entry.published,
                              priority=Priority.LISTED_POST)
                )
        following = next_feed_url(item.url, feed) if page_through else None
        if following and self.scope.same_site(following) and following != item.url:
            out.append(QueueItem(following, item.depth, "feed-doc", priority=Priority.DOC))
        return out

    @staticmethod
    def feed_kind(feed: Feed, item: QueueItem, *, page_through: bool) -> str:
        """``feed-end`` for the last page of a feed read to its end (see ``feeds.feed_ended``),
        else ``feed``: the frontier keeps it, so a resumed crawl knows the feed was complete."""
        following = next_feed_url(item.url, feed) if page_through else None
        return "feed-end" if page_through and feed_ended(item.url, feed, following) else "feed"

    def admit_new(self, items: Iterable[QueueItem]) -> list[QueueItem]:
        """Of URLs new to the frontier, those that are not traps (documents always pass)."""
        kept: list[QueueItem] = []
        for queued in items:
            post_shape = queued.priority >= Priority.LIKELY_POST
            if queued.source in DOC_SOURCES or self.guard.admit(queued.url, post_shape=post_shape):
                kept.append(queued)
        return kept
