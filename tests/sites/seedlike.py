"""A blog like the user's own: an old site builder with ``/blog/post/?sid=N`` posts, holes in
the id range, no sitemap, no feed, ``?page=N`` listings — and posts linked from nowhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qs, urlsplit

from sites.content import HTML, NOT_FOUND, TEXT, SynthPost, make_posts, shell, static_page

Response = tuple[int, str, bytes]
PAGE_SIZE = 6


@dataclass
class SeedLikeSite:
    """Posts get ids 2, 3, 5, 6, 8, ... (every third id is a deleted post); ``hidden`` ids are
    served but linked from nowhere."""

    count: int = 24
    hidden: frozenset[int] = frozenset()
    posts: list[SynthPost] = field(default_factory=list)
    ids: dict[int, SynthPost] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.posts:
            self.posts = make_posts(self.count, seed=3)
        sid = 1
        for post in self.posts:
            sid += 1 if sid % 3 else 2
            self.ids[sid] = post
        if not self.hidden:
            self.hidden = frozenset(sorted(self.ids)[i] for i in (4, len(self.ids) - 1))

    def post_paths(self) -> set[str]:
        return {f"/blog/post/?sid={sid}" for sid in self.ids}

    def hidden_paths(self) -> set[str]:
        return {f"/blog/post/?sid={sid}" for sid in self.hidden}

    def render(self, raw: str) -> Response:
        parts = urlsplit(raw)
        query = parse_qs(parts.query)
        if parts.path == "/robots.txt":
            return 200, TEXT, b"User-agent: *\nDisallow:\n"
        if parts.path == "/blog/post/":
            value = query.get("sid", [""])[0]
            post = self.ids.get(int(value)) if value.isdigit() else None
            return self._post(post) if post is not None else NOT_FOUND
        if parts.path in ("/about/", "/contact/"):
            return 200, HTML, static_page(parts.path.strip("/").title())
        if parts.path in ("/", "/blog/"):
            return self._listing(int(query.get("page", ["1"])[0]))
        return NOT_FOUND

    def _visible(self) -> list[tuple[int, SynthPost]]:
        return sorted(((s, p) for s, p in self.ids.items() if s not in self.hidden), reverse=True)

    def _sidebar(self) -> str:
        recent = "".join(f'<li><a href="/blog/post/?sid={s}">{escape(p.title)}</a></li>'
                         for s, p in self._visible()[:3])
        return f"<h3>Recent Blog Post</h3><ul>{recent}</ul>"

    def _post(self, post: SynthPost) -> Response:
        d = post.published
        body = "".join(f"<p>{escape(p)}</p>" for p in post.paragraphs)
        content = (f'<div class="blog-post"><h1 class="post-title">{escape(post.title)}</h1>'
                   f'<div class="post-date">{d.day}.{d.month}.{d.year}</div>'
                   f'<div class="post-body">{body}</div></div>')
        return 200, HTML, shell(post.title, content, sidebar=self._sidebar())

    def _listing(self, page: int) -> Response:
        visible = self._visible()
        shown = visible[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        if not shown:
            return NOT_FOUND
        items = "".join(
            f'<div class="blog-item"><h2><a href="/blog/post/?sid={s}">{escape(p.title)}</a></h2>'
            f"<p>{escape(p.paragraphs[0][:120])}</p></div>"
            for s, p in shown
        )
        if page * PAGE_SIZE < len(visible):
            items += f'<a class="older" href="/blog/?page={page + 1}">Older posts</a>'
        return 200, HTML, shell("Blog", items, sidebar=self._sidebar())
