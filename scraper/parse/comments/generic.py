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

How one unit is read (stamp, meta line, name, text) is :mod:`.units`. Sidebars are never
searched, and a "Recent comments" widget does not match the heading pattern. A comment in a
confirmed list (several comments, or one under a comment heading in a comment area) is kept
whatever its length; a lone unit elsewhere needs a name and real text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from scraper.dates import is_relative_stamp, parse_date
from scraper.parse.comments.fields import outside_sidebars
from scraper.parse.comments.records import RawComment
from scraper.parse.comments.regions import heading_element, heading_strings
from scraper.parse.comments.select import PageIndex
from scraper.parse.comments.threads import is_reply_container, replied_to
from scraper.parse.comments.tokens import names_comment
from scraper.parse.comments.units import SAID_WORD, AreaText, Parts
from scraper.parse.walk import text_of

__all__ = ["GenericFound", "find_generic"]

#: id/class words that mark a comment area, and words that mark a form or a counter instead.
AREA_WORDS = ("comment", "kommentar", "commentaire", "discussion", "responses")
NOT_AREA_WORDS = ("form", "respond", "reply", "count", "link", "rss", "feed", "button", "icon")
#: Tags that can hold a comment area, and tags that can be one comment's block.
AREA_TAGS = frozenset({"div", "section", "ol", "ul", "dl", "article", "li", "dd", "td", "main"})
BLOCK_TAGS = frozenset(
    {"div", "li", "article", "section", "dl", "dd", "tr", "blockquote", "table"}
)
#: Items of a list: another class on one of them (the author's reply) keeps it in the list.
LIST_ITEM_TAGS = frozenset({"li", "article", "dd"})
#: Children that never start or end a comment run.
RUN_SKIP_TAGS = frozenset({"script", "style", "br", "hr", "noscript", "input", "img"})
HEADING_NAMES = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Classes that alternate between the rows of one list, and suffixes that do.
ROW_MARKS = frozenset({"odd", "even", "alt", "alternate", "first", "last"})
ROW_SUFFIX = re.compile(
    r"(?<=[a-z])(?:\d+|[-_](?i:alt|alternate|odd|even)|Alt|Alternate|Odd|Even)$"
)
#: A class token that marks a list item as a reply: "reply", "child", "answer" as a word of it.
REPLY_CLASS = re.compile(
    r"(?:^|[-_])(?:reply|replies|child|children|answer|antwort|reponse|respuesta|risposta)"
    r"(?:$|[-_])",
    re.I,
)
#: A lone unit (one comment on the page, with no comment heading over it) needs a name and
#: this much text to be believed.
MIN_LONE_CHARS = 30
MAX_STAMP_CHARS = 120
MIN_SHARE_LIKE = 0.6
MAX_AREAS = 8
MIN_AREA_CHARS = 40
MAX_GROUPS = 12


@dataclass(frozen=True)
class _Area:
    """A comment area; ``marked`` when its own id/class says so (then it is wholly comments,
    and is handed back as the region to drop from the body); ``headed`` when a comment heading
    lies in it or opens it."""

    element: Tag
    heading: Tag | None = None
    marked: bool = False
    headed: bool = False


@dataclass(frozen=True)
class GenericFound:
    """What the generic finder found: comments (before dates are read: see
    :func:`~scraper.parse.comments.records.finish`) and the regions to drop from the body."""

    raws: list[RawComment]
    regions: list[Tag]


def _words_in(tag: Tag) -> str:
    return " ".join([str(tag.get("id") or ""), *tag.get_attribute_list("class")]).lower()


def _is_area(tag: Tag) -> bool:
    words = _words_in(tag)
    return (
        tag.name in AREA_TAGS
        and not any(word in words for word in NOT_AREA_WORDS)
        and outside_sidebars(tag)
    )


def _areas(
    soup: BeautifulSoup, index: PageIndex, headings: list[NavigableString]
) -> list[_Area]:
    """Comment areas, outermost first, outside sidebars."""
    marked = [t for t in index.marked(AREA_WORDS) if _is_area(t)]
    # Several marked siblings with one signature are comment items: their parent is the area.
    by_parent: Counter[tuple[int, tuple[str, str]]] = Counter(
        (id(t.parent), _signature(t)) for t in marked
    )

    def size(tag: Tag) -> int:
        return index.text_size(tag, cap=MIN_AREA_CHARS)

    heading_at = sorted(
        index.position.get(id(s.parent), -1) for s in headings if s.parent is not None
    )
    candidates: list[_Area] = []
    for tag in marked:
        parent = tag.parent
        if by_parent[(id(parent), _signature(tag))] > 1 and isinstance(parent, Tag):
            if size(parent) >= MIN_AREA_CHARS:
                candidates.append(_Area(parent, headed=_headed(index, parent, heading_at)))
        elif size(tag) >= MIN_AREA_CHARS:
            headed = _headed(index, tag, heading_at)
            candidates.append(_Area(tag, marked=True, headed=headed))
    for string in headings:
        heading = heading_element(string, index)
        if heading is not None:
            area = heading.parent
            if isinstance(area, Tag) and outside_sidebars(heading):
                candidates.append(_Area(area, heading, headed=True))
    found: list[_Area] = []
    for cand in sorted(candidates, key=lambda a: index.position.get(id(a.element), 0)):
        if any(index.contains(f.element, cand.element) for f in found):
            continue
        found.append(cand)
    return found[:MAX_AREAS]


def _headed(index: PageIndex, tag: Tag, positions: list[int]) -> bool:
    """True when a comment heading lies in ``tag`` or in the element just before it (a
    ``div.count-bar`` with "1 Comment" above the ``div.comments`` list)."""
    before = tag.find_previous_sibling(True)
    return _holds(index, tag, positions) or (
        isinstance(before, Tag) and _holds(index, before, positions)
    )


def _holds(index: PageIndex, tag: Tag, positions: list[int]) -> bool:
    start = index.position.get(id(tag))
    if start is None:
        return False
    return any(start <= p <= index.end[start] for p in positions)


def _signature(tag: Tag) -> tuple[str, str]:
    """Tag name and first class, without the marks that alternate between rows (``odd`` /
    ``even``, ``entry1`` / ``entry2``, ``coms`` / ``coms_alt``): one list, one signature."""
    for name in tag.get_attribute_list("class"):
        if name.lower() not in ROW_MARKS:
            return tag.name, ROW_SUFFIX.sub("", name)
    return tag.name, ""


#: Units found with their parts, in page order.
_Found = list[tuple[Tag, Parts]]
#: A candidate: units with their parts, the member map (for replies), run elements (regions).
_Group = tuple[_Found, dict[int, Tag], list[Tag]]


def _tag_groups(
    area: _Area, index: PageIndex, text: AreaText, *, said: bool = False
) -> list[_Group]:
    by_signature: dict[tuple[str, str], list[Tag]] = {}
    if area.marked:  # a lone ``div.comment``: the area is itself the unit
        by_signature[("", "")] = [area.element]
    for tag in index.descendants(area.element):
        if tag.name in BLOCK_TAGS:
            by_signature.setdefault(_signature(tag), []).append(tag)
    ranked = sorted(by_signature.values(), key=len, reverse=True)[:MAX_GROUPS]
    out: list[_Group] = []
    for tags in ranked:
        liked = _read(tags, text, said)
        if liked and len(liked) >= MIN_SHARE_LIKE * len(tags) and not (said and len(liked) < 2):
            extra = _variants(tags, by_signature, index)
            if extra and _read(extra, text, said):
                every = sorted([*tags, *extra], key=lambda t: index.position.get(id(t), -1))
                found = _read(every, text, said)
                kept = _listed(found, tags) if tags[0].name in LIST_ITEM_TAGS else {
                    id(t) for t in every
                }
                if len(kept) < len(every):  # a dropped variant's strings go back to its holder
                    found = _read([t for t in every if id(t) in kept], text, said)
                tags = [t for t in every if id(t) in kept]
                liked = [(t, p) for t, p in found if id(t) in kept]
            out.append((liked, {id(t): t for t in tags}, []))
    return out


def _listed(found: _Found, members: list[Tag]) -> set[int]:
    """The members, and the variants that read as comments in a container whose items mostly
    do: a ``li.post-info`` beside ``li.post-text`` and ``li.post-photo`` is one part of a
    comment, not a comment."""
    ok = {id(t) for t in members} | {id(t) for t, _ in found}
    kept = {id(t) for t in members}
    for tag, _ in found:
        parent = tag.parent
        if id(tag) in kept or not isinstance(parent, Tag):
            continue
        items = parent.find_all(tag.name, recursive=False)
        if sum(id(c) in ok for c in items) >= MIN_SHARE_LIKE * len(items):
            kept.add(id(tag))
    return kept


def _read(tags: list[Tag], text: AreaText, said: bool) -> _Found:
    strings, times = text.owned(tags, range(len(tags)))
    liked = []
    for i, tag in enumerate(tags):
        parts = text.parts([tag], strings.get(i, []), times.get(i, []), said=said)
        if parts is not None:
            liked.append((tag, parts))
    return liked


def _variants(
    tags: list[Tag], by_signature: dict[tuple[str, str], list[Tag]], index: PageIndex
) -> list[Tag]:
    """Items of the same list under another class (``li.authorpost`` among
    ``li.commentpost``: the author's replies): same tag, in a container like the group's,
    holding no member."""
    listed = tags[0].name in LIST_ITEM_TAGS
    if not listed and not names_comment(tags[0]):
        return []
    containers = {_signature(t.parent) for t in tags if isinstance(t.parent, Tag)}
    starts = sorted(index.position.get(id(t), -1) for t in tags)
    extra: list[Tag] = []
    within = _within_members(index, tags)
    for signature, others in by_signature.items():
        if signature[0] != tags[0].name or others is tags or not signature[0]:
            continue
        if not listed and not names_comment(others[0]):
            continue
        extra.extend(
            t
            for t in others
            if isinstance(t.parent, Tag)
            and (
                _signature(t.parent) in containers
                or (not listed and is_reply_container(t.parent))
            )
            and not _holds(index, t, starts)
            and (listed or not within(t))
        )
    return extra


def _within_members(index: PageIndex, members: list[Tag]) -> Callable[[Tag], bool]:
    """A test for whether a tag lies inside one of ``members`` (a part of a comment, not a
    variant): ``any(index.contains(m, tag) and m is not tag for m in members)``, answered by
    bisecting the members' positions (elements the index does not know are tested one by one).
    """
    position, end = index.position, index.end
    spans = sorted(
        (position[id(m)], end[position[id(m)]]) for m in members if id(m) in position
    )
    starts = [a for a, _ in spans]
    reach: list[int] = []  # the furthest end among the members starting up to each one
    for _, b in spans:
        reach.append(max(b, reach[-1]) if reach else b)
    loose = [m for m in members if id(m) not in position]

    def within(tag: Tag) -> bool:
        j = position.get(id(tag))
        if j is None:
            return any(index.contains(m, tag) and m is not tag for m in members)
        # A member starting before ``tag`` and ending at or after it holds it; one starting at
        # its position is ``tag`` itself.
        k = bisect_left(starts, j)
        if k and reach[k - 1] >= j:
            return True
        return any(index.contains(m, tag) and m is not tag for m in loose)

    return within


def _run_group(area: _Area, text: AreaText) -> _Group | None:
    """Comments as runs of the area's children, cut at short dated meta lines."""
    children = [c for c in area.element.children if isinstance(c, Tag)]
    if area.heading is not None:
        start = next((i for i, c in enumerate(children) if c is area.heading), -1)
        children = children[start + 1 :]
    size = text.index.text_size
    children = [
        c for c in children if c.name not in RUN_SKIP_TAGS and size(c, strip=True, cap=0)
    ]
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
    roots = [tag for run in runs for tag in run]
    strings, times = text.owned(roots, [k for k, run in enumerate(runs) for _ in run])
    found: _Found = []
    extra: list[Tag] = []
    for k, run in enumerate(runs):
        parts = text.parts(run, strings.get(k, []), times.get(k, []))
        if parts is not None:
            found.append((run[0], parts))
            extra.extend(run[1:])
    if len(found) < MIN_SHARE_LIKE * len(runs):
        return None
    return found, {id(t): t for t, _ in found}, extra


def _is_meta_line(tag: Tag) -> bool:
    if tag.name in HEADING_NAMES:
        return False
    text = " ".join(text_of(tag, " ").split())
    return (
        len(text) <= MAX_STAMP_CHARS
        and any(map(str.isdigit, text))
        and (parse_date(text) is not None or is_relative_stamp(text))
    )


def _best(area: _Area, index: PageIndex, after: datetime | None) -> _Group | None:
    text = AreaText(area.element, index, after)
    options = _tag_groups(area, index, text)
    run = _run_group(area, text)
    if run is not None:
        options.append(run)
    if (
        not options
        and (area.marked or area.headed)
        and any(SAID_WORD.search(string) for string in text.strings)
    ):
        # No stamps at all: several "NAME said," units in a comment area are comments too.
        options = _tag_groups(area, index, text, said=True)
    best: _Group | None = None
    for option in options:
        found = option[0]
        if best is None:
            best = option
            continue
        count, best_count = len(found), len(best[0])
        named = sum(1 for _, p in found if p.name) >= sum(1 for _, p in best[0] if p.name)
        tighter = count == best_count and named and _size(found) < _size(best[0])
        if (count > best_count and named) or tighter:
            best = option
    return best


def _believable_lone(area: _Area, parts: Parts) -> bool:
    """One unit alone is a comment only in an area that says so, with a name, and either
    under a comment heading (a confirmed list, however short the comment) or with real text."""
    return (
        area.marked
        and bool(parts.name)
        and (area.headed or len(parts.text) >= MIN_LONE_CHARS)
    )


def _size(found: _Found) -> int:
    return sum(len(p.text) for _, p in found)


def find_generic(
    soup: BeautifulSoup,
    url: str,
    *,
    index: PageIndex | None = None,
    headings: list[NavigableString] | None = None,
    after: datetime | None = None,
) -> GenericFound | None:
    """Comments found as repeated name/date/text units in a comment area, or None.

    ``headings`` are the page's comment-heading strings when the caller has them already
    (:func:`~scraper.parse.comments.regions.heading_strings`). ``after`` is the post's date:
    with it, a stamp without a year ("on Sep 21, 3:29 PM said:") is a stamp too.
    """
    index = index or PageIndex(soup)
    if headings is None:
        headings = heading_strings(index)
    for area in _areas(soup, index, headings):
        best = _best(area, index, after)
        if best is None:
            continue
        found, members, extra = best
        if len(found) == 1 and not _believable_lone(area, found[0][1]):
            continue
        raws = []
        last_top: Tag | None = None
        for tag, parts in found:
            parent = next((members[id(p)] for p in tag.parents if id(p) in members), None)
            if parent is None:
                parent = replied_to(tag, [t for t, _ in found], area.element, index)
            if parent is None and _reply_marked(tag):
                answered = last_top is not None and last_top.parent is tag.parent
                parent = last_top if answered else None
            elif parent is None:
                last_top = tag
            raws.append(
                RawComment(
                    element=tag,
                    author=parts.name,
                    author_url=None,
                    date_text=parts.date or None,
                    text=parts.text,
                    html=parts.html(url),
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
        return GenericFound(raws, regions)
    return None


def _reply_marked(tag: Tag) -> bool:
    """An item that a class alone marks as a reply (``comment-reply-panel``), in a flat list:
    it answers the unmarked item before it, which it follows."""
    return any(REPLY_CLASS.search(name) for name in tag.get_attribute_list("class") if name)


def _external_id(tag: Tag) -> str | None:
    """The unit's id, or the numbered anchor that opens it (``<a name="4606297">``): two
    comments with the same words (a double post) stay two."""
    ident = tag.get("id")
    if isinstance(ident, str) and any(map(str.isdigit, ident)):
        return ident
    anchor = tag.find("a", attrs={"name": True})
    name = anchor.get("name") if isinstance(anchor, Tag) else None
    return name if isinstance(name, str) and any(map(str.isdigit, name)) else None
