"""Search planning: bounded ranking windows for very broad queries, and the prefix index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from test_search import add_post, new_db

from archive import search_plan
from archive.search import search
from archive.search_plan import Window, plan_window

CAP = 40


@pytest.fixture
def broad_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[sqlite_utils.Database]:
    """300 posts that all say "grief" (site 1 up to id 250, site 2 after); one says "zebra"."""
    monkeypatch.setattr(search_plan, "MAX_RANKED", CAP)
    database = new_db(tmp_path / "archive.db")
    database.execute("BEGIN")  # one transaction: 300 commits would dominate the test's time
    for i in range(1, 301):
        add_post(database, i, f"Post {i}", "grief and more grief", site_id=1 if i <= 250 else 2)
    add_post(database, 301, "Zebra", "zebra grief")
    database.execute("COMMIT")
    yield database
    database.close()


def test_small_archive_ranks_every_match(broad_db: sqlite_utils.Database) -> None:
    assert plan_window(broad_db, "posts_fts", '"grief"', cap=1000) == Window(None)


def test_query_over_the_cap_is_ranked_in_a_window_of_newest_ids(
    broad_db: sqlite_utils.Database,
) -> None:
    window = plan_window(broad_db, "posts_fts", '"grief"', cap=CAP)
    assert window.low is not None
    assert 301 - window.low + 1 == pytest.approx(CAP, abs=2)


def test_rare_query_is_ranked_over_every_match(broad_db: sqlite_utils.Database) -> None:
    assert plan_window(broad_db, "posts_fts", '"zebra"', cap=CAP).low is None


def test_broad_query_returns_the_best_of_its_newest_matches(
    broad_db: sqlite_utils.Database,
) -> None:
    add_post(broad_db, 302, "Grief", "")  # newest, a title match: best in the window
    hits = search(broad_db, "grief", kind="posts", limit=5)
    assert hits[0].id == 302
    assert all(h.id > 302 - 2 * CAP for h in hits)


def test_title_match_outranks_body_matches_when_ranked_exactly(
    broad_db: sqlite_utils.Database,
) -> None:
    add_post(broad_db, 400, "Zebra crossing", "")
    hits = search(broad_db, "zebra", kind="posts")
    assert [h.id for h in hits] == [400, 301]


def test_window_widens_when_filters_leave_too_few_rows(
    broad_db: sqlite_utils.Database,
) -> None:
    hits = search(broad_db, "grief", kind="posts", site="Practice", limit=10)
    assert len(hits) == 10
    assert all(h.id <= 250 for h in hits)


def test_window_widens_to_every_row_at_the_bottom() -> None:
    window = Window(low=90, top=100, bottom=1)
    assert window.widened() == Window(low=13, top=100, bottom=1)
    assert window.widened().widened() == Window(None, top=100, bottom=1)


def test_pages_of_a_broad_query_do_not_repeat_hits(broad_db: sqlite_utils.Database) -> None:
    first = search(broad_db, "grief", kind="posts", limit=10)
    second = search(broad_db, "grief", kind="posts", limit=10, offset=10)
    assert not {h.id for h in first} & {h.id for h in second}


def test_comments_are_windowed_too(broad_db: sqlite_utils.Database) -> None:
    for i in range(1, 120):
        broad_db.execute(
            "INSERT INTO comments(id, post_id, fingerprint, author, text) "
            "VALUES (?, 1, ?, 'Jo', 'grief')",
            [i, f"fp{i}"],
        )
    assert plan_window(broad_db, "comments_fts", '"grief"', cap=CAP).low is not None
    hits = search(broad_db, "grief", kind="comments", limit=5)
    assert len(hits) == 5


def test_fts_tables_have_prefix_indexes(tmp_path: Path) -> None:
    db = new_db(tmp_path / "archive.db")
    for table in ("posts_fts", "comments_fts"):
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        assert "prefix='3 4'" in sql


def test_prefix_search_finds_words_through_the_prefix_index(tmp_path: Path) -> None:
    db = new_db(tmp_path / "archive.db")
    add_post(db, 1, "Therapy", "")
    add_post(db, 2, "Thermal", "")
    add_post(db, 3, "Other", "")
    assert {h.id for h in search(db, "ther*", kind="posts")} == {1, 2}
    assert {h.id for h in search(db, "thera*", kind="posts")} == {1}


def test_a_window_always_grows(broad_db: sqlite_utils.Database) -> None:
    window = plan_window(broad_db, "posts_fts", '"grief"', cap=0)
    assert window.low == 301
    assert Window(low=101, top=100, bottom=1).widened().low == 100
