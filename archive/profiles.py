"""A site's learned profile (``scraper.models.SiteProfile``): stored with the site, learned once
from its stored pages.

The profile changes how pages parse (boilerplate blocks dropped from bodies, day/month order of
``4.12.2016``), so it is learned at the end of a site's first crawl from the raw pages already in
the archive — no extra requests — and then kept fixed: later runs parse exactly as the first did,
and an unchanged post never gets a spurious new version. ``blog-archiver reparse --relearn``
learns it again on purpose. Like ``archive.jobs`` this module wires the web side in.
"""

from __future__ import annotations

import json
from typing import Any, cast

from archive.store import Archive, Site
from scraper.models import DateOrder, SiteProfile

__all__ = ["learn_site_profile", "profile_of", "save_profile"]

#: Pages sampled to learn a template: enough for "repeats on most pages" to mean something.
SAMPLE_PAGES = 40
MIN_PAGES = 3


def profile_of(site: Site) -> SiteProfile:
    """The profile stored for ``site`` (empty when nothing was learned yet)."""
    data: dict[str, Any] = json.loads(site.profile or "{}") if site.profile else {}
    return SiteProfile(
        date_order=cast(DateOrder | None, data.get("date_order") or site.date_order),
        date_order_evidence=data.get("date_order_evidence") or site.date_order_evidence,
        boilerplate=frozenset(data.get("boilerplate") or ()),
        date_orders=dict(data.get("date_orders") or {}),
    )


def save_profile(archive: Archive, site_id: int, profile: SiteProfile) -> None:
    data = {
        "date_order": profile.date_order,
        "date_order_evidence": profile.date_order_evidence,
        "date_orders": dict(profile.date_orders),
        "boilerplate": sorted(profile.boilerplate),
    }
    with archive.db.atomic():
        archive.db.execute(
            "UPDATE sites SET profile = ?, date_order = ?, date_order_evidence = ? WHERE id = ?",
            [json.dumps(data), profile.date_order, profile.date_order_evidence, site_id],
        )


def learn_site_profile(archive: Archive, site_id: int, known: SiteProfile) -> SiteProfile:
    """Learn boilerplate (and confirm date order) from up to ``SAMPLE_PAGES`` stored HTML pages of
    the site; what ``known`` already settled (the date order learned while crawling) is kept."""
    from scraper.parse.template import learn_profile

    rows = archive.db.execute(
        "SELECT p.url, p.content_hash FROM pages p WHERE p.site_id = ? AND p.kind IN "
        "('post', 'listing', 'other') AND p.content_hash IS NOT NULL "
        "ORDER BY p.kind = 'post' DESC, p.id LIMIT ?",
        [site_id, SAMPLE_PAGES],
    ).fetchall()
    pages = [(body, url) for url, key in rows if (body := archive.raw_body(key)) is not None]
    if len(pages) < MIN_PAGES:
        return known
    learned = learn_profile(pages)
    return SiteProfile(
        date_order=known.date_order or learned.date_order,
        date_order_evidence=known.date_order_evidence or learned.date_order_evidence,
        boilerplate=learned.boilerplate,
        date_orders=dict(known.date_orders or learned.date_orders),
    )
