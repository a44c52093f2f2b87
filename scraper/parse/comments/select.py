"""Fast CSS selection for the comment extractors: one pass over the tree, then cheap lookups.

Comment extraction runs dozens of selectors per page and, worse, a handful of selectors *inside
every comment item* (author, date, text). soupsieve walks the subtree each time, which made it
the dominant cost. :class:`PageIndex` records every element's document position, the position of
its last descendant, and buckets of positions by class, id, attribute name and tag name. A simple
selector (tags, ``#id``, ``.class``, ``[attr]``, ``[attr=v]``, ``[attr^=v]``, ``[attr*=v]``,
``[attr$=v]``, descendant and ``>`` combinators, comma lists) is then answered from the bucket of
its rightmost compound, cut to the scope's position range by bisection, and checked by walking
parents (:mod:`scraper.parse.selectors`). Anything else (``:has()``, sibling combinators) falls
back to soupsieve, so a selector always means what CSS says.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from bs4 import BeautifulSoup
from bs4.element import Tag

from scraper.parse.index import TreeIndex
from scraper.parse.selectors import Chain, chain_matches, compile_selector

__all__ = ["PageIndex", "compile_selector"]

_CLASS_TOKEN = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID_TOKEN = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_NEGATION = re.compile(r":not\([^)]*\)")
_ALTERNATIVES = re.compile(r":(?:is|where|matches|any)\(")
_BRACKETS = re.compile(r"\[[^\]]*\]")


class PageIndex:
    """Positions and buckets of every element of one page: a view of the page's TreeIndex.

    Args:
        soup: the parsed page.
        tree: the parser core's index of ``soup``, when the caller has one (built here if not).
    """

    def __init__(self, soup: BeautifulSoup, tree: TreeIndex | None = None) -> None:
        if tree is None or tree.soup is not soup:
            tree = TreeIndex(soup)
        self.soup = soup
        self.tags: list[Tag] = tree.elements
        self.position: dict[int, int] = tree.position
        self.end: list[int] = tree.end
        self._buckets = tree.buckets
        self._sizes: tuple[dict[int, int], dict[int, int]] = ({}, {})

    @classmethod
    def of(cls, soup: BeautifulSoup, tree: TreeIndex | None = None) -> PageIndex:
        return cls(soup, tree)

    def may_match(self, selector: str) -> bool:
        """False when ``selector`` surely matches nothing here (a class or id the page lacks)."""
        chains = compile_selector(selector)
        if chains is None:
            if _ALTERNATIVES.search(selector):
                return True
            # Attribute values ("[href*=a.b]") and negations are not requirements; any other
            # class or id (inside ``:has()`` too) must be on the page for the part to match.
            parts = [_NEGATION.sub("", _BRACKETS.sub("", p)) for p in selector.split(",")]
            return any(
                all(("class", c) in self._buckets for c in _CLASS_TOKEN.findall(part))
                and all(("id", i) in self._buckets for i in _ID_TOKEN.findall(part))
                for part in parts
            )
        return any(
            all(
                c.key is None or c.key in self._buckets
                for c, _ in chain
            )
            for chain in chains
        )

    def contains(self, root: Tag, tag: Tag) -> bool:
        """True when ``tag`` is ``root`` or one of its descendants."""
        i, j = self.position.get(id(root)), self.position.get(id(tag))
        if i is None or j is None:
            return root is tag or root in tag.parents
        return i <= j <= self.end[i]

    def select(self, root: Tag, selector: str, *, include_root: bool = False) -> list[Tag]:
        """Elements below ``root`` matching ``selector``, in document order.

        With ``include_root``, ``root`` itself is a candidate too.
        """
        chains = compile_selector(selector)
        start = self.position.get(id(root))
        if chains is None or (start is None and root is not self.soup):
            found = list(root.select(selector))
            if include_root and root.css.match(selector):
                found.insert(0, root)
            return found
        if start is None:
            lo, hi = 0, len(self.tags) - 1
        else:
            lo, hi = (start if include_root else start + 1), self.end[start]
        tags = self.tags
        if len(chains) == 1:  # candidates come in document order, each once
            chain = chains[0]
            return [
                tags[i] for i in self._candidates(chain, lo, hi) if chain_matches(tags[i], chain)
            ]
        hits: set[int] = set()
        for chain in chains:
            for i in self._candidates(chain, lo, hi):
                if i not in hits and chain_matches(tags[i], chain):
                    hits.add(i)
        return [tags[i] for i in sorted(hits)]

    def _candidates(self, chain: Chain, lo: int, hi: int) -> Sequence[int]:
        """Positions in ``lo..hi`` of the elements carrying the chain's rightmost key."""
        key = chain[0][0].key
        if key is None:
            return range(lo, hi + 1)
        bucket = self._buckets.get(key, [])
        return bucket[bisect_left(bucket, lo) : bisect_right(bucket, hi)]

    def descendants(self, root: Tag) -> list[Tag]:
        """Every element below ``root``, in document order."""
        start = self.position.get(id(root))
        if start is None:
            return self.tags if root is self.soup else list(root.find_all(True))
        return self.tags[start + 1 : self.end[start] + 1]

    def text_size(self, tag: Tag, *, strip: bool = False, cap: int | None = None) -> int:
        """``len(tag.get_text(strip=strip))``, without building the text.

        The heuristics measure how much text an element holds far more often than they read
        it, and mostly only to compare it with a limit: with ``cap``, counting stops as soon as
        the size passes it, and the result is then some number above ``cap`` (exact up to
        ``cap``). A heading's ancestors, say, are rarely read past their first few strings.
        """
        known = self._sizes[strip]
        size = known.get(id(tag))
        if size is not None:
            return size
        limit = -1 if cap is None else cap
        size = 0
        for string in tag.stripped_strings if strip else tag.strings:  # what get_text joins
            size += len(string)
            if size > limit >= 0:
                return size
        if id(tag) in self.position:  # only this page's elements: their ids stay theirs
            known[id(tag)] = size
        return size

    def named(self, names: frozenset[str]) -> list[Tag]:
        """Elements called one of ``names``, in document order."""
        buckets = [b for b in (self._buckets.get(("name", n)) for n in names) if b]
        return [self.tags[i] for i in sorted(itertools.chain.from_iterable(buckets))]

    def marked(self, words: tuple[str, ...]) -> list[Tag]:
        """Elements whose id or a class contains one of ``words``, in document order."""
        hits: set[int] = set()
        for (kind, value), bucket in self._buckets.items():
            if kind in ("class", "id") and any(w in value.lower() for w in words):
                hits.update(bucket)
        return [self.tags[i] for i in sorted(hits)]

    def select_one(self, root: Tag, selector: str) -> Tag | None:
        found = self.select(root, selector)
        return found[0] if found else None

    def matches(self, tag: Tag, selector: str) -> bool:
        """True when ``tag`` itself matches ``selector``."""
        chains = compile_selector(selector)
        if chains is None:
            return bool(tag.css.match(selector))
        return any(chain_matches(tag, chain) for chain in chains)
