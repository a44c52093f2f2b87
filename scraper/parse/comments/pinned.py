"""Pinned comments from elsewhere: some themes print one "featured" comment (often the site
owner's promotion) at the top of every post's thread. It is not a comment on this post: it has
no comment id of its own while the thread's comments do, and its permalink points to another
page. Both signs are needed; neither names a site.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from scraper.parse.comments.records import RawComment

__all__ = ["drop_foreign_pinned"]

#: Parts of a comment permalink's path that do not change which post it is on: comment
#: pagination (``/comment-page-2/``), AMP views.
SAME_POST_SUFFIX = re.compile(r"/(?:comment-page-\d+|amp)/?$|/$")
PERMALINK = re.compile(r"#comment-?\d+$|#c\d+$")
#: Pinned comments are at most this many, and the rest of the thread (at least
#: ``MIN_WITH_ID`` comments) carries ids.
MAX_PINNED = 2
MIN_WITH_ID = 2


def _post_path(href: str, base: str) -> str:
    try:
        path = urlsplit(urljoin(base, href)).path
    except ValueError:
        return ""
    return SAME_POST_SUFFIX.sub("", path.rstrip("/") + "/") or "/"


def _permalink(raw: RawComment) -> str | None:
    for link in raw.element.find_all("a", href=True, limit=8):
        href = link.get("href")
        if isinstance(href, str) and PERMALINK.search(href):
            return href
    return None


def drop_foreign_pinned(raws: list[RawComment], url: str) -> list[RawComment]:
    """``raws`` without id-less comments whose permalink belongs to another page."""
    with_id = sum(1 for raw in raws if raw.external_id)
    if with_id < MIN_WITH_ID or len(raws) - with_id > MAX_PINNED:
        return raws
    here = _post_path(url, url)
    kept = []
    for raw in raws:
        link = None if raw.external_id else _permalink(raw)
        if link is not None and _post_path(link, url) != here:
            continue
        kept.append(raw)
    return kept
