"""Raw comments into records: threading indices, parsed stamps, repeats and notices dropped.

Every extractor (the markup engine, the generic finder) yields :class:`RawComment` values that
still point at their elements; :func:`finish` turns a page's list of them into
:class:`~scraper.models.Comment` records.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from bs4.element import Tag

from scraper.dates import parse_date, resolve_orders
from scraper.models import Comment, DateOrder

__all__ = ["NOT_A_COMMENT", "NOT_A_COMMENTER", "RawComment", "finish"]

#: Texts that make an entry a notice, not a reader comment: pingbacks/trackbacks that themes
#: print as ordinary comments. (WordPress.com "Reblogged this on ..." entries are kept: the
#: hand-labelled blogs corpus counts them as comments.)
NOT_A_COMMENT = re.compile(r"^\s*(?:pingback:|trackback:)", re.I)
#: The same notice told by the author label instead ("Pingback von <a>site</a>", "Trackback
#: from ..."), in any language.
NOT_A_COMMENTER = re.compile(r"^\s*(?:pingback|trackback|linkback)\b", re.I)
@dataclass(frozen=True)
class RawComment:
    """A comment before threading indices are known: ``parent`` is the parent's element."""

    element: Tag
    author: str | None
    author_url: str | None
    date_text: str | None
    text: str
    html: str
    external_id: str | None
    parent: Tag | None


def finish(
    raws: list[RawComment],
    *,
    order: DateOrder | None,
    language: str | None = None,
    reference: datetime | None = None,
    orders: Mapping[str, DateOrder] | None = None,
    after: datetime | None = None,
) -> list[Comment]:
    """Turn raw comments into :class:`Comment` records with parent indices and parsed dates.

    Ambiguous numeric stamps are read with the order the page's own comment stamps settle
    (one ``23/06/2020`` settles ``10/06/2020``), then the site's order for that date style
    (``orders``), then the site's ``order``. Year-less stamps (``Jul 14``) take their year from
    ``after``, the post's date: a comment is never older than its post. A comment repeated
    verbatim (same id, author, stamp and text) in another list (pages saved with the thread
    rendered twice) is kept once; a repeat in the same list as the first is a reader's double
    post, a record of its own. Pingback notices (:data:`NOT_A_COMMENT`) are dropped.
    """
    styles = {**(orders or {}), **resolve_orders(raw.date_text for raw in raws if raw.date_text)}
    index: dict[int, int] = {}
    seen: dict[tuple[str | None, str | None, str | None, str], tuple[int, Tag | None]] = {}
    comments: list[Comment] = []
    for raw in raws:
        if NOT_A_COMMENT.match(raw.text) or NOT_A_COMMENTER.match(raw.author or ""):
            continue
        key = (raw.external_id, raw.author, raw.date_text, raw.text)
        first = seen.get(key)
        if first is not None and raw.text and first[1] is not raw.element.parent:
            index[id(raw.element)] = first[0]
            continue
        parent = index.get(id(raw.parent)) if raw.parent is not None else None
        published = None
        if raw.date_text:
            published = parse_date(
                raw.date_text,
                order=order,
                orders=styles,
                language=language,
                reference=reference,
                after=after,
            )
        index[id(raw.element)] = len(comments)
        seen.setdefault(key, (len(comments), raw.element.parent))
        comments.append(
            Comment(
                author=raw.author,
                published=published,
                text=raw.text,
                html=raw.html,
                author_url=raw.author_url,
                parent=parent,
                external_id=raw.external_id,
            )
        )
    return comments
