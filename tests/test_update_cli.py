"""The cron-facing commands: `update` exit codes and output, `runs`, `status`, `sites`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.cli import app
from archive.jobs import CrawlOptions, crawl_site
from archive.lock import ArchiveLock
from archive.sites import set_settings
from archive.store import Archive, check_archive
from scraper.demo.living import LivingBlog, generated_posts

runner = CliRunner()


@pytest.fixture(scope="module")
def blog() -> Iterator[LivingBlog]:
    with LivingBlog(generated_posts(6, newest=date.today() - timedelta(days=40))) as served:
        yield served


@pytest.fixture(scope="module")
def crawled(blog: LivingBlog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("crawled") / "archive.db"
    with Archive(db) as archive:
        crawl_site(archive, blog.url + "blog/", CrawlOptions(delay=0.0))
        set_settings(archive, archive.sites()[0], {"retries": 1, "delay": 0.0})
    return db


@pytest.fixture
def db(crawled: Path, tmp_path: Path, blog: LivingBlog) -> Iterator[Path]:
    copy = tmp_path / "archive.db"
    shutil.copy(crawled, copy)
    yield copy
    blog.fail([])


def test_update_of_an_unchanged_site_exits_0(db: Path) -> None:
    result = runner.invoke(app, ["update", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "0 new / 0 changed posts" in result.stdout


def test_quiet_update_prints_nothing_when_all_is_well(db: Path) -> None:
    result = runner.invoke(app, ["update", "--db", str(db), "--quiet"])
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""


def test_a_failing_page_gives_exit_code_1_and_says_which(db: Path, blog: LivingBlog) -> None:
    blog.fail(["/blog/post/?sid=3"])
    result = runner.invoke(app, ["update", "--db", str(db), "--quiet", "--full"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "sid=3" in result.stderr and "HTTP 500" in result.stderr


def test_unreachable_site_gives_exit_code_2(tmp_path: Path) -> None:
    db = tmp_path / "gone.db"
    with LivingBlog(generated_posts(2, newest=date.today())) as short_lived, Archive(db) as arc:
        crawl_site(arc, short_lived.url + "blog/", CrawlOptions(delay=0.0))
        set_settings(arc, arc.sites()[0], {"retries": 1})
    result = runner.invoke(app, ["update", "--db", str(db), "--quiet"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") >= 1 and "could not run" in result.stderr


def test_missing_archive_gives_exit_code_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["update", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no archive at")


def test_update_json_reports_counts_and_exit_code(db: Path) -> None:
    result = runner.invoke(app, ["update", "--db", str(db), "--json"])
    summary = json.loads(result.stdout)[0]
    assert summary["exit_code"] == 0 and summary["status"] == "ok"
    assert summary["requests"] >= 3 and summary["new_posts"] == 0


def test_update_while_another_run_holds_the_lock_exits_at_once(db: Path) -> None:
    with ArchiveLock(db, "crawl"):
        result = runner.invoke(app, ["update", "--db", str(db)])
    assert result.exit_code == 2
    assert "in use by `crawl`" in result.stderr


def test_crawl_while_an_update_holds_the_lock_exits_at_once(db: Path, blog: LivingBlog) -> None:
    with ArchiveLock(db, "update"):
        result = runner.invoke(app, ["crawl", blog.url + "blog/", "--db", str(db)])
    assert result.exit_code == 2
    assert "in use by `update`" in result.stderr


def test_runs_lists_the_update_with_its_counts(db: Path) -> None:
    runner.invoke(app, ["update", "--db", str(db)])
    result = runner.invoke(app, ["runs", "--db", str(db), "--json"])
    runs = json.loads(result.stdout)
    assert [r["command"] for r in runs] == ["update", "crawl"]
    assert runs[0]["status"] == "ok" and runs[0]["requests"] >= 3
    assert runs[1]["new_posts"] == 6


def test_status_is_healthy_after_a_good_run(db: Path) -> None:
    runner.invoke(app, ["update", "--db", str(db)])
    result = runner.invoke(app, ["status", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "last good run: " in result.stdout and "s ago" in result.stdout


def test_status_exits_1_when_the_last_run_failed(db: Path, blog: LivingBlog) -> None:
    blog.fail(["/blog/post/?sid=2"])
    runner.invoke(app, ["update", "--db", str(db), "--full"])
    result = runner.invoke(app, ["status", "--db", str(db), "--json"])
    assert result.exit_code == 1
    status = json.loads(result.stdout)[0]
    assert status["healthy"] is False and status["failing_pages"] == 1


def test_sites_lists_remembered_settings(db: Path) -> None:
    result = runner.invoke(app, ["sites", "--db", str(db)])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.stdout


def _site_name(db: Path) -> str:
    with Archive(db) as archive:
        return archive.sites()[0].name


def test_sites_set_changes_a_setting_update_uses(db: Path) -> None:
    name = _site_name(db)
    result = runner.invoke(app, ["sites", "set", name, "--db", str(db), "--sweep-days", "14"])
    assert result.exit_code == 0, result.output
    with Archive(db) as archive:
        assert archive.sites()[0].settings["sweep_days"] == 14.0


def test_sites_set_unknown_site_is_one_line_error(db: Path) -> None:
    result = runner.invoke(app, ["sites", "set", "nope", "--db", str(db), "--delay", "2"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no site 'nope'")


def test_sites_remove_needs_yes(db: Path) -> None:
    result = runner.invoke(app, ["sites", "remove", _site_name(db), "--db", str(db)])
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    with Archive(db) as archive:
        assert archive.counts()["posts"] == 6


def test_sites_remove_deletes_the_site_and_leaves_a_healthy_archive(db: Path) -> None:
    result = runner.invoke(app, ["sites", "remove", _site_name(db), "--db", str(db), "--yes"])
    assert result.exit_code == 0, result.output
    with Archive(db) as archive:
        assert archive.counts() == {"posts": 0, "comments": 0, "pages": 0}
        assert archive.sites() == []
        assert check_archive(archive) == []
        assert archive.db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0
