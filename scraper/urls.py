"""URL canonicalisation and crawl scope.

Two URLs that name the same page must map to the same string, or a crawl fetches pages twice;
two pages must never be merged, or a post is lost. So: scheme and host are lower-cased, default
ports, fragments and tracking parameters (``utm_*``, ``fbclid``, session ids, ...) dropped, query
parameters sorted — but identity parameters such as ``sid``, ``p``, ``id`` or ``page_id`` are always
kept, because on many site builders they are the post's only identity (``/blog/post/?sid=33``).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import (
    parse_qsl,
    quote,
    unquote,
    urldefrag,
    urlencode,
    urljoin,
    urlsplit,
    urlunsplit,
)

__all__ = [
    "Scope",
    "canonical_url",
    "comment_page_number",
    "host_key",
    "is_comment_page_url",
    "is_probably_page",
    "post_of_comment_page",
    "resolve",
    "slash_variant",
    "with_query_param",
]

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
        "spm",
        "share",
        "replytocom",
        "amp",
        "phpsessid",
        "jsessionid",
        "sessionid",
        "sessid",
        "cfid",
        "cftoken",
        "zanpid",
        "_hsenc",
        "_hsmi",
        "hsctatracking",
        "mkt_tok",
        "ocid",
        "s_kwcid",
        "wickedid",
        "twclid",
        "li_fat_id",
        "ttclid",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "hsa_", "_hs")
DEFAULT_PORTS = {"http": 80, "https": 443}

# Links to these are never pages of a blog: not worth a request.
NON_PAGE_EXTENSIONS = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".svg",
        ".ico",
        ".bmp",
        ".tif",
        ".tiff",
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".zip",
        ".gz",
        ".tgz",
        ".rar",
        ".7z",
        ".mp3",
        ".mp4",
        ".m4a",
        ".wav",
        ".ogg",
        ".avi",
        ".mov",
        ".wmv",
        ".webm",
        ".css",
        ".js",
        ".json",
        ".woff",
        ".woff2",
        ".ttf",
        ".eot",
        ".exe",
        ".dmg",
        ".apk",
        ".ics",
        ".vcf",
    }
)
# Paths of admin, login, search and comment-reply machinery: endless or private, never posts.
# Comment pages (``/comment-page-N``, ``?cpage=N``) are no pages of the crawl either: the crawler
# fetches them as part of their post (``scraper.comment_pages``), never as links of their own.
SKIP_PATH_PATTERNS = re.compile(
    r"/(wp-admin|wp-login\.php|wp-json|xmlrpc\.php|cgi-bin|login|logout|signin|signup|register"
    r"|cart|checkout|my-account|account|search)(/|$)|/comment-page-\d+|/trackback/?$|/embed/?$",
    re.IGNORECASE,
)
SKIP_QUERY_KEYS = frozenset(
    {
        "s",
        "q",
        "search",
        "replytocom",
        "cpage",
        "share",
        "print",
        "format",
        "action",
        "redirect_to",
        "lang_switch",
    }
)


#: A post's comment pages (``scraper.parse.comments.paging``): ``/post-slug/comment-page-N/``
#: (WordPress pretty permalinks), query keys that number them with the number of their first page
#: (WordPress ``cpage=N``), and keys that number them only inside a comments pager (Drupal's
#: zero-based ``?page=N``; elsewhere it pages listings). Page numbers here are one-based.
COMMENT_PAGE_PATH = re.compile(r"/comment-page-(\d+)/?$", re.I)
COMMENT_PAGE_QUERY: dict[str, int] = {"cpage": 1}
COMMENT_PAGER_QUERY: dict[str, int] = {"page": 0}


def resolve(base: str, href: str) -> str | None:
    """Make ``href`` absolute against ``base``; None for non-http(s) targets."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    try:
        absolute = urljoin(base, href)
    except ValueError:
        return None
    return absolute if absolute.lower().startswith(("http://", "https://")) else None


def host_key(host: str) -> str:
    """A host with ``www.`` removed, lower-cased: ``www.example.com`` and ``example.com`` are one
    site."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def canonical_url(url: str) -> str:
    """The canonical form of ``url`` (see the module docstring). Raises ValueError for a URL
    that is not http(s) or has no host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"bad port in URL: {url!r}") from exc
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _normalise_path(parts.path)
    query = _clean_query(parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def _normalise_path(path: str) -> str:
    if not path:
        return "/"
    # Re-quote consistently: %7E and ~ are one path; spaces become %20.
    path = quote(unquote(path), safe="/:@!$&'()*+,;=-._~%")
    if "/." in path:
        trailing = path.endswith("/")
        path = posixpath.normpath(path)
        if trailing and not path.endswith("/"):
            path += "/"
    return path.replace("//", "/") if "//" in path else path


def _clean_query(query: str) -> str:
    if not query:
        return ""
    pairs = [
        (k, v)
        for k, v in parse_qsl(query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    pairs.sort()
    return urlencode(pairs)


def is_probably_page(url: str) -> bool:
    """False for links that are certainly not blog pages (images, PDFs, admin, search, reply
    links); such links are never fetched."""
    parts = urlsplit(url)
    ext = posixpath.splitext(parts.path.lower())[1]
    if ext in NON_PAGE_EXTENSIONS:
        return False
    if SKIP_PATH_PATTERNS.search(parts.path):
        return False
    keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    return not (keys & SKIP_QUERY_KEYS)


def slash_variant(url: str) -> str | None:
    """The same URL with its path's trailing slash added or removed, or None when the path is the
    root or names a file (``/a.html``). ``/post`` and ``/post/`` are one page on every blog
    platform, so a crawl that knows one never fetches the other."""
    parts = urlsplit(url)
    path = parts.path
    if path in ("", "/"):
        return None
    if path.endswith("/"):
        other = path.rstrip("/") or "/"
    else:
        if "." in path.rsplit("/", 1)[-1]:
            return None
        other = path + "/"
    return urlunsplit((parts.scheme, parts.netloc, other, parts.query, ""))


def with_query_param(url: str, key: str, value: str) -> str:
    """``url`` with query parameter ``key`` set to ``value`` (replaced if present), canonical."""
    parts = urlsplit(url)
    pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != key]
    pairs.append((key, value))
    return canonical_url(urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(pairs), "")))


def comment_page_number(url: str) -> int | None:
    """The one-based comment page a URL names by its marker, or None when it has none."""
    parts = urlsplit(url)
    found = COMMENT_PAGE_PATH.search(parts.path)
    if found:
        return int(found.group(1))
    query = dict(parse_qsl(parts.query))
    for key, first in (COMMENT_PAGE_QUERY | COMMENT_PAGER_QUERY).items():
        value = query.get(key, "")
        if value.isdigit():
            return int(value) - first + 1
    return None



def is_comment_page_url(url: str) -> bool:
    """The URL names a comment page by a marker nothing else uses (``/comment-page-N/``,
    ``cpage=N``): such a page is never a post of its own, whatever its markup says."""
    parts = urlsplit(url)
    if COMMENT_PAGE_PATH.search(parts.path):
        return True
    return any(k in COMMENT_PAGE_QUERY and v.isdigit() for k, v in parse_qsl(parts.query))



def post_of_comment_page(url: str) -> str:
    """The URL with its comment-page marker taken off (fragment dropped), so that the comment
    pages of one post all name the same post."""
    parts = urlsplit(urldefrag(url)[0])
    path = COMMENT_PAGE_PATH.sub("/", parts.path)
    markers = COMMENT_PAGE_QUERY | COMMENT_PAGER_QUERY
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if k not in markers))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path.rstrip("/") or "/",
                       query, ""))



@dataclass(frozen=True)
class Scope:
    """Which URLs belong to the crawl: same site (``www.`` ignored, either scheme) and, when given,
    under a path prefix.

    ``scheme`` and ``netloc`` are the start URL's: :meth:`normalise` rewrites an in-scope URL to
    them, so ``http://www.example.com/a`` and ``https://example.com/a`` are stored once.
    """

    host: str
    prefix: str = "/"
    scheme: str = ""
    netloc: str = ""

    @classmethod
    def for_start(cls, start_url: str, prefix: str | None = None) -> Scope:
        parts = urlsplit(canonical_url(start_url))
        host = host_key(parts.netloc)
        pref = "/"
        if prefix:
            pref = urlsplit(prefix).path if "://" in prefix else prefix
            pref = pref if pref.startswith("/") else "/" + pref
        return cls(host=host, prefix=pref, scheme=parts.scheme, netloc=parts.netloc)

    def same_site(self, url: str) -> bool:
        """Same host, any path: where robots.txt, sitemaps and feeds may live even when the
        crawl is limited to a path prefix."""
        parts = urlsplit(url)
        return parts.scheme in DEFAULT_PORTS and host_key(parts.netloc) == self.host

    def normalise(self, url: str) -> str | None:
        """The canonical form of ``url`` on this site's scheme and host, or None when it is not a
        page of this crawl (out of scope, not http(s), or not worth fetching)."""
        try:
            url = canonical_url(url)
        except ValueError:
            return None
        if not self.admits(url):
            return None
        parts = urlsplit(url)
        if self.netloc and (parts.scheme, parts.netloc) != (self.scheme, self.netloc):
            url = urlunsplit((self.scheme, self.netloc, parts.path, parts.query, ""))
        return url

    def __contains__(self, url: object) -> bool:
        if not isinstance(url, str):
            return False
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS:
            return False
        return host_key(parts.netloc) == self.host and parts.path.startswith(self.prefix)

    def admits(self, url: str) -> bool:
        """In scope and worth fetching."""
        return url in self and is_probably_page(url)
