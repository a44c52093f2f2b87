"""The post's own publication date as the page declares it, for reading comment stamps that
omit the year (``Jul 14``): a comment is never older than its post.

The caller (the parser core) usually knows the post date and passes it; this is the fallback
when it does not: Open Graph / schema.org meta, ``itemprop`` markup, then JSON-LD.
"""

from __future__ import annotations

import re
from datetime import datetime

from scraper.dates import parse_date
from scraper.parse.comments.select import PageIndex

__all__ = ["declared_published"]

#: Elements that declare the post date, with the attribute holding it, in preference order.
PUBLISHED_SOURCES: tuple[tuple[str, str], ...] = (
    ("meta[property='article:published_time']", "content"),
    ("meta[itemprop=datePublished]", "content"),
    ("time[itemprop=datePublished]", "datetime"),
    ("meta[name=date]", "content"),
)
JSON_LD = "script[type='application/ld+json']"
JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')


def declared_published(index: PageIndex) -> datetime | None:
    """The publication date the page declares for itself, or None."""
    soup = index.soup
    for selector, attr in PUBLISHED_SOURCES:
        for tag in index.select(soup, selector):
            value = tag.get(attr)
            found = parse_date(value) if isinstance(value, str) else None
            if found is not None:
                return found
    for script in index.select(soup, JSON_LD):
        match = JSON_LD_PUBLISHED.search(script.string or "")
        found = parse_date(match.group(1)) if match else None
        if found is not None:
            return found
    return None
