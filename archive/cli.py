"""The ``blog-archiver`` command line: the only module that prints or exits.

Every command is a thin layer over the library (``archive.jobs``, ``archive.store``,
``archive.search``, ``scraper.parse``). Errors a user can cause reach them in one place
(``user_errors``) as one line on stderr and a non-zero exit code; ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any, cast

import typer
from rich.markup import escape

from archive.cli_common import (
    DEFAULT_DB,
    QUERY_HELP,
    STATE,
    DbOption,
    app,
    check_settings,
    err,
    fail,
    out,
    print_json,
    require_at_least,
    user_errors,
)
from archive.lock import ArchiveLock
from archive.store import Archive

# ---------------------------------------------------------------------- crawl


@app.command()
def crawl(
    url: Annotated[
        str, typer.Argument(help="The blog's start URL, e.g. https://example.com/blog/")
    ],
    db: DbOption = DEFAULT_DB,
    delay: Annotated[
        float | None, typer.Option(help="Seconds between requests to the host [default: 1].")
    ] = None,
    max_pages: Annotated[
        int | None,
        typer.Option(help="Stop after this many pages, this run only [default: 10000]."),
    ] = None,
    max_depth: Annotated[
        int | None, typer.Option(help="Link depth limit from the start URL [default: 50].")
    ] = None,
    scope: Annotated[str | None, typer.Option(help="Only URLs under this path prefix.")] = None,
    user_agent: Annotated[str | None, typer.Option(help="User-Agent to send.")] = None,
    retries: Annotated[
        int | None, typer.Option(help="Attempts per page on timeouts and 5xx [default: 4].")
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing unless something is wrong.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Archive a blog: find every post, fetch it politely, store posts and comments.

    Run it again to resume an interrupted crawl, or to re-check a finished one. --delay,
    --user-agent, --max-depth, --scope and --retries are remembered for the site (`update` and
    later crawls use them; `sites set` changes them); --max-pages limits this run only.
    """
    from archive.jobs import crawl_options, crawl_site
    from archive.progress import progress_for

    with user_errors(resumable=True):
        given = {
            "delay": delay,
            "user_agent": user_agent,
            "max_depth": max_depth,
            "scope": scope,
            "retries": retries,
        }
        check_settings({**given, "max_pages": max_pages})
        _check_url(url)
        with (
            ArchiveLock(db, "crawl"),
            Archive(db) as archive,
            progress_for(err, quiet=quiet or as_json) as on_event,
        ):
            archive.end_stale_runs()  # holding the lock: a run still `running` was killed
            options = crawl_options(archive, url, given, max_pages=max_pages)
            summary = crawl_site(archive, url, options, on_event=on_event)
        _report(summary, quiet=quiet, as_json=as_json)
        if summary.exit_code:
            raise typer.Exit(summary.exit_code)


def _check_url(url: str) -> None:
    from scraper.urls import canonical_url

    try:
        canonical_url(url)
    except ValueError:
        hint = "" if "://" in url else " (start it with http:// or https://)"
        raise ValueError(f"not an http(s) URL: {url!r}{hint}") from None


def _report(summary: Any, *, quiet: bool, as_json: bool) -> None:
    if as_json:
        print_json(summary)
        return
    if summary.status == "failed":
        sample = summary.error_samples[0] if summary.error_samples else "no page could be fetched"
        if sample.startswith("http") and ": " in sample:
            sample = sample.split(": ", 1)[1]
        fail(f"could not crawl {summary.site}: {sample}", 2)
    if quiet and summary.status == "ok":
        return
    stream = err if summary.status != "ok" else out
    stream.print(
        f"{summary.site}: {summary.fetched} pages fetched ({summary.not_modified} unchanged), "
        f"{summary.new_posts} new / {summary.changed_posts} changed posts, "
        f"{summary.new_comments} new comments, {summary.errors} errors in {summary.seconds:.1f}s; "
        f"archive holds {summary.posts_total} posts, {summary.comments_total} comments"
        + (" (page limit reached)" if summary.stopped_by_limit else "")
    )
    for sample in summary.error_samples[:5]:
        err.print(f"  failed: {escape(sample)}")


# update, runs, status, sites and schedule live in archive/cli_update.py
import archive.cli_update  # noqa: E402, F401  (registers its commands on the app)

# ---------------------------------------------------------------------- search / show


@app.command(context_settings={"ignore_unknown_options": True})
def search(
    query: Annotated[str, typer.Argument(help=QUERY_HELP)],
    db: DbOption = DEFAULT_DB,
    kind: Annotated[str, typer.Option("--in", help="posts, comments or all.")] = "all",
    since: Annotated[str | None, typer.Option(help="Only from this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only up to this day (YYYY-MM-DD).")] = None,
    site: Annotated[str | None, typer.Option(help="Only this site (name or start URL).")] = None,
    sort: Annotated[str, typer.Option(help="relevance, newest or oldest.")] = "relevance",
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
    spam: Annotated[bool, typer.Option("--spam", help="Include comments flagged as spam.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print hits as JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print hits as CSV.")] = False,
) -> None:
    """Full-text search over every post and comment in the archive."""
    from archive.search import search as run_search

    with user_errors():
        if kind not in ("posts", "comments", "all"):
            raise ValueError("--in must be posts, comments or all")
        if sort not in ("relevance", "newest", "oldest"):
            raise ValueError("--sort must be relevance, newest or oldest")
        require_at_least("--limit", limit, 1)
        with Archive(db, readonly=True) as archive:
            hits = run_search(
                archive.db,
                query,
                kind=cast(Any, kind),
                site=site,
                since=_day(since, "--since"),
                until=_day(until, "--until"),
                sort=cast(Any, sort),
                limit=limit,
                include_spam=spam,
            )
        if as_json:
            print_json([_hit_json(h) for h in hits])
            return
        if as_csv:
            _print_csv([_hit_json(h) for h in hits])
            return
        if not hits:
            err.print(f"No results for {query!r}.")
            raise typer.Exit(1)
        from archive.render import print_hits

        print_hits(out, hits)


def _hit_json(hit: Any) -> dict[str, Any]:
    data = asdict(hit)
    data["snippet"] = _plain_snippet(str(data.get("snippet") or ""))
    return data


def _print_csv(rows: list[dict[str, Any]]) -> None:
    import csv

    columns = ["kind", "post_id", "id", "url", "title", "published", "author", "snippet", "score"]
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)


def _plain_snippet(snippet: str) -> str:
    from archive.render import plain_snippet

    return plain_snippet(snippet)


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{option} must be a date like 2024-01-31, not {value!r}") from None


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="A post's URL or id.")],
    db: DbOption = DEFAULT_DB,
    spam: Annotated[bool, typer.Option("--spam", help="Show spam comments in full.")] = False,
    history: Annotated[
        bool, typer.Option("--history", help="Show what changed between versions.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the post as JSON.")] = False,
) -> None:
    """Print one archived post with its comments as a thread."""
    from archive.render import print_history, print_post

    with user_errors():
        with Archive(db, readonly=True) as archive:
            post = archive.post(ref)
            if post is None:
                raise ValueError(f"no post {ref!r} in {db}")
            versions = archive.versions(post.id) if history else []
        if as_json:
            print_json(post)
            return
        print_post(out, post, show_spam=spam)
        if history:
            print_history(out, versions)


# ---------------------------------------------------------------------- maintenance


@app.command()
def reparse(
    db: DbOption = DEFAULT_DB,
    site: Annotated[str | None, typer.Option(help="Only this site (name or start URL).")] = None,
    relearn: Annotated[
        bool, typer.Option("--relearn", help="Learn each site's template and date order again.")
    ] = False,
) -> None:
    """Re-run the current parser over the stored raw pages (no network); changed output is
    recorded as a new version."""
    from archive.jobs import reparse_site
    from archive.profiles import learn_site_profile, profile_of, save_profile
    from scraper.models import SiteProfile

    with user_errors(), Archive(db, create=False) as archive, ArchiveLock(db, "reparse"):
        sites = archive.sites() if site is None else [archive.site(site)]
        if not sites or sites[0] is None:
            raise ValueError(f"no site {site!r} in {db}" if site else f"{db} has no sites")
        for s in sites:
            assert s is not None
            profile = profile_of(s)
            if relearn:
                profile = learn_site_profile(archive, s.id, SiteProfile())
                save_profile(archive, s.id, profile)
            counts = reparse_site(archive, s.id, profile)
            out.print(
                f"{s.name}: {counts['changed']} changed, {counts['unchanged']} unchanged"
                + (f", {counts['missing']} without a stored page" if counts["missing"] else "")
            )


@app.command()
def check(db: DbOption = DEFAULT_DB) -> None:
    """Check the archive's integrity: SQLite, full-text indexes, stored raw pages."""
    from archive.store import check_archive

    with user_errors():
        with Archive(db, readonly=True) as archive:
            problems = check_archive(archive)
            counts = archive.counts()
            read_only = archive.read_only
        if problems:
            for problem in problems:
                err.print(f"problem: {problem}")
            raise typer.Exit(1)
        out.print(
            f"{db}: ok ({counts['posts']} posts, {counts['comments']} comments, "
            f"{counts['pages']} pages)"
            + ("; full-text indexes not checked: the archive is read-only" if read_only else "")
        )


# ---------------------------------------------------------------------- export


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, markdown or warc.")] = "jsonl",
    out_path: Annotated[
        Path | None,
        typer.Option("--out", help="Output file (a folder for markdown); default stdout."),
    ] = None,
    site: Annotated[str | None, typer.Option(help="Only this site (name or start URL).")] = None,
) -> None:
    """Export the archive: JSONL (one post per line with its comments), CSV, Markdown, WARC."""
    from archive import export as exporter

    with user_errors():
        if fmt not in exporter.FORMATS:
            raise ValueError(f"--format must be one of {', '.join(exporter.FORMATS)}")
        if fmt == "markdown" and out_path is None:
            raise ValueError("--format markdown needs --out FOLDER")
        if fmt == "warc" and out_path is None and sys.stdout.isatty():
            raise ValueError("--format warc writes binary: give --out FILE.warc.gz")
        if out_path is not None:
            _check_out(out_path, folder=fmt == "markdown")
        with Archive(db, readonly=True) as archive:
            if fmt == "markdown":
                assert out_path is not None
                n = exporter.export_markdown(archive, out_path, site)
            elif fmt == "warc":
                with _binary_out(out_path) as stream:
                    n = exporter.export_warc(archive, stream, site)
            else:
                write = exporter.export_jsonl if fmt == "jsonl" else exporter.export_csv
                with _text_out(out_path) as text:
                    n = write(archive, text, site)
        if out_path is not None:
            err.print(f"wrote {n} {'records' if fmt == 'warc' else 'posts'} to {out_path}")


def _check_out(path: Path, *, folder: bool) -> None:
    """Refuse an --out the export cannot write, before anything is written."""
    if folder and path.exists() and not path.is_dir():
        raise ValueError(f"--out {path} is a file; --format markdown writes a folder of files")
    if not folder and path.is_dir():
        raise ValueError(f"--out {path} is a folder; give a file name")
    if not folder and not path.parent.is_dir():
        raise ValueError(f"no folder {path.parent} for --out {path}: create it first")


@contextmanager
def _text_out(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    with _written_whole(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        yield handle


@contextmanager
def _binary_out(path: Path | None) -> Iterator[IO[bytes]]:
    if path is None:
        yield sys.stdout.buffer
        return
    with _written_whole(path) as tmp, tmp.open("wb") as handle:
        yield handle


@contextmanager
def _written_whole(path: Path) -> Iterator[Path]:
    """A ``.part`` file next to ``path`` that becomes ``path`` only when the export finished;
    an export that fails or is interrupted leaves ``path`` as it was and no ``.part`` behind."""
    tmp = path.with_name(path.name + ".part")
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)


# ---------------------------------------------------------------------- parse


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A saved HTML page.")],
    url: Annotated[str, typer.Option(help="The URL the page was saved from.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print the post as JSON.")] = False,
) -> None:
    """Extract the post (title, date, author, body, comments) from a saved page."""
    from scraper.parse import parse_post

    with user_errors():
        html = file.read_bytes()
        post = parse_post(html, url or file.resolve().as_uri())
        if post is None:
            if as_json:
                out.print("null")
            err.print(f"Error: {file} does not look like a single blog post")
            raise typer.Exit(1)
        if as_json:
            print_json(post)
            return
        from archive.render import print_parsed

        print_parsed(out, post)


# ---------------------------------------------------------------------- demo


@app.command()
def demo(
    db: DbOption = Path("demo-archive.db"),
    serve_only: Annotated[
        bool, typer.Option("--serve-only", help="Only serve the demo blog until Ctrl-C.")
    ] = False,
    port: Annotated[int, typer.Option(help="Port for the demo blog (0 = any free port).")] = 0,
    query: Annotated[str, typer.Option(help="What to search for after archiving.")] = "courage",
) -> None:
    """Serve the bundled demo blog on 127.0.0.1, archive it, and search it."""
    from archive.jobs import CrawlOptions, crawl_site
    from archive.progress import progress_for
    from scraper.demo import DemoServer

    with user_errors(resumable=True):
        server = DemoServer(port=port)
        if serve_only:
            out.print(f"Demo blog at {server.url}blog/ — press Ctrl-C to stop.")
            with suppress(KeyboardInterrupt):
                server.serve_forever()
            return
        with ArchiveLock(db, "demo"), server:
            out.print(f"Demo blog served at {server.url}blog/")
            with Archive(db) as archive, progress_for(err, quiet=False) as on_event:
                archive.end_stale_runs()
                summary = crawl_site(
                    archive, server.url + "blog/", CrawlOptions(delay=0.0), on_event=on_event
                )
        _report(summary, quiet=False, as_json=False)
        out.print(f"\n$ blog-archiver search {query} --db {db}")
        from archive.render import print_hits
        from archive.search import search as run_search

        with Archive(db, readonly=True) as archive:
            print_hits(out, run_search(archive.db, query, limit=5))
        me = _invocation()
        out.print(f"\nTry: {me} show 1 --db {db}   or   {me} serve --db {db}")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8001,
) -> None:
    """Browse and search the archive in Datasette (`pip install 'blog-archiver[datasette]'`):
    search boxes on posts and comments plus a ranked `search` query over both."""
    import os
    import shutil

    from archive.datasette import write_datasette_metadata

    with user_errors():
        Archive(db, readonly=True).close()
        _check_port(port)
        # This installation's Datasette first: the one on PATH may belong to another Python.
        beside = Path(sys.executable).with_name("datasette")
        exe = str(beside) if beside.exists() else shutil.which("datasette")
        if exe is None:
            raise ValueError("Datasette is not installed: pip install 'blog-archiver[datasette]'")
        meta = write_datasette_metadata(db)
        out.print(f"Serving {db} at http://127.0.0.1:{port}/ (metadata: {meta}); Ctrl-C stops.")
        sys.stdout.flush()
        # Become Datasette rather than wait for it: Ctrl-C, `kill` and systemd's stop reach the
        # server itself, so no stopped `serve` ever leaves a Datasette running behind it.
        os.execv(exe, [exe, "serve", str(db), "-m", str(meta), "--host", "127.0.0.1",
                       "--port", str(port)])


def _check_port(port: int) -> None:
    """Refuse a port Datasette could not listen on, before starting it (its own error is a
    screenful of server log)."""
    import socket

    if not 1 <= port <= 65535:
        raise ValueError(f"--port must be between 1 and 65535, not {port}")
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise ValueError(
                f"port {port} on 127.0.0.1 is in use (or not allowed): choose another with --port"
            ) from None


def _invocation() -> str:
    """How the user can call this program again: its name when it is on PATH, else its path."""
    import shutil

    argv0 = sys.argv[0] if sys.argv and sys.argv[0] else "blog-archiver"
    name = Path(argv0).name
    if name == "blog-archiver" and shutil.which(name) != str(Path(argv0).resolve()):
        try:
            return str(Path(argv0).resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(Path(argv0).resolve())
    return name if name == "blog-archiver" else "blog-archiver"


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="blog-archiver")
    except SystemExit:
        raise
    except BaseException as exc:  # anything that escaped a command's own handling
        if STATE.debug:
            raise
        print(f"Error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(70)


if __name__ == "__main__":
    main()
