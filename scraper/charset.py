"""Turn the bytes of a fetched page into text, the way a browser would, plus a fallback detector.

Old small-practice blogs lie about their encoding all the time: Apache's default
``charset=ISO-8859-1`` on UTF-8 pages, cp1252 pages with no declaration, Shift_JIS declared only
in a ``<meta>``. The chain, first strict success wins:

1. a byte-order mark (unambiguous bytes; the HTML Living Standard ranks it above the header,
   because a server default cannot put a BOM into a file by accident);
2. the HTTP ``Content-Type`` charset;
3. ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` / the XML declaration, in the
   first few KiB;
4. detection with charset-normalizer;
5. UTF-8 with replacement characters (never fails).

A declared Latin-1-family charset on a body that is valid UTF-8 with multi-byte sequences is read
as UTF-8: such bytes are practically never meant as cp1252, and the server default is the liar.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

import charset_normalizer

__all__ = ["DecodedText", "decode_body", "header_charset"]

CharsetSource = Literal["bom", "header", "meta", "detected", "fallback"]

#: How many leading bytes are searched for an in-document declaration (HTML prescans 1024; old
#: builders put long comment banners first, so look further).
META_SCAN_BYTES = 4096

#: Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: WHATWG label aliases where Python's codec differs from what browsers actually use.
LABEL_ALIASES: dict[str, str] = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "tis-620": "cp874",
    "iso-8859-9": "cp1254",
    "utf8": "utf-8",
}

#: Detection ties are settled in this order (by how common each is on the web), and two
#: readings tie when their "chaos" scores differ by at most DETECTION_CHAOS_TIE.
DETECTION_PREFERENCE = ("cp1252", "cp1251", "cp932", "euc_jp", "gb18030", "big5", "cp949")
DETECTION_CHAOS_TIE = 0.02

#: Codecs a server default commonly claims for pages that are really UTF-8.
LATIN1_FAMILY = frozenset({"cp1252", "latin-1", "iso8859-1", "ascii"})

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class DecodedText:
    """A decoded document, the codec used, and which step of the chain chose it."""

    text: str
    encoding: str
    source: CharsetSource


def normalise_label(label: str | None) -> str | None:
    """Map a charset label to a Python codec name, or None when Python has no such codec."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    key = LABEL_ALIASES.get(key, key)
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def header_charset(content_type: str) -> str | None:
    """The codec named by a ``Content-Type`` header's charset parameter, if Python knows it."""
    match = _HEADER_CHARSET.search(content_type or "")
    return normalise_label(match.group(1)) if match else None


def _bom(body: bytes) -> tuple[str, int] | None:
    for mark, codec in BOMS:
        if body.startswith(mark):
            return codec, len(mark)
    return None


def _declared_in_document(body: bytes) -> str | None:
    head = body[:META_SCAN_BYTES]
    for pattern in (_XML_DECL, _META_CHARSET):
        match = pattern.search(head)
        if match:
            codec = normalise_label(match.group(1).decode("ascii", "replace"))
            # A page that reached us as bytes cannot really be UTF-16 if its declaration is ASCII.
            if codec and not codec.startswith("utf-16"):
                return codec
    return None


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_like_utf8(body: bytes) -> bool:
    """True when the body decodes as UTF-8 and has at least one multi-byte sequence."""
    return not body.isascii() and _strict(body, "utf-8") is not None


def _detect(body: bytes) -> str | None:
    """charset-normalizer's pick, but among equally plausible readings the web's usual one.

    On short texts the detector often ties cp1250 with cp1252 (or a Mac codepage): the bytes
    decode cleanly either way. Browsers settle such ties with a windows-1252 prior; so do we.
    """
    matches = list(charset_normalizer.from_bytes(body))
    if not matches:
        return None
    best = min(match.chaos for match in matches)
    tied = [m for m in matches if m.chaos <= best + DETECTION_CHAOS_TIE]
    for preferred in DETECTION_PREFERENCE:
        if any(preferred in m.could_be_from_charset for m in tied):
            return normalise_label(preferred)
    return normalise_label(tied[0].encoding) or tied[0].encoding


def decode_body(body: bytes, content_type: str = "") -> DecodedText:
    """Decode a page body; see the module docstring for the order of evidence.

    Args:
        body: the raw (already content-decoded) bytes.
        content_type: the response's ``Content-Type`` header, possibly empty.
    """
    bom = _bom(body)
    if bom is not None:
        text = _strict(body[bom[1] :], bom[0])
        if text is not None:
            return DecodedText(text, bom[0], "bom")
    declared: tuple[tuple[str | None, CharsetSource], ...] = (
        (header_charset(content_type), "header"),
        (_declared_in_document(body), "meta"),
    )
    for codec, source in declared:
        if codec is None:
            continue
        if codec in LATIN1_FAMILY and _looks_like_utf8(body):
            return DecodedText(body.decode("utf-8"), "utf-8", source)
        text = _strict(body, codec)
        if text is not None:
            return DecodedText(text, codec, source)
    if body.isascii() or _strict(body, "utf-8") is not None:
        return DecodedText(body.decode("utf-8"), "utf-8", "detected")
    codec = _detect(body)
    if codec is not None:
        text = _strict(body, codec)
        if text is not None:
            return DecodedText(text, codec, "detected")
    return DecodedText(body.decode("utf-8", "replace"), "utf-8", "fallback")
