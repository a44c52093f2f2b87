"""The post's VISIBLE headline, not the ``<title>`` with the site name glued on.

Declared titles (JSON-LD headline, og:title, h-entry name, ``<title>`` split at its separators)
are used as *references*: the headline is the heading element on the page that best matches one
of them. This survives themes where the first ``<h1>`` is the logo, SEO titles that differ from
the visible one, and pages with no ``<h1>`` at all. Only when no heading matches does a declared
title stand in, and only as a last resort the ``<title>`` minus its site-name part.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4.element import NavigableString, Tag

from scraper.parse.generic import Metadata, Sourced
from scraper.parse.index import TreeIndex
from scraper.parse.walk import first_below, text_of

__all__ = ["Headline", "find_headline", "site_names", "split_html_title"]

#: Elements that may hold the visible headline, in preference order.
HEADING_SELECTORS: tuple[str, ...] = (
    "[itemprop~=headline]", ".entry-title", ".post-title", ".p-name", "h1", "h2", "h3",
)
#: At most this many headings are compared (listings and mega-menus have hundreds).
MAX_HEADINGS = 60
#: A heading is the headline when its token similarity to a declared title reaches this.
MATCH_THRESHOLD = 0.7
#: A heading matching one ``<title>`` part (not the whole title) scores a little less.
PART_WEIGHT = 0.95
#: A line of a ``<br>``-broken heading replaces it when it matches this much better.
LINE_MARGIN = 0.05
MAX_TITLE_CHARS = 400
#: An ``<h1>`` that opens the ``<title>`` up to a sentence mark ("Headline? Deck - Site") is
#: the headline, scored as a bare match (any heading that matches better wins).
LEAD_SCORE = MATCH_THRESHOLD
MIN_LEAD_TOKENS = 3
LEAD_MARKS = "?!.:"
#: Separators between a page title and the site name in ``<title>``.
#: Full-width ones need no space around them, except ``：`` (also a headline's own colon,
#: "两会：出国..."), which separates only after a space ("成否　：日本経済新聞").
TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—·•»«:/\\]|::)\s+|\s*｜\s*|\s+：\s*")
#: class/id words of the element that shows the site's own name (logo, masthead title).
SITE_NAME_CLASSES = re.compile(
    r"(^|[-_\s])(logo|site-?title|site-?name|site-?branding|brand|blog-?title|blog-?name|"
    r"masthead)([-_\s]|$)",
    re.I,
)
#: Paths of a site's home page: a link there whose text is a ``<title>`` part names the site.
HOME_PATHS: frozenset[str] = frozenset({"", "/", "/index.html", "/index.htm", "/index.php"})
#: Slashes before any query or fragment of a link home: "//" before a host, and the path's.
_MAX_HOME_SLASHES = 2 + max(path.count("/") for path in HOME_PATHS)
MAX_SITE_NAME_CHARS = 100
#: Permalink marks that themes append to headings.
ANCHOR_MARKS = "¶#§🔗"
#: Han and kana, written without spaces between words: each character is one token.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_TOKENS = re.compile(rf"[{_UNSPACED}]|(?:(?![{_UNSPACED}])\w)+", re.UNICODE)
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Headline:
    """The chosen title text, the element it came from (None for a declared title), and why."""

    text: str
    element: Tag | None
    source: str


def split_html_title(title: str, site_name: str | Iterable[str] = "") -> str:
    """``<title>`` minus the site name.

    A part equal to a known site name is cut off at its separator (the rest is kept whole, so a
    title with its own " - " survives); with no known site name, the longest part wins.
    """
    names = {_norm(n) for n in ([site_name] if isinstance(site_name, str) else site_name)}
    names.discard("")
    pieces = TITLE_SEPARATORS.split(title)
    parts = [p.strip() for p in pieces if p.strip()]
    if len(parts) <= 1:
        return title.strip()
    if names:
        seps = TITLE_SEPARATORS.findall(title)
        if _norm(parts[-1]) in names and len(seps) >= 1:
            return title[: title.rfind(seps[-1])].strip()
        if _norm(parts[0]) in names and len(seps) >= 1:
            return title[title.find(seps[0]) + len(seps[0]) :].strip()
        kept = [p for p in parts if _norm(p) not in names]
        if len(kept) == 1:
            return kept[0]
        parts = kept or parts
    return max(parts, key=len)


def site_names(index: TreeIndex, meta: Metadata) -> list[str]:
    """Names the site gives itself: og:site_name, home-link texts, logo/masthead texts."""
    names = [meta.site_name] if meta.site_name else []
    home: dict[str, bool] = {}  # menus and footers repeat their links
    for a in index.tags("a"):
        href = a.get("href")
        if not isinstance(href, str):
            continue
        if href not in home:
            home[href] = _is_home(href)
        if home[href]:
            text = _heading_text(a)
            if 0 < len(text) <= MAX_SITE_NAME_CHARS:
                names.append(text)
    for tag in index.with_names(SITE_NAME_CLASSES)[:10]:
        text = _heading_text(tag)
        if 0 < len(text) <= MAX_SITE_NAME_CHARS:
            names.append(text)
    return names


def find_headline(
    index: TreeIndex, meta: Metadata, selectors: Iterable[str] = (), url: str = ""
) -> Headline:
    """Pick the visible headline; platform ``selectors`` are tried before generic headings.

    A heading linking to the site's front page, or to a folder above the page's own ``url``
    (a blog in a subdirectory: ``<h1><a href="/filmgang/">The Film Gang</a></h1>`` on
    ``/filmgang/2013/02/08/post/``), names the site or a section, never the post.
    Declared titles that name the site, not the page (og:title equal to og:site_name, or meta
    titles of a page whose canonical URL is the site's home) are not references: then a lone
    heading classed as the post's title (``blog-post-title``) beats the ``<title>``.
    """
    titles = _page_titles(index, meta)
    site_level = len(titles) < len(meta.titles)
    references = [s.value for s in titles]
    names = site_names(index, meta) if meta.html_title else []
    if meta.html_title:
        references.append(meta.html_title)
        references.append(split_html_title(meta.html_title, names))
    ref_tokens = [_tokens(r) for r in references if r]
    part_tokens = [_tokens(p) for p in _title_parts(meta.html_title, names)]
    headings = _headings(index, selectors, url)
    shown = {_flat(text) for _, text in headings} | {_flat(n) for n in names}
    best: tuple[float, int, Tag, str] | None = None
    for rank, (tag, text) in enumerate(headings):
        tokens = _tokens(text)
        similarity = max((_similarity(tokens, ref) for ref in ref_tokens), default=0.0)
        for i, part in enumerate(part_tokens):  # an earlier <title> part is likelier the post's
            similarity = max(similarity, _similarity(tokens, part) * (PART_WEIGHT - 0.01 * i))
        share = _title_share(tag, text, meta.html_title, shown)
        if share is not None:
            similarity = share if share == 0.0 else max(similarity, share)
        if similarity >= MATCH_THRESHOLD and (best is None or similarity > best[0] + 1e-9):
            best = (similarity, rank, tag, text)
    if best is not None:
        declared_titles = [s.value for s in titles]
        text = _best_line(best[2], best[3], [_tokens(t) for t in declared_titles if t])
        return Headline(_trim_to_declared(text, declared_titles), best[2], "heading")
    for selector in selectors:
        found = _select_text(index, selector)
        if found:
            return Headline(found[1], found[0], "platform")
    declared = next((s for s in titles if s.value), None)
    if declared is not None:
        return Headline(declared.value, None, declared.source)
    if site_level:
        classed = _classed_title(index, url)
        if classed is not None:
            return Headline(classed[1], classed[0], "heading")
        # no post heading either: the site's name stands, as a home or section page's title
        declared = next((s for s in meta.titles if s.value), None)
        if declared is not None:
            return Headline(declared.value, None, declared.source)
    # No declared title and no heading matching <title>: the <title> is the page's own name
    # unless it is only the site's name (then a lone <h1> is the better guess).
    h1s = [(t, x) for t, x in headings if t.name == "h1"]
    if meta.html_title and _norm(meta.html_title) not in {_norm(n) for n in names}:
        return Headline(split_html_title(meta.html_title, names), None, "title")
    if len(h1s) == 1:
        return Headline(h1s[0][1], h1s[0][0], "h1")
    if headings:
        return Headline(headings[0][1], headings[0][0], "heading")
    return Headline("", None, "none")


def _page_titles(index: TreeIndex, meta: Metadata) -> list[Sourced]:
    """The declared titles that name the page: not the site's name (og:title equal to
    og:site_name), and no meta title of a page whose canonical URL or og:url is the site's home
    (those describe the home page)."""
    site = _norm(meta.site_name)
    home = _declares_home(index)
    return [
        t for t in meta.titles
        if not (site and _norm(t.value) == site) and not (home and t.source.startswith("meta:"))
    ]


def _declares_home(index: TreeIndex) -> bool:
    """``<link rel=canonical>`` or ``og:url`` points at the site's front page."""
    for link in index.tags("link"):
        rel = link.get("rel")
        href = link.get("href")
        if isinstance(rel, list) and "canonical" in (r.lower() for r in rel):
            return isinstance(href, str) and _is_site_root(href)
    for meta in index.tags("meta"):
        if meta.get("property") == "og:url":
            content = meta.get("content")
            return isinstance(content, str) and _is_site_root(content)
    return False


def _is_site_root(href: str) -> bool:
    """An absolute URL of a site's front page."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return bool(parts.netloc) and parts.path in HOME_PATHS and not parts.query


#: Class words of the heading that holds the post's own title (``blog-post-title``).
POST_TITLE_CLASS = re.compile(r"(?:post|entry)-?title", re.I)
POST_TITLE_TAGS = ("h1", "h2", "h3", "h4")


def _classed_title(index: TreeIndex, url: str) -> tuple[Tag, str] | None:
    """The page's one heading classed as a post's title; none when there are several (a
    listing's teasers)."""
    found: list[tuple[Tag, str]] = []
    for tag in index.tags(*POST_TITLE_TAGS):
        classes = tag.get("class")
        if isinstance(classes, list) and any(POST_TITLE_CLASS.search(c) for c in classes):
            text = _heading_text(tag)
            if 0 < len(text) <= MAX_TITLE_CHARS and not _links_home(tag, url):
                found.append((tag, text))
    return found[0] if len(found) == 1 else None


def _title_parts(title: str, names: list[str]) -> list[str]:
    """Each ``<title>`` part that is not a site name: a short headline ("Mozilla") matches its
    own part exactly, where it would fall short of the whole title."""
    site = {_norm(n) for n in names}
    parts = [p.strip() for p in TITLE_SEPARATORS.split(title) if p.strip()]
    return [p for p in parts if len(parts) > 1 and _norm(p) not in site]


def _links_home(tag: Tag, url: str) -> bool:
    """A heading that links to the site's front page, or to a folder above the page, is the
    logo or a section's name, not a headline."""
    a = tag if tag.name == "a" else first_below(tag, ("a",), attr="href")
    if a is None:
        return False
    href = a.get("href")
    return isinstance(href, str) and (_is_home(href) or _is_above(href, url))


def _is_above(href: str, url: str) -> bool:
    """The link points at a folder that holds the page (``/blog/`` above ``/blog/2013/post/``):
    same host, no query, a proper prefix of the page's path ending at a ``/``."""
    if not url or not href.strip() or href.startswith("#"):
        return False
    try:
        page = urlsplit(url)
        target = urlsplit(urljoin(url, href.strip()))
    except ValueError:
        return False
    if target.netloc != page.netloc or target.query or not target.path:
        return False
    folder = target.path if target.path.endswith("/") else target.path + "/"
    return page.path.startswith(folder) and page.path.rstrip("/") != target.path.rstrip("/")


def _is_home(href: str) -> bool:
    """The link points at the site's front page (``/``, ``/index.html``, ``https://host/``)."""
    if not href.strip() or href.startswith("#"):
        return False
    if href.split("?", 1)[0].split("#", 1)[0].count("/") > _MAX_HOME_SLASHES:
        return False  # a path of two or more segments (most links): no need to split it
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return parts.path in HOME_PATHS and not parts.query


def _title_share(tag: Tag, text: str, title: str, shown: set[str]) -> float | None:
    """How a heading shares the ``<title>`` with another text joined at a sentence mark:

    * an ``<h1>`` opens it and a deck follows ("Florida, Alabama grandstanding? Urban Meyer,
      Nick Saban take stands on agents - ESPN"): the headline, ``LEAD_SCORE``;
    * it opens it and the rest is another heading on the page ("Blog Name: Post Title"): the
      site's name, 0.0;
    * it ends it after a ``:`` and what opens it is another heading or the site's name
      ("Schneier on Security: New SSL Vulnerability"): the headline, ``LEAD_SCORE``.

    None when the heading is neither the title's start nor its end.
    """
    head, whole = _flat(text), _flat(title)
    if not head or len(whole) <= len(head) + 1:
        return None
    if whole.startswith(head) and (head[-1] in LEAD_MARKS or whole[len(head)] in LEAD_MARKS):
        if whole[len(head) :].strip(" " + LEAD_MARKS) in shown:
            return 0.0
        if tag.name == "h1" and len(_tokens(text)) >= MIN_LEAD_TOKENS:
            return LEAD_SCORE
        return None
    if whole.endswith(head) and whole[: -len(head)].endswith(": "):
        return LEAD_SCORE if whole[: -len(head)].rstrip(" :") in shown else None
    return None


def _flat(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


def _trim_to_declared(text: str, references: list[str]) -> str:
    """A heading that wraps a declared title plus a dated badge ("Jun 17") yields the title."""
    tokens = _tokens(text)
    for ref in references:
        ref_tokens = _tokens(ref)
        extra = len(tokens) - len(ref_tokens)
        if (
            ref_tokens
            and 0 < extra <= 4
            and _contains(tokens, ref_tokens)
            and any(ch.isdigit() for ch in text.replace(ref, ""))
        ):
            return ref.strip()
    return text


def _best_line(tag: Tag, text: str, references: list[list[str]]) -> str:
    """A heading broken by ``<br>`` into headline and byline ("Title<br>Staff writer Ann")
    yields the line that matches a declared title best, when it matches clearly better."""
    if not references or tag.find("br") is None:
        return text
    lines = [_WS.sub(" ", line).strip() for line in _lines(tag)]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        return text

    def score(candidate: str) -> float:
        tokens = _tokens(candidate)
        return max(_similarity(tokens, ref) for ref in references)

    best = max(lines, key=score)
    return best if score(best) > score(text) + LINE_MARGIN else text


def _lines(tag: Tag) -> list[str]:
    lines = [""]
    for node in tag.descendants:
        if isinstance(node, Tag) and node.name == "br":
            lines.append("")
        elif type(node) is NavigableString:
            lines[-1] += str(node)
    return lines


def _contains(tokens: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(tokens[i : i + n] == part for i in range(len(tokens) - n + 1))


def _select_text(index: TreeIndex, selector: str) -> tuple[Tag, str] | None:
    tag = index.select_one(selector)
    if tag is None:
        return None
    text = _heading_text(tag)
    return (tag, text) if 0 < len(text) <= MAX_TITLE_CHARS else None


def _heading_text(tag: Tag) -> str:
    """Heading text as rendered: inline markup adds no spaces ("Metroid</a>, One"); a trailing
    permalink mark ("¶", "#") is not part of it; a ``<br>`` is a space."""
    text = " ".join(_lines(tag)) if first_below(tag, ("br",)) is not None else text_of(tag)
    return _WS.sub(" ", text).strip().rstrip(ANCHOR_MARKS).strip()


def _headings(index: TreeIndex, selectors: Iterable[str], url: str) -> list[tuple[Tag, str]]:
    seen: set[int] = set()
    out: list[tuple[Tag, str]] = []
    for selector in (*selectors, *HEADING_SELECTORS):
        for tag in index.select(selector, limit=MAX_HEADINGS):
            if id(tag) in seen or tag.name in ("meta", "title", "html", "body", "article"):
                continue
            if _links_home(tag, url):
                continue
            seen.add(id(tag))
            text = _heading_text(tag)
            if 0 < len(text) <= MAX_TITLE_CHARS:
                out.append((tag, text))
        if len(out) >= MAX_HEADINGS:
            break
    return out


def _norm(text: str) -> str:
    return " ".join(_tokens(text))


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(unicodedata.normalize("NFKC", text).casefold())


def _similarity(a: list[str], b: list[str]) -> float:
    """Token F1 between two titles (1.0 for identical token lists)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    pool: dict[str, int] = {}
    for tok in b:
        pool[tok] = pool.get(tok, 0) + 1
    common = 0
    for tok in a:
        if pool.get(tok, 0) > 0:
            pool[tok] -= 1
            common += 1
    return 2 * common / (len(a) + len(b))
