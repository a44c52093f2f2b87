"""Text -> BeautifulSoup tree, about three times faster than ``BeautifulSoup(text, "lxml")``.

``BeautifulSoup(text, "lxml")`` was a third to a half of a page's parse time: lxml itself is
fast, but bs4's handling of each parser event (namespace book-keeping, string buffering, the
general-purpose ``Tag`` constructor) is not. Here the same lxml parser, with the same options,
reports the same events to a lean target that creates exactly the objects bs4 would: same
classes, attributes, string classes and links (``tests/test_parse_tree.py`` compares the two
trees node for node). So every extractor sees the tree it always saw.

What BeautifulSoup does to the parser's events, and is done the same way here:
- adjacent text events are joined; a whitespace-only string outside ``<pre>`` / ``<textarea>``
  becomes ``"\\n"`` or ``" "``;
- strings inside ``<script>``, ``<style>``, ``<template>``, ``<rt>``, ``<rp>`` get their special
  classes (so ``get_text()`` skips script and style text);
- ``class``-like attributes become lists; ``<meta charset>`` values become substitutable.

Garbage collection is paused while the tree is built (``paused_gc``): a page is thousands of
linked objects, and collecting them half-built only re-scans them.

Anything unusual (a parser error, a namespaced name) falls back to plain BeautifulSoup, so the
result is always the tree BeautifulSoup would have built.
"""

from __future__ import annotations

import gc
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple, cast

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from bs4.builder import TreeBuilder
from bs4.element import (
    AttributeValueWithCharsetSubstitution,
    Comment,
    Doctype,
    NavigableString,
    PageElement,
    PreformattedString,
    ProcessingInstruction,
    Tag,
    nonwhitespace_re,
)
from lxml import etree

__all__ = ["ParsedTree", "build_soup", "build_tree", "inner_html", "outer_html", "paused_gc"]

#: What BeautifulSoup treats as whitespace when collapsing whitespace-only strings.
_ASCII_SPACES = frozenset(BeautifulSoup.ASCII_SPACES)


class _Unsupported(Exception):
    """An event this builder does not reproduce: use BeautifulSoup itself."""


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (and resume it only if it was on).

    A parsed page is thousands of objects linked in cycles (parent <-> child). Collections
    triggered while it is built and read only re-scan the live tree; once the page is done, the
    whole tree is garbage and one young-generation collection frees it.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class ParsedTree(NamedTuple):
    """A parsed page and, when this builder made it, its elements as they were created.

    ``elements`` is every element in document order (``soup.find_all(True)``) and ``ends[i]``
    the position in it of element ``i``'s last descendant: what :class:`~.index.TreeIndex`
    would otherwise walk the tree again to learn. ``strings`` is every string node in document
    order. ``keys`` is :class:`~.index.TreeIndex`'s buckets (class, id, attribute and tag
    name -> element positions), filed as the elements were created. All four are None after a
    fallback to BeautifulSoup.
    """

    soup: BeautifulSoup
    elements: list[Tag] | None = None
    ends: list[int] | None = None
    strings: list[NavigableString] | None = None
    keys: dict[tuple[str, str], list[int]] | None = None

    def text(self, separator: str = " ") -> str:
        """``soup.get_text(separator)`` of the tree as built, from the recorded strings."""
        if self.strings is None:
            return self.soup.get_text(separator)
        types = self.soup.interesting_string_types or Tag.MAIN_CONTENT_STRING_TYPES
        return separator.join([s for s in self.strings if type(s) in types])

    def dismantle(self) -> None:
        """Unlink every node of the tree, so that reference counting frees it at once.

        A tree is thousands of objects in parent <-> child cycles, which otherwise wait for
        the cyclic garbage collector to traverse them all. Only for a tree nobody reads again
        (strings taken from it stay valid as strings). No-op after a fallback to BeautifulSoup.
        """
        if self.elements is None or self.strings is None:
            return
        for element in self.elements:
            element.__dict__.clear()
        for string in self.strings:
            string.__dict__.clear()
        self.soup.__dict__.clear()
        # Dropped here, not when the caller lets go of the tree: the caller may re-enable the
        # garbage collector first, whose next run would traverse all these (emptied) nodes.
        self.elements.clear()
        self.strings.clear()
        if self.keys is not None:
            self.keys.clear()


def build_soup(text: str) -> BeautifulSoup:
    """Parse ``text`` as HTML into the tree ``BeautifulSoup(text, "lxml")`` would build.

    Never warns: an XHTML page or a feed handed over as HTML is parsed as HTML, silently (the
    crawler cannot know beforehand, and a warning on stderr is noise to a CLI user).
    """
    return build_tree(text).soup


def build_tree(text: str) -> ParsedTree:
    """:func:`build_soup`, with the element order recorded while building (see ParsedTree)."""
    with paused_gc():
        try:
            return _parse(text)
        except (_Unsupported, etree.LxmlError, UnicodeError, LookupError, ValueError, TypeError):
            return ParsedTree(_plain_soup(text))


def _parse(text: str) -> ParsedTree:
    soup = BeautifulSoup("", "lxml")
    if text[:1] == "\N{BYTE ORDER MARK}":
        text = text[1:]  # as bs4 does (lxml bug 1948551)
    events = _Target(soup)
    # The stubs type event values as str | bytes; for a str document lxml reports str.
    target = cast("etree.ParserTarget", events)
    parser = etree.HTMLParser(target=target, recover=True, huge_tree=False, encoding=None)
    parser.feed(text)
    parser.close()
    return ParsedTree(soup, events.elements, events.ends, events.strings, events.keys)


def _plain_soup(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(text, "lxml")


#: Per element name: the Tag instance-dict prototype, the string class, list-valued attributes,
#: whether whitespace is kept inside it, and the positions of the elements of that name.
_NameInfo = tuple[dict[str, Any], type[NavigableString] | None, frozenset[str], bool, list[int]]


class _Target:
    """lxml parser target: the events bs4's lxml builder gets, turned into bs4 objects.

    Objects are created without their constructors (``__new__`` plus the instance dict the
    constructor would have filled), which is where most of the time goes in bs4.
    """

    def __init__(self, soup: BeautifulSoup) -> None:
        builder: TreeBuilder = soup.builder
        self.soup = soup
        self.builder = builder
        self.attrs_class = builder.attribute_dict_class
        self.list_class = builder.attribute_value_list_class
        self.containers = builder.string_containers
        self.preserve = builder.preserve_whitespace_tags
        self.cdata_lists = builder.cdata_list_attributes or {}
        self.universal = self.cdata_lists.get("*", set())
        self.namespaces = dict(builder.DEFAULT_NSMAPS)  # type: ignore[attr-defined]
        self.prev: PageElement | None = None
        self.parent: Tag = soup
        self.contents: list[PageElement] = soup.contents
        self.stack: list[tuple[Tag, list[PageElement], int, type[NavigableString], int]] = []
        self.keep_space = 0
        self.string_class: type[NavigableString] = NavigableString
        self.pending: list[str] = []
        # lxml calls ``data`` for every text event: the list's own append, no Python frame.
        self.data: Callable[[str], None] = self.pending.append
        self.elements: list[Tag] = []
        self.ends: list[int] = []
        self.strings: list[NavigableString] = []
        self.names: dict[str, _NameInfo] = {}
        self.tokens: dict[str, tuple[str, ...]] = {}  # class="a b" -> ("a", "b"), per value
        self.keys: dict[tuple[str, str], list[int]] = {}  # TreeIndex's buckets, as built
        self.attr_names: dict[str, list[int]] = {}
        self.classes: dict[str, list[int]] = {}

    def start(self, name: str, attrib: dict[str, str], nsmap: Any = None) -> None:
        if self.pending:
            self._flush()
        known = self.names.get(name)
        if known is None:
            known = self.names[name] = self._name_info(name)
        proto, special, list_attrs, preserve, at_name = known
        at = len(self.elements)
        at_name.append(at)
        if attrib:  # lxml's own dict: list values go in directly (no AttributeDict.__setitem__)
            for key in list_attrs:
                if key in attrib:
                    value = attrib[key]
                    tokens = self.tokens.get(value)
                    if tokens is None:
                        tokens = self.tokens[value] = tuple(nonwhitespace_re.findall(value))
                    attrib[key] = self.list_class(tokens)  # type: ignore[assignment]
            self._index_attrs(attrib, at)
        attrs = self.attrs_class(attrib)
        children: list[PageElement] = []
        contents = self.contents
        last = contents[-1] if contents else None
        prev = self.prev
        tag = Tag.__new__(Tag)
        fields = proto.copy()  # the constructor's instance dict, minus what varies per element
        fields["attrs"] = attrs
        fields["contents"] = children
        fields["parent"] = self.parent
        fields["previous_element"] = prev
        fields["previous_sibling"] = last
        if special:
            fields["interesting_string_types"] = {special}
        tag.__dict__ = fields
        if prev is not None:
            prev.next_element = tag
        if last is not None:
            last.next_sibling = tag
        contents.append(tag)
        self.prev = tag
        self.elements.append(tag)
        self.ends.append(at)
        if attrs and name == "meta":
            self.builder.set_up_substitutions(tag)
        self.stack.append((self.parent, contents, self.keep_space, self.string_class, at))
        self.parent = tag
        self.contents = children
        if preserve:
            self.keep_space += 1
        if special:
            self.string_class = special

    def _index_attrs(self, attrib: dict[str, Any], at: int) -> None:
        """File element ``at`` under its attribute names, classes and id (as ``_buckets`` in
        :mod:`~.index` does, while the element is at hand)."""
        for attr, value in attrib.items():
            bucket = self.attr_names.get(attr)
            if bucket is None:
                bucket = self.attr_names[attr] = self.keys.setdefault(("attr", attr.lower()), [])
            bucket.append(at)
            if attr == "class":
                classes = self.classes
                for cls in value if isinstance(value, list) else str(value).split():
                    bucket = classes.get(cls)
                    if bucket is None:
                        bucket = classes[cls] = self.keys.setdefault(("class", cls), [])
                    if not bucket or bucket[-1] != at:  # a class named twice is filed once
                        bucket.append(at)
            elif attr == "id" and isinstance(value, str):
                self.keys.setdefault(("id", value), []).append(at)

    def _name_info(self, name: str) -> _NameInfo:
        """Per element name: its instance-dict prototype, string class, list-valued attributes."""
        if name[:1] == "{":
            raise _Unsupported("namespaced element")
        special = self.containers.get(name)
        proto = {
            "parser_class": BeautifulSoup, "name": name, "namespace": None,
            "_namespaces": self.namespaces, "prefix": None, "sourceline": None,
            "sourcepos": None, "attribute_value_list_class": self.list_class,
            "attrs": None, "known_xml": False, "contents": None,
            "parent": None, "previous_element": None, "next_element": None,
            "previous_sibling": None, "next_sibling": None, "hidden": False,
            "can_be_empty_element": self.builder.can_be_empty_element(name),
            "cdata_list_attributes": self.cdata_lists,
            "preserve_whitespace_tags": self.preserve,
            "interesting_string_types": Tag.MAIN_CONTENT_STRING_TYPES,
        }
        list_attrs = frozenset(self.universal) | frozenset(self.cdata_lists.get(name, ()))
        at_name = self.keys.setdefault(("name", name), [])
        return proto, special, list_attrs, name in self.preserve, at_name

    def end(self, name: str) -> None:
        if self.pending:
            self._flush()
        if not self.stack or self.parent.name != name:
            raise _Unsupported("unbalanced end tag")  # bs4 would search its stack for it
        self.parent, self.contents, self.keep_space, self.string_class, at = self.stack.pop()
        self.ends[at] = len(self.elements) - 1

    def comment(self, text: str) -> None:
        self._leaf(text, Comment)

    def doctype(self, name: str, pubid: str, system: str) -> None:
        self._leaf(Doctype._string_for_name_and_ids(name, pubid, system), Doctype)

    def pi(self, target: str, data: str) -> None:
        self._leaf(target + " " + data, ProcessingInstruction)

    def close(self) -> BeautifulSoup:
        if self.pending:
            self._flush()
        self.soup._most_recent_element = self.prev
        for *_, at in self.stack:  # elements never closed end with the document
            self.ends[at] = len(self.elements) - 1
        return self.soup

    def _leaf(self, value: str, cls: type[NavigableString]) -> None:
        if self.pending:
            self._flush()
        self.pending.append(value)
        self._flush(cls)

    def _flush(self, cls: type[NavigableString] | None = None) -> None:
        """The text gathered since the last tag or comment becomes one string, as in bs4."""
        pending = self.pending
        value = pending[0] if len(pending) == 1 else "".join(pending)
        pending.clear()
        if not self.keep_space and _ASCII_SPACES.issuperset(value):
            value = "\n" if "\n" in value else " "
        node = str.__new__(cls or self.string_class, value)
        contents = self.contents
        last = contents[-1] if contents else None
        prev = self.prev
        node.__dict__ = {
            "hidden": False, "parent": self.parent, "previous_element": prev,
            "next_element": None, "previous_sibling": last, "next_sibling": None,
        }
        if prev is not None:
            prev.next_element = node
        if last is not None:
            last.next_sibling = node
        contents.append(node)
        self.prev = node
        self.strings.append(node)


# ------------------------------------------------------------------ serialising

#: Elements whose strings bs4's "minimal" formatter writes out unescaped.
_RAW_TEXT_PARENTS = frozenset({"script", "style"})


def outer_html(root: Tag) -> str:
    """``str(root)``: the element as bs4 writes it (``decode()``, the "minimal" formatter).

    Same text, character for character (``tests/test_parse_tree.py`` compares the two), about
    three times faster: bs4 drives a generator of events and a formatter object per node.
    Attributes sorted by name; ``&``, ``<``, ``>`` escaped in text and attribute values (not in
    ``<script>`` / ``<style>`` text); void elements closed as ``<br/>``; comments and other
    preformatted strings written with their delimiters, unescaped.
    """
    pieces: list[str] = []
    append = pieces.append
    if _open_tag(root, append):
        _write_contents(root, append)
        if not root.hidden:
            append(_end_tag(root))
    return "".join(pieces)


def inner_html(root: Tag) -> str:
    """``root.decode_contents()``: what :func:`outer_html` writes between the element's tags."""
    pieces: list[str] = []
    _write_contents(root, pieces.append)
    return "".join(pieces)


def _write_contents(root: Tag, append: Callable[[str], None]) -> None:
    stack = [(root, iter(root.contents))]
    while stack:
        tag, children = stack[-1]
        for child in children:
            if isinstance(child, Tag):
                if _open_tag(child, append):
                    stack.append((child, iter(child.contents)))
                    break
            elif isinstance(child, PreformattedString):
                append(child.PREFIX + child + child.SUFFIX)
            elif tag.name in _RAW_TEXT_PARENTS:
                append(str(child))
            else:
                append(_escape(cast(NavigableString, child)))
        else:
            stack.pop()
            if stack and not tag.hidden:  # the root's own end tag is the caller's
                append(_end_tag(tag))


def _end_tag(tag: Tag) -> str:
    return f"</{tag.prefix}:{tag.name}>" if tag.prefix else f"</{tag.name}>"


def _open_tag(tag: Tag, append: Callable[[str], None]) -> bool:
    """Write ``tag``'s start tag; False when it is an empty (void) element, with no end tag."""
    empty = not tag.contents and tag.can_be_empty_element is True
    if tag.hidden:
        return not empty
    name = f"{tag.prefix}:{tag.name}" if tag.prefix else tag.name
    attrs = tag.attrs
    if attrs:
        parts = [name]
        for key, given in sorted(attrs.items()):
            value: object = given  # anything a caller set, as bs4 writes it
            if value is None:
                parts.append(key)
                continue
            if isinstance(value, (list, tuple)):
                value = " ".join(value)
            elif not isinstance(value, str):
                value = str(value)
            elif isinstance(value, AttributeValueWithCharsetSubstitution):
                value = value.substitute_encoding("utf-8")
            parts.append(f"{key}={_quoted(_escape(value))}")
        name = " ".join(parts)
    append(f"<{name}/>" if empty else f"<{name}>")
    return not empty


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return str(text)


def _quoted(value: str) -> str:
    """An attribute value in quotes, as bs4 quotes it."""
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'
