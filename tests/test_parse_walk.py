"""The cheap walks (scraper/parse/walk.py) return what bs4's find_all / find / get_text return."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.parse.decode import decode_html
from scraper.parse.tree import build_soup
from scraper.parse.walk import first_below, tags_below, text_of

FIXTURES = sorted((Path(__file__).parent / "fixtures").rglob("*.htm*"))[:10]
NAMES = (("a",), ("h2", "h3", "h4"), frozenset({"p", "li", "div"}))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_walks_find_what_find_all_and_get_text_find(path: Path) -> None:
    soup = build_soup(decode_html(path.read_bytes()))
    for tag in soup.find_all(True)[:400]:
        assert tags_below(tag) == tag.find_all(True)
        for names in NAMES:
            assert tags_below(tag, names) == tag.find_all(names)
            assert first_below(tag, names) is tag.find(names)
        assert tags_below(tag, ("a",), attr="href", limit=2) == tag.find_all("a", href=True,
                                                                              limit=2)
        assert text_of(tag) == tag.get_text()
        assert text_of(tag, " ", strip=True) == tag.get_text(" ", strip=True)


def test_walks_follow_edits_and_skip_script_text() -> None:
    soup = build_soup(
        "<div><p>one <b>two</b></p><script>x</script><ul><li>three</li></ul><p> </p></div>"
    )
    div, ul = soup.div, soup.ul
    assert div is not None and soup.b is not None and ul is not None
    soup.b.decompose()
    ul.extract()
    assert text_of(div) == div.get_text() == "one  "
    assert text_of(div, "|", strip=True) == "one"
    assert tags_below(div) == div.find_all(True)
    assert text_of(ul) == "three"
