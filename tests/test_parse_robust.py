"""parse_page never raises, whatever it is given; bytes are decoded by the best evidence."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper.parse import parse_page, parse_post
from scraper.parse.decode import decode_html

URL = "http://example.org/post/1"
TAGS = st.sampled_from(["div", "p", "h1", "h2", "article", "time", "script", "a", "span", "li"])


@st.composite
def html_soup(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(TAGS, st.text(max_size=30), st.booleans()), max_size=25))
    return "".join(f"<{t}>{txt}" + (f"</{t}>" if close else "") for t, txt, close in parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_garbage_bytes_never_raise(raw: bytes) -> None:
    parsed = parse_page(raw, URL)
    assert parsed.kind in ("post", "listing", "other")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_soup())
def test_broken_markup_never_raises(html: str) -> None:
    parsed = parse_page(html, URL)
    assert parsed.url == URL


def test_empty_page_is_not_a_post() -> None:
    assert parse_post("", URL) is None
    assert parse_page(b"", URL).kind == "other"


def test_five_megabyte_page_parses() -> None:
    para = "<p>" + "word " * 200 + "</p>"
    html = "<html><body><h1>Big</h1>" + para * (5_000_000 // len(para)) + "</body></html>"
    parsed = parse_page(html, URL)
    assert parsed.kind in ("post", "other", "listing")


def test_deeply_nested_page_does_not_crash() -> None:
    html = "<div>" * 5000 + "text" + "</div>" * 5000
    assert parse_page(html, URL).url == URL


def test_bytes_with_meta_charset_are_decoded_by_it() -> None:
    raw = '<meta charset="iso-8859-1"><p>café</p>'.encode("latin-1")
    assert "café" in decode_html(raw)


def test_bytes_with_bom_are_decoded_by_it() -> None:
    raw = "\ufeff<p>naïve</p>".encode("utf-16")
    assert "naïve" in decode_html(raw)


def test_undeclared_non_utf8_bytes_fall_back_to_cp1252() -> None:
    assert decode_html("<p>\u2019quoted\u2019</p>".encode("cp1252")) == "<p>\u2019quoted\u2019</p>"


def test_random_bytes_are_not_a_post() -> None:
    raw = random.Random(7).randbytes(300_000)
    assert parse_post(raw, URL) is None


def test_valid_utf8_wins_over_a_stale_meta_charset() -> None:
    raw = '<meta charset="gb2312"><title>人工智能迈上新台阶</title>'.encode()
    assert "人工智能" in decode_html(raw)
