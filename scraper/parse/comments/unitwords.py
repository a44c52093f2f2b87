"""Names and interface words of a generic comment unit (see :mod:`.units`).

A unit's meta line names the commenter, but it also holds interface words: action and
moderation links (flag, report, reply, like, feature, moderate...), "said:", a time zone after
the time ("EST"), a "Reply #1" label. None of these is ever a name, nor comment text.
"""

from __future__ import annotations

import re

from bs4.element import NavigableString, Tag

from scraper.dates import parse_date
from scraper.parse.comments.fields import clean_author
from scraper.parse.comments.names import line_of
from scraper.parse.walk import tags_below, text_of

__all__ = [
    "MAX_NAME_CHARS",
    "MAX_NAME_WORDS",
    "NOT_A_NAME",
    "SAID_WORD",
    "UI_LINE",
    "UI_WORDS",
    "first_name",
    "name_in",
    "said_line",
    "sentence_like",
]

MAX_NAME_CHARS, MAX_NAME_WORDS = 60, 5
#: Action and moderation links on a comment (flag, report, reply, like, feature, moderate,
#: permalink, quote, share, edit, delete), in the supported languages: never a name, never text.
ACTION_LINK = (
    r"(?:reply|antworten|répondre|responder|rispondi|reageer|edit|report|melden|signaler|"
    r"alerter|like|quote|zitieren|permalink|link|flag|share|delete|moderate|feature|"
    r"recommend|recommander)"
    r"(?:(?: this| as| to| ce)? (?:comment|commentaire|offensive|inappropriate|spam|abuse|"
    r"moderator))?"
)
#: Time zones and meridiems printed after a comment's time.
CLOCK_WORDS = re.compile(
    r"^(?:(?:[ecmpa][sd]t|utc|gmt|cet|cest|bst|[ap]\.?m\.?)(?:\s+|$))+$", re.I
)
#: A counter in an author box ("1271 Fans", "3 posts"): a link, but not the name.
COUNT = re.compile(r"^\d[\d,.]*\s*\w+$")
#: A line of action links only ("Alerter Répondre"): never a name.
ACTIONS_ONLY = re.compile(rf"^{ACTION_LINK}(?:\s+{ACTION_LINK})*$", re.I)
#: Interface words that are neither a name nor comment text.
UI_WORDS = re.compile(
    r"^(?:" + ACTION_LINK + r"|says:?|sagt:?|said:?|writes:?|wrote:?|on|at|#|\d+\.?|"
    r"\[|\]|\||·|-|posted by:?|by:?|\d+ pts|reply to this|report abuse|"
    r"(?:reply|comment|réponse|antwort)?\s*#\s*\d+)$",
    re.I,
)
#: Whole interface lines made of several strings ("<a>Login</a> or <a>register</a> to post
#: comments", "Reply to this comment", "Share it").
UI_LINE = re.compile(
    r"^(?:(?:log ?in|sign in)(?: or (?:register|sign up))? to (?:post|reply|comment)\w*(?: \w+)?|"
    r"(?:reply to|report|flag|share) (?:this comment|it)|rate this:?(?: [\d\s]+)?|"
    r"(?:reply|comment|réponse|antwort)\s*#\s*\d+)\.?$",
    re.I,
)
#: Short lines that look like a name but are bylines, breadcrumbs or labels.
NOT_A_NAME = re.compile(
    r"(?:^|\s)(?:by|posted by|photos? by|von|par|por|door|di|home)$|^[>»|•@]|[>»|]", re.I
)
NAME_TAGS = ("cite", "strong", "b", "a")
#: Endings and marks that make a first line a sentence or title rather than a name.
SENTENCE_END = re.compile(r"[!?…]$|\.{2,}$|#")
#: The line that opens an undated comment: "Anna said,", "Anna wrote:", "Anna sagt:".
_SAID = (
    r"(?:said|says|wrote|writes|sagt|schreibt|a dit|a écrit|dice|escribió|scrive|ha scritto|"
    r"schreef|zegt|disse|diz)"
)
SAID_LINE = re.compile(r"^(?P<name>[^\n]{1,60}?)\s+" + _SAID + r"\s*(?:[:,]|\.{2,3}|…)?$", re.I)
#: A said-verb anywhere: areas without one need no second, undated reading.
SAID_WORD = re.compile(r"(?<!\w)" + _SAID + r"(?!\w)", re.I)
MAX_SAID_STRINGS = 3


def _clock_words(text: str) -> bool:
    """True when the text is only a time zone or meridiem ("EST", "AM EST"): never a name.
    (A month alone may be one: "Jan".)"""
    return CLOCK_WORDS.match(text) is not None


def name_in(block: Tag, stamp: str) -> str | None:
    """The commenter's name on a unit's meta line: its first name-like link or emphasis, else
    the line's text without the stamp (unless that is only date words or action links)."""
    for tag in tags_below(block, NAME_TAGS):
        text = " ".join(text_of(tag, " ").split())
        if text and not UI_WORDS.match(text) and parse_date(text) is None:
            name = clean_author(text, stamp)
            if name and len(name) <= MAX_NAME_CHARS and not NOT_A_NAME.search(name):
                return name
    text = " ".join(text_of(block, " ").split())
    name = clean_author(text, stamp)
    if (
        name
        and len(name.split()) <= MAX_NAME_WORDS
        and not any(map(str.isdigit, name))
        and not _clock_words(name)
        and not ACTIONS_ONLY.match(name)
    ):
        return name
    return None


def first_name(
    strings: list[NavigableString], held: set[int], stamp: str
) -> tuple[str, NavigableString] | None:
    """The name an author element shows: its first string that reads as one, a link alone on
    its line first (the profile link, not a badge printed over it: "HUFFPOST SUPER USER")."""
    own = [s for s in strings if id(s) in held]
    lines = [line_of(s) for s in own]
    linked = [
        s
        for s, line in zip(own, lines, strict=True)
        if s.find_parent("a") is not None
        and not COUNT.match(s.strip())
        and lines.count(line) == 1  # the link is its whole line, not a word in a sentence
    ]
    first = {id(s) for s in linked}
    rest = [s for s in strings if id(s) in held and id(s) not in first]
    for string in [*linked, *rest]:
        text = " ".join(string.split())
        if not text or UI_WORDS.match(text) or parse_date(text) is not None:
            continue
        name = clean_author(text, stamp)
        if name and len(name) <= MAX_NAME_CHARS and not NOT_A_NAME.search(name):
            return name, string
    return None


def said_line(strings: list[NavigableString]) -> tuple[str, set[int]] | None:
    """The name of a unit that opens with "NAME said," (over its first few strings: the name
    is often a link), and the ids of the strings that line uses."""
    joined = ""
    for k, string in enumerate(strings[:MAX_SAID_STRINGS]):
        joined = f"{joined} {' '.join(string.split())}".strip()
        match = SAID_LINE.match(joined)
        if match and k + 1 < len(strings):
            name = clean_author(match.group("name"))
            if name and len(name.split()) <= MAX_NAME_WORDS and not NOT_A_NAME.search(name):
                return name, {id(s) for s in strings[: k + 1]}
            return None
    return None


def sentence_like(text: str) -> bool:
    """A comment's title or opening words, not a name: "LIES!", "ummm... what?", "QUOTE(#1)",
    "definitely suspension worthy." (a name may end in one period: "John Smith Jr.")."""
    return (
        not any(c.isalpha() for c in text)
        or SENTENCE_END.search(text) is not None
        or (text.endswith(".") and len(text.split()) >= 3)
    )
