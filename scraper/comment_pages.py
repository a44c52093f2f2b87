"""Comments split over several pages, gathered into the one post they belong to.

A post page that lists comment pages (``ParsedPage.comment_pages``, found by
``scraper.parse.comments.paging``) holds only one page of its reader comments. :func:`gather`
loads the others — following the pager page by page, since a long pager links only to its
neighbours — and :func:`merge` puts every page's comments into the post:

* in page order, by the page's number, not by the order they were loaded (WordPress shows the
  newest page at the post's own URL by default, so the first page fetched is the last page);
* once each: the same comment on two pages (a thread that continues on the next page shows its
  first comment again) is kept where it first appears, by ``external_id``, else by author, date
  and text; two equal comments on one page (a reader's double post) stay two;
* with ``parent`` indices into the merged list, so that a reply on page 2 to a comment on page 1
  keeps its parent whenever that parent's id is on the reply's page.

How a page is loaded is the caller's business (``load``): the crawler fetches through its
Fetcher, a re-parse reads the stored copies. ``gather`` only decides which pages to ask for and
stops at ``limit`` pages per post. A page that cannot be loaded makes the result incomplete: its
comments are missing from this merge, and the archive must not take them for deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, Protocol

from scraper.errors import FetchError
from scraper.models import Comment, CommentPageFetch, FetchResult, ParsedPage, Post
from scraper.urls import comment_page_number

__all__ = [
    "MAX_COMMENT_PAGES",
    "Fetched",
    "Gathered",
    "Load",
    "Missing",
    "fetch_comment_pages",
    "gather",
    "merge",
]

log = logging.getLogger(__name__)

#: Extra comment pages fetched per post, at most (a bound on requests, and a trap guard).
MAX_COMMENT_PAGES = 50


@dataclass(frozen=True)
class Missing:
    """A comment page that could not be loaded; ``kind`` is the fetch error's kind (or
    ``no-post`` when the page held no post to take comments from)."""

    url: str
    kind: str
    message: str = ""


#: Loads one comment page: its parse, or why it has none.
Load = Callable[[str], ParsedPage | Missing]


@dataclass(frozen=True)
class Gathered:
    """A post with the comments of all its comment pages. ``loaded`` are the comment pages read
    (in load order), ``missing`` those that could not be; ``truncated`` says the pager went on
    past the limit."""

    post: Post
    loaded: tuple[str, ...] = ()
    missing: tuple[Missing, ...] = ()
    truncated: bool = False

    @property
    def complete(self) -> bool:
        """Every comment page was read: a comment not in ``post`` is no longer on the site."""
        return not self.missing and not self.truncated


def gather(page: ParsedPage, load: Load, *, limit: int = MAX_COMMENT_PAGES) -> Gathered | None:
    """Load the comment pages of a post page and merge their comments into its post; None when
    the page is not a post or lists no comment pages."""
    if page.post is None or not page.comment_pages:
        return None
    queue = list(page.comment_pages)
    seen = {page.url, *queue}
    loaded: list[tuple[str, ParsedPage]] = []
    missing: list[Missing] = []
    truncated = False
    while queue:
        if len(loaded) + len(missing) >= limit:
            truncated = True
            break
        url = queue.pop(0)
        answer = load(url)
        if isinstance(answer, Missing):
            missing.append(answer)
            continue
        if answer.post is None:
            missing.append(Missing(url, "no-post", "the comment page held no post"))
            continue
        loaded.append((url, answer))
        for more in answer.comment_pages:
            if more not in seen:
                seen.add(more)
                queue.append(more)
    post = merge(page, loaded)
    return Gathered(post, tuple(u for u, _ in loaded), tuple(missing), truncated)


def merge(page: ParsedPage, others: Sequence[tuple[str, ParsedPage]]) -> Post:
    """``page``'s post with the comments of ``others`` (comment pages as ``(url, parse)``)
    merged in (see the module docstring)."""
    assert page.post is not None
    numbers = [comment_page_number(url) for url, _ in others]
    own = page.comment_page or _first_free({n for n in numbers if n is not None})
    unnumbered = max([own, *(n for n in numbers if n is not None)]) + 1
    pages = [(own, 0, page.post.comments)]
    pages += [
        (number if number is not None else unnumbered, i, other.post.comments if other.post else [])
        for i, (number, (_, other)) in enumerate(zip(numbers, others, strict=True), start=1)
    ]
    merged: list[Comment] = []
    placed: dict[tuple[str, ...], int] = {}  # comments of the pages before this one
    for _, _, comments in sorted(pages, key=lambda p: (p[0], p[1])):
        here: list[int] = []  # this page's comment i -> its index in ``merged``
        keys = [_identity(comment) for comment in comments]
        for comment, key in zip(comments, keys, strict=True):
            if key in placed:
                here.append(placed[key])
                continue
            parent = comment.parent
            mapped = here[parent] if parent is not None and 0 <= parent < len(here) else None
            merged.append(replace(comment, parent=mapped))
            here.append(len(merged) - 1)
        for key, at in zip(keys, here, strict=True):
            placed.setdefault(key, at)
    return replace(page.post, comments=merged)


def _identity(comment: Comment) -> tuple[str, ...]:
    if comment.external_id:
        return ("id", comment.external_id)
    published = comment.published.isoformat() if comment.published else ""
    return ("text", comment.author or "", published, " ".join(comment.text.split()))


def _first_free(numbers: set[int]) -> int:
    """The smallest page number not taken: the post's own page when its pager does not say
    (the newest page under WordPress's default, the first under "oldest first")."""
    n = 1
    while n in numbers:
        n += 1
    return n


class PageFetcher(Protocol):
    """What fetching comment pages needs of a fetcher (the crawler's ``Fetches`` adds robots)."""

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Literal["html", "xml", "any"] = "html",
    ) -> FetchResult: ...


ParsePage = Callable[[bytes | str, str], ParsedPage]


@dataclass(frozen=True)
class Fetched:
    """The comment pages of one post page fetched over the network: the merge, and every request
    made for them (answers and failures, for the archive's fetch log)."""

    gathered: Gathered
    requests: tuple[CommentPageFetch, ...]


def fetch_comment_pages(
    page: ParsedPage,
    fetcher: PageFetcher,
    parse: ParsePage,
    in_scope: Callable[[str], bool],
    *,
    limit: int = MAX_COMMENT_PAGES,
) -> Fetched | None:
    """Fetch a post page's comment pages through ``fetcher`` (robots.txt, delay and retries are
    its business) and merge their comments into the post; None when it lists none.

    Each page is parsed under the post's own URL: its comments are the post's, and a URL such as
    Drupal's ``?page=1`` would otherwise read as a listing.
    """
    requests: list[CommentPageFetch] = []

    def load(url: str) -> ParsedPage | Missing:
        if not in_scope(url):
            requests.append(CommentPageFetch(url, error_kind="out-of-scope", error="out of scope"))
            return Missing(url, "out-of-scope")
        try:
            result = fetcher.fetch(url)
        except FetchError as exc:
            requests.append(CommentPageFetch(url, error_kind=exc.kind, error=str(exc),
                                             status=exc.status))
            return Missing(url, exc.kind, str(exc))
        requests.append(CommentPageFetch(url, result=result))
        try:
            return parse(result.body, page.url)
        except Exception:  # the parser must never end a crawl
            log.exception("parser failed on comment page %s", url)
            return Missing(url, "parse", "the parser failed")

    gathered = gather(page, load, limit=limit)
    return None if gathered is None else Fetched(gathered, tuple(requests))
