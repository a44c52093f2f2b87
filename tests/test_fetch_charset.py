"""Charset: header, BOM, <meta>, detection; raw bytes always kept next to the text."""

from __future__ import annotations

import pytest
from faultserver import FaultServer, page
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.charset import BOMS, decode_body, header_charset
from scraper.fetch import Fetcher

pytest_plugins = ["fetch_fixtures"]

FRENCH = "<p>Thérapie, émotions, cœur — « séance » à 10 €</p>"
LATIN1 = "<p>Thérapie, émotions - non: « séance » à 10 francs, Gefühle, Ängste</p>"
JAPANESE = "<p>こんにちは、カウンセリングのブログです。心の健康について書きます。</p>"


def test_header_charset_is_used(server: FaultServer, fetcher: Fetcher) -> None:
    raw = FRENCH.encode("cp1252")
    server.route("/a", page(raw, "text/html; charset=windows-1252"))
    result = fetcher.fetch(server.url("/a"))
    assert (result.text, result.encoding, result.body) == (FRENCH, "cp1252", raw)


def test_missing_charset_cp1252_is_detected(server: FaultServer, fetcher: Fetcher) -> None:
    raw = ("<html><body>" + FRENCH * 5 + "</body></html>").encode("cp1252")
    server.route("/a", page(raw, "text/html"))
    result = fetcher.fetch(server.url("/a"))
    assert result.text is not None and FRENCH in result.text
    assert result.body == raw


def test_meta_charset_shift_jis(server: FaultServer, fetcher: Fetcher) -> None:
    doc = f'<html><head><meta charset="Shift_JIS"></head><body>{JAPANESE}</body></html>'
    raw = doc.encode("shift_jis")
    server.route("/a", page(raw, "text/html"))
    result = fetcher.fetch(server.url("/a"))
    assert result.text == doc
    assert result.encoding == "cp932"


def test_http_equiv_charset(server: FaultServer, fetcher: Fetcher) -> None:
    doc = ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
           + LATIN1)
    server.route("/a", page(doc.encode("latin-1"), "text/html"))
    assert fetcher.fetch(server.url("/a")).text == doc


def test_missing_charset_shift_jis_is_detected(server: FaultServer, fetcher: Fetcher) -> None:
    raw = (JAPANESE * 4).encode("shift_jis")
    server.route("/a", page(raw, "text/html"))
    assert fetcher.fetch(server.url("/a")).text == JAPANESE * 4


def test_utf8_bom_wins_and_is_stripped_from_text(server: FaultServer, fetcher: Fetcher) -> None:
    raw = b"\xef\xbb\xbf" + FRENCH.encode()
    server.route("/a", page(raw, "text/html; charset=iso-8859-1"))
    result = fetcher.fetch(server.url("/a"))
    assert result.text == FRENCH
    assert result.body == raw  # the BOM stays in the raw bytes


def test_wrong_latin1_header_on_utf8_page_reads_utf8(
    server: FaultServer, fetcher: Fetcher
) -> None:
    server.route("/a", page(FRENCH.encode(), "text/html; charset=ISO-8859-1"))
    assert fetcher.fetch(server.url("/a")).text == FRENCH


def test_wrong_utf8_header_on_cp1252_page_falls_back(
    server: FaultServer, fetcher: Fetcher
) -> None:
    raw = ('<meta charset="windows-1252">' + FRENCH).encode("cp1252")
    server.route("/a", page(raw, "text/html; charset=utf-8"))
    assert fetcher.fetch(server.url("/a")).text == '<meta charset="windows-1252">' + FRENCH


def test_xml_declaration_encoding(server: FaultServer, fetcher: Fetcher) -> None:
    doc = f'<?xml version="1.0" encoding="ISO-8859-15"?><rss><title>{LATIN1} €</title></rss>'
    server.route("/feed", page(doc.encode("iso-8859-15"), "application/rss+xml"))
    assert fetcher.fetch(server.url("/feed"), accept="xml").text == doc


@pytest.mark.parametrize(
    ("header", "codec"),
    [("text/html; charset=UTF-8", "utf-8"), ('text/html; charset="Shift_JIS"', "cp932"),
     ("text/html", None), ("text/html; charset=bogus-9", None),
     ("text/html;charset=latin1", "cp1252")],
)
def test_header_charset_labels(header: str, codec: str | None) -> None:
    assert header_charset(header) == codec


def test_undecodable_bytes_never_raise() -> None:
    decoded = decode_body(bytes(range(256)) * 3, "text/html; charset=utf-8")
    assert isinstance(decoded.text, str) and decoded.text


@pytest.mark.parametrize(
    ("text", "codec"),
    [("<p>Über Gefühle und Ängste</p>", "cp1252"),
     ("<p>Café crème, naïve résumé</p>", "cp1252"),
     ("<p>Привет, как дела? Это блог психолога.</p>", "cp1251")],
)
def test_detection_ties_prefer_the_common_web_codepage(text: str, codec: str) -> None:
    decoded = decode_body(text.encode(codec), "text/html")
    assert (decoded.text, decoded.source) == (text, "detected")


@given(body=st.binary(max_size=2048), content_type=st.sampled_from(
    ["", "text/html", "text/html; charset=utf-8", "text/html; charset=shift_jis",
     "text/html; charset=nonsense", "text/html; charset=utf-16"]))
@settings(max_examples=200, deadline=None)
def test_decode_body_never_raises_and_round_trips_its_choice(
    body: bytes, content_type: str
) -> None:
    decoded = decode_body(body, content_type)
    if decoded.source != "fallback":
        start = next((len(m) for m, c in BOMS if body.startswith(m) and c == decoded.encoding), 0)
        assert body[start:].decode(decoded.encoding) == decoded.text
