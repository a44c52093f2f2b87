"""Crawl a synthetic site in-process and report what happened, for the discovery tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from archive.jobs import CrawlOptions, CrawlSummary, crawl_site
from archive.store import Archive
from sites.server import SiteServer

Response = tuple[int, str, bytes]


@dataclass(frozen=True)
class Crawled:
    summary: CrawlSummary
    requests: list[str]
    post_paths: set[str]
    page_paths: set[str]
    base: str


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def crawl(render: Callable[[str], Response], db: Path, *, start: str = "",
          options: CrawlOptions | None = None,
          on_start: Callable[[str], None] | None = None) -> Crawled:
    """Serve ``render`` on 127.0.0.1, crawl it into ``db`` and collect what was requested."""
    with SiteServer(render) as server:
        if on_start is not None:
            on_start(server.url.rstrip("/"))
        with Archive(db) as archive:
            summary = crawl_site(archive, server.url + start, options or CrawlOptions(delay=0))
            posts = {path_of(r[0]) for r in archive.db.execute("SELECT url FROM posts")}
            pages = {path_of(r[0]) for r in archive.db.execute("SELECT url FROM pages")}
        return Crawled(summary, server.log, posts, pages, server.url)
