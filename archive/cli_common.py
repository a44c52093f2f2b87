"""What every ``blog-archiver`` command shares: the typer app, the consoles, the global options,
and ``user_errors`` — the one place where errors a user can cause become one line on stderr and a
non-zero exit code (tracebacks only with ``--debug``).
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from archive.store import ArchiveError
from scraper import __version__

app = typer.Typer(
    name="blog-archiver",
    help="Keep a complete, searchable, versioned copy of a blog in one SQLite file.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)

DbOption = Annotated[Path, typer.Option("--db", help="Archive file (SQLite).")]
DEFAULT_DB = Path("archive.db")
QUERY_HELP = 'Words, "exact phrases", prefix*, -excluded, OR, title:, author:, tag:'


out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_USAGE = 2
#: What Ctrl-C tells the user of a command that picks up again where it was interrupted.
RESUME_HINT = "; everything fetched so far is saved — run the same command to resume"


class State:
    debug = False


STATE = State()


@contextmanager
def user_errors(*, resumable: bool = False) -> Iterator[None]:
    """Turn every error into one clear stderr line and an exit code (tracebacks with --debug).

    Args:
        resumable: the command picks up again where Ctrl-C stopped it (crawl, update, demo),
            and the message on Ctrl-C says so.
    """
    from archive.search import QueryError
    from scraper.errors import FetchError

    try:
        yield
    except typer.Exit:
        raise
    except BrokenPipeError:  # `blog-archiver export | head`: the reader has all it wanted
        sys.stderr.close()
        raise typer.Exit(0) from None
    except FileNotFoundError as exc:
        if STATE.debug:
            raise
        fail(f"no such file: {exc.filename}", EXIT_USAGE)
    except (ArchiveError, QueryError, FetchError, ValueError, OSError, sqlite3.Error) as exc:
        if STATE.debug:
            raise
        fail(_message(exc), EXIT_USAGE if not isinstance(exc, QueryError) else 1)
    except KeyboardInterrupt:
        fail("interrupted" + (RESUME_HINT if resumable else ""), 130)
    except Exception as exc:  # a bug: still one line, unless --debug
        if STATE.debug:
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)", 70)


#: SQLite errors that say nothing about the archive's contents, in words a user can act on.
SQLITE_MESSAGES = {
    "database is locked": (
        "the archive is busy: another program is writing to it (database is locked); "
        "try again when it has finished"
    ),
    "database or disk is full": (
        "the disk is full: free some space and run the command again; everything written "
        "before is kept (database or disk is full)"
    ),
    "disk I/O error": (
        "could not write the archive (disk I/O error): the disk may be full or failing; "
        "everything written before is kept"
    ),
    "attempt to write a readonly database": (
        "the archive is read-only: this command writes to it and needs write access to the "
        "archive file and its folder (attempt to write a readonly database)"
    ),
}


def _message(exc: BaseException) -> str:
    """The one line a user sees for ``exc``: SQLite's busy and read-only errors (also when an
    ``ArchiveError`` wraps them) in plain words, an ``OSError`` as "what: which file"."""
    for cause in (exc, exc.__cause__):
        if isinstance(cause, sqlite3.OperationalError) and str(cause) in SQLITE_MESSAGES:
            return SQLITE_MESSAGES[str(cause)]
    if isinstance(exc, OSError) and exc.strerror and exc.filename is not None:
        files = str(exc.filename)
        if exc.filename2 is not None:
            files += f" -> {exc.filename2}"
        return f"{exc.strerror}: {files}"
    return str(exc) or type(exc).__name__


def require_at_least(option: str, value: float | None, minimum: float) -> None:
    """Refuse a numeric option below ``minimum``, NaN or infinite (None means not given)."""
    if value is not None and not (math.isfinite(value) and value >= minimum):
        raise ValueError(f"{option} must be a number >= {minimum:g}, not {value}")


def check_settings(values: Mapping[str, Any]) -> None:
    """Refuse, named as options, the site settings ``sites.set_settings`` would refuse: a number
    below its ``sites.MINIMUM``, NaN or infinite, or a User-Agent no HTTP request can carry
    (None means not given). ``crawl`` and ``sites set`` share these limits."""
    from archive.sites import MINIMUM, user_agent_ok

    for key, minimum in MINIMUM.items():
        require_at_least("--" + key.replace("_", "-"), values.get(key), minimum)
    agent = values.get("user_agent")
    if agent is not None and not user_agent_ok(agent):
        raise ValueError(f"--user-agent must be one line of plain text, not {agent!r}")


def fail(message: str, code: int) -> None:
    err.print(f"Error: {escape(message.splitlines()[0] if message else 'failed')}")
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        out.print(f"blog-archiver {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    STATE.debug = debug
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def json_default(value: object) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def print_json(data: object) -> None:
    out.print_json(json.dumps(data, default=json_default, ensure_ascii=False), indent=2)
