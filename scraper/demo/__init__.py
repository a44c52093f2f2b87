"""A small, realistic practice blog served on 127.0.0.1: the demo and the tests' fixture site.

It imitates the blog the user showed us (an old site builder, ``?sid=`` post ids with holes,
``4.12.2016`` dates, ``12/03/18 10:09 PM`` comment stamps, nested replies, spam, repeated
sidebars, no sitemap or feed) with prose written for this project.

    with DemoServer() as server:
        crawl(server.url)                      # http://127.0.0.1:PORT/
        server.request_log                     # ["/robots.txt", "/", ...]

``render`` answers a request without a server; ``expected_posts()`` is what an archive of the
site should hold.
"""

from __future__ import annotations

from scraper.demo.content import (
    COMMENT_ONLY_WORDS,
    PAGES,
    POSTS,
    SITE_NAME,
    UNIQUE_WORDS,
)
from scraper.demo.expected import ExpectedPost, expected_posts
from scraper.demo.layout import format_date, format_stamp
from scraper.demo.model import DemoComment, DemoPage, DemoPost
from scraper.demo.server import DemoServer, LoggedRequest
from scraper.demo.site import render

__all__ = [
    "COMMENT_ONLY_WORDS",
    "PAGES",
    "POSTS",
    "SITE_NAME",
    "UNIQUE_WORDS",
    "DemoComment",
    "DemoPage",
    "DemoPost",
    "DemoServer",
    "ExpectedPost",
    "LoggedRequest",
    "expected_posts",
    "format_date",
    "format_stamp",
    "render",
]
