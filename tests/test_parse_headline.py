"""The visible headline, and the <title> minus the site's own name."""

from __future__ import annotations

from bs4 import BeautifulSoup

from scraper.parse.generic import extract_metadata
from scraper.parse.headline import find_headline, split_html_title
from scraper.parse.index import TreeIndex


def _headline(html: str, url: str = "") -> str:
    index = TreeIndex(BeautifulSoup(html, "lxml"))
    return find_headline(index, extract_metadata(index), url=url).text


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


def test_short_headline_matches_its_own_title_part() -> None:
    html = (
        "<title>Mozilla - Wikipedia</title><h1>Mozilla</h1>"
        "<h2>History</h2><p>text</p>"
    )
    assert _headline(html) == "Mozilla"


def test_heading_linking_to_the_front_page_is_the_logo() -> None:
    html = (
        "<title>Quiet Days - Garden Notes</title>"
        "<h1><a href='/'>Quiet Days</a></h1><h2>Garden Notes</h2><p>text</p>"
    )
    assert _headline(html) == "Garden Notes"


def test_permalink_mark_is_not_part_of_the_headline() -> None:
    html = "<title>Shared History</title><h1>Shared History<a href='#x'>¶</a></h1>"
    assert _headline(html) == "Shared History"


def test_comment_hentry_is_not_the_post_entry() -> None:
    html = (
        "<meta property='og:title' content='The Real Post'>"
        "<h1>The Real Post</h1>"
        "<ol class=commentlist><li class='comment hentry'>"
        "<p class=entry-title>Reader wrote on March 11th:</p></li></ol>"
    )
    assert _headline(html) == "The Real Post"


def test_space_separated_meta_properties_each_count() -> None:
    html = "<meta property='x:title dc:title' content='Preferred title'><p>text</p>"
    assert _headline(html) == "Preferred title"


def test_chinese_and_japanese_headlines_are_compared_per_character() -> None:
    html = (
        "<title>山田さんの新しい庭づくり日記（写真あり）：小さな町の新聞</title>"
        '<meta property="og:title" content="山田さんの新しい庭づくり日記（写真あり）">'
        "<h1>山田さんの新しい庭づくり日記</h1><p>本文です。</p>"
    )
    assert _headline(html) == "山田さんの新しい庭づくり日記"


def test_heading_broken_by_br_keeps_the_line_matching_the_declared_title() -> None:
    html = (
        '<title>The Garden Diary Of Anna</title><meta property="og:title" '
        'content="The Garden Diary Of Anna"><h1><span>The Garden Diary Of Anna</span><br>'
        "<span>Staff writer Anna Writer</span></h1><p>text</p>"
    )
    assert _headline(html) == "The Garden Diary Of Anna"


def test_heading_with_br_inside_the_title_stays_whole() -> None:
    html = (
        "<title>Gardens of the North: a long walk</title>"
        "<h1>Gardens of the North:<br>a long walk</h1><p>text</p>"
    )
    assert _headline(html) == "Gardens of the North: a long walk"


def test_full_width_separators_split_the_title() -> None:
    assert split_html_title("庭づくり日記｜小さな町の新聞", ["小さな町の新聞"]) == "庭づくり日記"
    assert split_html_title("庭づくり日記　：小さな町の新聞", ["小さな町の新聞"]) == "庭づくり日記"


def test_full_width_colon_without_space_belongs_to_the_headline() -> None:
    assert split_html_title("海外留学生：出国前后", []) == "海外留学生：出国前后"


def test_declared_title_equal_to_the_site_name_is_not_the_headline() -> None:
    html = (
        "<title>Pam's Site - By Pam</title>"
        "<meta property='og:site_name' content='Pam Site - Pam'>"
        "<meta property='og:title' content='Pam Site - Pam'>"
        "<h2 class=blog-post-title>The right diet, what does it mean</h2><p>text</p>"
    )
    assert _headline(html) == "The right diet, what does it mean"


def test_meta_title_of_a_page_canonical_to_the_home_page_is_the_sites() -> None:
    html = (
        "<title>Pam's Site</title><link rel=canonical href='http://pam.example/'>"
        "<meta property='og:title' content='Welcome to my little corner'>"
        "<h2 class=entry-title>The right diet, what does it mean</h2><p>text</p>"
    )
    assert _headline(html) == "The right diet, what does it mean"


def test_site_level_title_stands_when_several_post_titles_are_listed() -> None:
    html = (
        "<title>Pam Site</title>"
        "<meta property='og:site_name' content='Pam Site'>"
        "<meta property='og:title' content='Pam Site'>"
        "<h2 class=post-title>First teaser</h2><h2 class=post-title>Second teaser</h2>"
    )
    assert _headline(html) == "Pam Site"


def test_heading_linking_to_the_blogs_subdirectory_home_is_the_site_name() -> None:
    html = (
        "<title>Night Owls &raquo; Blog Archive &raquo; Late Shift</title>"
        "<div id=content><h1><a href='http://radio.example/owls/'>Night Owls</a></h1>"
        "<div class='post single'><div class=post-date>March 2nd, 2014</div>"
        "<h2><a href='http://radio.example/owls/2014/03/02/late-shift/' rel=bookmark>"
        "Late Shift</a></h2><div class=entry><p>text</p></div></div></div>"
    )
    url = "http://radio.example/owls/2014/03/02/late-shift/"
    assert _headline(html, url) == "Late Shift"


def test_h1_opening_the_title_before_a_deck_is_the_headline() -> None:
    html = (
        "<title>Is the river rising? Town weighs flood walls and new pumps - Valley Post</title>"
        "<meta property='og:title' content='Mayor: river plans cost too much'>"
        "<div class=headline><h1 class=h2>Is the river rising?</h1>"
        "<h3>Council asks whether the walls are worth it</h3></div><p>text</p>"
    )
    assert _headline(html) == "Is the river rising?"


def test_h1_opening_the_title_is_the_site_when_a_heading_ends_it() -> None:
    html = (
        "<title>The Garden Ledger Blog: Tomatoes</title>"
        "<h1>The Garden Ledger Blog</h1><p>A blog about gardens.</p>"
        "<h2>May 7, 2012</h2><h3>Tomatoes</h3><p>text</p>"
    )
    assert _headline(html) == "Tomatoes"
