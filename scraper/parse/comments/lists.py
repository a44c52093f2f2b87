"""Comment areas that list comments as bare definition lists: ``<dt>`` (number, name, date)
then ``<dd>`` (the text), with no class on either, inside an element whose id or class says
"comments". Keyed to that markup pattern, not to any platform."""

from __future__ import annotations

from scraper.parse.comments.markup import OWN_PARAGRAPHS, CommentMarkup

BARE_DL = CommentMarkup(
    system="native",
    item="#comments dl > dt, .comments dl > dt, #comment-list dl > dt",
    follow="dd",
    text=(OWN_PARAGRAPHS, "dd"),
    author=".comment-author, .fn, cite, a.url",
    region="#comments, .comments, #comment-list",
    need_date=True,
)

MARKUPS = (BARE_DL,)
