"""Substack: only the top few comments are pre-rendered (``.comment-list-items > div.comment``);
the rest load by script. The pre-rendered ones are real comments and are kept."""

from __future__ import annotations

from scraper.parse.comments.markup import CommentMarkup

MARKUP = CommentMarkup(
    system="substack",
    item=".comment-list-items div.comment",
    text=(".comment-body",),
    author=".commenter-name",
    date=".comment-timestamp, time",
    region=".comments-section, .comment-list, .comments-page, #discussion",
)

MARKUPS = (MARKUP,)
