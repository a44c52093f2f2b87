"""Page furniture: what is never article text, by tag, ARIA role and class/id words.

Shared by the body extractor (which removes furniture) and the candidate scorer (which scores
class/id words up or down). :class:`Lengths` holds every element's text and link-text length,
computed in one bottom-up pass, so link density costs nothing per lookup.
"""

from __future__ import annotations

import re

from bs4.element import NavigableString, Tag

from scraper.parse.walk import tags_below

__all__ = [
    "BOILERPLATE_TEXT", "FURNITURE_TAGS", "STRIPPED_TAGS", "Lengths", "class_id", "class_weight",
    "is_furniture", "is_hidden",
]  # fmt: skip

#: Elements removed everywhere before scoring (never article text).
STRIPPED_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "select", "button", "textarea", "input", "nav", "dialog", "link", "meta",
)
#: Landmarks that are page furniture; removed unless they hold the chosen content.
FURNITURE_TAGS: tuple[str, ...] = ("header", "footer", "aside", "menu")
FURNITURE_ROLES: frozenset[str] = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"}
)

#: Phrase-level elements, never furniture inside the prose elements below.
PHRASE_TAGS: frozenset[str] = frozenset(
    {"a", "span", "em", "strong", "i", "b", "abbr", "code", "small", "sup", "sub", "mark", "q"}
)
PROSE_TAGS: frozenset[str] = frozenset({"p", "blockquote", "dd"})

#: class/id words that mark furniture (removed) and content (kept, scored up).
NEGATIVE = re.compile(
    r"(^|[-_\s])(sidebar|widget|share|sharing|social|sociable|related|recommend|comment|comments|"
    r"respond|reply|footer|foot|masthead|nav|navbar|navigation|menu|breadcrumbs?|cookie|consent|"
    r"newsletter|subscribe|subscription|signup|popup|modal|promo|sponsor|advert|ads?|banner|"
    r"pagination|pager|tagcloud|taglist|author-?box|author-bio|about-author|"
    r"entry-footer|share-?bar|toolbar|"
    r"shoutbox|disqus|jp-relatedposts|sharedaddy|yarpp|rating|prev|next|navlinks?|"
    r"post-navigation|most-popular|popular|recent|archive|archives|categories|"
    r"search|login|overlay|outbrain|taboola|lightbox|tooltip)([-_\s]|$)",
    re.I,
)
POSITIVE = re.compile(
    r"(^|[-_\s])(article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|"
    r"articlebody|post-body|entry-content|post-content|story-body|markup|prose|rte)([-_\s]|$)",
    re.I,
)
#: Text that marks a block as boilerplate wherever it appears (short blocks only).
BOILERPLATE_TEXT = re.compile(
    r"^(share( this)?( post| article)?|teilen|partager|tweet|pin it|print|drucken|"
    r"related posts?|you (may|might) also like|ähnliche beiträge|leave a (reply|comment)|"
    r"post navigation|beitragsnavigation|previous post|next post|read more|weiterlesen|"
    r"subscribe|abonnieren|newsletter)\b",
    re.I,
)
#: How much a positive or negative class/id word moves a candidate's score.
CLASS_WEIGHT = 25.0
#: An id of this many words or more is a heading's anchor ("sharing-with-a-single-developer"),
#: written from the section's title, not a name for the element's role.
ANCHOR_ID_WORDS = 4
_ID_WORD_SEP = re.compile(r"[-_\s]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class Lengths:
    """Text and link-text length of every element, computed in one bottom-up pass."""

    def __init__(self, root: Tag) -> None:
        self.text: dict[int, int] = {}
        self.links: dict[int, int] = {}
        for tag in reversed([root, *tags_below(root)]):
            total = links = 0
            for child in tag.contents:
                if isinstance(child, Tag):
                    total += self.text.get(id(child), 0)
                    links += self.links.get(id(child), 0)
                elif isinstance(child, NavigableString) and type(child) is NavigableString:
                    total += len(child.strip())
            self.text[id(tag)] = total
            self.links[id(tag)] = total if tag.name == "a" else links

    def copy(self) -> Lengths:
        copied = Lengths.__new__(Lengths)
        copied.text, copied.links = dict(self.text), dict(self.links)
        return copied

    def forget(self, tag: Tag) -> None:
        """Take ``tag``'s text out of its ancestors' lengths: call it just before ``tag`` is
        removed, and the lengths stay those of the tree without it (the entries of removed
        elements themselves go stale: look up only elements still in the tree)."""
        text, links = self.text.get(id(tag), 0), self.links.get(id(tag), 0)
        node = tag.parent
        while node is not None and id(node) in self.text:
            key = id(node)
            self.text[key] -= text
            before = self.links[key]
            self.links[key] = self.text[key] if node.name == "a" else before - links
            links = before - self.links[key]
            node = node.parent

    def density(self, tag: Tag) -> float:
        """Share of the element's text that is link text."""
        total = self.text.get(id(tag), 0)
        return self.links.get(id(tag), 0) / total if total else 0.0


def is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return isinstance(style, str) and bool(_HIDDEN_STYLE.search(style))


def class_id(tag: Tag) -> str:
    classes = tag.get("class")
    ident = tag.get("id")
    parts: list[str] = [str(c) for c in classes] if isinstance(classes, list) else []
    if isinstance(ident, str) and len(_ID_WORD_SEP.split(ident.strip("-_ "))) < ANCHOR_ID_WORDS:
        parts.append(ident)
    return " ".join(parts)


def class_weight(tag: Tag) -> float:
    names = class_id(tag)
    if not names:
        return 0.0
    weight = 0.0
    if NEGATIVE.search(names):
        weight -= CLASS_WEIGHT
    if POSITIVE.search(names):
        weight += CLASS_WEIGHT
    return weight


def is_furniture(tag: Tag) -> bool:
    if tag.name in FURNITURE_TAGS:
        return True
    if tag.name in PHRASE_TAGS and tag.parent is not None and tag.parent.name in PROSE_TAGS:
        return False  # words of a sentence ("<a class=popup>"), whatever their class says
    role = tag.get("role")
    if isinstance(role, str) and role.lower() in FURNITURE_ROLES:
        return True
    names = class_id(tag)
    return bool(names) and bool(NEGATIVE.search(names)) and not POSITIVE.search(names)

