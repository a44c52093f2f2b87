"""Reader comments as records: ``extract_comments(soup, url, platform=...) -> CommentsFound``.

Adding a comment system is a recipe: write a module with its markup as
:class:`~scraper.parse.comments.markup.CommentMarkup` data (selectors for the item, author, date,
text, reply containers, region) and list it in :data:`REGISTRY`, before the generic finder.
Order matters: specific markup (wpDiscuz inside a WordPress page, Substack's ``div.comment``,
static Disqus's ``li.comment#dsq-comment-N``) comes before broader markup (WordPress core,
Drupal's ``div.comment``).

What is (and is not) a comment:

* pingbacks and trackbacks are *not* comments: they are dropped;
* comments deleted upstream but still shown as a stub (Blogger) are kept, with the stub text,
  so that reply threading stays right;
* script-loaded systems (Disqus, Facebook, Wix, Ghost, ...) are detected and named in
  ``system`` with an empty list: their comments are not in the HTML;
* likely spam is kept and flagged (``likely_spam``, ``spam_reason``; see :mod:`.spam`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bs4 import BeautifulSoup
from bs4.element import Tag

from scraper.models import Comment, SiteProfile
from scraper.parse.comments import (
    blogger,
    drupal,
    hosted,
    lists,
    spip,
    substack,
    tumblr,
    wordpress,
)
from scraper.parse.comments.embeds import detect_embed
from scraper.parse.comments.generic import find_generic
from scraper.parse.comments.headed import find_headed
from scraper.parse.comments.markup import CommentMarkup, extract_markup
from scraper.parse.comments.pinned import drop_foreign_pinned
from scraper.parse.comments.postdate import declared_published
from scraper.parse.comments.records import RawComment, finish
from scraper.parse.comments.regions import furniture, heading_strings, outermost
from scraper.parse.comments.select import PageIndex
from scraper.parse.comments.spam import flag_spam
from scraper.parse.index import TreeIndex

__all__ = ["REGISTRY", "CommentsFound", "extract_comments"]

#: Markup extractors, most specific first; the generic finder runs after all of them.
REGISTRY: tuple[CommentMarkup, ...] = (
    *substack.MARKUPS,
    *blogger.MARKUPS,
    *hosted.MARKUPS,
    *wordpress.MARKUPS,
    *spip.MARKUPS,
    *drupal.MARKUPS,
    *lists.MARKUPS,
    *tumblr.MARKUPS,
)
#: Selectors for the post's own text, used to tell on-topic comments from spam.
TOPIC_SELECTOR = "title, h1, meta[name=description], meta[property='og:description']"
MAX_TOPIC_CHARS = 20000


@dataclass(frozen=True)
class CommentsFound:
    """The comments of one page, the system that holds them, and the elements to drop from the
    post body (comment lists, forms, headings)."""

    comments: list[Comment]
    system: str = "none"
    regions: list[Tag] = field(default_factory=list)


def extract_comments(
    soup: BeautifulSoup,
    url: str,
    *,
    platform: str,
    site: SiteProfile | None = None,
    published: datetime | None = None,
    index: TreeIndex | None = None,
) -> CommentsFound:
    """Find the reader comments of a post page.

    Args:
        soup: the parsed page (not modified).
        url: the page URL, for absolute links in comment HTML.
        platform: the parser core's platform guess; markup is also detected by signature.
        site: what is known of the site; its ``date_orders`` (per date style), then its
            ``date_order``, read ambiguous comment stamps the page itself does not settle.
        published: the post's date, when the caller knows it: year-less comment stamps
            (``Jul 14``) are read as on or after it. Without it, the date the page declares
            (meta, JSON-LD) is used.
        index: the parser core's index of ``soup``, to reuse instead of indexing it again.
    """
    html_tag = soup.find("html")
    lang = html_tag.get("lang") if isinstance(html_tag, Tag) else None
    page = PageIndex.of(soup, index)
    headings = heading_strings(page)
    regions = furniture(soup, page, headings)

    after = published or declared_published(page)

    def dated(raws: list[RawComment]) -> list[Comment]:
        return finish(
            raws,
            order=site.date_order if site else None,
            orders=site.date_orders if site else None,
            language=lang if isinstance(lang, str) else None,
            after=after,
        )

    for markup in REGISTRY:
        raws = extract_markup(soup, markup, url, page)
        if raws:
            comments = dated(drop_foreign_pinned(raws, url))
            found_in = page.select(soup, markup.region) if markup.region else []
            regions = outermost(
                [*found_in, *[raw.element for raw in raws], *regions], page
            )
            return CommentsFound(_flag(soup, page, comments), markup.system, regions)
    generic = find_generic(soup, url, index=page, headings=headings, after=after)
    if generic is not None:
        regions = outermost([*generic.regions, *regions], page)
        return CommentsFound(_flag(soup, page, dated(generic.raws)), "native", regions)
    headed = find_headed(soup, url, page)
    if headed is not None:
        regions = outermost([*headed.regions, *regions], page)
        return CommentsFound(_flag(soup, page, dated(headed.raws)), "native", regions)
    embed = detect_embed(soup, page)
    return CommentsFound([], embed or "none", regions)


def _flag(soup: BeautifulSoup, index: PageIndex, comments: list[Comment]) -> list[Comment]:
    topic = " ".join(
        str(tag.get("content") or "") if tag.name == "meta" else tag.get_text(" ")
        for tag in index.select(soup, TOPIC_SELECTOR)
    )
    body = index.select_one(soup, "article") or index.select_one(soup, "main")
    if body is not None:
        size, parts = 0, []
        for string in body.stripped_strings:
            parts.append(string)
            size += len(string) + 1
            if size >= MAX_TOPIC_CHARS:
                break
        topic += " " + " ".join(parts)
    return flag_spam(comments, topic)
