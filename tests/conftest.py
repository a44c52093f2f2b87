"""Shared fixtures: a real archive file under tmp_path, and the bundled demo blog served over real
HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.store import Archive


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def archive(archive_path: Path) -> Iterator[Archive]:
    with Archive(archive_path) as arc:
        yield arc


@pytest.fixture
def demo_server() -> Iterator[object]:
    from scraper.demo import DemoServer

    with DemoServer() as server:
        yield server
