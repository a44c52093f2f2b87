"""What a URL's shape says about the page behind it, before fetching it — and what the crawl has
learned about each shape since.

A blog's URLs come in a few shapes: posts (``/2019/03/slug/``, ``/blog/post/?sid=33``),
listings (``/tag/x/``, ``/page/3/``, ``?page=2``), and static pages (``/about/``). Guessing the
shape lets the crawler fetch likely posts first and listings last — or not at all when a sitemap
or a feed already named every post. The guesses are named data below; :class:`PatternStats`
replaces them with what the site itself showed (5 posts of one shape make it a post shape).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qsl, urlsplit

__all__ = ["Guess", "PatternStats", "guess_kind", "is_listing_url", "url_pattern"]

Guess = Literal["post", "listing", "unlikely", "unknown"]

#: Paths and query keys of listings: taxonomy and date archives, pagination, search.
LISTING_PATH_HINTS = re.compile(
    r"/(tag|tags|category|categories|label|labels|author|authors|archive|archives|topics?|"
    r"series|search|feed|comments/feed)(/|$)|/page/\d+/?$|^/\d{4}/(\d{1,2}/)?(\d{1,2}/)?$"
    r"|^/search/label/",
    re.I,
)
LISTING_QUERY_KEYS = frozenset(
    {
        "page",
        "paged",
        "pg",
        "offset",
        "start",
        "updated-max",
        "updated-min",
        "start-index",
        "max-results",
        "tag",
        "category",
        "cat",
        "label",
        "author",
        "month",
        "year",
        "m",
        "archive",
        "reverse-paginate",
    }
)
#: Paths that are listings on every platform (unlike ``/archives/123.html``, a Movable Type post).
CERTAIN_LISTING_PATHS = re.compile(
    r"/(tag|tags|category|categories|label|labels|author)/[^/]+/?(page/\d+/?)?$"
    r"|^/\d{4}/(\d{1,2}/)?(\d{1,2}/)?(page/\d+/?)?$|/page/\d+/?$|^/search/label/",
    re.I,
)
#: Static pages of a practice's site: almost never posts; fetched last.
UNLIKELY_POST_HINTS = re.compile(
    r"^/(about|about-us|about-me|contact|contact-us|services|privacy|privacy-policy|imprint|"
    r"impressum|terms|legal|disclaimer|cookies?|cookie-policy|faq|team|staff|pricing|fees|"
    r"rates|book|booking|appointments?|shop|store|cart|location|locations|directions|"
    r"testimonials|home|index\.html?)(/|$)",
    re.I,
)
#: Shapes of single posts on common platforms.
POST_PATH_HINTS = re.compile(
    r"^/\d{4}/\d{1,2}/(\d{1,2}/)?[^/]+/?$|/(blog|blogs|posts?|articles?|entry|entries|news|"
    r"journal|stories)/[^/]+[^/]*/?$|\.html?$",
    re.I,
)
POST_QUERY_KEYS = frozenset({"p", "sid", "id", "post", "postid", "post_id", "article", "entry"})
#: Learned shapes: this many pages of one shape, and this share of them posts, make it a post
#: shape; this many listings and no post make it a listing shape.
LEARN_MIN_POSTS = 5
LEARN_POST_SHARE = 0.8
LEARN_MIN_LISTINGS = 3

#: Path words after which the next segment is a name (``/tag/anxiety/`` is ``/tag/{s}/``).
TAXONOMY_WORDS = frozenset(
    {"tag", "tags", "category", "categories", "label", "labels", "author", "topic", "topics",
     "series"}
)  # fmt: skip

_NUMBER = re.compile(r"^\d+$")
_SLUG = re.compile(r"[-_]|^.{24,}$|\d")


def url_pattern(url: str) -> str:
    """The URL's shape: numbers become ``{n}``, slug-like segments ``{s}``; query keys are kept
    with their values generalised. ``/blog/post/?sid=33`` -> ``/blog/post/?sid={n}``."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    shaped = [
        "{s}" if i and segments[i - 1].lower() in TAXONOMY_WORDS and seg else _shape(seg)
        for i, seg in enumerate(segments)
    ]
    pairs = sorted(parse_qsl(parts.query, keep_blank_values=True))
    query = "&".join(f"{k}={'{n}' if _NUMBER.match(v) else '{v}'}" for k, v in pairs)
    return "/".join(shaped) + ("?" + query if query else "")


def _shape(segment: str) -> str:
    if not segment:
        return segment
    if _NUMBER.match(segment):
        return "{n}"
    return "{s}" if _SLUG.search(segment) else segment


def guess_kind(url: str) -> Guess:
    """A guess from the URL alone (see the module docstring)."""
    parts = urlsplit(url)
    keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if keys & LISTING_QUERY_KEYS or LISTING_PATH_HINTS.search(parts.path):
        return "listing"
    if UNLIKELY_POST_HINTS.search(parts.path) and not keys:
        return "unlikely"
    if keys & POST_QUERY_KEYS or POST_PATH_HINTS.search(parts.path):
        return "post"
    return "unknown"


def is_listing_url(url: str) -> bool:
    """Whether the URL itself says listing, beyond doubt: a listing query (``?tag=``,
    ``?page=``), a taxonomy path (``/tag/x/``) or a date archive (``/2019/03/``). Used to
    overrule a parser that took a one-teaser listing for a post."""
    parts = urlsplit(url)
    keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    return bool(keys & LISTING_QUERY_KEYS) or bool(CERTAIN_LISTING_PATHS.search(parts.path))


@dataclass
class PatternStats:
    """Page kinds seen per URL shape on one site (mutable, owned by one crawl)."""

    kinds: dict[str, Counter[str]] = field(default_factory=dict)

    def record(self, url: str, kind: str) -> None:
        self.kinds.setdefault(url_pattern(url), Counter())[kind] += 1

    def learned(self, url: str) -> Guess | None:
        """``post`` or ``listing`` once the site has shown enough pages of this shape."""
        seen = self.kinds.get(url_pattern(url))
        if not seen:
            return None
        if _is_post_shape(seen):
            return "post"
        if seen["listing"] >= LEARN_MIN_LISTINGS and not seen["post"]:
            return "listing"
        return None

    def posts_of(self, url: str) -> int:
        seen = self.kinds.get(url_pattern(url))
        return seen["post"] if seen else 0

    def any_post_shape(self) -> bool:
        """Whether some URL shape of the site is a learned post shape."""
        return any(_is_post_shape(c) for c in self.kinds.values())


def _is_post_shape(seen: Counter[str]) -> bool:
    return seen["post"] >= LEARN_MIN_POSTS and seen["post"] >= LEARN_POST_SHARE * sum(seen.values())
