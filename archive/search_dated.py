"""Newest/oldest-first search: find the page's ids cheaply, then build hits for those only.

Sorting matches by day in one statement makes SQLite's sorter evaluate every selected column,
``snippet()`` and ``bm25()`` included, for *every* match before ``LIMIT`` applies: half a
second for a word in half of 100,000 posts, past the time limit for "the". Instead the page's
ids are found first, reading no text:

- posts: the FTS matches become a rowid set (FTS5 lists them without ranking) and the
  ``published_day`` index is walked in the wanted order until the page is full; ``since`` /
  ``until`` are a range of that index. Undated posts come last, as in every sort. A query with
  fewer than :data:`WALK_FROM` matches skips the walk (it could read the whole index to find
  a handful): its matches are looked up by id and sorted.
- comments (no day index; a comment's day falls back to its post's): one statement that
  sorts (id, day) pairs only.

The caller then runs its usual statement restricted to those ids (:func:`id_restriction`), so
snippets and scores are computed for one page of rows.

Relevance with a date filter (:func:`ranked_in_dates`) turns the same way round: FTS5 would
rank every match of the word and only then drop those outside the dates. Instead the matches
inside the range are ranked alone, by the same bm25 (exact: no window): the posts in the range
come from the day index, and one FTS5 scan (no ranking) keeps the matches among them. This
pays when the query has many matches (from :data:`DATES_FIRST_FROM` to twice ``cap``) but
the range holds few posts (at most :data:`RANGE_SHARE` of the archive, and not so many that
more than ``cap`` matches are expected in it); else the caller's usual plan is the cheaper.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

import sqlite_utils

from archive.search_plan import Estimate

__all__ = ["comment_ids", "id_restriction", "post_ids", "ranked_in_dates"]

DateSort = Literal["newest", "oldest"]

WALK_FROM = 2_000
"""From this many matches on, walk the day index rather than sort the matches."""

DATES_FIRST_FROM = 200
"""Fewer predicted matches than this: rank them all, then filter by date."""

RANGE_SHARE = 0.25
"""Ranking inside the dates first pays only for a range of at most this share of the posts."""

_DAY_INDEX = "idx_posts_published_day"  # created with the posts table (0001_initial)


def post_ids(
    db: sqlite_utils.Database,
    match: str,
    sort: DateSort,
    *,
    site_id: int | None,
    since: str | None,
    until: str | None,
    need: int,
) -> list[int]:
    """Ids of the first ``need`` matching posts by (published_day, id), undated last."""
    way = "DESC" if sort == "newest" else "ASC"
    where = ["p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH :match)"]
    params: dict[str, Any] = {"match": match, "need": need}
    if site_id is not None:
        where.append("p.site_id = :site_id")
        params["site_id"] = site_id
    dated = ["p.published_day IS NOT NULL"]
    if since:
        dated.append("p.published_day >= :since")
        params["since"] = since
    if until:
        dated.append("p.published_day <= :until")
        params["until"] = until
    many = (
        db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH :match LIMIT :n)",
            {"match": match, "n": WALK_FROM},
        ).fetchone()[0]
        >= WALK_FROM
    )
    walk = f"INDEXED BY {_DAY_INDEX}" if many else ""
    ids = [
        int(r[0])
        for r in db.execute(
            f"SELECT p.id FROM posts AS p {walk} WHERE {' AND '.join(dated + where)} "
            f"ORDER BY p.published_day {way}, p.id {way} LIMIT :need",
            params,
        )
    ]
    if len(ids) < need and not (since or until):
        params["need"] = need - len(ids)
        ids += [
            int(r[0])
            for r in db.execute(
                f"SELECT p.id FROM posts AS p WHERE p.published_day IS NULL "
                f"AND {' AND '.join(where)} ORDER BY p.id {way} LIMIT :need",
                params,
            )
        ]
    return ids


def comment_ids(
    db: sqlite_utils.Database,
    match: str,
    sort: DateSort,
    *,
    conditions: Sequence[str],
    params: dict[str, Any],
    order: str,
    need: int,
) -> list[int]:
    """Ids of the first ``need`` matching comments in ``order`` (the caller's SQL terms)."""
    sql = f"""
        SELECT c.id FROM comments_fts CROSS JOIN comments AS c ON c.id = comments_fts.rowid
             CROSS JOIN posts AS p ON p.id = c.post_id
        WHERE comments_fts MATCH :match AND {" AND ".join(conditions) or "1"}
        ORDER BY {order} LIMIT :need"""
    return [int(r[0]) for r in db.execute(sql, {**params, "match": match, "need": need})]


def id_restriction(fts: str, ids: Sequence[int]) -> tuple[str, dict[str, Any]]:
    """SQL terms limiting ``fts`` to ``ids`` in one FTS5 scan.

    A plain ``rowid IN (...)`` becomes one FTS5 lookup per id, and each lookup recounts the
    IDF of every term for bm25 (milliseconds each for a common word). A rowid range is one
    scan; the ``+`` keeps the exact id list a filter on that scan's rows.
    """
    terms = (
        f"{fts}.rowid BETWEEN :id_lo AND :id_hi "
        f"AND +{fts}.rowid IN (SELECT value FROM json_each(:ids))"
    )
    return terms, {"id_lo": min(ids), "id_hi": max(ids), "ids": json.dumps(list(ids))}


def ranked_in_dates(
    db: sqlite_utils.Database,
    match: str,
    bm25: str,
    *,
    site_id: int | None,
    since: str | None,
    until: str | None,
    need: int,
    cap: int,
    guess: Estimate | None,
) -> list[int] | None:
    """Ids of the ``need`` best matching posts in the date range (``bm25``: the ranking
    expression over posts_fts), or None when the caller's usual plan is the cheaper: the
    query has few matches (``guess``) or very many (over twice ``cap``), or the range holds
    too many posts (more than
    :data:`RANGE_SHARE` of the archive, or enough to expect more than ``cap`` matches)."""
    if guess is None or not DATES_FIRST_FROM <= guess.matches <= 2 * cap:
        # Few matches: rank them all, then filter. Very many: the id filter below would be
        # checked on every one of them; ranking a window of them is the cheaper.
        return None
    most = int(min(guess.span * RANGE_SHARE, cap * guess.span / guess.matches))
    where = ["published_day IS NOT NULL"]
    params: dict[str, Any] = {"most": most + 1}
    for term, name, value in (
        ("published_day >= :since", "since", since),
        ("published_day <= :until", "until", until),
    ):
        if value is not None:
            where.append(term)
            params[name] = value
    in_range = [
        int(r[0])
        for r in db.execute(
            f"SELECT id FROM posts INDEXED BY {_DAY_INDEX} WHERE {' AND '.join(where)} LIMIT :most",
            params,
        )
    ]
    if len(in_range) > most:
        return None
    if not in_range:
        return []
    terms, only = id_restriction("posts_fts", in_range)
    site = ""
    if site_id is not None:
        site = "AND posts_fts.rowid IN (SELECT id FROM posts WHERE site_id = :site_id)"
        only["site_id"] = site_id
    # ORDER BY an expression, not rank: SQLite then scores only the rows the id list keeps.
    rows = db.execute(
        f"SELECT posts_fts.rowid FROM posts_fts WHERE posts_fts MATCH :match AND {terms} "
        f"{site} ORDER BY {bm25}, posts_fts.rowid LIMIT :need",
        {**only, "match": match, "need": need},
    )
    return [int(r[0]) for r in rows]
