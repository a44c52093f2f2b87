"""The fetch benchmark and the benchmarks runner stay runnable (a tiny run, no wget needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# benchmarks/ is not an installed package: make the checkout importable under a bare `pytest`
# as well as under `python -m pytest` (which already puts the working directory first).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import bench_fetch
from benchmarks.__main__ import bench_modules


def test_runner_discovers_bench_fetch() -> None:
    modules = bench_modules()
    assert "benchmarks.bench_fetch" in modules
    assert modules == sorted(modules)


def test_bench_fetch_small_run_prints_a_rate(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_fetch.shutil, "which", lambda name: None)
    bench_fetch.main(["--pages", "20", "--size", "500"])
    out = capsys.readouterr().out
    assert "wget not found" in out
    row = next(line for line in out.splitlines() if line.startswith("blog-archiver Fetcher"))
    assert float(row.split()[2]) > 0  # pages/s
