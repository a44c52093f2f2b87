"""kill -9 at random moments, resume with the same command, and end with exactly the archive an
uninterrupted crawl makes: same posts, same comments, nothing doubled."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sites.server import SiteServer
from sites.wordpress import WordPressSite

CLI = Path(sys.executable).parent / "blog-archiver"
KILLS = 10
RUN_TIMEOUT = 60.0


def crawl_command(url: str, db: Path) -> list[str]:
    return [str(CLI), "crawl", url, "--db", str(db), "--delay", "0", "--quiet"]


def run_to_end(url: str, db: Path) -> None:
    done = subprocess.run(crawl_command(url, db), capture_output=True, timeout=RUN_TIMEOUT,
                          check=False)
    assert done.returncode == 0, done.stderr.decode()


def run_and_kill(url: str, db: Path, after: float) -> bool:
    """Start a crawl, SIGKILL it after ``after`` seconds; True if it was still running."""
    proc = subprocess.Popen(crawl_command(url, db), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        return True


def snapshot(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    con = sqlite3.connect(db)
    try:
        posts = con.execute(
            "SELECT url, title, published, body_text FROM posts ORDER BY url"
        ).fetchall()
        comments = con.execute(
            "SELECT p.url, c.author, c.published, c.text FROM comments c "
            "JOIN posts p ON p.id = c.post_id ORDER BY 1, 2, 3, 4"
        ).fetchall()
    finally:
        con.close()
    return posts, comments


def test_kill_nine_at_random_moments_then_resume_equals_a_clean_run(tmp_path: Path) -> None:
    site = WordPressSite(count=40, sitemap=False)
    rng = random.Random(20240607)
    with SiteServer(site.render) as server:
        clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
        started = time.monotonic()
        run_to_end(server.url, clean)
        clean_seconds = time.monotonic() - started
        interrupted = 0
        for _ in range(KILLS):
            interrupted += run_and_kill(server.url, killed, rng.uniform(0.3, clean_seconds))
        run_to_end(server.url, killed)
    assert interrupted >= KILLS // 2, "the crawl was too quick to be interrupted"
    clean_posts, clean_comments = snapshot(clean)
    posts, comments = snapshot(killed)
    assert len(clean_posts) == len(site.post_paths())
    assert posts == clean_posts
    assert comments == clean_comments
    assert len({p[0] for p in posts}) == len(posts)
