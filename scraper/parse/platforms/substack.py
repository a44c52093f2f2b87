"""Substack: ``.post-title`` / ``.body.markup`` inside ``.available-content``."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="substack",
    generator=(r"substack",),
    markers=("substackcdn.com", "substack.com/api/", "window._preloads"),
    title=("h1.post-title", ".post-title"),
    date=(".post-date", ".pencraft time", "time"),
    author=(".post-header .profile-hover-card-target a", ".byline-names a",
            "[data-testid=navbar] .byline-names"),
    embedded_dates=(r'"post_date"\s*:\s*"([^"]+)"',),
    body=(".available-content .body.markup", ".body.markup", ".available-content"),
)
