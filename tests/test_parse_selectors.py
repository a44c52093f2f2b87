"""The plain-Python matcher for simple selectors means exactly what soupsieve says."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from scraper.parse.index import TreeIndex
from scraper.parse.selectors import compile_selector, exact_chains

PAGE = """<html><body><article class="post hentry" id="post-1">
<div class="entry-meta"><a rel="tag" href="/tag/a">a</a><a rel="category tag" href="/c">c</a>
<span class="byline author vcard"><a class="url fn n" href="/author/x">X</a></span></div>
<form><input type="TEXT" name="q"><input type="submit"></form>
<ul class="tags"><li><a href="https://example.test/t">t</a></li></ul></article>
<aside><a rel="tag" href="/tag/b">b</a></aside>
<p><a rel="Author" href="/about">About</a> <a rel="me\tauthor" href="/me">me</a>
<span itemprop="author name">N</span><span itemprop="Name">M</span></p></body></html>"""

SELECTORS = [
    "a[rel=tag]",
    "a[rel='category tag']",
    ".entry-meta a",
    "article.post .byline a.url",
    "ul.tags > li > a",
    "a[href^=https]",
    "a[href*='/tag/']",
    "a[href$=c]",
    "#post-1 span.vcard",
    "input[type=text]",
    "[rel]",
    "aside a, article a[rel=tag]",
    "[rel~=author]",
    "a[rel~=tag][href*='/tag/']",
    "a[rel~=category]",
    "[itemprop~=name]",
    "[itemprop~=author] [itemprop~=name]",
    "p [itemprop~=author]",
    "a[rel=author]",
    "a[rel^=AUTH]",
    "a[rel*=thor]",
    "a[rel$=OR]",
]


@pytest.mark.parametrize("selector", SELECTORS)
def test_index_selection_is_soupsieve_selection(selector: str) -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    assert TreeIndex(soup).select(selector) == soup.select(selector)


@pytest.mark.parametrize("selector", ["input[type=text]", "a[href^='']", "a:not(.x)", "h2 + p"])
def test_selectors_soupsieve_may_read_otherwise_are_left_to_it(selector: str) -> None:
    assert exact_chains(selector) is None


def test_simple_selectors_compile() -> None:
    assert exact_chains("div.comment > p, a[rel=tag]") == compile_selector(
        "div.comment > p, a[rel=tag]"
    )


def test_a_dot_or_hash_inside_an_attribute_value_is_not_a_class_or_id_key() -> None:
    from bs4 import BeautifulSoup

    from scraper.parse.index import TreeIndex

    soup = BeautifulSoup(
        "<div itemscope itemtype='https://schema.org/BlogPosting'><h1 itemprop=headline>T</h1>"
        "<a href='#top' class=x>up</a></div>",
        "lxml",
    )
    index = TreeIndex(soup)
    assert len(index.select("[itemtype*='schema.org/BlogPosting']")) == 1
    assert len(index.select("a[href*='#top']")) == 1
