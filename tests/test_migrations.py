"""Archives written by earlier releases open and upgrade in place; history is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from archive.migrations import known_migration_names, migrations
from archive.store import Archive


def test_a_new_archive_records_every_migration(archive: Archive) -> None:
    applied = [m.name for m in migrations.applied(archive.db)]
    assert applied == known_migration_names()


@pytest.mark.parametrize("stop_before", known_migration_names()[1:] or ["<none>"])
def test_an_older_archive_upgrades_in_place_and_keeps_its_data(
    tmp_path: Path, stop_before: str
) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before=stop_before if stop_before != "<none>" else None)
    db.execute(
        "INSERT INTO sites (name, start_url, scope, settings) VALUES ('old', "
        "'http://old.test/', 'old.test/', '{}')"
    )
    db.execute(
        "INSERT INTO posts (site_id, url, title, body_text, version) "
        "VALUES (1, 'http://old.test/p/1', 'Written long ago', 'An early post about grief.', 1)"
    )
    db.conn.commit()
    db.close()
    with Archive(path) as archive:
        assert [m.name for m in migrations.applied(archive.db)] == known_migration_names()
        post = archive.post("http://old.test/p/1")
        assert post is not None and post.title == "Written long ago"
        hits = archive.db.execute(
            "SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'grief'"
        ).fetchall()
        assert len(hits) == 1


def test_opening_twice_applies_nothing_new(archive_path: Path) -> None:
    Archive(archive_path).close()
    Archive(archive_path).close()
    db = Database(archive_path)
    names = [m.name for m in migrations.applied(db)]
    assert len(names) == len(set(names))
