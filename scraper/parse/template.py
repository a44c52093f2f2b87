"""The site template: what repeats across a site's pages is furniture, not a post.

Given several pages of one site, every text block (a leaf-ish block element: div, li, p, ul...)
is fingerprinted; a block whose text appears on at least :data:`MIN_SHARE` of the pages (and on
at least two) is boilerplate: "Recent Blog Post" sidebars, footers, share bars, newsletter
boxes. The body extractor drops such blocks. The same pass gathers every numeric date seen on
the site, so that ``dates.resolve_order`` can settle day/month order from all of them at once
(``4.12.2016`` alone is ambiguous; ``23.11.2016`` on another page is not).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bs4 import BeautifulSoup

from scraper import dates
from scraper.models import SiteProfile
from scraper.parse.body import block_fingerprint
from scraper.parse.decode import decode_html
from scraper.parse.generic import tag_text
from scraper.parse.tree import build_soup

__all__ = ["learn_profile", "page_blocks"]

#: A block is boilerplate when it appears on at least this share of the pages...
MIN_SHARE = 0.5
#: ...and on at least this many pages.
MIN_PAGES = 2
#: Blocks considered: containers whose text is a unit of page layout.
BLOCK_TAGS: tuple[str, ...] = ("div", "section", "aside", "footer", "header", "nav", "ul", "ol",
                               "li", "p", "table", "form", "h2", "h3", "h4")
#: Longer blocks are too specific to be template (and costly to hash).
MAX_BLOCK_CHARS = 3000
MIN_BLOCK_CHARS = 3


def page_blocks(soup: BeautifulSoup) -> set[str]:
    """Fingerprints of every text block on one page."""
    found: set[str] = set()
    body = soup.body or soup
    for tag in body.find_all(BLOCK_TAGS):
        text = tag_text(tag)
        if MIN_BLOCK_CHARS <= len(text) <= MAX_BLOCK_CHARS:
            found.add(block_fingerprint(text))
    return found


def learn_profile(pages: Iterable[tuple[str | bytes, str]]) -> SiteProfile:
    """Learn a site's boilerplate blocks and date order from ``(html, url)`` pairs.

    Args:
        pages: pages of ONE site (posts and listings alike); more pages give a better template.

    Returns:
        A SiteProfile whose ``boilerplate`` holds fingerprints (see ``body.block_fingerprint``),
        whose ``date_order`` comes from every numeric date on the pages, and whose
        ``date_orders`` holds the order per date style that those dates settle.
    """
    counts: Counter[str] = Counter()
    samples: list[str] = []
    language: str | None = None
    n = 0
    for html, _url in pages:
        soup = build_soup(decode_html(html))
        n += 1
        counts.update(page_blocks(soup))
        body = soup.body or soup
        samples.extend(dates.find_numeric_dates(body.get_text(" ")))
        root = soup.find("html")
        lang = root.get("lang") if root is not None and hasattr(root, "get") else None
        if language is None and isinstance(lang, str) and lang.strip():
            language = lang.strip()
    needed = max(MIN_PAGES, int(n * MIN_SHARE + 0.999))
    boilerplate = frozenset(fp for fp, c in counts.items() if c >= needed) if n >= MIN_PAGES else (
        frozenset()
    )
    order, evidence = dates.resolve_order(samples, language)
    return SiteProfile(date_order=order, date_order_evidence=evidence, boilerplate=boilerplate,
                       date_orders=dates.resolve_orders(samples))
