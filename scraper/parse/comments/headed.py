"""Comments with no comment markup, each opened by a heading that names its writer.

Hand-written sites print a thread as headings and text: ``<h3>#1 Kommentar von NAME</h3>``,
the date as bare text, then the comment's paragraphs; the next such heading opens the next
comment. The heading's wording is the only sign, so it must say "comment by NAME" in one of
the languages the dates module reads ("Comment by", "Kommentar von", "Commentaire de",
"Comentario de", "Commento di", "Reactie van", "Comentário de"), optionally numbered (``#1``,
``1.``). A section heading ("Kommentare", "3 Comments") is not one. A comment runs from its
heading to the next heading, a form, or the end of its container.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, Tag

from scraper.dates import parse_date
from scraper.parse.comments.fields import clean_author, outside_sidebars
from scraper.parse.comments.names import dated_author, is_name
from scraper.parse.comments.records import RawComment
from scraper.parse.comments.select import PageIndex
from scraper.parse.sanitize import html_to_text, sanitize_html

__all__ = ["HEADED_COMMENT", "HeadedFound", "find_headed"]

#: A heading that opens one comment: optional number, "comment" and a by-word, then the name.
HEADED_COMMENT = re.compile(
    r"^\s*(?:#\s*\d+|\d+[.):]?)?\s*"
    r"(?:comment|kommentar|commentaire|comentario|comentário|commento|reactie|commentaar)"
    r"\s+(?:by|from|von|de|par|di|da|van|door)\s+(?P<name>\S.*?)\s*:?\s*$",
    re.I,
)
HEADINGS = "h2, h3, h4, h5, h6"
HEADING_NAMES = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements whose text is never shown, and never a comment's.
HIDDEN = frozenset({"script", "style", "noscript", "template"})
MAX_HEADING_CHARS = 120
MAX_STAMP_CHARS = 80


@dataclass(frozen=True)
class HeadedFound:
    """Comments read from headings, and the elements to drop from the post body."""

    raws: list[RawComment]
    regions: list[Tag]


def find_headed(soup: BeautifulSoup, url: str, index: PageIndex) -> HeadedFound | None:
    """Comments opened by "Comment by NAME" headings, or None when the page has none."""
    raws: list[RawComment] = []
    regions: list[Tag] = []
    for heading in index.select(soup, HEADINGS):
        text = " ".join(heading.get_text(" ").split())
        match = HEADED_COMMENT.match(text) if len(text) <= MAX_HEADING_CHARS else None
        if match is None or not outside_sidebars(heading):
            continue
        raw = _read(heading, match.group("name"), url)
        if raw is not None:
            raws.append(raw)
            regions.extend(_regions(heading))
    if not raws:
        return None
    return HeadedFound(raws, list({id(r): r for r in regions}.values()))


def _read(heading: Tag, said: str, url: str) -> RawComment | None:
    stamp: str | None = None
    dated = dated_author(said)
    name = dated.name if dated is not None else clean_author(said)
    if dated is not None:
        stamp = dated.stamp
    if not name or not is_name(name):
        return None
    run = _run(heading)
    kept: list[PageElement] = []
    for node in run:
        words = " ".join(_text(node).split())
        if stamp is None and words and _is_stamp(words):
            stamp = words
            continue
        kept.append(node)
    text = "\n".join(t for t in (_as_text(node) for node in kept) if t).strip()
    if not text:
        return None
    html = sanitize_html("".join(str(node) for node in kept), url)
    return RawComment(heading, name, None, stamp, text, html, None, None)


def _run(heading: Tag) -> list[PageElement]:
    """The heading's following siblings up to the next heading, form or end of container."""
    out: list[PageElement] = []
    for node in heading.next_siblings:
        if isinstance(node, Tag):
            if node.name in HEADING_NAMES or node.name == "form" or node.find("form"):
                break
            if node.name in HIDDEN:
                continue
        out.append(node)
    return out


def _text(node: PageElement) -> str:
    if isinstance(node, NavigableString):
        return str(node) if type(node) is NavigableString else ""
    return node.get_text(" ") if isinstance(node, Tag) else ""


def _as_text(node: PageElement) -> str:
    if isinstance(node, Tag):
        return html_to_text(node).strip()
    return " ".join(_text(node).split())


def _is_stamp(text: str) -> bool:
    return (
        len(text) <= MAX_STAMP_CHARS
        and any(ch.isdigit() for ch in text)
        and parse_date(text) is not None
    )


def _regions(heading: Tag) -> list[Tag]:
    """The heading's container when it holds only this thread's headings and runs, else the
    heading and the elements of its run."""
    parent = heading.parent
    alone = isinstance(parent, Tag) and parent.name not in ("body", "html", "[document]")
    for child in parent.children if isinstance(parent, Tag) else ():
        if isinstance(child, Tag) and (
            child.name == "form"
            or child.find("form") is not None
            or (child.name in HEADING_NAMES
                and not HEADED_COMMENT.match(" ".join(child.get_text(" ").split())))
        ):
            alone = False
            break
    if alone and isinstance(parent, Tag):
        return [parent]
    return [heading, *(node for node in _run(heading) if isinstance(node, Tag))]
