"""WordPress.com (hosted WordPress): same markup as WordPress, hosted comment system."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform
from scraper.parse.platforms.wordpress import WORDPRESS

PLATFORM = Platform(
    name="wordpress.com",
    generator=(r"^WordPress\.com",),
    markers=("s0.wp.com/wp-content/themes/pub/", "wordpress.com/wp-content/themes/pub/"),
    title=WORDPRESS.title,
    date=WORDPRESS.date,
    author=WORDPRESS.author,
    body=WORDPRESS.body,
    tags=WORDPRESS.tags,
    categories=WORDPRESS.categories,
)
