"""The outlet printed after a byline's name: "Jefferson Graham, USA TODAY", "Ed Hornick, CNN".

News sites credit the writer and their employer in one byline. The part after the last comma
is the outlet, not a second author, when it is

* the site's own name: og:site_name, a part of the ``<title>``, or a word of the page's host
  (compared without spaces and punctuation: "USA TODAY" is ``usatoday.com``), or
* a wire service or news agency (``KNOWN_OUTLETS``: "Ann Lee, Reuters", "Ann Lee, AP").

Capitals alone prove nothing: "Brenda Goodman, MA" is a degree, "Kooman, F." an initial,
"LILIAN ALEMAGNA, LAURE BRETTON" two people; a name suffix ("John Smith, Jr.") always stays.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scraper.parse.generic import Metadata

__all__ = ["KNOWN_OUTLETS", "NAME_SUFFIXES", "site_keys", "without_outlet"]

#: Suffixes that belong to a name after a comma: never an outlet.
NAME_SUFFIXES = frozenset({
    "jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "mba", "rn", "dds", "cpa", "jd",
})
#: Wire services and agencies credited after a writer's name (comparison keys).
KNOWN_OUTLETS = frozenset({
    "ap", "reuters", "associatedpress", "theassociatedpress", "afp", "agencefrancepresse",
    "bloomberg", "dpa", "ansa", "efe", "kyodo", "kyodonews", "xinhua", "pressassociation", "upi",
    "tribunenewsservice", "mcclatchy", "cnnwire",
})
#: Separators between a page's title and the site's name in ``<title>``.
TITLE_PARTS = re.compile(r"\s+[|\-–—·•»«:/]\s+|\s*｜\s*")
#: Host labels that never name a site.
HOST_NOISE = frozenset({"www", "com", "org", "net", "co", "blog", "blogs", "news", "edition"})
#: An outlet is at most this many words.
MAX_OUTLET_WORDS = 4
_NON_WORD = re.compile(r"[\W_]+")


def site_keys(meta: Metadata, url: str) -> frozenset[str]:
    """The names a site goes by, as comparison keys (lower case, no spaces or punctuation)."""
    parts = TITLE_PARTS.split(meta.html_title)
    names = [meta.site_name, *(parts if len(parts) > 1 else [])]
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    names.extend(label for label in host.split(".") if label not in HOST_NOISE)
    return frozenset(key for key in map(_key, names) if len(key) > 1)


def without_outlet(author: str, keys: frozenset[str]) -> str:
    """``author`` without a trailing ", OUTLET" (``keys`` from :func:`site_keys`)."""
    head, sep, tail = author.rpartition(",")
    name, outlet = head.strip(), tail.strip()
    if not sep or not name or not outlet or len(outlet.split()) > MAX_OUTLET_WORDS:
        return author
    key = _key(outlet)
    if key in NAME_SUFFIXES:
        return author
    return name if key in keys or key in KNOWN_OUTLETS else author


def _key(text: str) -> str:
    return _NON_WORD.sub("", text).casefold()
