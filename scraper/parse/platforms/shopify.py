"""Shopify store blogs (``/blogs/<blog>/<article>``): assets on ``cdn.shopify.com``."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="shopify",
    generator=(r"shopify",),
    markers=("cdn.shopify.com", "Shopify.theme", "shopify-section"),
    title=("h1.article-template__title", "h1.article__title", ".article__title", "article h1"),
    date=(".article-template__date time", ".article__date time", "time"),
    author=(".article-template__author", ".article__author", ".article-author"),
    body=(".article-template__content", ".article__content", ".rte.article", ".article .rte",
          ".rte"),
    tags=(".article-template__tags a", ".article__tags a", "a[href*='/tagged/']"),
)
