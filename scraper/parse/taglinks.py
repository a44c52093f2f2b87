"""Tags from the post's own tag links, for pages that declare none in metadata.

Blogs of every platform show a post's tags as links to tag pages: ``rel="tag"`` (microformats),
or URLs of the shape ``/tag/x``, ``/tags/x``, ``?tag=x``, ``/label/x`` (Blogger),
``/topics/x``. A site's tag *cloud* in a sidebar links the same way, so only links inside the
post's own container count: the nearest ancestor of the visible headline that holds a post's
worth of text, never a sidebar, navigation, footer or comment area inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from bs4 import Tag

from scraper.parse.generic import tag_text
from scraper.parse.walk import tags_below

__all__ = ["tag_links"]

TAG_HREF = re.compile(
    r"(?:/(?:tag|tags|label|labels|topic|topics|schlagwort|etiqueta|etiquette)/[^/?#]+/?(?:[?#]|$))"
    r"|[?&](?:tag|tags|label)=[^&#]+",
    re.IGNORECASE,
)
#: Ancestors whose links are site furniture, not the post's own tags.
FURNITURE_TAGS = frozenset({"aside", "nav", "footer", "header"})
FURNITURE_NAMES = re.compile(r"sidebar|widget|cloud|menu|footer|related", re.IGNORECASE)
MAX_TAG_CHARS = 60
MAX_TAGS = 30
#: The post container is the smallest ancestor of the headline with this much text.
MIN_CONTAINER_CHARS = 400


def tag_links(headline: Tag | None, url: str, skip: Iterable[Tag] = ()) -> list[str]:
    """The texts of the post's own tag links: inside its container, pointing at its own site (a
    ``/tags/x`` link to a social network is a hashtag, not a tag of the blog)."""
    container = _post_container(headline)
    if container is None:
        return []
    skipped = {id(t) for t in skip}
    found: list[str] = []
    for link in tags_below(container, ("a",), attr="href"):
        rel: list[str] | str = link.get("rel") or []
        href = str(link.get("href") or "")
        if "tag" not in rel and not TAG_HREF.search(href):
            continue
        if not _same_site(href, url):
            continue
        if _inside_furniture(link, container, skipped):
            continue
        text = tag_text(link).lstrip("#").strip()
        if text and len(text) <= MAX_TAG_CHARS and text not in found:
            found.append(text)
        if len(found) >= MAX_TAGS:
            break
    return found


def _same_site(href: str, page_url: str) -> bool:
    host = urlsplit(urljoin(page_url, href)).hostname or ""
    page_host = urlsplit(page_url).hostname or ""
    return not page_host or host.removeprefix("www.") == page_host.removeprefix("www.")


def _post_container(headline: Tag | None) -> Tag | None:
    node = headline.parent if headline is not None else None
    while isinstance(node, Tag) and node.name not in ("body", "html", "[document]"):
        if len(tag_text(node)) >= MIN_CONTAINER_CHARS:
            return node
        node = node.parent
    return None


def _inside_furniture(link: Tag, container: Tag, skipped: set[int]) -> bool:
    node = link.parent
    while isinstance(node, Tag) and node is not container:
        if id(node) in skipped or node.name in FURNITURE_TAGS:
            return True
        names = " ".join([*(node.get("class") or []), str(node.get("id") or "")])
        if names and FURNITURE_NAMES.search(names):
            return True
        node = node.parent
    return False
