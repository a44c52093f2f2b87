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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import sqlite_utils

from archive import search_plan
from archive.query import COMMENT_COLUMNS, POST_COLUMNS, QueryError, compile_fts, parse
from archive.search_dated import (
    DateSort,
    comment_ids,
    id_restriction,
    post_ids,
    ranked_in_dates,
)
from archive.search_plan import COMMON_FRACTION, prune_common
from archive.search_sql import (
    COMMENT_DAY,
    COMMENT_WEIGHTS,
    HIGHLIGHT,
    POST_SCORE,
    POST_WEIGHTS,
    Filters,
    Sort,
    SqlBuilder,
    comment_filters,
    comment_sql,
    order_by,
    post_sql,
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


def _hits_for_ids(
    db: sqlite_utils.Database,
    fts: str,
    match: str,
    build: SqlBuilder,
    f: Filters,
    marks: tuple[str, str],
    ids: list[int],
    single: bool,
    offset: int,
) -> list[Hit]:
    """Hits for a page of ids already in order (snippets and scores for these rows only)."""
    page = ids[offset:] if single else ids
    if not page:
        return []
    # Any non-rank order: ``ORDER BY rank`` would make FTS5 rank the whole id range.
    sql, params = build("newest", f, marks, None, id_restriction(fts, page))
    params.update(match=match, limit=len(page), offset=0)
    by_id = {h.id: h for h in map(_hit, db.execute(sql, params).fetchall())}
    return [by_id[i] for i in page if i in by_id]


def _ranked_in_dates(
    db: sqlite_utils.Database,
    fts: str,
    match: str,
    f: Filters,
    need: int,
    guess: search_plan.Estimate | None,
) -> list[int] | None:
    if fts != "posts_fts" or not (f.since or f.until):
        return None
    return ranked_in_dates(
        db,
        match,
        POST_SCORE,
        site_id=f.site_id,
        since=f.since,
        until=f.until,
        need=need,
        cap=search_plan.MAX_RANKED,
        guess=guess,
    )


def _dated_ids(
    db: sqlite_utils.Database, fts: str, match: str, sort: DateSort, f: Filters, need: int
) -> list[int]:
    if fts == "posts_fts":
        return post_ids(db, match, sort, site_id=f.site_id, since=f.since, until=f.until, need=need)
    conditions, params = comment_filters(f)
    order = order_by(sort, COMMENT_DAY, "c.id")
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
    filters = Filters(
        site_id=_resolve_site(db, site),
        since=_day(since),
        until=_day(until),
        include_spam=include_spam,
    )
    hits: list[Hit] = []
    with _time_limit(db.conn, timeout):
        parsed = prune_common(db, parsed)
        targets: list[tuple[str, str | None, SqlBuilder]] = []
        if kind in ("posts", "all"):
            targets.append(("posts_fts", compile_fts(parsed, POST_COLUMNS), post_sql))
        if kind in ("comments", "all"):
            targets.append(("comments_fts", compile_fts(parsed, COMMENT_COLUMNS), comment_sql))
        single = len(targets) == 1
        wanted = limit if single else limit + offset
        for fts, match, build in targets:
            if match is None:
                continue
            need = wanted + (offset if single else 0)
            guess = None
            if sort != "relevance":
                ids: list[int] | None = _dated_ids(db, fts, match, sort, filters, need)
            else:
                guess = search_plan.estimate(db, fts, match)
                ids = _ranked_in_dates(db, fts, match, filters, need, guess)
            if ids is not None:
                hits.extend(
                    _hits_for_ids(db, fts, match, build, filters, highlight, ids, single, offset)
                )
                continue
            window = search_plan.plan_window(
                db, fts, match, cap=search_plan.MAX_RANKED, known=guess
            )
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
