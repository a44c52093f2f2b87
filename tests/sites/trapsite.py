"""A small blog with traps: an events calendar whose "next month"/"previous month" links never
end, a tag cloud of many tags (each a listing whose ``?page=N`` answers forever with the last
page again), and session-id links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qs, urlsplit

from sites.content import (
    HTML,
    NOT_FOUND,
    TEXT,
    SynthPost,
    listing_content,
    make_posts,
    post_article,
    shell,
    static_page,
)

Response = tuple[int, str, bytes]
TAG_COUNT = 20


@dataclass
class TrapSite:
    count: int = 12
    posts: list[SynthPost] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.posts:
            self.posts = make_posts(self.count, seed=5)
        self._by_path = {self.path(p): p for p in self.posts}

    @staticmethod
    def path(post: SynthPost) -> str:
        return f"/posts/{post.slug}/"

    def post_paths(self) -> set[str]:
        return set(self._by_path)

    def _sidebar(self) -> str:
        cloud = " ".join(f'<a href="/topics/?t=t{i}">t{i}</a>' for i in range(TAG_COUNT))
        return (f'<a href="/calendar/?month=2020-06">Events</a>'
                f'<div class="tagcloud">{cloud}</div>')

    def render(self, raw: str) -> Response:
        parts = urlsplit(raw)
        query = parse_qs(parts.query)
        if parts.path == "/robots.txt":
            return 200, TEXT, b"User-agent: *\nDisallow:\n"
        post = self._by_path.get(parts.path)
        if post is not None:
            head, content = post_article(post, parts.path, {})
            return 200, HTML, shell(post.title, content, head=head, sidebar=self._sidebar())
        if parts.path in ("/about/", "/contact/"):
            return 200, HTML, static_page(parts.path.strip("/").title())
        if parts.path == "/calendar/":
            return self._calendar(query.get("month", ["2020-06"])[0])
        if parts.path == "/topics/":
            page = int(query.get("page", ["1"])[0])
            teasers = [(self.path(p), p) for p in self.posts[:3]]
            older = f"/topics/?t={query.get('t', ['x'])[0]}&page={page + 1}"
            return 200, HTML, shell("Topic", listing_content(teasers, older, None, "Topic"),
                                    sidebar=self._sidebar())
        if parts.path == "/":
            teasers = [(self.path(p), p) for p in self.posts]
            return 200, HTML, shell("Blog", listing_content(teasers, None, None),
                                    sidebar=self._sidebar())
        return NOT_FOUND

    def _calendar(self, month: str) -> Response:
        try:
            year, number = (int(x) for x in month.split("-"))
        except ValueError:
            return NOT_FOUND
        prev_m = f"{year - (number == 1)}-{12 if number == 1 else number - 1:02d}"
        next_m = f"{year + (number == 12)}-{1 if number == 12 else number + 1:02d}"
        content = (f"<h1>Events {escape(month)}</h1><table><tr><td>No events</td></tr></table>"
                   f'<a href="/calendar/?month={prev_m}">&laquo; previous month</a> '
                   f'<a href="/calendar/?month={next_m}">next month &raquo;</a>')
        return 200, HTML, shell(f"Events {month}", content)
