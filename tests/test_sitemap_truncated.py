"""A sitemap whose generator died mid-way: the URL it was writing is cut short, and XML recovery
would hand it over as if whole; it is left out, every complete entry is kept."""

from __future__ import annotations

import pytest

from scraper.sitemaps import parse_sitemap

BASE = "https://blog.example/"
WHOLE = b"<url><loc>https://blog.example/a/</loc></url><url><loc>https://blog.example/b/</loc></url>"


@pytest.mark.parametrize(
    "tail", [b"<url><loc>https://blog.example/c", b"<url><loc>", b"<url><loc>https://blog.example/c/<"]
)
def test_the_url_a_truncated_sitemap_stops_in_is_left_out(tail: bytes) -> None:
    entries = parse_sitemap(b"<urlset>" + WHOLE + tail, BASE)
    assert [e.url for e in entries] == [BASE + "a/", BASE + "b/"]


def test_a_truncated_sitemap_index_keeps_its_whole_children() -> None:
    body = (
        b"<sitemapindex><sitemap><loc>https://blog.example/post-sitemap.xml</loc></sitemap>"
        b"<sitemap><loc>https://blog.example/post-sitemap2.x"
    )
    assert [e.url for e in parse_sitemap(body, BASE)] == [BASE + "post-sitemap.xml"]


@pytest.mark.parametrize(
    "body",
    [
        b"<urlset>" + WHOLE + b"</urlset>",
        b"<urlset>" + WHOLE,  # cut after a whole entry: nothing is half
        b"<urlset>" + WHOLE + b"</urlset>\n<b>Fatal error</b>: Allowed memory size exhausted",
        b"<sm:urlset xmlns:sm='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        b"<sm:url><sm:loc>https://blog.example/a/</sm:loc></sm:url>"
        b"<sm:url><sm:loc>https://blog.example/b/</sm:loc></sm:url></sm:urlset>",
    ],
)
def test_a_sitemap_whose_last_url_is_whole_keeps_it(body: bytes) -> None:
    assert [e.url for e in parse_sitemap(body, BASE)] == [BASE + "a/", BASE + "b/"]
