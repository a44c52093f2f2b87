"""Blogger / Blogspot: classic and newer layouts share ``.post-title`` / ``.post-body``."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="blogger",
    generator=(r"^blogger$",),
    markers=("www.blogger.com/static/", "blogger.com/dyn-css", "blogblog.com/", "_WidgetManager"),
    title=("h3.post-title", "h1.post-title", "h2.post-title", ".post-title"),
    date=("abbr.published", "time.published", ".date-header span", ".date-header",
          ".post-timestamp"),
    author=(".post-author .fn", ".post-author-name", ".post-author", ".g-profile"),
    body=(".post-body", ".entry-content", ".post-content"),
    tags=(".post-labels a", ".labels a", "a[rel=tag]"),
)
