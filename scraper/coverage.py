"""Whether the sitemaps and feeds already name every post — so listings need not be fetched.

A sitemap is trusted while it keeps its word: the posts it lists exist (hardly any 404), and no
post turns up that it did not list (found by a link, a listing or an id walk). A feed counts only
when it was paged to its end (a single feed page names the latest posts, not all of them). The
verdict is a pure function of the frontier's rows, so a resumed crawl reaches the same one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["Coverage", "FrontierRow"]

LISTED_SOURCES = frozenset({"sitemap", "feed"})
#: Sources whose posts do not break trust: the start page is fetched whatever the sitemap says.
TRUSTED_SOURCES = frozenset({"sitemap", "feed", "start"})
GONE = frozenset({404, 410})
#: Listed URLs that may 404 before the sitemap is called a liar: this many, or this share.
MAX_LISTED_MISSING = 1
MAX_LISTED_MISSING_SHARE = 0.02
#: Feed documents fetched before a feed counts as paged to its end.
MIN_FEED_PAGES = 2


class FrontierRow(NamedTuple):
    """One ``pages`` row as the crawler needs it."""

    url: str
    kind: str | None
    source: str | None
    status: int | None
    state: str


@dataclass
class Coverage:
    """Counters over frontier rows (mutable, one per crawl)."""

    listed_posts: int = 0
    sitemap_posts: int = 0
    listed_fetched: int = 0
    listed_missing: int = 0
    outside_posts: int = 0
    sitemap_docs: int = 0
    feed_docs_done: int = 0
    feed_docs_pending: int = 0
    feed_ends: int = 0

    @classmethod
    def of(cls, rows: list[FrontierRow]) -> Coverage:
        coverage = cls()
        for row in rows:
            coverage.add(row)
        return coverage

    def add(self, row: FrontierRow) -> None:
        """Count one row (call once per row, after its fetch, or on restore)."""
        if row.source == "sitemap-doc" and row.state == "done":
            self.sitemap_docs += 1
        if row.source == "feed-doc":
            if row.state == "pending":
                self.feed_docs_pending += 1
            elif row.state == "done":
                self.feed_docs_done += 1
                self.feed_ends += row.kind == "feed-end"
        if row.kind is None and row.status is None:
            return  # never fetched (a re-pass keeps what the last pass learned)
        if row.source in LISTED_SOURCES:
            self.listed_fetched += 1
            self.listed_missing += row.status in GONE
            if row.kind == "post":
                self.listed_posts += 1
                self.sitemap_posts += row.source == "sitemap"
        elif row.kind == "post" and row.source not in TRUSTED_SOURCES:
            self.outside_posts += 1

    def feed_paged(self) -> bool:
        """A feed was read to its end: a last page seen, or several pages then a 404."""
        if self.feed_docs_pending:
            return False
        return bool(self.feed_ends) or self.feed_docs_done >= MIN_FEED_PAGES

    def covered(self) -> bool:
        """True when listings and static pages may be skipped: see the module docstring."""
        if self.outside_posts or not self.listed_posts:
            return False
        if not (self.sitemap_posts or self.feed_paged()):
            return False
        allowed = max(MAX_LISTED_MISSING, MAX_LISTED_MISSING_SHARE * self.listed_fetched)
        return self.listed_missing <= allowed
