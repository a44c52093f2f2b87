"""Wix: server-rendered blog posts with ``data-hook`` attributes on the post parts."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="wix",
    generator=(r"^Wix\.com",),
    markers=("static.wixstatic.com", "static.parastorage.com"),
    title=("h1[data-hook=post-title]", "[data-hook=post-title]"),
    date=("[data-hook=time-ago]", "[data-hook=post-date]"),
    author=("[data-hook=user-name]", "[data-hook=author-name]"),
    body=("[data-hook=post-description]", "[data-id=content-viewer]", "[data-hook=post-content]"),
    tags=("[data-hook=tag] a", "a[href*='/blog/tags/']", "a[href*='/tags/']"),
    categories=("[data-hook=post-categories] a", "a[href*='/blog/categories/']"),
)
