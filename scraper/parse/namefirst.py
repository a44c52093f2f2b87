"""A post's author in a byline that prints the name without a by-word before it.

``byline.py`` finds "By NAME"; many themes print the name alone or before a verb:

* a byline-classed element whose whole text is a person's name
  (``<div class="byline">Ann Lee</div>``, ``<div class="author"><a><span>Ann Lee</span></a>``);
* a name, then a posting verb, on the line under the headline or in a byline element:
  ``Ann Lee posted on Saturday, August 13th, 2011``, ``Ann Lee wrote``,
  ``Ann Lee schrieb am 3. März 2012``, ``Ann Lee a écrit``.

The name must look like a person's (two or more capitalised words, or a script without case,
no interface word: "View Comments"), the element must lie in the post (not a sidebar, widget or
comment, nor a teaser card of another post: related-posts carousels print bylines too), and a
name equal to the site's own name is the outlet, not the author.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bs4.element import Tag

from scraper.dates import parse_date
from scraper.parse.comments.names import DATE_TOKEN
from scraper.parse.generic import tag_text
from scraper.parse.index import TreeIndex
from scraper.parse.links import links_elsewhere
from scraper.parse.metaline import is_person, outside_post
from scraper.parse.walk import tags_below

__all__ = ["AUTHOR_CLASS_SELECTORS", "POSTING_VERBS", "bare_byline_name", "name_before_verb"]

#: Elements whose class says they hold the post's author or byline: their whole text may be it.
AUTHOR_CLASS_SELECTORS: tuple[str, ...] = (
    ".byline", "#byline", ".author", ".post-author", ".entry-author", ".posted-by",
    ".article-author", ".byline-author", "[class*=byline]",
)
#: Verbs printed after the author's name in a byline, per language.
POSTING_VERBS: tuple[str, ...] = (
    "posted", "wrote", "writes", "published", "schrieb", "schreibt", "a écrit", "écrit",
    "escribió", "escribe", "ha scritto", "scrive", "schreef", "schrijft",
)
#: "NAME posted on ...": the name is everything before the verb.
NAME_THEN_VERB = re.compile(
    rf"^\s*(?P<name>[^\W\d_][\w.'’\- ]{{1,60}}?)\s+(?:{'|'.join(POSTING_VERBS)})(?:\s|:|,|$)",
    re.I,
)
#: Words between several linked names in one author element: "<a>A</a> and <a>B</a>".
NAME_JOINERS = re.compile(r"^(?:,|&|and|und|et|y|e|en|og|och|i)$", re.I)
#: What may stand between the verb and the date: "posted on", "schrieb am", "a écrit le".
DATE_LEAD = re.compile(r"^[\s:,]*(?:(?:on|am|um|le|el|il|op|at|den)\s+)?", re.I)
#: The date after the verb is read from this many characters.
MAX_STAMP_CHARS = 60
#: Words of links and labels that byline elements hold, never of a name ("View Comments").
NOT_NAME_WORDS = frozenset({
    "comment", "comments", "view", "reply", "share", "print", "email", "read", "more", "tweet",
    "follow", "subscribe", "kommentare", "commentaires", "comentarios", "commenti",
})
#: A teaser card is found this many levels above its byline, and holds at most this much text.
TEASER_LEVELS = 3
MAX_TEASER_CHARS = 400
TEASER_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: At most this many elements of one selector are read.
PER_SELECTOR = 3
#: A byline element this long is a bio or a box, not a name.
MAX_NAME_TEXT = 60
#: A byline line this long is prose, not a byline.
MAX_LINE_TEXT = 160


def bare_byline_name(
    index: TreeIndex,
    skip: frozenset[int],
    site_name: str = "",
    url: str = "",
    headline: Tag | None = None,
) -> str:
    """The first byline-classed element in the post that holds only a name, or linked names
    joined by "and"/","/"&" (given joined with ", "), or a linked name first and something else
    after it (``<a>Ann Lee</a><div>Games Editor</div>``): element boundaries end a name, so
    such an element's text is never read whole."""
    for tag in _in_post(index, AUTHOR_CLASS_SELECTORS, skip):
        names = _names_in(tag)
        if names and all(_author(n, site_name) for n in names) and not _in_teaser(
            tag, url, headline
        ):
            return ", ".join(names)
    return ""


def _names_in(tag: Tag) -> list[str]:
    """The name or names an author element shows, by its strings: one string, or linked
    names with joining words between them, or one linked name before other elements."""
    strings = [" ".join(s.split()) for s in tag.stripped_strings]
    if not strings or any(len(s) > MAX_NAME_TEXT for s in strings[:1]):
        return []
    if len(strings) == 1:
        return strings
    linked = {" ".join(" ".join(a.stripped_strings).split()) for a in tag.find_all("a")}
    names = [strings[0]]
    for joiner, name in zip(strings[1::2], strings[2::2], strict=False):
        if not NAME_JOINERS.match(joiner) or name not in linked:
            break
        names.append(name)
    if strings[0] not in linked or (len(names) == 1 and NAME_JOINERS.match(strings[1])):
        return []  # a name, then text not in elements of its own; or names cut off
    return names


def name_before_verb(
    index: TreeIndex, headline: Tag | None, skip: frozenset[int], site_name: str = ""
) -> str:
    """The name in "NAME posted on DATE" on the line right under the headline or in a
    byline-classed element."""
    tags: list[Tag] = []
    if headline is not None:
        after = headline.find_next_sibling()
        if isinstance(after, Tag) and not outside_post(after, skip):
            tags.append(after)
    tags.extend(_in_post(index, AUTHOR_CLASS_SELECTORS, skip))
    for tag in tags:
        text = " ".join(tag_text(tag).split())
        match = NAME_THEN_VERB.match(text) if len(text) <= MAX_LINE_TEXT else None
        if match and _author(match.group("name"), site_name) and _stamp_or_end(
            text[match.end() :]
        ):
            return match.group("name")
    return ""


def _stamp_or_end(rest: str) -> bool:
    """After the verb comes a date ("posted on Saturday, August 13th, 2011", "schrieb am
    3. März") or nothing ("NAME wrote:"): not a sentence ("Ann Lee wrote in 2011 that...")."""
    rest = DATE_LEAD.sub("", rest, count=1).strip()
    if not rest:
        return True
    first = rest.split()[0].strip(",.")
    return bool(DATE_TOKEN.match(first) or first[:1].isdigit()) and (
        parse_date(rest[:MAX_STAMP_CHARS]) is not None
    )


def _in_post(index: TreeIndex, selectors: Iterable[str], skip: frozenset[int]) -> Iterator[Tag]:
    seen: set[int] = set()
    for selector in selectors:
        for tag in index.select(selector, limit=PER_SELECTOR):
            if id(tag) not in seen and not outside_post(tag, skip):
                seen.add(id(tag))
                yield tag


def _author(name: str, site_name: str) -> bool:
    return (
        is_person(name)
        and name.casefold() != site_name.casefold().strip()
        and not any(word.casefold() in NOT_NAME_WORDS for word in name.split())
    )


def _in_teaser(tag: Tag, url: str, headline: Tag | None) -> bool:
    """A byline in another post's teaser card: it links where a link beside it (the card's
    title or image) links, or a small box just around it holds a heading (not the post's
    headline) linking to another page."""
    link = tag if tag.name == "a" else tag.find_parent("a") or tag.find("a")
    href = link.get("href") if isinstance(link, Tag) else None
    if isinstance(href, str) and href.startswith(("#", "javascript:")):
        href = None
    box: Tag | None = tag
    for _ in range(TEASER_LEVELS):
        box = box.parent if box is not None else None
        if box is None or box.name in ("body", "html"):
            return False
        if isinstance(href, str) and any(
            a is not link and a.get("href") == href for a in box.find_all("a", href=True)
        ):
            return True
        if len(tag_text(box)) <= MAX_TEASER_CHARS and any(
            h is not headline and links_elsewhere(h, url)
            for h in tags_below(box, TEASER_HEADINGS, limit=5)
        ):
            return True
    return False
