"""Placeholder."""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.element import Tag

from scraper.models import Comment, DateOrder


def find_generic(
    soup: BeautifulSoup, url: str, *, order: DateOrder | None = None, language: str | None = None
) -> tuple[list[Comment], list[Tag]] | None:
    return None
