"""When each page is re-checked by ``update``: young posts often, old posts rarely, back-off while a
page stays unchanged, and every page at least once every ``sweep_days``.

Why these numbers: on a small practice's blog, comments arrive in the first days and weeks after
a post; edits after that are rare and usually show in the sitemap's ``lastmod``, which ``update``
reads every run (a changed ``lastmod`` makes a page due at once). So a post younger than a week
is re-checked every 6 hours, younger than a month daily, younger than a year weekly, and older
ones monthly; each check that finds the page unchanged doubles its interval (up to 16x), and no
interval is longer than the site's sweep period, so a deleted post or comment on an old page is
noticed within ``sweep_days``. Every re-check is a conditional GET: an unchanged page costs a
``304`` and no body.

Re-checks are spread, not bunched: each page's interval is shortened by a fixed fraction of up
to ``jitter`` derived from its URL, so the thousand posts of the first crawl do not all fall due
on the same day a month later ("rolling sweep").

A page that failed (5xx, timeout) is due again on the next run, and so is a post page that
answered 404/410 once: the second 404/410 in a row marks the post deleted
(``Archive.mark_gone``), so a deletion is confirmed by two runs, never by one hiccup. After that
the page is looked at once per sweep, in case it comes back.

This module only reads and writes the ``pages`` table; it never touches the network.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from sqlite_utils import Database

from archive.store import GONE_AFTER

__all__ = [
    "AGE_TIERS",
    "DEFAULT_POLICY",
    "RecheckPolicy",
    "Scheduler",
    "parse_date",
    "parse_time",
    "stamp",
]

#: (younger than this many days, re-check every this many days) for posts with a known date.
AGE_TIERS: tuple[tuple[float, float], ...] = ((7.0, 0.25), (30.0, 1.0), (365.0, 7.0))


@dataclass(frozen=True)
class RecheckPolicy:
    """The re-check schedule; a site's ``sweep_days`` setting overrides the default."""

    tiers: tuple[tuple[float, float], ...] = AGE_TIERS
    old_days: float = 30.0  # posts older than the last tier
    other_days: float = 7.0  # listing and other pages, posts with no date
    backoff: float = 2.0  # interval factor per unchanged check in a row ...
    max_backoff_steps: int = 4  # ... at most this many times (16x)
    sweep_days: float = 30.0  # no page waits longer than this
    jitter: float = 0.5  # intervals are shortened by up to this fraction, per URL

    def interval(self, *, age_days: float | None, streak: int) -> timedelta:
        """How long to wait before the next check of a page.

        Args:
            age_days: the post's age (from its published date); None for pages that are not
                dated posts.
            streak: how many checks in a row found the page unchanged.
        """
        if age_days is None:
            base = self.other_days
        else:
            base = next((every for young, every in self.tiers if age_days < young), self.old_days)
        days = base * self.backoff ** min(max(streak, 0), self.max_backoff_steps)
        return timedelta(days=min(days, self.sweep_days))

    def next_check(self, url: str, after: datetime, *, age_days: float | None, streak: int) -> str:
        """When ``url`` is next due, as stored in ``pages.next_check``."""
        spread = 1.0 - self.jitter * _fraction(url)
        return stamp(after + self.interval(age_days=age_days, streak=streak) * spread)


DEFAULT_POLICY = RecheckPolicy()


def _fraction(url: str) -> float:
    """A stable number in [0, 1) for a URL: the same page always gets the same spread."""
    return int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:8], 16) / 2**32


def stamp(moment: datetime) -> str:
    """The archive's timestamp format (UTC, seconds), which sorts as text."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def parse_date(text: str | None) -> datetime | None:
    """A sitemap (W3C/ISO 8601) or feed (RFC 822) date, aware; None when unreadable."""
    moment = parse_time(text)
    if moment is not None or not text:
        return moment
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def parse_time(text: str | None) -> datetime | None:
    """A stored timestamp or published date as an aware datetime (naive is read as UTC)."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class Scheduler:
    """The re-check schedule of one site's pages, as of ``now``.

    Args:
        db: the archive's database.
        site_id: the site.
        now: the moment the run happens (injectable, so tests and benchmarks can play days).
        policy: the schedule.
    """

    def __init__(
        self, db: Database, site_id: int, now: datetime, policy: RecheckPolicy = DEFAULT_POLICY
    ) -> None:
        self.db = db
        self.site_id = site_id
        self.now = now
        self.policy = policy

    def plan(self, *, full: bool = False) -> int:
        """Queue (state ``pending``) every page that is due now; ``full`` queues every page.
        Pages never scheduled (fetched by ``crawl``) get a schedule from their last fetch first.
        Returns how many pages were queued."""
        self._schedule_unscheduled()
        with self.db.atomic():
            cur = self.db.execute(
                "UPDATE pages SET state = 'pending' WHERE site_id = ? "
                "AND state IN ('done', 'failed') AND (? OR next_check <= ?)",
                [self.site_id, int(full), stamp(self.now)],
            )
        return cur.rowcount

    def mark_due(self, urls: Iterable[str]) -> int:
        """Queue these known pages now (hubs, pages whose sitemap lastmod changed)."""
        count = 0
        with self.db.atomic():
            for url in urls:
                cur = self.db.execute(
                    "UPDATE pages SET state = 'pending' WHERE site_id = ? AND url = ? "
                    "AND state IN ('done', 'failed')",
                    [self.site_id, url],
                )
                count += cur.rowcount
        return count

    def missing(self, urls: Iterable[str], *, sources: Iterable[str]) -> set[str]:
        """Those of ``urls`` that were probed and found missing (state ``missing``), by a probe
        of one of ``sources``."""
        wanted, kinds = sorted(set(urls)), sorted(set(sources))
        if not wanted or not kinds:
            return set()
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows = self.db.execute(
                f"SELECT url FROM pages WHERE site_id = ? AND state = 'missing' "
                f"AND url IN ({', '.join('?' * len(chunk))}) "
                f"AND source IN ({', '.join('?' * len(kinds))})",
                [self.site_id, *chunk, *kinds],
            ).fetchall()
            found.update(r[0] for r in rows)
        return found

    def revive(self, urls: Iterable[str]) -> int:
        """Queue again pages once probed as missing that are now named by the site."""
        revived = self.missing(urls, sources=("id-walk",))
        with self.db.atomic():
            for url in revived:
                self.db.execute(
                    "UPDATE pages SET state = 'pending' WHERE site_id = ? AND url = ?",
                    [self.site_id, url],
                )
        return len(revived)

    def apply_lastmods(self, entries: Iterable[tuple[str, str | None]]) -> list[str]:
        """Record sitemap/feed dates (``lastmod``) of known pages; returns the URLs whose date
        moved forward (they are due now). Dates are compared as moments, not text, so a sitemap
        and a feed that write one date differently do not make a page due on every run; a page
        with no date yet just gets one."""
        changed: list[str] = []
        with self.db.atomic():
            for url, lastmod in entries:
                new = parse_date(lastmod)
                if new is None:
                    continue
                row = self.db.execute(
                    "SELECT lastmod FROM pages WHERE site_id = ? AND url = ?", [self.site_id, url]
                ).fetchone()
                if row is None:
                    continue
                old = parse_date(row[0])
                if old is not None and new <= old:
                    continue
                self.db.execute(
                    "UPDATE pages SET lastmod = ? WHERE site_id = ? AND url = ?",
                    [lastmod, self.site_id, url],
                )
                if old is not None:
                    changed.append(url)
        return changed

    def record(self, url: str, *, changed: bool | None, failed: bool, gone: bool) -> None:
        """Set a page's next check after this run looked at it.

        Args:
            url: the page.
            changed: whether the page (post, comments, or body) changed; None when it failed.
            failed: the fetch failed (5xx, timeout, ...): due again next run.
            gone: it answered 404/410: due next run until the post is confirmed deleted, then
                once per sweep.
        """
        row = self.db.execute(
            "SELECT p.unchanged_streak, p.gone_count, posts.published, posts.deleted_at "
            "FROM pages p LEFT JOIN posts ON posts.url = p.url WHERE p.url = ?",
            [url],
        ).fetchone()
        if row is None:
            return
        streak, gone_count, published, deleted_at = row
        if gone and (deleted_at or (gone_count or 0) >= GONE_AFTER):
            due = stamp(self.now + timedelta(days=self.policy.sweep_days))
        elif failed or gone:
            due = stamp(self.now)
        else:
            streak = 0 if changed else (streak or 0) + 1
            due = self.policy.next_check(
                url, self.now, age_days=self._age_days(published), streak=streak
            )
        with self.db.atomic():
            self.db.execute(
                "UPDATE pages SET next_check = ?, unchanged_streak = ? WHERE url = ?",
                [due, streak or 0, url],
            )

    def due_count(self) -> int:
        """Pages due now (for ``status``; reads only: pages ``crawl`` fetched and no update has
        scheduled yet are not counted, failed ones are)."""
        return int(
            self.db.execute(
                "SELECT count(*) FROM pages WHERE site_id = ? AND (state = 'pending' OR "
                "(state IN ('done', 'failed') AND next_check <= ?) "
                "OR (state = 'failed' AND next_check IS NULL))",
                [self.site_id, stamp(self.now)],
            ).fetchone()[0]
        )

    def _age_days(self, published: str | None) -> float | None:
        moment = parse_time(published)
        if moment is None:
            return None
        return max(0.0, (self.now - moment).total_seconds() / 86400)

    def _schedule_unscheduled(self) -> None:
        rows = self.db.execute(
            "SELECT p.url, p.state, p.last_fetched, p.unchanged_streak, posts.published "
            "FROM pages p LEFT JOIN posts ON posts.url = p.url "
            "WHERE p.site_id = ? AND p.next_check IS NULL AND p.state IN ('done', 'failed')",
            [self.site_id],
        ).fetchall()
        if not rows:
            return
        with self.db.atomic():
            for url, state, last_fetched, streak, published in rows:
                after = parse_time(last_fetched) or self.now
                due = (
                    stamp(after)  # a page the crawl could not fetch: due at once
                    if state == "failed"
                    else self.policy.next_check(
                        url, after, age_days=self._age_days(published), streak=streak or 0
                    )
                )
                self.db.execute("UPDATE pages SET next_check = ? WHERE url = ?", [due, url])
