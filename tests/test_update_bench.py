"""The update benchmark stays runnable (a tiny blog, no wget needed)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import bench_update


def test_bench_update_small_run_prints_the_table(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    bench_update.main(["--posts", "8", "--days", "2"])
    out = capsys.readouterr().out
    assert "update, next day" in out and "goal (next-day update" in out
