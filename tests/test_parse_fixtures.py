"""Every hand-written fixture page parses to its expected post (one page per platform)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.parse import PLATFORMS, parse_page

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p for p in FIXTURES.glob("*/*.html") if p.with_suffix(".json").exists()
               and p.parent.name != "comments")


def _expected(page: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_page_parses_to_expected_post(page: Path) -> None:
    exp = _expected(page)
    parsed = parse_page(page.read_bytes(), str(exp["url"]))
    assert parsed.kind == exp["kind"]
    post = parsed.post
    assert post is not None
    assert post.platform == exp["platform"]
    assert post.title == exp["title"]
    if "date" in exp:
        assert post.published is not None
        assert post.published.strftime("%Y-%m-%d") == exp["date"]
    if "author" in exp:
        assert post.author == exp["author"]
    for tag in exp.get("tags", []):  # type: ignore[attr-defined]
        assert tag in post.tags
    for snippet in exp.get("body_contains", []):  # type: ignore[attr-defined]
        assert snippet in post.body_text
    for snippet in exp.get("body_excludes", []):  # type: ignore[attr-defined]
        assert snippet not in post.body_text


def test_every_registered_platform_has_a_fixture() -> None:
    covered = {_expected(p)["platform"] for p in PAGES}
    missing = {p.name for p in PLATFORMS} - covered
    assert not missing


def test_generic_is_the_last_registered_platform() -> None:
    assert PLATFORMS[-1].name == "generic"
    assert [p.name for p in PLATFORMS].count("generic") == 1
