"""Where bylines are on the page: the elements and texts the author is read from.

Split from ``byline.py``, which ranks these sources, and from ``bywords.py``, which holds the
text rules they apply: this module walks the tree. A byline element's text is read with marks
where a link or bold name starts and ends and where a line ends (``marked_text``), so a name
stops at an element's edge; other finders read a name element right after a by-word, a local
class word for the author, the strings after the headline, or the author's own reply in the
comment thread. Sidebar badges and comment bylines are told apart here.
"""

from __future__ import annotations

import re

from bs4.element import NavigableString, Tag

from scraper.parse.bywords import BY_WORD_END, BYLINE_VERB, LEAD_NOISE, clean_name, looks_like_name
from scraper.parse.comments.fields import outside_sidebars
from scraper.parse.generic import tag_text
from scraper.parse.index import TreeIndex
from scraper.parse.metaline import not_author_link, outside_post
from scraper.parse.pubdate import MAX_DATE_TEXT, NEAR_HEADLINE_STRINGS, inside

__all__ = [
    "LINK_MARK",
    "byline_strings",
    "comment_class",
    "in_page_furniture",
    "local_author_class",
    "marked_text",
    "name_after_by",
    "name_element_after",
    "names_after",
    "own_comment_author",
    "rel_author",
]

#: Marks where a line ends or two elements' texts touch in a byline's text (``marked_text``).
BREAK_MARK = "\u2062"
#: Elements that end a byline's line.
LINE_BREAKS = frozenset({
    "br", "p", "div", "li", "dd", "dt", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "header", "footer", "blockquote", "ul", "ol", "table",
})
#: Elements whose text ``LINK_MARK`` encloses: links and the bold type bylines set names in.
MARKED_ELEMENTS = frozenset({"a", "strong", "b"})
#: Words between several names in one byline: "<b>A</b>, <b>B</b>", "<a>A</a> et <a>B</a>".
NAME_JOINERS = re.compile(r"^(?:,|&|and|und|et|y|e|en|og|och)$", re.I)
#: Marks where a link's text starts and ends in a byline's text (``marked_text``): a name
#: ends there ("Posted by Ann <a>Category</a>" is not "Ann Category").
LINK_MARK = "\u2063"
_WS = re.compile(r"\s+")


def byline_strings(headline: Tag) -> list[tuple[str, NavigableString]]:
    """Short texts right after the headline, where an unmarked "Posted by NAME" line lives."""
    out: list[tuple[str, NavigableString]] = []
    for node in headline.next_elements:
        if len(out) >= NEAR_HEADLINE_STRINGS // 2:
            break
        if isinstance(node, NavigableString) and type(node) is NavigableString:
            text = _WS.sub(" ", str(node)).strip()
            if 4 <= len(text) <= MAX_DATE_TEXT:
                out.append((text, node))
    return out


def names_after(text: str, name: str) -> list[str]:
    """Further names after the first in a byline's marked text, each a whole marked element
    joined to the one before by "," or "and" ("Par <b>A</b>, <b>B</b> Envoyés spéciaux")."""
    at = text.find(name)
    if at < 0:
        return []
    pieces = [p.strip(" " + BREAK_MARK) for p in text[at + len(name) :].split(LINK_MARK)]
    pieces = [p for p in pieces if p]
    names: list[str] = []
    for joiner, candidate in zip(pieces[::2], pieces[1::2], strict=False):
        if not NAME_JOINERS.match(joiner) or not looks_like_name(candidate):
            break
        names.append(candidate)
    return names


def rel_author(tag: Tag) -> bool:
    rel = tag.get("rel")
    return isinstance(rel, list) and any(word.lower() == "author" for word in rel)


def in_page_furniture(tag: Tag) -> bool:
    """In a sidebar, widget area, aside or nav (as for comments), or in the page's ``footer``
    (not an article's own): a ``rel=author`` link there is the site owner's profile badge
    ("jovelstefan on Google+"), not the post's byline."""
    if not outside_sidebars(tag):
        return True
    footer = False
    for node in tag.parents:
        if node.name == "article":
            footer = False  # an article's own footer holds its entry meta
        elif node.name == "footer":
            footer = True
    return footer


def comment_class(tag: Tag) -> bool:
    """A byline element marked as a comment's ("comment-byline"): a reader's, not the post's
    (comment regions that the thread finder missed)."""
    classes = tag.get("class")
    return isinstance(classes, list) and any("comment" in c.lower() for c in classes)


def marked_text(tag: Tag) -> str:
    """``tag_text`` with ``LINK_MARK`` around each link's text: a byline's name stops where a
    link starts or ends, unless the link is the name ("By <a>Ann</a>"); and ``BREAK_MARK``
    where a line ends (``<br>``, a block) or two elements' texts touch with no space between
    ("By Ann Lee<br>ESPN.com", "<span>Ann Lee</span><span>ESPN.com</span>")."""
    pieces: list[str] = []
    edge = False  # an element starts or ends since the last text
    last = ""  # the last text

    def walk(node: Tag) -> None:
        nonlocal edge, last
        for child in node.children:
            if type(child) is NavigableString:
                text = str(child)
                if edge and text[:1].strip() and last[-1:].strip():
                    pieces.append(BREAK_MARK)
                if text:
                    pieces.append(text)
                    edge, last = False, text
            elif isinstance(child, Tag) and child.name not in ("script", "style"):
                mark = child.name in MARKED_ELEMENTS
                line = child.name in LINE_BREAKS
                if mark or line:
                    pieces.append(LINK_MARK if mark else BREAK_MARK)
                edge = True
                walk(child)
                edge = True
                if mark or line:
                    pieces.append(LINK_MARK if mark else BREAK_MARK)

    walk(tag)
    return _WS.sub(" ", " ".join(pieces)).strip()


#: Elements that hold a name, read when the text just before them is a "By" word.
NAME_ELEMENTS = ".author, .vcard"
#: Class words for the author in other languages: the name is the element's first
#: ``strong``/``b``/``a``, else its first ``|`` segment ("Ann Lee | Palma | 08/01/2014").
LOCAL_AUTHOR_SELECTORS: tuple[str, ...] = (
    ".autor", ".auteur", ".autore", ".firma", ".verfasser", ".forfatter", ".forfattare",
)
#: Inline elements that hold a name printed after a by-word.
NAME_HOLDERS = frozenset({"a", "span", "strong", "b", "em", "i", "cite"})


def name_after_by(index: TreeIndex, skip: frozenset[int]) -> str:
    """``By <span class="author vcard"><a>NAME</a></span>``: a name element after "By"."""
    for tag in index.select(NAME_ELEMENTS, limit=10):
        if skip and inside(tag, skip):
            continue
        name = clean_name(tag_text(tag))
        if looks_like_name(name) and BY_WORD_END.search(_text_before(tag)):
            return name
    return ""


def name_element_after(string: NavigableString, text: str, skip: frozenset[int]) -> str:
    """``Posted by <a>NAME</a>`` near the headline: a string that is only a by-word (after
    "Posted", "Written"...) and the text of the inline element right after it."""
    end = BY_WORD_END.search(text)
    if end is None or BYLINE_VERB.sub("", text[: end.start()]).strip(LEAD_NOISE):
        return ""
    for node in string.next_elements:
        if isinstance(node, Tag) and node.name not in NAME_HOLDERS:
            return ""  # a line break or a block: nothing on the by-word's line
        if type(node) is NavigableString and str(node).strip():
            holder = node.parent
            name = clean_name(str(node))
            if holder is None or holder.name not in NAME_HOLDERS or holder is string.parent:
                return ""
            link = holder if holder.name == "a" else holder.find_parent("a")
            if (link is not None and not_author_link(link, readers=False)) or outside_post(
                holder, skip
            ):
                return ""  # a reader's signature ("Posted by: <a rel=nofollow>")
            return name if looks_like_name(name, handles=True) else ""
    return ""


def _text_before(tag: Tag) -> str:
    """The last non-blank text before ``tag`` in document order."""
    for node in tag.previous_elements:
        if type(node) is NavigableString and str(node).strip():
            return str(node)
        if isinstance(node, Tag) and node.name in ("p", "div", "h1", "h2", "h3", "li", "td"):
            return ""  # a block boundary: nothing introduces the name
    return ""


def local_author_class(index: TreeIndex, skip: frozenset[int]) -> str:
    for selector in LOCAL_AUTHOR_SELECTORS:
        for tag in index.select(selector, limit=3):
            if skip and inside(tag, skip):
                continue
            marked = tag.find(("strong", "b", "a"))
            text = tag_text(marked) if isinstance(marked, Tag) else ""
            name = clean_name(text or tag_text(tag).split("|")[0])
            if looks_like_name(name):
                return name
    return ""


#: Comments that the platform marks as written by the post's author: WordPress core adds
#: ``bypostauthor`` to the comment item, Blogger an icon ``.blog-author`` beside the name.
OWN_COMMENT_ITEMS = ("li.bypostauthor", "article.bypostauthor", "div.bypostauthor")
OWN_COMMENT_NAMES = (".fn", "cite", ".comment-author-name", ".authorname")


def own_comment_author(index: TreeIndex) -> str | None:
    """The post author's name as shown on their own replies in the thread: the last resort
    for themes that print no byline (the post author answering readers is common)."""
    for selector in OWN_COMMENT_ITEMS:
        for item in index.select(selector, limit=3):
            for names in OWN_COMMENT_NAMES:
                tag = item.select_one(names)
                name = clean_name(tag_text(tag)) if tag is not None else ""
                if name:
                    return name
    for icon in index.select(".blog-author", limit=3):
        header = icon.parent
        cite = header.find("cite") if header is not None and icon.name == "span" else None
        name = clean_name(tag_text(cite)) if isinstance(cite, Tag) else ""
        if name:
            return name
    return None
