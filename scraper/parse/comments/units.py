"""Reading one candidate comment unit (name, stamp, text) for the generic finder.

A unit is one element (a ``div`` per comment) or a run of sibling elements (paragraphs then a
``Posted by: Anna | May 4, 2007`` line). Every candidate grouping of an area is tried, so the
same strings are read many times: :class:`AreaText` walks the area's strings, ``<time>`` and
headline elements ONCE, and hands each unit its own strings (the ones not inside a nested unit,
which is a reply) by a single sweep over document positions, instead of a tree walk per unit.

Within a unit the date is a ``<time>`` or a short dated string; the short block holding it is
the meta line, which also names the author ("Posted by: Anna at ...", a link, a ``<cite>``);
the rest is the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bs4.element import NavigableString, Tag

from scraper.dates import MAX_RELATIVE_CHARS, is_relative_stamp, parse_date
from scraper.parse.comments.classnamed import class_named
from scraper.parse.comments.fields import clean_author
from scraper.parse.comments.regions import COMMENT_HEADING
from scraper.parse.comments.select import PageIndex
from scraper.parse.comments.tokens import names_comment
from scraper.parse.comments.unitwords import (
    MAX_NAME_CHARS,
    MAX_NAME_WORDS,
    NOT_A_NAME,
    SAID_WORD,
    UI_LINE,
    UI_WORDS,
    first_name,
    name_in,
    said_line,
    sentence_like,
)
from scraper.parse.sanitize import sanitize_html
from scraper.parse.tree import inner_html
from scraper.parse.walk import text_of

__all__ = ["SAID_WORD", "AreaText", "Parts"]

INLINE_TAGS = frozenset(
    {"a", "b", "i", "em", "strong", "span", "u", "small", "font", "abbr", "code", "cite", "label",
     "wbr"}
)  # fmt: skip
#: A unit holding one of these is a post or a teaser, never a comment.
HEADLINE_TAGS = frozenset({"h1", "h2", "article"})
#: Strings in these elements are never text.
HIDDEN_TAGS = frozenset({"script", "style", "noscript"})
MAX_STAMP_CHARS, MAX_META_CHARS = 120, 240
MAX_LINK_SHARE = 0.5
SOFT_HYPHEN = "\u00ad"
URL = re.compile(r"://|^www\.", re.I)
#: Elements that markup hides: their text is not shown, so it is no comment's text.
HIDDEN_SELECTOR = "[hidden], .hidden, [style*=display]"
DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.I)
MAX_POSITION = 1 << 62
MAX_HIDDEN_CHARS = 300


@dataclass(frozen=True)
class Parts:
    """One unit read as a comment; ``holder`` is the element whose HTML is the comment's."""

    name: str | None
    date: str
    text: str
    holder: Tag | None

    def html(self, url: str) -> str:
        return sanitize_html(inner_html(self.holder), url) if self.holder else ""


def _block_of(string: NavigableString) -> Tag | None:
    """The nearest block-level ancestor: inline links and emphasis stay on their line."""
    for parent in string.parents:
        if parent.name not in INLINE_TAGS:
            return parent
    return None


class AreaText:
    """The strings, ``<time>`` and headline elements of one comment area, read once."""

    def __init__(self, area: Tag, index: PageIndex, after: datetime | None = None) -> None:
        self.area = area
        self.after = after
        self.index = index
        position = index.position
        self.strings: list[NavigableString] = []
        self.at: list[int] = []
        hidden = _hidden_spans(area, index)
        for node in area.descendants:
            if type(node) is NavigableString and not node.isspace() and node:
                parent = node.parent
                if parent is None or parent.name in HIDDEN_TAGS:
                    continue
                at = position.get(id(parent), -1)
                if hidden and _inside(hidden, at):
                    continue
                self.strings.append(node)
                self.at.append(at)
        # ``<time datetime>``, and microformat stamps: ``<abbr title="2011-08-25T02:45:01">``
        # over "about a minute ago".
        self.times = [
            t for t in index.select(area, "time, abbr[title]") if _stamp_attr(t) or t.name == "time"
        ]
        self.time_at = [position.get(id(t), -1) for t in self.times]
        # An ``<article>`` that names a comment (``article.fig-comment-content``) is one.
        self.headlines = [
            position.get(id(t), -1)
            for t in index.select(area, "h1, h2, article")
            if t.name != "article" or not names_comment(t)
        ]
        self._dated: dict[str, bool] = {}
        self._area_linked = any(p.name == "a" for p in area.parents)

    def owned(self, roots: Sequence[Tag], unit_of: Sequence[int]) -> tuple[
        dict[int, list[int]], dict[int, list[int]]
    ]:
        """Strings and times per unit: each goes to the innermost root holding it (its unit is
        ``unit_of[root]``); ``roots`` are in document order and may nest."""
        pos, end = self.index.position, self.index.end
        starts = [pos.get(id(r), -1) for r in roots]
        ends = [end[s] if s >= 0 else -1 for s in starts]
        return _sweep(starts, ends, unit_of, self.at), _sweep(starts, ends, unit_of, self.time_at)

    def has_headline(self, root: Tag) -> bool:
        """True when ``root`` is or holds an ``h1``/``h2``/``article``."""
        if root.name in HEADLINE_TAGS and (root.name != "article" or not names_comment(root)):
            return True
        start = self.index.position.get(id(root))
        if start is None:
            return root.find(list(HEADLINE_TAGS)) is not None
        lo = bisect_right(self.headlines, start)
        return lo < len(self.headlines) and self.headlines[lo] <= self.index.end[start]

    def _held(self, tag: Tag, own: list[int]) -> set[int]:
        """Ids of the unit's own strings (indices ``own``) inside ``tag``."""
        start = self.index.position.get(id(tag))
        if start is None:
            return set()
        end = self.index.end[start]
        return {id(self.strings[i]) for i in own if start <= self.at[i] <= end}

    def _is_dated(self, text: str) -> bool:
        known = self._dated.get(text)
        if known is None:
            known = self._dated[text] = (
                parse_date(text, after=self.after) is not None or is_relative_stamp(text)
            )
        return known

    def _linked(self, string: NavigableString) -> bool:
        for parent in string.parents:
            if parent is self.area:
                return self._area_linked
            if parent.name == "a":
                return _goes_somewhere(parent)
        return False

    def _link_share(self, strings: list[NavigableString]) -> float:
        """Share of the text that sits in links: navigation and teaser lists are mostly links.
        A link that shows its own address is a URL pasted into a comment, not navigation."""
        total = linked = 0
        for string in strings:
            size = len(string.strip())
            total += size
            if self._linked(string) and not URL.search(string):
                linked += size
        return linked / total if total else 1.0

    def _meta_block(self, string: NavigableString, unit: Sequence[Tag]) -> Tag | None:
        """The short block around a date string (its meta line), if it is not the whole unit."""
        block = _block_of(string)
        if block is None or (len(unit) == 1 and block is unit[0]):
            return None
        if len(" ".join(text_of(block, " ").split())) > MAX_META_CHARS:
            return None
        return block

    def _find_date(
        self, unit: Sequence[Tag], strings: list[NavigableString], times: list[int]
    ) -> tuple[str | None, Tag | None, set[int]]:
        """The unit's stamp, its meta block and the ids of the strings they use."""
        for i in times:
            timed = self.times[i]
            value = _stamp_attr(timed)
            if value:
                inner = [s for s in timed.descendants if isinstance(s, NavigableString)]
                block = self._meta_block(inner[0], unit) if inner else None
                return value, block, {id(s) for s in inner}
        # Stamps with a digit first; "about a minute ago" (none) only when the unit has none:
        # "as of a week ago." in a comment's text is no stamp beside its real one.
        wordy = [
            s for s in strings if len(s) <= MAX_RELATIVE_CHARS and not any(map(str.isdigit, s))
        ]
        digits = [s for s in strings if any(map(str.isdigit, s))]
        for string in [*digits, *(s for s in wordy if is_relative_stamp(s))]:
            if len(string) > 4 * MAX_STAMP_CHARS:
                continue
            text = " ".join(string.split())
            if len(text) > MAX_STAMP_CHARS or URL.search(text) or not self._is_dated(text):
                continue  # a dated link (``/2012/10/17/story.html``) is not a stamp
            block = self._meta_block(string, unit)
            if block is None and len(text) > MAX_NAME_CHARS:
                continue  # a dated sentence in the text, not a stamp
            return text, block, {id(string)}
        return None, None, set()

    def parts(
        self, unit: Sequence[Tag], own: list[int], times: list[int], *, said: bool = False
    ) -> Parts | None:
        """The unit (its roots, its own string and time indices) read as a comment, or None.

        A comment needs a stamp; with ``said``, a unit without one that opens with a
        "NAME said," line (:data:`SAID_LINE`) is read too, with an empty ``date``.
        """
        if any(self.has_headline(root) for root in unit):
            return None  # a post or teaser with its own headline, not a comment
        strings = [self.strings[i] for i in own]
        date, meta, used = self._find_date(unit, strings, times)
        name: str | None = None
        if date is None:
            opening = said_line(strings) if said else None
            if opening is None:
                return None
            date, (name, used) = "", opening
        elif meta is not None:
            shown = " ".join(" ".join(x.split()) for x in strings if id(x) in used)
            name = name_in(meta, shown if shown and shown != date else date)
        if meta is not None:
            # The meta line's own strings: a block nested in it is another line (the text of
            # a short comment whose meta block holds it).
            used.update(
                id(s)
                for s in meta.descendants
                if isinstance(s, NavigableString) and _block_of(s) is meta
            )
        body = [
            s for s in strings if id(s) not in used and not UI_WORDS.match(" ".join(s.split()))
        ]
        if not body and meta is not None and name:
            body = _lone_number(strings, used, meta)
        named = class_named(unit, strings)
        boxed: set[int] = set()
        if named.author is not None:
            boxed = self._held(named.author, own)
            found = first_name(strings, boxed, date)
            if found is not None:
                name, shown_name = found
                body = [s for s in body if s is not shown_name]
                if all(id(s) in boxed for s in body):
                    return None  # only the author box ("Party: X"): no text of its own
            else:
                boxed = set()
        if named.apart:
            apart = set().union(*(self._held(t, own) for t in named.apart))
            body = [s for s in body if id(s) not in apart] or body
        if name is None and body:
            first = " ".join(body[0].split()).rstrip(":")
            if (
                len(first) <= MAX_NAME_CHARS
                and len(first.split()) <= MAX_NAME_WORDS
                and len(body) > 1
                and not NOT_A_NAME.search(first)
                and not COMMENT_HEADING.match(first)  # the area's "Comments" heading
                and (guess := clean_author(first))
                and not sentence_like(guess)
            ):
                name = guess
                body = body[1:]
        # Links in the author box (profile, fan count) are no navigation.
        shared = [
            s for s in body if id(s) not in boxed and not UI_LINE.match(" ".join(s.split()))
        ] or body
        if not body or self._link_share(shared) > MAX_LINK_SHARE:
            return None
        lines: list[str] = []
        last_block = None
        for string in body:
            # A soft hyphen (U+00AD) is an invisible break point inside a word: "Thanksgivi
            # <wbr>&shy;ng" reads "Thanksgiving".
            joined = string.lstrip().startswith(SOFT_HYPHEN)
            text = " ".join(string.replace(SOFT_HYPHEN, "").split())
            block = _block_of(string)
            if lines and block is last_block:
                lines[-1] += ("" if joined else " ") + text
            else:
                lines.append(text)
            last_block = block
        lines = [line for line in lines if not UI_LINE.match(line)]
        if not lines:
            return None
        return Parts(name=name, date=date, text="\n".join(lines), holder=_block_of(body[0]))


def _stamp_attr(tag: Tag) -> str | None:
    """The machine-readable stamp of a ``<time datetime>`` or an ``<abbr title>`` that
    parses as a date."""
    if tag.name == "time":
        value = tag.get("datetime")
        return value.strip() if isinstance(value, str) and value.strip() else None
    value = tag.get("title")
    if isinstance(value, str) and any(map(str.isdigit, value)) and parse_date(value):
        return value.strip()
    return None


def _lone_number(
    strings: list[NavigableString], used: set[int], meta: Tag
) -> list[NavigableString]:
    """A comment whose whole text is a number ("1", "+1" reads as text already): the one
    leftover string of a named, dated unit, alone in its own block apart from the meta line,
    not a link. A number beside other text stays a comment number."""
    rest = [s for s in strings if id(s) not in used and s.strip()]
    if len(rest) != 1 or not rest[0].strip().isdigit():
        return []
    block = _block_of(rest[0])
    if (
        block is None
        or block is meta
        or rest[0].find_parent("a") is not None
        or " ".join(block.get_text(" ").split()) != rest[0].strip()
    ):
        return []
    return rest


def _goes_somewhere(link: Tag) -> bool:
    """False for a link that only runs a script or jumps in the page (a comment title that
    folds the comment, ``href="#"``): it is no navigation."""
    href = link.get("href")
    return isinstance(href, str) and not href.strip().lower().startswith(("#", "javascript:"))


def _hidden_spans(area: Tag, index: PageIndex) -> list[tuple[int, int]]:
    """Position spans of the small undated elements in ``area`` that markup hides (``hidden``,
    a ``hidden`` class, ``display:none``): share-box copies of a comment, notices, reply forms.
    A hidden element that holds comments (a thread a script unfolds, collapsed replies) holds
    their stamps too, or more text: it is kept."""
    spans: list[tuple[int, int]] = []
    for tag in index.select(area, HIDDEN_SELECTOR):
        style = tag.get("style")
        if (
            tag.name != "input"
            and (
                tag.has_attr("hidden")
                or "hidden" in tag.get_attribute_list("class")
                or (isinstance(style, str) and DISPLAY_NONE.search(style) is not None)
            )
            and index.text_size(tag, strip=True, cap=MAX_HIDDEN_CHARS) <= MAX_HIDDEN_CHARS
            and not any(
                any(map(str.isdigit, s)) and (parse_date(s) or is_relative_stamp(s))
                for s in tag.stripped_strings
            )
        ):
            start = index.position.get(id(tag))
            if start is not None and not (spans and start <= spans[-1][1]):
                spans.append((start, index.end[start]))
    return spans


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    i = bisect_right(spans, (at, MAX_POSITION)) - 1
    return i >= 0 and spans[i][0] <= at <= spans[i][1]


def _sweep(
    starts: list[int], ends: list[int], unit_of: Sequence[int], points: list[int]
) -> dict[int, list[int]]:
    """Indices of ``points`` (element positions) per unit of the innermost interval holding them.

    Intervals are ``starts[i]..ends[i]``, sorted by start, nested or disjoint (as elements are);
    ``points`` need not be sorted (a string after a child element has its parent's position).
    """
    up: list[int] = []
    stack: list[int] = []
    for i, start in enumerate(starts):
        while stack and ends[stack[-1]] < start:
            stack.pop()
        up.append(stack[-1] if stack else -1)
        stack.append(i)
    out: dict[int, list[int]] = {}
    for k, p in enumerate(points):
        i = bisect_right(starts, p) - 1
        while i >= 0 and ends[i] < p:
            i = up[i]
        if i >= 0 and p >= 0:
            out.setdefault(unit_of[i], []).append(k)
    return out
