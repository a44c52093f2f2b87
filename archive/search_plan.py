"""Planning a search from cheap statistics: stopword pruning and bounded ranking windows.

Both decisions look only at the newest :data:`SAMPLE` ids of a table, because FTS5 can count
matches inside a rowid range by seeking into each doclist and stopping early: microseconds,
even for a word in every post, where a full count (or an fts5vocab lookup) reads the whole
doclist.

Stopword pruning (:func:`prune_common`): a plain word (no quotes, prefix, column or OR) found
in more than :data:`COMMON_FRACTION` of the sampled posts is dropped from a query that keeps
at least one other required term. Such words barely narrow the result but make FTS5 read and
score their huge position lists for every candidate. Phrases always keep every word. Archives
with fewer than :data:`PRUNE_MIN_POSTS` post ids are never pruned.

Ranking windows (:func:`plan_window`): FTS5 computes bm25 for *every* match before
``ORDER BY rank LIMIT n`` can stop (about 1.5 µs a match), so a query matching most of a large
archive costs tens of milliseconds. When the sample predicts more than :data:`MAX_RANKED`
matches, only the matches in the newest rowid range expected to hold :data:`MAX_RANKED` of
them are ranked (``rowid >= low``, which FTS5 applies while walking its doclists). This is an
approximation, and the only one: such a query's results are the best bm25 matches among its
most recently archived ~:data:`MAX_RANKED` matches (ids grow as posts are archived), scored
with the IDF of the whole archive. A query the sample puts under the cap is ranked over every
match, exactly. If the filters (site, dates, spam) leave too few rows in a window, the caller
widens it (:meth:`Window.widened`) until it holds enough rows or covers every id.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import sqlite_utils

from archive.query import Query, fts_string

__all__ = [
    "COMMON_FRACTION",
    "MAX_RANKED",
    "PRUNE_MIN_POSTS",
    "SAMPLE",
    "Estimate",
    "Window",
    "estimate",
    "plan_window",
    "prune_common",
]

SAMPLE = 500
"""Newest ids looked at to estimate how often a word or a query matches."""

COMMON_FRACTION = 0.5
"""A plain word in more than this fraction of the sampled posts is prunable."""

PRUNE_MIN_POSTS = 100
"""Fewer post ids than this: never prune (too little evidence)."""

MAX_RANKED = 10_000
"""The most matches one query ranks by bm25 (about 15 ms of FTS5 work)."""

WIDEN = 8
"""How much a window grows when the filters left too few rows in it."""

_TABLES = {"posts_fts": "posts", "comments_fts": "comments"}


@dataclass(frozen=True)
class Window:
    """Rank only rows with ``rowid >= low`` (``low`` None: every row) of ids bottom..top."""

    low: int | None
    top: int = 0
    bottom: int = 0

    def widened(self) -> Window:
        """A window WIDEN times as large, or every row once it would reach the bottom id."""
        if self.low is None:
            return self
        low = min(self.low - 1, self.top - (self.top - self.low + 1) * WIDEN + 1)
        return replace(self, low=None if low <= self.bottom else low)


@dataclass(frozen=True)
class Estimate:
    """How many of a table's ids a query matches, judged on the newest ``sampled`` of them."""

    found: int
    sampled: int
    top: int
    bottom: int

    @property
    def span(self) -> int:
        """Ids from the lowest to the highest (the table's size, if no id was skipped)."""
        return self.top - self.bottom + 1

    @property
    def matches(self) -> float:
        """Predicted matches in the whole table."""
        return self.found * self.span / self.sampled


def estimate(db: sqlite_utils.Database, fts: str, match: str) -> Estimate | None:
    """Count ``match`` among the newest :data:`SAMPLE` ids of ``fts``; None if it is empty."""
    ids = _id_range(db, _TABLES[fts])
    if ids is None:
        return None
    top, bottom = ids
    sampled = min(SAMPLE, top - bottom + 1)
    found = db.execute(
        f"SELECT count(*) FROM {fts} WHERE {fts} MATCH :m AND rowid > :lo",
        {"m": match, "lo": top - sampled},
    ).fetchone()[0]
    return Estimate(int(found), sampled, top, bottom)


def plan_window(
    db: sqlite_utils.Database,
    fts: str,
    match: str,
    *,
    cap: int = MAX_RANKED,
    known: Estimate | None = None,
) -> Window:
    """The rowid window to rank ``match`` in: everything unless the sample predicts > cap.

    Args:
        db: an archive.
        fts: ``posts_fts`` or ``comments_fts``.
        match: a compiled FTS5 expression (from :func:`archive.query.compile_fts`).
        cap: rank at most about this many matches.
        known: the query's :func:`estimate`, if the caller has it already.
    """
    guess = known or estimate(db, fts, match)
    if guess is None or guess.span <= cap or guess.matches <= cap:
        return Window(None)
    low = guess.top - max(1, cap * guess.sampled // guess.found) + 1
    return Window(low if low > guess.bottom else None, guess.top, guess.bottom)


def _id_range(db: sqlite_utils.Database, table: str) -> tuple[int, int] | None:
    """(max id, min id) of a table, or None when it is empty."""
    # Two subqueries: SQLite reads one end of the rowid b-tree for a lone max() or min(), but
    # scans the whole table for "SELECT max(id), min(id)".
    top, bottom = db.execute(
        f"SELECT (SELECT max(id) FROM {table}), (SELECT min(id) FROM {table})"
    ).fetchone()
    return None if top is None else (int(top), int(bottom))


def _common_words(db: sqlite_utils.Database, words: list[str]) -> set[str]:
    """The words found in more than COMMON_FRACTION of the newest SAMPLE post ids.

    The sample's size is its id range, not a count of its rows: counting 500 posts reads
    their (large) rows, ten times the cost of the word counts themselves.
    """
    ids = _id_range(db, "posts")
    if ids is None:
        return set()
    top, bottom = ids
    sample = min(SAMPLE, top - bottom + 1)
    if sample < PRUNE_MIN_POSTS:
        return set()
    params: dict[str, Any] = {"lo": top - sample}
    counts = []
    for i, word in enumerate(words):
        params[f"w{i}"] = fts_string(word)
        counts.append(
            f"(SELECT count(*) FROM posts_fts WHERE posts_fts MATCH :w{i} AND rowid > :lo)"
        )
    found = db.execute("SELECT " + ", ".join(counts), params).fetchone()
    return {w for w, n in zip(words, found, strict=True) if n > COMMON_FRACTION * sample}


def prune_common(db: sqlite_utils.Database, query: Query) -> Query:
    """Drop very common plain words from a query that keeps another required term.

    The rule (see the module docstring) is judged on the newest :data:`SAMPLE` posts;
    returns ``query`` unchanged when nothing is dropped.
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
