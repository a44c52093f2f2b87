"""Structured metadata a page declares about itself, read from one parsed tree.

Sources, strongest first: JSON-LD (``@graph`` included; BlogPosting/Article/NewsArticle and
kin), schema.org microdata, microformats (h-entry, and the older hAtom ``hentry``), OpenGraph and
``article:*`` meta, then other well-known meta names (Dublin Core, Parsely, Sailthru...). Every
value keeps the name of its source, because the archive records where a date came from and the
field chooser (``fields.py``) weighs sources differently per field.

Nothing here looks at the visible page layout; that is ``headline.py``,
``pubdate.py`` and ``byline.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import Tag

from scraper.parse.index import TreeIndex
from scraper.parse.walk import text_of

__all__ = ["ARTICLE_TYPES", "Metadata", "Sourced", "extract_metadata", "tag_text"]

#: schema.org types whose ``headline``/``datePublished``/``author`` describe the page's post.
ARTICLE_TYPES: frozenset[str] = frozenset(
    {"article", "blogposting", "newsarticle", "techarticle", "report", "socialmediaposting",
     "liveblogposting", "opinionnewsarticle", "analysisnewsarticle", "reportagenewsarticle",
     "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle", "posting", "recipe",
     "howto", "review", "discussionforumposting", "creativework"}
)  # fmt: skip
#: Weaker schema.org types: their dates are used only when no article type gives one.
PAGE_TYPES: frozenset[str] = frozenset({"webpage", "itempage", "aboutpage", "collectionpage"})
#: schema.org types of an ``author`` that is an outlet, not a person who wrote the post.
ORGANIZATION_TYPES: frozenset[str] = frozenset(
    {"organization", "newsmediaorganization", "corporation", "onlinebusiness"}
)
#: schema.org types that mark a page as a listing of many posts.
LISTING_TYPES: frozenset[str] = frozenset(
    {"collectionpage", "blog", "itemlist", "searchresultspage", "profilepage"}
)

#: meta (name or property) -> field. Order inside each field is preference order.
META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("dc:title", "dc.title", "dcterms.title", "og:title", "twitter:title", "parsely-title",
              "sailthru.title", "title"),
    "published": ("article:published_time", "og:article:published_time", "article:published",
                  "datepublished", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
                  "dcterms.created", "parsely-pub-date", "sailthru.date", "publish-date",
                  "publish_date", "pubdate", "date", "citation_publication_date",
                  "citation_date", "article.published", "cxenseparse:recs:publishtime"),
    "updated": ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
                "last-modified", "article.updated"),
    "author": ("author", "article:author", "dc:creator", "dc.creator", "dcterms.creator",
               "parsely-author", "sailthru.author", "byl", "twitter:creator", "citation_author"),
    "tags": ("article:tag", "parsely-tags", "sailthru.tags"),
    "section": ("article:section", "parsely-section"),
    "site_name": ("og:site_name", "application-name", "twitter:site"),
    "type": ("og:type",),
    "language": ("og:locale", "content-language", "dc.language", "language"),
}

_WS = re.compile(r"\s+")
#: CDATA wrappers around script data, bare or hidden behind ``//`` / ``/* */`` comments.
_CDATA_OPEN = re.compile(r"^(?://|/\*)?\s*<!\[CDATA\[\s*(?:\*/)?")
_CDATA_CLOSE = re.compile(r"(?://|/\*)?\s*\]\]>\s*(?:\*/)?$")
_COMMENTISH = re.compile(r"comment", re.I)
_URLISH = re.compile(r"^(https?:)?//|^www\.|\.(com|org|net)/", re.I)


@dataclass(frozen=True)
class Sourced:
    """A value and where it was found (``json-ld``, ``meta:og:title``, ``h-entry``...)."""

    value: str
    source: str


@dataclass(frozen=True)
class Metadata:
    """Everything the page declares about itself; lists are in preference order."""

    titles: list[Sourced] = field(default_factory=list)
    published: list[Sourced] = field(default_factory=list)
    updated: list[Sourced] = field(default_factory=list)
    authors: list[Sourced] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    html_title: str = ""
    site_name: str = ""
    language: str | None = None
    og_type: str = ""
    types: frozenset[str] = frozenset()
    article_nodes: int = 0


def tag_text(tag: Tag) -> str:
    """An element's text with whitespace collapsed (inline elements do not split words)."""
    return " ".join(text_of(tag, " ").split())  # split() splits at exactly what \s matches


def _clean(value: object) -> str:
    return _WS.sub(" ", value).strip() if isinstance(value, str) else ""


def extract_metadata(index: TreeIndex) -> Metadata:
    """Collect titles, dates, authors, tags and types from every structured source on the page."""
    titles: list[Sourced] = []
    published: list[Sourced] = []
    updated: list[Sourced] = []
    authors: list[Sourced] = []
    tags: list[str] = []
    categories: list[str] = []
    types: set[str] = set()
    articles = 0

    page_dates: list[Sourced] = []
    people: list[str] = []
    for node, graph in _jsonld_nodes(index):
        node_types = {t.lower() for t in _as_list(node.get("@type")) if isinstance(t, str)}
        types |= node_types
        if node_types & ARTICLE_TYPES:
            articles += 1
            if articles > 1:  # a listing's many posts, or related posts: keep the first one
                continue
            for key in ("headline", "name"):
                if _clean(node.get(key)):
                    titles.append(Sourced(_unescape(_clean(node.get(key))), "json-ld"))
                    break
            _add(published, node.get("datePublished") or node.get("dateCreated"), "json-ld")
            _add(updated, node.get("dateModified"), "json-ld")
            creators = node.get("author") or node.get("creator")
            for name in _person_names(creators, graph, node.get("publisher")):
                authors.append(Sourced(name, "json-ld"))
            tags.extend(_keywords(node.get("keywords")))
            categories.extend(_clean(s) for s in _as_list(node.get("articleSection")) if _clean(s))
        elif node_types & PAGE_TYPES:
            _add(page_dates, node.get("datePublished"), "json-ld-page")
            people.extend(_person_names(node.get("author"), graph, node.get("publisher")))
        elif "person" in node_types and _clean(node.get("name")):
            people.append(_clean(node.get("name")))
    if not published:
        published.extend(page_dates)

    if not authors and len(set(people)) == 1:
        # Yoast-style graphs name the post's author as the page's only Person.
        authors.append(Sourced(people[0], "json-ld-person"))
    _microformats(index, titles, published, updated, authors, categories)

    meta = _meta_values(index)
    for value in meta.get("title", []):
        titles.append(Sourced(value.value, value.source))
    published.extend(meta.get("published", []))
    updated.extend(meta.get("updated", []))
    authors.extend(a for a in meta.get("author", []) if not _URLISH.search(a.value))
    for value in meta.get("tags", []):
        tags.extend(t.strip() for t in value.value.split(",") if t.strip())
    categories.extend(v.value for v in meta.get("section", []))
    # microdata last: its itemprops often carry a local time without the offset the meta has
    _microdata(index, titles, published, updated, authors)

    title_tag = next(iter(index.tags("title")), None)
    language = _language(index, meta)
    return Metadata(
        titles=titles,
        published=published,
        updated=updated,
        authors=[a for a in authors if a.value],
        tags=_dedupe(tags),
        categories=_dedupe(categories),
        html_title=tag_text(title_tag) if isinstance(title_tag, Tag) else "",
        site_name=_first(meta.get("site_name")),
        language=language,
        og_type=_first(meta.get("type")).lower(),
        types=frozenset(types),
        article_nodes=articles,
    )


def _first(values: list[Sourced] | None) -> str:
    return values[0].value if values else ""


def _add(target: list[Sourced], value: object, source: str) -> None:
    for item in _as_list(value):
        text = _clean(item)
        if text:
            target.append(Sourced(text, source))
            return


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    return BeautifulSoup(text, "html.parser").get_text()


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _keywords(value: object) -> list[str]:
    out: list[str] = []
    for item in _as_list(value):
        if isinstance(item, str):
            out.extend(k.strip() for k in item.split(",") if k.strip())
    return out


# ------------------------------------------------------------------ JSON-LD


Graph = dict[str, dict[str, Any]]


def _jsonld_nodes(index: TreeIndex) -> Iterator[tuple[dict[str, Any], Graph]]:
    """Every JSON-LD object on the page (``@graph`` flattened), with an ``@id`` index."""
    for script in index.tags("script"):
        kind = script.get("type")
        if not isinstance(kind, str) or "ld+json" not in kind.lower():
            continue
        raw = script.string or script.get_text()
        data = _loads(raw)
        if data is None:
            continue
        nodes = list(_flatten(data))
        graph = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
        for node in nodes:
            yield node, graph


def _loads(raw: str) -> Any:
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    raw = _CDATA_OPEN.sub("", raw, count=1)
    raw = _CDATA_CLOSE.sub("", raw, count=1)
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        return None


def _flatten(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _flatten(data["@graph"], depth + 1)
        if "@type" in data:
            yield data
        main = data.get("mainEntity") or data.get("mainEntityOfPage")
        if isinstance(main, dict) and "@type" in main:
            yield from _flatten(main, depth + 1)


def _person_names(value: object, graph: Graph, publisher: object = None) -> list[str]:
    """Names of the people in an ``author`` value. An Organization (the outlet itself, as news
    sites declare it) is not a post's author, nor is an untyped name equal to the publisher's;
    a declared Person always is (personal blogs name themselves as publisher too)."""
    outlet = {name.casefold() for _, name in _named(publisher, graph)}
    return [
        name
        for types, name in _named(value, graph)
        if "person" in types
        or not (types & ORGANIZATION_TYPES or name.casefold() in outlet)
    ]


def _named(value: object, graph: Graph) -> Iterator[tuple[frozenset[str], str]]:
    """(lower-cased ``@type`` set, name) of each named item in a JSON-LD value (``@id`` refs
    resolved, URL-like names dropped)."""
    for item in _as_list(value):
        if isinstance(item, dict):
            ref = item.get("@id")
            if "name" not in item and isinstance(ref, str) and ref in graph:
                item = graph[ref]
            name = _clean(item.get("name"))
            types = frozenset(t.lower() for t in _as_list(item.get("@type")) if isinstance(t, str))
            if name and not _URLISH.search(name):
                yield types, name
        elif isinstance(item, str) and _clean(item) and not _URLISH.search(item):
            yield frozenset(), _clean(item)


# ------------------------------------------------------------------ microdata / microformats

#: The microdata item that describes the post.
MICRODATA_SCOPE = (
    "[itemtype*='schema.org/BlogPosting'], [itemtype*='schema.org/Article'],"
    " [itemtype*='schema.org/NewsArticle'], [itemtype*='schema.org/TechArticle']"
)
#: itemprop date attributes, best first.
DATE_ATTRS: tuple[str, ...] = ("datetime", "content", "title", "value")


def _attr_or_text(tag: Tag, attrs: tuple[str, ...] = DATE_ATTRS) -> str:
    for attr in attrs:
        value = tag.get(attr)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return tag_text(tag)


def _microdata(
    index: TreeIndex,
    titles: list[Sourced],
    published: list[Sourced],
    updated: list[Sourced],
    authors: list[Sourced],
) -> None:
    scope = index.select_one(MICRODATA_SCOPE)
    if scope is None:
        return
    head = (index.select_one_below(scope, "[itemprop~=headline]")
            or index.select_one_below(scope, "[itemprop~=name]"))
    if head is not None:
        text = _attr_or_text(head, ("content",))
        if text:
            titles.append(Sourced(text, "microdata"))
    for prop, target in (("datePublished", published), ("dateModified", updated)):
        tag = index.select_one_below(scope, f"[itemprop~={prop}]")
        if tag is not None:
            _add(target, _attr_or_text(tag), "microdata")
    author = index.select_one_below(scope, "[itemprop~=author]")
    if author is not None:
        name = index.select_one_below(author, "[itemprop~=name]")
        text = _attr_or_text(name, ("content",)) if name is not None else tag_text(author)
        if text and len(text) < 80:
            authors.append(Sourced(text, "microdata"))


def _microformats(
    index: TreeIndex,
    titles: list[Sourced],
    published: list[Sourced],
    updated: list[Sourced],
    authors: list[Sourced],
    categories: list[str],
) -> None:
    entry = _post_entry(index, ".h-entry") or _post_entry(index, ".hentry")
    if entry is None:
        return
    source = "h-entry" if "h-entry" in (entry.get("class") or []) else "hentry"
    name = index.select_one_below(entry, ".p-name" if source == "h-entry" else ".entry-title")
    if name is not None and tag_text(name) and len(tag_text(name)) < 300:
        titles.append(Sourced(tag_text(name), source))
    for selector, target in ((".dt-published, .published", published),
                             (".dt-updated, .updated", updated)):
        tag = index.select_one_below(entry, selector)
        if tag is not None:
            _add(target, _attr_or_text(tag, ("datetime", "title", "value")), source)
    for selector in HENTRY_AUTHORS:  # the name inside the card before the whole card
        author = index.select_one_below(entry, selector)
        if author is not None and 0 < len(tag_text(author)) < 80:
            authors.append(Sourced(tag_text(author), source))
            break
    categories.extend(
        tag_text(t) for t in index.select_below(entry, ".p-category") if tag_text(t)
    )


#: A microformat entry's author, most precise first: a card's name element, then the card
#: itself (whose text may carry "by"/"vom" and more).
HENTRY_AUTHORS = (".p-author .p-name", ".author .fn", ".p-author.h-card", ".author.vcard")


def _post_entry(index: TreeIndex, selector: str) -> Tag | None:
    """The first entry that is not a reader comment (comment templates reuse ``hentry``)."""
    for entry in index.select(selector, limit=20):
        node: Tag | None = entry
        while node is not None and not _COMMENTISH.search(_names(node)):
            node = node.parent
        if node is None:
            return entry
    return None


def _names(tag: Tag) -> str:
    classes = tag.get("class")
    ident = tag.get("id")
    names = " ".join(str(c) for c in classes) if isinstance(classes, list) else ""
    return f"{names} {ident}" if isinstance(ident, str) else names


# ------------------------------------------------------------------ meta


def _meta_values(index: TreeIndex) -> dict[str, list[Sourced]]:
    wanted = {key: name for name, keys in META_FIELDS.items() for key in keys}
    rank = {key: i for keys in META_FIELDS.values() for i, key in enumerate(keys)}
    found: dict[str, list[tuple[int, Sourced]]] = {}
    for meta in index.tags("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if not isinstance(key, str):
            http_equiv = meta.get("http-equiv")
            if not isinstance(http_equiv, str):
                continue
            key = http_equiv
        content = _clean(meta.get("content"))
        if not content:
            continue
        for name in key.lower().split():  # RDFa allows several: property="og:title dc:title"
            if name in wanted:
                found.setdefault(wanted[name], []).append((rank[name], Sourced(content,
                                                                               f"meta:{name}")))
    return {k: [s for _, s in sorted(v, key=lambda p: p[0])] for k, v in found.items()}


def _language(index: TreeIndex, meta: dict[str, list[Sourced]]) -> str | None:
    for html in index.tags("html")[:1]:
        lang = html.get("lang") or html.get("xml:lang")
        if isinstance(lang, str) and lang.strip():
            return lang.strip()
    value = _first(meta.get("language"))
    return value.replace("_", "-") if value else None
