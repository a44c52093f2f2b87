"""Drupal: ``node`` markup, ``field--name-*`` / ``field-name-*`` classes, ``/sites/*/files``."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="drupal",
    generator=(r"^Drupal\b",),
    markers=("/sites/default/files/", "drupal-settings-json", "Drupal.settings", "/misc/drupal.js"),
    title=("h1.page-title", "h1.node-title", "h1.title", ".node__title"),
    date=(".field--name-created", ".node__submitted time", ".submitted time", ".date"),
    author=(".node__submitted .username", ".submitted .username", ".field--name-uid",
            ".username"),
    body=(".field--name-body", ".field-name-body", ".node__content", ".node-content",
          ".content .field-item"),
    tags=(".field--name-field-tags a", ".field-name-field-tags a", ".field-tags a"),
)
