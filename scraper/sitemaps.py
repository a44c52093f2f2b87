"""Sitemaps: where to look for them, and what they list.

A sitemap is the cheapest complete list of a blog's posts, with ``lastmod`` dates that make an
update nearly free. robots.txt ``Sitemap:`` lines win; otherwise the well-known places are probed
in order and probing stops at the first that answers (each miss costs one request). Indexes nest;
children that list taxonomies or users (``category-sitemap.xml``, ``wp-sitemap-users-1.xml``) are
skipped when a child lists posts, because they name listings, never posts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from scraper.xmlsafe import localname, parse_xml

__all__ = [
    "WELL_KNOWN_SITEMAPS",
    "SitemapEntry",
    "is_listing_sitemap",
    "parse_sitemap",
    "well_known_sitemaps",
]

WELL_KNOWN_SITEMAPS = (
    "/sitemap.xml",
    "/sitemap_index.xml",
    "/wp-sitemap.xml",
    "/post-sitemap.xml",
    "/blog-posts-sitemap.xml",
    "/sitemap.blog.xml",
    "/sitemap.xml.gz",
)
#: Child sitemaps that name taxonomy, author or media pages: listings at best, never posts.
LISTING_SITEMAP_NAMES = re.compile(
    r"(^|[-_/.])(taxonomies|taxonomy|category|categories|post_tag|tags?|users?|authors?|"
    r"attachments?|images?|videos?|products?|product_cat|archives?)([-_.]|$)",
    re.I,
)
#: Entries read from one sitemap document at most (sitemaps.org: 50,000).
MAX_ENTRIES = 50_000
#: A ``<loc>`` opening and closing tag, with any namespace prefix.
LOC_OPEN = re.compile(rb"<(?:[\w.-]+:)?loc\b")
LOC_CLOSE = re.compile(rb"</(?:[\w.-]+:)?loc\s*>")


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` (``is_index`` False) or ``<sitemap>`` (True) entry."""

    url: str
    lastmod: str | None
    is_index: bool


def well_known_sitemaps(start_url: str) -> list[str]:
    """The probe order for a site with no ``Sitemap:`` line in robots.txt."""
    return [urljoin(start_url, path) for path in WELL_KNOWN_SITEMAPS]


def is_listing_sitemap(url: str) -> bool:
    """Whether a child sitemap's name says it lists taxonomies, users or media."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return bool(LISTING_SITEMAP_NAMES.search(name))


def parse_sitemap(body: bytes, base_url: str) -> list[SitemapEntry]:
    """Entries of a sitemap, a sitemap index (gzip accepted) or a plain-text URL list.

    Broken XML yields what could be recovered, an XML bomb yields nothing; never raises.
    """
    root = parse_xml(body, base_url)
    if root is None:
        return _text_sitemap(body, base_url)
    entries: list[SitemapEntry] = []
    for node in root.iter():
        tag = localname(node)
        if tag not in ("url", "sitemap"):
            continue
        loc = lastmod = None
        for child in node:
            name = localname(child)
            text = child.text.strip() if isinstance(child.text, str) else ""
            if name == "loc" and text:
                loc = text
            elif name == "lastmod" and text:
                lastmod = text
        if loc:
            entries.append(SitemapEntry(urljoin(base_url, loc), lastmod, tag == "sitemap"))
            if len(entries) >= MAX_ENTRIES:
                break
    cut = _cut_short_loc(body)
    if cut and entries and entries[-1].url == urljoin(base_url, cut):
        entries.pop()
    return entries


def _cut_short_loc(body: bytes) -> str | None:
    """The text of the document's last ``<loc>`` when the document stops inside it (a sitemap
    generator that died mid-way): XML recovery hands the half URL over as if whole, and it
    would only ever 404."""
    last = max((m.end() for m in LOC_OPEN.finditer(body)), default=None)
    if last is None or LOC_CLOSE.search(body, last) is not None:
        return None
    _, _, text = body[last:].partition(b">")
    return text.split(b"<", 1)[0].strip().decode("utf-8", "replace")


def _text_sitemap(body: bytes, base_url: str) -> list[SitemapEntry]:
    """sitemaps.org also allows a UTF-8 text file, one URL a line."""
    if body[:2] == b"\x1f\x8b" or b"<" in body[:200]:
        return []
    lines = body[: 10 * 1024 * 1024].decode("utf-8", "replace").splitlines()
    urls = [line.strip() for line in lines if line.strip().startswith(("http://", "https://"))]
    return [SitemapEntry(urljoin(base_url, u), None, False) for u in urls[:MAX_ENTRIES]]
