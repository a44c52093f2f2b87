"""Cheap walks over a page's tree: what bs4's ``find_all`` and ``get_text`` return, faster.

bs4 answers ``find_all(("h2", "h3"))``, ``find_all("a", href=True)`` and ``get_text()`` through
generators and a filter object consulted for every node; the extractors ask such questions
tens of thousands of times a page. These functions follow the same ``next_element`` chain over
the same nodes with plain loops, so they return the same elements and text (the tree may have
been edited: bs4 keeps the chain in order), about twice as fast.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from typing import cast

from bs4.element import NavigableString, PageElement, Tag

__all__ = ["first_below", "iter_below", "tags_below", "text_of"]


def _after_last(root: Tag) -> PageElement | None:
    """The node that follows ``root``'s last descendant in document order."""
    last: PageElement = root
    while isinstance(last, Tag) and last.contents:
        last = last.contents[-1]
    return last.next_element


def tags_below(
    root: Tag, names: Container[str] | None = None, *, attr: str | None = None, limit: int = 0
) -> list[Tag]:
    """``root.find_all(names, limit=limit)``: the elements below ``root`` called one of
    ``names`` (any name when None), in document order; with ``attr``, only those carrying that
    attribute (``find_all(names, attr=True)``)."""
    found: list[Tag] = []
    if not root.contents:
        return found
    stop = _after_last(root)
    node: PageElement | None = root.contents[0]
    while node is not stop and node is not None:
        if (
            isinstance(node, Tag)
            and (names is None or node.name in names)
            and (attr is None or node.attrs.get(attr) is not None)
        ):
            found.append(node)
            if limit and len(found) >= limit:
                break
        node = node.next_element
    return found


def iter_below(root: Tag) -> Iterator[Tag]:
    """``root.find_all(True)``, lazily: the elements below ``root`` in document order (for
    ``root.find(function)``: ``next(filter(function, iter_below(root)), None)``)."""
    if not root.contents:
        return
    stop = _after_last(root)
    node: PageElement | None = root.contents[0]
    while node is not stop and node is not None:
        if isinstance(node, Tag):
            yield node
        node = node.next_element


def first_below(root: Tag, names: Container[str], *, attr: str | None = None) -> Tag | None:
    """``root.find(names)`` (``find(names, attr=True)`` with ``attr``): the first such element
    below ``root``, or None."""
    found = tags_below(root, names, attr=attr, limit=1)
    return found[0] if found else None


def text_of(tag: Tag, separator: str = "", strip: bool = False) -> str:
    """``tag.get_text(separator, strip=strip)``."""
    contents = tag.contents
    if not contents:
        return ""
    given: object = tag.interesting_string_types  # a set of string classes, or one class
    if given is None:
        given = Tag.MAIN_CONTENT_STRING_TYPES
    types = (given,) if isinstance(given, type) else cast("Container[type]", given)
    if len(contents) == 1 and isinstance(contents[0], NavigableString):  # most elements
        string = contents[0]
        if type(string) in types:
            return string.strip() if strip else str(string)
        return ""
    stop = _after_last(tag)
    pieces: list[str] = []
    node: PageElement | None = contents[0]
    while node is not stop and node is not None:
        if isinstance(node, NavigableString) and type(node) in types:
            if not strip:
                pieces.append(node)
            else:
                stripped = node.strip()
                if stripped:
                    pieces.append(stripped)
        node = node.next_element
    return separator.join(pieces)
