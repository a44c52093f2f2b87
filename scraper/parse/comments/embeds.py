"""Script-loaded comment systems: detected and named, even though their comments are not in
the HTML (Disqus, Facebook, Wix, Squarespace, Ghost, Commento, remark42, ...).

Each signature is a CSS selector for the system's mount point and/or a substring of a script
``src`` or inline script; the first system that matches names the page's comment system.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup

from scraper.parse.comments.select import PageIndex

__all__ = ["EMBED_SIGNATURES", "EmbedSignature", "detect_embed"]


@dataclass(frozen=True)
class EmbedSignature:
    """How one script-loaded comment system shows itself in a page."""

    system: str
    selector: str = ""
    script: tuple[str, ...] = ()


EMBED_SIGNATURES: tuple[EmbedSignature, ...] = (
    EmbedSignature("disqus", "#disqus_thread", ("disqus.com/embed.js", "disqus_shortname")),
    EmbedSignature("facebook", ".fb-comments", ("connect.facebook.net/en_us/sdk", "fb:comments")),
    EmbedSignature("wix", "", ("wix-comments", "comments-ooi")),
    EmbedSignature("squarespace", ".squarespace-comments", ("squarespace-comments",)),
    EmbedSignature("ghost", "#ghost-comments-root", ("comments-ui",)),
    EmbedSignature("commento", "#commento", ("commento.js",)),
    EmbedSignature("remark42", "#remark42", ("remark42",)),
    EmbedSignature("isso", "#isso-thread", ("isso/js/embed",)),
    EmbedSignature("utterances", ".utterances", ("utteranc.es",)),
    EmbedSignature("giscus", ".giscus", ("giscus.app",)),
    EmbedSignature("hyvor", "#hyvor-talk-view", ("talk.hyvor.com",)),
    EmbedSignature("cusdis", "#cusdis_thread", ("cusdis.com",)),
    EmbedSignature("livefyre", "#livefyre-comments, .fyre", ("livefyre.com",)),
    EmbedSignature("intensedebate", "#idc-container", ("intensedebate.com",)),
    EmbedSignature("jetpack", "#jetpack_remote_comment, .jetpack-comments", ()),
    EmbedSignature("substack", ".comments-section, #discussion", ()),
    EmbedSignature("webmention", ".webmention-form, .webmentions", ("webmention.io",)),
)


def detect_embed(soup: BeautifulSoup, index: PageIndex) -> str | None:
    """The first script-loaded comment system the page carries, or None."""
    scripts = " ".join(
        (str(tag.get("src") or "") + " " + (tag.string or "")[:20000]).lower()
        for tag in index.select(soup, "script, iframe")
    )
    for signature in EMBED_SIGNATURES:
        if signature.selector and index.select(soup, signature.selector):
            return signature.system
        if any(token in scripts for token in signature.script):
            return signature.system
    return None
