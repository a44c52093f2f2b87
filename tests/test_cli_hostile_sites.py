"""A crawl from the command line against blogs that misbehave on purpose — garbage or huge
robots.txt, broken, self-referencing or entity-bomb sitemaps, a redirect loop, posts in odd
charsets — served on 127.0.0.1. The crawl archives what there is to archive, or fails in one line;
never a traceback. (Each misbehaviour is also tested on its own component.)"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.cli import app
from archive.store import Archive, check_archive

runner = CliRunner()
POSTS = 3
LAUGHS = (
    "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol0 'lol'>"
    + "".join(f"<!ENTITY lol{i} '{f'&lol{i - 1};' * 10}'>" for i in range(1, 10))
    + "]><urlset><url><loc>&lol9;</loc></url></urlset>"
)
CHARSETS = {
    "/blog/post-1.html": ("shift_jis", "日本語の投稿"),
    "/blog/post-2.html": ("koi8-r", "Привет, мужество"),
    "/blog/post-3.html": ("utf-16", "naïve"),
}


def post_html(n: int, charset: str, words: str) -> str:
    return (
        f"<html><head><meta charset='{charset}'><title>Post {n}</title></head><body><article>"
        f"<h1>Post {n}</h1><time datetime='2020-01-0{n}'>2020-01-0{n}</time><p>{words}</p>"
        + "<p>A sentence of filler so that the body is long enough to be a post.</p>" * 8
        + "</article></body></html>"
    )


class HostileBlog(BaseHTTPRequestHandler):
    mode = ""

    def do_GET(self) -> None:
        mode, path, port = self.mode, self.path, self.server.server_address[1]
        sitemap = f"http://127.0.0.1:{port}/sitemap.xml"
        if path == "/robots.txt":
            body = {
                "robots-garbage": os.urandom(4000),
                "robots-5mb": b"User-agent: *\nDisallow: /nothing-here\n" * 140_000,
            }.get(mode, f"User-agent: *\nSitemap: {sitemap}\n".encode())
            return self._send(200, "text/plain", body)
        if path == "/sitemap.xml":
            body = {
                "sitemap-broken": f"<urlset><url><loc>http://127.0.0.1:{port}/blog/post-1.h",
                "sitemap-loop": f"<sitemapindex><sitemap><loc>{sitemap}</loc></sitemap>"
                "</sitemapindex>",
                "sitemap-bomb": LAUGHS,
            }.get(mode)
            if body is not None:
                return self._send(200, "application/xml", body.encode())
        if mode == "redirect-loop" and path.startswith("/blog/"):
            return self._send(302, "text/html", b"", ("Location", path + "x"))
        if path == "/blog/":
            links = "".join(f"<a href='/blog/post-{n}.html'>Post {n}</a> " for n in range(1, 4))
            return self._send(200, "text/html", f"<html><body>{links}</body></html>".encode())
        if path in CHARSETS:
            n = int(path[len("/blog/post-")])
            charset, words = CHARSETS[path] if mode == "charsets" else ("utf-8", f"Courage {n}")
            body = post_html(n, charset, words).encode(charset)
            return self._send(200, f"text/html; charset={charset}", body)
        return self._send(404, "text/html", b"not here")

    def _send(self, status: int, ctype: str, body: bytes, *header: tuple[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for name, value in header:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def hostile_blog(mode: str) -> Iterator[str]:
    handler = type("Handler", (HostileBlog,), {"mode": mode})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/blog/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def crawl(url: str, db: Path) -> object:
    return runner.invoke(app, ["crawl", url, "--db", str(db), "--delay", "0", "--retries", "1"])


@pytest.mark.parametrize(
    "mode", ["robots-garbage", "robots-5mb", "sitemap-broken", "sitemap-loop", "sitemap-bomb"]
)
def test_a_broken_robots_or_sitemap_does_not_stop_the_crawl(mode: str, tmp_path: Path) -> None:
    with hostile_blog(mode) as url:
        result = crawl(url, tmp_path / "a.db")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    with Archive(tmp_path / "a.db", create=False) as archive:
        assert archive.counts()["posts"] == POSTS
        assert check_archive(archive) == []


def test_posts_in_other_charsets_are_stored_as_their_text(tmp_path: Path) -> None:
    with hostile_blog("charsets") as url:
        result = crawl(url, tmp_path / "a.db")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    with Archive(tmp_path / "a.db", create=False) as archive:
        bodies = [row[0] for row in archive.db.execute("SELECT body_text FROM posts")]
    for _, words in CHARSETS.values():
        assert any(words in body for body in bodies), words


def test_a_redirect_loop_at_the_start_page_is_one_line(tmp_path: Path) -> None:
    with hostile_blog("redirect-loop") as url:
        result = crawl(url, tmp_path / "a.db")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    stderr = result.stderr  # type: ignore[attr-defined]
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert stderr.startswith("Error: could not crawl") and "redirect" in stderr
