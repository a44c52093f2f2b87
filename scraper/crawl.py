"""The crawl loop: frontier -> fetch -> parse -> sink, until the frontier is empty.

The crawler owns no state that matters: the frontier and the sink are a ``CrawlStore`` (the
archive implements it), and each page's outcome is handed over in one call that the store makes
atomic. Kill the process at any moment and run the same crawl again: it resumes from the store.

Day/month order of ambiguous numeric dates (``4.12.2016``) is learned from every date seen on the
site so far and handed to the parser as a ``SiteProfile``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from scraper.discover import find_sitemap_entries, links_to_queue
from scraper.errors import FetchError
from scraper.models import FetchResult, PageOutcome, ParsedPage, QueueItem, SiteProfile
from scraper.urls import Scope, canonical_url

__all__ = ["CrawlEvent", "CrawlReport", "CrawlSettings", "CrawlStore", "Crawler"]

log = logging.getLogger(__name__)

ParseFn = Callable[[bytes | str, str, SiteProfile | None], ParsedPage]


class CrawlStore(Protocol):
    """Where the frontier lives and where outcomes go (``archive.frontier.SiteFrontier``)."""

    def has_pending(self) -> bool: ...
    def pending(self, limit: int) -> list[QueueItem]: ...
    def enqueue(self, items: Sequence[QueueItem]) -> int: ...
    def complete(self, outcome: PageOutcome) -> object: ...


class Fetches(Protocol):
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
class CrawlSettings:
    max_pages: int = 10_000
    max_depth: int = 50
    batch: int = 50
    use_sitemaps: bool = True


@dataclass(frozen=True)
class CrawlEvent:
    """One step of the crawl, for progress displays."""

    kind: str  # "fetched" | "not-modified" | "error"
    url: str
    page_kind: str | None = None
    comments: int = 0
    error: str | None = None


@dataclass
class CrawlReport:
    fetched: int = 0
    posts: int = 0
    comments: int = 0
    errors: int = 0
    not_modified: int = 0
    discovered: int = 0
    stopped_by_limit: bool = False
    dates_seen: list[str] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)


class Crawler:
    """Crawls one site through a Fetcher into a CrawlStore."""

    def __init__(
        self,
        fetcher: Fetches,
        store: CrawlStore,
        scope: Scope,
        *,
        parse: ParseFn,
        settings: CrawlSettings | None = None,
        profile: SiteProfile | None = None,
        resolve_order: Callable[[list[str]], tuple[str | None, str]] | None = None,
        on_event: Callable[[CrawlEvent], None] | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.store = store
        self.scope = scope
        self.parse = parse
        self.settings = settings or CrawlSettings()
        self.profile = profile or SiteProfile()
        self._resolve_order = resolve_order
        self.on_event = on_event or (lambda event: None)
        self.report = CrawlReport()

    def seed(self, start_url: str) -> int:
        """Queue the start URL and every page the sitemaps list. Returns how many were new."""
        start = canonical_url(start_url)
        items = [QueueItem(start, 0, "start")]
        if self.settings.use_sitemaps:
            for entry in find_sitemap_entries(self.fetcher, start, self.scope):
                try:
                    url = canonical_url(entry.url)
                except ValueError:
                    continue
                if self.scope.admits(url):
                    items.append(QueueItem(url, 1, "sitemap", lastmod=entry.lastmod))
        added = self.store.enqueue(items)
        self.report.discovered += added
        return added

    def run(self) -> CrawlReport:
        """Fetch pending pages until none is left or a limit is reached."""
        while self.store.has_pending():
            batch = self.store.pending(self.settings.batch)
            for item in batch:
                if self.report.fetched + self.report.errors >= self.settings.max_pages:
                    self.report.stopped_by_limit = True
                    return self.report
                self.store.complete(self._visit(item))
        return self.report

    def _visit(self, item: QueueItem) -> PageOutcome:
        try:
            result = self.fetcher.fetch(item.url, etag=item.etag, last_modified=item.last_modified)
        except FetchError as exc:
            self.report.errors += 1
            if len(self.report.error_samples) < 20:
                self.report.error_samples.append(f"{item.url}: {exc}")
            self.on_event(CrawlEvent("error", item.url, error=f"{exc.kind}: {exc}"))
            return PageOutcome(item, error_kind=exc.kind, error=str(exc), status=exc.status)
        if result.not_modified:
            self.report.not_modified += 1
            self.on_event(CrawlEvent("not-modified", item.url))
            return PageOutcome(item, result=result)
        self.report.fetched += 1
        page = self._parse(result, item)
        found: list[QueueItem] = []
        if page is not None:
            if page.dates_seen:
                self._learn_dates(page.dates_seen)
            if item.depth < self.settings.max_depth:
                found = links_to_queue(page, item, self.scope)
            if page.post is not None:
                self.report.posts += 1
                self.report.comments += len(page.post.comments)
        self.on_event(
            CrawlEvent(
                "fetched",
                item.url,
                page.kind if page else None,
                len(page.post.comments) if page and page.post else 0,
            )
        )
        return PageOutcome(item, result=result, page=page, found=tuple(found))

    def _parse(self, result: FetchResult, item: QueueItem) -> ParsedPage | None:
        if "html" not in result.content_type and result.body.lstrip()[:1] != b"<":
            return None
        try:
            return self.parse(result.body, result.final_url or item.url, self.profile)
        except Exception:  # the parser must never end a crawl; log and keep the raw page
            log.exception("parser failed on %s", item.url)
            return None

    def _learn_dates(self, dates: list[str]) -> None:
        self.report.dates_seen.extend(dates)
        if self._resolve_order is None:
            return
        order, evidence = self._resolve_order(self.report.dates_seen)
        if order and order != self.profile.date_order:
            self.profile = replace(
                self.profile,
                date_order=order,  # type: ignore[arg-type]
                date_order_evidence=evidence,
            )
