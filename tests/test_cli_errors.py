"""Every bad input a user can cause gets one clear line on stderr and a non-zero exit code, and
loses nothing already archived. No tracebacks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.cli import app
from archive.store import Archive

runner = CliRunner()
GARBAGE = os.urandom(5 * 1024 * 1024)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self._send(404, "text/plain", b"")
        elif self.path == "/doc.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 " + b"x" * 1000)
        elif self.path == "/broken":
            self._send(500, "text/html", b"<h1>Internal Server Error</h1>")
        elif self.path == "/garbage":
            self._send(200, "text/html", GARBAGE)
        else:
            self._send(404, "text/html", b"not here")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def one_error_line(result: object) -> str:
    stderr = result.stderr  # type: ignore[attr-defined]
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("Error: ")
    return str(lines[0])


def test_unreachable_site(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/blog/"
    result = runner.invoke(app, ["crawl", url, "--db", str(tmp_path / "a.db"), "--retries", "1"])
    assert result.exit_code == 2
    assert "could not" in one_error_line(result)


def test_start_page_answers_500(server: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "crawl",
            server + "/broken",
            "--db",
            str(tmp_path / "a.db"),
            "--retries",
            "1",
            "--delay",
            "0",
        ],
    )
    assert result.exit_code == 2
    assert "500" in one_error_line(result)


def test_start_url_is_not_html(server: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["crawl", server + "/doc.pdf", "--db", str(tmp_path / "a.db"), "--delay", "0"]
    )
    assert result.exit_code == 2
    one_error_line(result)


def test_five_megabytes_of_garbage_is_survived(server: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["crawl", server + "/garbage", "--db", str(tmp_path / "a.db"), "--delay", "0", "--json"],
    )
    assert result.exit_code == 0, result.output
    with Archive(tmp_path / "a.db", create=False) as archive:
        assert archive.counts()["posts"] == 0
        assert archive.db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1


@pytest.mark.parametrize("url", ["ftp://example.com/", "not a url", "http://"])
def test_bad_start_url(url: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["crawl", url, "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 2
    assert "URL" in one_error_line(result)
    assert not (tmp_path / "a.db").exists()


def test_search_on_a_missing_archive(tmp_path: Path) -> None:
    result = runner.invoke(app, ["search", "courage", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no archive" in one_error_line(result)
    assert not (tmp_path / "none.db").exists()


def test_show_on_a_missing_archive(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", "1", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    one_error_line(result)


@pytest.mark.parametrize("query", ["", "   ", "-", "*"])
def test_empty_query(query: str, archive_path: Path) -> None:
    Archive(archive_path).close()
    result = runner.invoke(app, ["search", query, "--db", str(archive_path)])
    assert result.exit_code != 0
    one_error_line(result)


@pytest.mark.parametrize(
    "query", ['"unbalanced', "c++", "don't", "AND", "NEAR(", "🙂", "x" * 10_000]
)
def test_awkward_queries_never_raise(query: str, archive_path: Path) -> None:
    Archive(archive_path).close()
    result = runner.invoke(app, ["search", query, "--db", str(archive_path), "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1)


def test_a_file_that_is_not_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello " * 1000)
    result = runner.invoke(app, ["search", "hello", "--db", str(path)])
    assert result.exit_code == 2
    assert "not a blog-archiver archive" in one_error_line(result)
    assert path.read_text() == "hello " * 1000


def test_parse_a_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.html"), "--url", "http://x.test/"])
    assert result.exit_code == 2
    assert "no such file" in one_error_line(result)


def test_bad_date_filter(archive_path: Path) -> None:
    Archive(archive_path).close()
    result = runner.invoke(app, ["search", "x", "--db", str(archive_path), "--since", "last week"])
    assert result.exit_code == 2
    assert "--since" in one_error_line(result)


def test_the_installed_command_reports_errors_without_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("blog-archiver")
    proc = subprocess.run(
        [str(exe), "search", "x", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("Error: no archive at")
    assert "Traceback" not in proc.stderr


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("blog-archiver ")
