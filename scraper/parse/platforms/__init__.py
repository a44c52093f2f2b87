"""The ordered platform registry; the first platform whose evidence matches wins.

Generator metas are checked across the whole registry first (the strongest evidence), then asset
hosts and markup signatures in registry order. Special cases precede their general platform
(``wordpress.com`` before ``wordpress``); ``generic`` is last and always matches.
"""

from __future__ import annotations

from scraper.parse.index import TreeIndex
from scraper.parse.platforms import (
    blogger,
    drupal,
    generic,
    ghost,
    hugo,
    medium,
    shopify,
    spip,
    squarespace,
    substack,
    tumblr,
    weebly,
    wix,
    wordpress,
    wordpress_com,
)
from scraper.parse.platforms.base import Platform, generator_values

__all__ = ["GENERIC", "PLATFORMS", "Platform", "detect_platform", "platform_named"]

PLATFORMS: tuple[Platform, ...] = (
    wordpress_com.PLATFORM,
    wordpress.PLATFORM,
    blogger.PLATFORM,
    squarespace.PLATFORM,
    wix.PLATFORM,
    weebly.PLATFORM,
    ghost.PLATFORM,
    substack.PLATFORM,
    medium.PLATFORM,
    tumblr.PLATFORM,
    shopify.PLATFORM,
    drupal.PLATFORM,
    spip.PLATFORM,
    hugo.PLATFORM,
    generic.PLATFORM,
)
GENERIC = generic.PLATFORM


def detect_platform(index: TreeIndex, html: str) -> Platform:
    """Return the platform that served the page, ``GENERIC`` when none is recognised."""
    generators = generator_values(index)
    if generators:
        for platform in PLATFORMS:
            if platform.matches_generator(generators):
                return platform
    for platform in PLATFORMS:
        if platform.matches_markup(index, html):
            return platform
    return GENERIC


def platform_named(name: str) -> Platform:
    """The registered platform called ``name`` (``GENERIC`` for unknown names)."""
    return next((p for p in PLATFORMS if p.name == name), GENERIC)
