"""A WordPress-like blog: ``/YYYY/MM/DD/slug/`` posts, ``/page/N/`` home listing, tag, category,
author and date archives (each paginated), ``/wp-sitemap.xml`` (named in robots.txt), an RSS feed
paged with ``?paged=N``, and static pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html import escape
from urllib.parse import parse_qs, urlsplit

from sites.content import (
    HTML,
    NOT_FOUND,
    RSS,
    TEXT,
    XML,
    SynthPost,
    listing_content,
    make_posts,
    post_article,
    shell,
    static_page,
)

Response = tuple[int, str, bytes]
PER_PAGE = 10
SITEMAP_CHUNK = 2000
FEED_LINK = '<link rel="alternate" type="application/rss+xml" href="/feed/">'


@dataclass
class WordPressSite:
    """``render(path)`` answers one GET. Options switch discovery aids off or make them lie."""

    count: int = 60
    sitemap: bool = True
    sitemap_in_robots: bool = True
    feed: bool = True
    sitemap_extra_missing: int = 0
    sitemap_omit: frozenset[int] = frozenset()
    posts: list[SynthPost] = field(default_factory=list)
    origin: str = ""  # e.g. http://127.0.0.1:5000, for the absolute URLs robots.txt needs
    start: date = date(2015, 1, 5)
    gap: tuple[int, int] = (2, 4)

    def __post_init__(self) -> None:
        if not self.posts:
            self.posts = make_posts(self.count, start=self.start, gap=self.gap)
        self._by_path = {self.path(p): p for p in self.posts}
        self._newest = sorted(self.posts, key=lambda p: p.number, reverse=True)
        self._sidebar_html = ""

    # -------------------------------------------------------------- URLs

    @staticmethod
    def path(post: SynthPost) -> str:
        d = post.published
        return f"/{d.year}/{d.month:02d}/{d.day:02d}/{post.slug}/"

    def post_paths(self) -> set[str]:
        return set(self._by_path)

    # -------------------------------------------------------------- answering

    def render(self, raw: str) -> Response:
        parts = urlsplit(raw)
        path, query = parts.path, parse_qs(parts.query)
        routes: list[tuple[Callable[[str, dict[str, list[str]]], Response | None], bool]] = [
            (self._robots, True), (self._sitemaps, self.sitemap), (self._feed, self.feed),
            (self._post, True), (self._listing, True), (self._static, True),
        ]
        for route, enabled in routes:
            if enabled:
                answer = route(path, query)
                if answer is not None:
                    return answer
        return NOT_FOUND

    def _robots(self, path: str, query: dict[str, list[str]]) -> Response | None:
        if path != "/robots.txt":
            return None
        lines = "User-agent: *\nDisallow: /wp-admin/\n"
        if self.sitemap and self.sitemap_in_robots:
            lines += f"Sitemap: {self.origin}/wp-sitemap.xml\n"
        return 200, TEXT, lines.encode()

    def _post(self, path: str, query: dict[str, list[str]]) -> Response | None:
        post = self._by_path.get(path)
        if post is None:
            return None
        i = self._newest.index(post)
        links = {t: f"/tag/{t}/" for t in post.tags}
        links[post.category] = f"/category/{post.category}/"
        links["author"] = "/author/mara/"
        if i + 1 < len(self._newest):
            links["prev"] = self.path(self._newest[i + 1])
        if i > 0:
            links["next"] = self.path(self._newest[i - 1])
        head, content = post_article(post, path, links)
        head += FEED_LINK if self.feed else ""
        return 200, HTML, shell(post.title, content, head=head, sidebar=self._sidebar(),
                                body_class="single single-post")

    def _sidebar(self) -> str:
        if not self._sidebar_html:
            self._sidebar_html = self._make_sidebar()
        return self._sidebar_html

    def _make_sidebar(self) -> str:
        months = sorted({(p.published.year, p.published.month) for p in self.posts}, reverse=True)
        archive = "".join(f'<li><a href="/{y}/{m:02d}/">{y}-{m:02d}</a></li>' for y, m in months)
        recent = "".join(
            f'<li><a href="{self.path(p)}">{escape(p.title)}</a></li>' for p in self._newest[:5]
        )
        tags = " ".join(f'<a href="/tag/{t}/">{t}</a>' for t in sorted({*self._all_tags()}))
        return (f'<section class="widget"><h2>Recent Posts</h2><ul>{recent}</ul></section>'
                f'<section class="widget"><h2>Archives</h2><ul>{archive}</ul></section>'
                f'<section class="widget widget_tag_cloud"><h2>Tags</h2>{tags}</section>')

    def _all_tags(self) -> set[str]:
        return {t for p in self.posts for t in p.tags}

    def _listing(self, path: str, query: dict[str, list[str]]) -> Response | None:
        base, number = path, 1
        if "/page/" in path:
            base, _, rest = path.partition("page/")
            if not rest.rstrip("/").isdigit():
                return None
            number = int(rest.rstrip("/"))
        chosen = self._select(base)
        if chosen is None:
            return None
        pages = max(1, -(-len(chosen) // PER_PAGE))
        if number < 1 or number > pages:
            return None
        shown = chosen[(number - 1) * PER_PAGE : number * PER_PAGE]
        older = f"{base}page/{number + 1}/" if number < pages else None
        newer = (base if number == 2 else f"{base}page/{number - 1}/") if number > 1 else None
        content = listing_content([(self.path(p), p) for p in shown], older, newer,
                                  "" if base == "/" else f"Archive: {base}")
        head = FEED_LINK if self.feed else ""
        return 200, HTML, shell("Blog", content, head=head, sidebar=self._sidebar(),
                                body_class="blog archive")

    def _select(self, base: str) -> list[SynthPost] | None:
        parts = [p for p in base.split("/") if p]
        if not parts:
            return self._newest
        if len(parts) == 2 and parts[0] == "tag":
            return [p for p in self._newest if parts[1] in p.tags] or None
        if len(parts) == 2 and parts[0] == "category":
            return [p for p in self._newest if p.category == parts[1]] or None
        if parts == ["author", "mara"]:
            return self._newest
        if all(p.isdigit() for p in parts) and 1 <= len(parts) <= 2:
            year, month = int(parts[0]), int(parts[1]) if len(parts) == 2 else None
            return [
                p for p in self._newest
                if p.published.year == year and (month is None or p.published.month == month)
            ] or None
        return None

    def _static(self, path: str, query: dict[str, list[str]]) -> Response | None:
        names = {"/about/": "About us", "/contact/": "Contact"}
        return (200, HTML, static_page(names[path])) if path in names else None

    # -------------------------------------------------------------- sitemaps and feed

    def _sitemaps(self, path: str, query: dict[str, list[str]]) -> Response | None:
        chunks = max(1, -(-len(self.posts) // SITEMAP_CHUNK))
        if path == "/wp-sitemap.xml":
            names = [f"wp-sitemap-posts-post-{i}.xml" for i in range(1, chunks + 1)]
            names += ["wp-sitemap-posts-page-1.xml", "wp-sitemap-taxonomies-category-1.xml",
                      "wp-sitemap-taxonomies-post_tag-1.xml", "wp-sitemap-users-1.xml"]
            body = "".join(f"<sitemap><loc>/{n}</loc></sitemap>" for n in names)
            return 200, XML, _xml("sitemapindex", body)
        if path.startswith("/wp-sitemap-posts-post-"):
            number = int(path.rsplit("-", 1)[1].split(".")[0])
            chosen = self.posts[(number - 1) * SITEMAP_CHUNK : number * SITEMAP_CHUNK]
            urls = [(self.path(p), p.published.isoformat()) for p in chosen
                    if p.number not in self.sitemap_omit]
            if number == 1:
                urls += [(f"/2014/01/01/deleted-post-{i}/", "2014-01-01")
                         for i in range(self.sitemap_extra_missing)]
            body = "".join(f"<url><loc>{u}</loc><lastmod>{d}</lastmod></url>" for u, d in urls)
            return 200, XML, _xml("urlset", body)
        if path == "/wp-sitemap-posts-page-1.xml":
            body = "<url><loc>/about/</loc></url><url><loc>/contact/</loc></url>"
            return 200, XML, _xml("urlset", body)
        if path == "/wp-sitemap-taxonomies-category-1.xml":
            return 200, XML, _xml("urlset", "<url><loc>/category/news/</loc></url>")
        if path == "/wp-sitemap-taxonomies-post_tag-1.xml":
            return 200, XML, _xml("urlset", "<url><loc>/tag/sleep/</loc></url>")
        if path == "/wp-sitemap-users-1.xml":
            return 200, XML, _xml("urlset", "<url><loc>/author/mara/</loc></url>")
        return None

    def _feed(self, path: str, query: dict[str, list[str]]) -> Response | None:
        if path != "/feed/":
            return None
        page = int(query.get("paged", ["1"])[0])
        shown = self._newest[(page - 1) * PER_PAGE : page * PER_PAGE]
        if not shown:
            return NOT_FOUND
        items = "".join(
            f"<item><title>{escape(p.title)}</title><link>{self.path(p)}"
            f"</link><pubDate>{p.published.strftime('%a, %d %b %Y')} 09:00:00 +0000</pubDate>"
            f"</item>"
            for p in shown
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>{items}' \
               f"</channel></rss>"
        return 200, RSS, body.encode()


def _xml(root: str, body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><{root} '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</{root}>').encode()
