"""The archive's side of a crawl: the frontier (``pages`` rows) and the sink for fetched pages.

``SiteFrontier`` implements the ``CrawlStore`` protocol of ``scraper.crawl`` structurally (the
scraper never imports the archive). Every ``complete()`` is one transaction: the fetch record,
the raw body, the page's state, the post and its comments, and the links found on it are written
together or not at all — so ``kill -9`` at any moment leaves a frontier that resumes exactly where
it stopped, with nothing lost and nothing doubled.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from archive.blobs import put_blob
from archive.store import Archive, SaveOutcome, utcnow
from scraper.coverage import FrontierRow
from scraper.models import PageOutcome, QueueItem
from scraper.urls import slash_variant

__all__ = ["SiteFrontier"]

GONE_STATUSES = (404, 410)
#: Sources that vouch for a URL being a post; they replace a weaker source on a known URL.
LISTED_SOURCES = ("sitemap", "feed")
#: Row states: ``pending`` (to fetch), ``done``, ``failed``, ``missing`` (an expected 404: an
#: id-walk probe past the end, a feed page past the last), ``deferred`` (a listing or static page
#: not worth fetching because sitemaps/feeds cover every post), ``skipped``.
IN_CHUNKS = 500
#: ``pages.error_kind`` of a post page stored without one of its comment pages.
COMMENT_PAGE_ERROR = "comment-page"


class SiteFrontier:
    """Frontier and sink of one crawl run of one site."""

    def __init__(self, archive: Archive, site_id: int, run_id: int) -> None:
        self.archive = archive
        self.db = archive.db
        self.site_id = site_id
        self.run_id = run_id
        self.counts: Counter[str] = Counter()

    # -------------------------------------------------------------- frontier

    def has_pending(self) -> bool:
        return bool(
            self.db.execute(
                "SELECT 1 FROM pages WHERE site_id = ? AND state = 'pending' LIMIT 1",
                [self.site_id],
            ).fetchone()
        )

    def known(self) -> int:
        return int(
            self.db.execute(
                "SELECT count(*) FROM pages WHERE site_id = ?", [self.site_id]
            ).fetchone()[0]
        )

    def start_pass(self) -> int:
        """Queue every known page again (a new pass over a finished crawl); validators are kept
        so the pass uses conditional GETs. Expected misses (``missing``) are not asked again.
        Returns how many pages were queued."""
        with self.db.atomic():
            cur = self.db.execute(
                "UPDATE pages SET state = 'pending' WHERE site_id = ? "
                "AND state NOT IN ('pending', 'skipped', 'missing')",
                [self.site_id],
            )
        return cur.rowcount

    def pending(self, limit: int) -> list[QueueItem]:
        """The next pending items, highest priority first, then oldest."""
        rows = self.db.execute(
            "SELECT url, depth, source, etag, last_modified, lastmod, priority FROM pages "
            "WHERE site_id = ? AND state = 'pending' ORDER BY priority DESC, id LIMIT ?",
            [self.site_id, limit],
        ).fetchall()
        return [
            QueueItem(r[0], r[1] or 0, r[2] or "link", r[3], r[4], r[5], r[6] or 0) for r in rows
        ]

    def unknown(self, urls: Sequence[str]) -> set[str]:
        """Those of ``urls`` the frontier has no row for (nor for their trailing-slash twin)."""
        wanted = {u: slash_variant(u) for u in urls}
        probe = sorted({*wanted, *(v for v in wanted.values() if v)})
        known: set[str] = set()
        for i in range(0, len(probe), IN_CHUNKS):
            chunk = probe[i : i + IN_CHUNKS]
            marks = ", ".join("?" * len(chunk))
            known.update(
                r[0]
                for r in self.db.execute(f"SELECT url FROM pages WHERE url IN ({marks})", chunk)
            )
        return {u for u, twin in wanted.items() if u not in known and twin not in known}

    def rows(self) -> list[FrontierRow]:
        """Every row of the site's frontier, in insertion order."""
        return [
            FrontierRow(r[0], r[1], r[2], r[3], r[4])
            for r in self.db.execute(
                "SELECT url, kind, source, status, state FROM pages WHERE site_id = ? ORDER BY id",
                [self.site_id],
            )
        ]

    def totals(self) -> tuple[int, int]:
        """(known URLs, pending URLs) of the site."""
        row = self.db.execute(
            "SELECT count(*), coalesce(sum(state = 'pending'), 0) FROM pages WHERE site_id = ?",
            [self.site_id],
        ).fetchone()
        return int(row[0]), int(row[1])

    def defer(self, below: int) -> int:
        """Set aside pending pages of priority < ``below`` (state ``deferred``)."""
        with self.db.atomic():
            cur = self.db.execute(
                "UPDATE pages SET state = 'deferred' WHERE site_id = ? AND state = 'pending' "
                "AND priority < ?",
                [self.site_id, below],
            )
        return cur.rowcount

    def undefer(self) -> int:
        """Queue every deferred page again; returns how many."""
        with self.db.atomic():
            cur = self.db.execute(
                "UPDATE pages SET state = 'pending' WHERE site_id = ? AND state = 'deferred'",
                [self.site_id],
            )
        return cur.rowcount

    def enqueue(self, items: Sequence[QueueItem]) -> int:
        with self.db.atomic():
            return self._enqueue(items)

    def _enqueue(self, items: Sequence[QueueItem]) -> int:
        now = utcnow()
        added = 0
        for item in items:
            cur = self.db.execute(
                "INSERT OR IGNORE INTO pages (site_id, url, state, depth, source, lastmod, "
                "priority, first_seen, last_seen) VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?)",
                [self.site_id, item.url, item.depth, item.source, item.lastmod, item.priority,
                 now, now],
            )
            added += cur.rowcount
            if not cur.rowcount and item.source in LISTED_SOURCES:
                # A sitemap or feed names a URL already known from a link: it is a listed post.
                self.db.execute(
                    "UPDATE pages SET source = ?, lastmod = coalesce(?, lastmod), "
                    "priority = max(priority, ?) WHERE url = ? AND site_id = ? "
                    "AND coalesce(source, '') NOT IN ('sitemap', 'feed', 'start')",
                    [item.source, item.lastmod, item.priority, item.url, self.site_id],
                )
        return added

    # -------------------------------------------------------------- sink

    def complete(self, outcome: PageOutcome) -> SaveOutcome | None:
        """Record one fetched (or failed) page and everything found on it, atomically."""
        now = utcnow()
        item, result = outcome.item, outcome.result
        saved: SaveOutcome | None = None
        with self.db.atomic():
            page_id = self._page_id(item)
            blob = put_blob(self.db, result.body) if result is not None and result.body else None
            self.db.execute(
                "INSERT INTO fetches (run_id, page_id, url, final_url, fetched_at, status, bytes, "
                "elapsed, not_modified, content_type, etag, last_modified, headers, blob_hash, "
                "error_kind, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    self.run_id,
                    page_id,
                    item.url,
                    result.final_url if result else None,
                    now,
                    result.status if result else outcome.status,
                    len(result.body) if result else 0,
                    result.elapsed if result else None,
                    int(result.not_modified) if result else 0,
                    result.content_type if result else None,
                    result.etag if result else None,
                    result.last_modified if result else None,
                    json.dumps(dict(result.headers)) if result else None,
                    blob,
                    outcome.error_kind,
                    outcome.error,
                ],
            )
            self.counts["requests"] += 1
            if result is not None:
                self.counts["bytes"] += len(result.body)
                self.counts["pages_fetched"] += 1
                self._page_done(page_id, outcome, blob, now)
                page = outcome.page
                if page is not None and page.post is not None:
                    post_url = outcome.store_as or item.url
                    if outcome.store_as:
                        self._alias_done(outcome.store_as, item, blob, now)
                    saved = self.archive.save_post(
                        self.site_id, page.post, url=post_url, blob_hash=blob, now=now,
                        profile_key=outcome.profile_key,
                        comments_complete=outcome.comments_complete,
                    )
                    self.counts[f"{saved.status}_posts"] += 1
                    self.counts["new_comments"] += saved.new_comments
                    self.counts["removed_comments"] += saved.removed_comments
                self._comment_pages_done(page_id, outcome, now)
                self._enqueue(outcome.found)
            elif outcome.expected_miss:
                self.db.execute(
                    "UPDATE pages SET state = 'missing', status = ?, last_fetched = ? "
                    "WHERE id = ?",
                    [outcome.status, now, page_id],
                )
            else:
                self._page_failed(page_id, outcome, now)
        if outcome.status in GONE_STATUSES and not outcome.expected_miss:
            self.archive.mark_gone(item.url, now=now)
        return saved

    def _comment_pages_done(self, page_id: int, outcome: PageOutcome, now: str) -> None:
        """Log the requests for the post's other comment pages with the post page's fetches (their
        raw bodies kept, so a re-parse needs no network). When one failed, the post page keeps
        the error, loses its validators and is due at once: the next run fetches it in full and
        asks the failed comment page again."""
        failed = [r for r in outcome.comment_pages if r.failed]
        for request in outcome.comment_pages:
            result = request.result
            blob = put_blob(self.db, result.body) if result is not None and result.body else None
            self.db.execute(
                "INSERT INTO fetches (run_id, page_id, url, final_url, fetched_at, status, bytes, "
                "elapsed, not_modified, content_type, blob_hash, error_kind, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
                [
                    self.run_id, page_id, request.url, result.final_url if result else None, now,
                    result.status if result else request.status,
                    len(result.body) if result else 0, result.elapsed if result else None,
                    result.content_type if result else None, blob, request.error_kind,
                    request.error,
                ],
            )
            self.counts["requests"] += 1
            if result is not None:
                self.counts["bytes"] += len(result.body)
                self.counts["comment_pages"] += 1
        if failed:
            self.counts["errors"] += len(failed)
            self.db.execute(
                "UPDATE pages SET etag = NULL, last_modified = NULL, error_kind = ?, error = ?, "
                "next_check = ? WHERE id = ?",
                [COMMENT_PAGE_ERROR, f"{failed[0].url}: {failed[0].error}", now, page_id],
            )

    def _alias_done(self, url: str, item: QueueItem, blob: str | None, now: str) -> None:
        """The post's own URL (its rel=canonical or redirect target) is done with this fetch:
        it is never fetched again as a page of its own."""
        self._enqueue([QueueItem(url, item.depth, item.source, priority=item.priority)])
        self.db.execute(
            "UPDATE pages SET state = 'done', kind = 'post', content_hash = ?, last_seen = ?, "
            "last_fetched = ? WHERE url = ? AND site_id = ?",
            [blob, now, now, url, self.site_id],
        )

    def _page_id(self, item: QueueItem) -> int:
        row = self.db.execute("SELECT id FROM pages WHERE url = ?", [item.url]).fetchone()
        if row is not None:
            return int(row[0])
        self._enqueue([item])
        return int(self.db.execute("SELECT id FROM pages WHERE url = ?", [item.url]).fetchone()[0])

    def _page_done(self, page_id: int, outcome: PageOutcome, blob: str | None, now: str) -> None:
        result = outcome.result
        assert result is not None
        kind = outcome.kind or (outcome.page.kind if outcome.page is not None else None)
        if result.not_modified:
            self.db.execute(
                "UPDATE pages SET state = 'done', status = 304, last_seen = ?, last_fetched = ?, "
                "error_kind = NULL, error = NULL, fail_count = 0, gone_count = 0 WHERE id = ?",
                [now, now, page_id],
            )
            self.counts["not_modified"] += 1
            return
        self.db.execute(
            "UPDATE pages SET state = 'done', status = ?, etag = ?, last_modified = ?, "
            "content_hash = COALESCE(?, content_hash), kind = COALESCE(?, kind), last_seen = ?, "
            "last_fetched = ?, error_kind = NULL, error = NULL, fail_count = 0, gone_count = 0 "
            "WHERE id = ?",
            [result.status, result.etag, result.last_modified, blob, kind, now, now, page_id],
        )

    def _page_failed(self, page_id: int, outcome: PageOutcome, now: str) -> None:
        self.counts["errors"] += 1
        self.db.execute(
            "UPDATE pages SET state = 'failed', status = ?, error_kind = ?, error = ?, "
            "fail_count = COALESCE(fail_count, 0) + 1, last_fetched = ? WHERE id = ?",
            [outcome.status, outcome.error_kind, outcome.error, now, page_id],
        )
