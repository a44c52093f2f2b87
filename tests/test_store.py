"""The archive keeps everything: versions of edited posts, removed comments, deleted posts."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from archive.store import Archive, ArchiveError
from scraper.models import Comment, Post


def make_post(url: str = "http://blog.test/blog/post/?sid=1", **kw: object) -> Post:
    base = Post(
        url=url,
        title="Courage in therapy",
        published=datetime(2016, 12, 4),
        author="Dana Reyes",
        body_text="It takes courage to begin.",
        tags=["courage"],
        comments=[
            Comment("Ann", datetime(2018, 12, 3, 22, 9), "Thank you for this."),
            Comment("Dana Reyes", datetime(2018, 12, 4, 9, 0), "Glad it helped.", parent=0),
        ],
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def site_id(archive: Archive) -> int:
    return archive.ensure_site("http://blog.test/blog/", "blog.test/", {}).id


def test_new_post_is_saved_with_comments_and_thread(archive: Archive) -> None:
    outcome = archive.save_post(site_id(archive), make_post())
    assert (outcome.status, outcome.version, outcome.new_comments) == ("new", 1, 2)
    stored = archive.post(outcome.post_id)
    assert stored is not None
    assert stored.title == "Courage in therapy"
    assert stored.published == "2016-12-04T00:00:00"
    assert [c.author for c in stored.comments] == ["Ann", "Dana Reyes"]
    assert stored.comments[1].parent_id == stored.comments[0].id


def test_saving_the_same_post_again_is_unchanged(archive: Archive) -> None:
    sid = site_id(archive)
    archive.save_post(sid, make_post())
    again = archive.save_post(sid, make_post())
    assert (again.status, again.version, again.new_comments) == ("unchanged", 1, 0)
    assert archive.db.execute("SELECT count(*) FROM post_versions").fetchone()[0] == 0


def test_an_edit_keeps_the_old_version(archive: Archive) -> None:
    sid = site_id(archive)
    first = archive.save_post(sid, make_post())
    edited = archive.save_post(sid, make_post(body_text="It takes real courage to begin."))
    assert (edited.status, edited.version) == ("changed", 2)
    versions = archive.versions(first.post_id)
    assert [v["body_text"] for v in versions] == [
        "It takes courage to begin.",
        "It takes real courage to begin.",
    ]


def test_a_comment_deleted_upstream_is_kept_and_marked(archive: Archive) -> None:
    sid = site_id(archive)
    post = make_post()
    archive.save_post(sid, post)
    outcome = archive.save_post(sid, replace(post, comments=post.comments[:1]))
    assert outcome.removed_comments == 1
    stored = archive.post(outcome.post_id)
    assert stored is not None
    assert len(stored.comments) == 2
    removed = [c for c in stored.comments if c.removed_at]
    assert [c.author for c in removed] == ["Dana Reyes"]


def test_a_comment_that_comes_back_is_no_longer_removed(archive: Archive) -> None:
    sid = site_id(archive)
    post = make_post()
    archive.save_post(sid, post)
    archive.save_post(sid, replace(post, comments=post.comments[:1]))
    archive.save_post(sid, post)
    stored = archive.post(post.url)
    assert stored is not None
    assert all(c.removed_at is None for c in stored.comments)


def test_a_new_comment_is_added_without_touching_the_post_version(archive: Archive) -> None:
    sid = site_id(archive)
    post = make_post()
    archive.save_post(sid, post)
    more = [*post.comments, Comment("Ben", datetime(2019, 1, 2), "Very true.")]
    outcome = archive.save_post(sid, replace(post, comments=more))
    assert (outcome.status, outcome.new_comments, outcome.version) == ("unchanged", 1, 1)


def test_a_post_gone_twice_is_marked_deleted_but_kept(archive: Archive) -> None:
    sid = site_id(archive)
    post = make_post()
    archive.save_post(sid, post)
    archive.db.execute(
        "INSERT INTO pages (site_id, url, state) VALUES (?, ?, 'done')", [sid, post.url]
    )
    assert archive.mark_gone(post.url) is False
    assert archive.mark_gone(post.url) is True
    stored = archive.post(post.url)
    assert stored is not None and stored.deleted_at is not None
    assert stored.body_text == "It takes courage to begin."


def test_full_text_index_follows_the_posts_table(archive: Archive) -> None:
    archive.save_post(site_id(archive), make_post())
    rows = archive.db.execute(
        "SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'courag*'"
    ).fetchall()
    assert len(rows) == 1


def test_wal_mode_is_on(archive: Archive) -> None:
    assert archive.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_opening_a_missing_file_without_create_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="no archive at"):
        Archive(tmp_path / "nope.db", create=False)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some text, not a database " * 100)
    with pytest.raises(ArchiveError, match="not a blog-archiver archive"):
        Archive(path)


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ArchiveError, match="not a blog-archiver archive"):
        Archive(path)


def test_an_archive_from_a_newer_release_is_refused(archive_path: Path) -> None:
    Archive(archive_path).close()
    db = Database(archive_path)
    db["_sqlite_migrations"].insert(  # type: ignore[union-attr]
        {"migration_set": "blog-archiver", "name": "9999_future", "applied_at": "2030-01-01"}
    )
    db.close()
    with pytest.raises(ArchiveError, match="newer blog-archiver"):
        Archive(archive_path)


def test_raw_bodies_are_stored_once(archive: Archive) -> None:
    a = archive.store_body(b"<html>same</html>")
    b = archive.store_body(b"<html>same</html>")
    assert a == b
    assert archive.db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1
    assert archive.raw_body(a) == b"<html>same</html>"
