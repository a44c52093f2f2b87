"""The archive: one SQLite file holding every version of every post and comment of a blog.

Nothing is ever deleted by a crawl. An edited post keeps its earlier versions in
``post_versions``; a comment that disappears upstream gets ``removed_at`` and stays; a post whose
page answers 404/410 twice gets ``deleted_at`` and stays.

Writes that belong together (a fetch, its raw body, the post and comments parsed from it, the links
found on it) happen in one transaction (``Database.atomic``), so a crawl killed at any moment
leaves the archive consistent and resumable.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from sqlite_utils import Database

from archive.blobs import get_blob, put_blob
from archive.migrations import known_migration_names, migrations
from scraper.models import Comment, Post

__all__ = [
    "Archive",
    "ArchiveError",
    "SaveOutcome",
    "Site",
    "StoredComment",
    "StoredPost",
    "check_archive",
]

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32 * 1024
#: The message of a run found ``running`` with no process holding the archive's lock.
STALE_RUN_MESSAGE = "ended without finishing: its process was killed"
GONE_AFTER = 2  # 404/410 answers in a row before a post is marked deleted
POST_VERSION_FIELDS = (
    "canonical_url",
    "title",
    "published",
    "published_day",
    "updated",
    "author",
    "tags",
    "tags_text",
    "categories",
    "language",
    "body_text",
    "body_html",
    "platform",
    "comment_system",
    "date_source",
    "date_order",
    "content_hash",
    "blob_hash",
    "version",
    "changed_at",
)


class ArchiveError(Exception):
    """A problem with the archive file a user can act on (missing, not an archive, too new)."""


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class Site:
    id: int
    name: str
    start_url: str
    scope: str
    settings: dict[str, Any]
    date_order: str | None = None
    date_order_evidence: str | None = None
    platform: str | None = None
    profile: str | None = None


@dataclass(frozen=True)
class SaveOutcome:
    """What saving a parsed post did."""

    status: Literal["new", "changed", "unchanged"]
    post_id: int
    version: int
    new_comments: int = 0
    removed_comments: int = 0


@dataclass(frozen=True)
class StoredComment:
    id: int
    author: str | None
    author_url: str | None
    published: str | None
    text: str
    parent_id: int | None
    likely_spam: bool
    spam_reason: str | None
    first_seen: str
    removed_at: str | None


@dataclass(frozen=True)
class StoredPost:
    id: int
    url: str
    title: str
    published: str | None
    updated: str | None
    author: str | None
    tags: list[str]
    body_text: str
    platform: str | None
    version: int
    first_seen: str
    last_seen: str
    deleted_at: str | None
    comments: list[StoredComment] = field(default_factory=list)


def content_hash(post: Post) -> str:
    """Hash of what a reader sees of a post; a change of it is a new version. Comments are
    tracked on their own and are not part of it."""
    payload = json.dumps(
        [
            post.title,
            iso(post.published),
            iso(post.updated),
            post.author,
            post.tags,
            post.categories,
            post.body_text,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def comment_fingerprint(comment: Comment) -> str:
    """A comment's identity across fetches: the site's own id when it has one, else its author
    and text. The date is left out on purpose: a better date parser (or a learned day/month
    order) must not turn one comment into a removed one and a new one."""
    if comment.external_id:
        return "id:" + comment.external_id
    key = json.dumps(
        [comment.author or "", " ".join(comment.text.split())[:500]], ensure_ascii=False
    )
    return "h:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


class Archive:
    """One archive file.

    Args:
        path: the archive file.
        create: make a new archive when the file is missing or empty (0 bytes); ``crawl`` does.
            With ``create=False`` a missing file is "no archive at ...", an empty one or a SQLite
            file without tables "not a blog-archiver archive", and the file is left untouched.
        readonly: the command only reads (``search``, ``show``, ``export``, ``check``, ...):
            implies ``create=False``; the journal mode is left as it is, and when the file or
            its folder cannot be written the archive is opened read-only (``mode=ro``; with
            ``immutable=1`` when SQLite cannot make its WAL index beside it). An archive whose
            schema is older than this release is upgraded when it can be written, and refused
            in one line when it cannot.

    Attributes:
        read_only: the connection cannot write (``check`` skips what SQLite needs to write for).
    """

    def __init__(self, path: str | Path, *, create: bool = True, readonly: bool = False) -> None:
        self.path = Path(path)
        self.read_only = False
        create = create and not readonly
        if not create and not self.path.exists():
            raise ArchiveError(f"no archive at {self.path} (run `blog-archiver crawl` first)")
        if self.path.exists() and self.path.is_dir():
            raise ArchiveError(f"{self.path} is a directory, not an archive file")
        if not create and self.path.stat().st_size == 0:
            raise ArchiveError(f"{self.path} is an empty file, not a blog-archiver archive")
        try:
            if readonly and not _writable(self.path):
                self.db = Database(_read_only_connection(self.path))
                self.read_only = True
            else:
                self.db = Database(self.path)
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
            # Search walks FTS pages repeatedly; SQLite's 2 MB default cache is too small for it.
            self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self._check_schema(create=create)
            if migrations.pending(self.db):
                if self.read_only:
                    raise ArchiveError(
                        f"{self.path} was written by an older blog-archiver and must be upgraded, "
                        "but it is read-only: run `blog-archiver check` once with write access "
                        "to the file and its folder"
                    )
                migrations.apply(self.db)
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path} is not a blog-archiver archive ({exc})") from exc

    def _check_schema(self, *, create: bool) -> None:
        names = set(self.db.table_names())
        if not names and create:
            return
        if "_sqlite_migrations" not in names or "posts" not in names:
            raise ArchiveError(f"{self.path} is a SQLite file but not a blog-archiver archive")
        applied = {m.name for m in migrations.applied(self.db)}
        unknown = applied - set(known_migration_names())
        if unknown:
            raise ArchiveError(
                f"{self.path} was written by a newer blog-archiver (schema {sorted(unknown)[-1]}); "
                "upgrade blog-archiver to open it"
            )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ sites

    def ensure_site(self, start_url: str, scope: str, settings: dict[str, Any]) -> Site:
        """The site row for ``start_url``, created on first use; settings are remembered."""
        row = self.db.execute("SELECT id FROM sites WHERE start_url = ?", [start_url]).fetchone()
        if row is None:
            name = self._free_site_name(scope)
            with self.db.atomic():
                self.db.execute(
                    "INSERT INTO sites (name, start_url, scope, settings, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [name, start_url, scope, json.dumps(settings), utcnow()],
                )
        else:  # merge: a setting changed with `sites set` survives a later crawl
            old = self.db.execute("SELECT settings FROM sites WHERE id = ?", [row[0]]).fetchone()
            merged = {**json.loads(old[0] or "{}"), **settings}
            with self.db.atomic():
                self.db.execute(
                    "UPDATE sites SET settings = ? WHERE id = ?", [json.dumps(merged), row[0]]
                )
        site = self.site(start_url)
        assert site is not None
        return site

    def _free_site_name(self, scope: str) -> str:
        base = scope.split("/")[0] or "site"
        name, n = base, 1
        while self.db.execute("SELECT 1 FROM sites WHERE name = ?", [name]).fetchone():
            n += 1
            name = f"{base}-{n}"
        return name

    def site(self, ref: str | int) -> Site | None:
        """A site by id, name or start URL."""
        row = self.db.execute(
            "SELECT id, name, start_url, scope, settings, date_order, date_order_evidence, "
            "platform, profile FROM sites WHERE id = ? OR name = ? OR start_url = ?",
            [ref, str(ref), str(ref)],
        ).fetchone()
        if row is None:
            return None
        return Site(
            row[0], row[1], row[2], row[3], json.loads(row[4] or "{}"), row[5], row[6], row[7],
            row[8],
        )

    def sites(self) -> list[Site]:
        ids = [r[0] for r in self.db.execute("SELECT id FROM sites ORDER BY id").fetchall()]
        return [s for s in (self.site(i) for i in ids) if s is not None]

    # ------------------------------------------------------------------ runs

    def start_run(self, site_id: int, command: str) -> int:
        with self.db.atomic():
            cur = self.db.execute(
                "INSERT INTO runs (site_id, command, started_at, status) VALUES (?, ?, ?, ?)",
                [site_id, command, utcnow(), "running"],
            )
        return int(cur.lastrowid or 0)

    def end_stale_runs(self) -> int:
        """Mark the runs still ``running`` as ``interrupted`` (their process was killed before it
        could record an end) and return how many there were. Call it only while holding the
        archive's lock (``archive.lock.ArchiveLock``): then no run of this archive is going on."""
        with self.db.atomic():
            cur = self.db.execute(
                "UPDATE runs SET status = 'interrupted', message = ? WHERE status = 'running'",
                [STALE_RUN_MESSAGE],
            )
        return int(cur.rowcount or 0)

    def finish_run(
        self, run_id: int, status: str, counts: dict[str, int], message: str = ""
    ) -> None:
        columns = [c for c in counts if c in RUN_COUNT_COLUMNS]
        sets = ", ".join(f"{c} = ?" for c in columns)
        with self.db.atomic():
            self.db.execute(
                f"UPDATE runs SET finished_at = ?, status = ?, message = ?"
                f"{', ' + sets if sets else ''} WHERE id = ?",
                [utcnow(), status, message, *[counts[c] for c in columns], run_id],
            )
            self.db.execute(
                "UPDATE sites SET last_run_at = ? WHERE id = (SELECT site_id FROM runs "
                "WHERE id = ?)",
                [utcnow(), run_id],
            )

    # ------------------------------------------------------------------ posts

    def save_post(
        self,
        site_id: int,
        post: Post,
        *,
        url: str | None = None,
        blob_hash: str | None = None,
        now: str | None = None,
        in_place: bool = False,
        profile_key: str | None = None,
        comments_complete: bool = True,
    ) -> SaveOutcome:
        """Save a parsed post under ``url`` (default ``post.url``): new, changed (the old version
        is kept in ``post_versions``) or unchanged; then sync its comments.

        ``in_place`` corrects the current version without recording a new one (used when a
        re-parse in the same run fixes what the first parse of a brand-new post got wrong).
        ``comments_complete=False`` says some of the post's comment pages could not be read:
        stored comments missing from ``post`` are then kept as they are, not marked removed.
        """
        now = now or utcnow()
        url = url or post.url
        chash = content_hash(post)
        values = _post_values(post, chash, blob_hash)
        if profile_key is not None:
            values["profile_key"] = profile_key
        with self.db.atomic():
            row = self.db.execute(
                "SELECT id, content_hash, version FROM posts WHERE url = ?", [url]
            ).fetchone()
            if row is None:
                cur = self.db.execute(
                    f"INSERT INTO posts (site_id, url, {', '.join(values)}, version, "
                    "first_seen, last_seen, changed_at) "
                    f"VALUES (?, ?, {', '.join('?' * len(values))}, 1, ?, ?, ?)",
                    [site_id, url, *values.values(), now, now, now],
                )
                post_id, version, status = int(cur.lastrowid or 0), 1, "new"
            else:
                post_id, old_hash, version = row
                if old_hash == chash or in_place:
                    status = "unchanged" if old_hash == chash else "changed"
                    sets = ", ".join(f"{k} = ?" for k in values)
                    self.db.execute(
                        f"UPDATE posts SET {sets}, last_seen = ?, deleted_at = NULL WHERE id = ?",
                        [*values.values(), now, post_id],
                    )
                    if in_place:
                        status = "unchanged"
                else:
                    self._keep_version(post_id)
                    version += 1
                    sets = ", ".join(f"{k} = ?" for k in values)
                    self.db.execute(
                        f"UPDATE posts SET {sets}, version = ?, last_seen = ?, changed_at = ?, "
                        "deleted_at = NULL WHERE id = ?",
                        [*values.values(), version, now, now, post_id],
                    )
                    status = "changed"
            new_c, removed_c = self._sync_comments(
                post_id, post.comments, now, mark_removed=comments_complete
            )
        return SaveOutcome(status, post_id, version, new_c, removed_c)  # type: ignore[arg-type]

    def _keep_version(self, post_id: int) -> None:
        cols = ", ".join(POST_VERSION_FIELDS)
        self.db.execute(
            f"INSERT INTO post_versions (post_id, saved_at, {cols}) "
            f"SELECT id, ?, {cols} FROM posts WHERE id = ?",
            [utcnow(), post_id],
        )

    def _sync_comments(
        self, post_id: int, comments: list[Comment], now: str, *, mark_removed: bool = True
    ) -> tuple[int, int]:
        existing = {
            fp: (cid, removed)
            for cid, fp, removed in self.db.execute(
                "SELECT id, fingerprint, removed_at FROM comments WHERE post_id = ?", [post_id]
            ).fetchall()
        }
        ids: list[int] = []
        seen: set[str] = set()
        new = 0
        for position, comment in enumerate(comments):
            fp = comment_fingerprint(comment)
            if fp in seen:  # the same comment twice on one page: keep one
                fp = f"{fp}#{position}"
            seen.add(fp)
            parent_id = (
                ids[comment.parent]
                if comment.parent is not None and 0 <= comment.parent < len(ids)
                else None
            )
            values = _comment_values(comment, position, parent_id)
            if fp in existing:
                cid = existing[fp][0]
                sets = ", ".join(f"{k} = ?" for k in values)
                self.db.execute(
                    f"UPDATE comments SET {sets}, last_seen = ?, removed_at = NULL WHERE id = ?",
                    [*values.values(), now, cid],
                )
            else:
                cur = self.db.execute(
                    f"INSERT INTO comments (post_id, fingerprint, {', '.join(values)}, first_seen, "
                    f"last_seen) VALUES (?, ?, {', '.join('?' * len(values))}, ?, ?)",
                    [post_id, fp, *values.values(), now, now],
                )
                cid = int(cur.lastrowid or 0)
                new += 1
            ids.append(cid)
        gone = [cid for fp, (cid, removed) in existing.items() if fp not in seen and not removed]
        if not mark_removed:
            gone = []
        for cid in gone:
            self.db.execute("UPDATE comments SET removed_at = ? WHERE id = ?", [now, cid])
        return new, len(gone)

    def mark_gone(self, url: str, *, now: str | None = None) -> bool:
        """Record a 404/410 for a post's page; on the second one in a row the post gets
        ``deleted_at``. Returns True when the post is (now) marked deleted."""
        now = now or utcnow()
        with self.db.atomic():
            self.db.execute(
                "UPDATE pages SET gone_count = COALESCE(gone_count, 0) + 1 WHERE url = ?", [url]
            )
            row = self.db.execute("SELECT gone_count FROM pages WHERE url = ?", [url]).fetchone()
            if row is not None and row[0] >= GONE_AFTER:
                self.db.execute(
                    "UPDATE posts SET deleted_at = COALESCE(deleted_at, ?) WHERE url = ?",
                    [now, url],
                )
        deleted = self.db.execute("SELECT deleted_at FROM posts WHERE url = ?", [url]).fetchone()
        return bool(deleted and deleted[0])

    # ------------------------------------------------------------------ reading

    def post(self, ref: str | int) -> StoredPost | None:
        """A post by id or URL, with its comments (removed ones included) in page order."""
        row = self.db.execute(
            "SELECT id, url, title, published, updated, author, tags, body_text, platform, "
            "version, first_seen, last_seen, deleted_at FROM posts WHERE id = ? OR url = ?",
            [ref if isinstance(ref, int) or str(ref).isdigit() else -1, str(ref)],
        ).fetchone()
        if row is None:
            return None
        comments = [
            StoredComment(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9])
            for r in self.db.execute(
                "SELECT id, author, author_url, published, text, parent_id, likely_spam, "
                "spam_reason, first_seen, removed_at FROM comments WHERE post_id = ? "
                "ORDER BY removed_at IS NOT NULL, position, id",
                [row[0]],
            ).fetchall()
        ]
        return StoredPost(
            row[0],
            row[1],
            row[2] or "",
            row[3],
            row[4],
            row[5],
            json.loads(row[6] or "[]"),
            row[7] or "",
            row[8],
            row[9],
            row[10],
            row[11],
            row[12],
            comments,
        )

    def iter_posts(self, site_id: int | None = None) -> Iterator[StoredPost]:
        sql = "SELECT id FROM posts" + (" WHERE site_id = ?" if site_id else "") + " ORDER BY id"
        for (pid,) in self.db.execute(sql, [site_id] if site_id else []).fetchall():
            post = self.post(int(pid))
            if post is not None:
                yield post

    def versions(self, post_id: int) -> list[dict[str, Any]]:
        """Earlier versions of a post, oldest first, then the current one."""
        cols = ", ".join(POST_VERSION_FIELDS)
        old = [
            dict(zip(("saved_at", *POST_VERSION_FIELDS), r, strict=True))
            for r in self.db.execute(
                f"SELECT saved_at, {cols} FROM post_versions WHERE post_id = ? ORDER BY version",
                [post_id],
            ).fetchall()
        ]
        cur = self.db.execute(
            f"SELECT last_seen, {cols} FROM posts WHERE id = ?", [post_id]
        ).fetchone()
        if cur is not None:
            old.append(dict(zip(("saved_at", *POST_VERSION_FIELDS), cur, strict=True)))
        return old

    def raw_body(self, blob_hash: str) -> bytes | None:
        return get_blob(self.db, blob_hash)

    def store_body(self, body: bytes) -> str:
        return put_blob(self.db, body)

    def counts(self, site_id: int | None = None) -> dict[str, int]:
        where = " WHERE site_id = ?" if site_id else ""
        args = [site_id] if site_id else []
        posts = self.db.execute(f"SELECT count(*) FROM posts{where}", args).fetchone()[0]
        comments = self.db.execute(
            "SELECT count(*) FROM comments"
            + (" WHERE post_id IN (SELECT id FROM posts WHERE site_id = ?)" if site_id else ""),
            args,
        ).fetchone()[0]
        pages = self.db.execute(f"SELECT count(*) FROM pages{where}", args).fetchone()[0]
        return {"posts": int(posts), "comments": int(comments), "pages": int(pages)}


RUN_COUNT_COLUMNS = frozenset(
    {
        "requests",
        "bytes",
        "pages_fetched",
        "new_posts",
        "changed_posts",
        "unchanged_posts",
        "new_comments",
        "removed_comments",
        "errors",
        "not_modified",
        "deleted_posts",
    }
)


def _post_values(post: Post, chash: str, blob_hash: str | None) -> dict[str, Any]:
    return {
        "canonical_url": post.canonical_url,
        "title": post.title,
        "published": iso(post.published),
        "published_day": post.published.date().isoformat() if post.published else None,
        "updated": iso(post.updated),
        "author": post.author,
        "tags": json.dumps(list(post.tags), ensure_ascii=False),
        "tags_text": " ".join(post.tags),
        "categories": json.dumps(list(post.categories), ensure_ascii=False),
        "language": post.language,
        "body_text": post.body_text,
        "body_html": post.body_html,
        "platform": post.platform,
        "comment_system": post.comment_system,
        "date_source": post.date_source,
        "date_order": post.date_order,
        "content_hash": chash,
        "blob_hash": blob_hash,
    }


def _comment_values(comment: Comment, position: int, parent_id: int | None) -> dict[str, Any]:
    return {
        "position": position,
        "parent_id": parent_id,
        "author": comment.author,
        "author_url": comment.author_url,
        "published": iso(comment.published),
        "published_day": comment.published.date().isoformat() if comment.published else None,
        "text": comment.text,
        "html": comment.html,
        "external_id": comment.external_id,
        "likely_spam": int(comment.likely_spam),
        "spam_reason": comment.spam_reason,
    }


def _writable(path: Path) -> bool:
    """Whether SQLite can write ``path`` and make its journal files beside it."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that never writes ``path``. A WAL archive needs its ``-shm`` index beside
    it; when the folder does not allow making one, the file is read as immutable (nothing can
    be writing it there but another user with write access to the folder)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False)
    return conn


#: SQLite's result codes for "another connection holds a lock": not a fault of the archive.
SQLITE_BUSY_CODES = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED


def check_archive(archive: Archive) -> list[str]:
    """Problems found in an archive (empty when healthy): SQLite's own integrity check, the
    full-text indexes against their tables (not on a read-only connection), and raw bodies that
    rows refer to.

    Raises:
        sqlite3.OperationalError: "database is locked" when another program holds the archive
            for longer than the busy timeout: that says nothing about the archive's health.
    """
    problems: list[str] = []
    db = archive.db
    result = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        problems += [f"sqlite: {line}" for line in result]
    # FTS5's integrity check is an INSERT: a read-only connection cannot run it (the CLI says so).
    for fts in () if archive.read_only else ("posts_fts", "comments_fts"):
        try:
            db.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF in SQLITE_BUSY_CODES:
                raise  # another program is writing: busy, not out of sync
            problems.append(f"{fts}: out of sync with its table ({exc})")
        except sqlite3.DatabaseError as exc:
            problems.append(f"{fts}: out of sync with its table ({exc})")
    for table in ("posts", "fetches"):
        missing = db.execute(
            f"SELECT count(*) FROM {table} WHERE blob_hash IS NOT NULL "
            "AND blob_hash NOT IN (SELECT hash FROM blobs)"
        ).fetchone()[0]
        if missing:
            problems.append(f"{table}: {missing} rows refer to a raw page that is missing")
    return problems
