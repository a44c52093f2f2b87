"""The SQL statements of a search: one builder per table, the same shape for both.

A builder returns the statement (and its parameters, bar ``match``, ``limit`` and ``offset``)
that finds one page of hits in ``posts_fts`` or ``comments_fts``, joined to its rows, filtered,
in the wanted order, with snippet and score. ``low`` limits it to a rowid window
(:mod:`archive.search_plan`), ``only`` to given ids (:mod:`archive.search_dated`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "COMMENT_WEIGHTS",
    "HIGHLIGHT",
    "POST_SCORE",
    "POST_WEIGHTS",
    "SNIPPET_TOKENS",
    "Filters",
    "SqlBuilder",
    "comment_sql",
    "post_sql",
]

Sort = Literal["relevance", "newest", "oldest"]
Only = tuple[str, dict[str, Any]] | None
"""SQL terms (and their parameters) limiting a statement to some rowids."""

POST_WEIGHTS = (10.0, 3.0, 3.0, 1.0)
"""bm25 weights for posts_fts (title, author, tags_text, body_text): a title hit counts most."""

COMMENT_WEIGHTS = (3.0, 1.0)
"""bm25 weights for comments_fts (author, text)."""

HIGHLIGHT = ("«", "»")
"""Default snippet markers: bracket-free, so a terminal UI can swap them for colour."""

SNIPPET_TOKENS = 16


def _bm25(weights: Sequence[float]) -> str:
    return "bm25(" + ", ".join(repr(float(w)) for w in weights) + ")"


@dataclass(frozen=True)
class Filters:
    site_id: int | None
    since: str | None
    until: str | None
    include_spam: bool


def order_by(sort: Sort, day: str, id_: str) -> str:
    if sort == "newest":
        return f"{day} IS NULL, {day} DESC, {id_} DESC"
    return f"{day} IS NULL, {day}, {id_}"


POST_SCORE = _bm25(POST_WEIGHTS).replace("bm25(", "bm25(posts_fts, ")
"""The posts' ranking as an expression (what ``rank`` is, given ``rank MATCH`` bm25 weights)."""


def post_sql(
    sort: Sort, f: Filters, marks: tuple[str, str], low: int | None, only: Only
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
    order = "posts_fts.rank" if sort == "relevance" else order_by(sort, "p.published_day", "p.id")
    score = "posts_fts.rank" if sort == "relevance" else POST_SCORE
    sql = f"""
        SELECT 'post', p.id, p.id, p.url, p.title, p.published, p.author,
               snippet(posts_fts, -1, :start, :end, '…', {SNIPPET_TOKENS}),
               {score}, p.deleted_at IS NOT NULL, 0, p.published_day
        FROM posts_fts CROSS JOIN posts AS p ON p.id = posts_fts.rowid
        WHERE {" AND ".join(where)}
        ORDER BY {order} LIMIT :limit OFFSET :offset"""
    return sql, params


COMMENT_DAY = "coalesce(c.published_day, p.published_day)"


def comment_filters(f: Filters) -> tuple[list[str], dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if not f.include_spam:
        where.append("NOT coalesce(c.likely_spam, 0)")
    if f.site_id is not None:
        where.append("p.site_id = :site_id")
        params["site_id"] = f.site_id
    if f.since:
        where.append(f"{COMMENT_DAY} >= :since")
        params["since"] = f.since
    if f.until:
        where.append(f"{COMMENT_DAY} <= :until")
        params["until"] = f.until
    return where, params


def comment_sql(
    sort: Sort, f: Filters, marks: tuple[str, str], low: int | None, only: Only
) -> tuple[str, dict[str, Any]]:
    filters, params = comment_filters(f)
    where = ["comments_fts MATCH :match", *filters]
    params.update(start=marks[0], end=marks[1])
    day = COMMENT_DAY
    if low is not None:
        where.append("comments_fts.rowid >= :low")
        params["low"] = low
    if only is not None:
        where.append(only[0])
        params.update(only[1])
    if sort == "relevance":
        where.append("comments_fts.rank MATCH :rank")
        params["rank"] = _bm25(COMMENT_WEIGHTS)
    order = "comments_fts.rank" if sort == "relevance" else order_by(sort, day, "c.id")
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


SqlBuilder = Callable[
    [Sort, Filters, tuple[str, str], int | None, Only], tuple[str, dict[str, Any]]
]
