"""The demo site's template: the page shell every page shares, and the builder's text formats.

It imitates an old, unknown site builder on purpose: no generator meta, no JSON-LD, no
``<article>`` or ``<time>``, just nested divs with builder-ish class names and inline styles,
and a sidebar (``Recent Blog Post`` / ``Popular Post``) repeated on every page. That is what the
generic parser and the template learner must cope with.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from html import escape

from scraper.demo.content import POPULAR_SIDS, SITE_NAME, TAGLINE
from scraper.demo.model import DemoPost

NAV: tuple[tuple[str, str], ...] = (
    ("Home", "/"),
    ("About Us", "/about/"),
    ("Services", "/services/"),
    ("Blog", "/blog/"),
    ("Contact", "/contact/"),
)
RECENT_COUNT = 5


def esc(text: str) -> str:
    """HTML-escape text for element content and double-quoted attributes alike."""
    return escape(text, quote=True)


def format_date(day: date) -> str:
    """The builder's post date, ``D.M.YYYY`` without zero padding (``4.12.2016``)."""
    return f"{day.day}.{day.month}.{day.year}"


def format_stamp(stamp: datetime) -> str:
    """The builder's comment stamp, ``MM/DD/YY hh:mm AM`` (``12/03/18 10:09 PM``).

    Built by hand rather than with ``%p`` so the output never depends on the process locale.
    """
    hour12 = stamp.hour % 12 or 12
    half = "AM" if stamp.hour < 12 else "PM"
    return (
        f"{stamp.month:02d}/{stamp.day:02d}/{stamp.year % 100:02d} "
        f"{hour12:02d}:{stamp.minute:02d} {half}"
    )


def newest_first(posts: Sequence[DemoPost]) -> list[DemoPost]:
    """Posts in the order the blog lists them: newest first, higher sid first on a tie."""
    return sorted(posts, key=lambda p: (p.published, p.sid), reverse=True)


def _post_links(posts: Sequence[DemoPost]) -> str:
    items = "".join(
        f'<li class="sb-side-item" style="margin:4px 0;">'
        f'<a class="sb-side-link" href="{esc(p.path)}">{esc(p.title)}</a></li>'
        for p in posts
    )
    return f'<ul class="sb-side-list" style="list-style:none;padding:0;">{items}</ul>'


def _sidebar(posts: Sequence[DemoPost]) -> str:
    by_sid = {p.sid: p for p in posts}
    recent = newest_first(posts)[:RECENT_COUNT]
    popular = [by_sid[sid] for sid in POPULAR_SIDS if sid in by_sid]
    box = '<div class="sb-side-box" style="margin-bottom:24px;">'
    title = '<div class="sb-side-title" style="font-weight:bold;font-size:15px;">'
    return (
        '<div class="sb-sidebar-col" style="float:right;width:28%;">'
        f"{box}{title}Recent Blog Post</div>{_post_links(recent)}</div>"
        f"{box}{title}Popular Post</div>{_post_links(popular)}</div>"
        "</div>"
    )


def _header() -> str:
    items = "".join(
        f'<li class="sb-menu-item" style="display:inline;margin-right:18px;">'
        f'<a class="sb-menu-link" href="{href}">{esc(label)}</a></li>'
        for label, href in NAV
    )
    return (
        '<div id="sb-header" style="padding:20px 0;border-bottom:1px solid #d8d2c4;">'
        f'<div class="sb-logo" style="font-size:26px;"><a href="/">{esc(SITE_NAME)}</a></div>'
        f'<div class="sb-tagline" style="color:#6b6b6b;">{esc(TAGLINE)}</div>'
        f'<div class="sb-nav-wrap"><ul id="sb-nav-menu" class="sb-menu">{items}</ul></div>'
        "</div>"
    )


def _footer() -> str:
    return (
        '<div id="sb-footer" style="clear:both;padding:16px 0;color:#888;font-size:12px;">'
        f'<div class="sb-footer-text">&copy; 2009–2018 {esc(SITE_NAME)} · 12 Mill Lane · '
        '<a href="/contact/">Contact us</a></div></div>'
    )


def page(title: str | None, content: str, posts: Sequence[DemoPost]) -> bytes:
    """A whole page: shell, header nav, ``content`` (already HTML), sidebar and footer.

    Args:
        title: the page's own title; the builder glues the site name onto it in ``<title>``.
            None for the home page, whose ``<title>`` is the site name alone.
        content: the main column's HTML, already escaped.
        posts: every post on the site, for the sidebar lists.
    """
    full_title = SITE_NAME if title is None else f"{title} | {SITE_NAME}"
    html = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(full_title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<style>body{font-family:Georgia,serif;color:#333;background:#faf8f3;}"
        "a{color:#4a6b5d;}</style>\n"
        '<script type="text/javascript">var _sbSite = {"siteId": 88120, "theme": "calm"};'
        "</script>\n"
        "</head>\n"
        '<body class="sb-theme-calm sb-page">\n'
        '<div id="sb-wrapper" style="max-width:960px;margin:0 auto;">'
        f"\n{_header()}\n"
        '<div id="sb-main" style="padding-top:20px;">\n'
        f'<div class="sb-content-col" style="float:left;width:68%;">\n{content}\n</div>\n'
        f"{_sidebar(posts)}\n"
        '<div style="clear:both;"></div></div>\n'
        f"{_footer()}\n"
        "</div>\n</body>\n</html>\n"
    )
    return html.encode("utf-8")
