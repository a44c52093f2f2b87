"""sanitize_html keeps formatting and drops anything executable; html_to_text reads blocks."""

from __future__ import annotations

from bs4 import BeautifulSoup

from scraper.parse.sanitize import html_to_text, sanitize_html

BASE = "http://example.org/blog/post/?sid=7"


def test_scripts_are_removed_with_their_content() -> None:
    out = sanitize_html("<p>kept</p><script>alert('x')</script>", BASE)
    assert "alert" not in out
    assert "<p>kept</p>" in out


def test_event_handlers_are_dropped() -> None:
    out = sanitize_html('<p onclick="steal()">text</p>', BASE)
    assert "onclick" not in out and "steal" not in out


def test_iframes_forms_and_styles_are_removed() -> None:
    html = '<iframe src="http://x"></iframe><form><input name=q></form><style>p{}</style><p>ok</p>'
    out = sanitize_html(html, BASE)
    assert "iframe" not in out and "form" not in out and "input" not in out and "p{}" not in out
    assert "ok" in out


def test_relative_links_and_images_become_absolute() -> None:
    out = sanitize_html('<a href="/about">a</a><img src="pic.png" alt="p">', BASE)
    assert 'href="http://example.org/about"' in out
    assert 'src="http://example.org/blog/post/pic.png"' in out


def test_javascript_urls_are_dropped() -> None:
    out = sanitize_html('<a href="javascript:evil()">x</a>', BASE)
    assert "javascript" not in out


def test_basic_formatting_survives() -> None:
    html = "<h2>H</h2><blockquote>q</blockquote><ul><li>i</li></ul><pre><code>c</code></pre>"
    out = sanitize_html(html, BASE)
    for tag in ("<h2>", "<blockquote>", "<ul>", "<li>", "<pre>", "<code>"):
        assert tag in out


def test_empty_fragment_gives_empty_string() -> None:
    assert sanitize_html("", BASE) == ""


def test_text_has_a_blank_line_between_paragraphs() -> None:
    soup = BeautifulSoup("<div><p>one  two\n three</p><p>four</p></div>", "lxml")
    assert html_to_text(soup.div) == "one two three\n\nfour"


def test_text_ignores_scripts_and_comments() -> None:
    soup = BeautifulSoup("<div>a<script>var x;</script><!-- hidden -->b</div>", "lxml")
    assert html_to_text(soup.div) == "ab"


def test_text_keeps_line_structure_inside_pre() -> None:
    text = html_to_text("<pre>line 1\n  line 2</pre>")
    assert text == "line 1\n  line 2"


def test_text_of_inline_markup_is_not_split() -> None:
    assert html_to_text("<p>a <b>bold</b> <a href='#'>link</a>.</p>") == "a bold link."
