"""Replies that sit *after* their parent comment, in a container of their own.

Most comment markup nests a reply inside its parent (WordPress ``li > ul.children > li``). Some
put the replies in a container that *follows* the parent instead: Drupal's classic threading
(``div.comment`` then ``div.indented`` with its replies), HuffPost's ``div.comment_item`` then
``div.comment_children``, Le Figaro's ``article`` then ``ul.fig-comment-child``. A comment inside
such a container, and inside no other comment, replies to the last comment before the
container at the container's own level.
"""

from __future__ import annotations

from collections.abc import Sequence

from bs4.element import Tag

from scraper.parse.comments.select import PageIndex
from scraper.parse.comments.tokens import token_words

__all__ = ["REPLY_CONTAINER_WORDS", "is_reply_container", "replied_to"]

#: Class words of a container that holds the replies to the comment before it.
REPLY_CONTAINER_WORDS = frozenset({"indented", "children", "child", "replies"})
#: ...unless another word says it is a link, a counter or a form.
NOT_REPLY_CONTAINER_WORDS = frozenset(
    {"link", "links", "count", "counter", "form", "button", "btn", "toggle", "more", "load"}
)


def is_reply_container(tag: Tag) -> bool:
    """True for ``div.indented``, ``div.comment_children``, ``ul.fig-comment-child``."""
    found = False
    for token in tag.get_attribute_list("class"):
        words = token_words(token) if token else ()
        if any(w in NOT_REPLY_CONTAINER_WORDS for w in words):
            return False
        found = found or any(w in REPLY_CONTAINER_WORDS for w in words)
    return found


def _container_of(tag: Tag, area: Tag) -> Tag | None:
    """The nearest reply container holding ``tag``, inside ``area``."""
    for parent in tag.parents:
        if parent is area or not isinstance(parent, Tag):
            return None
        if is_reply_container(parent):
            return parent
    return None


def replied_to(tag: Tag, units: Sequence[Tag], area: Tag, index: PageIndex) -> Tag | None:
    """The unit that ``tag`` replies to through a following reply container, or None.

    ``units`` are the area's comment units in page order; ``tag`` is inside none of them.
    """
    container = _container_of(tag, area)
    if container is None:
        return None
    start = index.position.get(id(container))
    if start is None:
        return None
    level = _container_of(container, area)
    best: Tag | None = None
    for unit in units:
        at = index.position.get(id(unit), -1)
        if at >= start:
            break
        if _container_of(unit, area) is level:
            best = unit
    return best
