"""The sites an archive remembers, with the settings ``update`` uses for them.

A site is created by its first ``crawl`` (``Archive.ensure_site``), which stores the crawl's
options as JSON; ``update`` re-uses them, and ``sites set`` changes them. Which options are kept:
``archive.jobs.STORED_OPTIONS`` (``crawl --max-pages`` is a limit for that run only; the stored
``max_pages``, set with ``sites set``, bounds every run that does not give one).
``remove_site`` is the one place where blog-archiver deletes archived data, and only because a
user asked for it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from archive.store import Archive, Site

__all__ = [
    "MINIMUM",
    "SETTINGS",
    "RemovedCounts",
    "SiteError",
    "remove_site",
    "require_site",
    "set_settings",
    "user_agent_ok",
]

#: The settings ``sites set`` may change, with their type and what they mean.
SETTINGS: dict[str, tuple[type, str]] = {
    "delay": (float, "seconds between requests to the host"),
    "user_agent": (str, "User-Agent to send"),
    "max_pages": (int, "most pages fetched in one run"),
    "max_depth": (int, "link depth limit from the start URL"),
    "retries": (int, "attempts per page on timeouts and 5xx"),
    "sweep_days": (float, "every page is re-checked at least once in this many days"),
}


#: The smallest value of each numeric setting (the same limits as the options of `crawl`).
MINIMUM: dict[str, float] = {
    "delay": 0,
    "max_pages": 1,
    "max_depth": 0,
    "retries": 1,
    "sweep_days": 0,
}


def user_agent_ok(value: str) -> bool:
    """Whether an HTTP request can carry ``value`` as its User-Agent: one line of printable
    Latin-1 text (the header's encoding), not blank."""
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return bool(value.strip()) and value.isprintable()


class SiteError(ValueError):
    """No such site, or a setting that cannot be stored."""


@dataclass(frozen=True)
class RemovedCounts:
    posts: int
    comments: int
    pages: int
    runs: int


def require_site(archive: Archive, ref: str) -> Site:
    """A site by name, id or start URL; SiteError naming the known ones otherwise."""
    site = archive.site(ref)
    if site is None:
        names = ", ".join(s.name for s in archive.sites()) or "none"
        raise SiteError(f"no site {ref!r} in {archive.path} (sites: {names})")
    return site


def set_settings(archive: Archive, site: Site, changes: dict[str, Any]) -> Site:
    """Store changed settings of a site (None values are ignored) and return the site."""
    merged = dict(site.settings)
    for key, value in changes.items():
        if value is None:
            continue
        if key not in SETTINGS:
            raise SiteError(f"unknown setting {key!r}")
        merged[key] = _checked(key, value)
    with archive.db.atomic():
        archive.db.execute(
            "UPDATE sites SET settings = ? WHERE id = ?", [json.dumps(merged), site.id]
        )
    updated = archive.site(site.id)
    assert updated is not None
    return updated


def _checked(key: str, value: Any) -> Any:
    """``value`` as setting ``key`` stores it; SiteError for a value no run could use (NaN, a
    page limit of 0, a fractional retry count, a User-Agent with a line break)."""
    kind = SETTINGS[key][0]
    if kind is str:
        if not isinstance(value, str) or not user_agent_ok(value):
            raise SiteError(f"{key} must be one line of plain text, not {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SiteError(f"{key} must be a number, not {value!r}")
    if not (math.isfinite(value) and value >= MINIMUM[key]):
        raise SiteError(f"{key} must be a number >= {MINIMUM[key]:g}, not {value}")
    if kind is int and value != int(value):
        raise SiteError(f"{key} must be a whole number, not {value}")
    return kind(value)


def remove_site(archive: Archive, site: Site) -> RemovedCounts:
    """Delete a site and everything archived from it, in one transaction; raw pages no other
    row refers to are deleted too. The search indexes follow through their triggers."""
    db = archive.db
    posts = "SELECT id FROM posts WHERE site_id = ?"
    pages = "SELECT id FROM pages WHERE site_id = ?"
    runs = "SELECT id FROM runs WHERE site_id = ?"
    counts = RemovedCounts(
        posts=_count(archive, "posts", site.id),
        comments=int(
            db.execute(
                f"SELECT count(*) FROM comments WHERE post_id IN ({posts})", [site.id]
            ).fetchone()[0]
        ),
        pages=_count(archive, "pages", site.id),
        runs=_count(archive, "runs", site.id),
    )
    with db.atomic():
        db.execute(f"DELETE FROM comments WHERE post_id IN ({posts})", [site.id])
        db.execute(f"DELETE FROM post_versions WHERE post_id IN ({posts})", [site.id])
        db.execute("DELETE FROM posts WHERE site_id = ?", [site.id])
        db.execute(
            f"DELETE FROM fetches WHERE page_id IN ({pages}) OR run_id IN ({runs})",
            [site.id, site.id],
        )
        db.execute("DELETE FROM pages WHERE site_id = ?", [site.id])
        db.execute("DELETE FROM runs WHERE site_id = ?", [site.id])
        db.execute("DELETE FROM sites WHERE id = ?", [site.id])
        db.execute(
            "DELETE FROM blobs WHERE hash NOT IN (SELECT blob_hash FROM fetches "
            "WHERE blob_hash IS NOT NULL UNION SELECT blob_hash FROM posts WHERE blob_hash IS "
            "NOT NULL UNION SELECT blob_hash FROM post_versions WHERE blob_hash IS NOT NULL "
            "UNION SELECT content_hash FROM pages WHERE content_hash IS NOT NULL)"
        )
    return counts


def _count(archive: Archive, table: str, site_id: int) -> int:
    return int(
        archive.db.execute(f"SELECT count(*) FROM {table} WHERE site_id = ?", [site_id]).fetchone()[
            0
        ]
    )
