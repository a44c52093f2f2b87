"""Fast CSS selection over one parsed page: an index built in a single pass.

``soup.select(selector)`` walks the whole tree for every selector; the parser tries hundreds of
selectors per page (platform tables, content selectors, date and author selectors), which made
selection the dominant cost. The index maps class names, ids, tag names and attribute names to
their elements (in document order) once; a selector is then matched only against the elements
that carry its rightmost class / id / attribute / tag name. soupsieve still does the matching, so
every selector means exactly what CSS says.

Elements removed from the tree after indexing (``decompose``) are skipped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from functools import lru_cache

import soupsieve as sv
from bs4 import BeautifulSoup
from bs4.element import Tag

from scraper.parse.selectors import chain_matches, exact_chains

__all__ = ["TreeIndex", "is_live"]

#: Combinators between compound selectors (outside brackets).
_COMBINATORS = re.compile(r"\s*[\s>+~]\s*(?![^\[]*\])")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_ATTR = re.compile(r"\[\s*([\w:-]+)")
_ATTR_BODY = re.compile(r"\[[^\]]*\]")
_NAME = re.compile(r"^([a-zA-Z][\w-]*)")
#: Split a selector list at top-level commas (not inside brackets or parentheses).
_SIBLING = re.compile(r"[+~](?![^\[]*\])")
_TOP_COMMA = re.compile(r",(?![^\[(]*[\])])")


def is_live(tag: Tag) -> bool:
    """True unless ``tag`` was decomposed or removed from the tree.

    Cheap on purpose: bs4's ``Tag.decomposed`` looks ``_decomposed`` up through ``__getattr__``
    on a live tag, which searches the whole subtree for a child element of that name.
    """
    return "_decomposed" not in tag.__dict__ and tag.parent is not None


@lru_cache(maxsize=4096)
def _compiled(selector: str) -> sv.SoupSieve | None:
    try:
        return sv.compile(selector)
    except Exception:  # an invalid selector in a table matches nothing rather than crashing
        return None


@lru_cache(maxsize=4096)
def _keys(selector: str) -> tuple[tuple[str, str] | None, ...]:
    """Index keys of each compound of a single (comma-free) selector, leftmost first.

    A compound's key is its id, else a class, else an attribute name, else its tag name; None
    for a compound with nothing indexable (``*``).
    """
    compounds = _COMBINATORS.split(re.sub(r":not\([^)]*\)", "", selector.strip()))
    return tuple(_compound_key(c) for c in compounds if c)


def _compound_key(compound: str) -> tuple[str, str] | None:
    bare = _ATTR_BODY.sub("[]", compound)  # ".org" in [itemtype*='schema.org/X'] is no class
    for kind, pattern in (("id", _ID), ("class", _CLASS), ("attr", _ATTR)):
        found = pattern.search(compound if kind == "attr" else bare)
        if found:
            return kind, found.group(1).lower() if kind == "attr" else found.group(1)
    found = _NAME.match(compound)
    return ("name", found.group(1).lower()) if found else None


class TreeIndex:
    """Class/id/tag/attribute index of one soup, for repeated CSS selection.

    Built once per page and shared by every extractor (the comment extractors' ``PageIndex``
    is a view of it). ``elements`` lists every element in document order; ``position`` maps an
    element's ``id()`` to its place in that list and ``end[i]`` is the place of element ``i``'s
    last descendant, so "is X inside Y" is two look-ups. ``buckets`` maps ``(kind, value)``
    keys (``("class", "comment")``, ``("id", "main")``, ``("attr", "href")``, ``("name",
    "p")``) to the positions of the elements carrying them, ascending.

    Args:
        soup: the parsed page.
        elements: its elements in document order, when the tree builder recorded them.
        ends: for each of ``elements``, the position of its last descendant (with ``elements``).
        buckets: the buckets of ``elements``, when the tree builder filed them as it went
            (with ``elements`` and ``ends``).
    """

    def __init__(
        self,
        soup: BeautifulSoup,
        elements: list[Tag] | None = None,
        ends: list[int] | None = None,
        buckets: dict[tuple[str, str], list[int]] | None = None,
    ) -> None:
        self.soup = soup
        if elements is None or ends is None or len(ends) != len(elements):
            elements, ends, buckets = list(soup.find_all(True)), None, None
        self.elements: list[Tag] = elements
        self.position: dict[int, int] = dict(
            zip(map(id, elements), range(len(elements)), strict=True)
        )
        self.end: list[int] = ends if ends is not None else self._ends()
        self._index = buckets if buckets is not None else _buckets(elements)
        self._class_names: list[tuple[str, list[int]]] | None = None  # made when first asked

    def _ends(self) -> list[int]:
        end = list(range(len(self.elements)))
        position = self.position
        for i in range(len(self.elements) - 1, -1, -1):
            parent = self.elements[i].parent
            j = position.get(id(parent)) if parent is not None else None
            if j is not None and end[i] > end[j]:
                end[j] = end[i]
        return end

    @property
    def buckets(self) -> Mapping[tuple[str, str], list[int]]:
        """Positions of the elements carrying each key, ascending (read-only by contract)."""
        return self._index

    def tags(self, *names: str) -> list[Tag]:
        """Every live element called one of ``names`` (``"a"``, ``"h2"``...), in document order.

        This replaces a full-tree ``find_all(name)`` walk with a look-up.
        """
        return self._live([("name", n) for n in names])

    def with_attr(self, name: str) -> list[Tag]:
        """Every live element that carries the attribute ``name``, in document order."""
        return self._live([("attr", name.lower())])

    def _live(self, keys: list[tuple[str, str]]) -> list[Tag]:
        buckets = [b for b in (self._index.get(k) for k in keys) if b]
        if not buckets:
            return []
        at = buckets[0] if len(buckets) == 1 else sorted(itertools.chain.from_iterable(buckets))
        # is_live, inlined: this runs for every element of the names asked for
        return [
            t
            for t in map(self.elements.__getitem__, at)
            if "_decomposed" not in t.__dict__ and t.parent is not None
        ]

    def with_names(self, pattern: re.Pattern[str]) -> list[Tag]:
        """Live elements whose class or id matches ``pattern``, in document order."""
        found: set[int] = set()
        for (kind, value), at in self._index.items():
            if kind in ("class", "id") and pattern.search(value):
                found.update(at)
        elements = self.elements
        return [t for t in (elements[i] for i in sorted(found)) if is_live(t)]

    def _ordered(self, found: dict[int, Tag], limit: int) -> list[Tag]:
        position = self.position
        ordered = sorted(found.values(), key=lambda t: position.get(id(t), 0))
        return ordered[:limit] if limit else ordered

    def select(self, selector: str, limit: int = 0) -> list[Tag]:
        """Elements matching ``selector`` in document order (at most ``limit`` if given)."""
        parts = [p.strip() for p in _TOP_COMMA.split(selector) if p.strip()]
        if len(parts) == 1:
            return self._select_one_part(parts[0], limit)
        found: dict[int, Tag] = {}
        for part in parts:
            for tag in self._select_one_part(part, 0):
                found[id(tag)] = tag
        return self._ordered(found, limit)

    def select_one(self, selector: str) -> Tag | None:
        """The first element matching ``selector``, or None."""
        found = self.select(selector, limit=1)
        return found[0] if found else None

    def select_below(self, scope: Tag, selector: str, limit: int = 0) -> list[Tag]:
        """``scope.select(selector)``: the matching elements below ``scope``, in document order.

        Answered from the index (a position-range check on the page-wide matches) while the tree
        is as built: for the read-only extractors. A ``scope`` the index does not know is
        searched by soupsieve.
        """
        at = self.position.get(id(scope))
        if at is None:
            return list(scope.select(selector, limit=limit))
        end, position = self.end[at], self.position
        found = [t for t in self.select(selector) if at < position.get(id(t), -1) <= end]
        return found[:limit] if limit else found

    def select_one_below(self, scope: Tag, selector: str) -> Tag | None:
        """``scope.select_one(selector)``, as :meth:`select_below` answers it."""
        found = self.select_below(scope, selector, limit=1)
        return found[0] if found else None

    def _select_one_part(self, selector: str, limit: int) -> list[Tag]:
        compiled = _compiled(selector)
        if compiled is None:
            return []
        keys = _keys(selector)
        if any(key is not None and key not in self._index for key in keys):
            return []  # some compound needs a class/id/attribute the page does not have
        last = keys[-1] if keys else None
        if last == ("attr", "class"):
            value = _class_text(selector)
            if value is not None:
                return self._filter(self._with_class_text(value), selector, compiled, limit)
        if last is not None and last[0] != "name":
            return self._filter(self._index[last], selector, compiled, limit)
        ancestors = [k for k in keys[:-1] if k is not None and k[0] != "name"]
        if ancestors and not _SIBLING.search(selector):
            # Search only below the rarest ancestor compound's elements.
            rarest = min(ancestors, key=lambda k: len(self._index[k]))
            found: dict[int, Tag] = {}
            for at in self._index[rarest]:
                scope = self.elements[at]
                if not is_live(scope):
                    continue
                for tag in compiled.select(scope):
                    found[id(tag)] = tag
            return self._ordered(found, limit)
        if last is not None:
            return self._filter(self._index[last], selector, compiled, limit)
        try:
            return list(compiled.select(self.soup, limit=limit))
        except Exception:
            return []

    def _with_class_text(self, value: str) -> list[int]:
        """Positions of the elements with a class name containing ``value``, ascending."""
        if self._class_names is None:
            self._class_names = [(v, b) for (k, v), b in self._index.items() if k == "class"]
        buckets = [bucket for name, bucket in self._class_names if value in name]
        if len(buckets) == 1:
            return buckets[0]
        return sorted(set(itertools.chain.from_iterable(buckets)))

    def _filter(
        self, candidates: list[int], selector: str, compiled: sv.SoupSieve, limit: int
    ) -> list[Tag]:
        """The live ``candidates`` matching ``selector``: in plain Python when it is simple,
        else by soupsieve (a fresh soupsieve matcher per element was most of the selection
        time; ``filter`` shares one)."""
        chains = exact_chains(selector)
        elements = self.elements
        if chains is None:  # one soupsieve matcher (and its caches) for all the candidates
            found = compiled.filter([t for t in map(elements.__getitem__, candidates)
                                     if is_live(t)])
            return found[:limit] if limit else found
        out: list[Tag] = []
        for at in candidates:
            tag = elements[at]
            if is_live(tag) and any(chain_matches(tag, chain) for chain in chains):
                out.append(tag)
                if limit and len(out) >= limit:
                    break
        return out


#: Tests of the class attribute's text that a class name holding the value satisfies.
_CLASS_TEXT_OPS = frozenset({"=", "^=", "*=", "$="})


@lru_cache(maxsize=4096)
def _class_text(selector: str) -> str | None:
    """The value of a simple selector's test of its element's class text (``[class*=byline]``).

    Such a test is met only by elements with a class name containing the value (when the
    value has no space: class names are joined by spaces), so those are the only candidates,
    instead of every element with a class.
    """
    chains = exact_chains(selector)
    if chains is None or len(chains) != 1:
        return None
    for name, op, value in chains[0][0][0].attrs:
        if name == "class" and op in _CLASS_TEXT_OPS and value and value.split() == [value]:
            return value
    return None


def _buckets(elements: list[Tag]) -> dict[tuple[str, str], list[int]]:
    """The index keys of every element, in one pass (see :class:`TreeIndex`).

    Each name, attribute name and class is looked up in the index once; its bucket list is
    then reached through a plain-string dict (no key tuple built per element).
    """
    index: dict[tuple[str, str], list[int]] = {}
    names: dict[str, list[int]] = {}
    attr_names: dict[str, list[int]] = {}
    classes: dict[str, list[int]] = {}
    for i, tag in enumerate(elements):
        at = names.get(tag.name)
        if at is None:
            at = names[tag.name] = index.setdefault(("name", tag.name), [])
        at.append(i)
        attrs = tag.attrs
        if not attrs:
            continue
        for attr, value in attrs.items():
            at = attr_names.get(attr)
            if at is None:
                at = attr_names[attr] = index.setdefault(("attr", attr.lower()), [])
            at.append(i)
            if attr == "class":
                for cls in value if isinstance(value, list) else str(value).split():
                    at = classes.get(cls)
                    if at is None:
                        at = classes[cls] = index.setdefault(("class", cls), [])
                    if not at or at[-1] != i:  # a class named twice is indexed once
                        at.append(i)
            elif attr == "id" and isinstance(value, str):
                index.setdefault(("id", value), []).append(i)
    return index
