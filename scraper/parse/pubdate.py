"""Published and updated dates of a post page: declared metadata first, then the visible page.

Split from ``byline.py`` (which finds the author): the date has its own chain of fallbacks and
shares nothing with the author's but the region test ``inside`` and where bylines live near the
headline (``NEAR_HEADLINE_STRINGS``, ``MAX_DATE_TEXT``).

The chain, strongest evidence first (yt-dlp's rule: optional fields never fail): JSON-LD ->
microdata / h-entry -> ``article:published_time`` and other meta -> platform selectors ->
``<time>`` in a byline -> a dateline next to the headline -> the declared updated date
(JSON-LD, hAtom ``updated``, ``article:modified_time``) -> a date in prose next to the headline
or in weak markup -> a date in the URL. Photo captions are never read.

Every date goes through ``scraper.dates``; this module never parses a date itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import chain

from bs4.element import NavigableString, Tag

from scraper import dates
from scraper.models import DateOrder
from scraper.parse.generic import Metadata, Sourced, tag_text
from scraper.parse.index import TreeIndex

__all__ = ["DateFound", "find_dates", "inside"]

#: Elements whose class or attributes say they hold the publication date.
DATE_SELECTORS: tuple[str, ...] = (
    "time[pubdate]", "time.published", "time.entry-date", "time.post-date", "time.dt-published",
    "[itemprop~=datePublished]", ".published", ".entry-date", ".post-date", ".date-header",
    ".posted-on", ".post-meta time", ".entry-meta time", ".byline time",
)
#: Weaker date markup, tried after the text next to the headline (sidebars use these too).
WEAK_DATE_SELECTORS: tuple[str, ...] = (
    "header time", ".meta time", ".dateline", ".date", "article time",
)
#: A URL path that carries the publication date: /2020/12/07/slug or /2020/12/slug.
URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>[01]?\d)/(?:(?P<d>[0-3]?\d)/)?")
#: A URL path that carries the publication day: a four- or two-digit year (``/2012/07/24/``,
#: ``/story/12/07/24/``), or a four-digit year and one section word (``/2010/POLITICS/08/13/``).
URL_DAY = re.compile(
    r"/(?:(?P<y>(?:19|20)?\d{2})|(?P<year>(?:19|20)\d{2})/[A-Za-z][\w-]*)"
    r"/(?P<m>[01]\d)/(?P<d>[0-3]\d)/"
)
#: Words that mark a visible date as a revision, not the publication, per language.
UPDATED_TEXT = re.compile(
    r"\b(?:updated|last (?:updated|modified|edited)|modified|revised|mis à jour|"
    r"mise à jour|modifié|aktualisiert|zuletzt geändert|actualizado|aggiornato|bijgewerkt)\b",
    re.I,
)
MAX_DATE_TEXT = 120
#: Elements whose dates are written in sentences, not datelines.
PROSE_TAGS: frozenset[str] = frozenset({"p", "li", "blockquote", "td", "dd"})
#: A visible string this short that holds a date is a dateline, not prose.
SHORT_DATE_TEXT = 40
#: A paragraph this short, or one up to MAX_DATE_TEXT split by this separator, is a dateline.
DATELINE_CHARS = 60
DATELINE_SEPARATOR = "|"
#: Photo captions: the dates in them are the photo's, never the post's.
CAPTION_TAGS: frozenset[str] = frozenset({"figcaption", "caption"})
#: Caption classes are compound (``wp-caption-text``, ``image-caption``): a bare ``caption``
#: class also marks bylines and teaser texts.
CAPTION_CLASS = re.compile(r"(?:^|[-_])caption[-_]|[-_]caption$", re.I)
#: How far after the headline the visible byline is looked for.
NEAR_HEADLINE_STRINGS = 40
_WS = re.compile(r"\s+")
_ASCII_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class DateFound:
    """The chosen publication date, the updated date, and where/how they were read."""

    published: datetime | None = None
    updated: datetime | None = None
    source: str | None = None
    order: str | None = None


def find_dates(
    index: TreeIndex,
    meta: Metadata,
    url: str,
    *,
    selectors: Iterable[str] = (),
    headline: Tag | None = None,
    order: DateOrder | None = None,
    orders: Mapping[str, DateOrder] | None = None,
    embedded: Iterable[str] = (),
    html: str = "",
    skip: frozenset[int] = frozenset(),
) -> DateFound:
    """Choose the publication and update dates of a post page.

    Args:
        embedded: regexes over ``html`` for dates kept in script data (platform tables).
        skip: ids of elements (comment regions) whose dates are never the post's.
        orders: the site's day/month order per date style (``SiteProfile.date_orders``), which
            wins over ``order`` for the styles it settles.
    """
    language = meta.language
    found_updated = _first_parsed(meta.updated, order, language, orders)
    updated = found_updated[0] if found_updated else None
    for item in meta.published:
        parsed = dates.parse_date_detail(item.value, order=order, language=language,
                                         orders=orders)
        if parsed is not None:
            return DateFound(parsed.value, updated, _source_name(item), None)
    for pattern in embedded:
        match = re.search(pattern, html)
        value = dates.parse_date(match.group(1)) if match else None
        if value is not None:
            return DateFound(value, updated, "script", None)
    marked = _marked_dates(index, (*selectors, *DATE_SELECTORS), skip)
    anchor = _url_day(url)
    found = _first_visible(marked, order, language, orders, updated, anchor)
    if found is not None:
        return found
    near = _strings_near(headline, skip) if headline is not None else []
    datelines = (("text", text) for dateline, text in near if dateline)
    found = _first_visible(datelines, order, language, orders, updated, anchor)
    if found is not None:
        return found
    from_url = _url_date(url)
    if updated is not None and (from_url is None or _same_month(from_url, updated)):
        # the page's own revision stamp beats a date met in prose, unless the URL dates the
        # post to another month (then the stamp is a later revision)
        return DateFound(updated, updated, "updated", None)
    prose = (("text", text) for dateline, text in near if not dateline)
    weak = chain(prose, _marked_dates(index, WEAK_DATE_SELECTORS, skip))
    found = _first_visible(weak, order, language, orders, updated, anchor, agree=True)
    if found is not None:
        return found
    if from_url is not None or anchor is not None:
        return DateFound(anchor or from_url, updated, "url", None)
    return DateFound(None, updated, None, None)


def _url_date(url: str) -> datetime | None:
    match = URL_DATE.search(url)
    if not match:
        return None
    try:
        return datetime(int(match.group("y")), int(match.group("m")), int(match.group("d") or 1))
    except ValueError:
        return None


def _url_day(url: str) -> datetime | None:
    """The day a URL path dates the post to, with a four- or a two-digit year
    (``/2012/07/24/``, Slashdot's ``/story/12/07/24/``): the year for a visible stamp that
    leaves it out, when the stamp's month and day agree."""
    match = URL_DAY.search(url)
    if not match:
        return None
    year = int(match.group("y") or match.group("year"))
    try:
        return datetime(year if year > 99 else 2000 + year, int(match.group("m")),
                        int(match.group("d")))
    except ValueError:
        return None


def _same_month(a: datetime, b: datetime) -> bool:
    return (a.year, a.month) == (b.year, b.month)


def _first_visible(
    candidates: Iterable[tuple[str, str]],
    order: DateOrder | None,
    language: str | None,
    orders: Mapping[str, DateOrder] | None,
    updated: datetime | None,
    anchor: datetime | None = None,
    *,
    agree: bool = False,
) -> DateFound | None:
    """The first candidate that reads as a date. A stamp without a year ("on Tuesday July 24,
    @07:29AM") is read only when it falls on ``anchor`` (the URL's day), whose year it takes.
    With ``agree`` (dates met in prose or weak markup), a date on another day than the URL's
    is passed over: the URL dates the post more surely than a sentence does."""
    for source, text in candidates:
        if UPDATED_TEXT.search(text):
            continue  # "updated on ..." is not the publication date
        parsed = dates.parse_date_detail(text, order=order, language=language, orders=orders)
        if parsed is None and anchor is not None:
            parsed = dates.parse_date_detail(text, after=anchor)
            if parsed is not None and parsed.value.date() != anchor.date():
                parsed = None
        if parsed is not None and agree and anchor is not None and (
            parsed.value.date() != anchor.date()
        ):
            continue
        if parsed is not None:
            site_settled = bool(order) or bool(orders and dates.date_style(text) in orders)
            return DateFound(parsed.value, updated, source, _order_note(parsed, site_settled))
    return None


def _source_name(item: Sourced) -> str:
    return item.source.split(":")[0] if item.source.startswith("meta:") else item.source


def _order_note(parsed: dates.DateParse, site_settled: bool) -> str | None:
    if not parsed.ambiguous or parsed.order is None:
        return None
    return f"{parsed.order} (site)" if site_settled else f"{parsed.order} (default)"


def _first_parsed(
    items: list[Sourced],
    order: DateOrder | None,
    language: str | None,
    orders: Mapping[str, DateOrder] | None,
) -> tuple[datetime, str] | None:
    for item in items:
        value = dates.parse_date(item.value, order=order, language=language, orders=orders)
        if value is not None:
            return value, item.source
    return None


def _marked_dates(
    index: TreeIndex, selectors: Iterable[str], skip: frozenset[int]
) -> Iterable[tuple[str, str]]:
    for selector in selectors:
        for tag in index.select(selector, limit=3):
            if (skip and inside(tag, skip)) or _in_caption(tag):
                continue
            for attr in ("datetime", "content", "title"):
                value = tag.get(attr)
                if isinstance(value, str) and value.strip():
                    yield "time" if tag.name == "time" else "markup", value
            text = tag_text(tag)
            if 0 < len(text) <= MAX_DATE_TEXT:
                yield "text", text


def inside(tag: Tag, regions: frozenset[int]) -> bool:
    """True when ``tag`` is one of ``regions`` (element ids) or lies inside one."""
    node: Tag | None = tag
    while node is not None:
        if id(node) in regions:
            return True
        node = node.parent
    return False


def _strings_near(headline: Tag, skip: frozenset[int] = frozenset()) -> list[tuple[bool, str]]:
    """Short text pieces just before and after the headline (where bylines live), each with
    whether it is a dateline.

    Datelines come first: a short string outside the article's paragraphs beats a date written
    inside a sentence of prose ("Le 4 décembre 2019, ..."); a photo caption's date is never the
    post's. At equal distance, the text after the headline wins.
    """
    found: list[tuple[bool, bool, int, int, str]] = []
    for side, (limit, nodes) in enumerate(((NEAR_HEADLINE_STRINGS, headline.next_elements),
                                           (6, headline.previous_elements))):
        taken = 0
        for node in nodes:
            if taken >= limit:
                break
            if type(node) is NavigableString and _has_digit(node):
                text = _WS.sub(" ", str(node)).strip()
                if 4 <= len(text) <= MAX_DATE_TEXT:
                    parent = node.parent
                    if parent is not None and (
                        (skip and inside(parent, skip)) or _in_caption(parent)
                    ):
                        continue
                    found.append((_in_prose(node), len(text) > SHORT_DATE_TEXT, taken, side, text))
                    taken += 1
    return [(not prose, text) for prose, _, _, _, text in sorted(found)]


def _has_digit(text: str) -> bool:
    """Any character of ``text`` is a digit (``str.isdigit``): most strings have none."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(map(str.isdigit, text))


def _in_prose(node: NavigableString) -> bool:
    """Inside a sentence of the article: a paragraph, list item, quote or cell, but not a short
    paragraph or a short one split by ``|`` ("Ann Lee | Palma | 08/01/2014"), which is a
    dateline (unless the date is a link's text: a teaser's title)."""
    parent = node.parent
    linked = False
    for _ in range(3):
        if parent is None:
            return False
        linked = linked or parent.name == "a"
        if parent.name in PROSE_TAGS:
            if parent.name != "p" or linked:
                return True
            text = tag_text(parent)
            if len(text) <= DATELINE_CHARS:
                return False
            return len(text) > MAX_DATE_TEXT or DATELINE_SEPARATOR not in text
        parent = parent.parent
    return False


def _in_caption(tag: Tag) -> bool:
    """Inside a photo caption (``figcaption``, ``caption``, ``.wp-caption-text``): its date is
    the photo's."""
    node: Tag | None = tag
    while node is not None:
        if node.name in CAPTION_TAGS:
            return True
        classes = node.get("class")
        if isinstance(classes, list) and any(CAPTION_CLASS.search(c) for c in classes):
            return True
        node = node.parent
    return False
