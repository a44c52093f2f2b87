"""``schedule``: the crontab line and the systemd user service + timer that run ``update`` on its
own, with absolute paths (this installation's ``blog-archiver``, the archive's full path), and
installing either.

The job runs ``blog-archiver update --db ARCHIVE --quiet``: it prints nothing when all is well,
so cron mails (and the journal shows) only problems, and its exit code says what kind (0 ok, 1
some pages failed, 2 the run could not happen).

Where things are written is injectable, so tests never touch the real crontab or unit folder:
the ``crontab`` command is ``$BLOG_ARCHIVER_CRONTAB`` when set, and the units folder
``$BLOG_ARCHIVER_SYSTEMD_DIR`` (default ``~/.config/systemd/user``).
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "CRONTAB_ENV",
    "EVERY",
    "SYSTEMD_DIR_ENV",
    "JobSpec",
    "ScheduleError",
    "blog_archiver_command",
    "crontab_line",
    "enable_hint",
    "install_crontab",
    "install_units",
    "systemd_units",
    "units_dir",
]

Every = Literal["hourly", "daily", "weekly"]
EVERY: tuple[Every, ...] = ("hourly", "daily", "weekly")
CRONTAB_ENV = "BLOG_ARCHIVER_CRONTAB"
SYSTEMD_DIR_ENV = "BLOG_ARCHIVER_SYSTEMD_DIR"
MARKER = "# blog-archiver update"


class ScheduleError(ValueError):
    """A schedule that cannot be made or installed (bad time, no crontab command, ...)."""


@dataclass(frozen=True)
class JobSpec:
    """One scheduled update: how often, at what time, of which archive, with which command."""

    every: Every
    hour: int
    minute: int
    db: Path
    command: tuple[str, ...]

    @classmethod
    def make(cls, every: str, at: str, db: Path, command: tuple[str, ...] | None = None) -> JobSpec:
        """Validate ``every`` and ``at`` (``HH:MM``; hourly uses the minutes) and make absolute
        paths."""
        if every not in EVERY:
            raise ScheduleError(f"--every must be one of {', '.join(EVERY)}, not {every!r}")
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", at)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ScheduleError(f"--at must be a time like 03:17, not {at!r}")
        return cls(
            every,
            int(match[1]),
            int(match[2]),
            db.expanduser().resolve(),
            command or blog_archiver_command(),
        )

    @property
    def argv(self) -> tuple[str, ...]:
        return (*self.command, "update", "--db", str(self.db), "--quiet")

    @property
    def name(self) -> str:
        """The systemd unit name: one per archive, readable and unique."""
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", self.db.stem).strip("-") or "archive"
        digest = hashlib.sha256(str(self.db).encode("utf-8")).hexdigest()[:6]
        return f"blog-archiver-{stem}-{digest}"


def blog_archiver_command() -> tuple[str, ...]:
    """This installation's ``blog-archiver``, absolute: the script next to the running Python
    (a venv's ``bin/``), else ``python -m archive.cli``."""
    script = Path(sys.executable).parent / "blog-archiver"
    if script.exists():
        return (str(script),)
    return (sys.executable, "-m", "archive.cli")


def crontab_line(spec: JobSpec) -> str:
    """One crontab line, tagged so that re-installing replaces it instead of adding another."""
    day = {"hourly": "* * *", "daily": "* * *", "weekly": "* * 1"}[spec.every]
    hour = "*" if spec.every == "hourly" else str(spec.hour)
    command = " ".join(shlex.quote(a) for a in spec.argv)
    return f"{spec.minute} {hour} {day} {command}  {MARKER} {spec.db}"


def _systemd_quote(arg: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_@%+=:,./-]+", arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_units(spec: JobSpec) -> dict[str, str]:
    """``{file name: content}`` of a oneshot service and the timer that starts it."""
    calendar = {
        "hourly": f"*-*-* *:{spec.minute:02d}:00",
        "daily": f"*-*-* {spec.hour:02d}:{spec.minute:02d}:00",
        "weekly": f"Mon *-*-* {spec.hour:02d}:{spec.minute:02d}:00",
    }[spec.every]
    service = (
        "[Unit]\n"
        f"Description=blog-archiver update of {spec.db}\n\n"
        "[Service]\nType=oneshot\n"
        f"WorkingDirectory={_systemd_quote(str(spec.db.parent))}\n"
        # exit 1 (some pages failed) and 2 (no run) mark the unit failed: `systemctl --user
        # --failed` and the journal show it
        f"ExecStart={' '.join(_systemd_quote(a) for a in spec.argv)}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=Run blog-archiver update of {spec.db} {spec.every}\n\n"
        "[Timer]\n"
        f"OnCalendar={calendar}\n"
        "Persistent=true\n"  # a run missed while the machine was off happens at next boot
        "RandomizedDelaySec=120\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {f"{spec.name}.service": service, f"{spec.name}.timer": timer}


def units_dir() -> Path:
    """Where user units go: ``$BLOG_ARCHIVER_SYSTEMD_DIR`` or ``~/.config/systemd/user``."""
    configured = os.environ.get(SYSTEMD_DIR_ENV)
    return Path(configured) if configured else Path.home() / ".config" / "systemd" / "user"


def install_units(spec: JobSpec, folder: Path | None = None) -> list[Path]:
    """Write the service and timer into ``folder`` (default ``units_dir()``); returns the paths.
    Enabling them is left to ``systemctl --user`` (``enable_hint``)."""
    folder = folder or units_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in systemd_units(spec).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def enable_hint(spec: JobSpec) -> str:
    return f"systemctl --user daemon-reload && systemctl --user enable --now {spec.name}.timer"


def _crontab_command() -> list[str]:
    return shlex.split(os.environ.get(CRONTAB_ENV) or "crontab")


def install_crontab(spec: JobSpec) -> str:
    """Add (or replace) this archive's line in the user's crontab; returns the new crontab."""
    command = _crontab_command()
    try:
        current = subprocess.run([*command, "-l"], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise ScheduleError(f"no `{command[0]}` command: install cron, or use --systemd") from None
    # `crontab -l` fails with "no crontab for USER" when there is none yet: start empty.
    lines = current.stdout.splitlines() if current.returncode == 0 else []
    tag = f"{MARKER} {spec.db}"
    kept = [line for line in lines if not line.rstrip().endswith(tag)]
    text = "\n".join([*kept, crontab_line(spec)]) + "\n"
    done = subprocess.run([*command, "-"], input=text, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        detail = reason[0] if reason else f"exit status {done.returncode}, no message"
        raise ScheduleError(f"crontab refused the new table: {detail}")
    return text
