"""Make extracted HTML safe to store and show, and turn an element into readable text.

The archive keeps ``body_html`` and comment HTML so that a post can be re-displayed (Datasette,
exports). Pages come from arbitrary sites, so everything executable goes: scripts, styles, event
handlers, iframes, forms. Relative links are made absolute because the fragment is shown far from
its page. nh3 (ammonia) does the sanitising: HTML sanitising is a solved problem, not ours to redo.

``html_to_text`` is the one place that decides how an element reads as plain text; the body
extractor, the comment extractor and the search index all rely on the same paragraph breaks.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin

import nh3
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

from scraper.parse.tree import build_soup

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "BLOCK_TAGS", "html_to_text", "sanitize_html"]

#: Formatting that survives sanitising: enough to re-read a post as its author laid it out.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
        "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    }
)  # fmt: skip

#: Attributes kept per tag; everything else (event handlers, style, class) is dropped.
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "abbr": {"title"},
}

#: Tags whose content is removed together with the tag (not merely unwrapped).
DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {"script", "style", "iframe", "form", "noscript", "template", "object", "embed", "textarea",
     "select", "button", "svg", "math", "frame", "frameset", "applet"}
)  # fmt: skip

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})

#: Elements that start a new line of text when an element is read as plain text.
BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "center", "caption", "br",
    }
)  # fmt: skip

#: Elements whose text is never readable content.
INVISIBLE_TAGS: frozenset[str] = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe",
     "object", "embed", "select", "textarea", "button"}
)  # fmt: skip

_SKIPPED_STRINGS = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
#: An invisible break point inside a word (``&shy;``): never part of the text.
SOFT_HYPHEN = "\u00ad"


def sanitize_html(fragment: str, base_url: str) -> str:
    """Return ``fragment`` with everything executable removed and URLs made absolute.

    Args:
        fragment: an HTML fragment (an element's outer or inner HTML).
        base_url: the page's URL; relative ``href``/``src`` values are resolved against it.

    Returns:
        Safe HTML keeping formatting, links, images, lists, headings, quotes, code and tables.
        Never raises: unparseable input yields whatever text nh3 can recover, or "".
    """
    if not fragment:
        return ""
    try:
        return _cleaner(base_url).clean(fragment).strip()
    except Exception:  # nh3 rejects some inputs (e.g. lone surrogates): fall back to no HTML
        return ""


@lru_cache(maxsize=16)
def _cleaner(base_url: str) -> nh3.Cleaner:
    """The sanitiser for fragments of the page at ``base_url``.

    Made once per page, not per fragment: turning the allow-lists into nh3's own settings cost
    more than sanitising a typical comment. A page's body and comments share one.
    """

    def absolute(url: str) -> str | None:
        try:
            return urljoin(base_url, url) if base_url else url
        except ValueError:
            return None

    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        url_relative=absolute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def html_to_text(tag: Tag | str) -> str:
    """Read an element as plain text: one line per block, blank line between paragraphs.

    Whitespace inside a block collapses to single spaces (as a browser renders it), except in
    ``<pre>`` where lines are kept. Scripts, styles and HTML comments contribute nothing.

    Args:
        tag: a parsed element (or a whole soup), or an HTML string (parsed with lxml).
    """
    if isinstance(tag, str):
        tag = build_soup(tag)
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            # whitespace runs -> one space; soft hyphens (U+00AD) are invisible break points
            text = " ".join("".join(current).replace(SOFT_HYPHEN, "").split())
            current.clear()
            if text:
                lines.append(text)

    # Iterative depth-first walk: deeply nested pages would overflow a recursive one.
    stack: list[tuple[PageElement, bool]] = [(tag, False)]
    while stack:
        node, closing = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIPPED_STRINGS):
                current.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if closing:
            if name in BLOCK_TAGS:
                flush()
            continue
        if name in INVISIBLE_TAGS and node is not tag:
            continue
        if name == "pre":
            flush()
            kept = [line.rstrip() for line in node.get_text().strip("\n").splitlines()]
            if any(kept):
                lines.append("\n".join(kept))
            continue
        if name in BLOCK_TAGS:
            flush()
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    flush()
    return "\n\n".join(lines)
