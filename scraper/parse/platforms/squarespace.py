"""Squarespace: ``BlogItem`` templates; assets on ``static1.squarespace.com``."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="squarespace",
    generator=(r"squarespace",),
    markers=("static1.squarespace.com", "assets.squarespace.com", "<!-- This is Squarespace. -->",
             "Static.SQUARESPACE_CONTEXT"),
    title=("h1.entry-title", "h1.blog-title", ".BlogItem-title", "h2.entry-title"),
    date=("time.dt-published", "time.published", ".blog-meta-item--date", "time"),
    author=(".blog-author-name", ".author-name", ".entry-author",
            "[itemprop=author] [itemprop=name]"),
    body=(".blog-item-content", ".entry-content", ".BlogItem-content", ".sqs-layout"),
    tags=("a[rel=tag]", ".blog-item-tag", ".entry-tags a", ".tags a"),
    categories=(".blog-item-category", ".entry-categories a", ".categories a"),
)
