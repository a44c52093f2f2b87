"""Published/updated date and author: declared metadata first, then the visible byline.

Chains of fallbacks, strongest evidence first (yt-dlp's rule: optional fields never fail):

* date: JSON-LD -> microdata / h-entry -> ``article:published_time`` and other meta -> platform
  selectors -> ``<time>`` in a byline -> a dateline next to the headline -> the declared
  updated date (JSON-LD, hAtom ``updated``, ``article:modified_time``) -> a date in prose next
  to the headline or in weak markup -> a date in the URL. Photo captions are never read.
* author: an article's JSON-LD author -> microdata / h-entry -> platform selectors ->
  ``rel=author`` -> a "By ..." / "Von ..." byline (or a job title, "編集委員 NAME") -> a name
  beside the date on the post's meta line, with no by-word (``scraper.parse.metaline``) -> a
  JSON-LD Person no article names (Yoast's graph, a site owner's card) -> a name-only byline
  element or "NAME wrote:" (``scraper.parse.namefirst``) -> a sidebar ``rel=author`` badge ->
  ``<meta name=author>`` -> the author's own reply in the thread.

Every date goes through ``scraper.dates``; this module never parses a date itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import chain

from bs4.element import NavigableString, Tag

from scraper import dates
from scraper.dates_tables import WEEKDAYS
from scraper.models import DateOrder
from scraper.parse.comments.fields import outside_sidebars
from scraper.parse.generic import Metadata, Sourced, tag_text
from scraper.parse.index import TreeIndex
from scraper.parse.metaline import name_beside_date, not_author_link, outside_post
from scraper.parse.namefirst import bare_byline_name, name_before_verb
from scraper.parse.outlet import site_keys, without_outlet

__all__ = ["DateFound", "find_author", "find_dates"]

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
#: Elements that usually hold the byline, searched for "By NAME".
BYLINE_SELECTORS: tuple[str, ...] = (
    ".byline", "#byline", "#Byline", ".entry-meta", ".post-meta", ".meta", ".author",
    ".post-author", ".posted-by", ".entry-author", ".article-meta", ".postmeta", ".post-info",
    ".post-details", "[class*=byline]",
)
AUTHOR_SELECTORS: tuple[str, ...] = (
    "[rel~=author]", ".author .fn", ".author-name", ".byline .author", "#byline .author",
    "#Byline .author", ".post-author-name", ".entry-author-name",
    "[itemprop~=author] [itemprop~=name]",
)
#: Job titles that stand before a journalist's name where other languages write "By"
#: (Japanese and Chinese newspapers: "編集委員　NAME", "记者 NAME").
BYLINE_ROLES: tuple[str, ...] = (
    "編集委員", "論説委員", "解説委員", "編集長", "特派員", "支局長",
    "記者", "记者", "编辑", "編輯",
)
#: The Italian by-word: lower-case "di" before a name, or "Di" opening the text before a name
#: of two words or more; a capitalised "Di" inside a name is part of it ("Mark Di Stefano").
ITALIAN_BY = r"(?-i:di)|^(?-i:Di)(?=\s+\S+\s+[^\W\d_])"
#: Words that introduce an author's name in a byline, per language. The name ends before a
#: date word, a separator, a digit or a social handle ("By Ann Lee @annlee on June 26").
BY_WORDS = re.compile(
    r"(?:^|\s|\|)(?:posted by|written by|submitted by|geschrieben von|eingestellt von|"
    r"veröffentlicht von|publié par|publicado por|scritto da|geplaatst door|by|von|par|por|"
    rf"door|autor:?|author:?|{ITALIAN_BY}|{'|'.join(BYLINE_ROLES)})"
    r"\s+(?:[\u2063\u2062]\s*)?(?P<name>[^\W\d_][\w.'’\- ]{1,60}?)"
    r"(?=\s+(?:(?:on|am|um|le|el|il|op|at|in|under|unter|filed under)\b|[·|\-–—\d@])"
    r"|\s*[,|·•\u2063\u2062]|\s*$)",
    re.I,
)
#: The source of a JSON-LD Person that no article names as its author (the page's only Person:
#: Yoast's graph, or the site owner's profile card): the name as declared, not as the post
#: shows it, so it ranks below every visible byline.
LONE_PERSON = "json-ld-person"
#: Marks where a line ends or two elements' texts touch in a byline's text (``_marked_text``).
BREAK_MARK = "\u2062"
#: Elements that end a byline's line.
LINE_BREAKS = frozenset({
    "br", "p", "div", "li", "dd", "dt", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "header", "footer", "blockquote", "ul", "ol", "table",
})
#: Elements whose text ``LINK_MARK`` encloses: links and the bold type bylines set names in.
MARKED_ELEMENTS = frozenset({"a", "strong", "b"})
#: Words between several names in one byline: "<b>A</b>, <b>B</b>", "<a>A</a> et <a>B</a>".
NAME_JOINERS = re.compile(r"^(?:,|&|and|und|et|y|e|en|og|och)$", re.I)
#: Marks where a link's text starts and ends in a byline's text (``_marked_text``): a name
#: ends there ("Posted by Ann <a>Category</a>" is not "Ann Category").
LINK_MARK = "\u2063"
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
MAX_AUTHOR_CHARS = 80
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
    return any(ch.isdigit() for ch in text)


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


# ------------------------------------------------------------------ author


def _byline_strings(headline: Tag) -> list[tuple[str, NavigableString]]:
    """Short texts right after the headline, where an unmarked "Posted by NAME" line lives."""
    out: list[tuple[str, NavigableString]] = []
    for node in headline.next_elements:
        if len(out) >= NEAR_HEADLINE_STRINGS // 2:
            break
        if isinstance(node, NavigableString) and type(node) is NavigableString:
            text = _WS.sub(" ", str(node)).strip()
            if 4 <= len(text) <= MAX_DATE_TEXT:
                out.append((text, node))
    return out


def find_author(
    index: TreeIndex,
    meta: Metadata,
    *,
    selectors: Iterable[str] = (),
    skip: frozenset[int] = frozenset(),
    headline: Tag | None = None,
    url: str = "",
) -> str | None:
    """The post's author as displayed (several authors joined with ", "), or None; an outlet
    credited after the name ("Ann Lee, USA TODAY") is not part of it.

    ``url`` is the page's: a byline in a teaser card links elsewhere; its host names the site."""
    name = _find_author(index, meta, selectors, skip, headline, url)
    return without_outlet(name, site_keys(meta, url)) if name else name


def _find_author(
    index: TreeIndex,
    meta: Metadata,
    selectors: Iterable[str],
    skip: frozenset[int],
    headline: Tag | None,
    url: str,
) -> str | None:
    strong = [a for a in meta.authors if not a.source.startswith(("meta:", LONE_PERSON))]
    if strong:
        names = _dedupe(_clean_name(a.value) for a in strong if a.source == strong[0].source)
        if names:
            return ", ".join(names)
    badge = ""  # a rel=author profile badge in the sidebar or footer: ranked below bylines
    for selector in (*selectors, *AUTHOR_SELECTORS):
        for tag in index.select(selector, limit=5):
            if skip and inside(tag, skip):
                continue
            name = _clean_name(tag_text(tag))
            if name and _rel_author(tag) and _in_page_furniture(tag):
                badge = badge or name
            elif name:
                return name
    name = _name_after_by(index, skip) or _local_author_class(index, skip)
    if name:
        return name
    for selector in BYLINE_SELECTORS:
        for tag in index.select(selector, limit=3):
            if (skip and inside(tag, skip)) or _comment_class(tag) or _in_page_furniture(tag):
                continue
            text = _marked_text(tag)
            short = len(text) - text.count(LINK_MARK) < 300
            match = BY_WORDS.search(text) if short else None
            if match and LINK_MARK in text[match.start() : match.start("name")]:
                # the name is a link's text: it may go on past the link ("By <a>A</a> And
                # <a>B</a>")
                match = BY_WORDS.search(_WS.sub(" ", text.replace(LINK_MARK, "")))
            if match:
                name = _clean_name(match.group("name"))
                if name:
                    return ", ".join([name, *_names_after(text, name)])
    if headline is not None:
        for text, node in _byline_strings(headline):
            match = BY_WORDS.search(text)
            if match is None:
                name = _name_element_after(node, text, skip)
                if name:
                    return name
                continue
            if not _opens_byline(text[: match.start()]):
                continue  # "... targeted by the spy ring." is a sentence, not a byline
            name = _clean_name(match.group("name"))
            if _looks_like_name(name, handles=True):
                return name
    name = name_beside_date(index, headline, skip, site_name=meta.site_name)
    if name:
        return name
    lone = next((a for a in meta.authors if a.source == LONE_PERSON), None)
    if lone is not None and _clean_name(lone.value):
        return _clean_name(lone.value)
    name = name_before_verb(index, headline, skip, meta.site_name) or bare_byline_name(
        index, skip, meta.site_name, url, headline
    )
    if name:
        return name
    if badge:
        return badge
    weak = [a for a in meta.authors if a.source.startswith("meta:")]
    name = _meta_author(weak[0].value, meta.site_name) if weak else ""
    return name or _own_comment_author(index)


def _names_after(text: str, name: str) -> list[str]:
    """Further names after the first in a byline's marked text, each a whole marked element
    joined to the one before by "," or "and" ("Par <b>A</b>, <b>B</b> Envoyés spéciaux")."""
    at = text.find(name)
    if at < 0:
        return []
    pieces = [p.strip(" " + BREAK_MARK) for p in text[at + len(name) :].split(LINK_MARK)]
    pieces = [p for p in pieces if p]
    names: list[str] = []
    for joiner, candidate in zip(pieces[::2], pieces[1::2], strict=False):
        if not NAME_JOINERS.match(joiner) or not _looks_like_name(candidate):
            break
        names.append(candidate)
    return names


def _rel_author(tag: Tag) -> bool:
    rel = tag.get("rel")
    return isinstance(rel, list) and any(word.lower() == "author" for word in rel)


def _in_page_furniture(tag: Tag) -> bool:
    """In a sidebar, widget area, aside or nav (as for comments), or in the page's ``footer``
    (not an article's own): a ``rel=author`` link there is the site owner's profile badge
    ("jovelstefan on Google+"), not the post's byline."""
    if not outside_sidebars(tag):
        return True
    footer = False
    for node in tag.parents:
        if node.name == "article":
            footer = False  # an article's own footer holds its entry meta
        elif node.name == "footer":
            footer = True
    return footer



def _comment_class(tag: Tag) -> bool:
    """A byline element marked as a comment's ("comment-byline"): a reader's, not the post's
    (comment regions that the thread finder missed)."""
    classes = tag.get("class")
    return isinstance(classes, list) and any("comment" in c.lower() for c in classes)


def _marked_text(tag: Tag) -> str:
    """``tag_text`` with ``LINK_MARK`` around each link's text: a byline's name stops where a
    link starts or ends, unless the link is the name ("By <a>Ann</a>"); and ``BREAK_MARK``
    where a line ends (``<br>``, a block) or two elements' texts touch with no space between
    ("By Ann Lee<br>ESPN.com", "<span>Ann Lee</span><span>ESPN.com</span>")."""
    pieces: list[str] = []
    edge = False  # an element starts or ends since the last text
    last = ""  # the last text

    def walk(node: Tag) -> None:
        nonlocal edge, last
        for child in node.children:
            if type(child) is NavigableString:
                text = str(child)
                if edge and text[:1].strip() and last[-1:].strip():
                    pieces.append(BREAK_MARK)
                if text:
                    pieces.append(text)
                    edge, last = False, text
            elif isinstance(child, Tag) and child.name not in ("script", "style"):
                mark = child.name in MARKED_ELEMENTS
                line = child.name in LINE_BREAKS
                if mark or line:
                    pieces.append(LINK_MARK if mark else BREAK_MARK)
                edge = True
                walk(child)
                edge = True
                if mark or line:
                    pieces.append(LINK_MARK if mark else BREAK_MARK)

    walk(tag)
    return _WS.sub(" ", " ".join(pieces)).strip()


#: Elements that hold a name, read when the text just before them is a "By" word.
NAME_ELEMENTS = ".author, .vcard"
#: The end of a text that introduces a name: "By", "Von:", "Par"...
BY_WORD_END = re.compile(r"(?:^|\s|\|)(?:by|von|par|por|door|(?-i:di|de))\s*:?\s*$", re.I)
#: Class words for the author in other languages: the name is the element's first
#: ``strong``/``b``/``a``, else its first ``|`` segment ("Ann Lee | Palma | 08/01/2014").
LOCAL_AUTHOR_SELECTORS: tuple[str, ...] = (
    ".autor", ".auteur", ".autore", ".firma", ".verfasser", ".forfatter", ".forfattare",
)
#: Inline elements that hold a name printed after a by-word.
NAME_HOLDERS = frozenset({"a", "span", "strong", "b", "em", "i", "cite"})
#: Verbs that may open a byline before its by-word: "Posted by", "Written by".
BYLINE_VERB = re.compile(
    r"^\s*(?:posted|written|submitted|geschrieben|eingestellt|veröffentlicht|publié|"
    r"publicado|scritto|geplaatst)\s*$",
    re.I,
)
#: What may stand before "By" at the start of a byline string.
LEAD_NOISE = " \t-–—|·•:([*"
#: Separators after which a "by" opens a byline part ("Aug 9, 2012 | By Ann").
BYLINE_SEPARATORS = ("|", "·", "•", "-", "–", "—", "/")
#: A displayed name has at most this many words.
MAX_NAME_WORDS = 5


def _name_after_by(index: TreeIndex, skip: frozenset[int]) -> str:
    """``By <span class="author vcard"><a>NAME</a></span>``: a name element after "By"."""
    for tag in index.select(NAME_ELEMENTS, limit=10):
        if skip and inside(tag, skip):
            continue
        name = _clean_name(tag_text(tag))
        if _looks_like_name(name) and BY_WORD_END.search(_text_before(tag)):
            return name
    return ""


def _name_element_after(string: NavigableString, text: str, skip: frozenset[int]) -> str:
    """``Posted by <a>NAME</a>`` near the headline: a string that is only a by-word (after
    "Posted", "Written"...) and the text of the inline element right after it."""
    end = BY_WORD_END.search(text)
    if end is None or BYLINE_VERB.sub("", text[: end.start()]).strip(LEAD_NOISE):
        return ""
    for node in string.next_elements:
        if isinstance(node, Tag) and node.name not in NAME_HOLDERS:
            return ""  # a line break or a block: nothing on the by-word's line
        if type(node) is NavigableString and str(node).strip():
            holder = node.parent
            name = _clean_name(str(node))
            if holder is None or holder.name not in NAME_HOLDERS or holder is string.parent:
                return ""
            link = holder if holder.name == "a" else holder.find_parent("a")
            if (link is not None and not_author_link(link, readers=False)) or outside_post(
                holder, skip
            ):
                return ""  # a reader's signature ("Posted by: <a rel=nofollow>")
            return name if _looks_like_name(name, handles=True) else ""
    return ""


def _text_before(tag: Tag) -> str:
    """The last non-blank text before ``tag`` in document order."""
    for node in tag.previous_elements:
        if type(node) is NavigableString and str(node).strip():
            return str(node)
        if isinstance(node, Tag) and node.name in ("p", "div", "h1", "h2", "h3", "li", "td"):
            return ""  # a block boundary: nothing introduces the name
    return ""


def _local_author_class(index: TreeIndex, skip: frozenset[int]) -> str:
    for selector in LOCAL_AUTHOR_SELECTORS:
        for tag in index.select(selector, limit=3):
            if skip and inside(tag, skip):
                continue
            marked = tag.find(("strong", "b", "a"))
            text = tag_text(marked) if isinstance(marked, Tag) else ""
            name = _clean_name(text or tag_text(tag).split("|")[0])
            if _looks_like_name(name):
                return name
    return ""


#: Separators between several authors in one meta string: ", ", " and ", " & ", ", and ".
AUTHOR_LIST_SEPARATORS = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", re.I)


def _meta_author(value: str, site_name: str) -> str:
    """A meta author string as displayed names joined with ", ", without the outlet's own
    name ("A, B, and C, CNN" -> "A, B, C")."""
    parts = [_clean_name(part) for part in AUTHOR_LIST_SEPARATORS.split(value)]
    names = _dedupe(part for part in parts if part)
    if len(names) < 2 or not all(_looks_like_name(name) for name in names):
        return _clean_name(value)  # one name, or a name with "&" in it ("Mac & i")
    outlet = site_name.casefold().strip()
    people = [name for name in names if name.casefold() != outlet]
    return ", ".join(people or names)


def _opens_byline(before: str) -> bool:
    """What precedes "by" in a short unmarked text leaves it a byline: nothing, a separator,
    or a date ("Tuesday 15 October 2019 by NAME", "Aug 9, 2012 | By NAME")."""
    lead = before.strip(LEAD_NOISE)
    return not lead or before.rstrip().endswith(BYLINE_SEPARATORS) or (
        dates.parse_date(lead) is not None
    )


def _looks_like_name(name: str, *, handles: bool = False) -> bool:
    """A displayed name: capitalised (or in a script without case), no final period ("the spy
    ring."), few words. With ``handles``, a single lower-case word passes too: blog user names
    ("Posted by randfish") are displayed as they are."""
    if not name or name.endswith(".") or len(name.split()) > MAX_NAME_WORDS:
        return False
    first = name[0]
    return first.isupper() or not first.islower() or (handles and " " not in name)


#: Comments that the platform marks as written by the post's author: WordPress core adds
#: ``bypostauthor`` to the comment item, Blogger an icon ``.blog-author`` beside the name.
OWN_COMMENT_ITEMS = ("li.bypostauthor", "article.bypostauthor", "div.bypostauthor")
OWN_COMMENT_NAMES = (".fn", "cite", ".comment-author-name", ".authorname")


def _own_comment_author(index: TreeIndex) -> str | None:
    """The post author's name as shown on their own replies in the thread: the last resort
    for themes that print no byline (the post author answering readers is common)."""
    for selector in OWN_COMMENT_ITEMS:
        for item in index.select(selector, limit=3):
            for names in OWN_COMMENT_NAMES:
                tag = item.select_one(names)
                name = _clean_name(tag_text(tag)) if tag is not None else ""
                if name:
                    return name
    for icon in index.select(".blog-author", limit=3):
        header = icon.parent
        cite = header.find("cite") if header is not None and icon.name == "span" else None
        name = _clean_name(tag_text(cite)) if isinstance(cite, Tag) else ""
        if name:
            return name
    return None


#: Prefixes and suffixes that are not part of a displayed name.
NAME_NOISE = re.compile(
    r"^(?:posted by|written by|submitted by|geschrieben von|eingestellt von|by|von|vom|par|por|"
    r"door|author:?|autor:?)\s+|\s+(?:autor|author|admin)$",
    re.I,
)


#: Where a byline's name ends: a date, a weekday abbreviation with a comma, a separator.
NAME_TAIL = re.compile(r"\s+\w{2,3}\.?,|\s+\d|\s[|·•]\s")


#: A name keeps at least this many words before a weekday that ends it.
MIN_WORDS_BEFORE_WEEKDAY = 2


def _clean_name(text: str) -> str:
    name = _WS.sub(" ", text).strip(" ,|·•-–—:")
    name = NAME_NOISE.sub("", name).strip(" ,|·•-–—:")
    name = NAME_TAIL.split(name)[0].strip(" ,|·•-–—:")
    name = _before_weekday(name)
    if not name or len(name) > MAX_AUTHOR_CHARS or name.startswith(("http", "@")):
        return ""
    return name


def _before_weekday(name: str) -> str:
    """A byline's name ends at a weekday's full name, the stamp's first word ("Ann Lee Tuesday,
    Aug. 17" when the date is an element of its own): only after two words, so a surname
    that is a weekday ("Larry Sabato") stays."""
    words = name.split()
    for at in range(MIN_WORDS_BEFORE_WEEKDAY, len(words)):
        if _fold(words[at].strip(".,")) in WEEKDAYS:
            return " ".join(words[:at])
    return name


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _dedupe(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name and name.casefold() not in (n.casefold() for n in out):
            out.append(name)
    return out
