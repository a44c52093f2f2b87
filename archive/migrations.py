"""Named, recorded schema migrations (sqlite-utils ``Migrations``).

Each migration runs once, in a transaction, and is recorded in ``_sqlite_migrations``; an archive
written by any earlier release upgrades in place when opened. ``SCHEMA_VERSION`` counts them: an
archive that records a migration this release does not know was written by a newer release and is
refused (see ``Archive``), because an older release could silently damage it.

Never edit a migration once released: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "blog-archiver"
migrations = Migrations(MIGRATION_SET)

# porter stemming over unicode61 with diacritics removed: `therapy` finds `therapies`,
# `cafe` finds `café`.
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"

POST_FTS_COLUMNS = ("title", "author", "tags_text", "body_text")
COMMENT_FTS_COLUMNS = ("author", "text")


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    db["sites"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "name": str,
            "start_url": str,
            "scope": str,
            "settings": str,
            "platform": str,
            "date_order": str,
            "date_order_evidence": str,
            "created_at": str,
            "last_run_at": str,
        },
        pk="id",
    )
    db["sites"].create_index(["start_url"], unique=True)  # type: ignore[union-attr]
    db["sites"].create_index(["name"], unique=True)  # type: ignore[union-attr]

    db["blobs"].create(  # type: ignore[union-attr]
        {"hash": str, "size": int, "stored_size": int, "compression": str, "data": bytes},
        pk="hash",
    )

    db["runs"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "site_id": int,
            "command": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "requests": int,
            "bytes": int,
            "pages_fetched": int,
            "new_posts": int,
            "changed_posts": int,
            "unchanged_posts": int,
            "new_comments": int,
            "removed_comments": int,
            "errors": int,
            "message": str,
        },
        pk="id",
        foreign_keys=[("site_id", "sites", "id")],
    )

    db["pages"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "site_id": int,
            "url": str,
            "kind": str,
            "state": str,
            "depth": int,
            "source": str,
            "status": int,
            "etag": str,
            "last_modified": str,
            "content_hash": str,
            "error_kind": str,
            "error": str,
            "fail_count": int,
            "gone_count": int,
            "first_seen": str,
            "last_seen": str,
            "last_fetched": str,
            "next_check": str,
            "lastmod": str,
        },
        pk="id",
        foreign_keys=[("site_id", "sites", "id")],
        defaults={"state": "pending", "fail_count": 0, "gone_count": 0, "depth": 0},
    )
    db["pages"].create_index(["url"], unique=True)  # type: ignore[union-attr]
    db["pages"].create_index(["site_id", "state"])  # type: ignore[union-attr]

    db["fetches"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "run_id": int,
            "page_id": int,
            "url": str,
            "final_url": str,
            "fetched_at": str,
            "status": int,
            "bytes": int,
            "elapsed": float,
            "not_modified": int,
            "content_type": str,
            "etag": str,
            "last_modified": str,
            "headers": str,
            "blob_hash": str,
            "error_kind": str,
            "error": str,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("page_id", "pages", "id")],
    )
    db["fetches"].create_index(["page_id"])  # type: ignore[union-attr]

    post_columns: dict[str, type] = {
        "id": int,
        "site_id": int,
        "url": str,
        "canonical_url": str,
        "title": str,
        "published": str,
        "published_day": str,
        "updated": str,
        "author": str,
        "tags": str,
        "tags_text": str,
        "categories": str,
        "language": str,
        "body_text": str,
        "body_html": str,
        "platform": str,
        "comment_system": str,
        "date_source": str,
        "date_order": str,
        "content_hash": str,
        "blob_hash": str,
        "version": int,
        "first_seen": str,
        "last_seen": str,
        "changed_at": str,
        "deleted_at": str,
    }
    db["posts"].create(  # type: ignore[union-attr]
        post_columns, pk="id", foreign_keys=[("site_id", "sites", "id")]
    )
    db["posts"].create_index(["url"], unique=True)  # type: ignore[union-attr]
    db["posts"].create_index(["published_day"])  # type: ignore[union-attr]
    db["posts"].create_index(["site_id"])  # type: ignore[union-attr]

    version_columns = {k: v for k, v in post_columns.items() if k not in ("id", "site_id")}
    version_columns.pop("first_seen")
    version_columns.pop("last_seen")
    version_columns.pop("deleted_at")
    db["post_versions"].create(  # type: ignore[union-attr]
        {"id": int, "post_id": int, "saved_at": str, **version_columns},
        pk="id",
        foreign_keys=[("post_id", "posts", "id")],
    )
    db["post_versions"].create_index(["post_id", "version"], unique=True)  # type: ignore[union-attr]

    db["comments"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "post_id": int,
            "fingerprint": str,
            "position": int,
            "parent_id": int,
            "author": str,
            "author_url": str,
            "published": str,
            "published_day": str,
            "text": str,
            "html": str,
            "external_id": str,
            "likely_spam": int,
            "spam_reason": str,
            "first_seen": str,
            "last_seen": str,
            "removed_at": str,
        },
        pk="id",
        foreign_keys=[("post_id", "posts", "id")],
        defaults={"likely_spam": 0},
    )
    db["comments"].create_index(["post_id", "fingerprint"], unique=True)  # type: ignore[union-attr]

    db["posts"].enable_fts(  # type: ignore[union-attr]
        POST_FTS_COLUMNS, create_triggers=True, tokenize=FTS_TOKENIZE
    )
    db["comments"].enable_fts(  # type: ignore[union-attr]
        COMMENT_FTS_COLUMNS, create_triggers=True, tokenize=FTS_TOKENIZE
    )


@migrations(name="0002_schedule")
def m0002_schedule(db: Database) -> None:
    """Per-page re-check schedule for ``update`` (``pages.next_check`` already exists): how many
    checks in a row found the page unchanged (drives the back-off), and the run counts an
    update reports."""
    db["pages"].add_column("unchanged_streak", int, not_null_default=0)  # type: ignore[union-attr]
    db["pages"].create_index(["site_id", "next_check"])  # type: ignore[union-attr]
    db["runs"].add_column("not_modified", int)  # type: ignore[union-attr]
    db["runs"].add_column("deleted_posts", int)  # type: ignore[union-attr]


@migrations(name="0003_frontier_priority")
def m0003_frontier_priority(db: Database) -> None:
    """Frontier order: ``pages.priority`` (higher first) so sitemap/feed posts and likely posts
    are fetched before listings, which may then be skipped (state ``deferred``)."""
    db["pages"].add_column("priority", int, not_null_default=0)  # type: ignore[union-attr]
    db["pages"].create_index(  # type: ignore[union-attr]
        ["site_id", "state", "priority"], index_name="idx_pages_frontier"
    )


@migrations(name="0004_site_profile")
def m0004_site_profile(db: Database) -> None:
    """What was learned about a site (``SiteProfile``: boilerplate fingerprints, day/month order
    per date style), as JSON. Kept fixed once learned so that re-runs parse the same way and an
    unchanged post never gets a spurious new version."""
    db["sites"].add_column("profile", str)  # type: ignore[union-attr]


FTS_PREFIX = "3 4"
"""FTS5 prefix indexes: ``thera*`` (3 or 4 letters typed) reads one doclist, not a merge."""


def _fts_with_prefix(db: Database, table: str, columns: tuple[str, ...]) -> None:
    """Recreate ``<table>_fts`` (external content, same columns and tokenizer; the triggers on
    ``table`` keep working, they name it) with prefix indexes, then rebuild it from ``table``.
    FTS5 cannot add prefix indexes to an existing table."""
    fts = f"{table}_fts"
    names = ", ".join(f'"{c}"' for c in columns)
    db.execute(f'DROP TABLE IF EXISTS "{fts}"')
    db.execute(
        f'CREATE VIRTUAL TABLE "{fts}" USING FTS5 ({names}, '
        f"tokenize='{FTS_TOKENIZE}', content=\"{table}\", prefix='{FTS_PREFIX}')"
    )
    db.execute(f"INSERT INTO \"{fts}\"(\"{fts}\") VALUES ('rebuild')")


@migrations(name="0005_search_prefix")
def m0005_search_prefix(db: Database) -> None:
    """Prefix indexes on posts_fts and comments_fts for fast ``word*`` searches (about a third
    more FTS index; see benchmarks/README.md)."""
    _fts_with_prefix(db, "posts", POST_FTS_COLUMNS)
    _fts_with_prefix(db, "comments", COMMENT_FTS_COLUMNS)

@migrations(name="0006_post_profile_key")
def m0006_post_profile_key(db: Database) -> None:
    """Which site profile (``SiteProfile.key()``) each post was parsed with, so that a crawl
    re-parses exactly the posts parsed before the site's template and date order were known —
    also after a crawl killed and resumed — instead of every post."""
    db["posts"].add_column("profile_key", str)  # type: ignore[union-attr]


SCHEMA_VERSION = len(migrations._migrations)


def known_migration_names() -> list[str]:
    """Names of every migration this release knows, in order."""
    return [m.name for m in migrations._migrations]
