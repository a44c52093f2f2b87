"""Crawler traps: URL spaces that never end. Calendars (a "next month" link forever), endless
pagination (``?page=9999`` answering with the last page again), and generated URL families
(``/tag/a/tag/b/...``, faceted filters) that would eat the page budget.

Every guard is a named limit below; :class:`TrapGuard` applies them to each URL before it enters
the frontier. Endless pagination is caught by its effect instead of its shape: a listing page
reached by "next" that adds no URL the crawl did not already know does not get its own "next"
followed (see ``scraper.crawl``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl, urlsplit

from scraper.urlkinds import url_pattern

__all__ = ["TrapGuard", "TrapLimits", "looks_like_calendar"]

#: Path words and query keys of calendar and date-browsing pages.
CALENDAR_WORDS = re.compile(r"(^|/)(calendar|events?|agenda|day|month|week|date)(/|$)", re.I)
CALENDAR_KEYS = frozenset({"date", "day", "month", "year", "week", "ical", "calendar", "cal",
                           "tribe-bar-date", "eventdate", "time"})  # fmt: skip
#: A path segment or query value that is a year, or starts with one (``2019-03``).
_YEAR = re.compile(r"^(\d{4})(?:[-/.]\d{1,2}){0,2}$")
DATE_ARCHIVE = re.compile(r"^/\d{4}(/\d{1,2})?(/\d{1,2})?(/|$)")
#: A URL whose path repeats one segment this many times is generated, not written.
MAX_SEGMENT_REPEATS = 3
#: A page number past this is a trap on any blog the archiver is meant for.
MAX_PAGE_NUMBER = 2_000
PAGE_NUMBER = re.compile(r"/page/(\d+)|[?&](?:page|paged|pg)=(\d+)", re.I)


@dataclass(frozen=True)
class TrapLimits:
    """Per-crawl caps. ``per_pattern`` bounds URLs of one shape that is not a post shape;
    ``calendar`` bounds calendar-like URLs; years outside ``years`` are never fetched."""

    per_pattern: int = 1_500
    calendar: int = 24
    min_year: int = 1995
    years_ahead: int = 1


def looks_like_calendar(url: str) -> bool:
    parts = urlsplit(url)
    keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    return bool(keys & CALENDAR_KEYS) or bool(CALENDAR_WORDS.search(parts.path))


@dataclass
class TrapGuard:
    """Decides whether a newly found URL may enter the frontier (mutable, one per crawl)."""

    limits: TrapLimits = field(default_factory=TrapLimits)
    today: date = field(default_factory=date.today)
    per_pattern: Counter[str] = field(default_factory=Counter)
    calendar_pages: int = 0
    refused: int = 0

    def remember(self, url: str) -> None:
        """Count a URL already in the frontier (on resume) against the caps."""
        self.per_pattern[url_pattern(url)] += 1
        if looks_like_calendar(url):
            self.calendar_pages += 1

    def admit(self, url: str, *, post_shape: bool = False) -> bool:
        """True to let ``url`` in (and count it); False for a trap. Post shapes skip the
        per-pattern cap: a blog with 5,000 posts has 5,000 URLs of one shape."""
        reason = self._trap(url, post_shape)
        if reason:
            self.refused += 1
            return False
        self.remember(url)
        return True

    def _trap(self, url: str, post_shape: bool) -> str | None:
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if segments and max(Counter(segments).values()) >= MAX_SEGMENT_REPEATS:
            return "repeated path segment"
        match = PAGE_NUMBER.search(parts.path + ("?" + parts.query if parts.query else ""))
        if match and int(match.group(1) or match.group(2)) > MAX_PAGE_NUMBER:
            return "page number"
        for value in _years(segments, parts.query):
            if value < self.limits.min_year or value > self.today.year + self.limits.years_ahead:
                return "year out of range"
        calendar = looks_like_calendar(url) and not post_shape
        if calendar and self.calendar_pages >= self.limits.calendar:
            return "calendar"
        if not post_shape and self.per_pattern[url_pattern(url)] >= self.limits.per_pattern:
            return "pattern cap"
        return None


def _years(segments: list[str], query: str) -> list[int]:
    """Years named by a calendar's query values, a calendar path, or a date-archive path
    (``/2019/03/``) — never a slug's number or an id (``?sid=2150``)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    values = [v for k, v in pairs if k.lower() in CALENDAR_KEYS]
    path = "/" + "/".join(segments)
    if CALENDAR_WORDS.search(path) or DATE_ARCHIVE.match(path):
        values += segments
    return [int(m.group(1)) for m in map(_YEAR.match, values) if m]
