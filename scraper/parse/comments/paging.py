"""Comment pages: the other pages of one post's reader comments.

WordPress ("Break comments into pages") shows a post's comments a page at a time: the post's own
URL shows one page (the newest by default) and ``/post-slug/comment-page-N/`` or
``?cpage=N`` the others, linked from ``nav.comment-navigation``, ``.comments-pagination`` or
``a.page-numbers`` inside the comments area (never with ``<link rel=next>``). Drupal pages a
node's comments with ``?page=N`` (zero-based) and a ``.pager`` inside the comments section.
Blogger's "Load more..." is script-only: its later comments are not in any HTML page, and
nothing here can reach them.

Links come out canonical (``scraper.urls.canonical_url``). A link counts only when it sits
inside the comments area (an ancestor whose class or id names comments), points to the same post
(same host and path once the comment-page marker is taken off) and carries a comment-page marker.
So a listing's ``/page/2/`` or ``?paged=2`` never counts, nor a "recent comments" widget's link to
another post's comment page.

Page numbers are one-based everywhere here (Drupal's ``?page=1`` is page 2), so the pages of
one post sort the same way whatever the platform.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4.element import Tag

from scraper.parse.index import TreeIndex
from scraper.urls import (
    canonical_url,
    comment_page_number,
    is_comment_page_url,
    post_of_comment_page,
)

__all__ = ["CommentPaging", "find_comment_pages"]

#: Cheap test on the raw page and on each link's href (``comment-page-2``, ``cpage=2``,
#: ``page=1``): no marker, no URL work. Its literal start keeps the scan of a page fast.
TEXT_MARKER = re.compile(r"page(?:-\d|=\d)")
#: A class or id naming the comments area or its navigation (``#comments``, ``.comments-area``,
#: ``nav.comment-navigation``, ``.comments-pagination``, Drupal's ``section.comments``).
COMMENT_AREA_NAME = re.compile(r"comment", re.I)
#: A class or id naming a pager or navigation block (Drupal's ``.pager``, WordPress's
#: ``.navigation``, ``.nav-links``, ``.comments-pagination``, ``a.page-numbers``).
PAGER_NAME = re.compile(r"pager|pagination|navigation|nav-links|page-numbers", re.I)
#: Classes of the current page's marker inside a pager (WordPress ``span.page-numbers.current``,
#: Drupal ``li.pager-current`` / ``li.is-active``); ``aria-current="page"`` marks it too.
CURRENT_CLASSES = frozenset({"current", "pager-current", "is-active"})
#: Ancestors looked at above a link before giving up (comment navigation is shallow).
MAX_DEPTH = 12


@dataclass(frozen=True)
class CommentPaging:
    """The other comment pages of a post page: absolute, fragment-free, in page order, without
    the page itself; ``current`` is this page's one-based number when the page or its URL
    says it."""

    pages: list[str] = field(default_factory=list)
    current: int | None = None


def find_comment_pages(index: TreeIndex, text: str, url: str) -> CommentPaging:
    """The comment pages a post page links to (see the module docstring). Read-only: call it
    before the body extractor takes elements out of the tree."""
    own = comment_page_number(url)
    if TEXT_MARKER.search(text) is None:
        return CommentPaging(current=own)
    post = post_of_comment_page(url)
    try:
        here = canonical_url(url)
    except ValueError:
        return CommentPaging(current=own)
    numbered: dict[str, int] = {}
    navs: list[Tag] = []
    for a in index.tags("a"):
        href = a.get("href")
        if not isinstance(href, str) or "page" not in href or not TEXT_MARKER.search(href):
            continue
        try:
            target = canonical_url(urljoin(url, href.strip()))
        except ValueError:
            continue
        number = comment_page_number(target)
        if number is None or target == here or post_of_comment_page(target) != post:
            continue
        nav = _comment_nav(a, pager_only=not is_comment_page_url(target))
        if nav is None:
            continue
        numbered.setdefault(target, number)
        if nav not in navs:
            navs.append(nav)
    if own is None:
        own = _current_number(navs)
    pages = [u for u, n in sorted(numbered.items(), key=lambda item: item[1]) if n != own]
    return CommentPaging(pages=pages, current=own)


def _comment_nav(a: Tag, *, pager_only: bool) -> Tag | None:
    """The comment navigation a link sits in, or None when it is none.

    That is its outermost pager (``a.page-numbers``, ``nav``, ``.navigation``, ``.pager``) or, with
    no pager, the comments area around it. A ``?page=N`` link (``pager_only``) must sit in a pager
    inside the comments area; a link with a comment-page marker may also sit in a pager outside
    it (classic WordPress themes put ``div.navigation`` beside ``h3#comments``, not inside).
    """
    own = a if PAGER_NAME.search(" ".join(a.get_attribute_list("class"))) else None
    pager: Tag | None = None
    node = a.parent
    for _ in range(MAX_DEPTH):
        if not isinstance(node, Tag) or node.name in ("body", "html"):
            break
        names = " ".join([*node.get_attribute_list("class"), str(node.get("id") or "")])
        if node.name == "nav" or PAGER_NAME.search(names):
            pager = node  # the outermost pager: ``ul.pager``, not its ``li.pager-item``
        if COMMENT_AREA_NAME.search(names):
            if pager is None and own is None and pager_only:
                return None
            return pager or node
        node = node.parent
    return None if pager_only else pager or own


def _current_number(navs: list[Tag]) -> int | None:
    """The number a comment pager marks as the page shown (``span.current`` "3"), if any."""
    for nav in navs:
        for tag in nav.find_all(True):
            classes = tag.get_attribute_list("class")
            if tag.get("aria-current") != "page" and not CURRENT_CLASSES.intersection(classes):
                continue
            digits = "".join(ch for ch in tag.get_text(" ", strip=True) if ch.isdigit())
            if digits and len(digits) < 6:
                return int(digits)
    return None
