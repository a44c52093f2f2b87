"""`blog-archiver serve` runs Datasette on 127.0.0.1 with the ranked search query."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import requests

from archive.store import Archive
from scraper.models import Post


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_the_ranked_search_query(archive_path: Path) -> None:
    with Archive(archive_path) as archive:
        site = archive.ensure_site("http://blog.test/", "blog.test/", {}).id
        archive.save_post(
            site,
            Post(
                url="http://blog.test/a",
                title="Courage",
                published=datetime(2016, 12, 4),
                body_text="On courage.",
            ),
        )
        archive.save_post(
            site,
            Post(
                url="http://blog.test/b", title="Sleep", body_text="Courage is mentioned once here."
            ),
        )
    port = free_port()
    exe = Path(sys.executable).with_name("blog-archiver")
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", str(archive_path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/{archive_path.stem}/search.json"
        deadline = time.monotonic() + 30
        while True:
            try:
                rows = requests.get(
                    url, params={"q": "courage", "_shape": "array"}, timeout=5
                ).json()
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.2)
        assert [r["url"] for r in rows] == ["http://blog.test/a", "http://blog.test/b"]
        assert "«courage»" in rows[0]["snippet"].lower()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_on_a_missing_archive_is_one_clear_error(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("blog-archiver")
    proc = subprocess.run(
        [str(exe), "serve", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("Error: no archive at")
