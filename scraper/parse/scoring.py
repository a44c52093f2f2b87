"""Readability-style candidate scoring: which element holds the article, when no content
selector names it.

Every paragraph (``<p>``, ``<li>``, ``<td>``..., and a div's own loose text) credits its five
nearest ancestors by its length and commas; class/id words push candidates up or down; the score
is damped by link density. Near-equal rival candidates under one ancestor make that ancestor
the article (an article split into blocks), and siblings of the winner that look like article
text join it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from scraper.parse.furniture import Lengths, class_weight
from scraper.parse.walk import first_below, tags_below, text_of

__all__ = [
    "PARAGRAPH_TAGS", "TEASER_HEADINGS", "by_score", "is_ancestor", "is_linked_heading",
    "looks_like_text",
]

#: Tags whose text counts as a paragraph for scoring.
PARAGRAPH_TAGS: frozenset[str] = frozenset({"p", "pre", "td", "blockquote", "li"})
#: Containers whose own loose text is scored as a paragraph.
TEXT_BLOCK_TAGS: frozenset[str] = frozenset({"div", "section", "article"})
#: Inline elements: their text is part of the surrounding block's own text.
INLINE_TAGS: frozenset[str] = frozenset(
    {"a", "b", "i", "em", "strong", "span", "font", "small", "sup", "sub", "u", "code", "abbr",
     "cite", "q", "mark", "s", "strike", "del", "ins", "time", "tt", "big", "var", "kbd"}
)  # fmt: skip
#: A tag's own share of the score, before its paragraphs' credit.
TAG_BASE_SCORE: dict[str, float] = {
    "div": 5, "article": 10, "main": 8, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
    "form": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "address": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}  # fmt: skip
#: Shorter paragraphs do not count.
MIN_PARAGRAPH_CHARS = 25
#: A sibling of the top candidate joins it when its score reaches this share of the top score.
SIBLING_SHARE = 0.2
#: Rival candidates (this share of the top score or more, among the next few, outside the top
#: one's own line) that share an ancestor with the top one make that ancestor the article.
ALTERNATIVE_SHARE = 0.3
ALTERNATIVES = 5
MIN_ALTERNATIVES = 3
#: A list or table is part of an article, not the article: a winning one gives way to the
#: nearest candidate ancestor (within this many levels) holding clearly more text.
ITEM_BLOCK_TAGS: frozenset[str] = frozenset({"ol", "ul", "dl", "table", "tbody"})
ITEM_BLOCK_LEVELS = 4
ITEM_BLOCK_SHARE = 0.8
#: A parent scoring this share of the top candidate's score or more replaces it, when it has
#: this many children (the top one included) scoring like rivals.
PARENT_SHARE = 0.75
MIN_SIBLING_BLOCKS = 3
#: A list whose items mostly open with a heading linking elsewhere is a stream of teasers
#: (more stories, related posts); it and the wrappers it fills are no candidates.
TEASER_HEADINGS: tuple[str, ...] = ("h2", "h3", "h4")
MIN_TEASER_ITEMS = 3
STREAM_SHARE = 0.5
MAX_STREAMS = 3
_COMMAS = re.compile(r"[,،、，]")
_SENTENCE_END = re.compile(r"\.( |$)")


def by_score(root: Tag, lengths: Lengths) -> Tag | None:
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for para, text in paragraphs(root):
        length = len(text.strip())
        if length < MIN_PARAGRAPH_CHARS:
            continue
        score = 1 + len(_COMMAS.findall(text)) + min(length / 100, 3)
        ancestor = para.parent
        level = 0
        while isinstance(ancestor, Tag) and level < 5:
            key = id(ancestor)
            if key not in scores:
                tags[key] = ancestor
                scores[key] = TAG_BASE_SCORE.get(ancestor.name, 0) + class_weight(ancestor)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            scores[key] += score / divider
            ancestor = ancestor.parent
            level += 1
    if not scores:
        return root if lengths.text.get(id(root), 0) else None
    final = {k: s * (1 - lengths.density(tags[k])) for k, s in scores.items()}
    top_key = max(final, key=lambda k: final[k])
    for _ in range(MAX_STREAMS):
        if not is_teaser_stream(tags[top_key]) or not _drop_stream(tags[top_key], final, tags,
                                                                   lengths):
            break
        top_key = max(final, key=lambda k: final[k])
    top_key = unify(top_key, final, tags)
    top_key = beyond_item_block(top_key, final, tags, lengths)
    top_key = to_rival_parent(top_key, final, tags)
    top = tags[top_key]
    parent = top.parent
    if not isinstance(parent, Tag):
        return top
    threshold = max(10.0, final[top_key] * SIBLING_SHARE)
    joined = [
        sib for sib in parent.find_all(True, recursive=False)
        if sib is top or final.get(id(sib), -1e9) >= threshold or looks_like_text(sib, lengths)
    ]
    if len(joined) <= 1:
        return top
    wrapper = BeautifulSoup("<div></div>", "lxml").div
    assert wrapper is not None
    for sib in joined:
        wrapper.append(sib.extract())
    return wrapper


def unify(top_key: int, final: dict[int, float], tags: dict[int, Tag]) -> int:
    """Climb from the top candidate to an ancestor holding several near-equal candidates: an
    article split into blocks (each block scores alike) is one article."""
    best = final[top_key]
    if best <= 0:
        return top_key
    top = tags[top_key]
    ranked = (tags[k] for k in sorted(final, key=lambda k: final[k], reverse=True)
              if final[k] >= ALTERNATIVE_SHARE * best)
    rivals = [
        t for t in ranked if t is not top and not is_ancestor(t, top) and not is_ancestor(top, t)
    ][:ALTERNATIVES]
    if len(rivals) < MIN_ALTERNATIVES:
        return top_key
    ancestor = top.parent
    while isinstance(ancestor, Tag) and ancestor.name not in ("body", "html"):
        if sum(1 for r in rivals if is_ancestor(ancestor, r)) >= MIN_ALTERNATIVES:
            tags[id(ancestor)] = ancestor
            final[id(ancestor)] = max(final.get(id(ancestor), best), best)
            return id(ancestor)
        ancestor = ancestor.parent
    return top_key


def is_teaser_stream(tag: Tag) -> bool:
    if tag.name not in ("ul", "ol"):
        return False
    items = tag.find_all("li", recursive=False)
    teasers = sum(1 for item in items if is_linked_heading(first_below(item, TEASER_HEADINGS)))
    return teasers >= MIN_TEASER_ITEMS and 2 * teasers >= len(items)


def is_linked_heading(heading: Tag | NavigableString | None) -> bool:
    """A heading that is (or holds) a link to another page: a teaser. In-page anchors
    (``<a href="#section">``, permalinks to the heading itself) do not count."""
    if not isinstance(heading, Tag):
        return False
    parent = heading.parent
    link = parent if parent is not None and parent.name == "a" else first_below(
        heading, ("a",), attr="href"
    )
    if link is None:
        return False
    href = link.get("href")
    return isinstance(href, str) and not href.startswith("#")


def _drop_stream(
    stream: Tag, final: dict[int, float], tags: dict[int, Tag], lengths: Lengths
) -> bool:
    """Forget the stream, what it holds and the ancestors it mostly fills; False when nothing
    else is left."""
    size = lengths.text.get(id(stream), 0)
    dropped = [
        k for k, t in tags.items()
        if k in final and (t is stream or is_ancestor(stream, t) or (
            is_ancestor(t, stream) and size >= STREAM_SHARE * lengths.text.get(k, 0)))
    ]
    if len(dropped) >= len(final):
        return False
    for k in dropped:
        del final[k]
    return True


def to_rival_parent(top_key: int, final: dict[int, float], tags: dict[int, Tag]) -> int:
    """A parent scoring nearly as high as the top candidate draws on other children too: the
    article is split into sibling blocks (a list-style post), and the parent is it."""
    parent = tags[top_key].parent
    if not isinstance(parent, Tag) or parent.name in ("body", "html"):
        return top_key
    best = final[top_key]
    if final.get(id(parent), 0) < PARENT_SHARE * best:
        return top_key
    blocks = sum(
        1 for child in parent.find_all(True, recursive=False)
        if final.get(id(child), 0) >= ALTERNATIVE_SHARE * best
    )
    return id(parent) if blocks >= MIN_SIBLING_BLOCKS else top_key


def beyond_item_block(
    top_key: int, final: dict[int, float], tags: dict[int, Tag], lengths: Lengths
) -> int:
    """A footnote list or a data table outscoring the prose around it (every item credits the
    list in full) yields to the candidate that holds both."""
    top = tags[top_key]
    if top.name not in ITEM_BLOCK_TAGS:
        return top_key
    own = lengths.text.get(id(top), 0)
    ancestor = top.parent
    for _ in range(ITEM_BLOCK_LEVELS):
        if not isinstance(ancestor, Tag) or ancestor.name in ("body", "html"):
            break
        if own < ITEM_BLOCK_SHARE * lengths.text.get(id(ancestor), 0):
            return id(ancestor) if final.get(id(ancestor), 0) > 0 else top_key
        ancestor = ancestor.parent
    return top_key


def is_ancestor(ancestor: Tag, tag: Tag) -> bool:
    node = tag.parent
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def paragraphs(root: Tag) -> Iterable[tuple[Tag, str]]:
    """Paragraph elements and their text; a div's own loose text (outside any block child)
    counts as a paragraph too, for sites that write ``<div>text<br>text</div>``."""
    for tag in tags_below(root, PARAGRAPH_TAGS | TEXT_BLOCK_TAGS):
        if tag.name in PARAGRAPH_TAGS:
            yield tag, text_of(tag)
            continue
        own: list[str] = []
        for child in tag.children:
            if isinstance(child, Tag):
                if child.name in INLINE_TAGS:
                    own.append(text_of(child))
            elif type(child) is NavigableString:
                own.append(str(child))
        text = "".join(own)
        if len(text) >= MIN_PARAGRAPH_CHARS:
            yield tag, text


def looks_like_text(tag: Tag, lengths: Lengths) -> bool:
    if tag.name != "p":
        return False
    length = lengths.text.get(id(tag), 0)
    density = lengths.density(tag)
    return (length > 80 and density < 0.25) or (0 < length <= 80 and density == 0
                                                 and bool(_SENTENCE_END.search(text_of(tag))))

