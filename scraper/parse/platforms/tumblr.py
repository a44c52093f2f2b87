"""Tumblr: theme markup varies; assets from ``assets.tumblr.com`` / ``static.tumblr.com``."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="tumblr",
    generator=(r"tumblr",),
    markers=("assets.tumblr.com", "static.tumblr.com", "tumblr.com/dashboard/iframe",
             "tumblr_controls"),
    title=(".post-title", ".title", "h2 a[href*='/post/']"),
    date=(".date", ".post-date", "time"),
    author=(".post-author", ".author"),
    body=(".post-content", ".post-body", ".body-text", ".caption", ".post"),
    tags=(".tags a", "a[href*='/tagged/']"),
)
