"""How archive data looks on a terminal (rich): search hits, a post with its comment thread,
a post's history as unified diffs. Pure presentation; the CLI decides what to show."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from archive.search import HIGHLIGHT, Hit
from archive.store import StoredComment, StoredPost
from scraper.models import Post

__all__ = ["plain_snippet", "print_history", "print_hits", "print_parsed", "print_post"]

SPAM_FOLD = "[dim]⋯ flagged as spam ({reason}); --spam shows it[/dim]"


def plain_snippet(snippet: str) -> str:
    """A snippet with the highlight markers replaced by plain ``**`` for scripts."""
    start, end = HIGHLIGHT
    return snippet.replace(start, "**").replace(end, "**")


def _styled_snippet(snippet: str) -> str:
    start, end = HIGHLIGHT
    return escape(snippet).replace(start, "[bold yellow]").replace(end, "[/bold yellow]")


def print_hits(console: Console, hits: Sequence[Hit]) -> None:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("#", justify="right", width=4)
    table.add_column("post", ratio=2)
    table.add_column("date", width=10)
    table.add_column("match", ratio=4)
    for hit in hits:
        what = escape(hit.title or hit.url)
        if hit.kind == "comment":
            what = f"[cyan]comment by {escape(hit.author or '?')}[/cyan] on {what}"
        if hit.deleted:
            what += " [red](gone upstream)[/red]"
        table.add_row(
            str(hit.post_id),
            f"{what}\n[dim]{escape(hit.url)}[/dim]",
            (hit.published or "")[:10],
            _styled_snippet(hit.snippet),
        )
    console.print(table)


def _depths(comments: Sequence[StoredComment]) -> dict[int, int]:
    by_id = {c.id: c for c in comments}
    depth: dict[int, int] = {}
    for c in comments:
        d, seen, parent = 0, set(), c.parent_id
        while parent is not None and parent in by_id and parent not in seen:
            seen.add(parent)
            d += 1
            parent = by_id[parent].parent_id
        depth[c.id] = d
    return depth


def _thread_order(comments: Sequence[StoredComment]) -> list[StoredComment]:
    children: dict[int | None, list[StoredComment]] = {}
    ids = {c.id for c in comments}
    for c in comments:
        children.setdefault(c.parent_id if c.parent_id in ids else None, []).append(c)
    ordered: list[StoredComment] = []

    def walk(parent: int | None) -> None:
        for c in children.get(parent, []):
            ordered.append(c)
            walk(c.id)

    walk(None)
    return ordered


def print_post(console: Console, post: StoredPost, *, show_spam: bool = False) -> None:
    console.print(f"[bold]{escape(post.title)}[/bold]")
    meta = [post.published or "no date", post.author or "unknown author", post.url]
    console.print("[dim]" + escape(" · ".join(meta)) + "[/dim]")
    if post.tags:
        console.print("[dim]tags: " + escape(", ".join(post.tags)) + "[/dim]")
    if post.deleted_at:
        console.print(f"[red]deleted upstream on {escape(post.deleted_at)}[/red]")
    if post.version > 1:
        console.print(f"[dim]version {post.version} (see --history)[/dim]")
    console.print()
    console.print(escape(post.body_text))
    if not post.comments:
        return
    n = len(post.comments)
    console.print(f"\n[bold]{n} comment{'' if n == 1 else 's'}[/bold]")
    depth = _depths(post.comments)
    for c in _thread_order(post.comments):
        pad = "    " * depth[c.id]
        head = f"{escape(c.author or 'anonymous')} · {escape(c.published or '')}"
        if c.removed_at:
            head += f" [red](removed upstream {escape(c.removed_at)})[/red]"
        console.print(f"\n{pad}[cyan]{head}[/cyan]")
        if c.likely_spam and not show_spam:
            console.print(pad + SPAM_FOLD.format(reason=escape(c.spam_reason or "spam")))
            continue
        for line in c.text.splitlines() or [""]:
            console.print(pad + escape(line))


def print_history(console: Console, versions: Sequence[dict[str, Any]]) -> None:
    if len(versions) < 2:
        console.print("\n[dim]Only one version archived.[/dim]")
        return
    for old, new in itertools.pairwise(versions):
        console.print(
            f"\n[bold]version {old['version']} → {new['version']}[/bold] "
            f"[dim](changed {escape(str(new.get('changed_at') or ''))})[/dim]"
        )
        for field in ("title", "published", "author", "tags", "body_text"):
            a, b = str(old.get(field) or ""), str(new.get(field) or "")
            if a == b:
                continue
            diff = difflib.unified_diff(
                a.splitlines(),
                b.splitlines(),
                f"{field} (v{old['version']})",
                f"{field} (v{new['version']})",
                lineterm="",
            )
            for line in diff:
                style = (
                    "green" if line.startswith("+") else "red" if line.startswith("-") else "dim"
                )
                console.print(f"[{style}]{escape(line)}[/{style}]")


def print_parsed(console: Console, post: Post) -> None:
    console.print(f"[bold]{escape(post.title)}[/bold]")
    console.print(
        "[dim]"
        + escape(
            " · ".join(
                filter(
                    None,
                    [
                        post.published.isoformat() if post.published else "no date",
                        post.author,
                        post.platform,
                        post.url,
                    ],
                )
            )
        )
        + "[/dim]\n"
    )
    console.print(escape(post.body_text))
    for i, c in enumerate(post.comments):
        spam = " [red](likely spam)[/red]" if c.likely_spam else ""
        reply = f" ↳ reply to #{c.parent}" if c.parent is not None else ""
        console.print(
            f"\n[cyan]#{i} {escape(c.author or 'anonymous')} · "
            f"{c.published.isoformat() if c.published else ''}{reply}[/cyan]{spam}"
        )
        console.print(escape(c.text))
