"""The comment extractors' fast selector engine means exactly what CSS (soupsieve) says."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from scraper.parse.comments import extract_comments
from scraper.parse.comments.select import PageIndex, compile_selector
from scraper.parse.index import TreeIndex
from scraper.parse.tree import build_tree

PAGE = """<html><body>
<div id="comments" class="area main"><ol class="commentlist">
<li class="comment depth-1" id="comment-1"><p>one</p><a class="url" href="/x">A</a>
<ul class="children"><li class="comment depth-2" id="comment-2"><p>two</p></li></ul></li>
<li class="pingback" id="comment-3"><p>ping</p></li></ol>
<dl><dt data-x="a b">t</dt><dd>d</dd></dl></div>
<aside><div class="comment"><p>widget</p></div></aside></body></html>"""

SELECTORS = [
    "li.comment",
    "#comments li",
    "ol.commentlist > li",
    "li[id^=comment-]",
    "[class*=depth]",
    "div.area.main dt, dd",
    "ul.children li.comment p",
    "dt[data-x]",
    "a[href$='/x']",
    "#comments > dl > dt",
    "section.nothing, p",
]


@pytest.mark.parametrize("selector", SELECTORS)
def test_fast_selection_matches_soupsieve(selector: str) -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    assert compile_selector(selector) is not None
    assert PageIndex(soup).select(soup, selector) == soup.select(selector)


def test_selection_within_an_element_stays_below_it() -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    first = soup.select_one("#comment-1")
    assert first is not None
    assert [t.get_text() for t in PageIndex(soup).select(first, "p")] == ["one", "two"]


def test_pseudo_classes_fall_back_to_soupsieve() -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    assert compile_selector("li:has(> ul)") is None
    assert PageIndex(soup).select(soup, "li:has(> ul)") == soup.select("li:has(> ul)")


def test_pingback_notices_printed_as_comments_are_not_comments() -> None:
    html = """<html><body><h1>Post</h1><p>Body text of the post.</p>
    <ol class="commentlist">
    <li class="comment" id="comment-1"><cite class="fn">Other blog</cite>
    <div class="comment-content"><p>Pingback: Other blog links here</p></div></li>
    <li class="comment" id="comment-2"><cite class="fn">Ann</cite>
    <div class="comment-content"><p>Lovely photos.</p></div></li></ol></body></html>"""
    soup = BeautifulSoup(html, "lxml")
    found = extract_comments(soup, "https://b.example/p/", platform="generic")
    assert [c.text for c in found.comments] == ["Lovely photos."]


def test_pingbacks_told_by_the_author_label_are_not_comments() -> None:
    html = """<html><body><h1>Post</h1><p>Body text of the post.</p>
    <ol class="commentlist">
    <li class="comment" id="comment-1"><cite>Pingback von <a href="https://o.example/x">Other
    blog</a></cite><div class="comment-content"><p>[...] more on this elsewhere [...]</p></div></li>
    <li class="comment" id="comment-2"><cite class="fn">Ann</cite>
    <div class="comment-content"><p>Lovely photos.</p></div></li></ol></body></html>"""
    soup = BeautifulSoup(html, "lxml")
    found = extract_comments(soup, "https://b.example/p/", platform="generic")
    assert [(c.author, c.text) for c in found.comments] == [("Ann", "Lovely photos.")]


def test_page_index_is_a_view_of_the_tree_index_it_is_given() -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    tree = TreeIndex(soup)
    page = PageIndex(soup, tree)
    assert page.tags is tree.elements and page.position is tree.position
    assert page.select(soup, "li.comment p") == soup.select("li.comment p")


def test_extract_comments_reuses_the_index_it_is_handed() -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    alone = extract_comments(soup, "https://example.test/p", platform="wordpress")
    shared = extract_comments(
        soup, "https://example.test/p", platform="wordpress", index=TreeIndex(soup)
    )
    assert shared == alone


def test_a_class_named_twice_selects_its_element_once() -> None:
    soup = BeautifulSoup("<div class='comment comment'><p>x</p></div>", "lxml")
    assert PageIndex(soup).select(soup, "div.comment") == soup.select("div.comment")
    assert TreeIndex(soup).select("div.comment") == soup.select("div.comment")


TEXT_PAGE = """<html><body><div id="c"><h3> <span>Comments</span> (2)</h3>
<script>var x = "not text";</script><style>p {}</style><!-- a note -->
<template><p>kept aside</p></template><ol><li>  one  </li><li><p>two <b>bold</b></p>
</li></ol><textarea>  typed  </textarea><pre>  pre  </pre></div></body></html>"""


@pytest.mark.parametrize("strip", [False, True])
def test_text_size_is_the_length_of_get_text(strip: bool) -> None:
    tree = build_tree(TEXT_PAGE)
    index = PageIndex(tree.soup, TreeIndex(tree.soup, tree.elements, tree.ends))
    for tag in [tree.soup, *tree.soup.find_all(True)]:
        assert index.text_size(tag, strip=strip) == len(tag.get_text(strip=strip)), tag.name


@pytest.mark.parametrize("cap", [0, 3, 8, 1000])
def test_text_size_with_a_cap_is_exact_up_to_it_and_above_it_beyond(cap: int) -> None:
    soup = BeautifulSoup(TEXT_PAGE, "lxml")
    for tag in soup.find_all(True):
        size = PageIndex(soup).text_size(tag, strip=True, cap=cap)
        full = len(tag.get_text(strip=True))
        assert size == full if full <= cap else size > cap, tag.name
