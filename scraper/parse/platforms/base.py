"""What a platform module declares: how to recognise the platform, and where its fields live.

A platform is recognised from evidence the software leaves on every site it serves, never from a
site's own domain: the ``<meta name="generator">`` value, the hosts its assets load from, and
markup signatures (class names, data attributes). Field selectors are CSS selectors tried in
order before the generic heuristics; an empty tuple means "use the generic chain".

Adding a platform is a recipe: write ``platforms/<name>.py`` with one ``PLATFORM = Platform(...)``,
insert it into ``PLATFORMS`` in ``platforms/__init__.py`` before any platform it is a special case
of (``wordpress.com`` before ``wordpress``), and add a fixture page under
``tests/fixtures/<name>/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.parse.index import TreeIndex

__all__ = ["Platform", "generator_values"]


@dataclass(frozen=True)
class Platform:
    """A blogging platform's fingerprint and field selectors.

    Attributes:
        name: the stable platform name (a contract with the comment extractors).
        generator: regexes matched (case-insensitively) against every generator meta value.
        markers: substrings of the raw HTML (asset hosts, script globals) that prove the platform.
        css_markers: CSS selectors whose presence proves the platform.
        title / date / author / body / tags / categories: CSS selectors, best first.
        embedded_dates: regexes over the raw HTML whose group 1 is the publication date, for
            platforms that keep it only in script data (e.g. a JSON preload blob).
    """

    name: str
    generator: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    css_markers: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    embedded_dates: tuple[str, ...] = ()

    def matches_generator(self, generators: list[str]) -> bool:
        """True when a generator meta names this platform."""
        return any(re.search(p, g, re.I) for p in self.generator for g in generators)

    def matches_markup(self, index: TreeIndex, html: str) -> bool:
        """True when the page carries this platform's asset hosts or markup signatures."""
        if any(marker in html for marker in self.markers):
            return True
        return any(index.select_one(sel) is not None for sel in self.css_markers)


def generator_values(index: TreeIndex) -> list[str]:
    """Every ``<meta name="generator">`` content on the page (themes add their own)."""
    values: list[str] = []
    for meta in index.tags("meta"):
        name = meta.get("name")
        if isinstance(name, str) and name.lower() == "generator":
            content = meta.get("content")
            if isinstance(content, str) and content.strip():
                values.append(content.strip())
    return values
