"""Simple CSS selectors matched in plain Python, without soupsieve.

soupsieve builds a matcher object for every ``match()`` call, which made per-element matching
the dominant cost of selection. Simple selectors (tags, ``#id``, ``.class``, ``[attr]``,
``[attr=v]``, ``[attr^=v]``, ``[attr*=v]``, ``[attr$=v]``, ``[attr~=v]``, descendant and ``>``
combinators, comma lists) are compiled here once into chains of compounds, right to left, and
checked by walking parents. :func:`compile_selector` returns None for anything else (pseudo-classes,
sibling combinators, escapes), which callers hand to soupsieve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from bs4.element import Tag

__all__ = ["Chain", "Compound", "chain_matches", "compile_selector", "exact_chains"]

_COMPOUND = re.compile(
    r"""(?P<name>[a-zA-Z][\w-]*|\*)?
        (?P<rest>(?:\#[\w-]+|\.[\w-]+|\[[\w:-]+(?:[~\^*$]?=(?:"[^"]*"|'[^']*'|[\w-]+))?\])*)$""",
    re.X,
)
_PIECE = re.compile(
    r"""\#(?P<id>[\w-]+)|\.(?P<cls>[\w-]+)
        |\[(?P<attr>[\w:-]+)(?:(?P<op>[~\^*$]?=)(?P<val>"[^"]*"|'[^']*'|[\w-]+))?\]""",
    re.X,
)
_UNSUPPORTED = re.compile(r"[:+~()]")
_CSS_SPACE = re.compile(r"[ \t\r\n\f]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
#: Attributes whose values CSS matches without case on HTML elements (soupsieve's list, from
#: https://html.spec.whatwg.org/multipage/semantics-other.html#case-sensitivity-of-selectors).
HTML_CASE_INSENSITIVE = frozenset(
    {"accept", "accept-charset", "align", "alink", "axis", "bgcolor", "charset", "checked",
     "clear", "codetype", "color", "compact", "declare", "defer", "dir", "direction", "disabled",
     "enctype", "face", "frame", "hreflang", "http-equiv", "lang", "language", "link", "media",
     "method", "multiple", "nohref", "noresize", "noshade", "nowrap", "readonly", "rel", "rev",
     "rules", "scope", "scrolling", "selected", "shape", "target", "text", "type", "valign",
     "valuetype", "vlink"}
)  # fmt: skip
_BRACKETS = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class Compound:
    """One compound selector (``a.b#c[d]``) and its index key."""

    name: str | None
    ident: str | None
    classes: tuple[str, ...]
    attrs: tuple[tuple[str, str, str], ...]  # (name, op, value); op "" means "present"

    @cached_property
    def key(self) -> tuple[str, str] | None:
        """The index bucket of the elements it can match: id, else class, attribute, name."""
        if self.ident is not None:
            return ("id", self.ident)
        if self.classes:
            return ("class", self.classes[0])
        if self.attrs:
            return ("attr", self.attrs[0][0])
        if self.name is not None:
            return ("name", self.name)
        return None

    def matches(self, tag: Tag) -> bool:
        if self.name is not None and tag.name != self.name:
            return False
        attrs = tag.attrs
        if self.ident is not None and attrs.get("id") != self.ident:
            return False
        if self.classes:
            have = attrs.get("class")
            if not have:
                return False
            tokens = have if isinstance(have, list) else str(have).split()
            if any(c not in tokens for c in self.classes):
                return False
        for name, op, value in self.attrs:
            raw = attrs.get(name)
            if raw is None:
                return False
            text = " ".join(raw) if isinstance(raw, list) else str(raw)
            if op and name in HTML_CASE_INSENSITIVE:
                # HTML compares these values without case (``rel="Author"``): ASCII lower case
                # on both sides, as soupsieve does.
                value, text = value.translate(_ASCII_LOWER), text.translate(_ASCII_LOWER)
            if op == "=" and text != value:
                return False
            if op == "^=" and not text.startswith(value):
                return False
            if op == "*=" and value not in text:
                return False
            if op == "$=" and not text.endswith(value):
                return False
            # A word of the whitespace-separated list (``[rel~=author]``): CSS whitespace only,
            # and an empty value matches nothing.
            if op == "~=" and (not value or value not in _CSS_SPACE.split(text)):
                return False
        return True


#: A compiled simple selector: compounds right to left, each with the combinator to its left.
Chain = tuple[tuple[Compound, str], ...]


def _compound(text: str) -> Compound | None:
    found = _COMPOUND.match(text)
    if found is None or not text:
        return None
    name = found.group("name")
    ident, classes, attrs = None, [], []
    for piece in _PIECE.finditer(found.group("rest") or ""):
        if piece.group("id"):
            ident = piece.group("id")
        elif piece.group("cls"):
            classes.append(piece.group("cls"))
        else:
            value = (piece.group("val") or "").strip("\"'")
            attrs.append((piece.group("attr").lower(), piece.group("op") or "", value))
    return Compound(
        None if name in (None, "*") else name.lower(), ident, tuple(classes), tuple(attrs)
    )


@lru_cache(maxsize=2048)
def compile_selector(selector: str) -> tuple[Chain, ...] | None:
    """The selector's comma parts as chains, or None when it needs soupsieve."""
    chains: list[Chain] = []
    for part in selector.split(","):
        part = part.strip()
        if not part or _UNSUPPORTED.search(_BRACKETS.sub("", part)):
            return None
        tokens = re.sub(r"\s*>\s*", " > ", part).split()
        chain: list[tuple[Compound, str]] = []
        combinator = " "
        for token in reversed(tokens):
            if token == ">":
                if not chain:
                    return None
                chain[-1] = (chain[-1][0], ">")
                continue
            compound = _compound(token)
            if compound is None:
                return None
            chain.append((compound, combinator))
        if not chain:
            return None
        chains.append(tuple(chain))
    return tuple(chains)


def chain_matches(tag: Tag, chain: Chain) -> bool:
    """True when ``tag`` matches the whole chain (ancestors anywhere above it, as in CSS)."""
    first, combinator = chain[0]
    if not first.matches(tag):
        return False
    return _ancestors_match(tag, chain, 1, combinator)


def _ancestors_match(tag: Tag, chain: Chain, at: int, combinator: str) -> bool:
    if at >= len(chain):
        return True
    compound, next_combinator = chain[at]
    parent = tag.parent
    while isinstance(parent, Tag) and parent.name != "[document]":
        if compound.matches(parent) and _ancestors_match(parent, chain, at + 1, next_combinator):
            return True
        if combinator == ">":
            return False
        parent = parent.parent
    return False



@lru_cache(maxsize=2048)
def exact_chains(selector: str) -> tuple[Chain, ...] | None:
    """:func:`compile_selector`, but None where its reading could differ from soupsieve's in
    any corner: ``type`` values (case-insensitive in HTML) and empty ``^=``/``*=``/``$=``
    values (which match nothing in CSS)."""
    chains = compile_selector(selector)
    if chains is None:
        return None
    for chain in chains:
        for compound, _ in chain:
            for name, op, value in compound.attrs:
                if op and (name == "type" or (op != "=" and not value)):
                    return None
                if op == "~=" and _CSS_SPACE.search(value):
                    return None  # a word with a space in it: never matched (as soupsieve)
    return chains
