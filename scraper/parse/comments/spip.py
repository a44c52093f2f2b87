"""SPIP forums: ``ul.forum > li.forum-fil`` with replies nested in a ``ul`` of the parent; the
name is in ``.forum-qui`` or, with the crayons plugin, ``.forum-qui-<id>``."""

from __future__ import annotations

from scraper.parse.comments.markup import CommentMarkup

MARKUP = CommentMarkup(
    system="native",
    item="li.forum-fil",
    text=(".forum-texte .comment-texte", ".forum-texte", ".comment-texte"),
    # ``b.crayon.forum-qui-226837``: SPIP's "crayons" (in-place editing) number the class.
    author=".forum-qui, [class*=forum-qui-], .comment-author .fn, .comment-author",
    date="abbr.date, .forum-date, .date",
    region=".forum, #comments, .comments, .formulaire_forum, #formulaire_forum",
)

MARKUPS = (MARKUP,)
