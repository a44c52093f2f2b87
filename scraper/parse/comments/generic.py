"""The generic comment finder, for site builders no adapter knows (run after every adapter).

Comments are repeated blocks that each carry a name, a date and some text, found inside a
comment area: an element whose id/class says "comment", or the parent of a heading such as
"Comments", "3 Kommentare", "Réactions". Within an area the finder groups elements by their
tag and classes and keeps the group whose members most often look like comments (a short name,
a parseable date, text). Members nested in members are replies. Sidebars are never searched, and
a "Recent comments" widget does not match the heading pattern.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from scraper.dates import parse_date
from scraper.models import Comment, DateOrder
from scraper.parse.comments.fields import outside_sidebars
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
#: id/class words that mark a comment area.
AREA_WORDS = ("comment", "kommentar", "commentaire", "discussion", "responses")
#: Tags that can be one comment's block.
BLOCK_TAGS = frozenset({"div", "li", "article", "section", "dl", "tr", "blockquote"})
#: Interface words that are neither a name nor comment text.
UI_WORDS = re.compile(
    r"^(?:reply|antworten|répondre|responder|rispondi|reageer|responder|edit|report|melden|"
    r"like|quote|zitieren|says:?|sagt:?|permalink|link|#|\d+|flag|share|delete)$",
    re.I,
)
INLINE_TAGS = frozenset(
    {"a", "b", "i", "em", "strong", "span", "u", "small", "font", "abbr", "code"}
)
#: Short lines that look like a name but are bylines, breadcrumbs or labels.
NOT_A_NAME = re.compile(
    r"(?:^|\s)(?:by|posted by|photos? by|von|par|por|door|di|home)$|^[\d>»|•@]|[>»|]", re.I
)
MAX_NAME_CHARS, MAX_NAME_WORDS, MAX_STAMP_CHARS = 60, 4, 60
MIN_SHARE_LIKE = 0.6
MAX_LINK_SHARE = 0.5
MAX_AREAS = 8


@dataclass(frozen=True)
class _Parts:
    name: str | None
    date: str | None
    text: str
    html: str


def _area_words(tag: Tag) -> bool:
    ident = " ".join([str(tag.get("id") or ""), *tag.get_attribute_list("class")]).lower()
    return any(word in ident for word in AREA_WORDS)


def _areas(soup: BeautifulSoup) -> list[Tag]:
    """Comment areas, outermost first, outside sidebars."""
    found: list[Tag] = []
    for tag in soup.find_all(_area_words):
        if (
            isinstance(tag, Tag)
            and tag.name not in ("body", "html")
            and outside_sidebars(tag)
            and not any(tag is f or f in tag.parents for f in found)
        ):
            found.append(tag)
    for string in soup.find_all(string=COMMENT_HEADING):
        parent = string.parent
        if isinstance(parent, Tag) and parent.name not in ("a", "option", "title", "script"):
            area = parent.parent
            if (
                isinstance(area, Tag)
                and outside_sidebars(parent)
                and not any(area is f or f in area.parents for f in found)
            ):
                found.append(area)
    return found[:MAX_AREAS]


def _signature(tag: Tag) -> tuple[str, tuple[str, ...]]:
    return tag.name, tuple(sorted(tag.get_attribute_list("class")))


def _own_strings(member: Tag, members: set[int]) -> list[NavigableString]:
    out = []
    for string in member.find_all(string=True):
        if not string.strip() or type(string) is not NavigableString:
            continue
        if string.parent is None or string.parent.name in ("script", "style", "noscript"):
            continue
        nested = next((p for p in string.parents if id(p) in members), None)
        if nested is member:
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


def _is_stamp(text: str) -> bool:
    return (
        len(text) <= MAX_STAMP_CHARS
        and any(c.isdigit() for c in text)
        and parse_date(text) is not None
    )


def _parts(member: Tag, members: set[int], url: str) -> _Parts | None:
    strings = _own_strings(member, members)
    name = date = None
    used: set[int] = set()
    timed = member.find("time", datetime=True)
    if (
        isinstance(timed, Tag)
        and next((p for p in timed.parents if id(p) in members), None) is member
    ):
        date = str(timed["datetime"])
        used.update(id(s) for s in timed.find_all(string=True))
    for string in strings:
        text = " ".join(string.split())
        if _is_stamp(text) and date is None:
            date = text
            used.add(id(string))
            continue
        if UI_WORDS.match(text):
            used.add(id(string))
    body = [s for s in strings if id(s) not in used]
    if body:
        first = " ".join(body[0].split()).rstrip(":")
        if (
            len(first) <= MAX_NAME_CHARS
            and len(first.split()) <= MAX_NAME_WORDS
            and len(body) > 1
            and not NOT_A_NAME.search(first)
        ):
            name = first
            body = body[1:]
    if not body or date is None or _link_share(body) > MAX_LINK_SHARE:
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


def _block_of(string: NavigableString) -> Tag | None:
    """The nearest block-level ancestor: inline links and emphasis stay on their line."""
    for parent in string.parents:
        if parent.name not in INLINE_TAGS:
            return parent
    return None


def _best_group(area: Tag, url: str) -> list[tuple[Tag, _Parts]]:
    groups: Counter[tuple[str, tuple[str, ...]]] = Counter(
        _signature(t) for t in area.find_all(BLOCK_TAGS)
    )
    best: list[tuple[Tag, _Parts]] = []
    for signature, count in groups.most_common():
        if count < max(1, len(best)):
            break
        tags = [t for t in area.find_all(signature[0]) if _signature(t) == signature]
        members = {id(t) for t in tags}
        parsed = [(t, _parts(t, members, url)) for t in tags]
        liked = [(t, p) for t, p in parsed if p is not None and p.name]
        if not liked or len(liked) < MIN_SHARE_LIKE * len(tags):
            continue
        tighter = best and len(liked) == len(best) and _size(liked) < _size(best)
        if len(liked) > len(best) or tighter:
            best = liked
    return best


def _size(found: list[tuple[Tag, _Parts]]) -> int:
    return sum(len(p.text) for _, p in found)


def find_generic(
    soup: BeautifulSoup,
    url: str,
    *,
    order: DateOrder | None = None,
    language: str | None = None,
    index: PageIndex | None = None,
) -> tuple[list[Comment], list[Tag]] | None:
    """Comments found as repeated name/date/text blocks in a comment area, or None."""
    for area in _areas(soup):
        found = _best_group(area, url)
        if not found:
            continue
        members = {id(t) for t, _ in found}
        raws = []
        for tag, parts in found:
            parent = next((p for p in tag.parents if id(p) in members), None)
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
        return finish(raws, order=order, language=language), [area]
    return None


def _external_id(tag: Tag) -> str | None:
    ident = tag.get("id")
    return ident if isinstance(ident, str) and any(c.isdigit() for c in ident) else None
