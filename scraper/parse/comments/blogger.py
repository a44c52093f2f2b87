"""Blogger comments: the threaded layout (``div.comment-thread li.comment``). The classic
``dl#comments-block`` (``dt`` author / ``dd`` body / ``dd`` footer triples) has no element per
comment and is left to the generic finder.

Comments removed by their author or an admin stay in the thread as a stub ("This comment has
been removed"); they are kept, with that text, so that threading indices stay right.
"""

from __future__ import annotations

from scraper.parse.comments.markup import CommentMarkup

BLOGGER_REGION = "#comments, .comments, #comment-holder, .comment-form, #comment-editor"

THREADED = CommentMarkup(
    system="blogger",
    item="li.comment:has(> div.comment-block)",
    text=(".comment-content",),
    author="cite.user, .user, .comment-header cite",
    date=".datetime, .comment-timestamp",
    region=BLOGGER_REGION,
    deleted=".deleted-comment",
)

MARKUPS = (THREADED,)
