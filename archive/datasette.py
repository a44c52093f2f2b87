"""Datasette metadata for an archive: table search config and a ranked "search" canned query.

``datasette archive.db`` already shows search boxes on ``posts`` and ``comments`` because the
FTS tables follow the sqlite-utils convention Datasette detects. This metadata adds what
detection cannot: labels and default sort order, and a canned query ``search`` that ranks posts
and comments together (bm25 with the same weights as :mod:`archive.search`) and shows a
snippet. Use it with ``datasette archive.db -m archive.metadata.json`` (see
:func:`write_datasette_metadata`).

The canned query runs inside Datasette, so it cannot use our query language; it quotes the
user's words with Datasette's own ``escape_fts()`` (every word or ``"phrase"`` becomes an FTS5
string), which keeps arbitrary input from being read as FTS5 syntax. An empty box matches
nothing rather than failing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from archive.search_sql import COMMENT_WEIGHTS, HIGHLIGHT, POST_WEIGHTS, SNIPPET_TOKENS

__all__ = ["SEARCH_SQL", "datasette_metadata", "write_datasette_metadata"]

RESULTS = 50


def _bm25(weights: tuple[float, ...]) -> str:
    return "bm25(" + ", ".join(repr(float(w)) for w in weights) + ")"


_MATCH = "coalesce(nullif(escape_fts(:q), ''), '\"\"')"
_START, _END = HIGHLIGHT

SEARCH_SQL = f"""select kind, title, url, published, author, snippet, score from (
  select 'post' as kind, posts.title as title, posts.url as url,
    posts.published as published, posts.author as author,
    snippet(posts_fts, -1, '{_START}', '{_END}', '…', {SNIPPET_TOKENS}) as snippet,
    posts_fts.rank as score
  from posts_fts join posts on posts.id = posts_fts.rowid
  where posts_fts match {_MATCH} and posts_fts.rank match '{_bm25(POST_WEIGHTS)}'
  order by posts_fts.rank limit {RESULTS}
)
union all
select * from (
  select 'comment', posts.title, posts.url || '#comment-' || comments.id,
    comments.published, comments.author,
    snippet(comments_fts, 1, '{_START}', '{_END}', '…', {SNIPPET_TOKENS}),
    comments_fts.rank
  from comments_fts join comments on comments.id = comments_fts.rowid
    join posts on posts.id = comments.post_id
  where comments_fts match {_MATCH} and comments_fts.rank match '{_bm25(COMMENT_WEIGHTS)}'
    and not coalesce(comments.likely_spam, 0)
  order by comments_fts.rank limit {RESULTS}
)
order by score limit {RESULTS}"""
"""Ranked posts and (non-spam) comments matching ``:q``; lower score is better."""


def datasette_metadata(database: str = "archive") -> dict[str, Any]:
    """Datasette metadata for one archive database.

    Args:
        database: the database's name in Datasette: the file name without ``.db``.
    """
    return {
        "title": "blog-archiver",
        "databases": {
            database: {
                "tables": {
                    "posts": {
                        "fts_table": "posts_fts",
                        "fts_pk": "id",
                        "label_column": "title",
                        "sort_desc": "published_day",
                    },
                    "comments": {
                        "fts_table": "comments_fts",
                        "fts_pk": "id",
                        "label_column": "author",
                        "sort_desc": "published_day",
                    },
                },
                "queries": {
                    "search": {
                        "title": "Search posts and comments",
                        "description": (
                            "Ranked full-text search over every archived post and reader "
                            "comment (spam-flagged comments left out). Title matches rank "
                            "highest; lower score is better."
                        ),
                        "sql": SEARCH_SQL,
                    }
                },
            }
        },
    }


def write_datasette_metadata(db_path: Path) -> Path:
    """Write ``<name>.metadata.json`` next to the archive and return its path.

    Run ``datasette <db> -m <that file>`` to use it.
    """
    target = db_path.with_name(db_path.stem + ".metadata.json")
    metadata = datasette_metadata(db_path.stem)
    target.write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target
