"""Comment furniture: the parts of a page that belong to the comment system, comments or not.

A post with no comment yet still shows the comment heading ("Comments", "Leave a Reply"), an
empty list container, the comment form ("Name / Email (not published) / Website / Comment") and,
for script-loaded systems, a mount point. None of it is the post: if it stayed in the body, the
first comment to arrive would change the body and make a spurious new version of the post. So
these elements are handed back as regions (to drop from the body) whatever the extractors found:

* containers named by any comment system's region selectors (``#comments``, ``#respond``,
  ``.comments-area``, ``#disqus_thread``...), when they hold little text besides forms;
* comment forms: a form with a textarea and name/email fields, or one whose names say
  "comment"; each is widened to the container that holds only it and a heading;
* comment headings (:data:`COMMENT_HEADING`) that a form or container of the above follows.

Nothing here is keyed to a site: only to the markup comment systems share.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from scraper.parse.comments.fields import outside_sidebars
from scraper.parse.comments.select import PageIndex

__all__ = [
    "COMMENT_HEADING",
    "comment_forms",
    "furniture",
    "heading_element",
    "heading_strings",
    "outermost",
]

#: Headings that open a comment area, in the supported languages.
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|ein|eine|un|une|uno|una)"
COMMENT_HEADING = re.compile(
    r"^\s*(?:" + _COUNT + r"\s+)?(?:comments?|responses?|replies|reactions?|discussion|"
    r"kommentare?|commentaires?|réactions?|comentarios?|comentários?|commenti|reacties|"
    r"opmerkingen|reader comments|leserkommentare|" + _COUNT + r" thoughts? on .{1,120})"
    r"\s*:?\s*(?:\(\d+\))?\s*$",
    re.I,
)
#: Elements whose own text can be a comment heading ("Comments", "3 Responses").
HEADING_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b", "dt", "legend",
     "header", "th", "td", "li", "em", "font", "label"}
)  # fmt: skip
MAX_HEADING_CHARS = 200
#: Containers that comment systems (native, hosted, script-loaded) put around their list and
#: form, and notices that stand in for an empty list.
FURNITURE_SELECTORS = (
    "#comments, #respond, .comment-respond, #reply-title, #commentform, .comments-area, "
    "#comments-title, .comments-title, .comment-list, .commentlist, #comment-list, .comments, "
    ".comment-form, #comment-form, .comment-wrapper, #comment-holder, #comments-block, "
    ".nocomments, .no-comments, .comments-closed, .formulaire_forum, #formulaire_forum, "
    "#wpdcom, #disqus_thread, #dsq-content, #livefyre, #lf_comments, .fb-comments, "
    ".comments-section, #discussion, #ghost-comments-root, #commento, #remark42, "
    "#isso-thread, .utterances, .giscus, #hyvor-talk-view, #cusdis_thread, #idc-container, "
    ".jetpack-comments, .webmentions"
)
#: Words in a form's id, class, action or field names that make it a comment form.
COMMENT_FORM_WORDS = re.compile(r"comment|kommentar|respond|reply|cmt|forum|guestbook", re.I)
#: Field names (name, id) of a commenter's name and e-mail address.
NAME_FIELD = re.compile(r"name|author|nom|nick", re.I)
EMAIL_FIELD = re.compile(r"mail", re.I)
#: ...or the labels a form shows for them, when its field names say nothing ("nm", "em").
NAME_LABEL = re.compile(r"\b(?:name|nom|nombre|naam|nome)\b", re.I)
EMAIL_LABEL = re.compile(r"e-?mail|courriel|correo", re.I)
#: Words of comment headings, notices and containers ("Leave a Reply", "No comments yet",
#: "Kommentar schreiben", ``div.comment-list``).
COMMENT_WORDS = re.compile(
    r"comment|kommentar|coment|reply|respon|répon|antwort|reacti|réacti|discussion|thoughts?\b|"
    r"reageer|reactie|forum",
    re.I,
)
#: Elements that never make a container more than furniture.
INERT_TAGS = frozenset({"script", "style", "noscript", "input", "br", "hr", "img", "button"})
#: A furniture container holds at most this much text outside its forms; a heading or notice
#: beside a form at most this much.
MAX_FURNITURE_CHARS = 400
MAX_ADDED_CHARS = 80
#: Furniture never holds the post's headline or the post itself.
POST_TAGS = ("h1", "article", "main", "body")


def heading_strings(index: PageIndex) -> list[NavigableString]:
    """Short strings, directly in heading-like elements, that name a comment area."""
    found = []
    for tag in index.named(HEADING_TAGS):
        for child in tag.contents:
            if (
                type(child) is NavigableString
                and len(child) <= MAX_HEADING_CHARS
                and COMMENT_HEADING.match(child)
            ):
                found.append(child)
    return found


def heading_element(string: NavigableString, index: PageIndex) -> Tag | None:
    """The element a heading string stands for: its parent, widened while the widening adds
    no text (``<h3><span>Comments</span></h3>`` -> the ``h3``)."""
    heading = string.parent
    if not isinstance(heading, Tag):
        return None
    size = len(string.strip()) + 12
    while (
        isinstance(heading.parent, Tag)
        and heading.parent.name not in ("body", "html", "[document]")
        and index.text_size(heading.parent, strip=True, cap=size) <= size
    ):
        heading = heading.parent
    return heading


def comment_forms(index: PageIndex) -> list[Tag]:
    """Forms where readers write comments (outside sidebars): a textarea, and either comment
    words in the form's names or both a name and an e-mail field."""
    out = []
    for form in index.select(index.soup, "form"):
        if not index.select(form, "textarea"):
            continue
        names = " ".join(
            str(t.get(attr) or "")
            for t in [form, *index.select(form, "input, textarea")]
            for attr in ("id", "name", "action")
        )
        names += " " + " ".join(form.get_attribute_list("class"))
        wordy = COMMENT_FORM_WORDS.search(names) is not None
        fields = " ".join(
            str(t.get("name") or t.get("id") or "") for t in index.select(form, "input")
        )
        labels = form.get_text(" ")
        asks = bool(NAME_FIELD.search(fields) or NAME_LABEL.search(labels)) and bool(
            EMAIL_FIELD.search(fields) or EMAIL_LABEL.search(labels)
        )
        if (wordy or asks) and outside_sidebars(form):
            out.append(form)
    return out


class _Posts:
    """Where the page's post-like elements are, to tell furniture from the post itself."""

    def __init__(self, index: PageIndex) -> None:
        self.index = index
        self.at = [index.position[id(t)] for t in index.select(index.soup, ", ".join(POST_TAGS))]

    def held_by(self, tag: Tag) -> bool:
        if tag.name in POST_TAGS:
            return True
        start = self.index.position.get(id(tag))
        if start is None:
            return tag.find(POST_TAGS) is not None
        i = bisect_right(self.at, start)
        return i < len(self.at) and self.at[i] <= self.index.end[start]


def _text_besides(tag: Tag, forms: list[Tag], index: PageIndex, cap: int) -> int:
    """Characters of text in ``tag`` outside the comment forms it holds (above ``cap``: some
    number above ``cap``)."""
    held = sum(
        index.text_size(form, strip=True)
        for form in forms
        if form is not tag and index.contains(tag, form)
    )
    return index.text_size(tag, strip=True, cap=cap + held) - held


def _is_furniture(node: object) -> bool:
    """True for a child that may sit beside a comment form in its container: nothing, a
    comment heading or notice ("Leave a Reply", "No comments yet"), or a comment list."""
    if isinstance(node, Tag):
        if node.name in INERT_TAGS:
            return True
        text = node.get_text(strip=True)
        if not text:
            return True
        words = " ".join([str(node.get("id") or ""), *node.get_attribute_list("class")])
        if COMMENT_WORDS.search(words) and len(text) <= MAX_FURNITURE_CHARS:
            return True
    elif type(node) is NavigableString:
        text = node.strip()
        if not text:
            return True
    else:
        return True  # HTML comments, doctype, CDATA
    return len(text) <= MAX_ADDED_CHARS and COMMENT_WORDS.search(text) is not None


def _widen(form: Tag, index: PageIndex, posts: _Posts) -> Tag:
    """The largest container of ``form`` that holds nothing but comment furniture."""
    best = form
    parent = form.parent
    while isinstance(parent, Tag) and parent.name not in ("body", "html", "[document]"):
        if posts.held_by(parent) or not all(
            child is best or _is_furniture(child) for child in parent.children
        ):
            break
        best, parent = parent, parent.parent
    return best


def _following(heading: Tag, regions: list[Tag], index: PageIndex) -> Tag | None:
    """The first region that starts after ``heading`` within its parent or grandparent."""
    at = index.position.get(id(heading))
    scope = heading.parent.parent if heading.parent is not None else None
    scope = scope if isinstance(scope, Tag) else heading.parent
    if at is None or not isinstance(scope, Tag):
        return None
    after = [r for r in regions if index.position.get(id(r), -1) > at and index.contains(scope, r)]
    return min(after, key=lambda r: index.position.get(id(r), 0)) if after else None


def _between(heading: Tag, region: Tag, index: PageIndex) -> list[Tag]:
    """The siblings between a heading and the form or list it opens ("Be the first to
    comment", an empty list), when they are only a notice's worth of text."""
    if heading.parent is not region.parent:
        return []
    out: list[Tag] = []
    size = 0
    for sibling in heading.find_next_siblings(True):
        if sibling is region:
            return out
        size += index.text_size(sibling, strip=True, cap=MAX_FURNITURE_CHARS - size)
        if size > MAX_FURNITURE_CHARS:
            return []
        out.append(sibling)
    return []


def outermost(tags: Iterable[Tag], index: PageIndex) -> list[Tag]:
    """``tags`` without duplicates and without those inside another, in document order."""
    unique = {id(t): t for t in tags}
    ordered = sorted(unique.values(), key=lambda t: index.position.get(id(t), 0))
    out: list[Tag] = []
    for tag in ordered:
        if not any(index.contains(kept, tag) for kept in out):
            out.append(tag)
    return out


def furniture(
    soup: BeautifulSoup, index: PageIndex, headings: list[NavigableString]
) -> list[Tag]:
    """The comment furniture of a page (see the module docstring), outermost first."""
    forms = comment_forms(index)
    posts = _Posts(index)
    regions = [_widen(form, index, posts) for form in forms]
    for tag in index.select(soup, FURNITURE_SELECTORS):
        if (
            _text_besides(tag, forms, index, MAX_FURNITURE_CHARS) <= MAX_FURNITURE_CHARS
            and not posts.held_by(tag)
            and outside_sidebars(tag)
        ):
            regions.append(tag)
    if regions:
        for string in headings:
            heading = heading_element(string, index)
            if (
                heading is not None
                and not posts.held_by(heading)
                and outside_sidebars(heading)
            ):
                opened = _following(heading, regions, index)
                if opened is not None:
                    regions.extend([heading, *_between(heading, opened, index)])
    return outermost(regions, index)
