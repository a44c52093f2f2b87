"""A demo blog that lives: content, deletions and failures change between runs, and it has the
sitemap (with ``lastmod``) and RSS feed a real platform would have. For ``update`` tests and the
update benchmark.

It serves the demo site's pages (``site.render``, so the parser sees the same builder markup),
plus:

- ``/robots.txt`` naming ``/sitemap.xml``; ``/sitemap.xml`` lists every post with its
  ``lastmod``; ``/feed.xml`` is RSS 2.0 with the newest posts; both send an ETag and answer
  304 to a matching ``If-None-Match``;
- conditional GET on post pages (ETag / Last-Modified, 304), as ``DemoServer``;
- ``gone``: post ids that answer ``410 Gone``; ``failing``: paths (with query) that answer
  ``500``;
- a log of every request with its status and body size, so tests and benchmarks can count.

``generated_posts(n)`` makes a blog of any size, one post a week going back from a given day.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from scraper.demo.model import DemoComment, DemoPost
from scraper.demo.server import HOST, POLL_INTERVAL, answer, send
from scraper.demo.site import cache_validators

__all__ = ["LivingBlog", "Served", "generated_posts"]

FEED_ITEMS = 20
XML = "application/xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
TOPICS = ("anxiety", "couples", "grief", "sleep", "work", "parenting", "change", "rest")
SENTENCES = (
    "Most weeks someone asks how to tell an ordinary bad patch from something that needs help.",
    "There is rarely one right answer, but there are questions worth sitting with for a while.",
    "Small routines carry more weight than grand resolutions, especially in the darker months.",
    "We notice that people often arrive with a neat story and leave with a more honest one.",
    "Writing a few lines at the end of the day can loosen what talking alone does not.",
    "Nothing here replaces a conversation with someone who knows your situation well.",
)


@dataclass(frozen=True)
class Served:
    """One answered request: method, path with query, status, body bytes sent."""

    method: str
    path: str
    status: int
    bytes: int


def generated_posts(n: int, *, newest: date, every_days: int = 7) -> tuple[DemoPost, ...]:
    """``n`` posts, one every ``every_days`` days back from ``newest`` (sids 1..n, oldest first),
    each with a distinct title, a few paragraphs, a topic tag, and a comment on every third."""
    posts = []
    for i in range(1, n + 1):
        day = newest - timedelta(days=every_days * (n - i))
        topic = TOPICS[i % len(TOPICS)]
        body = tuple(
            f"{SENTENCES[(i + k) % len(SENTENCES)]} (Note {i}.{k} on {topic}.)" for k in range(4)
        )
        comments = (
            (
                DemoComment(
                    name=f"Reader {i}",
                    text=f"Thank you for note {i}; the part about {topic} helped me this week.",
                    stamp=datetime.combine(day + timedelta(days=1), datetime.min.time())
                    + timedelta(hours=10, minutes=i % 60),
                ),
            )
            if i % 3 == 0
            else ()
        )
        posts.append(
            DemoPost(
                sid=i,
                title=f"Practice note {i}: on {topic}",
                published=day,
                author="Helen Marsh",
                body=body,
                tags=(topic,),
                comments=comments,
            )
        )
    return tuple(posts)


def _lastmod(post: DemoPost) -> datetime:
    validators = cache_validators({"sid": [str(post.sid)]}, [post])
    assert validators is not None
    return validators.last_modified


def _sitemap(base: str, posts: Sequence[DemoPost]) -> bytes:
    urls = "".join(
        f"<url><loc>{escape(base + p.path.lstrip('/'))}</loc>"
        f"<lastmod>{_lastmod(p).date().isoformat()}T{_lastmod(p):%H:%M:%S}+00:00</lastmod></url>"
        for p in posts
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


def _feed(base: str, posts: Sequence[DemoPost]) -> bytes:
    newest = sorted(posts, key=lambda p: (p.published, p.sid), reverse=True)[:FEED_ITEMS]
    items = "".join(
        f"<item><title>{escape(p.title)}</title><link>{escape(base + p.path.lstrip('/'))}</link>"
        f"<pubDate>{format_datetime(_lastmod(p), usegmt=True)}</pubDate></item>"
        for p in newest
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Practice blog</title><link>{escape(base)}</link>{items}</channel></rss>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        blog = self.server.blog
        posts, gone, failing = blog.state()
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        headers: dict[str, str] = {}
        if self.path in failing:
            status, ctype, body = 500, "text/plain", b"Internal Server Error\n"
        elif parts.path == "/robots.txt":
            status, ctype = 200, "text/plain"
            body = f"User-agent: *\nDisallow:\nSitemap: {blog.url}sitemap.xml\n".encode()
        elif parts.path in ("/sitemap.xml", "/feed.xml"):
            sitemap = parts.path == "/sitemap.xml"
            body = (_sitemap if sitemap else _feed)(blog.url, posts)
            status, ctype = 200, XML if sitemap else RSS
            headers["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            if self.headers.get("If-None-Match") == headers["ETag"]:
                status, body = 304, b""
        elif parts.path == "/blog/post/" and query.get("sid", [""])[0] in gone:
            status, ctype, body = 410, "text/plain", b"Gone\n"
        else:
            status, ctype, body, headers = answer(parts.path, query, posts, self.headers)
        sent = send(self, status, ctype, body, headers, send_body)
        blog._record(Served(self.command, self.path, status, len(sent)))


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, blog: LivingBlog) -> None:
        self.blog = blog
        super().__init__((HOST, port), _Handler)


class LivingBlog:
    """The living blog on 127.0.0.1 in a background thread; use it as a context manager.

    Args:
        posts: the blog's posts; change them (and ``gone`` / ``failing``) between runs.
        port: 0 for any free port.
    """

    def __init__(self, posts: Sequence[DemoPost], *, port: int = 0) -> None:
        self._lock = threading.Lock()
        self._posts = tuple(posts)
        self._gone: frozenset[str] = frozenset()
        self._failing: frozenset[str] = frozenset()
        self._log: list[Served] = []
        self._httpd = _Server(port, self)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._httpd.server_address[1]}/"

    def state(self) -> tuple[tuple[DemoPost, ...], frozenset[str], frozenset[str]]:
        with self._lock:
            return self._posts, self._gone, self._failing

    @property
    def posts(self) -> tuple[DemoPost, ...]:
        return self.state()[0]

    @posts.setter
    def posts(self, posts: Sequence[DemoPost]) -> None:
        with self._lock:
            self._posts = tuple(posts)

    def delete(self, sid: int) -> None:
        """The post disappears from listings and its page answers 410 Gone."""
        with self._lock:
            self._posts = tuple(p for p in self._posts if p.sid != sid)
            self._gone = self._gone | {str(sid)}

    def fail(self, paths: Iterable[str]) -> None:
        """These paths (with query, as linked) answer 500 from now on."""
        with self._lock:
            self._failing = frozenset(paths)

    def post_url(self, sid: int) -> str:
        return f"{self.url}blog/post/?sid={sid}"

    def _record(self, entry: Served) -> None:
        with self._lock:
            self._log.append(entry)

    @property
    def log(self) -> list[Served]:
        with self._lock:
            return list(self._log)

    def clear_log(self) -> None:
        with self._lock:
            self._log.clear()

    def __enter__(self) -> LivingBlog:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(POLL_INTERVAL,), daemon=True
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        if self._thread is not None:
            self._thread.join()
        self._httpd.server_close()
