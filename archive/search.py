"""Full-text search over an archive: ranked, filtered, with highlighted snippets.

The query language lives in :mod:`archive.query`; this module runs a compiled query against
``posts_fts`` and ``comments_fts`` and turns rows into :class:`Hit` values.

How it stays fast (100,000 posts: see benchmarks/bench_search.py and benchmarks/README.md):
FTS5 does the ranking (``ORDER BY rank`` with the per-query weights passed as
``rank MATCH 'bm25(...)'``) and the FTS table drives the join (``CROSS JOIN`` fixes the loop
order), so the base table is read only for rows FTS5 hands out in rank order, filters are
checked on those rows, and ``LIMIT`` stops the scan as soon as enough rows pass. ``snippet()``
runs only for the returned rows. The prefix indexes of migration ``0005_search_prefix`` make
``thera*`` read one precomputed doclist instead of merging every matching term's.

Two planning steps (:mod:`archive.search_plan`, which documents both) judge the query on the
newest few hundred ids first:

- stopword pruning: a very common plain word is dropped from a query that keeps a rarer
  required term (phrases keep every word);
- bounded ranking, the one approximation: a query predicted to match more than
  :data:`~archive.search_plan.MAX_RANKED` rows of a table is ranked over its newest
  ``MAX_RANKED`` or so matches only (a rowid window), not over every match. Any query
  predicted at or under ``MAX_RANKED`` matches (10,000: a tenth of a 100,000-post archive,
  all of a typical blog) is ranked over every match, exactly. When filters leave fewer
  rows in the window than the page asks for, the window is widened and the query re-run, so a
  page is never short while matching rows exist; pages of one broad query past the first
  ``MAX_RANKED`` matches may therefore come from a wider window than earlier pages.

Newest/oldest-first searches (:mod:`archive.search_dated`) find one page of ids by day first,
then compute snippets and scores for that page only; they are exact (no window).

A query runs for at most ``timeout`` seconds (default 1 s); a slower one is interrupted and
reported as ``QueryError("Search too broad ...")``.

Errors: every problem a user can cause is a :class:`~archive.query.QueryError`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import sqlite_utils

from archive import search_plan
from archive.query import COMMENT_COLUMNS, POST_COLUMNS, QueryError, compile_fts, parse
from archive.search_dated import DateSort, comment_ids, id_restriction, post_ids
from archive.search_plan import COMMON_FRACTION, prune_common

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
_Only = tuple[str, dict[str, Any]] | None  # SQL terms (and their parameters) limiting rowids

POST_WEIGHTS = (10.0, 3.0, 3.0, 1.0)
"""bm25 weights for posts_fts (title, author, tags_text, body_text): a title hit counts most."""

COMMENT_WEIGHTS = (3.0, 1.0)
"""bm25 weights for comments_fts (author, text)."""

HIGHLIGHT = ("«", "»")
"""Default snippet markers: bracket-free, so a terminal UI can swap them for colour."""

SNIPPET_TOKENS = 16
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


def _post_sql(
    sort: Sort, f: _Filters, marks: tuple[str, str], low: int | None, only: _Only
) -> tuple[str, dict[str, Any]]:
    where = ["posts_fts MATCH :match"]
    params: dict[str, Any] = {"start": marks[0], "end": marks[1]}
    if only is not None:
        where.append(only[0])
        params.update(only[1])
    if low is not None:
        where.append("posts_fts.rowid >= :low")
        params["low"] = low
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


_COMMENT_DAY = "coalesce(c.published_day, p.published_day)"


def _comment_filters(f: _Filters) -> tuple[list[str], dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if not f.include_spam:
        where.append("NOT coalesce(c.likely_spam, 0)")
    if f.site_id is not None:
        where.append("p.site_id = :site_id")
        params["site_id"] = f.site_id
    if f.since:
        where.append(f"{_COMMENT_DAY} >= :since")
        params["since"] = f.since
    if f.until:
        where.append(f"{_COMMENT_DAY} <= :until")
        params["until"] = f.until
    return where, params


def _comment_sql(
    sort: Sort, f: _Filters, marks: tuple[str, str], low: int | None, only: _Only
) -> tuple[str, dict[str, Any]]:
    filters, params = _comment_filters(f)
    where = ["comments_fts MATCH :match", *filters]
    params.update(start=marks[0], end=marks[1])
    day = _COMMENT_DAY
    if low is not None:
        where.append("comments_fts.rowid >= :low")
        params["low"] = low
    if only is not None:
        where.append(only[0])
        params.update(only[1])
    if sort == "relevance":
        where.append("comments_fts.rank MATCH :rank")
        params["rank"] = _bm25(COMMENT_WEIGHTS)
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


_SqlBuilder = Callable[
    [Sort, _Filters, tuple[str, str], int | None, _Only], tuple[str, dict[str, Any]]
]


def _dated_ids(
    db: sqlite_utils.Database, fts: str, match: str, sort: DateSort, f: _Filters, need: int
) -> list[int]:
    if fts == "posts_fts":
        return post_ids(db, match, sort, site_id=f.site_id, since=f.since, until=f.until, need=need)
    conditions, params = _comment_filters(f)
    order = _order(sort, _COMMENT_DAY, "c.id")
    return comment_ids(
        db, match, sort, conditions=conditions, params=params, order=order, need=need
    )


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
        targets: list[tuple[str, str | None, _SqlBuilder]] = []
        if kind in ("posts", "all"):
            targets.append(("posts_fts", compile_fts(parsed, POST_COLUMNS), _post_sql))
        if kind in ("comments", "all"):
            targets.append(("comments_fts", compile_fts(parsed, COMMENT_COLUMNS), _comment_sql))
        single = len(targets) == 1
        wanted = limit if single else limit + offset
        for fts, match, build in targets:
            if match is None:
                continue
            if sort != "relevance":
                ids = _dated_ids(db, fts, match, sort, filters, wanted + (offset if single else 0))
                ids = ids[offset:] if single else ids
                if not ids:
                    continue
                sql, params = build(sort, filters, highlight, None, id_restriction(fts, ids))
                params.update(match=match, limit=len(ids), offset=0)
                rows = db.execute(sql, params).fetchall()
                hits.extend(_hit(row) for row in rows)
                continue
            window = search_plan.plan_window(db, fts, match, cap=search_plan.MAX_RANKED)
            while True:
                sql, params = build(sort, filters, highlight, window.low, None)
                params.update(match=match, limit=wanted, offset=offset if single else 0)
                rows = db.execute(sql, params).fetchall()
                if window.low is None or len(rows) >= wanted:
                    break
                window = window.widened()
            hits.extend(_hit(row) for row in rows)
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
