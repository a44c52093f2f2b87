"""Newest/oldest-first search: both ways of finding a page's ids give the same pages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from test_search import add_comment, add_post, new_db

import archive.search
from archive import search_dated, search_plan
from archive.search import search


@pytest.fixture
def dated_db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    """Posts on repeating days (ties broken by id), two undated, two sites; some comments."""
    database = new_db(tmp_path / "archive.db")
    database.execute("BEGIN")
    for i in range(1, 41):
        day = None if i in (7, 30) else f"2020-0{1 + i % 9}-1{i % 7}"
        add_post(database, i, f"Post {i}", "grief", day=day, site_id=1 + i % 2)
        add_comment(database, 100 + i, i, "grief", day=f"2021-0{1 + i % 9}-01")
    database.execute("COMMIT")
    yield database
    database.close()


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize(
    "filters",
    [{}, {"site": "Clinic"}, {"since": date(2020, 3, 1), "until": date(2020, 6, 30)}],
    ids=["none", "site", "dates"],
)
def test_walking_the_day_index_pages_like_sorting_the_matches(
    dated_db: sqlite_utils.Database,
    monkeypatch: pytest.MonkeyPatch,
    sort: search_dated.DateSort,
    filters: dict[str, Any],
) -> None:
    def pages() -> list[list[tuple[int, str | None]]]:
        return [
            [
                (h.id, h.published_day)
                for h in search(
                    dated_db, "grief", kind="posts", sort=sort, limit=7, offset=n, **filters
                )
            ]
            for n in range(0, 42, 7)
        ]

    monkeypatch.setattr(search_dated, "WALK_FROM", 10**9)
    sorted_matches = pages()
    monkeypatch.setattr(search_dated, "WALK_FROM", 1)
    assert pages() == sorted_matches


def test_undated_posts_come_after_dated_ones(dated_db: sqlite_utils.Database) -> None:
    hits = search(dated_db, "grief", kind="posts", sort="newest", limit=100)
    assert [h.id for h in hits][-2:] == [30, 7]
    assert all(h.published_day for h in hits[:-2])


def test_date_sorted_hits_have_snippets_and_scores(dated_db: sqlite_utils.Database) -> None:
    hits = search(dated_db, "grief", sort="oldest", limit=5)
    assert all("«grief»" in h.snippet and h.score < 0 for h in hits)


@pytest.fixture
def ranked_db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    """Posts over three years whose relevance to "grief" differs (title, repeats, body)."""
    database = new_db(tmp_path / "archive.db")
    database.execute("BEGIN")
    for i in range(1, 61):
        title = "Grief" if i % 10 == 0 else f"Post {i}"
        body = " ".join(["grief"] * (1 + i % 4) + ["other words"] * (i % 7))
        add_post(database, i, title, body, day=f"{2019 + i % 3}-0{1 + i % 9}-15")
    database.execute("COMMIT")
    yield database
    database.close()


def test_date_filtered_relevance_ranks_like_filtering_the_full_ranking(
    ranked_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans: list[bool] = []

    def spy(*args: Any, **kwargs: Any) -> list[int] | None:
        ids = search_dated.ranked_in_dates(*args, **kwargs)
        plans.append(ids is not None)
        return ids

    def hits() -> list[tuple[int, float]]:
        found = search(ranked_db, "grief", kind="posts", since=date(2020, 1, 1), limit=50)
        return [(h.id, round(h.score, 9)) for h in found]

    monkeypatch.setattr(archive.search, "ranked_in_dates", spy)
    monkeypatch.setattr(search_dated, "DATES_FIRST_FROM", 1)  # this small archive counts as big
    monkeypatch.setattr(search_dated, "RANGE_SHARE", 1.0)
    ranked_in_range = hits()
    monkeypatch.setattr(search_plan, "MAX_RANKED", 0)  # too many in range: the usual plan
    assert hits() == ranked_in_range
    assert plans == [True, False]
    assert ranked_in_range[0][0] % 10 == 0  # a title match first


def test_date_filtered_relevance_pages_without_overlap(ranked_db: sqlite_utils.Database) -> None:
    since = date(2020, 1, 1)
    first = search(ranked_db, "grief", kind="posts", since=since, limit=5)
    second = search(ranked_db, "grief", kind="posts", since=since, limit=5, offset=5)
    everything = search(ranked_db, "grief", kind="posts", since=since, limit=10)
    assert first + second == everything
