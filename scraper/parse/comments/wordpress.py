"""WordPress comments: core markup (``wp_list_comments``) in its many theme variants, wpDiscuz.

Core markup is ``li.comment#comment-N`` (or ``li#li-comment-N > div#comment-N``) with replies in
``ul.children`` and ``depth-N`` classes; pingbacks and trackbacks are ``li.pingback`` /
``li.trackback`` and are dropped. Themes rename the text and meta blocks, hence the fallbacks.
"""

from __future__ import annotations

from scraper.parse.comments.markup import OWN_PARAGRAPHS, CommentMarkup

WP_REGION = (
    "#comments, .comments-area, #respond, .comment-respond, #commentform, #comments-title, "
    ".comments-title, .comment-list, .commentlist"
)
WP_STRIP = (
    ".comment-author, .comment-meta, .comment-metadata, .commentmetadata, .reply, "
    ".comment-reply-link, .says, .avatar, .comment-awaiting-moderation, .comment-edit-link, "
    "cite.fn, .comment-text > .date"
)

NATIVE = CommentMarkup(
    system="native",
    item=(
        "li.comment, li.pingback, li.trackback, article.comment[id^=comment-], "
        "div.comment[id^=comment-], li[id^=li-comment-], li[id^=comment-]"
    ),
    skip="li.pingback, li.trackback, .pingback, .trackback, .type-pingback",
    text=(
        ".comment-content",
        ".comment-text",
        "[class*=comment-text]",
        "[class*=comment-content]",
        ".comment-entry",
        ".comment_text",
        "[class*=commentBody], [class*=commentbody]",
        OWN_PARAGRAPHS,
        ".comment-body",
    ),
    author=(
        ".comment-author .fn, .fn, cite, .comment-author, [class*=comment-author], "
        "[class*=item-author], .author, .commenter, .comment-name"
    ),
    date=(
        "time, .comment-metadata, .comment-meta, .commentmetadata, [class*=comment-date], "
        "[class*=item-date], .comment-time, .date"
    ),
    region=WP_REGION,
    strip=WP_STRIP,
)

WPDISCUZ = CommentMarkup(
    system="wpdiscuz",
    item="div.wpd-comment, div.wc-comment",
    text=(".wpd-comment-text", ".wc-comment-text"),
    author=".wpd-comment-author, .wc-comment-author",
    date=".wpd-comment-date, .wc-comment-date",
    region="#wpdcom, #wpcomm, #comments, .wpdiscuz_top_clearing",
)

#: Themes that list comments as ``<dt>`` (author, date) + ``<dd>`` (text) pairs:
#: ``dl.commentlist`` themes and Thesis (``dl#comment_list``); replies sit in a ``dl.children``
#: inside the parent's ``<dd>``.
DL_LIST = CommentMarkup(
    system="native",
    item="dl.commentlist dt, dl#comment_list dt, dl.comment-list dt",
    follow="dd",
    skip=".pingback, .trackback",
    text=(
        ".format_text",
        ".comment-content",
        ".comment-body",
        ".comment-text",
        "div.comment",
        OWN_PARAGRAPHS,
        "dd",
    ),
    author=".comment_author, .comment-author .fn, .comment-author, .fn, cite, a.url",
    date="time, .comment_time, .comment-date, .comment-meta, .comment-metadata",
    region=WP_REGION + ", dl.commentlist, dl#comment_list",
    strip="dl, .reply, .comment-reply-link, .comment_author, .comment-meta, .avatar",
)

MARKUPS = (WPDISCUZ, NATIVE, DL_LIST)
