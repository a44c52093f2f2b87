"""Reading one comment's fields (author, author URL, date stamp, external id) from its markup.

Shared by the markup engine and the generic finder. Each helper takes the element a selector
found (or None) and never raises.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache
from urllib.parse import urldefrag, urljoin

from bs4.element import Tag

from scraper.dates import parse_date
from scraper.parse.walk import first_below, iter_below

__all__ = [
    "AUTHOR_SUFFIX",
    "author_name",
    "author_url",
    "clean_author",
    "date_text",
    "epoch_in_links",
    "external_id",
    "is_sidebar_token",
    "outside_sidebars",
]

#: Ancestors that hold widgets ("Recent comments") or inert markup (``<template>`` clones for
#: script-rendered comments), never the post's own comments: these tags, and ids/classes
#: starting or ending with these words (not ``content-sidebar-wrap``).
SIDEBAR_TAGS = frozenset({"aside", "nav", "template"})
SIDEBAR_PREFIXES = (
    "sidebar", "widget_", "widget-area", "textwidget", "secondary", "recentcomments",
)
SIDEBAR_SUFFIXES = ("-sidebar", "_sidebar", "widget-area", "recent-comments", "recentcomments")
#: ...unless the token names a comment-thread system (a Disqus thread placed in a widget).
SIDEBAR_EXEMPT = ("disqus", "livefyre")
#: A trailing verb after a commenter's name: "Anna says:", "Anna sagt:", "Anna a dit :".
AUTHOR_SUFFIX = re.compile(
    r"(?:^|\s+)(?:says|said|sagt|schreibt|a dit|dit|dice|escribió|scrive|ha scritto|schreef|zegt|"
    r"disse|diz|wrote|writes|on|at|um)\s*(?::|\.{2,3}|…)?\s*$",
    re.I,
)
#: A leading byline word or comment number (after a vote score) before a name: "Posted by:
#: Anna", "3. Anna", "+4 #1 Anna".
AUTHOR_PREFIX = re.compile(
    r"^\s*(?:[+-]\d+\s+)?(?:#?\d+[.):]?\s+|(?:posted|written|comment(?:ed)?|submitted)\s+by\s*:?\s*|by\s*:?\s+)",
    re.I,
)
#: A bare profile URL printed before the name (static Disqus: "http://twitter.com/x  X").
LEADING_URL = re.compile(r"^\s*https?://\S+\s+(?=\S)")
#: Separators between a name and a date in one meta line.
META_SEPARATOR = re.compile(r"\s+(?:\||·|–|—|-|at|on|am|um|le|el|@)\s+|\s*,\s+", re.I)
#: External ids: ``comment-123``, ``c123``, ``li-comment-5`` -> keep the site's own spelling.
ID_PREFIX = re.compile(r"^(?:li-|div-|article-|wc-comm-|wpd-comm-|dsq-|lf_)")
#: Permalink parameters that carry a comment's time as epoch milliseconds.
EPOCH_PARAM = re.compile(r"[?&]showComment=(\d{13})\b")
MAX_NAME_CHARS = 80
#: Links that point back into the comment thread, not to the commenter.
PERMALINK = re.compile(r"replytocom=|#(?:comment|respond|reply)|^\s*(?:#|javascript:)", re.I)


@lru_cache(maxsize=8192)
def is_sidebar_token(token: str) -> bool:
    token = token.lower()
    if any(word in token for word in SIDEBAR_EXEMPT):
        return False
    return token.startswith(SIDEBAR_PREFIXES) or token.endswith(SIDEBAR_SUFFIXES)


def _is_sidebar(tag: Tag) -> bool:
    attrs = tag.attrs
    if not attrs.get("id") and not attrs.get("class"):
        return False  # most elements: no token to test
    tokens = [str(tag.get("id") or ""), *tag.get_attribute_list("class")]
    return any(is_sidebar_token(token) for token in tokens if token)


def outside_sidebars(tag: Tag) -> bool:
    """True unless ``tag`` sits in an aside, nav or widget area. A ``div.sidebar`` that holds
    both a headline (``h1``) and another sidebar is a layout wrapper ("page with sidebar")
    around the content column and the real sidebar, not a sidebar itself."""
    for parent in tag.parents:
        if not isinstance(parent, Tag) or parent.name in ("body", "html", "[document]"):
            break
        if parent.name in SIDEBAR_TAGS:
            return False
        if _is_sidebar(parent) and not (
            first_below(parent, ("h1",)) is not None
            and any(_is_sidebar(t) for t in iter_below(parent))
        ):
            return False
    return True


def clean_author(text: str, stamp: str | None = None) -> str | None:
    """A commenter's name from a meta line: "3. Anna - March 4, 2012" -> "Anna"."""
    text = " ".join(text.split())
    if stamp and " ".join(stamp.split()) == text:
        # Name and date in one string ("Posted by: Amy | Apr 6, 2007"): keep the dateless part.
        text = next((p for p in META_SEPARATOR.split(text) if not any(map(str.isdigit, p))), "")
    elif stamp and len(stamp) > 4 and stamp in text:
        text = text.replace(stamp, " ")
    text = AUTHOR_PREFIX.sub("", LEADING_URL.sub("", text))
    for _ in range(2):
        text = AUTHOR_SUFFIX.sub("", text.rstrip(" :–—-|,")).rstrip(" :–—-|,").lstrip(" :|,")
    if not text or len(text) > MAX_NAME_CHARS:
        return None
    return text


def author_name(author: Tag | None, stamp: str | None = None) -> str | None:
    """The commenter's name; a badge after a line break ("Martina<br>Author") is not part of it."""
    if author is None:
        return None
    if author.find("br") is not None:
        first = next((str(s) for s in author.find_all(string=True) if s.strip()), "")
        return clean_author(first, stamp)
    return clean_author(author.get_text(" "), stamp)


def author_url(author: Tag | None, base: str = "") -> str | None:
    """The commenter's own link: the name's link (or the link around it), resolved against the
    page URL ``base``; a link back into the page (``#comment-5``, ``?replytocom=5``) is not one.
    """
    if author is None:
        return None
    link = author if author.name == "a" else author.find("a", href=True)
    if link is None and isinstance(author.parent, Tag) and author.parent.name == "a":
        link = author.parent
    href = link.get("href") if isinstance(link, Tag) else None
    if not isinstance(href, str) or PERMALINK.search(href):
        return None
    href = urljoin(base, href.strip()) if base else href.strip()
    if not href.startswith(("http://", "https://")):
        return None
    if base and urldefrag(href).url == urldefrag(base).url:
        return None
    return href


def date_text(tag: Tag | None) -> str | None:
    """The stamp a date element holds: a ``datetime``/``title`` attribute (its own or an inner
    ``<time>``/``<abbr title>``'s), else its text."""
    if tag is None:
        return None
    timed = tag if tag.name == "time" else tag.find("time")
    if isinstance(timed, Tag):
        value = timed.get("datetime")
        if isinstance(value, str) and value.strip():
            return value.strip()
    for attr in ("datetime", "title", "data-datetime"):
        value = tag.get(attr)
        if isinstance(value, str) and any(map(str.isdigit, value)):
            return value.strip()
    # A microformat stamp inside a meta block: <abbr class="published" title="2020-01-09T12:06Z">.
    for abbr in tag.find_all("abbr", title=True, limit=3):
        value = abbr.get("title")
        if isinstance(value, str) and parse_date(value) is not None:
            return value.strip()
    text = " ".join(tag.get_text(" ").split())
    if parse_date(text) is None:
        stamp = epoch_in_links(tag)
        if stamp:
            return stamp
    return text or None


def epoch_in_links(tag: Tag) -> str | None:
    """An exact stamp hidden in a permalink (Blogger's ``?showComment=<epoch ms>``)."""
    for link in [tag, *tag.find_all("a", href=True)]:
        href = link.get("href")
        match = EPOCH_PARAM.search(href) if isinstance(href, str) else None
        if match:
            when = datetime.fromtimestamp(int(match.group(1)) / 1000, tz=timezone.utc)
            return when.isoformat()
    return None


def external_id(item: Tag) -> str | None:
    tags = [item]
    for node in item.descendants:  # item.find_all(id=True, limit=3), without bs4's filters
        if isinstance(node, Tag) and node.attrs.get("id") is not None:
            tags.append(node)
            if len(tags) > 3:
                break
    for tag in tags:
        ident = tag.get("id")
        if isinstance(ident, str) and any(map(str.isdigit, ident)):
            return ID_PREFIX.sub("", ident)
    return None
