"""Bytes -> str for HTML pages, without ever raising.

The Fetcher normally hands over decoded text, but raw bodies kept in the archive are re-parsed
from bytes (``reparse``), and saved pages arrive as bytes. Order of evidence: a byte-order mark,
then strict UTF-8 (bytes that decode as UTF-8 are UTF-8, whatever a stale declaration says),
then the page's own ``<meta charset>`` / ``http-equiv`` declaration, then cp1252 (the de-facto
meaning of "latin-1" on the web), which decodes any byte string.
"""

from __future__ import annotations

import codecs
import re

from scraper.charset import BOMS

__all__ = ["decode_html"]

META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{1,40})""", re.I
)
#: How far into the document a charset declaration is looked for (the HTML spec says 1024 bytes;
#: real pages put long <head>s first, so allow more).
META_WINDOW = 8192
#: Labels that browsers treat as windows-1252 (WHATWG Encoding standard).
CP1252_ALIASES = frozenset({"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1"})


def decode_html(raw: str | bytes) -> str:
    """Return the document as text. Strings pass through; bytes are decoded by the best evidence."""
    if isinstance(raw, str):
        return raw
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace")
    try:
        # Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page declares: legacy text is
        # practically never valid UTF-8, and re-saved pages keep their old <meta charset>.
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(raw[:META_WINDOW])
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return raw.decode(declared, errors="replace")
        except (LookupError, ValueError):
            pass
    return raw.decode("cp1252", errors="replace")


def _declared_charset(head: bytes) -> str | None:
    match = META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").strip().lower()
    if label in CP1252_ALIASES:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A UTF-16/32 label in an ASCII-readable <meta> is a lie; browsers read such pages as UTF-8.
    return None if name.startswith(("utf-16", "utf-32")) else name
