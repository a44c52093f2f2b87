"""Fetcher throughput against wget: 2,000 pages from a local server, one connection, delay 0.

The question: does the Fetcher's politeness and safety machinery (robots, per-host lock, caps,
streaming, charset) cost so much that it is slower than a plain C client? The server runs in a
separate process, so neither client shares its GIL or has its CPU billed to it. Our CPU is this
process's (``RUSAGE_SELF``); wget's is ``RUSAGE_CHILDREN`` around its run (the server process is
still alive then, so it is not counted).

The server is a raw socket loop that answers each keep-alive GET with one ``sendall`` of a
response built before the clock starts (about 0.02 ms of CPU a page): ``http.server`` spent
~0.25 ms a page parsing headers, which capped wget at under 3,000 pages/s and measured the
server rather than the clients. Each client runs ``--rounds`` times, interleaved with the
others so they share the machine's noise; the median round is shown.

Run: ``python -m benchmarks.bench_fetch [--pages N] [--size BYTES] [--rounds N]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import requests
import urllib3

from scraper.fetch import Fetcher

PAGES = 2000
PAGE_BYTES = 12_000
ROUNDS = 5
FILLER = "<p>Notes from a small practice: sessions, seasons, and what clients ask about.</p>\n"


def render(n: int, size: int) -> bytes:
    """One blog-like page of about ``size`` bytes."""
    head = f"<!doctype html><html><head><meta charset='utf-8'><title>Post {n}</title></head>"
    body = FILLER * max(1, size // len(FILLER))
    return f"{head}<body><article><h1>Post {n}</h1>{body}</article></body></html>".encode()


def _answer(code: int, body: bytes) -> bytes:
    head = (f"HTTP/1.1 {code} X\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


def _answer_connection(conn: socket.socket, answers: dict[bytes, bytes]) -> None:
    """Answer the GETs on one keep-alive connection (pipelined ones too) until it closes."""
    missing = _answer(404, b"not found")
    pending = b""
    with conn:
        while data := conn.recv(65536):
            pending += data
            while (end := pending.find(b"\r\n\r\n")) >= 0:
                request_line, pending = pending[: pending.find(b"\r\n")], pending[end + 4 :]
                parts = request_line.split(b" ")
                conn.sendall(answers.get(parts[1] if len(parts) > 1 else b"", missing))


def _serve(pages: int, size: int, conn: Connection) -> None:
    """Server process: serve ``/post/<n>`` until killed; send the port back first."""
    answers = {f"/post/{n}".encode(): _answer(200, render(n, size)) for n in range(pages)}
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    conn.send(listener.getsockname()[1])
    while True:
        client, _ = listener.accept()
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=_answer_connection, args=(client, answers), daemon=True).start()


@dataclass(frozen=True)
class Run:
    name: str
    pages: int
    seconds: float
    cpu: float

    @property
    def rate(self) -> float:
        return self.pages / self.seconds


def _timed(name: str, urls: list[str], client: Callable[[list[str]], None]) -> Run:
    """Run an in-process client over ``urls``; its CPU is this process's."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    client(urls)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(name, len(urls), seconds, cpu)


def fetcher_client(urls: list[str]) -> None:
    with Fetcher(delay=0.0) as fetcher:
        for url in urls:
            fetcher.fetch(url)


def urllib3_client(urls: list[str]) -> None:
    """The floor of the layer the Fetcher sends through: one pool, bodies streamed and dropped."""
    with urllib3.PoolManager(maxsize=1, retries=False) as manager:
        for url in urls:
            response = manager.urlopen("GET", url, preload_content=False, redirect=False)
            while response.read1(65536):
                pass
            response.release_conn()


def requests_client(urls: list[str]) -> None:
    """Baseline: a bare requests.Session, no politeness or safety, to show what the stack costs."""
    with requests.Session() as session:
        for url in urls:
            session.get(url).raise_for_status()


CLIENTS: dict[str, Callable[[list[str]], None]] = {
    "blog-archiver Fetcher": fetcher_client,
    "bare urllib3 pool": urllib3_client,
    "bare requests.Session": requests_client,
}


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
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="runs per client (median)")
    args = parser.parse_args(argv)

    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    server = context.Process(target=_serve, args=(args.pages, args.size, send), daemon=True)
    server.start()
    try:
        port = receive.recv()
        urls = [f"http://127.0.0.1:{port}/post/{n}" for n in range(args.pages)]
        wget = shutil.which("wget")
        rounds: dict[str, list[Run]] = {}
        for _ in range(max(1, args.rounds)):
            for name, client in CLIENTS.items():
                rounds.setdefault(name, []).append(_timed(name, urls, client))
            if wget is not None:
                rounds.setdefault("wget", []).append(run_wget(wget, urls))
    finally:
        server.terminate()
        server.join()
    if wget is None:
        print("note: wget not found (apt-get install -y wget); wget column skipped")
    runs = [sorted(done, key=lambda run: run.seconds)[len(done) // 2] for done in rounds.values()]

    print(f"{args.pages} pages of ~{args.size} bytes from 127.0.0.1, delay 0, one connection, "
          f"median of {max(1, args.rounds)} rounds")
    print(f"{'client':<25}{'pages/s':>10}{'wall s':>9}{'CPU s':>8}{'CPU ms/page':>13}")
    for run in runs:
        print(f"{run.name:<25}{run.rate:>10.0f}{run.seconds:>9.2f}{run.cpu:>8.2f}"
              f"{1000 * run.cpu / run.pages:>13.3f}")
    if runs[-1].name.startswith("wget"):
        print(f"Fetcher / wget pages/s: {runs[0].rate / runs[-1].rate:.2f}x")


if __name__ == "__main__":
    main()
