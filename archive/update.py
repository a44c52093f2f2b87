"""``update``: an incremental run over every site in the archive, made to run unattended from cron.

One run of one site:

1. robots.txt (unreachable: the run cannot happen), then every page the schedule
   (``archive.schedule``) says is due: young posts often, old ones rarely, failed pages and
   unconfirmed 404/410s on the next run. Each re-check is a conditional GET.
2. Every run, the start page (a listing of the newest posts) and the sitemaps and feeds: new
   posts show there. A sitemap or feed entry never seen before is queued; a known page whose
   ``lastmod`` moved forward is due now. When a listing page reveals a new post, its next page
   is checked too (a burst of new posts can push one onto page 2).
3. The crawler fetches the queue and follows new links found on fetched pages (a new post).
   Every page is saved in one transaction (``SiteFrontier.complete``), then rescheduled.

A post whose comments are split over several pages (``scraper.comment_pages``) is re-read whole
whenever its own page is fetched in full: every comment page is fetched again and merged. When its
own page answers 304, its comment pages are not asked: on WordPress a new comment lands on the
page the post's URL shows (the newest, by default), so that page changes too; an edit or removal
on an older comment page waits until the post's own page changes (a server that sends no
validators, as WordPress does not for its pages, answers in full every time). A comment page
that fails makes the run ``partial`` and the post due on the next run, fetched in full (no
validators); the comments it held stay in the archive, not marked removed.

A post page that answers 404/410 is re-checked on the next run, and the second answer in a row
marks the post deleted (``Archive.mark_gone``): a deletion takes two runs, so one hiccup of the
server never marks a post deleted. 404/410 are not errors of the run.

Outcome per site (``UpdateSummary.status``): ``ok``; ``partial`` when some pages failed (the
archive is still updated; exit code 1); ``failed`` when the run could not happen at all (robots.txt
unreachable, or no page got any answer; exit code 2).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Literal
from urllib.parse import parse_qsl, urlsplit

from archive.frontier import SiteFrontier
from archive.jobs import end_run_early, learn_order, learn_orders, parse_page_lazily
from archive.profiles import profile_of, save_profile
from archive.schedule import DEFAULT_POLICY, RecheckPolicy, Scheduler
from archive.store import Archive, SaveOutcome, Site
from scraper.crawl import Crawler, CrawlEvent, CrawlSettings
from scraper.fetch import Fetcher
from scraper.models import PageOutcome, QueueItem
from scraper.urls import Scope, canonical_url

__all__ = ["UpdateOptions", "UpdateSummary", "update_site", "worst_exit_code"]

GONE_STATUSES = (404, 410)
# frontier sources of sitemap and feed documents (scraper.discover.DOC_SOURCES)
DOC_SOURCES = ("sitemap-doc", "feed-doc")
#: Sources that name a URL as a page of the site (not a probe): a URL they name that was once
#: probed as missing is asked again.
NAMING_SOURCES = frozenset({"start", "sitemap", "feed", "link", "listing"})
#: Missing rows that count as unknown when named again: id-walk probes, not well-known places.
REVIVING_SOURCES = ("id-walk",)
#: Query parameters of a feed's later pages; only first pages are re-read every run.
FEED_PAGING = ("paged", "start-index", "page")
EXIT_CODES = {"ok": 0, "partial": 1, "failed": 2}
Status = Literal["ok", "partial", "failed"]


@dataclass(frozen=True)
class UpdateOptions:
    """How to run an update; per-site settings (delay, user agent, sweep_days) come from the
    site's stored settings.

    Args:
        full: re-check every known page now, whatever the schedule says.
        now: the moment of the run (tests and benchmarks play days with it).
        policy: the re-check schedule (a site's ``sweep_days`` setting overrides its sweep).
    """

    full: bool = False
    now: datetime | None = None
    policy: RecheckPolicy = DEFAULT_POLICY


@dataclass(frozen=True)
class UpdateSummary:
    """What one update of one site did. ``requests`` and ``bytes`` count every HTTP request of
    the run (robots.txt and sitemaps included) and the body bytes received."""

    site: str
    run_id: int
    status: Status
    requests: int = 0
    bytes: int = 0
    checked: int = 0
    not_modified: int = 0
    fetched: int = 0
    new_posts: int = 0
    changed_posts: int = 0
    new_comments: int = 0
    removed_comments: int = 0
    deleted_posts: int = 0
    gone: int = 0
    errors: int = 0
    seconds: float = 0.0
    message: str = ""
    error_samples: tuple[str, ...] = field(default_factory=tuple)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]


def worst_exit_code(summaries: Sequence[UpdateSummary]) -> int:
    """The exit code of a run over several sites: the worst of them."""
    return max((s.exit_code for s in summaries), default=0)


class _ScheduledFrontier(SiteFrontier):
    """The site's frontier, plus what an update needs: every completed page is rescheduled and
    counted the way an update reports it (404/410 are not errors); a sitemap or feed date that
    moved makes its page due; a URL once probed as missing (an id walk past the newest post)
    that a page or sitemap now names is asked again: it is probably the newest post."""

    def __init__(self, archive: Archive, site_id: int, run_id: int, scheduler: Scheduler) -> None:
        super().__init__(archive, site_id, run_id)
        self.scheduler = scheduler
        self.update_counts: Counter[str] = Counter()
        self.gone_urls: set[str] = set()

    def unknown(self, urls: Sequence[str]) -> set[str]:
        fresh = super().unknown(urls)
        return fresh | self.scheduler.missing(set(urls) - fresh, sources=REVIVING_SOURCES)

    def enqueue(self, items: Sequence[QueueItem]) -> int:
        moved = self.scheduler.apply_lastmods((i.url, i.lastmod) for i in items)
        revived = self.scheduler.revive([i.url for i in items if i.source in NAMING_SOURCES])
        added = super().enqueue(items)
        self.scheduler.mark_due(moved)
        return added + revived

    def complete(self, outcome: PageOutcome) -> SaveOutcome | None:
        url = outcome.item.url
        before = self._snapshot(url)
        found = outcome.found
        new_links = self.unknown([i.url for i in found])
        moved = self.scheduler.apply_lastmods((i.url, i.lastmod) for i in found)
        self.scheduler.revive([i.url for i in found if i.source in NAMING_SOURCES])
        saved = super().complete(outcome)
        self.scheduler.mark_due(moved)
        after = self._snapshot(url)
        self.update_counts["checked"] += 1
        answered = outcome.result is not None or outcome.expected_miss
        gone = outcome.status in GONE_STATUSES and not answered
        failed = not answered and not gone
        changed: bool | None = None
        if outcome.result is not None:
            changed = not outcome.result.not_modified and (
                (saved is not None and _saved_changed(saved)) or before[0] != after[0]
            )
        if gone:
            self.update_counts["gone"] += 1
            self.gone_urls.add(url)
            self.update_counts["deleted_posts"] += int(before[1] is None and after[1] is not None)
        elif failed:
            self.update_counts["errors"] += 1
        # A comment page that failed is an error of the run, and its post is due again next run
        # (its validators were dropped, so that run fetches it in full: see SiteFrontier).
        missed = sum(1 for request in outcome.comment_pages if request.failed)
        self.update_counts["errors"] += missed
        self.scheduler.record(url, changed=changed, failed=failed or missed > 0, gone=gone)
        page = outcome.page
        if new_links and page is not None and page.kind == "listing" and page.next_page:
            self._check_next_page(page.next_page)
        return saved

    def _check_next_page(self, href: str) -> None:
        with suppress(ValueError):
            self.scheduler.mark_due([canonical_url(href)])

    def _snapshot(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute(
            "SELECT pages.content_hash, posts.deleted_at FROM pages "
            "LEFT JOIN posts ON posts.url = pages.url WHERE pages.url = ?",
            [url],
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)


def _saved_changed(saved: SaveOutcome) -> bool:
    return bool(saved.status != "unchanged" or saved.new_comments or saved.removed_comments)


def update_site(
    archive: Archive,
    site: Site,
    options: UpdateOptions | None = None,
    *,
    fetcher: Fetcher | None = None,
    on_event: Callable[[CrawlEvent], None] | None = None,
) -> UpdateSummary:
    """Bring one site's archive up to date. Never raises for a page that fails: failures are
    recorded in the archive (``pages.error``, ``fetches``) and counted."""
    options = options or UpdateOptions()
    t0 = time.monotonic()
    now = options.now or datetime.now(timezone.utc)
    settings = site.settings
    policy = options.policy
    if settings.get("sweep_days"):
        policy = replace(policy, sweep_days=float(settings["sweep_days"]))
    scope = Scope.for_start(site.start_url, settings.get("scope"))
    run_id = archive.start_run(site.id, "update")
    scheduler = Scheduler(archive.db, site.id, now, policy)
    store = _ScheduledFrontier(archive, site.id, run_id, scheduler)
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(
        user_agent=settings.get("user_agent"),
        delay=float(settings.get("delay", 1.0)),
        in_scope=scope.__contains__,
        max_attempts=int(settings.get("retries", 4)),
    )
    try:
        robots = fetcher.robots(site.start_url)
        if robots.status == "unreachable":
            reason = robots.reason or "robots.txt could not be read"
            return _finish(archive, site, run_id, "failed", fetcher, store, t0, reason, [])
        scheduler.plan(full=options.full)
        start = canonical_url(site.start_url)
        scheduler.mark_due([start, *_discovery_documents(archive, site.id)])
        profile = profile_of(site)
        crawler = Crawler(
            fetcher,
            store,
            scope,
            parse=parse_page_lazily,
            settings=CrawlSettings(
                max_pages=int(settings.get("max_pages", 10_000)),
                max_depth=int(settings.get("max_depth", 50)),
            ),
            profile=profile,
            resolve_order=learn_order,
            resolve_orders=learn_orders,
            on_event=on_event,
        )
        crawler.seed(start)  # sitemap/feed entries pass through store.enqueue: lastmod compared
        report = crawler.run()
        if crawler.profile != profile:
            save_profile(archive, site.id, crawler.profile)
        answered = report.fetched + report.not_modified + store.update_counts["gone"]
        status: Status = (
            "failed"
            if store.update_counts["checked"] and not answered
            else "partial"
            if store.update_counts["errors"]
            else "ok"
        )
        samples = [s for s in report.error_samples if s.split(": ", 1)[0] not in store.gone_urls]
        message = "; ".join(samples[:3])
        return _finish(archive, site, run_id, status, fetcher, store, t0, message, samples)
    except BaseException as exc:  # Ctrl-C or a failing archive: end the run, never leave it open
        end_run_early(archive, run_id, _run_counts(fetcher, store), exc)
        raise
    finally:
        if own_fetcher:
            fetcher.close()


def _discovery_documents(archive: Archive, site_id: int) -> list[str]:
    """Sitemaps and feeds kept in the frontier: re-read every run, they reveal new posts."""
    rows = archive.db.execute(
        "SELECT url, source FROM pages WHERE site_id = ? AND source IN (?, ?)",
        [site_id, *DOC_SOURCES],
    ).fetchall()
    return [url for url, source in rows if source == "sitemap-doc" or _first_feed_page(url)]


def _first_feed_page(url: str) -> bool:
    query = dict(parse_qsl(urlsplit(url).query))
    return all(query.get(key, "1") in ("", "0", "1") for key in FEED_PAGING)


def _run_counts(fetcher: Fetcher, store: _ScheduledFrontier) -> dict[str, int]:
    """A run's counts so far, as the ``runs`` row keeps them."""
    stats = fetcher.stats
    fc = store.counts
    return {
        "requests": stats.requests,
        "bytes": stats.bytes_received,
        "pages_fetched": fc["pages_fetched"] - fc["not_modified"],
        "not_modified": fc["not_modified"],
        "new_posts": fc["new_posts"],
        "changed_posts": fc["changed_posts"],
        "unchanged_posts": fc["unchanged_posts"],
        "new_comments": fc["new_comments"],
        "removed_comments": fc["removed_comments"],
        "deleted_posts": store.update_counts["deleted_posts"],
        "errors": store.update_counts["errors"],
    }


def _finish(
    archive: Archive,
    site: Site,
    run_id: int,
    status: Status,
    fetcher: Fetcher,
    store: _ScheduledFrontier,
    t0: float,
    message: str,
    samples: list[str],
) -> UpdateSummary:
    counts = _run_counts(fetcher, store)
    if status == "failed" and not message:
        message = "no page of the site could be fetched"
    archive.finish_run(run_id, status, counts, message)
    return UpdateSummary(
        site=site.name,
        run_id=run_id,
        status=status,
        requests=counts["requests"],
        bytes=counts["bytes"],
        checked=store.update_counts["checked"],
        not_modified=counts["not_modified"],
        fetched=counts["pages_fetched"],
        new_posts=counts["new_posts"],
        changed_posts=counts["changed_posts"],
        new_comments=counts["new_comments"],
        removed_comments=counts["removed_comments"],
        deleted_posts=counts["deleted_posts"],
        gone=store.update_counts["gone"],
        errors=counts["errors"],
        seconds=time.monotonic() - t0,
        message=message,
        error_samples=tuple(samples[:20]),
    )
