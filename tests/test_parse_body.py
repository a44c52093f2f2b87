"""Body extraction: the whole article, not its first block; never the furniture around it."""

from __future__ import annotations

from bs4 import BeautifulSoup

from scraper.parse.body import extract_body
from scraper.parse.furniture import Lengths
from scraper.parse.tree import build_soup

SENTENCE = "This sentence is article prose, with a comma, written to be read in full. "


def _para(word: str, n: int = 4) -> str:
    return f"<p>{word} " + SENTENCE * n + "</p>"


def _body(html: str) -> str:
    return extract_body(BeautifulSoup(html, "lxml"), "http://example.org/p").text


def test_paragraph_level_article_body_markup_yields_every_paragraph() -> None:
    paras = "".join(
        f"<div class=chunk><p itemprop=articleBody>Part{i} {SENTENCE * 3}</p></div>"
        for i in range(5)
    )
    text = _body(f"<div class=story>{paras}</div><div class=rail><p>Ad copy here.</p></div>")
    assert all(f"Part{i}" in text for i in range(5))


def test_selected_container_is_continued_after_a_side_rail() -> None:
    html = (
        "<div id=wrap><div class='article_body entry-content'>"
        f"{_para('First')}</div>"
        "<div class=side-rail><a href=/x>Comments</a> <a href=/y>Share</a></div>"
        f"<div class=article_body>{_para('Second')}{_para('Third')}</div></div>"
    )
    text = _body(html)
    assert "First" in text and "Third" in text
    assert "Share" not in text


def test_article_split_into_blocks_is_joined() -> None:
    blocks = "".join(
        f"<div class=block><div class=grid><div class=cell><div class=text>"
        f"{_para(f'Block{i}')}{_para('more')}</div></div></div></div>"
        for i in range(4)
    )
    text = _body(f"<div class=page>{blocks}</div><div class=other>{_para('Elsewhere', 1)}</div>")
    assert all(f"Block{i}" in text for i in range(4))


def test_loose_text_in_divs_counts_as_paragraphs() -> None:
    story = "<div class=story>" + ("Loose story text, with commas, and more. " * 8 + "<br>") * 3
    html = f"{story}</div><div class=quote><p>A short quote of the day here.</p></div>"
    assert "Loose story text" in _body(html)


def test_sidebar_named_wrapper_holding_the_article_is_kept() -> None:
    html = (
        "<div class=two-col-sidebar-right><div class=main>"
        + _para("Kept") * 5
        + "</div></div><div class=footer-links><a href=/a>About</a></div>"
    )
    assert "Kept" in _body(html)


def test_section_whose_anchor_id_holds_a_furniture_word_is_kept() -> None:
    section = (
        "<div class=section id=sharing-with-a-single-developer><h2>Sharing</h2>"
        f"{_para('Anchored')}</div>"
    )
    html = f"<div class=doc>{_para('Intro')}{section}{_para('Outro')}</div>"
    assert "Anchored" in _body(html)


def test_footnote_list_outscoring_the_prose_yields_to_the_whole_article() -> None:
    notes = "".join(f"<li>Note{i} {SENTENCE}</li>" for i in range(40))
    rows = "".join(f"<tr><td>Row{i}</td><td>{SENTENCE}</td></tr>" for i in range(20))
    html = (
        f"<div class=mw-parser-output>{_para('Lead', 2)}<table>{rows}</table>"
        f"<div class=reflist><ol>{notes}</ol></div></div><div class=foot>{_para('Out', 1)}</div>"
    )
    text = _body(html)
    assert "Lead" in text and "Row3" in text and "Note3" in text


def test_stream_of_teasers_outscoring_the_article_is_passed_over() -> None:
    items = "".join(
        f"<li><h3><a href=/story{i}>Story {i}</a></h3><p>Other{i} {SENTENCE * 2}</p></li>"
        for i in range(12)
    )
    html = (
        f"<div class=page><div class=story>{_para('Own', 3)}{_para('More', 3)}</div>"
        f"<div class=rail><ul>{items}</ul></div></div>"
    )
    text = _body(html)
    assert "Own" in text and "Other3" not in text


def test_list_of_changes_with_linked_words_is_kept() -> None:
    items = "".join(
        f"<li>Neil{i} has patches up to <a href=/b{i}>improve the tab unloader a lot</a></li>"
        for i in range(3)
    )
    html = f"<article>{_para('Intro', 3)}<ul>{items}</ul>{_para('Outro', 3)}</article>"
    assert "Neil2 has patches" in _body(html)


def test_list_of_bare_links_is_dropped() -> None:
    items = "".join(f"<li><a href=/p{i}>Another post title number {i}</a></li>" for i in range(4))
    html = f"<article>{_para('Intro', 3)}<ul>{items}</ul>{_para('Outro', 3)}</article>"
    assert "Another post title" not in _body(html)


def test_content_class_reused_on_a_sidebar_link_box_is_passed_over() -> None:
    links = "".join(f"<a href=/c{i}>Category name number {i}</a> " for i in range(30))
    html = (
        f"<div class=entry-content>{links}</div>"
        f"<div class=article-content>{_para('Real', 4)}</div>"
        "<div class=entry-content>Short box</div>"
    )
    assert "Real" in _body(html)


def test_box_of_other_stories_beside_the_article_is_not_joined() -> None:
    box = f"<div class=group><h4><a href=/other>Other story</a></h4>{_para('Teaser', 3)}</div>"
    html = f"<div id=wrap><div class=story-body>{_para('Own', 4)}</div>{box}</div>"
    text = _body(html)
    assert "Own" in text and "Teaser" not in text


def test_section_with_a_permalinked_heading_continues_the_article() -> None:
    more = f"<div class=more><h2><a href='#part-2'>Part two</a></h2>{_para('Continued', 3)}</div>"
    html = f"<div id=wrap><div class=story-body>{_para('Own', 4)}</div>{more}</div>"
    assert "Continued" in _body(html)


def test_list_post_of_sibling_blocks_keeps_its_heading_only_block() -> None:
    paras = "".join(_para("Text", 2) for _ in range(4))
    blocks = "".join(f"<div class=entry-text><p>Item{i}</p>{paras}</div>" for i in range(3))
    first = "<div><h2>Opening line set as a heading, with a comma.</h2><img src=a.jpg></div>"
    html = f"<div class=list>{first}{blocks}</div><div class=rail>{_para('Rail', 1)}</div>"
    text = _body(html)
    assert "Opening line" in text and "Item2" in text


def test_links_in_a_sentence_stay_whatever_their_class() -> None:
    note = "<a class=popup href='javascript:void(0)'>rather elderly</a>"
    html = f"<article><p>I am a {note} man. {SENTENCE * 3}</p>{_para('More', 3)}</article>"
    assert "I am a rather elderly man." in _body(html)


def test_page_wide_form_handed_in_as_a_comment_region_is_kept() -> None:
    soup = BeautifulSoup(
        f"<body><form id=Form><div class=post>{_para('Inside', 5)}</div></form></body>", "lxml"
    )
    form = soup.find("form")
    assert form is not None
    body = extract_body(soup, "http://example.org/p", exclude=[form])
    assert "Inside" in body.text


def test_comment_form_handed_in_as_a_region_is_dropped() -> None:
    soup = BeautifulSoup(
        f"<body><div class=post>{_para('Own', 5)}</div>"
        "<form id=respond><p>Leave your words here, friends.</p></form></body>", "lxml"
    )
    form = soup.find("form")
    assert form is not None
    body = extract_body(soup, "http://example.org/p", exclude=[form])
    assert "Own" in body.text and "Leave your words" not in body.text


def test_slideshow_outweighing_the_prose_in_the_article_is_dropped() -> None:
    slides = "".join(f"<li><p>Slide{i} caption {SENTENCE}</p></li>" for i in range(12))
    html = (
        f"<div itemprop=articleBody>{_para('Own', 4)}"
        f"<div class=promo_holder><ul class=slideshow>{slides}</ul></div></div>"
    )
    text = _body(html)
    assert "Own" in text and "Slide3" not in text


def test_lengths_kept_up_to_date_through_removals_are_the_recounted_ones() -> None:
    soup = build_soup(
        "<body><div><p>Some words <a href='/x'>a link <b>bold</b></a> more.</p>"
        "<aside><a href='/y'>side <i>link</i></a> text</aside><a href='/z'>in <span>"
        "<em>nested</em></span> link</a></div></body>"
    )
    root = soup.body
    assert root is not None
    lengths = Lengths(root)
    for name in ("aside", "span"):
        tag = root.find(name)
        assert tag is not None
        lengths.forget(tag)
        tag.decompose()
    fresh = Lengths(root)
    for tag in [root, *root.find_all(True)]:
        assert (lengths.text[id(tag)], lengths.links[id(tag)]) == (
            fresh.text[id(tag)], fresh.links[id(tag)])
