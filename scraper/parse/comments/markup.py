"""The shared engine behind every markup-based comment extractor.

A platform module describes its comment markup as data (:class:`CommentMarkup`: CSS selectors
for the comment item, its author, date and text, the reply containers, the region to hand back)
and :func:`extract_markup` does the rest, the same way for every platform:

* items nested in items are replies (WordPress ``ul.children``, Blogger ``.comment-replies``);
  items inside a reply container that *follows* a comment are replies to it (Drupal
  ``div.indented``);
* an item whose text lies wholly inside a nested item is a wrapper of that item, not a second
  comment (themes that put ``div.comment`` inside ``li.comment``);
* items matching ``skip`` (pingbacks, trackbacks) are dropped: they are not reader comments.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from bs4 import BeautifulSoup
from bs4.element import PageElement, Tag

from scraper.dates import parse_date, resolve_orders
from scraper.models import Comment, DateOrder
from scraper.parse.sanitize import html_to_text, sanitize_html

__all__ = [
    "CommentMarkup",
    "PageIndex",
    "RawComment",
    "extract_markup",
    "finish",
    "outside_sidebars",
    "select_parts",
]

#: Ancestors that hold widgets ("Recent comments"), never the post's own comments: these tags,
#: and ids/classes starting or ending with these words (not ``content-sidebar-wrap``).
SIDEBAR_TAGS = frozenset({"aside", "nav"})
SIDEBAR_PREFIXES = ("sidebar", "widget_", "widget-area", "secondary", "recentcomments")
SIDEBAR_SUFFIXES = ("-sidebar", "widget-area", "recent-comments", "recentcomments")
#: A trailing verb after a commenter's name: "Anna says:", "Anna sagt:", "Anna a dit :".
AUTHOR_SUFFIX = re.compile(
    r"\s*(?:says|said|sagt|schreibt|a dit|dit|dice|escribió|scrive|ha scritto|schreef|zegt|"
    r"disse|diz|wrote|on)\s*:?\s*$",
    re.I,
)
#: External ids: ``comment-123``, ``c123``, ``li-comment-5`` -> keep the site's own spelling.
ID_PREFIX = re.compile(r"^(?:li-|div-|article-|wc-comm-|wpd-comm-)")


#: The ``text`` selector that means "all the comment's own <p> elements" (classic themes).
OWN_PARAGRAPHS = "P*"
MAX_DATE_TEXT = 80
#: Permalink parameters that carry a comment's time as epoch milliseconds.
EPOCH_PARAM = re.compile(r"[?&]showComment=(\d{13})\b")


@dataclass(frozen=True)
class CommentMarkup:
    """Selectors for one comment markup family. Empty strings mean "not used".

    ``text`` is tried in order; ``strip`` removes meta nodes (author, date, reply links) from the
    chosen text node, which matters when the text selector is the whole comment body.
    """

    system: str
    item: str
    text: Sequence[str]
    author: str = ""
    date: str = ""
    region: str = ""
    skip: str = ""
    reply_container: str = ""
    strip: str = ""
    deleted: str = ""
    deleted_text: str = "[deleted]"


@dataclass(frozen=True)
class PageIndex:
    """Every class and id on the page, from one pass: selectors naming a class or id the page
    lacks are skipped without running them (CSS matching is the slow part of extraction)."""

    classes: frozenset[str]
    ids: frozenset[str]

    @classmethod
    def of(cls, soup: BeautifulSoup) -> PageIndex:
        classes: set[str] = set()
        ids: set[str] = set()
        for tag in soup.find_all(True):
            classes.update(tag.get_attribute_list("class"))
            ident = tag.get("id")
            if isinstance(ident, str):
                ids.add(ident)
        return cls(frozenset(classes), frozenset(ids))

    def may_match(self, selector: str) -> bool:
        """False when ``selector`` (one part, no commas) names a class or id not on the page."""
        needs = _NEEDS.get(selector)
        if needs is None:
            needs = _NEEDS[selector] = (
                frozenset(_CLASS_TOKEN.findall(selector)),
                frozenset(_ID_TOKEN.findall(selector)),
                tuple(_ATTR_TOKEN.findall(selector)),
            )
        classes, ids, attrs = needs
        if not (classes <= self.classes and ids <= self.ids):
            return False
        for name, op, value in attrs:
            pool = self.ids if name == "id" else self.classes
            if op == "^" and not any(v.startswith(value) for v in pool):
                return False
            if op == "*" and not any(value in v for v in pool):
                return False
        return True


_CLASS_TOKEN = re.compile(r"(?<![\[=*^])\.([\w-]+)")
_ID_TOKEN = re.compile(r"#([\w-]+)")
_ATTR_TOKEN = re.compile(r"\[(id|class)([*^])=([\w-]+)\]")
_NEEDS: dict[str, tuple[frozenset[str], frozenset[str], tuple[tuple[str, str, str], ...]]] = {}


def select_parts(root: Tag, selector: str, index: PageIndex | None) -> list[Tag]:
    """``root.select(selector)``, skipping comma-separated parts the page cannot match."""
    parts = [p.strip() for p in selector.split(",") if p.strip()]
    live = [p for p in parts if index is None or index.may_match(p)]
    if not live:
        return []
    return list(root.select(", ".join(live)))


@dataclass(frozen=True)
class RawComment:
    """A comment before threading indices are known: ``parent`` is the parent's element."""

    element: Tag
    author: str | None
    author_url: str | None
    date_text: str | None
    text: str
    html: str
    external_id: str | None
    parent: Tag | None


def _is_sidebar_token(token: str) -> bool:
    token = token.lower()
    return token.startswith(SIDEBAR_PREFIXES) or token.endswith(SIDEBAR_SUFFIXES)


def outside_sidebars(tag: Tag) -> bool:
    """True unless ``tag`` sits in an aside, nav, footer or widget area."""
    for parent in tag.parents:
        if not isinstance(parent, Tag) or parent.name in ("body", "html", "[document]"):
            break
        if parent.name in SIDEBAR_TAGS:
            return False
        tokens = [str(parent.get("id") or ""), *parent.get_attribute_list("class")]
        if any(_is_sidebar_token(token) for token in tokens if token):
            return False
    return True


def _owner(node: PageElement, items: set[int], stop: Tag | None = None) -> Tag | None:
    for parent in node.parents:
        if parent is stop:
            return None
        if id(parent) in items:
            return parent
    return None


def _own(
    item: Tag,
    selector: str,
    items: set[int],
    *,
    need_text: bool = False,
    index: PageIndex | None = None,
) -> Tag | None:
    """The first element matching ``selector`` that belongs to ``item`` and not to a reply.

    A comma-separated selector is a priority list: earlier parts win over later ones.
    """
    if not selector:
        return None
    for part in selector.split(","):
        part = part.strip()
        if index is not None and not index.may_match(part):
            continue
        for found in item.select(part):
            if found is not item and (id(found) in items or _owner(found, items) is not item):
                continue
            if need_text and not found.get_text(strip=True):
                continue
            return found
    return None


def _clean_author(text: str) -> str | None:
    text = " ".join(text.split())
    text = AUTHOR_SUFFIX.sub("", text).rstrip(" :–-")
    return text or None


def _author_name(author: Tag | None) -> str | None:
    """The commenter's name; a badge after a line break ("Martina<br>Author") is not part of it."""
    if author is None:
        return None
    if author.find("br") is not None:
        first = next((str(s) for s in author.find_all(string=True) if s.strip()), "")
        return _clean_author(first)
    return _clean_author(author.get_text(" "))


def _author_url(author: Tag | None) -> str | None:
    if author is None:
        return None
    link = author if author.name == "a" else author.find("a", href=True)
    href = link.get("href") if isinstance(link, Tag) else None
    if isinstance(href, str) and href.startswith(("http://", "https://")):
        return href
    return None


def _date_text(tag: Tag | None) -> str | None:
    if tag is None:
        return None
    timed = tag if tag.name == "time" else tag.find("time")
    if isinstance(timed, Tag):
        value = timed.get("datetime")
        if isinstance(value, str) and value.strip():
            return value.strip()
    for attr in ("datetime", "title", "data-datetime"):
        value = tag.get(attr)
        if isinstance(value, str) and any(ch.isdigit() for ch in value):
            return value.strip()
    text = " ".join(tag.get_text(" ").split())
    if parse_date(text) is None:
        stamp = _epoch_in_links(tag)
        if stamp:
            return stamp
    return text or None


def _epoch_in_links(tag: Tag) -> str | None:
    """An exact stamp hidden in a permalink (Blogger's ``?showComment=<epoch ms>``)."""
    for link in [tag, *tag.find_all("a", href=True)]:
        href = link.get("href")
        match = EPOCH_PARAM.search(href) if isinstance(href, str) else None
        if match:
            when = datetime.fromtimestamp(int(match.group(1)) / 1000, tz=timezone.utc)
            return when.isoformat()
    return None


def _external_id(item: Tag) -> str | None:
    for tag in (item, *item.find_all(id=True, limit=3)):
        ident = tag.get("id")
        if isinstance(ident, str) and any(ch.isdigit() for ch in ident):
            return ID_PREFIX.sub("", ident)
    return None


def _text_of(nodes: list[Tag], strip: str, url: str) -> tuple[str, str]:
    texts, htmls = [], []
    for node in nodes:
        if strip and node.select_one(strip) is not None:
            node = copy.copy(node)
            for junk in node.select(strip):
                junk.decompose()
        texts.append(html_to_text(node))
        htmls.append(node.decode_contents() if len(nodes) == 1 else str(node))
    return "\n\n".join(t for t in texts if t), sanitize_html("".join(htmls), url)


def _date_in(item: Tag, items: set[int], text_nodes: list[Tag] | None) -> str | None:
    """A date written loose in the comment's own meta text (no date element to select)."""
    skip = {id(t) for t in text_nodes or []}
    for string in item.find_all(string=True):
        if len(string) > MAX_DATE_TEXT or not any(ch.isdigit() for ch in string):
            continue
        parent = string.parent
        if parent is None or parent.name in ("script", "style"):
            continue
        if any(id(p) in skip for p in string.parents) or _owner(string, items) is not item:
            continue
        if parse_date(str(string)) is not None:
            return " ".join(string.split())
    return None


def _parent_item(
    item: Tag, markup: CommentMarkup, items: set[int], stands_for: dict[int, Tag]
) -> Tag | None:
    """The comment ``item`` replies to: an enclosing item, or the comment just before the reply
    container it sits in (Drupal's ``div.indented`` follows its parent comment)."""
    for parent in item.parents:
        if not isinstance(parent, Tag) or parent.name in ("body", "html"):
            return None
        if id(parent) in items:
            rep = stands_for.get(id(parent), parent)
            if rep is not item:
                return rep
            continue
        if markup.reply_container and parent.css.match(markup.reply_container):
            sibling = parent.find_previous_sibling(True)
            while isinstance(sibling, Tag):
                if id(sibling) in items:
                    return stands_for.get(id(sibling), sibling)
                inner = next((t for t in sibling.find_all(True) if id(t) in items), None)
                if inner is not None:
                    return stands_for.get(id(inner), inner)
                sibling = sibling.find_previous_sibling(True)
            return None
    return None


def extract_markup(
    soup: BeautifulSoup, markup: CommentMarkup, url: str, index: PageIndex | None = None
) -> list[RawComment]:
    """All comments of one markup family on the page, in page order (empty if none)."""
    candidates = [t for t in select_parts(soup, markup.item, index) if outside_sidebars(t)]
    if not candidates:
        return []
    if markup.skip:
        skipped = {id(t) for t in select_parts(soup, markup.skip, index)}
        candidates = [t for t in candidates if id(t) not in skipped]
    items = {id(t) for t in candidates}
    texts: dict[int, list[Tag]] = {}
    for item in candidates:
        for selector in markup.text:
            if selector == OWN_PARAGRAPHS:
                paragraphs = [p for p in item.find_all("p") if _owner(p, items) is item]
                if paragraphs:
                    texts[id(item)] = paragraphs
                    break
                continue
            found = _own(item, selector, items, index=index)
            if found is not None:
                texts[id(item)] = [found]
                break
    deleted = {
        id(t) for t in candidates if markup.deleted and _own(t, markup.deleted, items, index=index)
    }
    kept = [t for t in candidates if id(t) in texts or id(t) in deleted]
    # A wrapper (no text of its own) stands for the first kept item inside it.
    stands_for: dict[int, Tag] = {}
    for item in candidates:
        if id(item) not in texts and id(item) not in deleted:
            inner = next((k for k in kept if item in k.parents), None)
            if inner is not None:
                stands_for[id(item)] = inner
    out: list[RawComment] = []
    for item in kept:
        owner = _parent_item(item, markup, items, stands_for)
        author_tag = _own(item, markup.author, items, need_text=True, index=index)
        if id(item) in texts:
            text, html = _text_of(texts[id(item)], markup.strip, url)
        else:
            text, html = markup.deleted_text, ""
        date_tag = _own(item, markup.date, items, index=index)
        date_text = _date_text(date_tag) if date_tag else _date_in(item, items, texts.get(id(item)))
        out.append(
            RawComment(
                element=item,
                author=_author_name(author_tag),
                author_url=_author_url(author_tag),
                date_text=date_text,
                text=text,
                html=html,
                external_id=_external_id(item),
                parent=owner,
            )
        )
    return out


def finish(
    raws: list[RawComment],
    *,
    order: DateOrder | None,
    language: str | None = None,
    reference: datetime | None = None,
) -> list[Comment]:
    """Turn raw comments into :class:`Comment` records with parent indices and parsed dates.

    Ambiguous numeric stamps are read with the order the page's own comment stamps settle
    (one ``23/06/2020`` settles ``10/06/2020``), then the site's ``order``. A comment repeated
    verbatim (same author, stamp and text: pages saved with the thread rendered twice) is kept
    once.
    """
    orders = resolve_orders(raw.date_text for raw in raws if raw.date_text)
    index: dict[int, int] = {}
    seen: dict[tuple[str | None, str | None, str | None, str], int] = {}
    comments: list[Comment] = []
    for raw in raws:
        key = (raw.external_id, raw.author, raw.date_text, raw.text)
        if key in seen and raw.text:
            index[id(raw.element)] = seen[key]
            continue
        parent = index.get(id(raw.parent)) if raw.parent is not None else None
        published = None
        if raw.date_text:
            published = parse_date(
                raw.date_text, order=order, orders=orders, language=language, reference=reference
            )
        index[id(raw.element)] = seen[key] = len(comments)
        comments.append(
            Comment(
                author=raw.author,
                published=published,
                text=raw.text,
                html=raw.html,
                author_url=raw.author_url,
                parent=parent,
                external_id=raw.external_id,
            )
        )
    return comments
