"""Crawl benchmark: requests per archived post and wall time, ours vs ``wget --mirror``, on a
local WordPress-like blog with tag, category, author and date archives (delay 0, 127.0.0.1).

Goals: at most 1.1 requests per post, at most half of wget's requests. With ``BENCH_BIG=1`` it
also crawls a 10,000-post site in a child process and reports its peak RSS (goal <= 150 MB).
Run: ``python -m benchmarks.bench_crawl [--posts N]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "blog-archiver"
BIG_POSTS = 10_000


@dataclass(frozen=True)
class Run:
    name: str
    requests: int
    posts: int
    seconds: float
    peak_mb: float | None = None

    @property
    def per_post(self) -> float:
        return self.requests / max(1, self.posts)


def _serve(posts: int, conn: Connection, counter: Synchronized[int]) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from sites.server import SiteServer
    from sites.wordpress import WordPressSite

    big = posts > 2_000
    site = WordPressSite(count=posts, start=date(1999, 1, 4) if big else date(2015, 1, 5),
                         gap=(0, 1) if big else (2, 4))

    def render(path: str) -> tuple[int, str, bytes]:
        with counter.get_lock():
            counter.value += 1
        answer: tuple[int, str, bytes] = site.render(path)
        return answer

    server = SiteServer(render)
    site.origin = server.url.rstrip("/")
    conn.send((server.url, len(site.post_paths())))
    server.serve_forever()


class Site:
    """The blog in its own process, counting the requests it answers."""

    def __init__(self, posts: int) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.counter: Synchronized[int] = ctx.Value("i", 0)
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(posts, child, self.counter), daemon=True)
        self.process.start()
        self.url, self.posts = parent.recv()

    def requests(self) -> int:
        with self.counter.get_lock():
            return int(self.counter.value)

    def close(self) -> None:
        self.process.terminate()
        self.process.join()


def _crawl_child(url: str, db: str, conn: Connection) -> None:
    started = time.monotonic()
    subprocess.run([str(CLI), "crawl", url, "--db", db, "--delay", "0", "--quiet",
                    "--max-pages", "100000"], check=False)
    seconds = time.monotonic() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    conn.send((seconds, peak_kb / 1024))


def run_ours(posts: int) -> Run:
    site = Site(posts)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "bench.db")
            ctx = multiprocessing.get_context("spawn")
            parent, child = ctx.Pipe()
            helper = ctx.Process(target=_crawl_child, args=(site.url, db, child))
            helper.start()
            seconds, peak_mb = parent.recv()
            helper.join()
            import sqlite3

            con = sqlite3.connect(db)
            archived = con.execute("SELECT count(*) FROM posts").fetchone()[0]
            con.close()
        return Run("blog-archiver", site.requests(), archived, seconds, peak_mb)
    finally:
        site.close()


def run_wget(wget: str, posts: int) -> Run:
    site = Site(posts)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.monotonic()
            subprocess.run([wget, "--mirror", "--no-parent", "-q", "--no-proxy", "-P", tmp,
                            site.url], check=False)
            seconds = time.monotonic() - started
        return Run("wget --mirror", site.requests(), site.posts, seconds)
    finally:
        site.close()


def _table(runs: list[Run], posts: int) -> None:
    print(f"WordPress-like blog, {posts} posts, tag/category/author/date archives, "
          f"127.0.0.1, delay 0")
    print(f"{'client':<16}{'requests':>10}{'posts':>8}{'req/post':>10}{'wall s':>9}"
          f"{'peak RSS MB':>13}")
    for run in runs:
        peak = f"{run.peak_mb:.0f}" if run.peak_mb is not None else "-"
        print(f"{run.name:<16}{run.requests:>10}{run.posts:>8}{run.per_post:>10.3f}"
              f"{run.seconds:>9.1f}{peak:>13}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000)
    args = parser.parse_args(argv)
    ours = run_ours(args.posts)
    runs = [ours]
    wget = shutil.which("wget")
    if wget is None:
        print("note: wget not found (apt-get install -y wget); wget row skipped")
    else:
        runs.append(run_wget(wget, args.posts))
    _table(runs, args.posts)
    print(f"goal <= 1.10 requests/post: {'met' if ours.per_post <= 1.1 else 'MISSED'}")
    if len(runs) > 1:
        share = ours.requests / max(1, runs[1].requests)
        print(f"ours / wget requests: {share:.2f} (goal <= 0.50: "
              f"{'met' if share <= 0.5 else 'MISSED'})")
    if os.environ.get("BENCH_BIG") == "1":
        big = run_ours(BIG_POSTS)
        _table([big], BIG_POSTS)
        ok = big.peak_mb is not None and big.peak_mb <= 150
        print(f"peak RSS goal <= 150 MB: {'met' if ok else 'MISSED'}")
    else:
        print(f"(set BENCH_BIG=1 for the {BIG_POSTS}-post peak-RSS run)")


if __name__ == "__main__":
    main()
