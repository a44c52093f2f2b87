"""A markup comment split into its text and its header (the lines that are not text).

The markup engine selects a comment's text nodes; everything else the item holds (outside its
replies) is the header: name, date, "says:", reply links. Some themes put the meta line inside
the text node (``<p class="cm-meta">Anna — July 10th, 2012</p>`` among the paragraphs, an
``<h4>Anna <span>On Friday, November 2</span></h4>`` over them, or a bare date paragraph then
``Anna said,``): such a line at the start or end of the text is read as header and dropped
from the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bs4.element import NavigableString, Tag

from scraper.dates import parse_date
from scraper.parse.comments.names import (
    SAYS_AFTER,
    SAYS_ALONE,
    UI_WORDS,
    USER_ID,
    is_dateish,
    is_name,
    line_of,
)
from scraper.parse.comments.select import PageIndex

__all__ = ["Header", "read_header"]

HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Class words of a block that is a comment's meta line, not its text.
META_CLASS = re.compile(r"meta|author|date|time|head|info|byline|posted|details|name|user", re.I)
MAX_META_CHARS, MAX_DATE_CHARS, MAX_META_NAME_WORDS = 160, 80, 6

Line = list[NavigableString]


@dataclass(frozen=True)
class Header:
    """A comment's header lines (in page order), the ids of the strings left as its text, the
    ids of meta-line elements to drop from the text, and a stamp read off such a line."""

    lines: list[Line]
    text_ids: set[int]
    drop: frozenset[int]
    stamp: str | None


def _norm(text: str) -> str:
    return " ".join(text.split())


def _visible(string: object) -> bool:
    return (
        type(string) is NavigableString
        and not string.isspace()
        and string.parent is not None
        and string.parent.name not in HIDDEN_TAGS
    )


def _lines(strings: Sequence[NavigableString]) -> list[Line]:
    lines: list[Line] = []
    last: Tag | None = None
    for string in strings:
        block = line_of(string)
        if lines and block is last:
            lines[-1].append(string)
        else:
            lines.append([string])
        last = block
    return lines


def _text_strings(nodes: Sequence[Tag], strip: str, index: PageIndex) -> list[NavigableString]:
    out: list[NavigableString] = []
    for node in nodes:
        if strip and index.matches(node, strip):
            continue
        junk = {id(t) for t in index.select(node, strip)} if strip else set()
        for string in node.descendants:
            if not _visible(string):
                continue
            assert isinstance(string, NavigableString)
            if junk and any(id(p) in junk for p in string.parents if p is not node):
                continue
            out.append(string)
    return out


def _date_string(line: Line) -> str | None:
    """The line's date string: a date-only string, or a short one that parses."""
    for string in line:
        text = _norm(string)
        if is_dateish(text):
            return text
    for string in line:
        text = _norm(string)
        if len(text) <= MAX_DATE_CHARS and any(map(str.isdigit, text)) and parse_date(text):
            return text
    return None


def _is_meta(line: Line) -> tuple[bool, str | None]:
    """Whether a line of the text is a meta line, and the date it holds."""
    text = _norm(" ".join(line))
    if len(text) > MAX_META_CHARS:
        return False, None
    words = [_norm(s) for s in line if not UI_WORDS.match(_norm(s))]
    if words and all(is_dateish(w) for w in words):
        return True, text  # a date alone: "August 9th, 2012 at 8:38 am"
    last = _norm(line[-1])
    before = " ".join(_norm(s) for s in line[:-1])
    if SAYS_ALONE.match(last) and is_name(USER_ID.sub("", before)):
        return True, None  # "<strong>Anna</strong> said,"
    says = SAYS_AFTER.match(text)
    if len(line) == 1 and says and is_name(says.group(1)):
        return True, None  # "Anna said,"
    stamp = _date_string(line)
    block = line_of(line[0])
    if stamp is None or block is None:
        return False, None
    rest = [w for w in words if w != stamp and not is_dateish(w)]
    marked = block.name in HEADING_TAGS or any(
        META_CLASS.search(c) for c in block.get_attribute_list("class") if c
    )
    if marked and len(" ".join(rest).split()) <= MAX_META_NAME_WORDS:
        return True, stamp  # "<p class=cm-meta><a>Anna</a> — July 10th, 2012</p>"
    return False, None


def _name_over_date(above: Line, line: Line) -> bool:
    """A line holding only a name, then a line holding only a date (and interface words)."""
    words = [_norm(s) for s in line if not UI_WORDS.match(_norm(s))]
    name = _norm(" ".join(above))
    return (
        bool(words)
        and all(is_dateish(w) for w in words)
        and is_name(name)
        and not any(map(str.isdigit, name))
    )


def _alone(line: Line, lines: list[Line], index: PageIndex) -> bool:
    """True when the line's block holds no other line: it can be dropped from the text."""
    block = line_of(line[0])
    if block is None or any(line_of(s) is not block for s in line):
        return False
    return not any(
        other is not line and other[0].parent is not None
        and index.contains(block, other[0].parent)
        for other in lines
    )


def _meta_lines(
    lines: list[Line], index: PageIndex
) -> tuple[list[Line], list[Line], str | None]:
    """Leading and trailing meta lines of the text (at least one line stays text)."""
    lead: list[Line] = []
    stamp: str | None = None
    # "Marie" then "November 1, 2012 at 10:57 am #" over the text.
    if (
        len(lines) > 2
        and _name_over_date(lines[0], lines[1])
        and _alone(lines[0], lines, index)
        and _alone(lines[1], lines, index)
    ):
        return [lines[0], lines[1]], [], _norm(" ".join(lines[1]))
    for line in lines[:2]:
        meta, found = _is_meta(line)
        if not meta or len(lead) + 1 >= len(lines) or not _alone(line, lines, index):
            break
        lead.append(line)
        stamp = stamp or found
    tail: list[Line] = []
    if len(lines) - len(lead) > 1:
        meta, found = _is_meta(lines[-1])
        if meta and _alone(lines[-1], lines, index):
            tail.append(lines[-1])
            stamp = stamp or found
    return lead, tail, stamp


def read_header(
    item: Tag,
    parts: Sequence[Tag],
    owner: Callable[[NavigableString], Tag | None],
    nodes: Sequence[Tag],
    strip: str,
    index: PageIndex,
) -> Header:
    """Split comment ``item`` (its ``parts``: the item and its follow siblings) into header
    and text; ``owner`` tells which item a string belongs to (replies are other items)."""
    text = _text_strings(nodes, strip, index)
    lead, tail, stamp = _meta_lines(_lines(text), index)
    meta = [s for line in (*lead, *tail) for s in line]
    meta_ids = {id(s) for s in meta}
    text_ids = {id(s) for s in text} - meta_ids
    lead_ids = {id(s) for line in lead for s in line}
    outside: list[Line] = []
    open_line = False
    for root in parts:
        for string in root.descendants:
            if not _visible(string) or owner(string) is not item:  # type: ignore[arg-type]
                continue
            assert isinstance(string, NavigableString)
            if id(string) in text_ids or id(string) in meta_ids:
                open_line = False
                continue
            block = line_of(string)
            if open_line and line_of(outside[-1][-1]) is block:
                outside[-1].append(string)
            else:
                outside.append([string])
                open_line = True
    lines = [*(x for x in lead), *outside, *(x for x in tail if id(x[0]) not in lead_ids)]
    drop = frozenset(
        id(block) for line in (*lead, *tail) if (block := line_of(line[0])) is not None
    )
    return Header(lines, text_ids, drop, stamp)
