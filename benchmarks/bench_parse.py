"""Parser speed and peak memory against trafilatura, on the same pages, in the same run.

Pages: the shared corpus (``../shared/corpus``, real saved blog pages) when it is beside the
project, else the project's own fixture pages under ``tests/fixtures``. Each parser gets one
warm-up page, then every page once, the parsers taking turns page by page (on a machine shared
with other work, a slow minute then slows both, not whichever ran during it); pages/s is pages
over the summed time of the parse calls only (reading files is not timed). Peers are installed
in the benchmark environment only (``make bench`` does it); a missing peer is reported, not
faked.

Run: ``python -m benchmarks.bench_parse [--limit N]``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def pages(limit: int | None) -> tuple[str, list[tuple[bytes, str]]]:
    import json

    found: list[tuple[bytes, str]] = []
    if CORPUS.exists():
        for cases in sorted(CORPUS.glob("*/cases.jsonl")):
            for line in cases.read_text(encoding="utf-8").split("\n"):
                if not line.strip():
                    continue
                case = json.loads(line)
                path = cases.parent / case["html_path"]
                found.append((path.read_bytes(), str(case.get("url") or "")))
        source = f"shared corpus ({CORPUS})"
    else:
        for path in sorted((ROOT / "tests" / "fixtures").rglob("*.html")):
            found.append((path.read_bytes(), f"https://example.test/{path.stem}/"))
        source = "tests/fixtures"
    return source, found[:limit] if limit else found


def ours() -> Callable[[bytes, str], object]:
    from scraper import parse_post

    # No URL means "" (as score.py does): a placeholder such as ``https://example.test/`` is a
    # site root, which the parser classifies as a front page without extracting anything.
    return lambda raw, url: parse_post(raw, url)


def trafilatura_peer() -> Callable[[bytes, str], object] | None:
    if importlib.util.find_spec("trafilatura") is None:
        return None
    from trafilatura import bare_extraction

    def run(raw: bytes, url: str) -> object:
        return bare_extraction(raw.decode("utf-8", "replace"), url=url or None,
                               with_metadata=True, include_comments=True)

    return run


MEMORY_PAGES = 40  # tracemalloc slows parsing; peak memory is sampled on the first pages only


def measure(
    parsers: list[tuple[str, Callable[[bytes, str], object]]], docs: list[tuple[bytes, str]]
) -> list[tuple[str, dict[str, float]]]:
    """Time every parser on every page, page by page: page i goes to each parser in turn (the
    first parser rotates), so a load change on a shared machine falls on all of them alike."""
    for _, fn in parsers:
        fn(*docs[0])  # warm-up: imports and lazy tables are not a per-page cost
    times: list[list[float]] = [[] for _ in parsers]
    for i, (raw, url) in enumerate(docs):
        for k in range(len(parsers)):
            which = (i + k) % len(parsers)
            t0 = time.perf_counter()
            with contextlib.suppress(Exception):  # a peer's crash still took its time
                parsers[which][1](raw, url)
            times[which].append(time.perf_counter() - t0)
    return [(name, _figures(fn, docs, spent)) for (name, fn), spent in zip(parsers, times,
                                                                            strict=True)]


def _figures(
    fn: Callable[[bytes, str], object], docs: list[tuple[bytes, str]], times: list[float]
) -> dict[str, float]:
    tracemalloc.start()
    for raw, url in docs[:MEMORY_PAGES]:
        with contextlib.suppress(Exception):
            fn(raw, url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times = sorted(times)
    return {
        "pages_per_s": len(times) / sum(times),
        "median_ms": 1000 * statistics.median(times),
        "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))],
        "peak_mb": peak / 1e6,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    source, docs = pages(args.limit)
    print(f"{len(docs)} pages from {source}, parsers interleaved page by page")
    parsers = [("blog-archiver parse_post", ours())]
    peer = trafilatura_peer()
    if peer is None:
        print("trafilatura not installed here: run `make bench` (it installs peers in .venv-bench)")
    else:
        from importlib.metadata import version

        parsers.append((f"trafilatura {version('trafilatura')} bare_extraction", peer))
    rows = measure(parsers, docs)
    print(f"{'parser':38s} {'pages/s':>8s} {'median ms':>10s} {'p95 ms':>8s} {'peak MB':>8s}")
    for name, r in rows:
        print(f"{name:38s} {r['pages_per_s']:8.1f} {r['median_ms']:10.1f} {r['p95_ms']:8.1f} "
              f"{r['peak_mb']:8.1f}")
    if len(rows) == 2:
        ratio = rows[0][1]["pages_per_s"] / rows[1][1]["pages_per_s"]
        print(f"speed ratio ours / trafilatura: {ratio:.2f}x (goal >= 2x)")


if __name__ == "__main__":
    main()
