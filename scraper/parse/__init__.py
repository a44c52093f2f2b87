"""HTML page -> ParsedPage / Post, from ONE parse of the document.

The page is decoded (``decode.py``), parsed once with BeautifulSoup + lxml, and every extractor
reads that one tree, in an order that matters: read-only extractors first (platform, metadata,
headline, dates, author, links, comments), then the body extractor, which removes elements.

Public API (a contract, see DESIGN.md): :func:`parse_post`, :func:`parse_page`, and the platform
registry :data:`PLATFORMS` (generic last).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import urldefrag, urljoin

from bs4 import BeautifulSoup
from bs4.element import Tag

from scraper import dates
from scraper.models import Comment, PageKind, ParsedPage, Post, SiteProfile
from scraper.parse.body import extract_body
from scraper.parse.byline import find_author, find_dates
from scraper.parse.decode import decode_html
from scraper.parse.generic import LISTING_TYPES, Metadata, extract_metadata, tag_text
from scraper.parse.headline import Headline, find_headline
from scraper.parse.index import TreeIndex
from scraper.parse.links import PageLinks, extract_links
from scraper.parse.platforms import PLATFORMS, Platform, detect_platform

__all__ = ["PLATFORMS", "parse_page", "parse_post"]

#: Pages larger than this are cut before parsing (a blog post is never this big; a 50 MB
#: "page" is a dump or a trap, and must not stall the crawl).
MAX_HTML_CHARS = 6_000_000
#: URL paths that are listings whatever their markup says.
LISTING_PATH = re.compile(
    r"/(tag|tags|category|categories|label|labels|author|archive|archives|topics?)/"
    r"|/search(/|$|\?)|/page/\d+/?$|[?&](page|paged|p)=\d+$|/feed/?$",
    re.I,
)
#: Headings linking to other pages: this many or more makes a page a listing of teasers.
MIN_TEASERS = 3
TEASER_HEADINGS = ("h1", "h2", "h3", "h4")
#: A post needs at least this much body text, unless its metadata says it is an article.
MIN_POST_CHARS = 120


@dataclass(frozen=True)
class _Found:
    """Comment extraction result, as far as this module needs it."""

    comments: list[Comment] = field(default_factory=list)
    system: str = "none"
    regions: list[Tag] = field(default_factory=list)


def parse_post(html: str | bytes, url: str, site: SiteProfile | None = None) -> Post | None:
    """Extract the post on a page; None when the page is not a single post.

    Args:
        html: the page, as text or raw bytes (decoded by BOM, ``<meta charset>``, UTF-8, cp1252).
        url: the page's URL (absolute links, URL-dated posts).
        site: what was learned about the site (date order, boilerplate blocks), if anything.
    """
    return parse_page(html, url, site).post


def parse_page(html: str | bytes, url: str, site: SiteProfile | None = None) -> ParsedPage:
    """Everything the crawler needs from one page. Never raises on any input."""
    try:
        return _parse_page(html, url, site)
    except RecursionError:
        return ParsedPage(url=url, kind="other")


def _parse_page(html: str | bytes, url: str, site: SiteProfile | None) -> ParsedPage:
    text = decode_html(html)[:MAX_HTML_CHARS]
    soup = BeautifulSoup(text, "lxml")
    index = TreeIndex(soup)
    platform = detect_platform(index, text)
    meta = extract_metadata(index)
    links = extract_links(soup, url)
    dates_seen = dates.find_numeric_dates(soup.get_text(" ")) if soup.body else []
    headline = find_headline(index, meta, platform.title)
    kind = _classify(soup, url, meta, headline, links)
    if kind != "post":
        return ParsedPage(url=url, kind=kind, canonical_url=links.canonical, links=links.links,
                          feeds=links.feeds, next_page=links.next_page, dates_seen=dates_seen)
    post = _build_post(index, text, url, site, platform, meta, headline, links)
    if post is None:
        kind = "other"
    return ParsedPage(url=url, kind=kind, post=post, canonical_url=links.canonical,
                      links=links.links, feeds=links.feeds, next_page=links.next_page,
                      dates_seen=dates_seen)


def _build_post(
    index: TreeIndex,
    html: str,
    url: str,
    site: SiteProfile | None,
    platform: Platform,
    meta: Metadata,
    headline: Headline,
    links: PageLinks,
) -> Post | None:
    if not headline.text.strip():
        return None  # the title is mandatory: a page without one is not a post
    soup = index.soup
    order = site.date_order if site else None
    found = _comments(soup, url, platform.name, site)
    regions = list(found.regions)
    skip = frozenset(id(r) for r in regions)
    found_dates = find_dates(index, meta, url, selectors=platform.date, headline=headline.element,
                             order=order, embedded=platform.embedded_dates, html=html, skip=skip)
    author = find_author(index, meta, selectors=platform.author, skip=skip,
                         headline=headline.element)
    tags = _texts(index, platform.tags) or meta.tags
    categories = _texts(index, platform.categories) or meta.categories
    if headline.element is not None and headline.element.parent is not None:
        regions.append(headline.element)
    body = extract_body(soup, url, index=index, selectors=platform.body, exclude=regions,
                        boilerplate=site.boilerplate if site else frozenset())
    if len(body.text) < MIN_POST_CHARS and meta.og_type != "article" and not meta.article_nodes:
        return None
    return Post(
        url=url,
        title=headline.text,
        published=found_dates.published,
        updated=found_dates.updated,
        author=author,
        body_text=body.text,
        body_html=body.html,
        tags=tags,
        categories=categories,
        canonical_url=links.canonical,
        language=meta.language,
        date_source=found_dates.source,
        date_order=found_dates.order,
        platform=platform.name,
        comment_system=found.system,
        comments=list(found.comments),
    )


def _texts(index: TreeIndex, selectors: tuple[str, ...]) -> list[str]:
    for selector in selectors:
        tags = index.select(selector, limit=50)
        texts: list[str] = []
        for tag in tags:
            text = tag_text(tag).lstrip("#").strip()
            if text and len(text) < 60 and text not in texts:
                texts.append(text)
        if texts:
            return texts
    return []


def _classify(
    soup: BeautifulSoup, url: str, meta: Metadata, headline: Headline, links: PageLinks
) -> PageKind:
    """post / listing / other, from URL shape, declared types and repeated teaser headings."""
    if LISTING_PATH.search(url):
        return "listing"
    declared_article = meta.og_type == "article" or meta.article_nodes == 1
    if meta.types & LISTING_TYPES and not meta.article_nodes:
        return "listing"
    if meta.article_nodes > 1 and not declared_article:
        return "listing"
    teasers = _teaser_count(soup, url)
    headline_is_teaser = _links_elsewhere(headline.element, url)
    if (
        teasers >= MIN_TEASERS
        and (headline_is_teaser or not declared_article)
        and (headline.element is None or headline_is_teaser)
    ):
        return "listing"
    if not headline.text and not soup.find("p"):
        return "other"
    return "post"


def _teaser_count(soup: BeautifulSoup, url: str) -> int:
    count = 0
    for heading in soup.find_all(TEASER_HEADINGS, limit=200):
        if _links_elsewhere(heading, url):
            count += 1
    return count


def _links_elsewhere(tag: Tag | None, url: str) -> bool:
    """True when a heading is (mostly) a link to another page: a teaser, not a headline."""
    if tag is None:
        return False
    a = tag if tag.name == "a" else tag.find("a", href=True)
    if not isinstance(a, Tag):
        return False
    href = a.get("href")
    if not isinstance(href, str) or href.startswith("#"):
        return False
    try:
        target = urldefrag(urljoin(url, href))[0]
    except ValueError:
        return False
    if target.rstrip("/") == urldefrag(url)[0].rstrip("/"):
        return False
    return len(tag_text(a)) >= 0.6 * max(1, len(tag_text(tag)))


ExtractComments = Callable[..., Any]


def _comments(soup: BeautifulSoup, url: str, platform: str, site: SiteProfile | None) -> _Found:
    """Call the comment extractor (``scraper.parse.comments``) if it is installed."""
    try:
        module = importlib.import_module("scraper.parse.comments")
        extract = cast(ExtractComments, module.extract_comments)
    except (ImportError, AttributeError):
        return _Found()
    try:
        result = extract(soup, url, platform=platform, site=site)
    except Exception:  # a comment-extractor bug must not lose the post itself
        return _Found()
    return _Found(list(result.comments), str(result.system), list(result.regions))
