"""Byline text rules: the words that introduce an author's name, and what a displayed name is.

Split from ``byline.py`` so the language rules (by-words per language, job titles, where a
name ends, noise around it, a weekday after it) live apart from the page search that applies
them: they work on strings only and never look at the tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scraper import dates

__all__ = [
    "BYLINE_VERB",
    "BY_WORDS",
    "BY_WORD_END",
    "LEAD_NOISE",
    "clean_name",
    "dedupe",
    "looks_like_name",
    "meta_author",
    "opens_byline",
]

#: Job titles that stand before a journalist's name where other languages write "By"
#: (Japanese and Chinese newspapers: "編集委員　NAME", "记者 NAME").
BYLINE_ROLES: tuple[str, ...] = (
    "編集委員", "論説委員", "解説委員", "編集長", "特派員", "支局長",
    "記者", "记者", "编辑", "編輯",
)
#: The Italian by-word: lower-case "di" before a name, or "Di" opening the text before a name
#: of two words or more; a capitalised "Di" inside a name is part of it ("Mark Di Stefano").
ITALIAN_BY = r"(?-i:di)|^(?-i:Di)(?=\s+\S+\s+[^\W\d_])"
#: Words that introduce an author's name in a byline, per language. The name ends before a
#: date word, a separator, a digit or a social handle ("By Ann Lee @annlee on June 26").
BY_WORDS = re.compile(
    r"(?:^|\s|\|)(?:posted by|written by|submitted by|geschrieben von|eingestellt von|"
    r"veröffentlicht von|publié par|publicado por|scritto da|geplaatst door|by|von|par|por|"
    rf"door|autor:?|author:?|{ITALIAN_BY}|{'|'.join(BYLINE_ROLES)})"
    r"\s+(?:[\u2063\u2062]\s*)?(?P<name>[^\W\d_][\w.'’\- ]{1,60}?)"
    r"(?=\s+(?:(?:on|am|um|le|el|il|op|at|in|under|unter|filed under)\b|[·|\-–—\d@])"
    r"|\s*[,|·•\u2063\u2062]|\s*$)",
    re.I,
)
MAX_AUTHOR_CHARS = 80
_WS = re.compile(r"\s+")
#: The end of a text that introduces a name: "By", "Von:", "Par"...
BY_WORD_END = re.compile(r"(?:^|\s|\|)(?:by|von|par|por|door|(?-i:di|de))\s*:?\s*$", re.I)
#: Verbs that may open a byline before its by-word: "Posted by", "Written by".
BYLINE_VERB = re.compile(
    r"^\s*(?:posted|written|submitted|geschrieben|eingestellt|veröffentlicht|publié|"
    r"publicado|scritto|geplaatst)\s*$",
    re.I,
)
#: What may stand before "By" at the start of a byline string.
LEAD_NOISE = " \t-–—|·•:([*"
#: Separators after which a "by" opens a byline part ("Aug 9, 2012 | By Ann").
BYLINE_SEPARATORS = ("|", "·", "•", "-", "–", "—", "/")
#: A displayed name has at most this many words.
MAX_NAME_WORDS = 5
#: Separators between several authors in one meta string: ", ", " and ", " & ", ", and ".
AUTHOR_LIST_SEPARATORS = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", re.I)


def meta_author(value: str, site_name: str) -> str:
    """A meta author string as displayed names joined with ", ", without the outlet's own
    name ("A, B, and C, CNN" -> "A, B, C")."""
    parts = [clean_name(part) for part in AUTHOR_LIST_SEPARATORS.split(value)]
    names = dedupe(part for part in parts if part)
    if len(names) < 2 or not all(looks_like_name(name) for name in names):
        return clean_name(value)  # one name, or a name with "&" in it ("Mac & i")
    outlet = site_name.casefold().strip()
    people = [name for name in names if name.casefold() != outlet]
    return ", ".join(people or names)


def opens_byline(before: str) -> bool:
    """What precedes "by" in a short unmarked text leaves it a byline: nothing, a separator,
    or a date ("Tuesday 15 October 2019 by NAME", "Aug 9, 2012 | By NAME")."""
    lead = before.strip(LEAD_NOISE)
    return not lead or before.rstrip().endswith(BYLINE_SEPARATORS) or (
        dates.parse_date(lead) is not None
    )


def looks_like_name(name: str, *, handles: bool = False) -> bool:
    """A displayed name: capitalised (or in a script without case), no final period ("the spy
    ring."), few words. With ``handles``, a single lower-case word passes too: blog user names
    ("Posted by randfish") are displayed as they are."""
    if not name or name.endswith(".") or len(name.split()) > MAX_NAME_WORDS:
        return False
    first = name[0]
    return first.isupper() or not first.islower() or (handles and " " not in name)


#: Prefixes and suffixes that are not part of a displayed name.
NAME_NOISE = re.compile(
    r"^(?:posted by|written by|submitted by|geschrieben von|eingestellt von|by|von|vom|par|por|"
    r"door|author:?|autor:?)\s+|\s+(?:autor|author|admin)$",
    re.I,
)
#: Where a byline's name ends: a date, a weekday abbreviation with a comma, a separator.
NAME_TAIL = re.compile(r"\s+\w{2,3}\.?,|\s+\d|\s[|·•]\s")
#: A name keeps at least this many words before a weekday that ends it.
MIN_WORDS_BEFORE_WEEKDAY = 2


def clean_name(text: str) -> str:
    name = _WS.sub(" ", text).strip(" ,|·•-–—:")
    name = NAME_NOISE.sub("", name).strip(" ,|·•-–—:")
    name = NAME_TAIL.split(name)[0].strip(" ,|·•-–—:")
    name = _before_weekday(name)
    if not name or len(name) > MAX_AUTHOR_CHARS or name.startswith(("http", "@")):
        return ""
    return name


def _before_weekday(name: str) -> str:
    """A byline's name ends at a weekday's full name, the stamp's first word ("Ann Lee Tuesday,
    Aug. 17" when the date is an element of its own): only after two words, so a surname
    that is a weekday ("Larry Sabato") stays."""
    words = name.split()
    for at in range(MIN_WORDS_BEFORE_WEEKDAY, len(words)):
        if dates.weekday(words[at].strip(".,")) is not None:
            return " ".join(words[:at])
    return name


def dedupe(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name and name.casefold() not in (n.casefold() for n in out):
            out.append(name)
    return out
