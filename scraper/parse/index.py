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

import re
from functools import lru_cache

import soupsieve as sv
from bs4 import BeautifulSoup
from bs4.element import Tag

__all__ = ["TreeIndex", "is_live"]

#: Combinators between compound selectors (outside brackets).
_COMBINATORS = re.compile(r"\s*[\s>+~]\s*(?![^\[]*\])")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_ATTR = re.compile(r"\[\s*([\w:-]+)")
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
    for kind, pattern in (("id", _ID), ("class", _CLASS), ("attr", _ATTR)):
        found = pattern.search(compound)
        if found:
            return kind, found.group(1).lower() if kind == "attr" else found.group(1)
    found = _NAME.match(compound)
    return ("name", found.group(1).lower()) if found else None


class TreeIndex:
    """Class/id/tag/attribute index of one soup, for repeated CSS selection."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self.position: dict[int, int] = {}
        self._index: dict[tuple[str, str], list[Tag]] = {}
        for i, tag in enumerate(soup.find_all(True)):
            self.position[id(tag)] = i
            self._add(("name", tag.name), tag)
            for attr, value in tag.attrs.items():
                self._add(("attr", attr.lower()), tag)
                if attr == "class":
                    for cls in value if isinstance(value, list) else str(value).split():
                        self._add(("class", cls), tag)
                elif attr == "id" and isinstance(value, str):
                    self._add(("id", value), tag)

    def _add(self, key: tuple[str, str], tag: Tag) -> None:
        bucket = self._index.get(key)
        if bucket is None:
            self._index[key] = [tag]
        else:
            bucket.append(tag)

    def tags(self, *names: str) -> list[Tag]:
        """Every live element called one of ``names`` (``"a"``, ``"h2"``...), in document order.

        This replaces a full-tree ``find_all(name)`` walk with a look-up.
        """
        return self._live([("name", n) for n in names])

    def with_attr(self, name: str) -> list[Tag]:
        """Every live element that carries the attribute ``name``, in document order."""
        return self._live([("attr", name.lower())])

    def _live(self, keys: list[tuple[str, str]]) -> list[Tag]:
        buckets = [self._index.get(k, []) for k in keys]
        found = [t for b in buckets for t in b if is_live(t)]
        if len([b for b in buckets if b]) > 1:
            found.sort(key=lambda t: self.position.get(id(t), 0))
        return found

    def with_names(self, pattern: re.Pattern[str]) -> list[Tag]:
        """Live elements whose class or id matches ``pattern``, in document order."""
        found: dict[int, Tag] = {}
        for (kind, value), tags in self._index.items():
            if kind in ("class", "id") and pattern.search(value):
                found.update((id(t), t) for t in tags if is_live(t))
        return sorted(found.values(), key=lambda t: self.position.get(id(t), 0))

    def select(self, selector: str, limit: int = 0) -> list[Tag]:
        """Elements matching ``selector`` in document order (at most ``limit`` if given)."""
        parts = [p.strip() for p in _TOP_COMMA.split(selector) if p.strip()]
        if len(parts) == 1:
            return self._select_one_part(parts[0], limit)
        found: dict[int, Tag] = {}
        for part in parts:
            for tag in self._select_one_part(part, 0):
                found[id(tag)] = tag
        ordered = sorted(found.values(), key=lambda t: self.position.get(id(t), 0))
        return ordered[:limit] if limit else ordered

    def select_one(self, selector: str) -> Tag | None:
        """The first element matching ``selector``, or None."""
        found = self.select(selector, limit=1)
        return found[0] if found else None

    def _select_one_part(self, selector: str, limit: int) -> list[Tag]:
        compiled = _compiled(selector)
        if compiled is None:
            return []
        keys = _keys(selector)
        if any(key is not None and key not in self._index for key in keys):
            return []  # some compound needs a class/id/attribute the page does not have
        last = keys[-1] if keys else None
        if last is not None and last[0] != "name":
            return self._filter(self._index[last], compiled, limit)
        ancestors = [k for k in keys[:-1] if k is not None and k[0] != "name"]
        if ancestors and not _SIBLING.search(selector):
            # Search only below the rarest ancestor compound's elements.
            rarest = min(ancestors, key=lambda k: len(self._index[k]))
            found: dict[int, Tag] = {}
            for scope in self._index[rarest]:
                if not is_live(scope):
                    continue
                for tag in compiled.select(scope):
                    found[id(tag)] = tag
            ordered = sorted(found.values(), key=lambda t: self.position.get(id(t), 0))
            return ordered[:limit] if limit else ordered
        if last is not None:
            return self._filter(self._index[last], compiled, limit)
        try:
            return list(compiled.select(self.soup, limit=limit))
        except Exception:
            return []

    @staticmethod
    def _filter(candidates: list[Tag], compiled: sv.SoupSieve, limit: int) -> list[Tag]:
        out: list[Tag] = []
        for tag in candidates:
            if not is_live(tag):
                continue
            if compiled.match(tag):
                out.append(tag)
                if limit and len(out) >= limit:
                    break
        return out
