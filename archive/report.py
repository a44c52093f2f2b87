"""Text for ``update``, ``runs``, ``status`` and ``sites``: lines and tables the CLI prints.

Nothing here prints; every function returns text or a ``rich`` Table, so the CLI stays the only
module that writes to the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from rich.table import Table

from archive.sites import SETTINGS
from archive.status import RunRecord, SiteStatus
from archive.store import Site
from archive.update import UpdateSummary

__all__ = ["human_age", "human_bytes", "runs_table", "sites_table", "status_lines", "update_line"]


def human_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"


def human_age(age: timedelta | None) -> str:
    if age is None:
        return "never"
    seconds = int(age.total_seconds())
    if seconds < 120:
        return f"{seconds}s ago"
    if seconds < 7200:
        return f"{seconds // 60} min ago"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def update_line(s: UpdateSummary) -> str:
    """One line for one site's update."""
    if s.status == "failed":
        return f"{s.site}: update could not run: {s.message}"
    parts = [
        f"{s.requests} requests ({human_bytes(s.bytes)})",
        f"{s.checked} pages checked ({s.not_modified} not modified)",
        f"{s.new_posts} new / {s.changed_posts} changed posts",
        f"{s.new_comments} new / {s.removed_comments} removed comments",
    ]
    if s.deleted_posts:
        parts.append(f"{s.deleted_posts} posts deleted upstream")
    if s.gone > s.deleted_posts:
        parts.append(f"{s.gone - s.deleted_posts} pages gone (confirmed next run)")
    parts.append(f"{s.errors} errors")
    return f"{s.site}: " + ", ".join(parts) + f" in {s.seconds:.1f}s"


def runs_table(runs: Sequence[RunRecord]) -> Table:
    table = Table(box=None, pad_edge=False)
    for name in ("run", "site", "command", "started", "took", "status", "requests", "bytes"):
        table.add_column(name, justify="right" if name in ("run", "requests", "bytes") else "left")
    for name in ("posts +/~", "comments +/-", "deleted", "errors"):
        table.add_column(name, justify="right")
    for r in runs:
        took = f"{r.seconds:.0f}s" if r.seconds is not None else "-"
        table.add_row(
            str(r.id),
            r.site,
            r.command,
            r.started_at.replace("T", " ")[:16],
            took,
            r.status,
            str(r.requests),
            human_bytes(r.bytes),
            f"{r.new_posts}/{r.changed_posts}",
            f"{r.new_comments}/{r.removed_comments}",
            str(r.deleted_posts),
            str(r.errors),
        )
    return table


def status_lines(statuses: Sequence[SiteStatus]) -> list[str]:
    """A few lines per site: the last run, the last good one, what is failing or due."""
    lines = []
    for st in statuses:
        mark = "ok" if st.healthy else "ATTENTION"
        lines.append(f"{st.name} ({st.start_url}): {mark}")
        run = st.last_run
        if run is not None:
            lines.append(
                f"  last run: #{run.id} {run.command} {run.status}, started {run.started_at}, "
                f"{run.requests} requests, {run.errors} errors"
                + (f" ({run.message})" if run.message and run.status != "ok" else "")
            )
        lines.append(f"  last good run: {human_age(st.since_good)}")
        if st.since_good is not None and st.since_good > st.max_age:
            lines.append(f"  no good run for more than {human_age(st.max_age)[:-4]}")
        lines.append(
            f"  {st.posts} posts ({st.deleted_posts} deleted upstream), {st.comments} comments; "
            f"{st.failing_pages} pages failing, {st.pages_due} due for a re-check"
        )
    return lines


def sites_table(sites: Sequence[Site]) -> Table:
    table = Table(box=None, pad_edge=False)
    for name in ("name", "start URL", *SETTINGS):
        table.add_column(name)
    for site in sites:
        values = [site.settings.get(key) for key in SETTINGS]
        table.add_row(site.name, site.start_url, *["-" if v is None else str(v) for v in values])
    return table
