"""The jobs behind the commands: a crawl of one site into the archive, and a re-parse of stored
pages. Like ``archive.cli``, this module wires the web side (``scraper``) and the storage side
together; the storage modules themselves never import the web side's HTTP or HTML libraries.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from archive.frontier import SiteFrontier
from archive.profiles import learn_site_profile, profile_of, save_profile
from archive.store import RUN_COUNT_COLUMNS, Archive, Site
from scraper.crawl import Crawler, CrawlEvent, CrawlSettings
from scraper.fetch import Fetcher
from scraper.models import ParsedPage, Post, SiteProfile
from scraper.urls import Scope, canonical_url

__all__ = ["CrawlOptions", "CrawlSummary", "crawl_site", "end_run_early", "reparse_site"]


@dataclass(frozen=True)
class CrawlOptions:
    delay: float = 1.0
    user_agent: str | None = None
    max_pages: int = 10_000
    max_depth: int = 50
    scope: str | None = None
    use_sitemaps: bool = True
    retries: int = 4


@dataclass
class CrawlSummary:
    site: str
    run_id: int
    status: str  # "ok" | "partial" | "failed"
    resumed: bool
    requests: int = 0
    fetched: int = 0
    not_modified: int = 0
    new_posts: int = 0
    changed_posts: int = 0
    unchanged_posts: int = 0
    new_comments: int = 0
    removed_comments: int = 0
    errors: int = 0
    posts_total: int = 0
    comments_total: int = 0
    seconds: float = 0.0
    stopped_by_limit: bool = False
    discovered: int = 0
    deferred: int = 0
    id_probes: int = 0
    missing: int = 0
    traps_refused: int = 0
    date_order: str | None = None
    error_samples: list[str] = field(default_factory=list)
    #: A first crawl that reached nothing: the site was not kept in the archive.
    forgotten: bool = False

    @property
    def exit_code(self) -> int:
        return {"ok": 0, "partial": 1}.get(self.status, 2)


def parse_page_lazily(html: bytes | str, url: str, site: SiteProfile | None) -> ParsedPage:
    from scraper.parse import parse_page

    return parse_page(html, url, site)


def learn_order(samples: list[str]) -> tuple[str | None, str]:
    from scraper.dates import resolve_order

    order, evidence = resolve_order(samples)
    return order, evidence


def learn_orders(samples: list[str]) -> dict[str, str]:
    from scraper.dates import resolve_orders

    return dict(resolve_orders(samples))


def crawl_site(
    archive: Archive,
    start_url: str,
    options: CrawlOptions,
    *,
    on_event: Callable[[CrawlEvent], None] | None = None,
    fetcher: Fetcher | None = None,
) -> CrawlSummary:
    """Crawl (or resume crawling) one site into ``archive``.

    A crawl whose frontier still has pending pages resumes; a finished one starts a new pass over
    every known page with conditional GETs. Never raises for a page that fails: failures are
    recorded and counted. Any exception (Ctrl-C included) ends the run as ``interrupted`` or
    ``failed`` with the counts so far, and is raised again.

    The site is registered before anything is fetched (its pages hang on it); when its very first
    crawl fails without a page (a typo'd or unreachable URL: every answer an error), or is
    stopped before the host answered at all, it is removed again (``CrawlSummary.forgotten``), so
    that later ``update`` runs do not try it. A site with a post is never removed.
    """
    t0 = time.monotonic()
    start = canonical_url(start_url)
    scope = Scope.for_start(start, options.scope)
    new_site = archive.site(start) is None
    site = archive.ensure_site(start, scope.host + scope.prefix, stored_settings(options))
    run_id = archive.start_run(site.id, "crawl")
    frontier = SiteFrontier(archive, site.id, run_id)
    try:
        summary = _crawl(archive, site, run_id, frontier, start, scope, options, t0, on_event,
                         fetcher)
    except BaseException as exc:
        end_run_early(archive, run_id, frontier.counts, exc)
        if new_site:  # stopped before the host ever answered: nothing to resume
            with suppress(Exception):
                _forget_if_empty(archive, site, answers=ANY_ANSWER)
        raise
    if new_site and summary.status == "failed":
        summary.forgotten = _forget_if_empty(archive, site, answers=GOOD_ANSWER)
    return summary


#: The options a crawl remembers as the site's settings, for later runs (``update``, and a
#: ``crawl`` that does not give them). ``max_pages`` is not among them: ``crawl --max-pages`` is
#: a limit for that run only (``sites set --max-pages`` stores one).
STORED_OPTIONS = ("delay", "user_agent", "max_depth", "scope", "retries")


def stored_settings(options: CrawlOptions) -> dict[str, Any]:
    """What a crawl with ``options`` stores as its site's settings (``STORED_OPTIONS``)."""
    return {key: getattr(options, key) for key in STORED_OPTIONS}


def crawl_options(
    archive: Archive, start_url: str, given: Mapping[str, Any], *, max_pages: int | None = None
) -> CrawlOptions:
    """The options of a crawl of ``start_url``: each one given (not None), else the site's stored
    setting, else the default. ``max_pages`` given bounds this run only; not given, the site's
    stored ``max_pages`` does."""
    site = archive.site(canonical_url(start_url))
    stored = site.settings if site is not None else {}
    values: dict[str, Any] = {}
    for key in STORED_OPTIONS:
        value = given.get(key)
        values[key] = value if value is not None else stored.get(key)
    values["max_pages"] = max_pages if max_pages is not None else stored.get("max_pages")
    return CrawlOptions(**{k: v for k, v in values.items() if v is not None})


def end_run_early(
    archive: Archive, run_id: int, counts: Mapping[str, int], exc: BaseException
) -> None:
    """Record the end of a run an exception stopped: ``interrupted`` for Ctrl-C, ``failed`` for
    anything else, with the counts so far. Never raises: the archive itself may be what failed
    (a full disk), and then the next run that takes the lock marks it (``end_stale_runs``)."""
    if isinstance(exc, KeyboardInterrupt):
        status, message = "interrupted", "stopped by Ctrl-C"
    else:
        status, message = "failed", f"{type(exc).__name__}: {exc}"
    with suppress(Exception):
        archive.finish_run(
            run_id, status, {c: counts.get(c, 0) for c in RUN_COUNT_COLUMNS}, message
        )


#: Fetches that show a site was reached: any HTTP answer; any page (2xx, or 304 unchanged).
ANY_ANSWER = "status IS NOT NULL"
GOOD_ANSWER = "status BETWEEN 200 AND 399"


def _forget_if_empty(archive: Archive, site: Site, *, answers: str) -> bool:
    """Remove a site that has no post and no fetch matching ``answers``; True if removed."""
    from archive.sites import remove_site

    answered = archive.db.execute(
        "SELECT count(*) FROM fetches WHERE page_id IN (SELECT id FROM pages WHERE site_id = ?) "
        f"AND {answers}",
        [site.id],
    ).fetchone()[0]
    if answered or archive.counts(site.id)["posts"]:
        return False
    remove_site(archive, site)
    return True


def _crawl(
    archive: Archive,
    site: Site,
    run_id: int,
    frontier: SiteFrontier,
    start: str,
    scope: Scope,
    options: CrawlOptions,
    t0: float,
    on_event: Callable[[CrawlEvent], None] | None,
    fetcher: Fetcher | None,
) -> CrawlSummary:
    resumed = frontier.has_pending()
    if not resumed and frontier.known():
        frontier.start_pass()
    profile = profile_of(site)
    learner = _EarlyLearner(archive, site.id, on_event)
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(
        user_agent=options.user_agent,
        delay=options.delay,
        in_scope=scope.__contains__,
        max_attempts=options.retries,
    )
    try:
        crawler = Crawler(
            fetcher,
            frontier,
            scope,
            parse=parse_page_lazily,
            settings=CrawlSettings(
                max_pages=options.max_pages,
                max_depth=options.max_depth,
                use_sitemaps=options.use_sitemaps,
            ),
            profile=profile,
            resolve_order=learn_order,
            resolve_orders=learn_orders,
            on_event=learner,
        )
        learner.crawler = crawler
        crawler.seed(start)
        report = crawler.run()
        http_requests = fetcher.stats.requests
    finally:
        if own_fetcher:
            fetcher.close()
    final = crawler.profile
    if not final.boilerplate:
        final = learn_site_profile(archive, site.id, final)
    if final != profile_of(archive.site(site.id) or site):
        save_profile(archive, site.id, final)
    reparse_site(archive, site.id, final, only_stale=True)
    counts = dict(frontier.counts)
    fetched_any = report.fetched + report.not_modified > 0
    status = "failed" if not fetched_any else ("ok" if report.errors == 0 else "partial")
    message = "; ".join(report.error_samples[:3])
    archive.finish_run(run_id, status, counts, message)
    totals = archive.counts(site.id)
    return CrawlSummary(
        site=site.name,
        run_id=run_id,
        status=status,
        resumed=resumed,
        requests=http_requests,
        fetched=report.fetched,
        not_modified=report.not_modified,
        new_posts=counts.get("new_posts", 0),
        changed_posts=counts.get("changed_posts", 0),
        unchanged_posts=counts.get("unchanged_posts", 0),
        new_comments=counts.get("new_comments", 0),
        removed_comments=counts.get("removed_comments", 0),
        errors=report.errors,
        posts_total=totals["posts"],
        comments_total=totals["comments"],
        seconds=time.monotonic() - t0,
        stopped_by_limit=report.stopped_by_limit,
        discovered=frontier.totals()[0],
        deferred=report.deferred,
        id_probes=report.probes,
        missing=report.missing,
        traps_refused=report.traps_refused,
        date_order=final.date_order,
        error_samples=report.error_samples,
    )


class _EarlyLearner:
    """Crawl-event hook that learns the site template once enough posts are stored, so that the
    rest of a first crawl parses with it and only the first few posts need parsing again."""

    def __init__(
        self, archive: Archive, site_id: int, forward: Callable[[CrawlEvent], None] | None
    ) -> None:
        self.archive = archive
        self.site_id = site_id
        self.forward = forward
        self.crawler: Crawler | None = None
        self.posts = 0

    def __call__(self, event: CrawlEvent) -> None:
        if self.forward is not None:
            self.forward(event)
        crawler = self.crawler
        if crawler is None or crawler.profile.boilerplate or event.page_kind != "post":
            return
        self.posts += 1
        if self.posts == LEARN_AFTER_POSTS:
            crawler.profile = learn_site_profile(self.archive, self.site_id, crawler.profile)
            if crawler.profile.boilerplate:
                save_profile(self.archive, self.site_id, crawler.profile)


#: Posts stored before the site template is learned (and the crawl goes on parsing with it).
LEARN_AFTER_POSTS = 12


def _crawl_epoch_start(archive: Archive, site_id: int) -> str | None:
    """When the site's current crawl began: the first run after its last finished one. Posts first
    seen since then were parsed before the site's profile was complete (a first crawl, maybe
    killed and resumed), so correcting them is not a new version."""
    last_done = archive.db.execute(
        "SELECT max(started_at) FROM runs WHERE site_id = ? AND finished_at IS NOT NULL "
        "AND status IN ('ok', 'partial')",
        [site_id],
    ).fetchone()[0]
    row = archive.db.execute(
        "SELECT min(started_at) FROM runs WHERE site_id = ? AND started_at > ?",
        [site_id, last_done or ""],
    ).fetchone()
    return row[0] if row else None


def reparse_site(
    archive: Archive, site_id: int, profile: SiteProfile, *, only_stale: bool = False
) -> dict[str, int]:
    """Re-run the parser over the stored raw pages of a site's posts, with no network.

    A changed result is recorded as a new version, except for posts first seen in the site's
    current crawl (see ``_crawl_epoch_start``), which are corrected in place. With
    ``only_stale``, only posts parsed with another profile than ``profile`` are parsed again.
    """
    counts = {"new": 0, "changed": 0, "unchanged": 0, "missing": 0}
    epoch = _crawl_epoch_start(archive, site_id)
    key = profile.key()
    sql = "SELECT url, blob_hash, first_seen FROM posts WHERE site_id = ?"
    if only_stale:
        sql += " AND profile_key IS NOT ?"
    rows = archive.db.execute(
        sql + " ORDER BY id", [site_id, key] if only_stale else [site_id]
    ).fetchall()
    for url, blob_hash, first_seen in rows:
        body = archive.raw_body(blob_hash) if blob_hash else None
        if body is None:
            counts["missing"] += 1
            continue
        page = parse_page_lazily(body, url, profile)
        if page.post is None:
            counts["unchanged"] += 1
            continue
        post, complete = _with_stored_comment_pages(archive, page, profile)
        in_place = epoch is not None and first_seen >= epoch
        outcome = archive.save_post(
            site_id, post, url=url, blob_hash=blob_hash, in_place=in_place, profile_key=key,
            comments_complete=complete,
        )
        counts[outcome.status] += 1
    return counts


def _with_stored_comment_pages(
    archive: Archive, page: ParsedPage, profile: SiteProfile
) -> tuple[Post, bool]:
    """The page's post with the comments of its other comment pages, read from their last
    stored copies (``fetches``); and whether every one of them was there. A comment page never
    stored leaves the result incomplete, so its comments are not marked removed."""
    from scraper.comment_pages import Missing, gather

    assert page.post is not None
    if not page.comment_pages:
        return page.post, True

    def stored(url: str) -> ParsedPage | Missing:
        row = archive.db.execute(
            "SELECT blob_hash FROM fetches WHERE url = ? AND blob_hash IS NOT NULL "
            "AND error_kind IS NULL ORDER BY id DESC LIMIT 1",
            [url],
        ).fetchone()
        body = archive.raw_body(row[0]) if row else None
        if body is None:
            return Missing(url, "not-stored", "no stored copy of the comment page")
        return parse_page_lazily(body, page.url, profile)

    gathered = gather(page, stored)
    if gathered is None:
        return page.post, True
    return gathered.post, gathered.complete
