"""Id walking: find posts that nothing links to, on sites whose post URLs differ only by a small
integer (``/blog/post/?sid=33``, ``/?p=12``, ``/node/57``).

Old site builders delete posts and leave holes, and some posts are linked from nowhere (a sidebar
that shows only the latest five). When at least :data:`MIN_POSTS` posts share a URL shape that
differs only by one integer, the missing ids between the smallest and largest are probed, then a
few beyond the largest: the walk ends after :data:`TAIL` consecutive misses past the last post
found. It is bounded twice over: sparse ranges (ids shared with pages, attachments, revisions) are
not walked inside, and no family gets more than its budget of probes.

Pure planning: given what the crawl knows, :func:`plan_probes` returns the URLs to try next. It
is called again after the probes are answered, so a post found past the end extends the walk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["KnownPage", "plan_probes"]

#: Posts of one shape needed before its ids are walked.
MIN_POSTS = 3
#: Consecutive misses past the largest post id that end the walk.
TAIL = 5
#: Holes are probed only when the id range is at most this many times the number of posts.
MAX_SPARSITY = 4.0
#: Probes per family at most: this many, or this multiple of its posts if larger.
MIN_BUDGET = 60
BUDGET_PER_POST = 1.0
#: Ids larger than this are not small integers (timestamps, hashes): never walked.
MAX_ID = 10_000_000
#: Query keys that page listings: never walked as ids.
NOT_ID_KEYS = frozenset({"page", "paged", "offset", "start", "start-index", "max-results", "m"})

_INT = re.compile(r"^[1-9]\d{0,7}$")


@dataclass(frozen=True)
class KnownPage:
    """What the crawl knows about one URL: its kind if fetched (``post``...), else None."""

    url: str
    kind: str | None


@dataclass
class _Family:
    template: tuple[str, str, str, str]  # scheme, netloc, path-or-prefix, key
    posts: set[int] = field(default_factory=set)
    tried: set[int] = field(default_factory=set)


def _slots(url: str) -> list[tuple[tuple[str, str, str, str], int]]:
    """Every way to read ``url`` as (family template, id)."""
    parts = urlsplit(url)
    out: list[tuple[tuple[str, str, str, str], int]] = []
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    for i, (key, value) in enumerate(pairs):
        if key.lower() in NOT_ID_KEYS or not _INT.match(value):
            continue
        rest = urlencode([*pairs[:i], (key, "\0"), *pairs[i + 1 :]])
        out.append(((parts.scheme, parts.netloc, parts.path + "?" + rest, "q"), int(value)))
    head, _, last = parts.path.rstrip("/").rpartition("/")
    if not pairs and _INT.match(last):
        slash = "/" if parts.path.endswith("/") else ""
        out.append(((parts.scheme, parts.netloc, head + "/\0" + slash, "p"), int(last)))
    return out


def _url_for(template: tuple[str, str, str, str], number: int) -> str:
    scheme, netloc, shape, kind = template
    if kind == "q":
        path, _, query = shape.partition("?")
        return urlunsplit((scheme, netloc, path, query.replace("%00", str(number)), ""))
    return urlunsplit((scheme, netloc, shape.replace("\0", str(number)), "", ""))


def plan_probes(known: Iterable[KnownPage]) -> list[str]:
    """URLs worth probing now, smallest id first, each never known before."""
    families: dict[tuple[str, str, str, str], _Family] = {}
    for page in known:
        for template, number in _slots(page.url):
            family = families.setdefault(template, _Family(template))
            family.tried.add(number)
            if page.kind == "post":
                family.posts.add(number)
    probes: list[str] = []
    for family in families.values():
        if len(family.posts) >= MIN_POSTS:
            probes.extend(_url_for(family.template, n) for n in _family_probes(family))
    return probes


def _family_probes(family: _Family) -> list[int]:
    posts = family.posts
    low, high = min(posts), max(posts)
    budget = max(MIN_BUDGET, int(BUDGET_PER_POST * len(posts)))
    spent = len(family.tried - posts)
    wanted: list[int] = []
    start = 1 if low <= TAIL * 2 else low
    if high - start + 1 <= MAX_SPARSITY * len(posts):
        wanted.extend(n for n in range(start, high) if n not in family.tried)
    tail = [n for n in range(high + 1, high + TAIL + 1) if n <= MAX_ID]
    wanted.extend(n for n in tail if n not in family.tried)
    return wanted[: max(0, budget - spent)]
