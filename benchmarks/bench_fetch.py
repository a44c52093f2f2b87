"""Fetcher throughput against wget: 2,000 pages from a local server, one connection, delay 0.

The question: does the Fetcher's politeness and safety machinery (robots, per-host lock, caps,
streaming, charset) cost so much that it is slower than a plain C client? The server runs in a
separate process, so neither client shares its GIL or has its CPU billed to it. Our CPU is this
process's (``RUSAGE_SELF``); wget's is ``RUSAGE_CHILDREN`` around its run (the server process is
still alive then, so it is not counted).

Run: ``python -m benchmarks.bench_fetch [--pages N] [--size BYTES]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import ClassVar

import requests

from scraper.fetch import Fetcher

PAGES = 2000
PAGE_BYTES = 12_000
FILLER = "<p>Notes from a small practice: sessions, seasons, and what clients ask about.</p>\n"


def render(n: int, size: int) -> bytes:
    """One blog-like page of about ``size`` bytes."""
    head = f"<!doctype html><html><head><meta charset='utf-8'><title>Post {n}</title></head>"
    body = FILLER * max(1, size // len(FILLER))
    return f"{head}<body><article><h1>Post {n}</h1>{body}</article></body></html>".encode()


class _PageHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    pages: ClassVar[dict[str, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        body = self.pages.get(self.path)
        code, body = (200, body) if body is not None else (404, b"not found")
        self.wfile.write(
            f"HTTP/1.1 {code} X\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode() + body
        )


def _serve(pages: int, size: int, conn: Connection) -> None:
    """Server process: serve ``/post/<n>`` until killed; send the port back first."""
    _PageHandler.pages = {f"/post/{n}": render(n, size) for n in range(pages)}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PageHandler)
    server.daemon_threads = True
    conn.send(server.server_address[1])
    server.serve_forever()


@dataclass(frozen=True)
class Run:
    name: str
    pages: int
    seconds: float
    cpu: float

    @property
    def rate(self) -> float:
        return self.pages / self.seconds


def run_fetcher(urls: list[str]) -> Run:
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    with Fetcher(delay=0.0) as fetcher:
        for url in urls:
            fetcher.fetch(url)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run("blog-archiver Fetcher", len(urls), seconds, cpu)


def run_requests(urls: list[str]) -> Run:
    """Baseline: a bare requests.Session, no politeness or safety, to show what the stack costs."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    with requests.Session() as session:
        for url in urls:
            session.get(url).raise_for_status()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run("bare requests.Session", len(urls), seconds, cpu)


def run_wget(wget: str, urls: list[str]) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "list.txt"
        listing.write_text("\n".join(urls) + "\n")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([wget, "-q", "--no-proxy", "-i", str(listing), "-O", "/dev/null"],
                       check=True)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run("wget (one connection)", len(urls), seconds, cpu)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=PAGES)
    parser.add_argument("--size", type=int, default=PAGE_BYTES, help="bytes per page")
    args = parser.parse_args(argv)

    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    server = context.Process(target=_serve, args=(args.pages, args.size, send), daemon=True)
    server.start()
    try:
        port = receive.recv()
        urls = [f"http://127.0.0.1:{port}/post/{n}" for n in range(args.pages)]
        runs = [run_fetcher(urls), run_requests(urls)]
        wget = shutil.which("wget")
        if wget is None:
            print("note: wget not found (apt-get install -y wget); wget column skipped")
        else:
            runs.append(run_wget(wget, urls))
    finally:
        server.terminate()
        server.join()

    print(f"{args.pages} pages of ~{args.size} bytes from 127.0.0.1, delay 0, one connection")
    print(f"{'client':<25}{'pages/s':>10}{'wall s':>9}{'CPU s':>8}{'CPU ms/page':>13}")
    for run in runs:
        print(f"{run.name:<25}{run.rate:>10.0f}{run.seconds:>9.2f}{run.cpu:>8.2f}"
              f"{1000 * run.cpu / run.pages:>13.3f}")
    if runs[-1].name.startswith("wget"):
        print(f"Fetcher / wget pages/s: {runs[0].rate / runs[-1].rate:.2f}x")


if __name__ == "__main__":
    main()
