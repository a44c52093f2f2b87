"""The shared engine behind every markup-based comment extractor.

A platform module describes its comment markup as data (:class:`CommentMarkup`: CSS selectors
for the comment item, its author, date and text, the reply containers, the region to hand back)
and :func:`extract_markup` does the rest, the same way for every platform:

* items nested in items are replies (WordPress ``ul.children``, Blogger ``.comment-replies``);
  items inside a reply container that *follows* a comment are replies to it (Drupal
  ``div.indented``);
* a comment may span sibling elements: ``follow`` names the siblings after an item that belong
  to it, up to the next item (``<dt>`` meta + ``<dd>`` body lists: Blogger's classic
  ``dl#comments-block``, WordPress ``dl.commentlist`` themes);
* an item whose text lies wholly inside a nested item is a wrapper of that item, not a second
  comment (themes that put ``div.comment`` inside ``li.comment``);
* items matching ``skip`` (pingbacks, trackbacks) are dropped: they are not reader comments.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from bs4.element import NavigableString, Tag

from scraper.dates import parse_date
from scraper.parse.comments.fields import (
    author_name,
    author_url,
    date_text,
    external_id,
    outside_sidebars,
)
from scraper.parse.comments.header import read_header
from scraper.parse.comments.names import (
    INTERFACE_ONLY,
    USER_ID,
    HeaderName,
    dated_author,
    dated_name,
    header_name,
    is_name,
)
from scraper.parse.comments.records import NOT_A_COMMENTER, RawComment
from scraper.parse.comments.select import PageIndex
from scraper.parse.sanitize import html_to_text, sanitize_html
from scraper.parse.tree import inner_html, outer_html

__all__ = [
    "OWN_PARAGRAPHS",
    "CommentMarkup",
    "PageIndex",
    "extract_markup",
    "outside_sidebars",
]

#: The ``text`` selector that means "all the comment's own <p> elements" (classic themes).
OWN_PARAGRAPHS = "P*"
MAX_DATE_TEXT = 80
#: Elements that show a commenter's name by their class, for markup whose own author selector
#: finds none: hCard names, WordPress's author link, "by" spans, user names.
NAME_ELEMENTS = (
    ".fn, .vcard, a.url, [class*=author], [class*=commenter], .name, [class*=username], "
    "[class*=user-name], .user, .by, .byline, cite"
)


@dataclass(frozen=True)
class CommentMarkup:
    """Selectors for one comment markup family. Empty strings mean "not used".

    ``text`` is tried in order; ``strip`` removes meta nodes (author, date, reply links) from the
    chosen text node, which matters when the text selector is the whole comment body. ``author``,
    ``date`` and ``text`` may match the item (or a ``follow`` sibling) itself. With ``need_date``,
    items without a date stamp are not comments (markup too loose to trust on its own).
    """

    system: str
    item: str
    text: Sequence[str]
    author: str = ""
    date: str = ""
    region: str = ""
    skip: str = ""
    reply_container: str = ""
    strip: str = ""
    deleted: str = ""
    deleted_text: str = "[deleted]"
    follow: str = ""
    need_date: bool = False


class _Items:
    """The page's comment items and, for every element that is part of one (the item or a
    ``follow`` sibling), the item it belongs to."""

    def __init__(self, items: list[Tag], follow: str, index: PageIndex) -> None:
        self.items = items
        self.paired = bool(follow)
        self.owner_of: dict[int, Tag] = {id(t): t for t in items}
        self.parts: dict[int, list[Tag]] = {id(t): [t] for t in items}
        if follow:
            for item in items:
                sibling = item.next_sibling
                while sibling is not None:
                    if isinstance(sibling, Tag):
                        if id(sibling) in self.owner_of or not index.matches(sibling, follow):
                            break
                        self.owner_of[id(sibling)] = item
                        self.parts[id(item)].append(sibling)
                    sibling = sibling.next_sibling

    def owner(self, node: Tag | NavigableString, stop: Tag | None = None) -> Tag | None:
        """The item that ``node`` (strictly inside some part) belongs to, or None."""
        for parent in node.parents:
            if parent is stop:
                return None
            found = self.owner_of.get(id(parent))
            if found is not None:
                return found
        return None

    def belongs(self, node: Tag, item: Tag) -> bool:
        found = self.owner_of.get(id(node))
        if found is not None:
            return found is item
        return self.owner(node) is item


def _own(
    item: Tag, selector: str, items: _Items, index: PageIndex, *, need_text: bool = False
) -> Tag | None:
    """The first element matching ``selector`` that belongs to ``item`` and not to a reply.

    A comma-separated selector is a priority list: earlier parts win over later ones.
    """
    if not selector:
        return None
    for part in selector.split(","):
        part = part.strip()
        if not index.may_match(part):
            continue
        for root in items.parts[id(item)]:
            # The item itself is a candidate only in paired lists, where it is the meta block.
            whole = root is not item or items.paired
            for found in index.select(root, part, include_root=whole):
                if found is not root and id(found) in items.owner_of:
                    continue
                if not items.belongs(found, item):
                    continue
                if need_text and not found.get_text(strip=True):
                    continue
                return found
    return None


def _without(
    node: Tag, strip: str, index: PageIndex, drop: frozenset[int] = frozenset()
) -> Tag:
    """``node``, or a copy of it without the elements matching ``strip`` or in ``drop``."""
    junk = {id(t) for t in index.select(node, strip)} if strip else set()
    if drop:
        junk.update(id(t) for t in index.descendants(node) if id(t) in drop)
    if not junk:
        return node
    clone = copy.copy(node)
    doomed = [
        twin
        for original, twin in zip(index.descendants(node), _elements(clone), strict=False)
        if id(original) in junk
    ]
    for twin in doomed:
        if not twin.decomposed:
            twin.decompose()
    return clone


def _elements(node: Tag) -> list[Tag]:
    """``node.find_all(True)``, without bs4's filters."""
    return [t for t in node.descendants if isinstance(t, Tag)]


def _text_of(
    nodes: list[Tag], strip: str, url: str, index: PageIndex, drop: frozenset[int] = frozenset()
) -> tuple[str, str]:
    """The text and HTML of a comment's text nodes, without ``strip`` matches and the meta
    lines in ``drop`` (ids of elements)."""
    texts, htmls = [], []
    nodes = [n for n in nodes if id(n) not in drop]
    for node in nodes:
        node = _without(node, strip, index, drop)
        texts.append(html_to_text(node))
        htmls.append(inner_html(node) if len(nodes) == 1 else outer_html(node))
    return "\n\n".join(t for t in texts if t), sanitize_html("".join(htmls), url)


def _date_in(item: Tag, items: _Items, text_nodes: list[Tag] | None) -> str | None:
    """A date written loose in the comment's own meta text (no date element to select)."""
    skip = {id(t) for t in text_nodes or []}
    for root in items.parts[id(item)]:
        for string in root.descendants:  # root.find_all(string=True), without bs4's filters
            if not isinstance(string, NavigableString):
                continue
            if len(string) > MAX_DATE_TEXT or not any(map(str.isdigit, string)):
                continue
            parent = string.parent
            if parent is None or parent.name in ("script", "style"):
                continue
            if any(id(p) in skip for p in string.parents) or items.owner(string) is not item:
                continue
            if parse_date(str(string)) is not None:
                return " ".join(string.split())
    return None


def _parent_item(
    item: Tag, markup: CommentMarkup, items: _Items, index: PageIndex, stands_for: dict[int, Tag]
) -> Tag | None:
    """The comment ``item`` replies to: an enclosing item, or the comment just before the reply
    container it sits in (Drupal's ``div.indented`` follows its parent comment)."""
    for parent in item.parents:
        if not isinstance(parent, Tag) or parent.name in ("body", "html"):
            return None
        owner = items.owner_of.get(id(parent))
        if owner is not None:
            rep = stands_for.get(id(owner), owner)
            if rep is not item:
                return rep
            continue
        if markup.reply_container and index.matches(parent, markup.reply_container):
            sibling = parent.find_previous_sibling(True)
            while isinstance(sibling, Tag):
                owner = items.owner_of.get(id(sibling))
                if owner is not None:
                    return stands_for.get(id(owner), owner)
                inner = next((t for t in sibling.find_all(True) if id(t) in items.parts), None)
                if inner is not None:
                    return stands_for.get(id(inner), inner)
                sibling = sibling.find_previous_sibling(True)
            return None
    return None


def _texts(item: Tag, markup: CommentMarkup, items: _Items, index: PageIndex) -> list[Tag]:
    """The comment's text nodes: the first text selector that finds some. A node that is itself
    meta (it matches ``strip``: a ``p.comment-meta`` among the paragraphs) is not text."""

    def meta(tag: Tag) -> bool:
        return bool(markup.strip) and index.matches(tag, markup.strip)

    for selector in markup.text:
        if selector == OWN_PARAGRAPHS:
            paragraphs = [
                p
                for root in items.parts[id(item)]
                for p in index.select(root, "p", include_root=True)
                if items.owner(p) is item and not meta(p)
            ]
            if paragraphs:
                return paragraphs
            continue
        found = _own(item, selector, items, index)
        if found is not None and not meta(found):
            return [found]
    return []


def extract_markup(
    soup: Tag, markup: CommentMarkup, url: str, index: PageIndex
) -> list[RawComment]:
    """All comments of one markup family on the page, in page order (empty if none)."""
    if not index.may_match(markup.item):
        return []
    candidates = [t for t in index.select(soup, markup.item) if outside_sidebars(t)]
    if not candidates:
        return []
    if markup.skip:
        skipped = {id(t) for t in index.select(soup, markup.skip)}
        candidates = [t for t in candidates if id(t) not in skipped]
    items = _Items(candidates, markup.follow, index)
    texts: dict[int, list[Tag]] = {}
    for item in candidates:
        found = _texts(item, markup, items, index)
        if found:
            texts[id(item)] = found
    deleted = {
        id(t) for t in candidates if markup.deleted and _own(t, markup.deleted, items, index)
    }
    kept = [t for t in candidates if id(t) in texts or id(t) in deleted]
    # A wrapper (no text of its own) stands for the first kept item inside it.
    stands_for: dict[int, Tag] = {}
    for item in candidates:
        if id(item) not in texts and id(item) not in deleted:
            inner = next((k for k in kept if index.contains(item, k) and k is not item), None)
            if inner is not None:
                stands_for[id(item)] = inner
    out: list[RawComment] = []
    for item in kept:
        owner = _parent_item(item, markup, items, index, stands_for)
        nodes = texts.get(id(item))
        date_tag = _own(item, markup.date, items, index)
        author_tag = _own(item, markup.author, items, index, need_text=True)
        # "Comment by NAME — 17.07, 2011 @ 13:04": an author element that also prints the date.
        dated = dated_author(author_tag.get_text(" ")) if author_tag is not None else None
        stamp = date_text(date_tag) if date_tag else None
        stamp = stamp or (dated.stamp if dated else None) or _date_in(item, items, nodes)
        name, link = author_name(author_tag, stamp), author_url(author_tag, url)
        if dated is not None and (name is None or dated.stamp in name):
            name = dated.name
        if name is not None and INTERFACE_ONLY.match(name):
            name = None  # "Profile": the author element holds the profile link, not the name
        drop = _author_line(nodes, author_tag)
        if nodes and (name is None or stamp is None):
            parts = items.parts[id(item)]
            header = read_header(item, parts, items.owner, nodes, markup.strip, index)
            if any(NOT_A_COMMENTER.match(" ".join(line)) for line in header.lines):
                continue  # "Pingback by <a>site</a>": a notice, whatever the name reads
            stamp = stamp or header.stamp
            drop = drop | header.drop
            if name is None:
                named = (
                    header_name(header.lines, stamp)
                    or _named_element(item, items, index, header.text_ids, stamp)
                    or dated_name(header.lines, stamp)
                )
                if named is not None:
                    name, link = named.name, author_url(named.holder, url) or link
        if markup.need_date and not stamp:
            continue
        if nodes:
            text, html = _text_of(nodes, markup.strip, url, index, drop)
            if not text.strip():
                continue
        else:
            text, html = markup.deleted_text, ""
        out.append(
            RawComment(
                element=item,
                author=name,
                author_url=link,
                date_text=stamp,
                text=text,
                html=html,
                external_id=external_id(item),
                parent=owner,
            )
        )
    return out


def _author_line(nodes: list[Tag] | None, author: Tag | None) -> frozenset[int]:
    """The text node that is only the author element ("<p><cite>Comment by NAME — DATE</cite>
    </p>" among a comment's own paragraphs): an attribution line, not the comment's words."""
    if not nodes or author is None or len(nodes) < 2:
        return frozenset()
    said = " ".join(author.get_text(" ").split())
    return frozenset(
        id(node)
        for node in nodes
        if said
        and author in node.descendants
        and " ".join(node.get_text(" ").split()) == said
    )


def _named_element(
    item: Tag, items: _Items, index: PageIndex, text_ids: set[int], stamp: str | None
) -> HeaderName | None:
    """A name in an element whose class says so (:data:`NAME_ELEMENTS`), outside the text."""
    for part in NAME_ELEMENTS.split(","):
        part = part.strip()
        if not index.may_match(part):
            continue
        for root in items.parts[id(item)]:
            for found in index.select(root, part, include_root=root is not item):
                if not items.belongs(found, item) or (
                    found is not root and id(found) in items.owner_of
                ):
                    continue
                strings = [s for s in found.strings if s.strip()]
                if not strings or any(id(s) in text_ids for s in strings):
                    continue
                name = author_name(found, stamp)
                name = USER_ID.sub("", name) if name else None
                if is_name(name):
                    assert name is not None
                    return HeaderName(name, found)
    return None
