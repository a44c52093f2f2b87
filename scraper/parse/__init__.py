"""HTML page -> ParsedPage / Post, from ONE parse of the document.

The page is decoded (``decode.py``), parsed once with lxml into a BeautifulSoup tree
(``tree.py``), and every extractor reads that one tree, in an order that matters: read-only
extractors first (platform, metadata, headline, dates, author, links, comments), then the body
extractor, which removes elements.

Public API (a contract, see DESIGN.md): :func:`parse_post`, :func:`parse_page`, and the platform
registry :data:`PLATFORMS` (generic last).
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, cast
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from bs4.element import Tag

from scraper import dates
from scraper.models import Comment, PageKind, ParsedPage, Post, SiteProfile
from scraper.parse.body import Body, extract_body
from scraper.parse.byline import find_author
from scraper.parse.comments.paging import CommentPaging, find_comment_pages
from scraper.parse.decode import decode_html
from scraper.parse.generic import LISTING_TYPES, Metadata, extract_metadata, tag_text
from scraper.parse.headline import TITLE_SEPARATORS, Headline, find_headline
from scraper.parse.index import TreeIndex
from scraper.parse.links import (
    TEASER_HEADINGS,
    PageLinks,
    extract_links,
    links_elsewhere,
    teaser_count,
)
from scraper.parse.platforms import PLATFORMS, Platform, detect_platform
from scraper.parse.pubdate import find_dates
from scraper.parse.taglinks import tag_links
from scraper.parse.tree import ParsedTree, build_tree, paused_gc

__all__ = ["PLATFORMS", "parse_page", "parse_post"]

#: Pages larger than this are cut before parsing (a blog post is never this big; a 50 MB
#: "page" is a dump or a trap, and must not stall the crawl).
MAX_HTML_CHARS = 6_000_000
#: URL paths that are listings whatever their markup says.
LISTING_PATH = re.compile(
    r"/(tag|tags|category|categories|label|labels|author|archive|archives|topics?)/"
    r"|/search(/|$|\?)|/page/\d+/?$|[?&](page|paged)=\d+$|/feed/?$",
    re.I,
)
#: A document whose root element is an RSS, Atom or RDF feed (after the XML declaration,
#: processing instructions, comments and a doctype) is never a post.
FEED_ROOT = re.compile(
    r"\A\ufeff?\s*(?:(?:<\?[^>]*\?>|<!--(?:(?!-->).)*-->|<!DOCTYPE[^>]*>)\s*)*"
    r"<(?:rss|feed|rdf:RDF)[\s>/]",
    re.I | re.S,
)
FEED_SNIFF_CHARS = 4096
#: Paths of a site's front page, which is never a single post.
ROOT_PATHS: frozenset[str] = frozenset({"", "/", "/index.html", "/index.htm", "/index.php"})
#: Headings linking to other pages: this many or more in the main content makes a listing.
MIN_TEASERS = 3
#: A post needs at least this much body text, unless it is dated, declared an article, or
#: carries reader comments.
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
        with paused_gc():  # the page's tree is freed at once when it is done
            text = decode_html(html)[:MAX_HTML_CHARS]
            if FEED_ROOT.match(text[:FEED_SNIFF_CHARS]):
                return ParsedPage(url=url, kind="other")  # a feed lists posts; it is none
            tree = build_tree(text)
            try:
                return _parse_page(tree, text, url, site)
            finally:
                tree.dismantle()
    except RecursionError:
        return ParsedPage(url=url, kind="other")


def _parse_page(
    tree: ParsedTree, text: str, url: str, site: SiteProfile | None
) -> ParsedPage:
    soup = tree.soup
    index = TreeIndex(soup, tree.elements, tree.ends, tree.keys)
    platform = detect_platform(index, text)
    meta = extract_metadata(index)
    links = extract_links(soup, url, index)
    dates_seen = dates.find_numeric_dates(tree.text(" ")) if index.tags("body") else []
    headline = find_headline(index, meta, platform.title, url)
    verdict = _classify(index, url, meta, headline, links)
    if verdict == "listing" or verdict == "other":
        return ParsedPage(url=url, kind=verdict, canonical_url=links.canonical, links=links.links,
                          feeds=links.feeds, next_page=links.next_page, dates_seen=dates_seen)
    paging = find_comment_pages(index, text, url)  # read-only: before the body extractor
    post = _build_post(index, text, url, site, platform, meta, headline, links,
                       teasers=verdict == "teasers")
    kind: PageKind = "post"
    if post is None:
        kind = "listing" if verdict == "teasers" else "other"
        paging = CommentPaging()
    return ParsedPage(url=url, kind=kind, post=post, canonical_url=links.canonical,
                      links=links.links, feeds=links.feeds, next_page=links.next_page,
                      dates_seen=dates_seen, comment_pages=paging.pages,
                      comment_page=paging.current)


def _build_post(
    index: TreeIndex,
    html: str,
    url: str,
    site: SiteProfile | None,
    platform: Platform,
    meta: Metadata,
    headline: Headline,
    links: PageLinks,
    *,
    teasers: bool = False,
) -> Post | None:
    if not headline.text.strip():
        return None  # the title is mandatory: a page without one is not a post
    soup = index.soup
    order = site.date_order if site else None
    found = _comments(soup, url, platform.name, site, index)
    regions = list(found.regions)
    skip = frozenset(id(r) for r in regions)
    found_dates = find_dates(index, meta, url, selectors=platform.date, headline=headline.element,
                             order=order, orders=site.date_orders if site else None,
                             embedded=platform.embedded_dates, html=html, skip=skip)
    author = find_author(index, meta, selectors=platform.author, skip=skip,
                         headline=headline.element, url=url)
    tags = _texts(index, platform.tags) or meta.tags
    categories = _texts(index, platform.categories) or meta.categories
    if not tags:  # read before the body extractor takes the headline out of the tree
        tags = tag_links(headline.element, url, found.regions)
    if headline.element is not None and headline.element.parent is not None:
        regions.append(headline.element)
    body = extract_body(soup, url, index=index, selectors=platform.body, exclude=regions,
                        boilerplate=site.boilerplate if site else frozenset(),
                        same_urls=(links.canonical,))
    if teasers and _is_listing_body(body):
        return None
    dated = found_dates.published is not None
    if len(body.text) < MIN_POST_CHARS and not (
        dated or meta.og_type == "article" or meta.article_nodes or found.comments
    ):  # a short text is a post (photo, link, note) only with a date, a declared article or
        # a comment thread: listings and landing pages have no reader comments of their own
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
    index: TreeIndex, url: str, meta: Metadata, headline: Headline, links: PageLinks
) -> PageKind | Literal["teasers"]:
    """post / listing / other from URL shape and declared types; ``teasers`` when the page has
    many headings linking elsewhere and the body must decide (sidebars have teasers too)."""
    if LISTING_PATH.search(url):
        return "listing"
    declared_article = meta.og_type == "article" or meta.article_nodes == 1
    if meta.types & LISTING_TYPES and not meta.article_nodes:
        return "listing"
    if meta.article_nodes > 1 and not declared_article:
        return "listing"
    same = (links.canonical,)
    headings = index.tags(*TEASER_HEADINGS)
    if _is_site_root(url):  # a front page: the site's newest teasers, or a landing page
        return "listing" if teaser_count(headings, url, same) >= MIN_TEASERS else "other"
    if not headline.text and not index.tags("p"):
        return "other"
    headline_is_teaser = links_elsewhere(headline.element, url, same)
    suspect = (headline_is_teaser or not declared_article) and (
        headline.element is None or headline_is_teaser
    )
    if suspect and teaser_count(headings, url, same) >= MIN_TEASERS:
        return "listing" if _titled_by_site(meta, headline) else "teasers"
    return "post"


def _titled_by_site(meta: Metadata, headline: Headline) -> bool:
    """A declared website (og:type) whose only headline is its site name, or a whole
    ``<title>`` that is one name ("Yahoo UK", not "Holiday Dresses | DailyCandy"): a home or
    section page, whatever its URL."""
    if meta.og_type != "website" or headline.element is not None:
        return False
    names = [meta.site_name]
    if len(TITLE_SEPARATORS.split(meta.html_title)) == 1:
        names.append(meta.html_title)
    title = " ".join(headline.text.split()).casefold()
    return title in {" ".join(name.split()).casefold() for name in names if name}


def _is_site_root(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(parts.netloc) and parts.path in ROOT_PATHS and not parts.query


def _is_listing_body(body: Body) -> bool:
    """The main content itself is a run of teasers, or of several full posts."""
    return (
        body.teasers >= MIN_TEASERS
        or body.repeats >= MIN_TEASERS
        or len(body.text) < MIN_POST_CHARS
    )


ExtractComments = Callable[..., Any]


@lru_cache(maxsize=8)
def _accepts_index(function: ExtractComments) -> bool:
    """Whether the comment extractor takes the page's TreeIndex (``index=``), to reuse it."""
    try:
        return "index" in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


def _comments(
    soup: BeautifulSoup, url: str, platform: str, site: SiteProfile | None, index: TreeIndex
) -> _Found:
    """Call the comment extractor (``scraper.parse.comments``) if it is installed; it is handed
    the page's TreeIndex as ``index=`` when its signature accepts one."""
    try:
        module = importlib.import_module("scraper.parse.comments")
        extract = cast(ExtractComments, module.extract_comments)
    except (ImportError, AttributeError):
        return _Found()
    extra: dict[str, Any] = {"index": index} if _accepts_index(extract) else {}
    try:
        result = extract(soup, url, platform=platform, site=site, **extra)
    except Exception:  # a comment-extractor bug must not lose the post itself
        return _Found()
    return _Found(list(result.comments), str(result.system), list(result.regions))
