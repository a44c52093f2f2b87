"""The crawl loop: frontier -> fetch -> parse -> sink, until nothing worth fetching is left.

The crawler owns no state that matters: the frontier and the sink are a ``CrawlStore`` (the
archive implements it), and each page's outcome — the fetch, the page, the post and every URL
found on it — is handed over in one call that the store makes atomic. Kill the process at any
moment and run the same crawl again: it resumes from the store, and what it learned (URL shapes,
sitemap trust) is rebuilt from the store's rows, so it decides as an uninterrupted run would.

Order of work: sitemaps and feeds, the start page, listed and likely posts, id-walk probes, then
listings and static pages — which are skipped altogether when sitemaps or a paged feed are
trusted to cover every post (``scraper.coverage``). Day/month order of ambiguous numeric dates
(``4.12.2016``) is learned from every date seen so far and handed to the parser.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from scraper.comment_pages import MAX_COMMENT_PAGES, Fetched, PageFetcher, fetch_comment_pages
from scraper.coverage import Coverage, FrontierRow
from scraper.discover import DEFER_BELOW, DOC_SOURCES, Discovery, Priority
from scraper.errors import FetchError
from scraper.feeds import first_feed_url, parse_feed, well_known_feeds
from scraper.idwalk import KnownPage, plan_probes
from scraper.models import FetchResult, PageOutcome, ParsedPage, QueueItem, SiteProfile
from scraper.sitemaps import parse_sitemap, well_known_sitemaps
from scraper.traps import TrapGuard
from scraper.urlkinds import PatternStats, is_listing_url
from scraper.urls import Scope, canonical_url, is_comment_page_url

__all__ = ["CrawlEvent", "CrawlReport", "CrawlSettings", "CrawlStore", "Crawler", "FrontierRow"]

log = logging.getLogger(__name__)

ParseFn = Callable[[bytes | str, str, SiteProfile | None], ParsedPage]
GONE = (404, 410)
#: Numeric dates kept for day/month-order resolution; past this the order is settled.
MAX_DATE_SAMPLES = 2_000


class CrawlStore(Protocol):
    """Where the frontier lives and where outcomes go (``archive.frontier.SiteFrontier``)."""

    def has_pending(self) -> bool: ...
    def pending(self, limit: int) -> list[QueueItem]: ...
    def enqueue(self, items: Sequence[QueueItem]) -> int: ...
    def complete(self, outcome: PageOutcome) -> object: ...
    def unknown(self, urls: Sequence[str]) -> set[str]: ...
    def rows(self) -> list[FrontierRow]: ...
    def defer(self, below: int) -> int: ...
    def undefer(self) -> int: ...
    def totals(self) -> tuple[int, int]: ...


class Fetches(PageFetcher, Protocol):
    def robots(self, url: str) -> object: ...


@dataclass(frozen=True)
class CrawlSettings:
    max_pages: int = 10_000
    max_depth: int = 50
    batch: int = 20
    use_sitemaps: bool = True
    use_feeds: bool = True
    id_walk: bool = True
    max_comment_pages: int = MAX_COMMENT_PAGES


@dataclass(frozen=True)
class CrawlEvent:
    """One step of the crawl, for progress displays. ``discovered`` and ``pending`` are the
    frontier's totals after the step."""

    kind: str  # "fetched" | "not-modified" | "error" | "missing"
    url: str
    page_kind: str | None = None
    comments: int = 0
    error: str | None = None
    discovered: int = 0
    pending: int = 0


@dataclass
class CrawlReport:
    fetched: int = 0
    posts: int = 0
    comments: int = 0
    errors: int = 0
    not_modified: int = 0
    missing: int = 0
    discovered: int = 0
    deferred: int = 0
    probes: int = 0
    traps_refused: int = 0
    comment_pages: int = 0
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
        resolve_orders: Callable[[list[str]], Mapping[str, str]] | None = None,
        on_event: Callable[[CrawlEvent], None] | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.store = store
        self.scope = scope
        self.parse = parse
        self.settings = settings or CrawlSettings()
        self.profile = profile or SiteProfile()
        # A day/month order already settled for the site (by an earlier run) stays fixed: re-runs
        # must parse exactly as the first run did.
        self._order_fixed = self.profile.date_order is not None
        self._orders_fixed = bool(self.profile.date_orders)
        self._resolve_orders = resolve_orders
        self._resolve_order = resolve_order
        self.on_event = on_event or (lambda event: None)
        self.report = CrawlReport()
        self.discovery = Discovery(scope, self.settings.max_depth, PatternStats(), TrapGuard())
        self.coverage = Coverage()
        self._coverage_dirty = True
        self.start_url: str | None = None
        self._claims: dict[str, str] = {}  # canonical target -> the page that named it

    # ------------------------------------------------------------------ seeding

    def seed(self, start_url: str) -> int:
        """Queue the start URL and the site's sitemaps. Returns how many URLs were new."""
        start = self.scope.normalise(start_url) or canonical_url(start_url)
        self.start_url = start
        self._restore()
        added = self.store.enqueue([QueueItem(start, 0, "start", priority=Priority.START)])
        if self.settings.use_sitemaps:
            added += self._seed_sitemaps(start)
        self.report.discovered += added
        return added

    def _restore(self) -> None:
        """Rebuild what was learned from the store (a no-op on an empty one)."""
        rows = self.store.rows()
        self.coverage = Coverage.of(rows)
        self._coverage_dirty = False
        for row in rows:
            self.discovery.guard.remember(row.url)
            if row.kind in ("post", "listing", "other"):
                self.discovery.stats.record(row.url, row.kind)

    def _seed_sitemaps(self, start: str) -> int:
        robots = self.fetcher.robots(start)
        listed = [str(u) for u in getattr(robots, "sitemaps", ()) if self.scope.same_site(str(u))]
        if listed:
            docs = [QueueItem(u, 0, "sitemap-doc", priority=Priority.DOC) for u in listed]
            return self.store.enqueue(docs)
        probes = well_known_sitemaps(start)
        if len(self.store.unknown(probes)) < len(probes):
            return 0  # probed on an earlier run: its answer is in the frontier
        for url in probes:
            item = QueueItem(url, 0, "sitemap-doc", priority=Priority.DOC)
            try:
                result = self.fetcher.fetch(url, accept="xml")
            except FetchError as exc:
                self._probe_missed(item, exc)
                continue
            entries = parse_sitemap(result.body, result.final_url)
            if entries:
                found = tuple(self._new(self.discovery.from_sitemap(entries, item)))
                self.store.complete(PageOutcome(item, result=result, found=found, kind="sitemap"))
                self._coverage_dirty = True
                return len(found)
        return 0

    # ------------------------------------------------------------------ the loop

    def run(self) -> CrawlReport:
        """Fetch pending pages until none is left or a limit is reached."""
        if self.start_url is None:
            self._restore()
        while True:
            self._drain()
            if self.report.stopped_by_limit:
                break
            if self.settings.id_walk and self._walk_ids():
                continue
            if self._covered(fresh=True):
                break
            if self.store.undefer():
                continue
            break
        self.report.traps_refused = self.discovery.guard.refused
        return self.report

    def _drain(self) -> None:
        while self.store.has_pending():
            found_priority = 0
            for item in self.store.pending(self.settings.batch):
                if found_priority > item.priority:
                    break  # something more urgent was found: take a fresh batch
                if self.report.fetched + self.report.errors >= self.settings.max_pages:
                    self.report.stopped_by_limit = True
                    return
                if item.priority < DEFER_BELOW and self._covered():
                    self.report.deferred += self.store.defer(DEFER_BELOW)
                    break
                outcome = self._visit(item)
                self.store.complete(outcome)
                self._account(outcome)
                found_priority = max((q.priority for q in outcome.found), default=0)

    def _walk_ids(self) -> bool:
        rows = self.store.rows()
        probes = plan_probes(KnownPage(r.url, r.kind) for r in rows if r.state != "deferred")
        items = [QueueItem(u, 1, "id-walk", priority=Priority.ID_WALK) for u in probes]
        added = self.store.enqueue([i for i in items if self.scope.admits(i.url)])
        self.report.probes += added
        return added > 0

    def _covered(self, *, fresh: bool = False) -> bool:
        if fresh or self._coverage_dirty:
            self.coverage = Coverage.of(self.store.rows())
            self._coverage_dirty = False
        return self.coverage.covered()

    def _account(self, outcome: PageOutcome) -> None:
        item = outcome.item
        kind = outcome.kind or (outcome.page.kind if outcome.page else None)
        if item.source in DOC_SOURCES or item.source in ("sitemap", "feed"):
            self._coverage_dirty = True
        elif not self._coverage_dirty:
            state = "done" if outcome.result is not None else "failed"
            self.coverage.add(FrontierRow(item.url, kind, item.source, outcome.status, state))
        if kind in ("post", "listing", "other") and outcome.result is not None:
            self.discovery.stats.record(item.url, kind)

    # ------------------------------------------------------------------ one item

    def _visit(self, item: QueueItem) -> PageOutcome:
        doc = item.source in DOC_SOURCES
        try:
            result = self.fetcher.fetch(
                item.url, etag=item.etag, last_modified=item.last_modified,
                accept="xml" if doc else "html",
            )
        except FetchError as exc:
            return self._failed(item, exc)
        if result.not_modified:
            self.report.not_modified += 1
            self._emit(CrawlEvent("not-modified", item.url))
            return PageOutcome(item, result=result)
        self.report.fetched += 1
        if doc:
            outcome = self._document(item, result)
            self._emit(CrawlEvent("fetched", item.url, outcome.kind))
            return outcome
        parsed_with = self.profile.key()
        page = self._parse(result, item)
        found: list[QueueItem] = []
        store_as = None
        paged: Fetched | None = None
        if page is not None:
            page = self._reclassify(page, item)
            if page.dates_seen:
                self._learn_dates(page.dates_seen)
            found = self._links(page, item)
            store_as = self._store_as(page, item, result)
            paged = self._comment_pages(page)
            if paged is not None:
                page = replace(page, post=paged.gathered.post)
                found = [q for q in found if q.url not in page.comment_pages]
            if page.post is not None:
                self.report.posts += 1
                self.report.comments += len(page.post.comments)
            if item.source == "start" and self.settings.use_feeds:
                found += self._probe_feeds(page)
        comments = len(page.post.comments) if page and page.post else 0
        self._emit(CrawlEvent("fetched", item.url, page.kind if page else None, comments))
        # A page stored under another URL is an alias: not a post of its own URL shape.
        kind = "alias" if store_as else None
        return PageOutcome(item, result=result, page=page, found=tuple(found), store_as=store_as,
                           kind=kind, profile_key=parsed_with,
                           comment_pages=paged.requests if paged else (),
                           comments_complete=paged.gathered.complete if paged else True)

    def _comment_pages(self, page: ParsedPage) -> Fetched | None:
        """Fetch the post's other comment pages and merge their comments into it (bounded by
        ``max_comment_pages``); a page that fails is reported like any failed fetch."""
        if page.post is None or not page.comment_pages or self.settings.max_comment_pages <= 0:
            return None
        paged = fetch_comment_pages(
            page, self.fetcher, lambda body, url: self.parse(body, url, self.profile),
            self.scope.__contains__, limit=self.settings.max_comment_pages,
        )
        for request in paged.requests if paged else ():
            if request.result is not None:
                self.report.comment_pages += 1
            elif request.failed:
                self.report.errors += 1
                if len(self.report.error_samples) < 20:
                    self.report.error_samples.append(f"{request.url}: {request.error}")
                self._emit(CrawlEvent("error", request.url, error=f"{request.error_kind}: "
                                                                  f"{request.error}"))
        return paged

    def _failed(self, item: QueueItem, exc: FetchError) -> PageOutcome:
        expected = exc.status in GONE and (item.source == "id-walk" or item.source in DOC_SOURCES)
        if expected:
            self.report.missing += 1
            self._emit(CrawlEvent("missing", item.url))
        else:
            self.report.errors += 1
            if len(self.report.error_samples) < 20:
                self.report.error_samples.append(f"{item.url}: {exc}")
            self._emit(CrawlEvent("error", item.url, error=f"{exc.kind}: {exc}"))
        return PageOutcome(item, error_kind=exc.kind, error=str(exc), status=exc.status,
                           expected_miss=expected)

    def _document(self, item: QueueItem, result: FetchResult) -> PageOutcome:
        if item.source == "sitemap-doc":
            entries = parse_sitemap(result.body, result.final_url)
            found = self.discovery.from_sitemap(entries, item)
            return PageOutcome(item, result=result, found=tuple(self._new(found)), kind="sitemap")
        feed = parse_feed(result.body, result.final_url)
        counts = self._covered_counts()
        page_through = counts.sitemap_docs == 0 and counts.sitemap_posts == 0
        found = self.discovery.from_feed(feed, item, page_through=page_through)
        kind = self.discovery.feed_kind(feed, item, page_through=page_through)
        return PageOutcome(item, result=result, found=tuple(self._new(found)), kind=kind)

    def _covered_counts(self) -> Coverage:
        if self._coverage_dirty:
            self._covered()
        return self.coverage

    def _links(self, page: ParsedPage, item: QueueItem) -> list[QueueItem]:
        found = self.discovery.from_page(page, item)
        new = self._new(found)
        stale = not any(q.source != "listing" for q in new)
        if item.source == "listing" and page.kind == "listing" and stale:
            # Endless pagination: a "next" page that adds nothing new ends the chain.
            new = [q for q in new if q.source != "listing"]
        return [self._with_feed_page_size(q) for q in new]

    def _new(self, items: Sequence[QueueItem]) -> list[QueueItem]:
        """Items whose URL the frontier does not know yet (or that upgrade a known URL's
        source to sitemap/feed), past the trap guard."""
        if not items:
            return []
        unknown = self.store.unknown([q.url for q in items])
        fresh = [q for q in items if q.url in unknown]
        listed = [q for q in items if q.url not in unknown and q.source in ("sitemap", "feed")]
        return self.discovery.admit_new(fresh) + listed

    def _with_feed_page_size(self, item: QueueItem) -> QueueItem:
        if item.source != "feed-doc":
            return item
        return replace(item, url=first_feed_url(item.url))

    def _probe_feeds(self, page: ParsedPage) -> list[QueueItem]:
        """No announced feed and no sitemap: try the well-known feed places, first hit wins."""
        if page.feeds or self._covered_counts().sitemap_docs or self.start_url is None:
            return []
        probes = well_known_feeds(self.start_url)
        if len(self.store.unknown(probes)) < len(probes):
            return []
        for url in probes:
            item = QueueItem(url, 0, "feed-doc", priority=Priority.DOC)
            try:
                result = self.fetcher.fetch(url, accept="xml")
            except FetchError as exc:
                self._probe_missed(item, exc)
                continue
            if parse_feed(result.body, result.final_url).entries:
                return [item]
        return []

    def _probe_missed(self, item: QueueItem, exc: FetchError) -> None:
        """Record a well-known place that does not answer, so no later run asks it again."""
        log.debug("probe %s: %s", item.url, exc)
        if exc.status in GONE:
            self.store.complete(PageOutcome(item, error_kind=exc.kind, error=str(exc),
                                            status=exc.status, expected_miss=True))

    # ------------------------------------------------------------------ page kinds

    def _reclassify(self, page: ParsedPage, item: QueueItem) -> ParsedPage:
        """The parser's kind, corrected by what the site has shown: a "post" at a listing URL
        (``?tag=``) whose shape never held a post is a listing; an undated "post" outside the
        site's learned post shapes is a static page; a comment page (``/comment-page-2/``) is
        never a post of its own."""
        if page.kind != "post" or page.post is None:
            return page
        if is_comment_page_url(item.url):  # queued by an older version: part of its post
            return replace(page, kind="other", post=None)
        stats = self.discovery.stats
        if stats.posts_of(item.url) or stats.learned(item.url) == "post":
            return page
        if is_listing_url(item.url):
            return replace(page, kind="listing", post=None)
        if page.post.published is None and stats.any_post_shape():
            return replace(page, kind="other", post=None)
        return page

    def _store_as(self, page: ParsedPage, item: QueueItem, result: FetchResult) -> str | None:
        """The URL to store a post under when the page names another in-scope URL as itself
        (``rel=canonical``) or was redirected there; never the site's root or start page."""
        if page.post is None:
            return None
        for candidate in (page.canonical_url, result.final_url):
            target = self.scope.normalise(candidate) if candidate else None
            if target is None or target == item.url or target == self.start_url:
                continue
            if target.rstrip("/").count("/") <= 2 or is_listing_url(target):
                continue
            if self._claims.setdefault(target, item.url) != item.url:
                return None  # two pages name one canonical: a template bug, not an alias
            return target
        return None

    # ------------------------------------------------------------------ helpers

    def _parse(self, result: FetchResult, item: QueueItem) -> ParsedPage | None:
        if "html" not in result.content_type and result.body.lstrip()[:1] != b"<":
            return None
        try:
            return self.parse(result.body, result.final_url or item.url, self.profile)
        except Exception:  # the parser must never end a crawl; log and keep the raw page
            log.exception("parser failed on %s", item.url)
            return None

    def _emit(self, event: CrawlEvent) -> None:
        known, pending = self.store.totals()
        self.on_event(replace(event, discovered=known, pending=pending))

    def _learn_dates(self, dates: list[str]) -> None:
        if len(self.report.dates_seen) >= MAX_DATE_SAMPLES:
            return
        self.report.dates_seen.extend(dates)
        if self._resolve_orders is not None and not self._orders_fixed:
            orders = dict(self._resolve_orders(self.report.dates_seen))
            if orders != dict(self.profile.date_orders):
                self.profile = replace(self.profile, date_orders=orders)  # type: ignore[arg-type]
        if self._resolve_order is None or self._order_fixed:
            return
        order, evidence = self._resolve_order(self.report.dates_seen)
        if order and order != self.profile.date_order:
            self.profile = replace(
                self.profile,
                date_order=order,  # type: ignore[arg-type]
                date_order_evidence=evidence,
            )

