"""Finding a blog's pages: sitemaps (from robots.txt and well-known places), and in-scope links
of fetched pages, canonicalised.

All fetching goes through the Fetcher. XML is parsed by lxml with entity resolution and network
access off, so an XML bomb or an external entity fails safely instead of exploding.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol
from urllib.parse import urljoin

from lxml import etree

from scraper.errors import FetchError
from scraper.fetch_body import gunzip_capped
from scraper.models import FetchResult, ParsedPage, QueueItem
from scraper.urls import Scope, canonical_url

__all__ = ["SitemapEntry", "find_sitemap_entries", "links_to_queue", "parse_sitemap"]

log = logging.getLogger(__name__)

WELL_KNOWN_SITEMAPS = (
    "/sitemap.xml",
    "/sitemap_index.xml",
    "/wp-sitemap.xml",
    "/post-sitemap.xml",
    "/blog-posts-sitemap.xml",
    "/sitemap.blog.xml",
)
MAX_SITEMAPS = 200
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed
_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True
)


class _Fetches(Protocol):
    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Literal["html", "xml", "any"] = "html",
    ) -> FetchResult: ...

    def robots(self, url: str) -> object: ...


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None
    is_index: bool


def parse_sitemap(body: bytes, base_url: str) -> list[SitemapEntry]:
    """Entries of a sitemap or sitemap index (gzip accepted). Broken XML yields what could be
    recovered, never an exception."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip_capped(body, MAX_SITEMAP_BYTES, url=base_url)
        except FetchError:  # corrupt, or a gzip bomb past the cap
            return []
    try:
        root = etree.fromstring(body, _XML_PARSER)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    entries: list[SitemapEntry] = []
    for node in root.iter():
        tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if tag not in ("url", "sitemap"):
            continue
        loc = lastmod = None
        for child in node:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "loc" and child.text:
                loc = child.text.strip()
            elif name == "lastmod" and child.text:
                lastmod = child.text.strip()
        if loc:
            entries.append(SitemapEntry(urljoin(base_url, loc), lastmod, tag == "sitemap"))
    return entries


def find_sitemap_entries(fetcher: _Fetches, start_url: str, scope: Scope) -> list[SitemapEntry]:
    """Every page URL listed by the site's sitemaps: those named in robots.txt, else the
    well-known locations; nested indexes followed, bounded."""
    robots = fetcher.robots(start_url)
    listed = [str(u) for u in getattr(robots, "sitemaps", ())]
    queue = listed or [urljoin(start_url, path) for path in WELL_KNOWN_SITEMAPS[:1]]
    seen: set[str] = set()
    pages: list[SitemapEntry] = []
    while queue and len(seen) < MAX_SITEMAPS:
        url = queue.pop(0)
        if url in seen or url not in scope:
            continue
        seen.add(url)
        try:
            result = fetcher.fetch(url, accept="xml")
        except FetchError as exc:
            log.debug("sitemap %s: %s", url, exc)
            continue
        for entry in parse_sitemap(result.body, result.final_url):
            if entry.is_index:
                queue.append(entry.url)
            else:
                pages.append(entry)
    return pages


def links_to_queue(page: ParsedPage, item: QueueItem, scope: Scope) -> list[QueueItem]:
    """The page's links that are in scope and worth fetching, canonicalised, as frontier items one
    level deeper. A listing's next page keeps the depth: pagination is not distance."""
    out: dict[str, QueueItem] = {}
    for href in _candidates(page):
        try:
            url = canonical_url(href)
        except ValueError:
            continue
        if url == item.url or url in out or not scope.admits(url):
            continue
        is_next = page.next_page is not None and href == page.next_page
        out[url] = QueueItem(
            url, item.depth if is_next else item.depth + 1, "listing" if is_next else "link"
        )
    return list(out.values())


def _candidates(page: ParsedPage) -> Iterable[str]:
    if page.next_page:
        yield page.next_page
    yield from page.links
