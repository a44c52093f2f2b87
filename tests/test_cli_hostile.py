"""Hostile input to the real commands, found by using them as a careful new user would: each
mistake gets one clear line on stderr and a non-zero exit code, writes nothing it should not, and
leaves the archive as it was. (The first round of such inputs is in test_cli_errors.py.)"""

from __future__ import annotations

import io
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from test_cli_errors import one_error_line
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from archive.cli import app
from archive.cli_common import user_errors
from archive.frontier import SiteFrontier
from archive.lock import ArchiveLock
from archive.store import Archive, check_archive
from scraper.models import FetchResult, PageOutcome, ParsedPage, Post, QueueItem

runner = CliRunner()


def store_post(archive: Archive, start: str, n: int) -> None:
    """One fetched and parsed post page of the site at ``start``, as a crawl stores it."""
    host = start.split("/")[2]
    site = archive.ensure_site(start, host + "/", {})
    url = f"{start}post-{n}.html"
    html = f"<html><body><h1>Courage {n}</h1><p>Sleep and anxiety, part {n}.</p></body></html>"
    result = FetchResult(
        url, url, 200, {"Content-Type": "text/html"}, body=html.encode(), text=html,
        content_type="text/html",
    )
    post = Post(url=url, title=f"Courage {n}", body_text=f"Sleep and anxiety, part {n}.")
    frontier = SiteFrontier(archive, site.id, archive.start_run(site.id, "test"))
    item = QueueItem(url)
    frontier.enqueue([item])
    frontier.complete(PageOutcome(item, result=result, page=ParsedPage(url, "post", post)))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    with Archive(path) as archive:
        store_post(archive, "http://one.test/blog/", 1)
        store_post(archive, "http://two.test/blog/", 2)
    return path


def dump(path: Path) -> list[tuple[object, ...]]:
    with Archive(path, create=False) as archive:
        return archive.db.execute(
            "SELECT s.name, s.settings, p.url, p.title FROM posts p "
            "JOIN sites s ON s.id = p.site_id ORDER BY p.id"
        ).fetchall()


# ---------------------------------------------------------------------- archive file and folder


def test_crawl_into_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "archive.db"
    result = runner.invoke(app, ["crawl", "http://127.0.0.1:9/blog/", "--db", str(db)])
    assert result.exit_code == 2
    assert f"no folder {db.parent}" in one_error_line(result)
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", ["update", "sites set x --delay 2", "sites remove x --yes"])
def test_writing_commands_on_a_missing_archive_leave_no_lock_file(
    command: str, tmp_path: Path
) -> None:
    db = tmp_path / "none.db"
    result = runner.invoke(app, [*command.split(), "--db", str(db)])
    assert result.exit_code == 2
    assert "no archive at" in one_error_line(result)
    assert list(tmp_path.iterdir()) == []


def test_reparse_waits_for_no_one_while_a_crawl_holds_the_archive(db: Path) -> None:
    before = dump(db)
    with ArchiveLock(db, "crawl"):
        result = runner.invoke(app, ["reparse", "--db", str(db)])
    assert result.exit_code == 2
    assert "in use by `crawl`" in one_error_line(result)
    assert dump(db) == before


def test_demo_does_not_write_into_an_archive_a_crawl_is_writing(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    with ArchiveLock(db, "crawl"):
        result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 2
    assert "in use by `crawl`" in one_error_line(result)
    assert not db.exists()


def sqlite_error(make: str, tmp_path: Path) -> sqlite3.OperationalError:
    """A real error of SQLite's: a write to a read-only connection, or to a database another
    connection is writing to."""
    path = tmp_path / "x.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    if make == "readonly":
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    else:
        writer = sqlite3.connect(path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        conn = sqlite3.connect(path, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.execute("INSERT INTO t VALUES (1)")
    return caught.value


@pytest.mark.parametrize(
    ("make", "words"), [("readonly", "is read-only"), ("locked", "another program is writing")]
)
def test_sqlite_busy_and_read_only_errors_are_said_in_plain_words(
    make: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    error = sqlite_error(make, tmp_path)
    with pytest.raises(typer.Exit) as exited, user_errors():
        raise error
    assert exited.value.exit_code == 2
    stderr = capsys.readouterr().err
    assert stderr.count("\n") == 1 and stderr.startswith("Error: the archive ")
    assert words in stderr


def test_an_archive_error_caused_by_a_read_only_file_is_not_called_a_non_archive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from archive.store import ArchiveError

    error = sqlite_error("readonly", tmp_path)
    with pytest.raises(typer.Exit), user_errors():
        raise ArchiveError(f"{tmp_path} is not a blog-archiver archive ({error})") from error
    stderr = capsys.readouterr().err
    assert "is read-only" in stderr and "not a blog-archiver archive" not in stderr


def test_parse_of_a_folder_says_so_without_errno(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(tmp_path)])
    assert result.exit_code == 2
    assert one_error_line(result) == f"Error: Is a directory: {tmp_path}"


# ---------------------------------------------------------------------- numbers and URLs


@pytest.mark.parametrize("value", ["inf", "nan", "-1"])
def test_crawl_refuses_a_delay_that_is_not_a_finite_number(value: str, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    result = runner.invoke(app, ["crawl", "http://127.0.0.1:9/", "--db", str(db), "--delay", value])
    assert result.exit_code == 2
    assert "--delay must be a number >= 0" in one_error_line(result)
    assert not db.exists()


@pytest.mark.parametrize(
    "option", [["--delay", "nan"], ["--delay", "inf"], ["--max-pages", "0"], ["--retries", "0"]]
)
def test_sites_set_refuses_what_crawl_refuses(option: list[str], db: Path) -> None:
    before = dump(db)
    result = runner.invoke(app, ["sites", "set", "one.test", *option, "--db", str(db)])
    assert result.exit_code == 2
    assert f"{option[0]} must be a number" in one_error_line(result)
    assert dump(db) == before


@pytest.mark.parametrize("agent", ["bad\r\nX-Injected: 1", "tab\there", "Bot 🙂", "  "])
def test_a_user_agent_no_request_can_carry_is_refused(agent: str, db: Path) -> None:
    crawl = ["crawl", "http://127.0.0.1:9/blog/", "--db", str(db)]
    before = dump(db)
    for command in (crawl, ["sites", "set", "one.test", "--db", str(db)]):
        result = runner.invoke(app, [*command, "--user-agent", agent])
        assert result.exit_code == 2
        assert "--user-agent must be one line of plain text" in one_error_line(result)
    assert dump(db) == before


def test_url_without_scheme_gets_a_hint(tmp_path: Path) -> None:
    result = runner.invoke(app, ["crawl", "example.com/blog/", "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 2
    assert "start it with http:// or https://" in one_error_line(result)


@pytest.mark.parametrize("value", ["nan", "-5"])
def test_status_refuses_a_max_age_that_is_not_a_positive_number(value: str, db: Path) -> None:
    result = runner.invoke(app, ["status", "--db", str(db), "--max-age", value])
    assert result.exit_code == 2
    assert "--max-age" in one_error_line(result)


def test_status_of_an_archive_without_sites_is_not_healthy(tmp_path: Path) -> None:
    Archive(tmp_path / "a.db").close()
    result = runner.invoke(app, ["status", "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    assert "no sites yet" in result.stderr and result.stdout == ""


# ---------------------------------------------------------------------- search


def test_query_may_start_with_an_exclusion(db: Path) -> None:
    result = runner.invoke(app, ["search", "-part1 courage", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert '"Courage' in result.stdout


def test_query_of_only_an_exclusion_is_a_query_error_not_an_unknown_option(db: Path) -> None:
    result = runner.invoke(app, ["search", "-courage", "--db", str(db)])
    assert result.exit_code == 1
    assert "exclusions" in one_error_line(result)


@pytest.mark.parametrize("limit", ["0", "-5"])
def test_search_refuses_a_limit_below_one(limit: str, db: Path) -> None:
    result = runner.invoke(app, ["search", "courage", "--db", str(db), "--limit", limit])
    assert result.exit_code == 2
    assert "--limit" in one_error_line(result)


# ---------------------------------------------------------------------- export


def test_export_to_a_folder_is_refused_and_writes_nothing(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = runner.invoke(app, ["export", "--db", str(db), "--out", str(folder)])
    assert result.exit_code == 2
    assert "is a folder" in one_error_line(result)
    assert list(tmp_path.glob("*.part")) == [] and list(folder.iterdir()) == []


def test_export_into_a_missing_folder_names_the_folder(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "nope" / "posts.jsonl"
    result = runner.invoke(app, ["export", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 2
    assert f"no folder {out.parent}" in one_error_line(result)


def test_markdown_export_onto_a_file_is_refused(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("mine")
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "markdown", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "writes a folder" in one_error_line(result)
    assert out.read_text() == "mine"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "warc", "markdown"])
def test_failed_export_keeps_the_previous_output_and_leaves_no_part_file(
    fmt: str, db: Path, tmp_path: Path
) -> None:
    out = tmp_path / ("md" if fmt == "markdown" else f"posts.{fmt}")
    if fmt != "markdown":
        out.write_text("yesterday's export")
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", fmt, "--out", str(out), "--site", "nosuch"]
    )
    assert result.exit_code == 2
    assert "no site 'nosuch'" in one_error_line(result)
    if fmt == "markdown":
        assert not out.exists()
    else:
        assert out.read_text() == "yesterday's export"
    assert list(tmp_path.glob("*.part")) == []


def test_warc_export_keeps_to_the_site_asked_for(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.warc.gz"
    args = ["export", "--db", str(db), "--format", "warc", "--out", str(out)]
    result = runner.invoke(app, [*args, "--site", "two.test"])
    assert result.exit_code == 0, result.output
    records = list(ArchiveIterator(io.BytesIO(out.read_bytes())))
    assert [r.rec_headers.get_header("WARC-Target-URI") for r in records] == [
        "http://two.test/blog/post-2.html"
    ]


# ---------------------------------------------------------------------- serve


def test_serve_on_a_port_in_use_is_one_line(db: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is in use" in one_error_line(result)


@pytest.mark.parametrize("port", ["0", "70000"])
def test_serve_refuses_a_port_out_of_range(port: str, db: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(db), "--port", port])
    assert result.exit_code == 2
    assert "--port must be between 1 and 65535" in one_error_line(result)


def answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_a_stopped_serve_leaves_no_datasette_running(db: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    exe = Path(sys.executable).with_name("blog-archiver")
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not answers(port):
            assert time.monotonic() < deadline, "datasette did not start"
            time.sleep(0.2)
    finally:
        proc.terminate()  # what `kill` and systemd's stop send
        proc.wait(timeout=10)
    assert not answers(port)


# ---------------------------------------------------------------------- a full disk


def test_a_full_disk_mid_crawl_is_one_line_and_the_crawl_resumes(
    tmp_path: Path, demo_server: object
) -> None:
    db = tmp_path / "a.db"
    exe = str(Path(sys.executable).with_name("blog-archiver"))
    url = demo_server.url + "blog/"  # type: ignore[attr-defined]
    crawl = [exe, "crawl", url, "--db", str(db), "--delay", "0", "-q"]

    # No file may grow past 1 MB (RLIMIT_FSIZE): SQLite's writes fail as on a full disk.
    small_disk = (
        "import os, resource, sys; "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000)); "
        "os.execv(sys.argv[1], sys.argv[1:])"
    )
    full = subprocess.run(
        [sys.executable, "-c", small_disk, *crawl],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert full.returncode == 2
    assert full.stderr.count("\n") == 1 and "Traceback" not in full.stderr
    assert full.stderr.startswith("Error: could not write the archive (disk I/O error)")
    with Archive(db, create=False) as archive:
        assert check_archive(archive) == []
        kept = archive.counts()["posts"]
    resumed = subprocess.run(crawl, capture_output=True, text=True, timeout=120, check=False)
    assert resumed.returncode == 0, resumed.stderr
    with Archive(db, create=False) as archive:
        assert check_archive(archive) == []
        assert archive.counts()["posts"] > kept


# ---------------------------------------------------------------------- Ctrl-C


def fetched_pages(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM fetches").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


def test_ctrl_c_mid_crawl_is_one_line_keeps_what_was_fetched_and_resumes(
    tmp_path: Path, demo_server: object
) -> None:
    import signal

    db = tmp_path / "a.db"
    exe = str(Path(sys.executable).with_name("blog-archiver"))
    url = demo_server.url + "blog/"  # type: ignore[attr-defined]
    crawl = [exe, "crawl", url, "--db", str(db), "--delay", "0.1", "-q"]
    proc = subprocess.Popen(crawl, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while fetched_pages(db) < 8:
        assert proc.poll() is None, "the crawl ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert stdout == ""
    assert stderr == (
        "Error: interrupted; everything fetched so far is saved — run the same command to "
        "resume\n"
    )
    with Archive(db, create=False) as archive:
        assert check_archive(archive) == []
        kept = archive.counts()
    resumed = subprocess.run(crawl, capture_output=True, text=True, timeout=120, check=False)
    assert resumed.returncode == 0, resumed.stderr
    with Archive(db, create=False) as archive:
        assert check_archive(archive) == []
        whole = archive.counts()
    assert whole["posts"] >= kept["posts"] and whole["comments"] >= kept["comments"]
    assert whole["posts"] > 0


def test_ctrl_c_during_a_search_says_only_interrupted(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pressed_ctrl_c(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("archive.search.search", pressed_ctrl_c)
    result = runner.invoke(app, ["search", "courage", "--db", str(db)])
    assert result.exit_code == 130
    assert result.stderr == "Error: interrupted\n"
