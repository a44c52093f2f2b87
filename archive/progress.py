"""Crawl progress: a live ``rich`` display on a terminal, plain log lines otherwise (cron, pipes),
nothing with ``--quiet``.

Failed pages are not printed one by one in plain mode: the final summary lists them, so a run
that fails as a whole says so in one line."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from scraper.crawl import CrawlEvent

__all__ = ["progress_for"]

PLAIN_EVERY = 25  # pages between plain progress lines


@contextmanager
def progress_for(console: Console, *, quiet: bool) -> Iterator[Callable[[CrawlEvent], None]]:
    """A callback for crawl events that shows progress the way ``console`` can."""
    counts = {"fetched": 0, "posts": 0, "comments": 0, "errors": 0, "unchanged": 0,
              "missing": 0, "discovered": 0, "pending": 0}  # fmt: skip
    started = time.monotonic()

    def count(event: CrawlEvent) -> None:
        counts["discovered"], counts["pending"] = event.discovered, event.pending
        if event.kind == "error":
            counts["errors"] += 1
        elif event.kind == "not-modified":
            counts["unchanged"] += 1
        elif event.kind == "missing":
            counts["missing"] += 1
        else:
            counts["fetched"] += 1
            counts["posts"] += event.page_kind == "post"
            counts["comments"] += event.comments

    def line() -> str:
        done = counts["fetched"] + counts["unchanged"] + counts["missing"] + counts["errors"]
        rate = done / max(0.001, time.monotonic() - started)
        return (
            f"{counts['discovered']} discovered, {counts['fetched']} fetched, "
            f"{counts['unchanged']} unchanged, {counts['posts']} posts, "
            f"{counts['comments']} comments, {counts['errors']} errors, {rate:.1f} pages/s, "
            f"ETA {_eta(counts['pending'], rate)}"
        )

    if quiet:
        yield count
        return
    if not console.is_terminal:

        def plain(event: CrawlEvent) -> None:
            count(event)
            done = counts["fetched"] + counts["unchanged"]
            if done and done % PLAIN_EVERY == 0 and event.kind != "error":
                console.print(line())

        yield plain
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(bar_width=None),
        TextColumn("{task.fields[stats]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("crawling", total=None, stats="")

        def live(event: CrawlEvent) -> None:
            count(event)
            if event.kind == "error":
                progress.console.print(f"[red]failed[/red] {event.url}: {event.error}")
            progress.update(task, stats=line())

        yield live


def _eta(pending: int, rate: float) -> str:
    """Time left at the current rate, as ``m:ss`` (``-`` before there is a rate). A guess:
    discovery keeps adding pages, and listings may be skipped."""
    if rate <= 0:
        return "-"
    seconds = int(pending / rate)
    return f"{seconds // 60}:{seconds % 60:02d}"
