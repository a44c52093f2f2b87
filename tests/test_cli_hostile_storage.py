"""Hostile archive files and folders, as users make them: a read-only archive or folder, a 0-byte
or missing file, an archive another program is writing. Each gets one clear line on stderr and a
non-zero exit code, or works; the file is left as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cli_hostile import one_error_line, store_post
from typer.testing import CliRunner

from archive.cli import app
from archive.store import Archive, check_archive

runner = CliRunner()
EXE = str(Path(sys.executable).with_name("blog-archiver"))

READING = [
    ["search", "courage"],
    ["show", "1"],
    ["export", "--format", "jsonl"],
    ["check"],
    ["runs"],
    ["status"],
    ["sites"],
]
WRITING = [["update"], ["reparse"], ["sites", "set", "one.test", "--delay", "2"]]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shared_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder of its own, which a test may make read-only; made writable again for cleanup."""
    folder = tmp_path / "ro"
    folder.mkdir()
    try:
        yield folder
    finally:
        folder.chmod(0o755)


def make_archive(path: Path) -> None:
    with Archive(path) as archive:
        store_post(archive, "http://one.test/blog/", 1)
    path.chmod(0o644)


def as_reader(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run the real command without write access to files its user cannot write. Root ignores
    file modes through two capabilities (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH); as root the
    command runs with both dropped (``setpriv``), so it is held to the modes like any owner yet
    can still read the project wherever it was checked out (``nobody`` often cannot)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv is not None, "running as root needs setpriv to drop privileges"
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    return subprocess.run(
        [*prefix, EXE, *args], capture_output=True, text=True, timeout=60, check=False
    )


# ---------------------------------------------------------------------- read-only archives


@pytest.mark.parametrize("folder_writable", [True, False], ids=["ro-file", "ro-folder"])
@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_reading_commands_read_a_read_only_archive(
    command: list[str], folder_writable: bool, shared_dir: Path
) -> None:
    db = shared_dir / "archive.db"
    make_archive(db)
    before = digest(db)
    db.chmod(0o444)
    if not folder_writable:
        shared_dir.chmod(0o555)
    result = as_reader([*command, "--db", str(db)])
    # `status` exits 1 for an unhealthy site: store_post's run never finished
    assert result.returncode in ((0, 1) if command == ["status"] else (0,)), result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    assert digest(db) == before
    if not folder_writable:
        assert sorted(p.name for p in shared_dir.iterdir()) == ["archive.db"]


def test_search_finds_posts_in_a_read_only_folder(shared_dir: Path) -> None:
    db = shared_dir / "archive.db"
    make_archive(db)
    shared_dir.chmod(0o555)
    result = as_reader(["search", "courage", "--db", str(db), "--json"])
    assert result.returncode == 0, result.stderr
    assert '"title": "Courage 1"' in result.stdout


def test_check_of_a_read_only_archive_says_what_it_could_not_check(shared_dir: Path) -> None:
    db = shared_dir / "archive.db"
    make_archive(db)
    db.chmod(0o444)
    shared_dir.chmod(0o555)
    result = as_reader(["check", "--db", str(db)])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{db}: ok (1 posts")
    assert "full-text indexes not checked: the archive is read-only" in result.stdout


def test_a_read_only_archive_of_an_older_schema_is_one_line(shared_dir: Path) -> None:
    db = shared_dir / "archive.db"
    make_archive(db)
    with sqlite3.connect(db) as conn:  # as written by the release before the last migration
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0006_post_profile_key'")
    before = digest(db)
    db.chmod(0o444)
    shared_dir.chmod(0o555)
    result = as_reader(["search", "courage", "--db", str(db)])
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "written by an older blog-archiver and must be upgraded, but it is read-only" in (
        result.stderr
    )
    assert digest(db) == before


def test_a_reading_command_on_a_writable_archive_opens_it_for_writing(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    make_archive(db)
    with Archive(db, readonly=True) as archive:
        assert not archive.read_only
        assert check_archive(archive) == []


# ---------------------------------------------------------------------- empty and missing files


@pytest.mark.parametrize("command", READING + WRITING, ids=lambda c: "-".join(c[:2]))
def test_an_empty_file_is_not_an_archive_and_stays_empty(
    command: list[str], tmp_path: Path
) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 2
    assert one_error_line(result) == (
        f"Error: {db} is an empty file, not a blog-archiver archive"
    )
    assert db.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


@pytest.mark.parametrize("command", READING + WRITING, ids=lambda c: "-".join(c[:2]))
def test_a_missing_file_is_no_archive_and_is_not_created(
    command: list[str], tmp_path: Path
) -> None:
    db = tmp_path / "none.db"
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 2
    assert "no archive at" in one_error_line(result)
    assert list(tmp_path.iterdir()) == []


def test_a_sqlite_file_without_tables_is_not_an_archive(tmp_path: Path) -> None:
    db = tmp_path / "blank.db"
    sqlite3.connect(db).execute("PRAGMA user_version = 1").connection.close()
    before = digest(db)
    result = runner.invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 2
    assert "is a SQLite file but not a blog-archiver archive" in one_error_line(result)
    assert digest(db) == before


def test_crawl_makes_an_archive_of_an_empty_file(tmp_path: Path, demo_server: object) -> None:
    db = tmp_path / "new.db"
    db.touch()
    url = demo_server.url + "blog/"  # type: ignore[attr-defined]
    result = runner.invoke(app, ["crawl", url, "--db", str(db), "--delay", "0", "--max-pages", "3"])
    assert result.exit_code == 0, result.stderr
    with Archive(db, readonly=True) as archive:
        assert check_archive(archive) == []
        assert archive.counts()["pages"] > 0


# ---------------------------------------------------------------------- busy archive


def test_check_while_another_program_writes_says_busy_not_corrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "archive.db"
    make_archive(db)
    monkeypatch.setattr("archive.store.BUSY_TIMEOUT_MS", 200)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    writer.execute("UPDATE sites SET name = name")
    try:
        result = runner.invoke(app, ["check", "--db", str(db)])
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "the archive is busy" in line
    assert "out of sync" not in result.stderr and "problem" not in result.stderr
    assert runner.invoke(app, ["check", "--db", str(db)]).exit_code == 0
