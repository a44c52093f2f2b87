"""blog-archiver's web side: fetching, discovery, crawling and parsing of blog pages.

``from scraper import parse_post`` is the stable public entry point. Heavy modules (bs4, requests)
are imported lazily, so that ``scraper.models`` can be used without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scraper.models import Comment, FetchResult, ParsedPage, Post, SiteProfile

if TYPE_CHECKING:
    from scraper.fetch import Fetcher
    from scraper.parse import parse_page, parse_post

__version__ = "0.1.0"

__all__ = [
    "Comment",
    "FetchResult",
    "Fetcher",
    "ParsedPage",
    "Post",
    "SiteProfile",
    "__version__",
    "parse_page",
    "parse_post",
]


def __getattr__(name: str) -> Any:
    if name in ("parse_post", "parse_page"):
        from scraper import parse

        return getattr(parse, name)
    if name == "Fetcher":
        from scraper.fetch import Fetcher

        return Fetcher
    raise AttributeError(f"module 'scraper' has no attribute {name!r}")
