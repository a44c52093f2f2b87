"""Self-hosted WordPress: theme markup follows the ``entry-*`` / ``post-*`` class conventions."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

WORDPRESS = Platform(
    name="wordpress",
    generator=(r"^WordPress(?! ?\.com)\b",),
    markers=("/wp-content/", "/wp-includes/", "wp-json"),
    title=("h1.entry-title", "h1.post-title", "h2.entry-title", ".entry-title", ".post-title"),
    date=("time.entry-date", ".entry-date", ".post-date", ".posted-on time", ".published"),
    author=(".entry-meta .author .fn", ".byline .author", ".entry-author-name", ".author.vcard",
            ".post-author-name", "a[rel=author]"),
    body=(".entry-content", ".post-content", ".post-entry", ".td-post-content",
          ".single-content", "article .content"),
    tags=("a[rel~=tag][href*='/tag/']", ".tags-links a", ".post-tags a", ".entry-tags a"),
    categories=("a[rel~=category]", ".cat-links a", "a[href*='/category/']"),
)

PLATFORM = WORDPRESS
