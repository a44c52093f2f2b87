"""Datasette over an archive: the metadata's canned "search" query, served on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from archive.datasette import datasette_metadata, write_datasette_metadata
from archive.migrations import migrations

pytest.importorskip("datasette", reason="datasette is a dev dependency of this test")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _archive(path: Path) -> None:
    db = sqlite_utils.Database(path)
    migrations.apply(db)
    db.execute("INSERT INTO sites(id, name, start_url) VALUES (1, 'P', 'https://p.example/')")
    posts = [
        (1, "Notes", "A few words on grief in winter."),
        (2, "Grief", "What helps."),
        (3, "Sleep", "Nothing to do with it."),
    ]
    for pid, title, body in posts:
        db.execute(
            "INSERT INTO posts(id, site_id, url, title, published_day, body_text) "
            "VALUES (?, 1, ?, ?, '2020-01-01', ?)",
            [pid, f"https://p.example/?sid={pid}", title, body],
        )
    db.execute(
        "INSERT INTO comments(id, post_id, fingerprint, author, text, likely_spam) VALUES "
        "(7, 3, 'a', 'Jo', 'my grief', 0), (8, 3, 'b', 'Bot', 'grief pills', 1)"
    )
    db.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory = tmp_path_factory.mktemp("datasette")
    db_path = directory / "archive.db"
    _archive(db_path)
    metadata = write_datasette_metadata(db_path)
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(db_path),
            "-m",
            str(metadata),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("datasette did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def _search(base: str, q: str) -> list[dict[str, Any]]:
    query = urllib.parse.urlencode({"q": q, "_shape": "array"})
    rows: list[dict[str, Any]] = _get(f"{base}/archive/search.json?{query}")
    return rows


def test_canned_search_ranks_title_match_first(server: str) -> None:
    rows = _search(server, "grief")
    posts = [r["title"] for r in rows if r["kind"] == "post"]
    assert (rows[0]["kind"], rows[0]["title"]) == ("post", "Grief")
    assert posts == ["Grief", "Notes"]
    assert [r["score"] for r in rows] == sorted(r["score"] for r in rows)


def test_canned_search_includes_comments_but_not_spam(server: str) -> None:
    rows = _search(server, "grief")
    comments = [r for r in rows if r["kind"] == "comment"]
    assert [c["url"] for c in comments] == ["https://p.example/?sid=3#comment-7"]


def test_canned_search_highlights_snippets(server: str) -> None:
    rows = _search(server, "grief")
    assert all("«" in r["snippet"] for r in rows)


@pytest.mark.parametrize("q", ["", "c++", 'unbalanced "quote', "NEAR AND"])
def test_canned_search_survives_awkward_input(server: str, q: str) -> None:
    assert isinstance(_search(server, q), list)


def test_tables_have_search_configured(server: str) -> None:
    data = _get(f"{server}/archive/posts.json?_search=grief&_shape=objects")
    assert {row["id"] for row in data["rows"]} == {1, 2}


def test_metadata_names_the_database_after_the_file() -> None:
    metadata = datasette_metadata("blog")
    assert set(metadata["databases"]) == {"blog"}
    assert "search" in metadata["databases"]["blog"]["queries"]
