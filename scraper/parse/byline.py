"""The author of a post page: declared metadata first, then the visible byline.

A chain of fallbacks, strongest evidence first (yt-dlp's rule: optional fields never fail): an
article's JSON-LD author -> microdata / h-entry -> platform selectors -> ``rel=author`` -> a
"By ..." / "Von ..." byline (or a job title, "編集委員 NAME") -> a name beside the date on the
post's meta line, with no by-word (``scraper.parse.metaline``) -> a JSON-LD Person no article
names (Yoast's graph, a site owner's card) -> a name-only byline element or "NAME wrote:"
(``scraper.parse.namefirst``) -> a sidebar ``rel=author`` badge -> ``<meta name=author>`` ->
the author's own reply in the thread.

The dates are ``scraper.parse.pubdate``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4.element import Tag

from scraper.parse.bylinedom import (
    LINK_MARK,
    byline_strings,
    comment_class,
    in_page_furniture,
    local_author_class,
    marked_text,
    name_after_by,
    name_element_after,
    names_after,
    own_comment_author,
    rel_author,
)
from scraper.parse.bywords import (
    BY_WORDS,
    clean_name,
    dedupe,
    looks_like_name,
    meta_author,
    opens_byline,
)
from scraper.parse.generic import Metadata, tag_text
from scraper.parse.index import TreeIndex
from scraper.parse.metaline import name_beside_date
from scraper.parse.namefirst import bare_byline_name, name_before_verb
from scraper.parse.outlet import site_keys, without_outlet
from scraper.parse.pubdate import inside

__all__ = ["find_author"]

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
#: The source of a JSON-LD Person that no article names as its author (the page's only Person:
#: Yoast's graph, or the site owner's profile card): the name as declared, not as the post
#: shows it, so it ranks below every visible byline.
LONE_PERSON = "json-ld-person"
_WS = re.compile(r"\s+")


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
        names = dedupe(clean_name(a.value) for a in strong if a.source == strong[0].source)
        if names:
            return ", ".join(names)
    badge = ""  # a rel=author profile badge in the sidebar or footer: ranked below bylines
    for selector in (*selectors, *AUTHOR_SELECTORS):
        for tag in index.select(selector, limit=5):
            if skip and inside(tag, skip):
                continue
            name = clean_name(tag_text(tag))
            if name and rel_author(tag) and in_page_furniture(tag):
                badge = badge or name
            elif name:
                return name
    name = name_after_by(index, skip) or local_author_class(index, skip)
    if name:
        return name
    for selector in BYLINE_SELECTORS:
        for tag in index.select(selector, limit=3):
            if (skip and inside(tag, skip)) or comment_class(tag) or in_page_furniture(tag):
                continue
            text = marked_text(tag)
            short = len(text) - text.count(LINK_MARK) < 300
            match = BY_WORDS.search(text) if short else None
            if match and LINK_MARK in text[match.start() : match.start("name")]:
                # the name is a link's text: it may go on past the link ("By <a>A</a> And
                # <a>B</a>")
                match = BY_WORDS.search(_WS.sub(" ", text.replace(LINK_MARK, "")))
            if match:
                name = clean_name(match.group("name"))
                if name:
                    return ", ".join([name, *names_after(text, name)])
    if headline is not None:
        for text, node in byline_strings(headline):
            match = BY_WORDS.search(text)
            if match is None:
                name = name_element_after(node, text, skip)
                if name:
                    return name
                continue
            if not opens_byline(text[: match.start()]):
                continue  # "... targeted by the spy ring." is a sentence, not a byline
            name = clean_name(match.group("name"))
            if looks_like_name(name, handles=True):
                return name
    name = name_beside_date(index, headline, skip, site_name=meta.site_name)
    if name:
        return name
    lone = next((a for a in meta.authors if a.source == LONE_PERSON), None)
    if lone is not None and clean_name(lone.value):
        return clean_name(lone.value)
    name = name_before_verb(index, headline, skip, meta.site_name) or bare_byline_name(
        index, skip, meta.site_name, url, headline
    )
    if name:
        return name
    if badge:
        return badge
    weak = [a for a in meta.authors if a.source.startswith("meta:")]
    name = meta_author(weak[0].value, meta.site_name) if weak else ""
    return name or own_comment_author(index)
