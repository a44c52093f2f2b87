"""Comments with no comment markup, each opened by a heading that names the writer
("#1 Kommentar von NAME", "Comment by NAME"), as hand-written news scripts print them. Pages
here are written for the tests."""

from __future__ import annotations

import pytest

from scraper import parse_post

URL = "http://fansite.example/news/0409.html"
PAGE = """<html><head><title>News - Archiv</title></head><body>
<h1>News-Archiv</h1>
<div><h2>Neues Kapitel online</h2>
24. März 2004, 19:49 | Mika
<p>Kapitel 121 ist nun online. Wie immer können die Bilder nur von angemeldeten Usern
betrachtet werden. Am Freitag folgt das nächste Kapitel, bis dahin viel Spass beim Lesen.</p>
</div>
<div class="titlebar">Kommentare</div>
{comments}
<div class="titlebar">Kommentar schreiben</div>
<div><form action="/news/0409.html" method="post"><input name="name">
<textarea name="text"></textarea></form></div>
</body></html>"""


def test_numbered_comment_headings_open_one_comment_each() -> None:
    comments = (
        '<div style="padding-top: 10px;">'
        '<h3>#1 Kommentar von <img src="/flags/de.png" title="Germany"> Naru</h3>'
        "26. März 2004, 16:19<p>Danke für dieses Kapitel!</p>"
        "<h3>#2 Kommentar von Keitaro</h3>27. März 2004, 09:02"
        "<p>Super, weiter so.</p><p>Bis Freitag.</p></div>"
    )
    post = parse_post(PAGE.format(comments=comments), URL)
    assert post is not None
    assert [c.author for c in post.comments] == ["Naru", "Keitaro"]
    assert [c.published.isoformat() if c.published else None for c in post.comments] == [
        "2004-03-26T16:19:00", "2004-03-27T09:02:00"
    ]
    assert post.comments[0].text == "Danke für dieses Kapitel!"
    assert post.comments[1].text == "Super, weiter so.\nBis Freitag."
    assert "Danke für dieses Kapitel" not in post.body_text


def test_a_lone_comment_heading_in_english_with_its_date_in_the_heading() -> None:
    comments = (
        "<div><h4>Comment by Ann Lee on March 26, 2004</h4><p>Thanks for the chapter.</p></div>"
    )
    post = parse_post(PAGE.format(comments=comments), URL)
    assert post is not None and len(post.comments) == 1
    assert post.comments[0].author == "Ann Lee"
    assert post.comments[0].published is not None
    assert post.comments[0].published.date().isoformat() == "2004-03-26"


@pytest.mark.parametrize(
    "heading", ["Kommentare", "3 Comments", "Comments by readers are welcome"]
)
def test_a_section_heading_or_a_sentence_is_not_a_comment(heading: str) -> None:
    comments = f"<div><h3>{heading}</h3><p>Schreib uns was du denkst.</p></div>"
    post = parse_post(PAGE.format(comments=comments), URL)
    assert post is not None and post.comments == []
