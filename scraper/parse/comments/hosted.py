"""Hosted comment systems that also print their comments into the page as static HTML (for
crawlers and readers without JavaScript): Disqus's ``#dsq-comments`` fallback (the WordPress
plugin), Livefyre's ``#lf_comments`` stream. When that HTML is present it is read like any
native markup; otherwise the system is only named (see :mod:`.embeds`)."""

from __future__ import annotations

from scraper.parse.comments.markup import CommentMarkup

DISQUS = CommentMarkup(
    system="disqus",
    item="li[id^=dsq-comment-], div.dsq-comment",
    text=(".dsq-comment-message", ".dsq-comment-text", ".dsq-comment-body"),
    author="[id^=dsq-author-user-], .dsq-comment-header cite, .dsq-commenter-name, cite",
    date=".dsq-comment-meta, .dsq-comment-date, time",
    region="#disqus_thread, #dsq-content, #dsq-comments",
)

LIVEFYRE = CommentMarkup(
    system="livefyre",
    item="div.lf_comment_container",
    text=(".lf_body", ".lf_comment_body"),
    author=".lf_comment_user_nick",
    date=".lf_comment_date, time",
    region="#livefyre, #lf_comments, #lf_comment_stream",
)

MARKUPS = (DISQUS, LIVEFYRE)
