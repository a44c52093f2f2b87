"""Frozen dataclasses that cross module boundaries.

Nothing here imports requests, bs4 or sqlite: the archive side may import this module freely.

The public contract (see DESIGN.md) is ``Post`` and ``Comment``: their fields only ever grow.
``tags``, ``categories`` and ``comments`` are lists because the contract says so; treat them as
read-only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

PageKind = Literal["post", "listing", "other"]
DateOrder = Literal["DMY", "MDY", "YMD"]


@dataclass(frozen=True)
class FetchResult:
    """One completed HTTP exchange (after redirects), as the Fetcher saw it.

    ``body`` holds the raw bytes exactly as received (after transfer decoding); ``text`` is the
    decoded document for textual responses, None otherwise. ``not_modified`` is True for a 304
    answer to a conditional GET, in which case ``body`` is empty.
    """

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    body: bytes = b""
    text: str | None = None
    encoding: str | None = None
    content_type: str = ""
    elapsed: float = 0.0
    not_modified: bool = False
    redirects: tuple[str, ...] = ()

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag") or self.headers.get("ETag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified") or self.headers.get("Last-Modified")


@dataclass(frozen=True)
class Comment:
    """One reader comment. ``parent`` is the index (into ``Post.comments``) of the comment this one
    replies to, or None for a top-level comment."""

    author: str | None
    published: datetime | None
    text: str
    html: str = ""
    author_url: str | None = None
    parent: int | None = None
    external_id: str | None = None
    likely_spam: bool = False
    spam_reason: str | None = None


@dataclass(frozen=True)
class Post:
    """One blog post as extracted from its page.

    Dates are aware datetimes in the page's own offset when the page gives one, naive when it
    gives none; never shifted to UTC. ``date_source`` says where ``published`` came from
    (``json-ld``, ``meta``, ``time``, ``text``, ...); ``date_order`` records how an ambiguous
    numeric date was read (``DMY``/``MDY``) and on what evidence.
    """

    url: str
    title: str
    published: datetime | None = None
    updated: datetime | None = None
    author: str | None = None
    body_text: str = ""
    body_html: str = ""
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    language: str | None = None
    date_source: str | None = None
    date_order: str | None = None
    platform: str = "generic"
    comment_system: str = "none"
    comments: list[Comment] = field(default_factory=list)


@dataclass(frozen=True)
class SiteProfile:
    """What has been learned about one site from many of its pages.

    ``date_order`` settles ambiguous numeric dates such as ``4.12.2016``; ``boilerplate`` holds
    fingerprints of text blocks that repeat across pages (sidebars, footers) and are never part of
    a post body or a comment. ``date_orders`` keeps the order per date style (``.``, ``-``,
    ``/``, ``/12h``; see ``scraper.dates.resolve_orders``), because one site may write post dates
    ``4.12.2016`` and comment stamps ``12/03/18 10:09 PM``.
    """

    date_order: DateOrder | None = None
    date_order_evidence: str | None = None
    boilerplate: frozenset[str] = frozenset()
    date_orders: Mapping[str, DateOrder] = field(default_factory=dict)

    def key(self) -> str:
        """A short fingerprint of everything that changes how a page parses: a post stored with
        another key was parsed with other knowledge and is worth parsing again."""
        payload = "|".join([
            self.date_order or "",
            ",".join(f"{k}={v}" for k, v in sorted(self.date_orders.items())),
            ",".join(sorted(self.boilerplate)),
        ])
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ParsedPage:
    """Everything the crawler needs from one HTML page, from a single parse of it.

    ``post`` is None unless the page is a single post. ``links`` are absolute, in-document order,
    fragment-free; ``feeds`` are feed URLs announced by the page; ``next_page`` is the listing's
    rel=next / "older posts" link when there is one.

    ``comment_pages`` are the post's other pages of reader comments (WordPress
    ``/comment-page-N/`` or ``?cpage=N``, Drupal ``?page=N`` in the comments' pager): absolute,
    fragment-free, deduplicated, in page order, without this page; only links inside the comments
    area that point to the same post count. ``comment_page`` is the one-based number of the
    comment page this page shows, when its URL or its comment pager says so. The crawler fetches
    those pages and merges their comments into ``post`` (``scraper.comment_pages``); they are
    never posts or crawl links of their own.
    """

    url: str
    kind: PageKind
    post: Post | None = None
    canonical_url: str | None = None
    links: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    next_page: str | None = None
    dates_seen: list[str] = field(default_factory=list)
    comment_pages: list[str] = field(default_factory=list)
    comment_page: int | None = None


@dataclass(frozen=True)
class QueueItem:
    """One URL in the crawl frontier. ``source`` says how it was found (start, sitemap, feed,
    link, listing, id-walk; ``sitemap-doc``/``feed-doc`` for discovery documents, which are
    fetched as XML and read for URLs); ``etag``/``last_modified`` are the validators from the
    last fetch, for a conditional GET; ``lastmod`` is a sitemap/feed date when one was given;
    ``priority`` orders the frontier (higher first)."""

    url: str
    depth: int = 0
    source: str = "link"
    etag: str | None = None
    last_modified: str | None = None
    lastmod: str | None = None
    priority: int = 0


#: Fetch error kinds that are a refusal, not a failure: a comment page robots.txt forbids (or
#: outside the crawl's scope) is skipped for good, not asked again on the next run.
REFUSED_KINDS = frozenset({"disallowed", "out-of-scope"})


@dataclass(frozen=True)
class CommentPageFetch:
    """One request for a post's extra comment page (``ParsedPage.comment_pages``): the answer,
    or why there is none (``error_kind``/``error``/``status`` as in ``PageOutcome``). Stored with
    the post page's fetches; never a page of the crawl of its own."""

    url: str
    result: FetchResult | None = None
    error_kind: str | None = None
    error: str | None = None
    status: int | None = None

    @property
    def failed(self) -> bool:
        """The page could not be fetched and is worth asking again (not refused)."""
        return self.result is None and self.error_kind not in REFUSED_KINDS


@dataclass(frozen=True)
class PageOutcome:
    """What happened to one frontier item: handed to the store as ONE transaction.

    Exactly one of ``result`` (an HTTP answer, perhaps a 304) or ``error_kind`` is set.
    ``page`` is the parsed page for HTML answers; ``found`` are newly discovered in-scope URLs.
    ``kind`` overrides the stored page kind (``sitemap``/``feed`` documents, or a page the
    crawler re-classified); ``store_as`` is the URL a post is stored under when it differs from
    the item's (an in-scope ``rel=canonical`` or redirect target), which is then marked done too.
    ``expected_miss`` marks a 404 that is an answer, not an error (an id-walk probe).
    ``profile_key`` is ``SiteProfile.key()`` of the profile the page was parsed with.
    ``comment_pages`` are the requests made for the post's other comment pages, whose comments
    are already merged into ``page.post``; ``comments_complete`` is False when some of them could
    not be read (or the pager went past the limit): a stored comment missing from the post is
    then not taken for deleted upstream.
    """

    item: QueueItem
    result: FetchResult | None = None
    page: ParsedPage | None = None
    found: tuple[QueueItem, ...] = ()
    error_kind: str | None = None
    error: str | None = None
    status: int | None = None
    kind: str | None = None
    store_as: str | None = None
    expected_miss: bool = False
    profile_key: str | None = None
    comment_pages: tuple[CommentPageFetch, ...] = ()
    comments_complete: bool = True
