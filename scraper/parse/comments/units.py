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

from bs4.element import NavigableString, Tag

from scraper.dates import is_relative_stamp, parse_date
from scraper.parse.comments.fields import clean_author
from scraper.parse.comments.regions import COMMENT_HEADING
from scraper.parse.comments.select import PageIndex
from scraper.parse.sanitize import sanitize_html
from scraper.parse.tree import inner_html

__all__ = ["AreaText", "Parts"]

#: Interface words that are neither a name nor comment text.
UI_WORDS = re.compile(
    r"^(?:reply|antworten|répondre|responder|rispondi|reageer|edit|report|melden|"
    r"like|quote|zitieren|says:?|sagt:?|said:?|writes:?|wrote:?|permalink|link|#|\d+\.?|flag|share|delete|"
    r"\[|\]|\||·|-|posted by:?|by:?|\d+ pts|reply to this|report abuse)$",
    re.I,
)
#: Whole interface lines made of several strings ("<a>Login</a> or <a>register</a> to post
#: comments", "Reply to this comment", "Share it").
UI_LINE = re.compile(
    r"^(?:(?:log ?in|sign in)(?: or (?:register|sign up))? to (?:post|reply|comment)\w*(?: \w+)?|"
    r"(?:reply to|report|flag|share) (?:this comment|it)|rate this:?(?: [\d\s]+)?)\.?$",
    re.I,
)
INLINE_TAGS = frozenset(
    {"a", "b", "i", "em", "strong", "span", "u", "small", "font", "abbr", "code", "cite", "label"}
)
#: Short lines that look like a name but are bylines, breadcrumbs or labels.
NOT_A_NAME = re.compile(
    r"(?:^|\s)(?:by|posted by|photos? by|von|par|por|door|di|home)$|^[>»|•@]|[>»|]", re.I
)
NAME_TAGS = ("cite", "strong", "b", "a")
#: Endings and marks that make a first line a sentence or title rather than a name.
SENTENCE_END = re.compile(r"[!?…]$|\.{2,}$|#")
#: A unit holding one of these is a post or a teaser, never a comment.
HEADLINE_TAGS = frozenset({"h1", "h2", "article"})
#: Strings in these elements are never text.
HIDDEN_TAGS = frozenset({"script", "style", "noscript"})
MAX_NAME_CHARS, MAX_NAME_WORDS, MAX_STAMP_CHARS, MAX_META_CHARS = 60, 5, 120, 240
MAX_LINK_SHARE = 0.5
URL = re.compile(r"://|^www\.", re.I)
#: The line that opens an undated comment: "Anna said,", "Anna wrote:", "Anna sagt:".
_SAID = (
    r"(?:said|says|wrote|writes|sagt|schreibt|a dit|a écrit|dice|escribió|scrive|ha scritto|"
    r"schreef|zegt|disse|diz)"
)
SAID_LINE = re.compile(r"^(?P<name>[^\n]{1,60}?)\s+" + _SAID + r"\s*(?:[:,]|\.{2,3}|…)?$", re.I)
#: A said-verb anywhere: areas without one need no second, undated reading.
SAID_WORD = re.compile(r"(?<!\w)" + _SAID + r"(?!\w)", re.I)
MAX_SAID_STRINGS = 3
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


def _name_in(block: Tag, stamp: str) -> str | None:
    for tag in block.find_all(NAME_TAGS):
        text = " ".join(tag.get_text(" ").split())
        if text and not UI_WORDS.match(text) and parse_date(text) is None:
            name = clean_author(text)
            if name and len(name) <= MAX_NAME_CHARS and not NOT_A_NAME.search(name):
                return name
    text = " ".join(block.get_text(" ").split())
    name = clean_author(text, stamp)
    if name and len(name.split()) <= MAX_NAME_WORDS and not any(map(str.isdigit, name)):
        return name
    return None


class AreaText:
    """The strings, ``<time>`` and headline elements of one comment area, read once."""

    def __init__(self, area: Tag, index: PageIndex) -> None:
        self.area = area
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
        self.times = index.select(area, "time")
        self.time_at = [position.get(id(t), -1) for t in self.times]
        self.headlines = [position.get(id(t), -1) for t in index.select(area, "h1, h2, article")]
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
        if root.name in HEADLINE_TAGS:
            return True
        start = self.index.position.get(id(root))
        if start is None:
            return root.find(list(HEADLINE_TAGS)) is not None
        lo = bisect_right(self.headlines, start)
        return lo < len(self.headlines) and self.headlines[lo] <= self.index.end[start]

    def _is_dated(self, text: str) -> bool:
        known = self._dated.get(text)
        if known is None:
            known = self._dated[text] = parse_date(text) is not None or is_relative_stamp(text)
        return known

    def _linked(self, string: NavigableString) -> bool:
        for parent in string.parents:
            if parent is self.area:
                return self._area_linked
            if parent.name == "a":
                return _goes_somewhere(parent)
        return False

    def _link_share(self, strings: list[NavigableString]) -> float:
        """Share of the text that sits in links: navigation and teaser lists are mostly links."""
        total = linked = 0
        for string in strings:
            size = len(string.strip())
            total += size
            if self._linked(string):
                linked += size
        return linked / total if total else 1.0

    def _meta_block(self, string: NavigableString, unit: Sequence[Tag]) -> Tag | None:
        """The short block around a date string (its meta line), if it is not the whole unit."""
        block = _block_of(string)
        if block is None or (len(unit) == 1 and block is unit[0]):
            return None
        if len(" ".join(block.get_text(" ").split())) > MAX_META_CHARS:
            return None
        return block

    def _find_date(
        self, unit: Sequence[Tag], strings: list[NavigableString], times: list[int]
    ) -> tuple[str | None, Tag | None, set[int]]:
        """The unit's stamp, its meta block and the ids of the strings they use."""
        for i in times:
            timed = self.times[i]
            value = timed.get("datetime")
            if isinstance(value, str) and value.strip():
                inner = [s for s in timed.descendants if isinstance(s, NavigableString)]
                block = self._meta_block(inner[0], unit) if inner else None
                return value.strip(), block, {id(s) for s in inner}
        for string in strings:
            if len(string) > 4 * MAX_STAMP_CHARS or not any(map(str.isdigit, string)):
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
            opening = _said_line(strings) if said else None
            if opening is None:
                return None
            date, (name, used) = "", opening
        elif meta is not None:
            name = _name_in(meta, date)
        if meta is not None:
            used.update(id(s) for s in meta.descendants if isinstance(s, NavigableString))
        body = [
            s for s in strings if id(s) not in used and not UI_WORDS.match(" ".join(s.split()))
        ]
        if not body and meta is not None and name:
            body = _lone_number(strings, used, meta)
        if name is None and body:
            first = " ".join(body[0].split()).rstrip(":")
            if (
                len(first) <= MAX_NAME_CHARS
                and len(first.split()) <= MAX_NAME_WORDS
                and len(body) > 1
                and not NOT_A_NAME.search(first)
                and not COMMENT_HEADING.match(first)  # the area's "Comments" heading
                and (guess := clean_author(first))
                and not _sentence_like(guess)
            ):
                name = guess
                body = body[1:]
        if not body or self._link_share(body) > MAX_LINK_SHARE:
            return None
        lines: list[str] = []
        last_block = None
        for string in body:
            text = " ".join(string.split())
            block = _block_of(string)
            if lines and block is last_block:
                lines[-1] += " " + text
            else:
                lines.append(text)
            last_block = block
        lines = [line for line in lines if not UI_LINE.match(line)]
        if not lines:
            return None
        return Parts(name=name, date=date, text="\n".join(lines), holder=_block_of(body[0]))


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


def _said_line(strings: list[NavigableString]) -> tuple[str, set[int]] | None:
    """The name of a unit that opens with "NAME said," (over its first few strings: the name
    is often a link), and the ids of the strings that line uses."""
    joined = ""
    for k, string in enumerate(strings[:MAX_SAID_STRINGS]):
        joined = f"{joined} {' '.join(string.split())}".strip()
        match = SAID_LINE.match(joined)
        if match and k + 1 < len(strings):
            name = clean_author(match.group("name"))
            if name and len(name.split()) <= MAX_NAME_WORDS and not NOT_A_NAME.search(name):
                return name, {id(s) for s in strings[: k + 1]}
            return None
    return None


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


def _sentence_like(text: str) -> bool:
    """A comment's title or opening words, not a name: "LIES!", "ummm... what?", "QUOTE(#1)",
    "definitely suspension worthy." (a name may end in one period: "John Smith Jr.")."""
    return (
        not any(c.isalpha() for c in text)
        or SENTENCE_END.search(text) is not None
        or (text.endswith(".") and len(text.split()) >= 3)
    )


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
