"""The outlet credited after a byline's name is not part of the author."""

from __future__ import annotations

import pytest

from scraper.parse import parse_post
from scraper.parse.generic import Metadata
from scraper.parse.outlet import site_keys, without_outlet

PROSE = "<p>" + "Words of the article, with commas, going on and on. " * 5 + "</p>"


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        pytest.param("Nora Quill, DAILY PLANET", "Nora Quill", id="site_name_in_capitals"),
        pytest.param("Nora Quill , Daily Planet", "Nora Quill", id="space_before_the_comma"),
        pytest.param("Nora Quill, PLANET", "Nora Quill", id="word_of_the_host"),
        pytest.param("Nora Quill, Reuters", "Nora Quill", id="wire_service"),
        pytest.param("Nora Quill, Otto Berg", "Nora Quill, Otto Berg", id="second_author_stays"),
        pytest.param("John Smith, Jr.", "John Smith, Jr.", id="name_suffix_stays"),
        pytest.param("Nora Quill, MA", "Nora Quill, MA", id="degree_in_capitals_stays"),
        pytest.param("NORA QUILL, OTTO BERG", "NORA QUILL, OTTO BERG", id="capital_names_stay"),
    ],
)
def test_outlet_after_the_name(author: str, expected: str) -> None:
    meta = Metadata(site_name="Daily Planet", html_title="A Post | Daily Planet")
    keys = site_keys(meta, "https://www.planet.example/2014/01/25/a-post/")
    assert without_outlet(author, keys) == expected


def test_byline_crediting_the_sites_outlet_gives_the_name() -> None:
    html = (
        "<title>A Post - PLANET.com</title><h1>A Post</h1>"
        "<div class=cnnByline>By <b>Nora Quill</b>, PLANET</div>"
        f"<meta name=author content='By Nora Quill, PLANET'>{PROSE}"
    )
    post = parse_post(html, "http://www.planet.example/2010/08/13/a.post/index.html")
    assert post is not None and post.author == "Nora Quill"
