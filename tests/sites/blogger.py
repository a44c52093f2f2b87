"""A Blogger-like blog: ``/YYYY/MM/slug.html`` posts, no sitemap, an Atom feed at
``/feeds/posts/default`` paged with ``start-index``/``max-results`` (capped at 150) and
``rel=next``, announced by ``<link rel="alternate">``; listings paged with ``updated-max``."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qs, quote, urlsplit

from sites.content import (
    ATOM,
    HTML,
    NOT_FOUND,
    TEXT,
    SynthPost,
    listing_content,
    make_posts,
    post_article,
    shell,
)

Response = tuple[int, str, bytes]
LISTING_SIZE = 7
FEED_DEFAULT = 25
FEED_MAX = 150
FEED_HEAD = ('<link rel="alternate" type="application/atom+xml" title="Posts" '
             'href="/feeds/posts/default">')


@dataclass
class BloggerSite:
    count: int = 40
    posts: list[SynthPost] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.posts:
            self.posts = make_posts(self.count, seed=11)
        self._newest = sorted(self.posts, key=lambda p: p.number, reverse=True)
        self._by_path = {self.path(p): p for p in self.posts}

    @staticmethod
    def path(post: SynthPost) -> str:
        return f"/{post.published.year}/{post.published.month:02d}/{post.slug}.html"

    def post_paths(self) -> set[str]:
        return set(self._by_path)

    def render(self, raw: str) -> Response:
        parts = urlsplit(raw)
        query = parse_qs(parts.query)
        if parts.path == "/robots.txt":
            return 200, TEXT, b"User-agent: *\nDisallow: /search\nAllow: /\n"
        if parts.path == "/feeds/posts/default":
            return self._feed(query)
        post = self._by_path.get(parts.path)
        if post is not None:
            head, content = post_article(post, parts.path, {})
            return 200, HTML, shell(post.title, content, head=head + FEED_HEAD)
        if parts.path == "/":
            return self._home(query)
        return NOT_FOUND

    def _home(self, query: dict[str, list[str]]) -> Response:
        chosen = self._newest
        if "updated-max" in query:
            limit = query["updated-max"][0]
            chosen = [p for p in chosen if p.published.isoformat() < limit]
        shown = chosen[:LISTING_SIZE]
        older = None
        if len(chosen) > LISTING_SIZE:
            older = f"/?updated-max={quote(shown[-1].published.isoformat())}&max-results=7"
        content = listing_content([(self.path(p), p) for p in shown], older, None)
        return 200, HTML, shell("Blog", content, head=FEED_HEAD)

    def _feed(self, query: dict[str, list[str]]) -> Response:
        start = int(query.get("start-index", ["1"])[0])
        size = min(FEED_MAX, int(query.get("max-results", [str(FEED_DEFAULT)])[0]))
        shown = self._newest[start - 1 : start - 1 + size]
        entries = "".join(
            f"<entry><title>{escape(p.title)}</title><published>{p.published.isoformat()}"
            f"T09:00:00Z</published><link rel='replies' type='text/html' href='{self.path(p)}"
            f"#comments'/><link rel='alternate' type='text/html' href='{self.path(p)}'/></entry>"
            for p in shown
        )
        following = ""
        if start - 1 + size < len(self._newest):
            href = f"/feeds/posts/default?start-index={start + size}&amp;max-results={size}"
            following = f"<link rel='next' type='application/atom+xml' href='{href}'/>"
        body = (f"<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                f"<title>Blog</title>{following}{entries}</feed>")
        return 200, ATOM, body.encode()
