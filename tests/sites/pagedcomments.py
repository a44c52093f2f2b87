"""A WordPress blog with "Break comments into pages" on: one post's seven comments on three pages.

Markup as WordPress core and a Twenty-Fifteen-style theme print it: ``li.comment#comment-N`` with
``ol.children`` for replies, ``nav.navigation.comment-navigation`` with "Older/Newer Comments"
links to ``/slug/comment-page-N/#comments`` (or ``?p=ID&cpage=N`` with plain permalinks). With
``newest`` first (WordPress's default) the post's own URL shows the last page and links to the
others; with ``oldest`` it shows page 1. Page 2 opens with a reply to a comment of page 1: the
thread goes on there, and its first comment is shown again above the reply (as engines that split
threads do), so the reply's parent is known by its id.

``fail`` holds page numbers that answer 500 (a test may change it between runs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qs, urlsplit

Response = tuple[int, str, bytes]
HTML = "text/html; charset=utf-8"
PAGED_PATH = "/2019/03/04/on-sleep/"
OTHER_PATHS = ("/2019/02/11/morning-light/", "/2019/01/20/walking-and-talking/")


@dataclass(frozen=True)
class PagedComment:
    id: int
    author: str
    stamp: str  # ISO 8601, as WordPress prints it in <time datetime>
    text: str
    parent: int | None = None


#: The seven comments in page order; ``PAGES`` says which page shows which (by id).
COMMENTS = (
    PagedComment(101, "Ann Keller", "2019-03-04T09:12:00+00:00",
                 "Thank you for this. The part about keeping the bedroom cool helped me at once."),
    PagedComment(102, "Bob Marsh", "2019-03-04T11:40:00+00:00",
                 "Same here, Ann. We moved the desk out of the bedroom and it made a difference.",
                 parent=101),
    PagedComment(103, "Cid Ortega", "2019-03-05T08:03:00+00:00",
                 "Is there anything you would suggest for shift workers who sleep in the day?"),
    PagedComment(104, "Dee Novak", "2019-03-05T19:30:00+00:00",
                 "Cid, blackout curtains and a fixed routine worked for my husband on nights.",
                 parent=103),
    PagedComment(105, "Eve Laurent", "2019-03-06T07:55:00+00:00",
                 "I read this twice. Writing worries down before bed is my new habit now."),
    PagedComment(106, "Fay Brennan", "2019-03-07T21:15:00+00:00",
                 "Could you write a follow-up about children and screens in the evening?"),
    PagedComment(107, "Gus Adler", "2019-03-08T06:45:00+00:00",
                 "Seconding Fay's request, that would be very useful for our family too.",
                 parent=106),
)
#: Comment ids shown on each page; 103 opens page 2 again above its reply 104.
PAGES: dict[int, tuple[int, ...]] = {1: (101, 102, 103), 2: (103, 104, 105), 3: (106, 107)}
BODY = (
    "Sleep is the first thing to suffer when work and worry pile up, and the last thing we make "
    "time for. In this post we look at small changes to the evening that make a real difference: "
    "a cooler bedroom, a fixed hour for going to bed, and a notebook for the thoughts that keep "
    "coming back. None of them costs anything, and each of them can be tried tonight."
)


@dataclass
class PagedCommentsBlog:
    """``render(path)`` answers one GET of the blog."""

    default_page: str = "newest"  # or "oldest"
    plain_permalinks: bool = False  # ``?p=ID&cpage=N`` instead of ``/comment-page-N/``
    fail: set[int] = field(default_factory=set)
    origin: str = ""  # e.g. http://127.0.0.1:5000, for absolute links as WordPress prints them

    @property
    def shown(self) -> int:
        """The comment page the post's own URL shows."""
        return max(PAGES) if self.default_page == "newest" else 1

    def page_url(self, number: int) -> str:
        """The URL WordPress links for comment page ``number`` (the post's own for ``shown``)."""
        if self.plain_permalinks:
            base = f"{self.origin}/?p=7"
            return base if number == self.shown else f"{base}&cpage={number}"
        if number == self.shown:
            return self.origin + PAGED_PATH
        return f"{self.origin}{PAGED_PATH}comment-page-{number}/"

    def render(self, raw: str) -> Response:
        parts = urlsplit(raw)
        path, query = parts.path, parse_qs(parts.query)
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        if path in ("/", "/page/2/") and not query:
            return 200, HTML, self._home(pager=path == "/").encode()
        number = self._comment_page(path, query)
        if number is not None:
            if number in self.fail:
                return 500, HTML, b"<h1>Internal Server Error</h1>"
            return 200, HTML, self._post(number).encode()
        if path in OTHER_PATHS:
            return 200, HTML, _plain_post(path).encode()
        return 404, HTML, b"<h1>Not found</h1>"

    def _comment_page(self, path: str, query: dict[str, list[str]]) -> int | None:
        if self.plain_permalinks:
            if path != "/" or query.get("p") != ["7"]:
                return None
            return int(query.get("cpage", [str(self.shown)])[0])
        if path == PAGED_PATH:
            return self.shown
        if path.startswith(PAGED_PATH + "comment-page-"):
            tail = path[len(PAGED_PATH + "comment-page-"):].strip("/")
            return int(tail) if tail.isdigit() and int(tail) in PAGES else None
        return None

    def _home(self, *, pager: bool) -> str:
        own = self.page_url(self.shown)
        teasers = [(own, "On sleep"), *((p, p.strip("/").split("/")[-1]) for p in OTHER_PATHS)]
        items = "".join(
            f'<article class="post"><h2 class="entry-title"><a href="{escape(u)}">{escape(t)}'
            f"</a></h2><p>{BODY[:90]}</p></article>"
            for u, t in teasers
        )
        # A listing's own pagination: never comment pages.
        nav = ('<nav class="navigation pagination"><div class="nav-links">'
               '<a class="page-numbers" href="/page/2/">2</a></div></nav>') if pager else ""
        return _shell("Quiet Rooms", f"<main>{items}{nav}</main>")

    def _post(self, number: int) -> str:
        comments = "".join(_comment_html(c, PAGES[number]) for c in COMMENTS
                           if c.id in PAGES[number] and _top_here(c, PAGES[number]))
        nav = self._nav(number)
        area = (
            '<div id="comments" class="comments-area">'
            '<h2 class="comments-title">7 thoughts on &ldquo;On sleep&rdquo;</h2>'
            f'{nav}<ol class="comment-list">{comments}</ol>{nav}'
            '<div id="respond" class="comment-respond"><h3 class="comment-reply-title">'
            'Leave a Reply</h3><form id="commentform"><textarea name="comment"></textarea>'
            "</form></div></div>"
        )
        article = (
            '<article class="post type-post hentry"><header class="entry-header">'
            '<h1 class="entry-title">On sleep</h1><div class="entry-meta">'
            '<time class="entry-date published" datetime="2019-03-04T08:00:00+00:00">'
            'March 4, 2019</time> by <span class="author vcard"><span class="fn n">'
            'Mara Lind</span></span></div></header>'
            f'<div class="entry-content"><p>{BODY}</p><p>{BODY}</p></div></article>'
        )
        return _shell("On sleep &#8211; Quiet Rooms", f"<main>{article}{area}</main>")

    def _nav(self, number: int) -> str:
        links = []
        if number > 1:
            links.append(f'<div class="nav-previous"><a href="{self.page_url(number - 1)}'
                         '#comments">Older Comments</a></div>')
        if number < max(PAGES):
            links.append(f'<div class="nav-next"><a href="{self.page_url(number + 1)}'
                         '#comments">Newer Comments</a></div>')
        return ('<nav class="navigation comment-navigation" aria-label="Comments">'
                '<h2 class="screen-reader-text">Comment navigation</h2>'
                f'<div class="nav-links">{"".join(links)}</div></nav>')


def _top_here(comment: PagedComment, shown: tuple[int, ...]) -> bool:
    """Printed at the top level of this page: its parent is not on the page."""
    return comment.parent is None or comment.parent not in shown


def _comment_html(comment: PagedComment, shown: tuple[int, ...]) -> str:
    replies = "".join(_comment_html(c, shown) for c in COMMENTS
                      if c.parent == comment.id and c.id in shown)
    children = f'<ol class="children">{replies}</ol>' if replies else ""
    return (
        f'<li id="comment-{comment.id}" class="comment byuser depth-1">'
        f'<article id="div-comment-{comment.id}" class="comment-body">'
        '<footer class="comment-meta"><div class="comment-author vcard">'
        f'<b class="fn">{escape(comment.author)}</b> <span class="says">says:</span></div>'
        f'<div class="comment-metadata"><a href="#comment-{comment.id}">'
        f'<time datetime="{comment.stamp}">{comment.stamp[:10]}</time></a></div></footer>'
        f'<div class="comment-content"><p>{escape(comment.text)}</p></div>'
        f'<div class="reply"><a rel="nofollow" class="comment-reply-link" '
        f'href="?replytocom={comment.id}#respond">Reply</a></div></article>{children}</li>'
    )


def _plain_post(path: str) -> str:
    title = path.strip("/").split("/")[-1].replace("-", " ").capitalize()
    day = "-".join(path.strip("/").split("/")[:3])
    article = (
        f'<article class="post hentry"><h1 class="entry-title">{escape(title)}</h1>'
        f'<time class="entry-date published" datetime="{day}T08:00:00+00:00">{day}</time>'
        f'<div class="entry-content"><p>{BODY}</p></div></article>'
    )
    return _shell(title, f"<main>{article}</main>")


def _shell(title: str, main: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        '</head><body class="single"><header class="site-header"><p class="site-title">'
        '<a href="/">Quiet Rooms</a></p></header>'
        f"{main}<footer><p>Quiet Rooms, a practice blog.</p></footer></body></html>"
    )
