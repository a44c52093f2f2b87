"""Tumblr post notes (``ol.notes > li.note``, what the ``{PostNotes}`` theme tag prints).

Notes are likes, reblogs and replies. A reply ("anna said: ...", ``li.note.reply``) is a
reader comment; so is a reblog that adds commentary ("anna reblogged this from bo and added:
<blockquote>...", ``li.note.with_commentary``): it is a reader's own words on the post, shown
on the post's page, as WordPress.com's "Reblogged this on ..." entries are. Likes and bare
reblogs carry no words and are not comments. Notes carry no time stamps.
"""

from __future__ import annotations

from scraper.parse.comments.markup import CommentMarkup

NOTES = CommentMarkup(
    system="tumblr",
    item="ol.notes li.note.reply, ol.notes li.note.with_commentary",
    text=(".answer_content", "blockquote"),
    author="a.tumblelog, .action a",
    region="ol.notes",
)

MARKUPS = (NOTES,)
