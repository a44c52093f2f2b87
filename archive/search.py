"""Full-text search over an archive: ranked, filtered, with highlighted snippets.

The query language lives in :mod:`archive.query`; this module runs a compiled query against
``posts_fts`` and ``comments_fts`` and turns rows into :class:`Hit` values.

How it stays fast (100,000 posts: see benchmarks/bench_search.py): FTS5 does the ranking
(``ORDER BY rank`` with the per-query weights passed as ``rank MATCH 'bm25(...)'``) and the
FTS table drives the join (``CROSS JOIN`` fixes the loop order), so the base table is read only
for rows FTS5 hands out in rank order, filters are checked on those rows, and ``LIMIT`` stops
the scan as soon as enough rows pass. ``snippet()`` runs only for the returned rows.

Stopword pruning: a plain word (no quotes, prefix, column or OR) that occurs in more than
:data:`COMMON_FRACTION` of posts (judged on the newest :data:`PRUNE_SAMPLE`; archives under
:data:`PRUNE_MIN_POSTS` posts are left alone) is dropped from a query that keeps at least one
other required term. Such words barely narrow the result but make FTS5 read and score their huge
position lists for every candidate. Phrases always keep every word.

A query runs for at most ``timeout`` seconds (default 1 s); a slower one is interrupted and
reported as ``QueryError("Search too broad ...")``.

Errors: every problem a user can cause is a :class:`~archive.query.QueryError`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

import sqlite_utils

from archive.query import (
    COMMENT_COLUMNS,
    POST_COLUMNS,
    Query,
    QueryError,
    compile_fts,
    fts_string,
    parse,
)

__all__ = [
    "COMMENT_WEIGHTS",
    "COMMON_FRACTION",
    "HIGHLIGHT",
    "POST_WEIGHTS",
    "Hit",
    "QueryError",
    "prune_common",
    "search",
]

Kind = Literal["posts", "comments", "all"]
Sort = Literal["relevance", "newest", "oldest"]

POST_WEIGHTS = (10.0, 3.0, 3.0, 1.0)
"""bm25 weights for posts_fts (title, author, tags_text, body_text): a title hit counts most."""

COMMENT_WEIGHTS = (3.0, 1.0)
"""bm25 weights for comments_fts (author, text)."""

HIGHLIGHT = ("«", "»")
"""Default snippet markers: bracket-free, so a terminal UI can swap them for colour."""

SNIPPET_TOKENS = 16
COMMON_FRACTION = 0.5
PRUNE_SAMPLE = 500
PRUNE_MIN_POSTS = 100
DEFAULT_TIMEOUT = 1.0
_PROGRESS_STEPS = 1_000


@dataclass(frozen=True)
class Hit:
    """One search result: a post, or a comment shown with its post's title and URL.

    ``score`` is FTS5's bm25 rank (lower is better); post and comment scores are merged on
    the same scale in ``kind="all"``. ``deleted`` means gone upstream (post ``deleted_at`` or
    comment ``removed_at``): still archived and searchable, shown as such.
    """

    kind: Literal["post", "comment"]
    id: int
    post_id: int
    url: str
    title: str | None
    published: str | None
    author: str | None
    snippet: str
    score: float
    deleted: bool
    likely_spam: bool
    published_day: str | None = None


def _hit(row: Sequence[Any]) -> Hit:
    kind, id_, post_id, url, title, published, author, snippet, score, gone, spam, day = row
    return Hit(
        kind=kind,
        id=int(id_),
        post_id=int(post_id),
        url=url,
        title=title,
        published=published,
        author=author,
        snippet=snippet or "",
        score=float(score),
        deleted=bool(gone),
        likely_spam=bool(spam),
        published_day=day,
    )


def _bm25(weights: Sequence[float]) -> str:
    return "bm25(" + ", ".join(repr(float(w)) for w in weights) + ")"


@dataclass(frozen=True)
class _Filters:
    site_id: int | None
    since: str | None
    until: str | None
    include_spam: bool


def _day(value: date | None) -> str | None:
    """YYYY-MM-DD as stored in published_day; a datetime counts as its day."""
    if value is None:
        return None
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _resolve_site(db: sqlite_utils.Database, site: str | None) -> int | None:
    if site is None:
        return None
    row = db.execute(
        "SELECT id FROM sites WHERE name = ? OR start_url = ? LIMIT 1", [site, site]
    ).fetchone()
    if row is None:
        raise QueryError(f"No site {site!r} in this archive (give its name or start URL).")
    return int(row[0])


def _order(sort: Sort, day: str, id_: str) -> str:
    if sort == "newest":
        return f"{day} IS NULL, {day} DESC, {id_} DESC"
    return f"{day} IS NULL, {day}, {id_}"


def _post_sql(sort: Sort, f: _Filters, marks: tuple[str, str]) -> tuple[str, dict[str, Any]]:
    where = ["posts_fts MATCH :match"]
    params: dict[str, Any] = {"start": marks[0], "end": marks[1]}
    if sort == "relevance":
        where.append("posts_fts.rank MATCH :rank")
        params["rank"] = _bm25(POST_WEIGHTS)
    if f.site_id is not None:
        where.append("p.site_id = :site_id")
        params["site_id"] = f.site_id
    if f.since:
        where.append("p.published_day >= :since")
        params["since"] = f.since
    if f.until:
        where.append("p.published_day <= :until")
        params["until"] = f.until
    order = "posts_fts.rank" if sort == "relevance" else _order(sort, "p.published_day", "p.id")
    score = (
        "posts_fts.rank"
        if sort == "relevance"
        else _bm25(POST_WEIGHTS).replace("bm25(", "bm25(posts_fts, ")
    )
    sql = f"""
        SELECT 'post', p.id, p.id, p.url, p.title, p.published, p.author,
               snippet(posts_fts, -1, :start, :end, '…', {SNIPPET_TOKENS}),
               {score}, p.deleted_at IS NOT NULL, 0, p.published_day
        FROM posts_fts CROSS JOIN posts AS p ON p.id = posts_fts.rowid
        WHERE {" AND ".join(where)}
        ORDER BY {order} LIMIT :limit OFFSET :offset"""
    return sql, params


def _comment_sql(sort: Sort, f: _Filters, marks: tuple[str, str]) -> tuple[str, dict[str, Any]]:
    where = ["comments_fts MATCH :match"]
    params: dict[str, Any] = {"start": marks[0], "end": marks[1]}
    day = "coalesce(c.published_day, p.published_day)"
    if sort == "relevance":
        where.append("comments_fts.rank MATCH :rank")
        params["rank"] = _bm25(COMMENT_WEIGHTS)
    if not f.include_spam:
        where.append("NOT coalesce(c.likely_spam, 0)")
    if f.site_id is not None:
        where.append("p.site_id = :site_id")
        params["site_id"] = f.site_id
    if f.since:
        where.append(f"{day} >= :since")
        params["since"] = f.since
    if f.until:
        where.append(f"{day} <= :until")
        params["until"] = f.until
    order = "comments_fts.rank" if sort == "relevance" else _order(sort, day, "c.id")
    score = (
        "comments_fts.rank"
        if sort == "relevance"
        else _bm25(COMMENT_WEIGHTS).replace("bm25(", "bm25(comments_fts, ")
    )
    sql = f"""
        SELECT 'comment', c.id, c.post_id, p.url || '#comment-' || c.id, p.title, c.published,
               c.author, snippet(comments_fts, 1, :start, :end, '…', {SNIPPET_TOKENS}),
               {score}, c.removed_at IS NOT NULL, coalesce(c.likely_spam, 0), {day}
        FROM comments_fts CROSS JOIN comments AS c ON c.id = comments_fts.rowid
             CROSS JOIN posts AS p ON p.id = c.post_id
        WHERE {" AND ".join(where)}
        ORDER BY {order} LIMIT :limit OFFSET :offset"""
    return sql, params


@contextmanager
def _time_limit(conn: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Interrupt any statement still running after ``seconds``; report it as too broad."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)
    try:
        yield
    except sqlite3.OperationalError as error:
        if "interrupt" not in str(error):
            raise
        raise QueryError(
            f"Search too broad: it ran longer than {seconds:g} s. "
            "Add a rarer word, a phrase or a filter."
        ) from None
    finally:
        conn.set_progress_handler(None, 0)


def _common_words(db: sqlite_utils.Database, words: Sequence[str]) -> set[str]:
    """The words found in more than COMMON_FRACTION of the newest PRUNE_SAMPLE posts.

    Counting inside a rowid window lets FTS5 seek into each word's doclist and stop after
    PRUNE_SAMPLE entries: microseconds even for "the", where a full document count (or an
    fts5vocab lookup) would read the whole doclist. One statement answers for every word.
    """
    top = db.execute("SELECT max(rowid) FROM posts").fetchone()[0]
    if top is None:
        return set()
    params: dict[str, Any] = {"lo": int(top) - PRUNE_SAMPLE}
    counts = ["(SELECT count(*) FROM posts WHERE id > :lo)"]
    for i, word in enumerate(words):
        params[f"w{i}"] = fts_string(word)
        counts.append(
            f"(SELECT count(*) FROM posts_fts WHERE posts_fts MATCH :w{i} AND rowid > :lo)"
        )
    sample, *found = db.execute("SELECT " + ", ".join(counts), params).fetchone()
    if sample < PRUNE_MIN_POSTS:
        return set()
    return {w for w, n in zip(words, found, strict=True) if n > COMMON_FRACTION * sample}


def prune_common(db: sqlite_utils.Database, query: Query) -> Query:
    """Drop very common plain words from a query that keeps another required term.

    The rule (see the module docstring) is judged on the newest :data:`PRUNE_SAMPLE` posts;
    archives with fewer than :data:`PRUNE_MIN_POSTS` posts are never pruned. Returns
    ``query`` unchanged when nothing is dropped.
    """
    plain = [
        c.alternatives[0].tokens[0]
        for c in query.required
        if len(c.alternatives) == 1 and c.alternatives[0].is_plain_word
    ]
    if not plain or len(query.required) < 2:
        return query
    common = _common_words(db, sorted(set(plain)))
    if not common:
        return query
    kept = tuple(
        c
        for c in query.required
        if not (
            len(c.alternatives) == 1
            and c.alternatives[0].is_plain_word
            and c.alternatives[0].tokens[0] in common
        )
    )
    if not kept or len(kept) == len(query.required):
        return query
    return replace(query, required=kept)


def search(
    db: sqlite_utils.Database,
    query: str,
    *,
    kind: Kind = "all",
    site: str | None = None,
    since: date | None = None,
    until: date | None = None,
    sort: Sort = "relevance",
    limit: int = 20,
    offset: int = 0,
    include_spam: bool = False,
    highlight: tuple[str, str] = HIGHLIGHT,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Hit]:
    """Search posts and/or comments; best (or newest/oldest) first.

    Args:
        db: an archive.
        query: the user's query in the language of :mod:`archive.query`.
        kind: search posts, comments, or both merged by score (or date).
        site: restrict to one site, by name or start URL.
        since: only items published on or after this day (a comment's own day, else its
            post's).
        until: only items published on or before this day.
        sort: "relevance" (bm25, title weighted highest) or by published day then id.
        limit: at most this many hits.
        offset: skip this many hits first (paging).
        include_spam: also return comments flagged ``likely_spam``.
        highlight: the strings put around matched words in ``snippet``.
        timeout: seconds before a query is stopped as too broad.

    Raises:
        QueryError: the query is empty, only exclusions, too long or too broad, or the
            site is unknown.
    """
    parsed = parse(query)
    if limit <= 0:
        return []
    if offset < 0:
        raise QueryError("Offset must be 0 or more.")
    filters = _Filters(
        site_id=_resolve_site(db, site),
        since=_day(since),
        until=_day(until),
        include_spam=include_spam,
    )
    hits: list[Hit] = []
    with _time_limit(db.conn, timeout):
        parsed = prune_common(db, parsed)
        targets = []
        if kind in ("posts", "all"):
            targets.append((compile_fts(parsed, POST_COLUMNS), _post_sql))
        if kind in ("comments", "all"):
            targets.append((compile_fts(parsed, COMMENT_COLUMNS), _comment_sql))
        single = len(targets) == 1
        for match, build in targets:
            if match is None:
                continue
            sql, params = build(sort, filters, highlight)
            params.update(
                match=match,
                limit=limit if single else limit + offset,
                offset=offset if single else 0,
            )
            hits.extend(_hit(row) for row in db.execute(sql, params).fetchall())
    if single:
        return hits
    return _merge(hits, sort)[offset : offset + limit]


def _merge(hits: list[Hit], sort: Sort) -> list[Hit]:
    if sort == "relevance":
        return sorted(hits, key=lambda h: h.score)
    dated = [h for h in hits if h.published_day is not None]
    undated = [h for h in hits if h.published_day is None]
    dated.sort(
        key=lambda h: (h.published_day or "", h.kind == "comment", h.id),
        reverse=sort == "newest",
    )
    return dated + undated
