"""SPIP (French CMS): generator "SPIP x.y", ``spip.php`` URLs, ``.texte`` / ``.chapo`` blocks."""

from __future__ import annotations

from scraper.parse.platforms.base import Platform

PLATFORM = Platform(
    name="spip",
    generator=(r"^SPIP\b",),
    markers=("spip.php?", "squelettes-dist/", "/squelettes/"),
    title=("h1.crayon", "h1.titre", ".titre h1", "h1"),
    date=("abbr.published", ".info-publi abbr"),
    author=(".vcard.author .fn", ".info-publi .fn", ".auteurs a", ".auteurs", ".lesauteurs .nom",
            ".author"),
    body=(".texte.surlignable", ".chapo, .texte", ".texte"),
    tags=("a[rel=tag]", ".mots a"),
)
