"""Runs that end badly: Ctrl-C, a kill, a URL that leads nowhere. A run is never left `running`
for ever, its counts so far are kept, and a site that was never reached is not kept."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from archive.cli import app
from archive.store import STALE_RUN_MESSAGE, Archive, check_archive
from scraper.demo import DemoServer

runner = CliRunner()
EXE = str(Path(sys.executable).with_name("blog-archiver"))
UNREACHABLE = "http://127.0.0.1:9/blog/"  # the discard port: nothing listens there


def fetches(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM fetches").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


def runs(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT command, status, finished_at IS NOT NULL, requests, pages_fetched, message "
            "FROM runs ORDER BY id"
        ).fetchall()


def start_then_stop(args: list[str], db: Path, after: int, sig: int) -> subprocess.Popen[str]:
    """Start a real command, wait until it has fetched ``after`` more pages, send ``sig``."""
    before = fetches(db)
    proc = subprocess.Popen(
        [EXE, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while fetches(db) < before + after:
        assert proc.poll() is None, "the command ended before it could be stopped"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.communicate(timeout=30)
    return proc


def test_ctrl_c_mid_crawl_ends_the_run_as_interrupted_with_its_counts(
    tmp_path: Path, demo_server: object
) -> None:
    db = tmp_path / "a.db"
    url = demo_server.url + "blog/"  # type: ignore[attr-defined]
    crawl = ["crawl", url, "--db", str(db), "--delay", "0.2", "-q"]
    proc = start_then_stop(crawl, db, 4, signal.SIGINT)
    assert proc.returncode == 130
    [(command, status, finished, requests, fetched, message)] = runs(db)
    assert (command, status, finished) == ("crawl", "interrupted", 1)
    assert message == "stopped by Ctrl-C"
    assert requests >= 4 and fetched is not None  # type: ignore[operator]
    shown = runner.invoke(app, ["status", "--db", str(db)])
    assert "crawl interrupted" in shown.stdout and "running" not in shown.stdout
    with Archive(db, readonly=True) as archive:
        assert check_archive(archive) == []


def test_ctrl_c_mid_update_ends_the_run_as_interrupted(
    tmp_path: Path, demo_server: object
) -> None:
    db = tmp_path / "a.db"
    url = demo_server.url + "blog/"  # type: ignore[attr-defined]
    crawled = runner.invoke(app, ["crawl", url, "--db", str(db), "--delay", "0", "-q"])
    assert crawled.exit_code == 0, crawled.stderr
    slow = runner.invoke(app, ["sites", "set", url, "--delay", "0.2", "--db", str(db)])
    assert slow.exit_code == 0, slow.stderr
    proc = start_then_stop(["update", "--full", "--db", str(db), "-q"], db, 4, signal.SIGINT)
    assert proc.returncode == 130
    last = runs(db)[-1]
    assert last[:3] == ("update", "interrupted", 1) and last[3] >= 4  # type: ignore[operator]


def test_a_run_killed_outright_is_marked_interrupted_by_the_next_run(
    tmp_path: Path, demo_server: object
) -> None:
    db = tmp_path / "a.db"
    url = demo_server.url + "blog/"  # type: ignore[attr-defined]
    crawl = ["crawl", url, "--db", str(db), "--delay", "0.1", "-q"]
    killed = start_then_stop(crawl, db, 3, signal.SIGKILL)
    assert killed.returncode == -signal.SIGKILL
    assert runs(db)[0][:2] == ("crawl", "running")  # nothing could record its end
    resumed = subprocess.run(
        [EXE, *crawl], capture_output=True, text=True, timeout=120, check=False
    )
    assert resumed.returncode == 0, resumed.stderr
    first, second = runs(db)
    assert first[1] == "interrupted" and first[5] == STALE_RUN_MESSAGE
    assert second[:2] == ("crawl", "ok")


def test_a_crawl_that_reaches_nothing_does_not_register_its_site(
    tmp_path: Path, demo_server: object
) -> None:
    db = tmp_path / "a.db"
    url = demo_server.url + "blog/"  # type: ignore[attr-defined]
    assert runner.invoke(app, ["crawl", url, "--db", str(db), "--delay", "0", "-q"]).exit_code == 0
    typo = runner.invoke(app, ["crawl", UNREACHABLE, "--db", str(db), "--retries", "1"])
    assert typo.exit_code == 2
    assert typo.stderr.startswith("Error: could not crawl 127.0.0.1:9")
    assert typo.stderr.count("\n") == 1
    with Archive(db, readonly=True) as archive:
        assert [s.start_url for s in archive.sites()] == [url]
    assert runner.invoke(app, ["update", "--db", str(db), "-q"]).exit_code == 0


def test_a_failed_crawl_never_removes_a_site_with_posts(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with DemoServer() as server:
        url = server.url + "blog/"
        first = runner.invoke(app, ["crawl", url, "--db", str(db), "--delay", "0", "-q"])
        assert first.exit_code == 0, first.stderr
    with Archive(db, readonly=True) as archive:
        kept = archive.counts()
    again = runner.invoke(app, ["crawl", url, "--db", str(db), "--retries", "1", "--delay", "0"])
    assert again.exit_code == 2
    with Archive(db, readonly=True) as archive:
        assert [s.start_url for s in archive.sites()] == [url]
        assert archive.counts() == kept
        assert check_archive(archive) == []
