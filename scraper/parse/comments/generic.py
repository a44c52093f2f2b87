"""The generic comment finder, for site builders no adapter knows (run after every adapter).

Comments are repeated units that each carry a date and some text (and usually a name), found
inside a comment area: an element whose id/class says "comment" (or the parent of several such
elements: repeated ``div.commentbody`` items), or the container of a heading such as
"Comments", "3 Kommentare", "Réactions". A unit is either

* an element: the area's elements are grouped by tag and first class, and the group whose
  members most often look like comments wins (members nested in members are replies); or
* a run of siblings with no wrapper per comment (Movable Type / TypePad: text paragraphs, then
  a ``Posted by: Anna | May 4, 2007`` line): the area's children after its heading are cut at
  each short dated "meta" child, meta first or meta last as the page starts.

Within a unit the date is a ``<time>`` or a short dated string; the short block holding it is
the meta line, which also names the author ("Posted by: Anna at ...", a link, a ``<cite>``);
the rest is the text. Sidebars are never searched, and a "Recent comments" widget does not
match the heading pattern.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from scraper.dates import parse_date
from scraper.models import Comment, DateOrder
from scraper.parse.comments.fields import clean_author, outside_sidebars
from scraper.parse.comments.markup import RawComment, finish
from scraper.parse.comments.select import PageIndex
from scraper.parse.sanitize import sanitize_html

__all__ = ["COMMENT_HEADING", "find_generic"]

#: Headings that open a comment area, in the supported languages.
COMMENT_HEADING = re.compile(
    r"^\s*(?:\d+\s+)?(?:comments?|responses?|replies|reactions?|discussion|kommentare?|"
    r"commentaires?|réactions?|comentarios?|comentários?|commenti|reacties|opmerkingen|"
    r"reader comments|leserkommentare|\d+ thoughts? on .{1,120})\s*:?\s*(?:\(\d+\))?\s*$",
    re.I,
)
#: id/class words that mark a comment area, and words that mark a form or a counter instead.
AREA_WORDS = ("comment", "kommentar", "commentaire", "discussion", "responses")
NOT_AREA_WORDS = ("form", "respond", "reply", "count", "link", "rss", "feed", "button", "icon")
#: Tags that can hold a comment area, and tags that can be one comment's block.
AREA_TAGS = frozenset({"div", "section", "ol", "ul", "dl", "article", "li", "dd", "td", "main"})
BLOCK_TAGS = frozenset({"div", "li", "article", "section", "dl", "dd", "tr", "blockquote"})
#: Children that never start or end a comment run.
RUN_SKIP_TAGS = frozenset({"script", "style", "br", "hr", "noscript", "input", "img"})
#: Interface words that are neither a name nor comment text.
UI_WORDS = re.compile(
    r"^(?:reply|antworten|répondre|responder|rispondi|reageer|edit|report|melden|"
    r"like|quote|zitieren|says:?|sagt:?|said:?|permalink|link|#|\d+\.?|flag|share|delete|"
    r"\[|\]|\||·|-|posted by:?|by:?|\d+ pts|reply to this|report abuse)$",
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
#: A unit holding one of these is a post or a teaser, never a comment.
HEADLINE_TAGS = ("h1", "h2", "article")
#: A lone unit (one comment on the page) needs a name and this much text to be believed.
MIN_LONE_CHARS = 30
MAX_NAME_CHARS, MAX_NAME_WORDS, MAX_STAMP_CHARS, MAX_META_CHARS = 60, 5, 120, 240
MIN_SHARE_LIKE = 0.6
MAX_LINK_SHARE = 0.5
MAX_AREAS = 8
MIN_AREA_CHARS = 40
#: Elements whose own text can be a comment heading ("Comments", "3 Responses").
HEADING_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b", "dt", "legend",
     "header", "th", "td", "li", "em", "font", "label"}
)
MAX_HEADING_CHARS = 200


@dataclass(frozen=True)
class _Parts:
    name: str | None
    date: str | None
    text: str
    html: str


@dataclass(frozen=True)
class _Area:
    """A comment area; ``marked`` when its own id/class says so (then it is wholly comments,
    and is handed back as the region to drop from the body)."""

    element: Tag
    heading: Tag | None = None
    marked: bool = False


def _words_in(tag: Tag) -> str:
    return " ".join([str(tag.get("id") or ""), *tag.get_attribute_list("class")]).lower()


def _is_area(tag: Tag) -> bool:
    words = _words_in(tag)
    return (
        tag.name in AREA_TAGS
        and not any(word in words for word in NOT_AREA_WORDS)
        and outside_sidebars(tag)
    )


def _areas(soup: BeautifulSoup, index: PageIndex) -> list[_Area]:
    """Comment areas, outermost first, outside sidebars."""
    marked = [t for t in index.marked(AREA_WORDS) if _is_area(t)]
    # Several marked siblings with one signature are comment items: their parent is the area.
    by_parent: Counter[tuple[int, tuple[str, str]]] = Counter(
        (id(t.parent), _signature(t)) for t in marked
    )
    candidates: list[_Area] = []
    for tag in marked:
        parent = tag.parent
        if by_parent[(id(parent), _signature(tag))] > 1 and isinstance(parent, Tag):
            if len(parent.get_text()) >= MIN_AREA_CHARS:
                candidates.append(_Area(parent))
        elif len(tag.get_text()) >= MIN_AREA_CHARS:
            candidates.append(_Area(tag, marked=True))
    for string in _heading_strings(index):
        heading = string.parent
        if isinstance(heading, Tag):
            while heading.parent is not None and len(heading.parent.get_text(strip=True)) <= len(
                string.strip()
            ) + 12:
                heading = heading.parent
            area = heading.parent
            if isinstance(area, Tag) and outside_sidebars(heading):
                candidates.append(_Area(area, heading))
    found: list[_Area] = []
    for cand in sorted(candidates, key=lambda a: index.position.get(id(a.element), 0)):
        if any(index.contains(f.element, cand.element) for f in found):
            continue
        found.append(cand)
    return found[:MAX_AREAS]


def _heading_strings(index: PageIndex) -> list[NavigableString]:
    """Short strings, directly in heading-like elements, that name a comment area."""
    found = []
    for tag in index.tags:
        if tag.name not in HEADING_TAGS:
            continue
        for child in tag.contents:
            if (
                type(child) is NavigableString
                and len(child) <= MAX_HEADING_CHARS
                and COMMENT_HEADING.match(child)
            ):
                found.append(child)
    return found


def _signature(tag: Tag) -> tuple[str, str]:
    classes = tag.get_attribute_list("class")
    return tag.name, classes[0] if classes else ""


def _own_strings(unit: list[Tag], owner: Tag, members: dict[int, Tag]) -> list[NavigableString]:
    out = []
    for root in unit:
        for string in root.find_all(string=True):
            if not string.strip() or type(string) is not NavigableString:
                continue
            if string.parent is None or string.parent.name in ("script", "style", "noscript"):
                continue
            nested = next((members[id(p)] for p in string.parents if id(p) in members), None)
            if nested is owner:
                out.append(string)
    return out


def _link_share(strings: list[NavigableString]) -> float:
    """Share of the text that sits in links: navigation and teaser lists are mostly links."""
    total = linked = 0
    for string in strings:
        size = len(string.strip())
        total += size
        if string.find_parent("a") is not None:
            linked += size
    return linked / total if total else 1.0


def _block_of(string: NavigableString) -> Tag | None:
    """The nearest block-level ancestor: inline links and emphasis stay on their line."""
    for parent in string.parents:
        if parent.name not in INLINE_TAGS:
            return parent
    return None


def _meta_block(string: NavigableString, unit: list[Tag]) -> Tag | None:
    """The short block around a date string (its meta line), if it is not the whole unit."""
    block = _block_of(string)
    if block is None or (any(block is root for root in unit) and len(unit) == 1):
        return None
    if len(" ".join(block.get_text(" ").split())) > MAX_META_CHARS:
        return None
    return block


def _find_date(
    unit: list[Tag], owner: Tag, members: dict[int, Tag], strings: list[NavigableString]
) -> tuple[str | None, Tag | None, set[int]]:
    """The unit's stamp, its meta block and the ids of the strings they use."""
    for root in unit:
        for timed in [root] if root.name == "time" else root.find_all("time"):
            value = timed.get("datetime")
            owned = next((members[id(p)] for p in timed.parents if id(p) in members), None)
            if isinstance(value, str) and value.strip() and owned is owner:
                inner = timed.find_all(string=True)
                block = _meta_block(inner[0], unit) if inner else None
                return value.strip(), block, {id(s) for s in inner}
    for string in strings:
        text = " ".join(string.split())
        if len(text) > MAX_STAMP_CHARS or not any(c.isdigit() for c in text):
            continue
        if parse_date(text) is None:
            continue
        block = _meta_block(string, unit)
        if block is None and len(text) > MAX_NAME_CHARS:
            continue  # a dated sentence in the text, not a stamp
        return text, block, {id(string)}
    return None, None, set()


def _name_in(block: Tag, stamp: str) -> str | None:
    for tag in block.find_all(NAME_TAGS):
        text = " ".join(tag.get_text(" ").split())
        if text and not UI_WORDS.match(text) and parse_date(text) is None:
            name = clean_author(text)
            if name and len(name) <= MAX_NAME_CHARS and not NOT_A_NAME.search(name):
                return name
    text = " ".join(block.get_text(" ").split())
    name = clean_author(text, stamp)
    if name and len(name.split()) <= MAX_NAME_WORDS and not any(c.isdigit() for c in name):
        return name
    return None


def _parts(unit: list[Tag], owner: Tag, members: dict[int, Tag], url: str) -> _Parts | None:
    if any(root.name in HEADLINE_TAGS or root.find(HEADLINE_TAGS) for root in unit):
        return None  # a post or teaser with its own headline, not a comment
    strings = _own_strings(unit, owner, members)
    date, meta, used = _find_date(unit, owner, members, strings)
    if date is None:
        return None
    name = _name_in(meta, date) if meta is not None else None
    if meta is not None:
        used.update(id(s) for s in meta.find_all(string=True))
    body = [
        s for s in strings if id(s) not in used and not UI_WORDS.match(" ".join(s.split()))
    ]
    if name is None and body:
        first = " ".join(body[0].split()).rstrip(":")
        if (
            len(first) <= MAX_NAME_CHARS
            and len(first.split()) <= MAX_NAME_WORDS
            and len(body) > 1
            and not NOT_A_NAME.search(first)
        ):
            name = clean_author(first)
            body = body[1:]
    if not body or _link_share(body) > MAX_LINK_SHARE:
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
    holder = _block_of(body[0])
    html = sanitize_html(holder.decode_contents(), url) if holder is not None else ""
    return _Parts(name=name, date=date, text="\n".join(lines), html=html)


_Found = list[tuple[Tag, _Parts]]
#: A candidate: units with their parts, the member map (for replies), run elements (regions).
_Group = tuple[_Found, dict[int, Tag], list[Tag]]


def _tag_groups(area: Tag, index: PageIndex, url: str) -> list[_Group]:
    blocks = [t for t in index.descendants(area) if t.name in BLOCK_TAGS]
    groups: Counter[tuple[str, str]] = Counter(_signature(t) for t in blocks)
    out: list[_Group] = []
    for signature, _count in groups.most_common(12):
        tags = [t for t in blocks if _signature(t) == signature]
        members = {id(t): t for t in tags}
        parsed = [(t, _parts([t], t, members, url)) for t in tags]
        liked = [(t, p) for t, p in parsed if p is not None]
        if liked and len(liked) >= MIN_SHARE_LIKE * len(tags):
            out.append((liked, members, []))
    return out


def _run_group(area: _Area, url: str) -> _Group | None:
    """Comments as runs of the area's children, cut at short dated meta lines."""
    children = [c for c in area.element.children if isinstance(c, Tag)]
    if area.heading is not None:
        start = next((i for i, c in enumerate(children) if c is area.heading), -1)
        children = children[start + 1 :]
    children = [c for c in children if c.name not in RUN_SKIP_TAGS and c.get_text(strip=True)]
    end = next((i for i, c in enumerate(children) if c.name == "form" or c.find("form")), None)
    children = children[:end]
    metas = [i for i, c in enumerate(children) if _is_meta_line(c)]
    if len(metas) < 2:
        return None
    if metas[0] == 0:
        bounds = [*metas, len(children)]
        runs = [children[a:b] for a, b in pairwise(bounds)]
    else:
        bounds = [-1, *metas]
        runs = [children[a + 1 : b + 1] for a, b in pairwise(bounds)]
    found: _Found = []
    extra: list[Tag] = []
    for run in runs:
        members = {id(t): run[0] for t in run}
        parts = _parts(run, run[0], members, url)
        if parts is not None:
            found.append((run[0], parts))
            extra.extend(run[1:])
    if len(found) < MIN_SHARE_LIKE * len(runs):
        return None
    return found, {id(t): t for t, _ in found}, extra


def _is_meta_line(tag: Tag) -> bool:
    text = " ".join(tag.get_text(" ").split())
    return (
        len(text) <= MAX_STAMP_CHARS
        and tag.name not in ("h1", "h2", "h3", "h4", "h5", "h6")
        and any(c.isdigit() for c in text)
        and parse_date(text) is not None
    )


def _best(area: _Area, index: PageIndex, url: str) -> _Group | None:
    options = _tag_groups(area.element, index, url)
    run = _run_group(area, url)
    if run is not None:
        options.append(run)
    best: _Group | None = None
    for option in options:
        found = option[0]
        if best is None:
            best = option
            continue
        count, best_count = len(found), len(best[0])
        named = sum(1 for _, p in found if p.name) >= sum(1 for _, p in best[0] if p.name)
        tighter = count == best_count and _size(found) < _size(best[0])
        if (count > best_count and named) or tighter:
            best = option
    return best


def _believable_lone(area: _Area, parts: _Parts) -> bool:
    """One unit alone is a comment only in an area that says so, with a name and real text."""
    return area.marked and bool(parts.name) and len(parts.text) >= MIN_LONE_CHARS


def _size(found: _Found) -> int:
    return sum(len(p.text) for _, p in found)


def find_generic(
    soup: BeautifulSoup,
    url: str,
    *,
    order: DateOrder | None = None,
    language: str | None = None,
    index: PageIndex | None = None,
) -> tuple[list[Comment], list[Tag]] | None:
    """Comments found as repeated name/date/text units in a comment area, or None."""
    index = index or PageIndex(soup)
    for area in _areas(soup, index):
        best = _best(area, index, url)
        if best is None:
            continue
        found, members, extra = best
        if len(found) == 1 and not _believable_lone(area, found[0][1]):
            continue
        raws = []
        for tag, parts in found:
            parent = next((members[id(p)] for p in tag.parents if id(p) in members), None)
            raws.append(
                RawComment(
                    element=tag,
                    author=parts.name,
                    author_url=None,
                    date_text=parts.date,
                    text=parts.text,
                    html=parts.html,
                    external_id=_external_id(tag),
                    parent=parent,
                )
            )
        if area.marked:
            regions = [area.element]
        else:
            regions = [t for t, _ in found if t.parent is None or id(t.parent) not in members]
            if area.heading is not None:
                regions.insert(0, area.heading)
            regions.extend(extra)
        return finish(raws, order=order, language=language), regions
    return None


def _external_id(tag: Tag) -> str | None:
    ident = tag.get("id")
    return ident if isinstance(ident, str) and any(c.isdigit() for c in ident) else None
