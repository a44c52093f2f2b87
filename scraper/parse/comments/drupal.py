"""Drupal comments (D6-D10): ``div.comment`` / ``article.comment`` with replies in a
``div.indented`` that *follows* the parent comment rather than nesting in it."""

from __future__ import annotations

from scraper.parse.comments.markup import CommentMarkup

MARKUP = CommentMarkup(
    system="native",
    item="div.comment, article.comment, article[data-comment-user-id]",
    text=(
        ".field-name-comment-body",
        ".field--name-comment-body",
        ".field-comment-body",
        ".comment__content",
        ".comment-body",
        ".content",
    ),
    author=".username, .comment__author, .author, .name",
    date="time, .submitted, .comment__time, .date, .comment-date",
    reply_container=".indented",
    region="#comments, .comment-wrapper, .comment-form, #comment-form, .comments",
    strip=".submitted, ul.links, .links, .username, .comment__meta, h3.name",
)

MARKUPS = (MARKUP,)
