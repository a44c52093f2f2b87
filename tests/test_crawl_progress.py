"""Crawl progress: plain lines when not on a terminal (with discovered, rate and ETA), nothing
with --quiet."""

from __future__ import annotations

import io

from rich.console import Console

from archive.progress import PLAIN_EVERY, progress_for
from scraper.crawl import CrawlEvent


def feed(quiet: bool) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=False, width=200)
    with progress_for(console, quiet=quiet) as on_event:
        for i in range(PLAIN_EVERY):
            on_event(CrawlEvent("fetched", f"http://x/{i}", "post", 1, discovered=100,
                                pending=100 - i))
    return buffer.getvalue()


def test_plain_progress_line_names_discovered_posts_and_eta() -> None:
    text = feed(quiet=False)
    assert "100 discovered" in text
    assert f"{PLAIN_EVERY} posts" in text
    assert "ETA" in text


def test_quiet_progress_prints_nothing() -> None:
    assert feed(quiet=True) == ""
