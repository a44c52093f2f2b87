"""Ghost: ``gh-*`` / ``post-full-*`` / ``article-*`` theme classes; generator "Ghost x.y"."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="ghost",
    generator=(r"^Ghost\b",),
    markers=("/ghost/api/", "ghost-portal", "data-ghost=", "/public/ghost-sdk"),
    css_markers=("article.gh-article", ".post-full-content", ".gh-content"),
    title=("h1.article-title", "h1.post-full-title", "h1.gh-article-title", "h1.post-title"),
    date=("time.byline-meta-date", "time.post-full-meta-date", "time.article-date",
          ".gh-article-meta time", "time"),
    author=(".article-byline-content .author-name", ".author-name", ".byline-meta-name",
            ".post-full-byline .author-name", ".gh-article-author-name"),
    body=(".gh-content", ".post-full-content", ".article-content", ".post-content"),
    tags=("a.post-card-primary-tag", ".article-tag a", "a[href*='/tag/']"),
)
