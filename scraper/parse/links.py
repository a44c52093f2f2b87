"""What a page says about other URLs: its links, feeds, canonical URL and next listing page.

Links are made absolute against the page's ``<base href>`` (or URL) and stripped of fragments;
URL *normalisation* (tracking parameters, ``?sid=`` kept!) is ``scraper.urls``' job, not ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup
from bs4.element import Tag

from scraper.parse.index import TreeIndex
from scraper.parse.walk import first_below, tags_below, text_of

__all__ = ["TEASER_HEADINGS", "PageLinks", "extract_links", "links_elsewhere", "teaser_count"]

#: Headings that, when they are (mostly) a link to another page, are a listing's teasers.
TEASER_HEADINGS: tuple[str, ...] = ("h1", "h2", "h3", "h4")
#: A heading is a teaser when its link text is at least this share of the heading's text.
TEASER_LINK_SHARE = 0.6

FEED_TYPES: frozenset[str] = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
     "application/rdf+xml", "text/xml", "application/xml"}
)  # fmt: skip
#: Link text (or title / aria-label) of a listing's "next page" link, across languages.
NEXT_TEXT = re.compile(
    r"^\s*(?:older (?:posts|entries|articles)|next page|next|more posts|load more|"
    r"ältere (?:beiträge|einträge|posts)|nächste seite|weiter|"
    r"articles plus anciens|page suivante|suivant|entradas anteriores|página siguiente|"
    r"siguiente|articoli precedenti|pagina successiva|oudere berichten|volgende|"
    r"›|»|→|>>)\s*[»›→>]*\s*$",
    re.I,
)
#: class names of "next page" links in common pagination markup.
NEXT_CLASSES = re.compile(r"(^|[-_\s])(next|older|nav-previous|blog-pager-older-link)"
                          r"([-_\s]|$)", re.I)
SCHEMES = ("http", "https")
#: URLs that surely are in one of ``SCHEMES``.
ABSOLUTE_PREFIXES = tuple(f"{scheme}://" for scheme in SCHEMES)


@dataclass(frozen=True)
class PageLinks:
    """Absolute links in document order (deduplicated), feeds, canonical and next page."""

    links: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    canonical: str | None = None
    next_page: str | None = None


def extract_links(soup: BeautifulSoup, url: str, index: TreeIndex | None = None) -> PageLinks:
    """Read every link-like fact of the page. Never raises on malformed hrefs."""
    index = index or TreeIndex(soup)
    base = _base_url(index, url)
    links: list[str] = []
    seen: set[str] = set()
    next_page: str | None = None
    resolved: dict[str, str | None] = {}  # pages repeat their links (menus, tag clouds)
    for a in index.tags("a", "area"):
        href = a.get("href")
        if not isinstance(href, str):
            continue
        absolute = resolved[href] if href in resolved else resolved.setdefault(
            href, _absolute(base, href)
        )
        if absolute is None:
            continue
        if absolute not in seen:
            seen.add(absolute)
            links.append(absolute)
        if next_page is None and absolute != url and _is_next(a):
            next_page = absolute
    feeds: list[str] = []
    canonical: str | None = None
    rel_next: str | None = None
    for link in index.tags("link"):
        rels = _rels(link)
        href = _absolute(base, link.get("href"))
        if href is None:
            continue
        if "canonical" in rels and canonical is None:
            canonical = href
        elif "next" in rels and rel_next is None:
            rel_next = href
        elif "alternate" in rels:
            kind = link.get("type")
            if isinstance(kind, str) and kind.lower().strip() in FEED_TYPES and href not in feeds:
                feeds.append(href)
    return PageLinks(links, feeds, canonical, rel_next or next_page)


def _base_url(index: TreeIndex, url: str) -> str:
    for base in index.tags("base")[:1]:
        href = base.get("href")
        if isinstance(href, str) and href.strip():
            resolved = _absolute(url, href)
            if resolved:
                return resolved
    return url


def _absolute(base: str, href: object) -> str | None:
    if not isinstance(href, str):
        return None
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        absolute = urldefrag(urljoin(base, href))[0]
        if base and absolute.startswith(ABSOLUTE_PREFIXES):
            # What urlsplit would say, without splitting again: with a base, urljoin has
            # already split (and so validated) both URLs the result is made of.
            return absolute
        scheme = urlsplit(absolute).scheme
    except ValueError:
        return None
    return absolute if scheme in SCHEMES else None


def _rels(tag: Tag) -> set[str]:
    rel = tag.get("rel")
    values = rel.split() if isinstance(rel, str) else list(rel or [])
    return {str(r).lower() for r in values}


def _is_next(a: Tag) -> bool:
    rels = _rels(a)
    if "next" in rels:
        return True
    classes = a.get("class")
    if isinstance(classes, list) and NEXT_CLASSES.search(" ".join(classes)):
        return True
    parent = a.parent
    if isinstance(parent, Tag):
        pclasses = parent.get("class")
        if isinstance(pclasses, list) and NEXT_CLASSES.search(" ".join(pclasses)):
            return True
    for text in (text_of(a, " ", strip=True), a.get("title"), a.get("aria-label")):
        if isinstance(text, str) and text and len(text) < 40 and NEXT_TEXT.match(text):
            return True
    return False


def links_elsewhere(tag: Tag | None, url: str, same: Iterable[str | None] = ()) -> bool:
    """True when a heading is (mostly) a link to another page: a teaser, not a headline.

    ``same`` lists other URLs of this page (its canonical URL): a link there is no teaser.
    """
    if tag is None:
        return False
    a = tag if tag.name == "a" else first_below(tag, ("a",), attr="href")
    if a is None:
        return False
    href = a.get("href")
    if not isinstance(href, str) or href.startswith("#"):
        return False
    try:
        target = urldefrag(urljoin(url, href))[0].rstrip("/")
    except ValueError:
        return False
    here = {urldefrag(u)[0].rstrip("/") for u in (url, *same) if u}
    if target in here:
        return False
    text = " ".join(text_of(tag, " ").split())
    return len(" ".join(text_of(a, " ").split())) >= TEASER_LINK_SHARE * max(1, len(text))


def teaser_count(
    root: Tag | Iterable[Tag], url: str, same: Iterable[str | None] = (), limit: int = 200
) -> int:
    """How many headings under ``root`` (or among the given headings) are teasers linking to
    other pages."""
    headings = tags_below(root, TEASER_HEADINGS, limit=limit) if isinstance(root, Tag) else root
    same = tuple(same)
    return sum(1 for h in list(headings)[:limit] if links_elsewhere(h, url, same))
