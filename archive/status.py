"""What the archive's runs did, and how healthy each site's archive is: for ``runs`` and
``status``, and for anyone checking on an unattended archive.

A run is "good" when its status is ``ok`` (every page answered); a ``partial`` run updated the
archive but some pages failed. ``SiteStatus.healthy`` is what ``status`` exits on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from archive.schedule import Scheduler, parse_time
from archive.store import Archive, Site

__all__ = ["RunRecord", "SiteStatus", "recent_runs", "site_statuses"]

RUN_FIELDS = (
    "runs.id",
    "sites.name",
    "runs.command",
    "runs.started_at",
    "runs.finished_at",
    "runs.status",
    "runs.requests",
    "runs.bytes",
    "runs.new_posts",
    "runs.changed_posts",
    "runs.new_comments",
    "runs.removed_comments",
    "runs.deleted_posts",
    "runs.not_modified",
    "runs.errors",
    "runs.message",
)


@dataclass(frozen=True)
class RunRecord:
    """One ``crawl`` or ``update`` run of one site. ``status`` is ``ok``, ``partial``,
    ``failed``, ``interrupted`` (Ctrl-C, or killed outright: then the next run to take the
    archive's lock marks it), or ``running`` while it is going on."""

    id: int
    site: str
    command: str
    started_at: str
    finished_at: str | None
    status: str
    requests: int
    bytes: int
    new_posts: int
    changed_posts: int
    new_comments: int
    removed_comments: int
    deleted_posts: int
    not_modified: int
    errors: int
    message: str

    @property
    def seconds(self) -> float | None:
        start, end = parse_time(self.started_at), parse_time(self.finished_at)
        return (end - start).total_seconds() if start and end else None


@dataclass(frozen=True)
class SiteStatus:
    """One site's archive at a glance."""

    name: str
    start_url: str
    last_run: RunRecord | None
    last_good_at: str | None
    since_good: timedelta | None
    failing_pages: int
    pages_due: int
    posts: int
    comments: int
    deleted_posts: int
    max_age: timedelta

    @property
    def healthy(self) -> bool:
        """The last run was good, and recent enough."""
        return (
            self.last_run is not None
            and self.last_run.status == "ok"
            and self.since_good is not None
            and self.since_good <= self.max_age
        )


def _record(row: tuple[object, ...]) -> RunRecord:
    values = [0 if v is None and 6 <= i <= 14 else v for i, v in enumerate(row)]
    values[15] = values[15] or ""
    return RunRecord(*values)  # type: ignore[arg-type]


def recent_runs(archive: Archive, *, limit: int = 20, site: Site | None = None) -> list[RunRecord]:
    """The latest runs, newest first."""
    where = "WHERE runs.site_id = ? " if site else ""
    rows = archive.db.execute(
        f"SELECT {', '.join(RUN_FIELDS)} FROM runs JOIN sites ON sites.id = runs.site_id "
        f"{where}ORDER BY runs.id DESC LIMIT ?",
        [*([site.id] if site else []), limit],
    ).fetchall()
    return [_record(tuple(r)) for r in rows]


def site_statuses(
    archive: Archive, *, now: datetime | None = None, max_age: timedelta = timedelta(days=2)
) -> list[SiteStatus]:
    """Every site's status as of ``now``. ``max_age``: how old the last good run may be before
    the site counts as unhealthy (a cron job that stopped running)."""
    now = now or datetime.now(timezone.utc)
    statuses = []
    for site in archive.sites():
        runs = recent_runs(archive, limit=1, site=site)
        good = archive.db.execute(
            "SELECT max(finished_at) FROM runs WHERE site_id = ? AND status = 'ok'", [site.id]
        ).fetchone()[0]
        good_at = parse_time(good)
        failing = archive.db.execute(
            "SELECT count(*) FROM pages WHERE site_id = ? AND state = 'failed' "
            "AND COALESCE(status, 0) NOT IN (404, 410)",
            [site.id],
        ).fetchone()[0]
        deleted = archive.db.execute(
            "SELECT count(*) FROM posts WHERE site_id = ? AND deleted_at IS NOT NULL", [site.id]
        ).fetchone()[0]
        counts = archive.counts(site.id)
        statuses.append(
            SiteStatus(
                name=site.name,
                start_url=site.start_url,
                last_run=runs[0] if runs else None,
                last_good_at=good,
                since_good=(now - good_at) if good_at else None,
                failing_pages=int(failing),
                pages_due=Scheduler(archive.db, site.id, now).due_count(),
                posts=counts["posts"],
                comments=counts["comments"],
                deleted_posts=int(deleted),
                max_age=max_age,
            )
        )
    return statuses
