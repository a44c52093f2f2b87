"""Weebly (now Square Online): ``.blog-post`` blocks, assets on ``editmysite.com``."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="weebly",
    generator=(r"weebly",),
    markers=("editmysite.com", "weebly.com/weebly/", "_W.configDomain"),
    css_markers=("div.blog-post .blog-title",),
    title=(".blog-title-link", "h2.blog-title", ".blog-title"),
    date=(".blog-date .date-text", ".blog-date"),
    author=(".blog-author-title", ".blog-author"),
    body=(".blog-content",),
    tags=(".blog-category a",),
)
