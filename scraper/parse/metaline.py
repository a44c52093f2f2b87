"""A post's author printed beside its date with no by-word: the meta line.

Many themes print the author without "By": ``Malte Welding | 29.07.2006 um 14:26`` in the
post's footer, ``24. März 2004, 19:49 | Genesis`` under the headline, or a byline box that
stacks ``Max Blumenthal<br>The Grayzone<br>Thu, 14 May 2020 17:55 UTC``. The date is what
makes such a line a meta line, so the search starts from dates:

* on the date's own line (its run of inline content between blocks and ``<br>``), the piece
  next to the date across a separator (``|``, ``·``, ``•``, a dash) is the name;
* in a small box of ``<br>``-separated lines that holds the date on one line, the first line
  is the name (the lines after it are the outlet, the place, the date).

Dates are read only where a meta line lives: the strings just after the headline and inside
entry-meta containers (never sidebars, widgets or comment regions). A name must look like a
person's (capitalised words, or a script without case; no digits, no interface words), and a
category or tag link is never one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from bs4.element import NavigableString, Tag

from scraper.dates import parse_date
from scraper.parse.comments.fields import outside_sidebars
from scraper.parse.comments.names import INLINE_TAGS, is_dateish, is_name
from scraper.parse.index import TreeIndex

__all__ = [
    "META_LINE_SELECTORS", "is_person", "name_beside_date", "not_author_link", "outside_post",
]

#: Containers of a post's meta line (header or footer), beyond the byline selectors.
META_LINE_SELECTORS: tuple[str, ...] = (
    ".entry-footer", ".post-footer", ".entry-meta", ".post-meta", ".postmeta", ".meta",
    ".entry-info", ".post-info", ".postinfo", ".article-info", ".byline", ".post-byline",
    ".entry-byline", ".article-meta",
)
#: Separators between the pieces of one meta line.
PIECE_SEPARATOR = re.compile(r"\s*[|·•]\s*|\s+[-–—]\s+|^\s*[-–—]\s+|\s+[-–—]\s*$")
#: Elements whose text is never shown.
HIDDEN = frozenset({"script", "style", "noscript", "template"})
#: Links to these paths are a post's categories or tags, not its author.
TAXONOMY_HREF = re.compile(r"/(?:category|categories|tag|tags|label|labels|topics?|rubrik)/",
                           re.I)
#: ``rel`` values of links that never hold the post's author: taxonomy, readers' sites.
TAXONOMY_RELS = frozenset({"tag", "category"})
READER_RELS = frozenset({"nofollow", "external", "ugc"})
#: A by-word opening the name piece ("By Ann Lee", "Von Ann Lee"): not part of the name.
BY_WORD = re.compile(r"^(?:by|von|par|por|door|di|da)\s+(?=\S+\s)|^by\s+", re.I)
#: Words on meta lines that are links to the thread or the feed, not names.
INTERFACE_WORDS = re.compile(
    r"^(?:comments?|kommentare?|commentaires?|comentarios?|commenti|reacties|coment[áa]rios|"
    r"reply|antworten|permalink|share|print|drucken|imprimer|read more|weiterlesen|more)$",
    re.I,
)
#: A web address written as a name ("Example.com"): the site, not a person.
DOMAIN = re.compile(r"[^\W\d_]\.[a-z]{2,}\b", re.I)
#: Lower-case words allowed inside a capitalised name ("Ludwig van Beethoven").
NAME_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "di", "da", "del", "della", "du", "le", "la", "ter", "zu",
    "bin", "al", "y", "e",
})
#: Characters a displayed name may hold besides letters and spaces.
NAME_PUNCTUATION = frozenset(".'’-")
MAX_NAME_WORDS = 4
#: How many date-bearing strings after the headline are tried.
NEAR_HEADLINE_DATES = 6
#: How many strings after the headline are read looking for them.
NEAR_HEADLINE_STRINGS = 30
#: A box of stacked lines longer than this is prose, not a byline box.
MAX_BOX_CHARS = 160
MAX_LINE_CHARS = 120
MAX_STAMP_WORDS = 8
#: How many strings of one meta container are read (a ``.meta`` class can wrap a whole page).
MAX_CONTAINER_STRINGS = 60
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Piece:
    """One piece of a meta line, and the link it sits in (if any)."""

    text: str
    link: Tag | None


def name_beside_date(
    index: TreeIndex,
    headline: Tag | None,
    skip: frozenset[int] = frozenset(),
    *,
    site_name: str = "",
) -> str:
    """The author's name on the post's meta line, or "" when no meta line names one.

    Args:
        skip: ids of elements (comment regions) whose meta lines are readers'.
        site_name: the site's declared name: an outlet on the meta line is not the author.
    """
    site = site_name.casefold().strip()
    for string in _date_strings(index, headline, skip):
        name = _on_line(string) or _first_line_of_box(string)
        if name and name.casefold() != site:
            return name
    return ""


def _date_strings(
    index: TreeIndex, headline: Tag | None, skip: frozenset[int]
) -> Iterator[NavigableString]:
    if headline is not None:
        near = _dated(_strings_after(headline), NEAR_HEADLINE_DATES)
        yield from (s for s in near if not outside_post(s.parent, skip))
    for selector in META_LINE_SELECTORS:
        for tag in index.select(selector, limit=3):
            strings = (s for s in tag.descendants if type(s) is NavigableString)
            dated = list(_dated(islice(strings, MAX_CONTAINER_STRINGS), NEAR_HEADLINE_DATES))
            if dated and not outside_post(tag, skip):
                yield from dated


def outside_post(tag: Tag | None, skip: frozenset[int]) -> bool:
    """In a sidebar or widget, a comment region, or an element marked as a comment's."""
    if tag is None or not outside_sidebars(tag):
        return True
    node: Tag | None = tag
    while node is not None:
        if id(node) in skip:
            return True
        classes = node.get("class")
        if isinstance(classes, list) and any("comment" in c.lower() for c in classes):
            return True
        node = node.parent
    return False


def _strings_after(headline: Tag) -> Iterator[NavigableString]:
    taken = 0
    for node in headline.next_elements:
        if taken >= NEAR_HEADLINE_STRINGS:
            return
        if type(node) is NavigableString and node.strip():
            if node.parent is not None and node.parent.name in HIDDEN:
                continue
            taken += 1
            yield node


def _dated(strings: Iterable[NavigableString], limit: int) -> Iterator[NavigableString]:
    found = 0
    for string in strings:
        if found >= limit:
            return
        if _DIGIT.search(string) is not None and len(string.strip()) <= MAX_LINE_CHARS:
            found += 1
            yield string


def _on_line(string: NavigableString) -> str:
    """The name next to the date across a separator on the date's own line."""
    pieces = _split(_line(string))
    for at, piece in enumerate(pieces):
        if not _is_stamp(piece.text):
            continue
        for other in (pieces[at - 1 : at], pieces[at + 1 : at + 2]):
            if other and _person(other[0], single_word=True):
                return _without_by_word(other[0].text)
        return ""
    return ""


def _first_line_of_box(string: NavigableString) -> str:
    """The first line of a small ``<br>``-stacked byline box whose other line is the date."""
    box = _block_of(string)
    if box is None:
        return ""
    lines: list[list[_Piece]] = [[]]
    for node in box.descendants:
        if isinstance(node, Tag) and node.name == "br":
            lines.append([])
        elif isinstance(node, Tag) and node.name not in INLINE_TAGS and node.name != "br":
            return ""  # a box with blocks inside is a layout element, not a byline box
        elif type(node) is NavigableString and node.parent is not None and (
            node.parent.name not in HIDDEN
        ):
            lines[-1].append(_Piece(str(node), _link_of(node, box)))
    texts = [_norm(" ".join(p.text for p in line)) for line in lines]
    lines = [line for line, text in zip(lines, texts, strict=True) if text]
    texts = [text for text in texts if text]
    if len(texts) < 2 or sum(map(len, texts)) > MAX_BOX_CHARS:
        return ""
    if not any(_is_stamp(text) for text in texts[1:]):
        return ""
    first = _Piece(texts[0], lines[0][0].link if len(lines[0]) == 1 else None)
    return _without_by_word(texts[0]) if _person(first, single_word=False) else ""


def _block_of(string: NavigableString) -> Tag | None:
    for parent in string.parents:
        if parent.name not in INLINE_TAGS:
            return parent
    return None


def _line(string: NavigableString) -> list[_Piece]:
    """The pieces of text on ``string``'s line: the inline run around it inside its block,
    cut at block elements and ``<br>``."""
    top: Tag | NavigableString = string
    while top.parent is not None and top.parent.name in INLINE_TAGS:
        top = top.parent
    block = top.parent
    before: list[_Piece] = []
    for node in top.previous_siblings:
        if _breaks_line(node):
            break
        before[:0] = _pieces(node, block)
    after: list[_Piece] = []
    for node in top.next_siblings:
        if _breaks_line(node):
            break
        after.extend(_pieces(node, block))
    return [*before, *_pieces(top, block), *after]


def _breaks_line(node: object) -> bool:
    return isinstance(node, Tag) and (node.name == "br" or (
        node.name not in INLINE_TAGS and node.name not in HIDDEN
    ))


def _pieces(node: object, block: Tag | None) -> list[_Piece]:
    if type(node) is NavigableString:
        return [_Piece(str(node), _link_of(node, block))]
    if isinstance(node, Tag) and node.name not in HIDDEN:
        return [
            _Piece(str(s), _link_of(s, block))
            for s in node.descendants
            if type(s) is NavigableString and s.parent is not None and s.parent.name not in HIDDEN
        ]
    return []


def _link_of(string: NavigableString, block: Tag | None) -> Tag | None:
    for parent in string.parents:
        if parent is block:
            return None
        if parent.name == "a":
            return parent
    return None


def _split(pieces: list[_Piece]) -> list[_Piece]:
    """The line's text re-cut at separators; a piece keeps its link when all its text is
    that one link's."""
    groups: list[list[_Piece]] = [[]]
    for piece in pieces:
        for k, chunk in enumerate(PIECE_SEPARATOR.split(piece.text)):
            if k:
                groups.append([])
            if chunk.strip():
                groups[-1].append(_Piece(chunk, piece.link))
    out: list[_Piece] = []
    for group in groups:
        text = _norm(" ".join(p.text for p in group))
        if text:
            link = group[0].link
            out.append(_Piece(text, link if all(p.link is link for p in group) else None))
    return out


def _is_stamp(text: str) -> bool:
    if not any(ch.isdigit() for ch in text) or parse_date(text) is None:
        return False
    return is_dateish(text) or len(text.split()) <= MAX_STAMP_WORDS


def is_person(text: str) -> bool:
    """A person's displayed name of two or more capitalised words (or a caseless script)."""
    return _person(_Piece(text, None), single_word=False)


def _person(piece: _Piece, *, single_word: bool) -> bool:
    """A person's displayed name: capitalised words (particles aside) or a caseless script,
    no digits, never a category or tag link. Single words only where ``single_word`` allows."""
    text = _without_by_word(piece.text)
    if not is_name(text) or INTERFACE_WORDS.match(text) or DOMAIN.search(text):
        return False
    if any(ch.isdigit() for ch in text):
        return False
    if piece.link is not None and not_author_link(piece.link):
        return False
    words = text.split()
    if len(words) > MAX_NAME_WORDS:
        return False
    if any(not (ch.isalpha() or ch.isspace() or ch in NAME_PUNCTUATION) for ch in text):
        return False
    caseless = all(not ch.isupper() and not ch.islower() for ch in text if ch.isalpha())
    if len(words) < 2 and not (single_word or caseless):
        return False
    if caseless:
        return True
    return words[0][0].isupper() and all(w[0].isupper() or w in NAME_PARTICLES for w in words)


def _without_by_word(text: str) -> str:
    return BY_WORD.sub("", _norm(text), count=1)


def not_author_link(link: Tag, *, readers: bool = True) -> bool:
    """A category or tag link, or (with ``readers``) a reader's link: ``rel="external
    nofollow"`` or ``ugc``, as platforms mark commenters' sites. (Some sites mark their
    editors' links ``nofollow`` too: Slashdot's "Posted by <a rel=nofollow>".)"""
    rel = link.get("rel")
    rels = {r.lower() for r in rel} if isinstance(rel, list) else set()
    if rels & TAXONOMY_RELS or (readers and rels & READER_RELS):
        return True
    href = link.get("href")
    return isinstance(href, str) and TAXONOMY_HREF.search(href) is not None


def _norm(text: str) -> str:
    return " ".join(text.split())
