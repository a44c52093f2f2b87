"""The archive lock: one run at a time, and a lock left by a killed run is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from archive.lock import ArchiveLock, LockedError, lock_path


def test_a_second_holder_is_refused_at_once_with_who_holds_it(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with ArchiveLock(db, "update"), pytest.raises(LockedError) as caught:
        ArchiveLock(db, "crawl").acquire()
    assert caught.value.holder is not None and caught.value.holder.pid == os.getpid()
    assert "in use by `update`" in str(caught.value)


def test_the_lock_is_free_again_after_a_clean_release(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with ArchiveLock(db, "update"):
        pass
    with ArchiveLock(db, "update") as lock:
        assert lock.took_over is None


def test_a_lock_left_by_a_killed_run_is_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from archive.lock import ArchiveLock
                ArchiveLock({str(db)!r}, "update").acquire()
                print("held", flush=True)
                time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LockedError):
            ArchiveLock(db, "update").acquire()
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        holder.kill()
    with ArchiveLock(db, "update") as lock:
        assert lock.took_over is not None and lock.took_over.pid == holder.pid
    assert lock_path(db).read_text() == ""
