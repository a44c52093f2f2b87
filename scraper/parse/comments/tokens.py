"""Class and id tokens that name a comment, read word by word.

Comment systems that no adapter knows still name their markup: ``li.fig-comment``,
``div.comment-item``, ``article.c-comment``, ``div.js-comment``, ``table.commentBackground``.
A token is split into its words (at ``-``, ``_`` and camelCase humps); it names a comment when
one word is a comment word and no word says it is something around comments instead: the form
(``comment-form``), a counter (``comments-count``), a link or button (``comment-reply-link``),
a notice (``no-comments``), navigation (``comments-pagination``). Substring tests ("comment"
in the class) cannot tell these apart; the words can.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bs4.element import Tag

__all__ = [
    "COMMENT_WORDS",
    "NOT_COMMENT_WORDS",
    "is_comment_token",
    "names_comment",
    "token_names",
    "token_words",
]

#: Words that name a comment (singular and plural), in the supported languages.
COMMENT_WORDS = frozenset(
    {"comment", "comments", "kommentar", "kommentare", "commentaire", "commentaires",
     "comentario", "comentarios", "commento", "commenti"}
)  # fmt: skip
#: Words that make a comment token name something around comments instead.
NOT_COMMENT_WORDS = frozenset(
    {"form", "respond", "count", "counter", "number", "num", "link", "links", "button", "btn",
     "icon", "rss", "feed", "title", "heading", "closed", "close", "no", "none", "nav",
     "pagination", "pager", "policy", "rules", "toggle", "share", "submit", "field", "input",
     "textarea", "login", "notice", "more", "load", "add", "new", "post", "write", "leave",
     "bubble", "total", "stats", "tab", "tabs", "sort", "filter", "subscribe", "status"}
)  # fmt: skip
_WORD_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z0-9])(?=[A-Z])")


@lru_cache(maxsize=8192)
def token_words(token: str) -> tuple[str, ...]:
    """The lower-cased words of a class or id token: ``fig-comment_userName`` -> fig, comment,
    user, name."""
    return tuple(w.lower() for w in _WORD_SPLIT.split(token) if w)


@lru_cache(maxsize=8192)
def is_comment_token(token: str) -> bool:
    """True for a class or id token naming a comment (``fig-comment``, ``comment-item``,
    ``commentBackground``), False for one naming its form, counter, links or notices."""
    return token_names(token, COMMENT_WORDS, NOT_COMMENT_WORDS)


def token_names(token: str, yes: frozenset[str], no: frozenset[str]) -> bool:
    """True when one of the token's words is a ``yes`` word and none is a ``no`` word
    (``author_name`` names an author; ``author_fans_count`` does not)."""
    words = token_words(token)
    return any(w in yes for w in words) and not any(w in no for w in words)


def names_comment(tag: Tag) -> bool:
    """True when one of ``tag``'s class tokens (or its id) names a comment."""
    tokens = [*tag.get_attribute_list("class"), str(tag.get("id") or "")]
    return any(is_comment_token(t) for t in tokens if t)
