"""Blogger comments: the threaded layout (``div.comment-thread li.comment``) and the classic
``dl#comments-block`` (``dt`` author / ``dd`` body / ``dd`` footer triples, no element per
comment: the ``dd`` siblings follow their ``dt``). Classic stamps often show only a time of day;
the exact time is in the permalink (``?showComment=<epoch ms>``).

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

CLASSIC = CommentMarkup(
    system="blogger",
    item="dl#comments-block > dt",
    follow="dd",
    text=(".comment-body", "dd"),
    author=".comment-author",
    date=".comment-timestamp, .comment-footer",
    region=BLOGGER_REGION + ", #comments-block",
    strip=".comment-footer, .item-control",
    deleted=".deleted-comment",
)

MARKUPS = (THREADED, CLASSIC)
