"""Hugo static sites: recognised by generator only (themes vary too much for markup)."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="hugo",
    generator=(r"^Hugo\b",),
    title=("h1.post-title", "article h1", "h1.title"),
    date=("time.post-date", "time.dt-published", "article time", "time"),
    author=(".p-author .p-name", ".p-author", ".post-author", ".author"),
    body=(".e-content", ".post-content", ".article-content", ".content"),
    tags=("a[href*='/tags/']", ".tags a"),
    categories=("a[href*='/categories/']",),
)
