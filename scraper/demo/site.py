"""The demo blog as a pure function: a request path and query in, a status and a page out.

Being pure, it can be tested without a server, and ``server.DemoServer`` is only transport.
The site has no sitemap and no feed, like the user's own blog: a crawler must discover posts
from the home page, the paginated ``/blog/`` index, tag listings and the sidebars.

URLs:
    ``/``                       intro and the latest posts
    ``/blog/``                  the index, newest first, ``?page=N`` (and ``?tag=T``) pages
    ``/blog/post/?sid=N``       one post; unknown or malformed sid -> 404; a post with more
                                than three comment threads shows the newest three and links
                                the older ones, ``&cpage=K`` (one-based, oldest first)
    ``/about/`` ``/services/`` ``/contact/``
    ``/robots.txt``             allows everything, names no sitemap
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timezone

from scraper.demo import pages
from scraper.demo.content import PAGES, POSTS
from scraper.demo.layout import newest_first, page
from scraper.demo.model import DemoPost

Query = dict[str, list[str]]
Response = tuple[int, str, bytes]

HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
PAGE_SIZE = 10
HOME_LATEST = 3
ROBOTS_TXT = b"User-agent: *\nDisallow:\n"


@dataclass(frozen=True)
class CacheValidators:
    """What the server sends as ``ETag`` / ``Last-Modified`` for a post page.

    They depend on the post's own record only, not on the sidebars, so adding a new post does
    not invalidate every old post: an incremental re-run gets 304s for unchanged posts.
    """

    etag: str
    last_modified: datetime


def _first(query: Query, name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def _positive_int(text: str | None, default: int | None = None) -> int | None:
    if text is None:
        return default
    return int(text) if text.isdigit() and int(text) > 0 else None


def find_post(query: Query, posts: Sequence[DemoPost] = POSTS) -> DemoPost | None:
    """The post a ``/blog/post/`` query names, or None for a missing, malformed or unknown sid."""
    sid = _positive_int(_first(query, "sid"))
    return next((p for p in posts if p.sid == sid), None) if sid is not None else None


def cache_validators(query: Query, posts: Sequence[DemoPost] = POSTS) -> CacheValidators | None:
    """Validators for the post page ``query`` names, or None when there is no such post."""
    post = find_post(query, posts)
    if post is None:
        return None
    digest = hashlib.sha256(repr(post).encode("utf-8")).hexdigest()[:20]
    stamps = [datetime.combine(post.updated or post.published, time())]
    stamps += [c.stamp for c in post.all_comments()]
    return CacheValidators(
        etag=f'"{digest}"', last_modified=max(stamps).replace(tzinfo=timezone.utc)
    )


def _listing_path(page_no: int, tag: str | None) -> str:
    params = [] if tag is None else [pages.tag_path(tag).partition("?")[2]]
    if page_no > 1:
        params.append(f"page={page_no}")
    return "/blog/" + ("?" + "&".join(params) if params else "")


def _not_found(posts: Sequence[DemoPost]) -> Response:
    return 404, HTML, page("Page not found", pages.not_found(), posts)


def _home(query: Query, posts: Sequence[DemoPost]) -> Response:
    latest = newest_first(posts)[:HOME_LATEST]
    return 200, HTML, page(None, pages.home(latest), posts)


def _blog(query: Query, posts: Sequence[DemoPost]) -> Response:
    tag = _first(query, "tag")
    chosen = newest_first([p for p in posts if tag is None or tag in p.tags])
    page_count = max(1, -(-len(chosen) // PAGE_SIZE))
    page_no = _positive_int(_first(query, "page"), default=1)
    if page_no is None or page_no > page_count or (tag is not None and not chosen):
        return _not_found(posts)
    shown = chosen[(page_no - 1) * PAGE_SIZE : page_no * PAGE_SIZE]
    older = _listing_path(page_no + 1, tag) if page_no < page_count else None
    newer = _listing_path(page_no - 1, tag) if page_no > 1 else None
    heading = None if tag is None else f"Posts tagged: {tag}"
    title = "Blog" if page_no == 1 else f"Blog - Page {page_no}"
    return 200, HTML, page(title, pages.listing(shown, older, newer, heading), posts)


def _post(query: Query, posts: Sequence[DemoPost]) -> Response:
    post = find_post(query, posts)
    count = pages.comment_page_count(post) if post is not None else 0
    number = _positive_int(_first(query, "cpage"), default=count)
    if post is None or number is None or number > count:
        return _not_found(posts)
    return 200, HTML, page(post.title, pages.post_page(post, number), posts)


def _robots(query: Query, posts: Sequence[DemoPost]) -> Response:
    return 200, TEXT, ROBOTS_TXT


def _plain_route(slug: str) -> Callable[[Query, Sequence[DemoPost]], Response]:
    demo_page = next(p for p in PAGES if p.slug == slug)

    def handler(query: Query, posts: Sequence[DemoPost]) -> Response:
        return 200, HTML, page(demo_page.title, pages.plain_page(demo_page), posts)

    return handler


ROUTES: dict[str, Callable[[Query, Sequence[DemoPost]], Response]] = {
    "/": _home,
    "/blog/": _blog,
    "/blog/post/": _post,
    "/robots.txt": _robots,
    **{p.path: _plain_route(p.slug) for p in PAGES},
}


def render(path: str, query: Query, posts: Sequence[DemoPost] = POSTS) -> Response:
    """Answer one GET for the demo blog.

    Args:
        path: the URL path, without query string (``/blog/post/``).
        query: the parsed query string, as ``urllib.parse.parse_qs`` returns it.
        posts: the blog's posts; tests pass an altered copy of ``POSTS`` to simulate edits,
            new posts and deleted comments.

    Returns:
        ``(status, content_type, body)``; unknown paths and ids get a 404 page.
    """
    handler = ROUTES.get(path)
    return handler(query, posts) if handler is not None else _not_found(posts)
