"""The fallback: any page no platform module claims. Relies on the generic heuristics alone."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(name="generic")
