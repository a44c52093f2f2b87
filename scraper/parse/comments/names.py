"""A commenter's name read from a comment's header, when no author element names it.

A comment's header is what its item holds besides the text: one or more lines (strings grouped
by their block element). Headers name the commenter in a few ways, tried surest first:

* wording: ``by NAME``, ``Posted by: NAME | date``, ``NAME says:``, ``NAME said,``,
  ``NAME wrote:``, ``NAME added:`` (the name is the string, or the link or emphasis holding
  it, next to the word);
* a meta line: the name beside the date, ``NAME — July 10th, 2012, 7:20 pm``,
  ``NAME On Friday, November 2 at 10:44 am``, ``1. NAME - October 26, 2012``;
* a name line right above a line that is only a date.

The name is the name only: site user ids (``NAME (12345)``), numbering and interface words are
dropped. A header without a name gives None; a name is never guessed from the comment's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from bs4.element import NavigableString, Tag

from scraper.dates import parse_date
from scraper.parse.comments.fields import clean_author

__all__ = [
    "INLINE_TAGS",
    "INTERFACE_ONLY",
    "DatedAuthor",
    "HeaderName",
    "dated_author",
    "dated_name",
    "header_name",
    "is_dateish",
    "is_name",
    "line_of",
]

#: Tags that stay on their line: a block's strings inside these are one header line.
INLINE_TAGS = frozenset(
    {"a", "b", "i", "em", "strong", "span", "u", "small", "font", "abbr", "cite", "label",
     "time", "sup", "sub", "bdi", "nobr"}
)
#: "by", "Posted by:", "Written by" opening a string: the name follows.
BY_WORDS = re.compile(
    r"^\s*(?:(?:posted|written|comment(?:ed)?|submitted|added|left)\s+)?by\s*:?(?:\s+|$)(.*)$",
    re.I | re.S,
)
#: Verbs that follow a name: "says:", "said,", "wrote:", "added:", "sagt:", "a dit :".
SAYS = (
    r"(?:says|said|wrote|writes|added|adds|replied|replies|commented|comments|asks|asked|"
    r"sagt|schreibt|schrieb|a dit|dit|dice|escribió|scrive|ha scritto|schreef|zegt|disse|diz)"
)
SAYS_ALONE = re.compile(rf"^[\s:,]*{SAYS}\s*(?::|,|\.{{1,3}}|…)?\s*$", re.I)
SAYS_AFTER = re.compile(rf"^(.+?)\s+{SAYS}\s*(?::|,|\.{{1,3}}|…)?\s*$", re.I | re.S)
#: A site's user id printed after the name: "ravenswood1000 (543817)".
USER_ID = re.compile(r"\s*\(\s*#?\d+\s*\)\s*$")
#: Where a name stops inside a longer string: "Anna | Apr 6", "Anna on March 3", "Anna (Towson)".
NAME_END = re.compile(r"\s+(?:\||·|–|—|-|on|at|@)\s+|\s*[|(\[]|\s*,\s+|\s+-\s*$", re.I)
#: Words a header line may hold that are neither a name nor a date.
INTERFACE = (
    r"reply|antworten|répondre|responder|rispondi|reageer|edit|report|like|quote|permalink|"
    r"link|flag|share|delete|journal|parent|log in to reply|reply to this|report abuse|"
    r"report post|(?:view )?profile|avatar"
)
UI_WORDS = re.compile(
    rf"^(?:{INTERFACE}|#|\W+|#?\d+\.?|posted|posted on|on|at|by|score:?|.*[»›«‹].*)$", re.I
)
#: A badge printed after a name ("Robert - author"): not part of it. (Alone it may be a name:
#: people comment as "Owner" or "Admin".)
BADGE = re.compile(
    r"^(?:(?:post |blog )?author|admin(?:istrator)?|moderator|staff|editor|owner)$", re.I
)
#: An author element's text that is an interface word, not a name ("Profile", "Reply").
INTERFACE_ONLY = re.compile(rf"^(?:{INTERFACE})$", re.I)
#: Every word of a date-only string ("On Friday, November 2 at 10:44 am", "09. Jul, 2012 /").
DATE_TOKEN = re.compile(
    r"^(?:\d+(?:st|nd|rd|th|h)?|[ap]\.?m\.?|at|on|um|le|à|a|de|el|of|the|posted|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?|utc|gmt|[ecmp][sd]t)$",
    re.I,
)
#: Strings between a name and a date: "—", "|", "-", "/".
SEPARATOR = re.compile(r"^[\W_]*$|^(?:posted )?(?:on|at|um|le|el)$", re.I)
#: Date words that do not make a date on their own.
FILLER = re.compile(r"^(?:at|on|um|le|à|a|de|el|of|the|posted)$", re.I)
#: A numeric date or time: "11.05.12", "2012-10-26", "10:44".
NUMERIC_DATE = re.compile(r"\d\s*[./:-]\s*\d")
WORD = re.compile(r"[^\W_]+")
#: Where an author element's name may end and a date begin: "NAME — 17.07, 2011 @ 13:04",
#: "NAME | Apr 6, 2007", "NAME on March 3, 2012", "NAME am 3. März 2012", "NAME, July 3, 2011".
AUTHOR_DATE_SEPARATOR = re.compile(
    r"\s+(?:\||·|–|—|-|/|@|on|at|am|um|le|el)\s+|\s*[|·–—]\s*|\s*,\s+", re.I
)
MAX_STAMP_WORDS = 8
MAX_NAME_CHARS, MAX_NAME_WORDS = 60, 6


@dataclass(frozen=True)
class HeaderName:
    """A name and the element showing it (for the commenter's link), when there is one."""

    name: str
    holder: Tag | None


def _norm(text: str) -> str:
    return " ".join(text.split())


def is_dateish(text: str) -> bool:
    """True when every word of ``text`` belongs to a date or time and it has a number."""
    words = WORD.findall(text)
    return (
        bool(words)
        and any(w.isdigit() for w in words)
        and all(DATE_TOKEN.match(w) for w in words)
        and (
            any(not w[0].isdigit() and not FILLER.match(w) for w in words)
            or NUMERIC_DATE.search(text) is not None
        )
    )


def is_name(text: str | None) -> bool:
    """A plausible displayed name: short, some letters, not a date, link or interface word."""
    if not text or len(text) > MAX_NAME_CHARS or len(text.split()) > MAX_NAME_WORDS:
        return False
    if not any(c.isalpha() for c in text) or "://" in text or text.startswith("www."):
        return False
    if UI_WORDS.match(text) or is_dateish(text):
        return False
    return not (any(c.isdigit() for c in text) and parse_date(text) is not None)


def _tidy(text: str, stamp: str | None = None) -> str | None:
    """A name out of a string that starts with it, without a user id. The string is cut at the
    first separator ("Anna | Apr 6, 2007", "Anna on March 3") unless all of it is a name as
    typed ("Rusty Cawley, APR", "Bram | Bramus!", "Ted (Tedster)"): no digits, no interface
    word after a separator."""
    text = USER_ID.sub("", _norm(text.replace(stamp, " ") if stamp and len(stamp) > 4 else text))
    first = clean_author(NAME_END.split(text, maxsplit=1)[0])
    whole = clean_author(text.strip(" |·–—-,"))
    if (
        whole
        and whole != first
        and is_name(whole)
        and not any(map(str.isdigit, whole))
        and not any(
            UI_WORDS.match(p.strip(" )]")) or BADGE.match(p.strip(" )]"))
            for p in NAME_END.split(whole)[1:]
        )
    ):
        return whole
    return first if is_name(first) else None


@dataclass(frozen=True)
class DatedAuthor:
    """An author element's text split into the name part and the date stamp after it."""

    name: str
    stamp: str


def dated_author(text: str) -> DatedAuthor | None:
    """The name and the stamp of an author element that prints both, ``Comment by NAME —
    17.07, 2011 @ 13:04``: split at the first separator after which the rest reads as a date
    (it parses, and is all date words or short) and before which a name is left. None when
    the text has no such date."""
    text = _norm(text)
    if not any(map(str.isdigit, text)):
        return None
    for match in AUTHOR_DATE_SEPARATOR.finditer(text):
        rest = text[match.end() :].strip()
        if not rest or not any(map(str.isdigit, rest)) or parse_date(rest) is None:
            continue
        if not (is_dateish(rest) or len(rest.split()) <= MAX_STAMP_WORDS):
            continue
        head = clean_author(text[: match.start()])
        if head and is_name(head) and not any(map(str.isdigit, head)):
            return DatedAuthor(head, rest)
        return None
    return None


def line_of(string: NavigableString) -> Tag | None:
    """The block element whose line ``string`` is on."""
    for parent in string.parents:
        if parent.name not in INLINE_TAGS:
            return parent
    return None


def _holder(string: NavigableString, line: Tag | None, other: NavigableString | None) -> Tag:
    """The outermost inline element around ``string`` on its line that does not also hold
    ``other`` (the wording next to it): the link or emphasis that shows the name."""
    best = string.parent
    for parent in string.parents:
        if parent is line or parent.name not in INLINE_TAGS:
            break
        if other is not None and other in parent.descendants:
            break
        best = parent
    assert best is not None
    return best


def _element_name(holder: Tag) -> str | None:
    return _tidy(holder.get_text(" "))


def _by_wording(line: Sequence[NavigableString]) -> HeaderName | None:
    for i, string in enumerate(line):
        match = BY_WORDS.match(str(string))
        if match is None:
            continue
        rest = match.group(1)
        if rest.strip():
            name = _tidy(rest)
            if name:
                return HeaderName(name, string.parent)
            continue
        if i + 1 < len(line):
            after = line[i + 1]
            holder = _holder(after, line_of(after), string)
            name = _element_name(holder) if holder is not line_of(after) else _tidy(after)
            if name:
                return HeaderName(name, holder)
    return None


def _says_wording(line: Sequence[NavigableString]) -> HeaderName | None:
    for i, string in enumerate(line):
        text = _norm(str(string))
        if SAYS_ALONE.match(text) and i > 0:
            before = line[i - 1]
            holder = _holder(before, line_of(before), string)
            name = _element_name(holder) if holder is not line_of(before) else _tidy(before)
            if name:
                return HeaderName(name, holder)
            continue
        match = SAYS_AFTER.match(text)
        if match and is_name(clean_author(USER_ID.sub("", match.group(1)))):
            name = _tidy(match.group(1))
            if name:
                return HeaderName(name, string.parent)
    return None


def _beside_date(line: Sequence[NavigableString], stamp: str | None) -> HeaderName | None:
    """The name on a meta line: the string just before (or else after) the date string."""
    texts = [_norm(s) for s in line]
    at = next((i for i, t in enumerate(texts) if is_dateish(t)), None)
    if at is None and stamp:
        at = next((i for i, t in enumerate(texts) if stamp in t and len(stamp) > 4), None)
    if at is None and stamp:
        at = next(
            (i for i, t in enumerate(texts) if t in stamp and len(t) > 4 and parse_date(t)),
            None,
        )
    if at is None:
        return None
    if stamp and stamp in texts[at] and not is_dateish(texts[at]):
        # "James Cannon - October 26, 2012" in one string: the part before the date.
        head = texts[at].replace(stamp, " ") if stamp != texts[at] else ""
        if not head.strip():
            head = NAME_END.split(stamp, maxsplit=1)[0]
        name = _tidy(head) if not any(map(str.isdigit, head)) else None
        if name:
            return HeaderName(name, _holder(line[at], line_of(line[at]), None))
    for step in (-1, 1):
        i = at + step
        while 0 <= i < len(line) and SEPARATOR.match(texts[i]):
            i += step
        if 0 <= i < len(line) and not UI_WORDS.match(texts[i]):
            name = _tidy(USER_ID.sub("", texts[i]))
            if name and not any(map(str.isdigit, name)):
                return HeaderName(name, _holder(line[i], line_of(line[i]), line[at]))
    return None


def header_name(
    lines: Sequence[Sequence[NavigableString]], stamp: str | None
) -> HeaderName | None:
    """The commenter's name as header wording gives it (``by NAME``, ``NAME says:``)."""
    stamp = _norm(stamp) if stamp else None
    for read in (_by_wording, _says_wording):
        for line in lines:
            found = read(line)
            if found is not None:
                return found
    return None


def dated_name(
    lines: Sequence[Sequence[NavigableString]], stamp: str | None
) -> HeaderName | None:
    """The name beside the date on a meta line, or alone on the line above a date line."""
    stamp = _norm(stamp) if stamp else None
    for line in lines:
        found = _beside_date(line, stamp)
        if found is not None:
            return found
    # A name alone on the line above a date-only line.
    for above, line in pairwise(lines):
        dates = [_norm(s) for s in line if not UI_WORDS.match(_norm(s))]
        if len(above) == 1 and dates and all(is_dateish(d) for d in dates):
            name = _tidy(above[0])
            if name and not any(map(str.isdigit, name)):
                return HeaderName(name, _holder(above[0], line_of(above[0]), None))
    return None
