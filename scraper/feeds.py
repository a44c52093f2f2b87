"""Feeds (RSS 2.0, RSS 1.0/RDF, Atom): post URLs and dates without fetching a single listing.

Parsed with lxml through :mod:`scraper.xmlsafe` (entities off), not with a feed library: the
crawler needs only each entry's link and date, and the paging links, and must survive broken
and hostile XML. Paging: a feed's own ``<link rel="next">`` (Atom, Blogger, RFC 5005) is followed
first; otherwise a WordPress-style feed is paged with ``?paged=N``. Blogger-style feeds are asked
for large pages up front (``max-results``), which turns 40 requests into 3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import etree

from scraper.urls import with_query_param
from scraper.xmlsafe import localname, parse_xml

__all__ = [
    "FEED_PROBES",
    "Feed",
    "FeedEntry",
    "feed_ended",
    "first_feed_url",
    "next_feed_url",
    "parse_feed",
    "well_known_feeds",
]

#: Where feeds live when no page announces one, in probe order (a miss costs one request).
FEED_PROBES = ("/feed/", "/rss", "/?format=rss", "/feeds/posts/default", "/atom.xml")
#: Feed paths paged WordPress-style with ``?paged=N`` when the feed gives no next link.
PAGED_FEED_PATHS = re.compile(r"/feed/?$|/(rss2?|atom)/?$", re.I)
PAGED_FEED_KEYS = frozenset({"feed"})
#: Feed paths that accept a page size, and the size to ask for (Blogger caps it at 150-500).
PAGE_SIZE_PARAMS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"/feeds/posts/(default|summary)/?$", re.I), "max-results", "150"),
)
#: Entries read from one feed document at most.
MAX_ENTRIES = 5_000


@dataclass(frozen=True)
class FeedEntry:
    url: str
    published: str | None


@dataclass(frozen=True)
class Feed:
    """One feed document: its entries, in document order, and its rel=next link if any."""

    entries: tuple[FeedEntry, ...]
    next_url: str | None


def well_known_feeds(start_url: str) -> list[str]:
    return [urljoin(start_url, path) for path in FEED_PROBES]


def first_feed_url(url: str) -> str:
    """The feed URL to fetch first: with a large page size where the feed takes one."""
    path = urlsplit(url).path
    for pattern, key, value in PAGE_SIZE_PARAMS:
        if pattern.search(path) and key not in dict(parse_qsl(urlsplit(url).query)):
            return with_query_param(url, key, value)
    return url


def next_feed_url(url: str, feed: Feed, page_size_hint: int = 5) -> str | None:
    """The next page of a paged feed, or None when this page is the last one.

    ``rel=next`` wins; a WordPress-style feed with at least ``page_size_hint`` entries is paged
    with ``?paged=N``. A page with no entries is always the last.
    """
    if not feed.entries:
        return None
    if feed.next_url:
        return feed.next_url
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    wordpress = PAGED_FEED_PATHS.search(parts.path) or PAGED_FEED_KEYS & query.keys()
    if not wordpress or len(feed.entries) < page_size_hint:
        return None
    page = query.get("paged", "1")
    number = int(page) if page.isdigit() else 1
    return with_query_param(url, "paged", str(number + 1))


def feed_ended(url: str, feed: Feed, following: str | None) -> bool:
    """Whether this page is the natural end of a feed read from its start: there is no next
    page, and either this page is itself a continuation (the feed was paged to here) or it was
    asked for more entries than it holds (the whole feed fitted in one page)."""
    if following is not None or not feed.entries:
        return False
    query = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    if query.get("paged", "1") != "1" or query.get("start-index", "1") != "1":
        return True
    for pattern, key, _ in PAGE_SIZE_PARAMS:
        asked = query.get(key, "")
        if pattern.search(urlsplit(url).path) and asked.isdigit():
            return len(feed.entries) < int(asked)
    return False


def parse_feed(body: bytes, base_url: str) -> Feed:
    """Entries and the next-page link of an RSS/RDF/Atom document; never raises."""
    root = parse_xml(body, base_url)
    if root is None:
        return Feed((), None)
    kind = localname(root)
    if kind == "feed":
        return _atom(root, base_url)
    if kind in ("rss", "rdf"):
        return _rss(root, base_url)
    return Feed((), None)


def _atom(root: etree._Element, base: str) -> Feed:
    entries: list[FeedEntry] = []
    next_url = _next_link(root, base)
    for entry in root:
        if localname(entry) != "entry":
            continue
        link = _atom_link(entry, base)
        date = _child_text(entry, ("published", "updated", "issued"))
        if link:
            entries.append(FeedEntry(link, date))
        if len(entries) >= MAX_ENTRIES:
            break
    return Feed(tuple(entries), next_url)


def _atom_link(entry: etree._Element, base: str) -> str | None:
    best: str | None = None
    for link in entry:
        if localname(link) != "link":
            continue
        href = link.get("href")
        rel = (link.get("rel") or "alternate").lower()
        if not href or rel != "alternate":
            continue
        kind = (link.get("type") or "text/html").lower()
        if "html" in kind:
            return urljoin(base, href.strip())
        best = best or urljoin(base, href.strip())
    return best


def _rss(root: etree._Element, base: str) -> Feed:
    entries: list[FeedEntry] = []
    channel = next((c for c in root if localname(c) == "channel"), root)
    next_url = _next_link(channel, base)
    for item in root.iter():
        if localname(item) != "item":
            continue
        link = _child_text(item, ("link",))
        if not link:
            link = _permalink_guid(item) or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        date = _child_text(item, ("pubdate", "date", "published", "updated"))
        if link:
            entries.append(FeedEntry(urljoin(base, link.strip()), date))
        if len(entries) >= MAX_ENTRIES:
            break
    return Feed(tuple(entries), next_url)


def _permalink_guid(item: etree._Element) -> str | None:
    for child in item:
        if localname(child) == "guid" and (child.get("isPermaLink") or "true").lower() == "true":
            text = (child.text or "").strip()
            if text.startswith(("http://", "https://")):
                return text
    return None


def _next_link(parent: etree._Element, base: str) -> str | None:
    for child in parent:
        if localname(child) == "link" and (child.get("rel") or "").lower() == "next":
            href = child.get("href")
            if href:
                return urljoin(base, href.strip())
    return None


def _child_text(parent: etree._Element, names: tuple[str, ...]) -> str | None:
    for name in names:
        for child in parent:
            if localname(child) == name and isinstance(child.text, str) and child.text.strip():
                return child.text.strip()
    return None
