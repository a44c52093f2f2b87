"""XML from the web, parsed safely: entities are never expanded, nothing is loaded from the
network, DTDs are ignored, and a body that inflates past a cap is refused.

Sitemaps and feeds are written by anyone; an XML bomb (nested entities that expand to gigabytes)
or an external entity (``file:///etc/passwd``) must fail quietly, not take the crawl down.
"""

from __future__ import annotations

from lxml import etree

from scraper.errors import FetchError
from scraper.fetch_body import gunzip_capped

__all__ = ["MAX_XML_BYTES", "localname", "parse_xml"]

#: The sitemaps.org limit on an uncompressed sitemap; feeds are far smaller.
MAX_XML_BYTES = 50 * 1024 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=True,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(body: bytes, url: str) -> etree._Element | None:
    """The document's root element, or None when the body is not (recoverable) XML.

    gzip bodies (``.xml.gz``) are inflated first, up to :data:`MAX_XML_BYTES`.
    """
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip_capped(body, MAX_XML_BYTES, url=url)
        except FetchError:  # corrupt, or a gzip bomb past the cap
            return None
    if not body.strip():
        return None
    try:
        root: etree._Element | None = etree.fromstring(body, _parser())
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root  # None when nothing could be recovered


def localname(node: etree._Element) -> str:
    """Tag name without namespace ("" for comments and entities)."""
    tag: object = node.tag  # a function (etree.Comment, ...) for non-element nodes
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()
