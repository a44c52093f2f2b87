"""build_soup builds, node for node, the tree ``BeautifulSoup(text, "lxml")`` builds."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from bs4.element import PageElement, Tag

from scraper.parse.decode import decode_html
from scraper.parse.index import TreeIndex
from scraper.parse.tree import build_soup, build_tree, inner_html, outer_html

FIXTURES = sorted((Path(__file__).parent / "fixtures").rglob("*.htm*"))
#: Links between nodes, compared as positions in document order.
LINKS = ("parent", "next_element", "previous_element", "next_sibling", "previous_sibling")
#: Parser state kept on the BeautifulSoup object itself, not part of the tree.
STATE = frozenset({
    *LINKS, "contents", "builder", "_most_recent_element", "current_data", "currentTag",
    "tagStack", "open_tag_counter", "preserve_whitespace_tag_stack", "string_container_stack",
    "parse_only", "markup", "element_classes", "_namespaces",
})
EDGE_CASES = (
    "",
    "\n\n",
    "<",
    "<!---->",
    "\ufeff<p>bom</p>",
    "<!DOCTYPE html><!-- a --><html><body><p>a<pre>  </pre> <textarea> </textarea></body></html>\n",
    "<p>a</b>c</p></p></div>",
    "<table><tr><td>a<td>b</table>",
    "<svg><path d='x'/></svg><math><mi>x</mi></math>",
    "<html xmlns:fb='x'><fb:comments href='y'></fb:comments></html>",
    "<template><p> </p>t</template><ruby>a<rt>b</rt><rp>(</rp></ruby>",
    "<meta charset='utf-8'><meta http-equiv='Content-Type' content='text/html; charset=latin1'>",
    "<a rel='nofollow  ugc' class=' a\tb ' accesskey=k>x</a><td headers='a b'>",
    "<input checked disabled><option selected>x</option><script defer src=a></script>",
    "<?php echo 1 ?><p>x &amp; &nbsp; &bogus;</p>",
    "<script>if(a<b){}</script><style>p{}</style><p>\r\n</p><p>\x0c</p>",
    "<div>" * 3000 + "deep",
)


def _nodes(soup: BeautifulSoup) -> list[PageElement]:
    found: list[PageElement] = []
    stack: list[PageElement] = [soup]
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, Tag):
            stack.extend(reversed(node.contents))
    return found


def _shape(soup: BeautifulSoup) -> list[tuple[Any, ...]]:
    nodes = _nodes(soup)
    where = {id(n): i for i, n in enumerate(nodes)}
    shape = []
    for node in nodes:
        fields = sorted((k, type(v).__name__, repr(v)) for k, v in vars(node).items()
                        if k not in STATE)
        links = tuple(where.get(id(getattr(node, k)), -1) for k in LINKS)
        shape.append((type(node).__name__, str(node) if isinstance(node, str) else "", fields,
                      links))
    return shape


def _bs4(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(text, "lxml")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_page_tree_is_the_one_bs4_builds(path: Path) -> None:
    text = decode_html(path.read_bytes())
    assert _shape(build_soup(text)) == _shape(_bs4(text))


@pytest.mark.parametrize("text", EDGE_CASES, ids=lambda t: repr(t[:30]))
def test_odd_markup_tree_is_the_one_bs4_builds(text: str) -> None:
    assert _shape(build_soup(text)) == _shape(_bs4(text))


def test_xhtml_or_feed_parses_without_a_warning() -> None:
    feed = '<?xml version="1.0" encoding="utf-8"?><rss><channel><title>t</title></channel></rss>'
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        soup = build_soup(feed)
    assert soup.find("title") is not None


def test_built_tree_supports_selection_and_removal() -> None:
    soup = build_soup("<div class='a b'><p id='x'>one</p><p>two</p></div>")
    assert [p.get_text() for p in soup.select("div.b p")] == ["one", "two"]
    first = soup.find(id="x")
    assert first is not None
    first.decompose()
    assert soup.get_text() == "two"


@pytest.mark.parametrize("path", FIXTURES[:8], ids=lambda p: p.name)
def test_recorded_element_order_and_ends_are_the_ones_an_index_walk_finds(path: Path) -> None:
    tree = build_tree(decode_html(path.read_bytes()))
    assert tree.elements is not None and tree.ends is not None
    walked = TreeIndex(tree.soup)  # no recorded order: walks the tree itself
    assert tree.elements == walked.elements
    assert [id(t) for t in tree.elements] == [id(t) for t in walked.elements]
    assert tree.ends == walked.end


@pytest.mark.parametrize("path", FIXTURES[:8], ids=lambda p: p.name)
def test_buckets_filed_while_building_are_the_ones_an_index_walk_files(path: Path) -> None:
    tree = build_tree(decode_html(path.read_bytes()))
    assert tree.keys is not None
    walked = TreeIndex(tree.soup)  # no recorded buckets: files every element itself
    assert list(tree.keys.items()) == list(walked.buckets.items())


@pytest.mark.parametrize("path", FIXTURES[:8], ids=lambda p: p.name)
def test_text_from_recorded_strings_is_the_soups_text(path: Path) -> None:
    tree = build_tree(decode_html(path.read_bytes()))
    assert tree.strings is not None
    assert tree.text(" ") == tree.soup.get_text(" ")


def test_dismantled_tree_leaves_taken_strings_intact() -> None:
    tree = build_tree("<html><body><h1>Title</h1><p class='x'>one</p></body></html>")
    title = tree.soup.h1.get_text() if tree.soup.h1 else ""
    string = tree.strings[0] if tree.strings else None
    elements = list(tree.elements or [])
    tree.dismantle()
    assert title == "Title"
    assert string == "Title"
    assert elements and all(not e.__dict__ for e in elements)
    assert tree.elements == [] and tree.strings == []  # freed before the caller lets go


@pytest.mark.parametrize("path", FIXTURES[:8], ids=lambda p: p.name)
def test_outer_html_is_the_html_bs4_writes_for_every_element(path: Path) -> None:
    soup = build_soup(decode_html(path.read_bytes()))
    for tag in soup.find_all(True):
        assert outer_html(tag) == str(tag)
        assert inner_html(tag) == tag.decode_contents()


@pytest.mark.parametrize("text", EDGE_CASES, ids=lambda t: repr(t[:30]))
def test_outer_html_of_odd_markup_is_the_html_bs4_writes(text: str) -> None:
    tags = build_soup(text).find_all(True)
    for tag in tags[:3] + tags[-3:]:  # the outermost and innermost (the deep page is 3,000 deep)
        assert outer_html(tag) == str(tag)
        assert inner_html(tag) == tag.decode_contents()


def test_outer_html_after_edits_quotes_and_hidden_tags_is_the_html_bs4_writes() -> None:
    soup = build_soup(
        "<div><p title='say \"hi\"'>a &amp; b</p><p title=\"it's &quot;x&quot;\">c</p>"
        "<span>x<br>y</span><!-- note --><script>a<b</script><img src='a?b=1&c=2'></div>"
    )
    span = soup.find("span")
    assert span is not None and soup.div is not None
    span.decompose()
    soup.div.append(soup.new_tag("hr"))
    hidden = soup.new_tag("section")
    hidden.append("inside")
    hidden.hidden = True
    soup.div.append(hidden)
    assert outer_html(soup.div) == str(soup.div)
    assert inner_html(soup.div) == soup.div.decode_contents()
