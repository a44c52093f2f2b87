"""A comment's name (and what is not its text) read off elements whose class says so.

Comment markup that no adapter knows still labels its parts: ``a.fig-comment-user``,
``span.comment-author``, ``span.comment_author_name``, ``div.commentor-info`` for the name;
``div.badges_opt_out_text`` for a badge, ``div.xy-comment-avatar-wrapper`` for the avatar box.
The generic finder reads units by position (the line around the stamp names the author, the
rest is text), which goes wrong when the unit also holds badges ("HUFFPOST SUPER USER") or a
party label beside the name. When the class names the part, the class wins.

Only the name string leaves the text: what else an author box holds (a bio line, a fan count)
stays, as does a comment's subject line: the hand-labelled dragnet corpus counts both as
comment text.

Class tokens are split into words (:func:`~scraper.parse.comments.tokens.token_words`): a part
is named by one of its words and not unnamed by another (``author_photo`` is no name). The
innermost such element is taken: ``div.comment_author`` ("Soumis par <span
class=comment_author_name>NAME</span>") gives the span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bs4.element import NavigableString, Tag

from scraper.parse.comments.tokens import token_names

__all__ = ["ClassNamed", "class_named"]

#: Words of a class that holds the commenter's name, and words that make it something else.
AUTHOR_WORDS = frozenset(
    {"author", "user", "username", "commenter", "commentor", "nick", "nickname", "poster",
     "screenname", "fn"}
)  # fmt: skip
NOT_AUTHOR_WORDS = frozenset(
    {"avatar", "photo", "pic", "picture", "image", "img", "badge", "badges", "bio", "fans",
     "count", "says", "role", "type", "url", "title", "teaser", "icon", "comments", "text",
     "content", "body", "posts", "rank", "level", "karma", "points", "since", "location"}
)  # fmt: skip
#: Words of a class that holds what is printed with a comment but is not its text: the
#: commenter's badges (``div.badges_opt_out_text``), the avatar box and the label printed under
#: the picture ("Abonné").
APART_WORDS = frozenset({"badge", "badges", "avatar"})
NOT_APART_WORDS = frozenset({"author", "user", "name"})


@dataclass(frozen=True)
class ClassNamed:
    """The unit's class-named name element (innermost), and the elements to keep apart from
    its text."""

    author: Tag | None
    apart: tuple[Tag, ...]


def _named(tag: Tag, yes: frozenset[str], no: frozenset[str]) -> bool:
    """True when one class token names a ``yes`` part (``author_name`` beside ``has_title``)."""
    return any(token_names(t, yes, no) for t in tag.get_attribute_list("class") if t)


def class_named(roots: Sequence[Tag], strings: Sequence[NavigableString]) -> ClassNamed:
    """The elements inside the unit ``roots`` (not the roots themselves) whose class names the
    author, or a part that is not text, among the ancestors of the unit's own ``strings``."""
    stop = {id(r) for r in roots}
    seen: set[int] = set()
    authors: list[Tag] = []
    apart: list[Tag] = []
    for string in strings:
        for parent in string.parents:
            if id(parent) in stop or parent.name in ("body", "html", "[document]"):
                break
            if id(parent) in seen:
                continue
            seen.add(id(parent))
            if not parent.attrs.get("class"):
                continue  # no class (most ancestors): nothing names it
            if _named(parent, AUTHOR_WORDS, NOT_AUTHOR_WORDS):
                authors.append(parent)
            elif _named(parent, APART_WORDS, NOT_APART_WORDS):
                apart.append(parent)
    return ClassNamed(_first_innermost(authors), tuple(apart))


def _innermost(tags: list[Tag]) -> list[Tag]:
    """``tags`` without those that hold another of them."""
    ids = {id(t) for t in tags}
    holders = {id(p) for t in tags for p in t.parents if id(p) in ids}
    return [t for t in tags if id(t) not in holders]


def _first_innermost(tags: list[Tag]) -> Tag | None:
    inner = _innermost(tags)
    return inner[0] if inner else None
