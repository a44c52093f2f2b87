"""What an unchanged blog costs `update`, against the first crawl and against `wget --mirror -N`.

A 1,000-post blog (one post a week for ~19 years, sitemap with lastmod, RSS feed, conditional GET
on post pages) served on 127.0.0.1. Requests and bytes are counted by the server, so every
client is measured the same way:

- ``crawl``: the first crawl into a new archive;
- ``update, same day``: the next run at once, nothing changed;
- ``update, next day``: the daily cron run one day later (young posts are due: conditional GETs);
- ``update, 30 daily runs``: mean and worst day of a month of daily runs (the rolling sweep
  re-checks every page within ``sweep_days``, spread over the month);
- ``wget --mirror -N``: a first mirror and a second one over the same, unchanged site.

The goal: the next-day run costs at most 1 % of the first crawl's requests.

Run: ``python -m benchmarks.bench_update [--posts N] [--days D]``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

from archive.jobs import CrawlOptions, crawl_site
from archive.store import Archive
from archive.update import UpdateOptions, update_site
from scraper.demo.living import LivingBlog, generated_posts

POSTS = 1000
DAYS = 30
GOAL = 0.01


@dataclass(frozen=True)
class Row:
    name: str
    requests: float
    bytes: float
    seconds: float
    note: str = ""


def _measure(blog: LivingBlog, name: str, action: Callable[[], None], note: str = "") -> Row:
    blog.clear_log()
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    log = blog.log
    return Row(name, len(log), sum(e.bytes for e in log), seconds, note)


def _update(db: Path, now: datetime) -> None:
    with Archive(db) as archive:
        for site in archive.sites():
            update_site(archive, site, UpdateOptions(now=now))


def _wget(wget: str, url: str, folder: Path) -> None:
    subprocess.run(
        [wget, "--mirror", "-N", "-q", "--no-proxy", "-e", "robots=on", "-P", str(folder), url],
        check=False,  # wget exits 8 when any page answered an error; the count is what matters
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--posts", type=int, default=POSTS)
    parser.add_argument("--days", type=int, default=DAYS, help="daily runs to simulate")
    args = parser.parse_args(argv)

    rows: list[Row] = []
    posts = generated_posts(args.posts, newest=date.today() - timedelta(days=1))
    with tempfile.TemporaryDirectory() as tmp, LivingBlog(posts) as blog:
        db = Path(tmp) / "archive.db"
        start = blog.url + "blog/"

        def crawl() -> None:
            with Archive(db) as archive:
                crawl_site(archive, start, CrawlOptions(delay=0.0))

        rows.append(_measure(blog, "crawl (first run)", crawl))
        now = datetime.now(timezone.utc)
        rows.append(_measure(blog, "update, same day", lambda: _update(db, now)))
        rows.append(
            _measure(blog, "update, next day", lambda: _update(db, now + timedelta(days=1)))
        )
        daily = [
            _measure(blog, "", partial(_update, db, now + timedelta(days=d)))
            for d in range(2, args.days + 2)
        ]
        rows.append(
            Row(
                f"update, {args.days} daily runs",
                sum(r.requests for r in daily) / len(daily),
                sum(r.bytes for r in daily) / len(daily),
                sum(r.seconds for r in daily) / len(daily),
                f"mean; worst day {max(r.requests for r in daily):.0f} requests",
            )
        )
        wget = shutil.which("wget")
        if wget is None:
            print("note: wget not found (apt-get install -y wget); wget rows skipped")
        else:
            mirror = Path(tmp) / "mirror"
            rows.append(
                _measure(blog, "wget --mirror -N, first", lambda: _wget(wget, start, mirror))
            )
            rows.append(
                _measure(blog, "wget --mirror -N, again", lambda: _wget(wget, start, mirror))
            )

    first = rows[0]
    print(
        f"{args.posts}-post blog on 127.0.0.1 (sitemap with lastmod, RSS, conditional GET), "
        "counted at the server"
    )
    print(f"{'run':<28}{'requests':>10}{'% of crawl':>12}{'bytes':>14}{'seconds':>9}  note")
    for row in rows:
        share = 100 * row.requests / first.requests if first.requests else 0.0
        print(
            f"{row.name:<28}{row.requests:>10.1f}{share:>11.2f}%{row.bytes:>14,.0f}"
            f"{row.seconds:>9.2f}  {row.note}"
        )
    next_day = rows[2]
    verdict = "met" if next_day.requests <= GOAL * first.requests else "NOT met"
    print(
        f"goal (next-day update <= {GOAL:.0%} of the first crawl's requests): {verdict} "
        f"({next_day.requests:.0f} <= {GOAL * first.requests:.1f})"
    )


if __name__ == "__main__":
    main()
