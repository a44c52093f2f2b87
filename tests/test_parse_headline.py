"""The visible headline, and the <title> minus the site's own name."""

from __future__ import annotations

from bs4 import BeautifulSoup

from scraper.parse.generic import extract_metadata
from scraper.parse.headline import find_headline, split_html_title
from scraper.parse.index import TreeIndex


def _headline(html: str) -> str:
    index = TreeIndex(BeautifulSoup(html, "lxml"))
    return find_headline(index, extract_metadata(index)).text


def test_home_link_text_names_the_site_in_the_title() -> None:
    html = (
        "<title>Short Post | A Much Longer Practice Name Here</title>"
        "<div class=top><a href='/'>A Much Longer Practice Name Here</a></div>"
        "<h2><a href='/p?id=1'>Short Post</a></h2><p>text</p>"
    )
    assert _headline(html) == "Short Post"


def test_logo_text_names_the_site_when_no_heading_matches() -> None:
    html = (
        "<title>Brief | Counselling and Psychotherapy Centre</title>"
        "<div class=site-logo>Counselling and Psychotherapy Centre</div><p>text</p>"
    )
    assert _headline(html) == "Brief"


def test_known_site_name_is_cut_at_its_separator_only() -> None:
    assert split_html_title("Before - After: a story | My Blog", ["My Blog"]) == (
        "Before - After: a story"
    )


def test_unknown_site_name_leaves_the_longest_part() -> None:
    assert split_html_title("Blog | The Post With A Long Title") == "The Post With A Long Title"
