"""The commands that keep an archive current from cron: ``update``, ``runs``, ``status``,
``sites`` and ``schedule``. Registered on the shared app by importing this module."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.markup import escape

from archive.cli_common import (
    DEFAULT_DB,
    DbOption,
    app,
    check_settings,
    err,
    out,
    print_json,
    require_at_least,
    user_errors,
)
from archive.lock import ArchiveLock
from archive.store import Archive

# ---------------------------------------------------------------------- update / schedule

UPDATE_EPILOG = (
    "Exit codes: 0 all good; 1 some pages failed (the archive is still updated); "
    "2 the run could not happen (site unreachable, bad archive, another run holds the lock)."
)


@app.command(epilog=UPDATE_EPILOG)
def update(
    db: DbOption = DEFAULT_DB,
    site: Annotated[str | None, typer.Option(help="Only this site (name or start URL).")] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Re-check every page now, whatever the schedule.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing unless something is wrong.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summaries as JSON.")] = False,
) -> None:
    """Re-visit every site in the archive and fetch only what changed: new posts, edits, new and
    removed comments, deleted posts. Made for cron (see `schedule`)."""
    from archive.progress import progress_for
    from archive.report import update_line
    from archive.sites import require_site
    from archive.update import UpdateOptions, update_site, worst_exit_code

    with user_errors(resumable=True):
        # The archive first: a missing one is "no archive at ...", and leaves no stray lock file.
        with Archive(db, create=False) as archive, ArchiveLock(db, "update") as lock:
            archive.end_stale_runs()  # holding the lock: a run still `running` was killed
            sites = [require_site(archive, site)] if site else archive.sites()
            if not sites:
                raise ValueError(f"{db} has no sites yet: run `blog-archiver crawl URL` first")
            summaries = []
            for s in sites:
                with progress_for(err, quiet=quiet or as_json) as on_event:
                    summaries.append(
                        update_site(archive, s, UpdateOptions(full=full), on_event=on_event)
                    )
        code = worst_exit_code(summaries)
        if lock.took_over is not None:
            err.print(f"note: the previous run {lock.took_over.describe()} was killed")
        if as_json:
            print_json([{**asdict(s), "exit_code": s.exit_code} for s in summaries])
        else:
            for summary in summaries:
                if summary.status != "ok":
                    err.print(escape(update_line(summary)))
                    for sample in summary.error_samples[:5]:
                        err.print(f"  failed: {escape(sample)}")
                elif not quiet:
                    out.print(escape(update_line(summary)))
        if code:
            raise typer.Exit(code)


@app.command()
def runs(
    db: DbOption = DEFAULT_DB,
    site: Annotated[str | None, typer.Option(help="Only this site (name or start URL).")] = None,
    limit: Annotated[int, typer.Option(help="How many runs, newest first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the runs as JSON.")] = False,
) -> None:
    """The last crawl and update runs with their counts."""
    from archive.report import runs_table
    from archive.sites import require_site
    from archive.status import recent_runs

    with user_errors(), Archive(db, readonly=True) as archive:
        chosen = require_site(archive, site) if site else None
        records = recent_runs(archive, limit=limit, site=chosen)
    if as_json:
        print_json([{**asdict(r), "seconds": r.seconds} for r in records])
    elif records:
        out.print(runs_table(records))
    else:
        err.print("No runs yet.")


@app.command(
    epilog="Exit code 1 when a site's last run was not good or is older than --max-age, or when "
    "the archive has no sites."
)
def status(
    db: DbOption = DEFAULT_DB,
    max_age: Annotated[
        float, typer.Option(help="Hours after which no good run counts as a problem.")
    ] = 48.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as JSON.")] = False,
) -> None:
    """How each site's archive is doing: last run, time since the last good run, failing pages."""
    from datetime import timedelta

    from archive.report import status_lines
    from archive.status import site_statuses

    with user_errors():
        require_at_least("--max-age", max_age, 0)
        with Archive(db, readonly=True) as archive:
            statuses = site_statuses(archive, max_age=timedelta(hours=max_age))
        if not statuses and not as_json:
            err.print(f"{db} has no sites yet: run `blog-archiver crawl URL` first")
            raise typer.Exit(1)
    if as_json:
        print_json(
            [
                {
                    **asdict(st),
                    "since_good": st.since_good.total_seconds() if st.since_good else None,
                    "max_age": st.max_age.total_seconds(),
                    "healthy": st.healthy,
                }
                for st in statuses
            ]
        )
    else:
        for line in status_lines(statuses):
            out.print(escape(line))
    if not statuses or not all(st.healthy for st in statuses):
        raise typer.Exit(1)


sites_app = typer.Typer(help="List, change or remove the sites an archive keeps current.")
app.add_typer(sites_app, name="sites")


@sites_app.callback(invoke_without_command=True)
def sites_list(ctx: typer.Context, db: DbOption = DEFAULT_DB) -> None:
    """List the archive's sites and their settings (used by `update`)."""
    if ctx.invoked_subcommand is not None:
        return
    from archive.report import sites_table

    with user_errors(), Archive(db, readonly=True) as archive:
        sites = archive.sites()
    if sites:
        out.print(sites_table(sites))
    else:
        err.print(f"{db} has no sites yet.")


@sites_app.command("set")
def sites_set(
    name: Annotated[str, typer.Argument(help="The site (name or start URL).")],
    db: DbOption = DEFAULT_DB,
    delay: Annotated[float | None, typer.Option(help="Seconds between requests.")] = None,
    user_agent: Annotated[str | None, typer.Option(help="User-Agent to send.")] = None,
    max_pages: Annotated[int | None, typer.Option(help="Most pages in one run.")] = None,
    max_depth: Annotated[int | None, typer.Option(help="Link depth limit.")] = None,
    retries: Annotated[int | None, typer.Option(help="Attempts per page.")] = None,
    sweep_days: Annotated[
        float | None, typer.Option(help="Re-check every page at least this often (days).")
    ] = None,
) -> None:
    """Change a site's settings; later runs use them."""
    from archive.report import sites_table
    from archive.sites import require_site, set_settings

    with user_errors(), Archive(db, create=False) as archive, ArchiveLock(db, "sites set"):
        changes = {
            "delay": delay,
            "user_agent": user_agent,
            "max_pages": max_pages,
            "max_depth": max_depth,
            "retries": retries,
            "sweep_days": sweep_days,
        }
        if all(v is None for v in changes.values()):
            raise ValueError("nothing to change: give at least one option, e.g. --delay 2")
        check_settings(changes)
        site = set_settings(archive, require_site(archive, name), changes)
    out.print(sites_table([site]))


@sites_app.command("remove")
def sites_remove(
    name: Annotated[str, typer.Argument(help="The site (name or start URL).")],
    db: DbOption = DEFAULT_DB,
    yes: Annotated[bool, typer.Option("--yes", help="Really delete its archived data.")] = False,
) -> None:
    """Delete a site and EVERYTHING archived from it (posts, versions, comments, raw pages)."""
    from archive.sites import remove_site, require_site

    with user_errors(), Archive(db, create=False) as archive, ArchiveLock(db, "sites remove"):
        site = require_site(archive, name)
        if not yes:
            counts = archive.counts(site.id)
            raise ValueError(
                f"this deletes {site.name} with its {counts['posts']} posts and "
                f"{counts['comments']} comments for good; add --yes to do it"
            )
        removed = remove_site(archive, site)
    out.print(
        f"removed {site.name}: {removed.posts} posts, {removed.comments} comments, "
        f"{removed.pages} pages, {removed.runs} runs"
    )


@app.command()
def schedule(
    every: Annotated[str, typer.Option(help="hourly, daily or weekly.")] = "daily",
    at: Annotated[
        str, typer.Option(help="Time of day HH:MM (hourly: only the minutes count, e.g. 00:17).")
    ] = "03:17",
    db: DbOption = DEFAULT_DB,
    install: Annotated[
        bool, typer.Option("--install", help="Write it: the user's crontab, or with --systemd")
    ] = False,
    systemd: Annotated[
        bool, typer.Option("--systemd", help="Install user systemd units instead of cron.")
    ] = False,
) -> None:
    """Print (or --install) a crontab line and a systemd service + timer that run `update`."""
    from archive import cron

    with user_errors():
        spec = cron.JobSpec.make(every, at, db)
        units = cron.systemd_units(spec)
        if not install or not systemd:
            out.print("# crontab (crontab -e):")
            out.print(escape(cron.crontab_line(spec)))
        if not install or systemd:
            folder = cron.units_dir()
            for name, text in units.items():
                out.print(f"\n# {folder / name}")
                out.print(escape(text.rstrip("\n")))
        if not install:
            out.print(f"\n# enable the units with: {cron.enable_hint(spec)}")
            return
        if systemd:
            written = cron.install_units(spec)
            err.print(f"wrote {', '.join(str(p) for p in written)}")
            err.print(f"now run: {cron.enable_hint(spec)}")
        else:
            cron.install_crontab(spec)
            err.print("installed the line above in your crontab (crontab -l shows it)")
