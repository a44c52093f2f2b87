"""Medium (medium.com and custom-domain publications): assets on ``miro.medium.com``."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="medium",
    generator=(r"^Medium$",),
    markers=("cdn-static-1.medium.com", "miro.medium.com", "cdn-images-1.medium.com",
             'content="Medium"'),
    title=("h1[data-testid=storyTitle]", "h1.graf--title", "h3.graf--title", "article h1"),
    date=("[data-testid=storyPublishDate]", "time"),
    author=("[data-testid=authorName]", "a[rel=author]", "a.ds-link[data-action=show-user-card]"),
    body=("section.section--body", "article section", "article"),
    tags=("ul.tags a", "a[href*='/tag/']"),
)
