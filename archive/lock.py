"""One writer at a time per archive: `crawl` and `update` hold `<archive>.lock` while running.

How it works, and why this way:

- The lock is an advisory ``flock`` (``fcntl``) on the file ``<archive>.lock`` next to the
  archive. The kernel drops it the moment the holding process dies, however it dies (``kill -9``,
  OOM, a power cut does not even leave it), so a killed run can never wedge cron: there is no
  stale lock to guess about, and no race between two runs that both decide a lock is stale (the
  weak spot of ``O_EXCL`` lock files).
- The file itself is never deleted; while held it says who holds it (pid, host, start time, the
  command), for the message a second run prints. When a new run takes the lock and finds such a
  note, the previous run ended without cleaning up (it was killed): the new run reports that
  (``ArchiveLock.took_over``) and carries on, and the archive is consistent because every page is
  written in one transaction.
- SQLite's own locking still protects each transaction; this lock only keeps two long runs from
  crawling the same sites at once (double requests to the host, interleaved runs).

Limits: POSIX only (``fcntl``); on a network file system ``flock`` may be local to one machine,
as may SQLite's WAL locking: keep archives on a local disk.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from archive.store import ArchiveError

__all__ = ["ArchiveLock", "LockHolder", "LockedError", "lock_path"]


class LockedError(ArchiveError):
    """Another run holds the archive's lock. ``holder`` says who, when it could be read."""

    def __init__(self, path: Path, holder: LockHolder | None) -> None:
        who = holder.describe() if holder else "another process"
        super().__init__(f"{path.name} is in use by {who}; try again when it has finished")
        self.path = path
        self.holder = holder


@dataclass(frozen=True)
class LockHolder:
    """What a lock file says about the run that holds (or held) it."""

    pid: int
    host: str
    started: str
    command: str

    def describe(self) -> str:
        return f"`{self.command}` (pid {self.pid} on {self.host}, started {self.started})"


def lock_path(archive_path: str | Path) -> Path:
    """The lock file of an archive: ``archive.db`` -> ``archive.db.lock``."""
    path = Path(archive_path)
    return path.with_name(path.name + ".lock")


class ArchiveLock:
    """Hold an archive's lock for the duration of a ``with`` block.

    Args:
        archive_path: the archive file (it need not exist yet).
        command: what this run is, for the message another run prints ("update", "crawl").

    Raises:
        LockedError: on entering, when another live process holds the lock. Never waits.
        ArchiveError: on entering, when the lock file cannot be made (no such folder, no write
            access to it).
    """

    def __init__(self, archive_path: str | Path, command: str) -> None:
        self.path = lock_path(archive_path)
        self.command = command
        self.took_over: LockHolder | None = None
        self._fd: int | None = None

    def acquire(self) -> ArchiveLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except FileNotFoundError:
            raise ArchiveError(
                f"no folder {self.path.parent} for the archive: create it first"
            ) from None
        except PermissionError:
            raise ArchiveError(
                f"cannot write {self.path}: blog-archiver needs write access to the archive's "
                "folder"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise LockedError(self.path, holder) from None
        self.took_over = _read_holder(fd)  # a note left behind: its run died holding the lock
        me = LockHolder(
            pid=os.getpid(),
            host=socket.gethostname(),
            started=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            command=self.command,
        )
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me.__dict__).encode("utf-8"), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        os.ftruncate(fd, 0)  # an empty file means "released cleanly"
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def __enter__(self) -> ArchiveLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _read_holder(fd: int) -> LockHolder | None:
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"null")
        return LockHolder(
            int(data["pid"]), str(data["host"]), str(data["started"]), str(data["command"])
        )
    except (ValueError, TypeError, KeyError):
        return None
