"""Find a post's main text: the element that holds the article, cleaned of page furniture.

Two routes, in order:

1. A *content selector* (the platform's, then well-known markup such as
   ``[itemprop=articleBody]``, ``.e-content``, ``.entry-content``) naming an element that holds a
   real amount of text; siblings that continue the article (split by a side rail) join it.
2. Otherwise a Readability-style score (``scoring.py``).

Either way the winner is then cleaned: navigation, share bars, related-post lists, forms, comment
regions and blocks the site template marks as boilerplate are removed. Text lengths and link
lengths are computed once, bottom-up, so the whole extraction is linear in the page size.

The extractor mutates the soup (it removes elements), so it runs after every other extractor.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from scraper.parse.furniture import (
    BOILERPLATE_TEXT,
    FURNITURE_TAGS,
    STRIPPED_TAGS,
    Lengths,
    is_furniture,
    is_hidden,
)
from scraper.parse.index import TreeIndex, is_live
from scraper.parse.links import teaser_count
from scraper.parse.sanitize import INVISIBLE_TAGS, html_to_text, sanitize_html
from scraper.parse.scoring import (
    PARAGRAPH_TAGS,
    TEASER_HEADINGS,
    by_score,
    is_linked_heading,
    looks_like_text,
)
from scraper.parse.tree import outer_html
from scraper.parse.walk import first_below, tags_below, text_of

__all__ = ["Body", "block_fingerprint", "extract_body"]

#: Well-known content containers, tried after the platform's own selectors.
CONTENT_SELECTORS: tuple[str, ...] = (
    "[itemprop~=articleBody]", ".e-content", ".entry-content", ".post-content", ".post-body",
    ".article-content", ".article-body", ".article__body", ".post-entry", ".blog-post-content",
    ".story-body", "#article-body", ".entry-body", ".content-body",
)
#: A content selector is trusted only when its element holds at least this much text.
MIN_SELECTED_CHARS = 250
#: Of several elements a selector names, one with more than this share of link text is a
#: sidebar box reusing the class.
SELECTED_LINK_DENSITY = 0.5

#: A selected container's sibling joins it when it holds this much paragraph text...
SIBLING_PROSE_CHARS = 200
#: ...and less than this share of it is link text.
SIBLING_LINK_DENSITY = 0.25
#: ...and fewer than this many headings linking elsewhere.
SIBLING_MAX_TEASERS = 1
#: A "furniture" element holding more than this share of the page's text is a page wrapper.
WRAPPER_SHARE = 0.5
#: Inside the chosen element, a "furniture" element holding this share of its text is kept.
HOLDS_MOST_SHARE = 0.9
WRAPPER_LINK_DENSITY = 0.2
HEADING_TAGS: frozenset[str] = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
#: The string classes whose text ``get_text()`` reads (not comments, not script text).
MAIN_STRINGS = Tag.MAIN_CONTENT_STRING_TYPES
#: Blocks shorter than this may be boilerplate by their words ("Share this", "Read more")...
BOILERPLATE_MAX_CHARS = 200
#: ...or, up to this length, by their fingerprint among the site template's repeated blocks.
FINGERPRINT_MAX_CHARS = 2000
#: A block of links (a link list, removed) is shorter than this.
LINK_LIST_MAX_CHARS = 1000
#: A list item with this many words outside its links is prose, not a link to follow.
PROSE_ITEM_WORDS = 4


@dataclass(frozen=True)
class Body:
    """The extracted main text, its sanitised HTML, and how it was found."""

    text: str
    html: str
    method: str
    #: Headings inside the chosen element that link to other pages (a listing's teasers).
    teasers: int = 0
    #: How many elements the winning content selector matched with real text (>1: a listing
    #: of full posts).
    repeats: int = 1


def block_fingerprint(text: str) -> str:
    """A short stable key for a text block, used by the site template to spot repeats."""
    norm = _WS.sub(" ", text).strip().casefold()
    return hashlib.blake2b(norm.encode("utf-8", "replace"), digest_size=8).hexdigest()


def extract_body(
    soup: BeautifulSoup,
    url: str,
    *,
    index: TreeIndex | None = None,
    selectors: Iterable[str] = (),
    exclude: Iterable[Tag] = (),
    boilerplate: frozenset[str] = frozenset(),
    same_urls: Iterable[str | None] = (),
) -> Body:
    """Extract the main text of a page. Mutates ``soup``; never raises on odd markup.

    Args:
        soup: the page, parsed once; other extractors must have run already.
        url: the page URL, for absolute links in the HTML.
        index: the page's selector index (built here when not given).
        selectors: the platform's content selectors, best first.
        exclude: elements to drop first (comment threads and comment forms).
        boilerplate: fingerprints of blocks the site template found on many pages.
        same_urls: other URLs of this page (canonical): headings linking there are no teasers.
    """
    body = soup.body  # a search of the tree, each time it is asked
    root = body if isinstance(body, Tag) else soup
    _drop_regions(root, exclude)
    index = index or TreeIndex(soup)
    _strip(index)
    chosen, method, repeats = _by_selector(index, (*selectors, *CONTENT_SELECTORS))
    if chosen is None:
        chosen = by_score(root, _remove_furniture(root))
        method = "score"
    if chosen is None:
        return Body("", "", "none")
    teasers = teaser_count(chosen, url, same_urls)
    _clean(chosen, boilerplate)
    text = html_to_text(chosen)
    return Body(text, sanitize_html(outer_html(chosen), url), method, teasers, repeats)


# ------------------------------------------------------------------ preparation


def _drop_regions(root: Tag, regions: Iterable[Tag]) -> None:
    """Drop comment threads and forms; a form holding most of the page wraps it (ASP.NET)."""
    page: int | None = None
    for region in list(regions):
        if region.parent is None:
            continue
        if region.name == "form":
            if page is None:
                page = len(text_of(root, strip=True))
            if len(text_of(region, strip=True)) > WRAPPER_SHARE * page:
                continue
        region.decompose()


def _strip(index: TreeIndex) -> None:
    """Remove never-text elements and hidden ones, found through the index (no tree walk)."""
    for tag in index.tags(*STRIPPED_TAGS):
        if is_live(tag):
            tag.decompose()
    for tag in (*index.with_attr("hidden"), *index.with_attr("style")):
        if is_live(tag) and is_hidden(tag):
            tag.decompose()


def _remove_furniture(root: Tag) -> Lengths:
    """Drop page furniture, except wrappers that hold most of the page ("__next", "panel").

    Wrappers are judged by the lengths of the whole page; the lengths returned are those of
    the page without the furniture (kept up to date as it goes, not counted again).
    """
    lengths = Lengths(root)
    after = lengths.copy()
    page = max(1, lengths.text.get(id(root), 0))
    for tag in tags_below(root):
        if not is_live(tag) or tag.name in ("body", "html", "article", "main"):
            continue
        if is_furniture(tag) and not _is_wrapper(tag, lengths, page):
            after.forget(tag)
            tag.decompose()
    return after


def _is_wrapper(tag: Tag, lengths: Lengths, page: int) -> bool:
    """A class-named "sidebar"/"nav" element that holds most of the page's prose wraps it."""
    if tag.name in FURNITURE_TAGS or lengths.text.get(id(tag), 0) <= WRAPPER_SHARE * page:
        return False
    if lengths.density(tag) >= WRAPPER_LINK_DENSITY:
        return False
    prose = sum(len(text_of(p, strip=True)) for p in tags_below(tag, ("p",)))
    return prose >= WRAPPER_SHARE * lengths.text.get(id(tag), 0)


# ------------------------------------------------------------------ selection


def _by_selector(index: TreeIndex, selectors: Iterable[str]) -> tuple[Tag | None, str, int]:
    """The first content selector naming real text; returns (element, method, repeats).

    A selector that marks single paragraphs (``<p itemprop=articleBody>``) names their lowest
    common ancestor; one that marks several full-size containers is a listing's repeat count.
    """
    for selector in selectors:
        found = index.select(selector)
        if not found:
            continue
        sizes = [len(text_of(t, strip=True)) for t in found]
        if len(found) > 1 and all(t.name in PARAGRAPH_TAGS for t in found):
            if sum(sizes) >= MIN_SELECTED_CHARS:
                ancestor = _common_ancestor(found)
                if ancestor is not None and ancestor.name not in ("body", "html", "[document]"):
                    return ancestor, f"selector:{selector}", 1
            continue
        for best in sorted(range(len(found)), key=lambda i: -sizes[i]):
            if sizes[best] < MIN_SELECTED_CHARS:
                break
            if len(found) > 1 and _link_share(found[best], sizes[best]) > SELECTED_LINK_DENSITY:
                continue  # the class is reused on sidebar boxes of links
            repeats = sum(n >= MIN_SELECTED_CHARS for n in sizes)
            return _with_siblings(found[best]), f"selector:{selector}", repeats
    return None, "", 1


def _link_share(tag: Tag, size: int) -> float:
    return sum(len(text_of(a, strip=True)) for a in tags_below(tag, ("a",))) / max(1, size)


def _common_ancestor(tags: list[Tag]) -> Tag | None:
    chain = [p for p in tags[0].parents if isinstance(p, Tag)]
    rank = {id(p): i for i, p in enumerate(chain)}
    deepest = 0
    for tag in tags[1:]:
        node = tag.parent
        while node is not None and id(node) not in rank:
            node = node.parent
        if node is None:
            return None
        deepest = max(deepest, rank[id(node)])
    return chain[deepest] if chain else None


def _with_siblings(chosen: Tag) -> Tag:
    """The chosen container plus siblings that continue the article (split by a side rail)."""
    parent = chosen.parent
    if not isinstance(parent, Tag) or parent.name in ("body", "html", "[document]"):
        return chosen
    classes = set(chosen.get("class") or [])
    lengths: Lengths | None = None
    joined: list[Tag] = []
    for sib in parent.find_all(True, recursive=False):
        if sib is chosen:
            joined.append(sib)
            continue
        if is_furniture(sib) or sib.name in FURNITURE_TAGS or sib.name in HEADING_TAGS:
            continue
        if lengths is None:
            lengths = Lengths(parent)
        if _continues(sib, classes, lengths):
            joined.append(sib)
    if len(joined) <= 1:
        return chosen
    wrapper = BeautifulSoup("<div></div>", "lxml").div
    assert wrapper is not None
    for sib in joined:
        wrapper.append(sib.extract())
    return wrapper


def _continues(tag: Tag, classes: set[str], lengths: Lengths) -> bool:
    """A sibling that is more of the article: same class as the chosen element, or prose."""
    length = lengths.text.get(id(tag), 0)
    if not length or lengths.density(tag) >= SIBLING_LINK_DENSITY:
        return False
    teasers = tags_below(tag, TEASER_HEADINGS)
    if sum(1 for h in teasers if is_linked_heading(h)) >= SIBLING_MAX_TEASERS:
        return False  # a box of other stories' headlines and summaries
    if classes & set(tag.get("class") or []):
        return True
    if tag.name == "p":
        return looks_like_text(tag, lengths)
    return length >= SIBLING_PROSE_CHARS and first_below(tag, ("p",)) is not None


# ------------------------------------------------------------------ cleaning


def _clean(chosen: Tag, boilerplate: frozenset[str]) -> None:
    """Remove furniture, empty blocks, boilerplate blocks and link lists from the article.

    A block's text is read only when it is short enough for a text rule to apply; its size is
    counted once for all blocks, bottom-up (when a block comes up, nothing inside it has been
    removed yet: the walk is in document order).
    """
    sizes = _solid_sizes(chosen)
    readable = FINGERPRINT_MAX_CHARS if boilerplate else BOILERPLATE_MAX_CHARS
    for tag in tags_below(chosen):
        if not is_live(tag) or tag.name in INVISIBLE_TAGS:
            continue
        if is_furniture(tag) and not _holds_most(tag, chosen):
            tag.decompose()
            continue
        if tag.name in ("div", "section", "ul", "ol", "p", "table", "span", "dl"):
            size = sizes[id(tag)]
            if tag.interesting_string_types != MAIN_STRINGS:
                size = len(_WS.sub("", text_of(tag)))
            if not size:
                if first_below(tag, ("img", "picture", "video", "figure")) is None:
                    tag.decompose()
                continue
            if size < readable:  # the text is at least as long as its non-space characters
                text = _WS.sub(" ", text_of(tag, " ")).strip()
                if len(text) < BOILERPLATE_MAX_CHARS and BOILERPLATE_TEXT.match(text):
                    tag.decompose()
                    continue
                if (boilerplate and len(text) < FINGERPRINT_MAX_CHARS
                        and block_fingerprint(text) in boilerplate):
                    tag.decompose()
                    continue
            if tag.name in ("div", "section", "ul", "ol", "table") and _is_link_list(tag, size):
                tag.decompose()


def _solid_sizes(root: Tag) -> dict[int, int]:
    """How many characters other than whitespace each element's text (``get_text()``) has."""
    sizes: dict[int, int] = {}
    for tag in reversed([root, *tags_below(root)]):
        size = 0
        for child in tag.contents:
            if isinstance(child, Tag):
                size += sizes[id(child)]
            elif isinstance(child, NavigableString) and type(child) in MAIN_STRINGS:
                size += sum(len(word) for word in child.split())
        sizes[id(tag)] = size
    return sizes


def _holds_most(tag: Tag, chosen: Tag) -> bool:
    """A "furniture" class on an element holding nearly all the article is a false alarm; a
    slideshow or promo box outweighing the prose beside it is still furniture."""
    inner = len(text_of(tag, strip=True))
    return inner > HOLDS_MOST_SHARE * max(1, len(text_of(chosen, strip=True)))


def _is_link_list(tag: Tag, plain: int) -> bool:
    """``plain``: the block's characters other than whitespace."""
    if not plain or plain >= LINK_LIST_MAX_CHARS:
        return False
    link_chars = sum(len(text_of(a, strip=True)) for a in tags_below(tag, ("a",)))
    density = link_chars / plain
    if not ((density > 0.5 and plain < LINK_LIST_MAX_CHARS) or (density > 0.33 and plain < 200)):
        return False
    return tag.name not in ("ul", "ol") or not _prose_items(tag)


def _prose_items(tag: Tag) -> bool:
    """Most items of the list say something around their links ("Neil has patches up to
    <a>improve the tab unloader</a>"): a list of changes or sources, not of pages to visit."""
    items = tag.find_all("li", recursive=False)
    prose = 0
    for item in items:
        words = len(_WORD.findall(text_of(item, " ")))
        linked = sum(len(_WORD.findall(text_of(a, " "))) for a in tags_below(item, ("a",)))
        prose += words - linked >= PROSE_ITEM_WORDS
    return bool(items) and 2 * prose > len(items)
