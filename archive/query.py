"""The user's search language, parsed and compiled to a safe FTS5 expression.

User text never reaches ``MATCH`` as typed: FTS5's own syntax (``AND``, ``NEAR``, ``*``, ``:``,
``^``, parentheses, quotes) turns ordinary input such as ``c++`` or ``don't`` into a syntax
error. Instead the text is parsed into a small :class:`Query` and every word is emitted as an
FTS5 string (``"..."``), so the only FTS5 syntax in the result is the syntax this module writes.

The language::

    therapy anxiety        both words (implicit AND); words are stemmed: therapy finds therapies
    "panic attack"         an exact phrase
    thera*                 a prefix; at least 3 letters before the *, shorter is a plain word
    -spam                  exclude posts/comments containing the word (or "-a phrase")
    grief OR loss          either word; OR binds tighter than the implicit AND, so
                           ``a b OR c`` means a AND (b OR c)
    NOT x / AND            ``a NOT b`` is ``a -b``; ``a AND b`` is ``a b``
    title:word  author:name  tag:word     restrict a term to one column (also -title:x,
                           title:"a phrase", tag:thera*)

Operator words only count in capitals and between two terms; anywhere else (a lone ``AND``,
a leading ``NOT``, a trailing ``OR``) they are ordinary words, and an ``OR`` next to an
exclusion (``a OR -b``) is dropped. ``NEAR``, ``^`` and parentheses have no meaning: they are
searched as words or ignored as punctuation.
Words are split as SQLite's unicode61 tokenizer splits them (letters, digits, private-use
characters; everything else separates), so ``don't`` is the phrase ``"don t"`` and ``c++`` is
``c``. Input with no letters or digits at all (``*``, ``-``, emoji) has no terms.

Comments have no title or tags, so on comments ``title:``/``tag:`` terms match nothing: a
required one removes comments from the results, an excluded one excludes nothing, and inside
an ``OR`` group the other alternatives still count. ``author:`` maps to the comment's author.

Errors: :class:`QueryError` (a ``ValueError``) with a message fit to show the user, for a
query with no terms, with only exclusions, or with more than :data:`MAX_TERMS` terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "COMMENT_COLUMNS",
    "MAX_TERMS",
    "MIN_PREFIX",
    "POST_COLUMNS",
    "Clause",
    "Query",
    "QueryError",
    "Term",
    "compile_fts",
    "fts_string",
    "parse",
    "tokenize",
]

MAX_TERMS = 50
"""More terms than this is a pasted paragraph, not a search: refused rather than run slowly."""

MIN_PREFIX = 3
"""A prefix shorter than this (``a*``) would match a large part of the vocabulary."""

POST_COLUMNS: Mapping[str, str] = {"title": "title", "author": "author", "tag": "tags_text"}
"""Column filter name -> posts_fts column."""

COMMENT_COLUMNS: Mapping[str, str] = {"author": "author"}
"""Column filter name -> comments_fts column; filters missing here match nothing on comments."""

_FIELD_ALIASES = {"title": "title", "author": "author", "by": "author", "tag": "tag", "tags": "tag"}
_FIELD_RE = re.compile(r"(title|author|by|tags?):(?=\S)", re.IGNORECASE)
_OPERATORS = frozenset({"OR", "AND", "NOT"})
_WORD_CATEGORIES = ("L", "N")
_APPLIED_OR = "|"  # an OR that joins the terms either side of it


class QueryError(ValueError):
    """The search query cannot be run; ``str(error)`` is a message for the user."""


@dataclass(frozen=True)
class Term:
    """One searchable unit: a word, a phrase (several tokens in a row) or a prefix.

    ``tokens`` are unicode61-style tokens in their original case; FTS5 folds case, strips
    diacritics and stems when it reads them back. ``column`` is a filter name (``title``,
    ``author``, ``tag``) or None for every column.
    """

    tokens: tuple[str, ...]
    prefix: bool = False
    column: str | None = None

    @property
    def is_plain_word(self) -> bool:
        """A single unfiltered word: the only kind of term stopword pruning may drop."""
        return len(self.tokens) == 1 and not self.prefix and self.column is None


@dataclass(frozen=True)
class Clause:
    """Alternatives joined by OR; a plain term is a clause of one."""

    alternatives: tuple[Term, ...]


@dataclass(frozen=True)
class Query:
    """Every ``required`` clause must match and no ``excluded`` term may."""

    required: tuple[Clause, ...]
    excluded: tuple[Term, ...] = ()


def _is_word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in _WORD_CATEGORIES or cat in ("Co", "Mn")


def tokenize(text: str) -> list[str]:
    """Split text into words the way unicode61 does (letters, digits; punctuation separates)."""
    tokens: list[str] = []
    current: list[str] = []
    for ch in text:
        if _is_word_char(ch):
            current.append(ch)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    # A run of combining marks alone is no word: unicode61 drops it with the diacritics.
    return [t for t in tokens if any(unicodedata.category(c) != "Mn" for c in t)]


def fts_string(text: str) -> str:
    """Quote text as an FTS5 string: FTS5 reads it as data, never as syntax."""
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class _Op:
    word: str  # OR / AND / NOT, as typed


@dataclass(frozen=True)
class _Item:
    term: Term
    negated: bool


def _lex(text: str) -> list[_Item | _Op]:
    """Turn the raw text into terms and operator candidates, in order."""
    items: list[_Item | _Op] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = False
        while i < n and text[i] == "-":
            negated = True
            i += 1
        column: str | None = None
        field = _FIELD_RE.match(text, i)
        if field:
            column = _FIELD_ALIASES[field.group(1).lower()]
            i = field.end()
        if i < n and text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            chunk = text[i + 1 : end]
            i = end + 1
            stars = 0
            while i < n and text[i] == "*":
                stars += 1
                i += 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] != '"':
                i += 1
            chunk = text[start:i]
            if chunk in _OPERATORS and not negated and column is None:
                items.append(_Op(chunk))
                continue
            stripped = chunk.rstrip("*")
            stars = len(chunk) - len(stripped)
            chunk = stripped
        tokens = tokenize(chunk)
        if not tokens:
            continue
        prefix = bool(stars) and len(tokens[-1]) >= MIN_PREFIX and chunk.endswith(tokens[-1])
        items.append(_Item(Term(tuple(tokens), prefix, column), negated))
    return items


def _as_word(item: _Item | _Op) -> _Item:
    """An operator that is not between two terms is an ordinary word."""
    return item if isinstance(item, _Item) else _Item(Term((item.word,)), negated=False)


def _resolve(items: list[_Item | _Op], word: str) -> list[_Item | _Op]:
    """Apply operator ``word`` where it stands between two terms; keep others for later."""
    out: list[_Item | _Op] = []
    i = 0
    while i < len(items):
        item = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        prev = out[-1] if out else None
        if (
            isinstance(item, _Op)
            and item.word == word
            and isinstance(prev, _Item)
            and isinstance(nxt, _Item)
        ):
            if word == "NOT":
                out.append(_Item(nxt.term, negated=not nxt.negated))
                i += 2
                continue
            if word == "OR" and not (prev.negated or nxt.negated):
                out.append(_Op(_APPLIED_OR))
            i += 1  # AND (and OR next to an exclusion) are the implicit AND
            continue
        out.append(item)
        i += 1
    return out


def parse(text: str) -> Query:
    """Parse the user's query; raises QueryError if it has nothing to search for.

    Args:
        text: the query as typed; any string is accepted.
    """
    items = _resolve(_resolve(_resolve(_lex(text), "NOT"), "AND"), "OR")
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    joined = False
    for raw in items:
        if isinstance(raw, _Op) and raw.word == _APPLIED_OR:
            joined = True
            continue
        item = _as_word(raw)
        if item.negated:
            excluded.append(item.term)
        elif joined:
            clauses[-1].append(item.term)
        else:
            clauses.append([item.term])
        joined = False
    count = sum(len(c) for c in clauses) + len(excluded)
    if count == 0:
        raise QueryError("Empty search: type at least one word to search for.")
    if not clauses:
        raise QueryError(
            "A search needs at least one word to look for, not only exclusions (-word)."
        )
    if count > MAX_TERMS:
        raise QueryError(f"Search too long: {count} terms (at most {MAX_TERMS}).")
    return Query(tuple(Clause(tuple(c)) for c in clauses), tuple(excluded))


def _term_fts(term: Term, columns: Mapping[str, str]) -> str | None:
    """One term as FTS5 text, or None if its column does not exist in this table."""
    text = fts_string(" ".join(term.tokens))
    if term.prefix:
        text += " *"
    if term.column is None:
        return text
    column = columns.get(term.column)
    if column is None:
        return None
    return f"{column} : {text}"


def compile_fts(query: Query, columns: Mapping[str, str] = POST_COLUMNS) -> str | None:
    """The FTS5 MATCH expression for a query against one table, or None if it matches nothing.

    Args:
        query: a parsed query.
        columns: filter name -> FTS column of the target table (POST_COLUMNS or
            COMMENT_COLUMNS); a filter missing from it matches nothing there.
    """
    required: list[str] = []
    for clause in query.required:
        alternatives = [t for t in (_term_fts(a, columns) for a in clause.alternatives) if t]
        if not alternatives:
            return None
        if len(alternatives) == 1:
            required.append(alternatives[0])
        else:
            required.append("(" + " OR ".join(alternatives) + ")")
    expression = " AND ".join(required)
    excluded = [t for t in (_term_fts(e, columns) for e in query.excluded) if t]
    if excluded:
        expression = f"({expression}) NOT ({' OR '.join(excluded)})"
    return expression
