"""Which crawl options a site keeps for later runs, and which are for one run only; and settings
no run could use, refused by the library as by the command line."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from archive.cli import app
from archive.sites import SiteError, set_settings
from archive.store import Archive

runner = CliRunner()


def settings(db: Path) -> dict[str, Any]:
    with Archive(db, readonly=True) as archive:
        [site] = archive.sites()
        return site.settings


def crawl(url: str, db: Path, *options: str) -> None:
    result = runner.invoke(app, ["crawl", url, "--db", str(db), "-q", *options])
    assert result.exit_code == 0, result.stderr


def test_crawl_keeps_its_retries_for_later_runs(tmp_path: Path, demo_server: object) -> None:
    db = tmp_path / "a.db"
    url = demo_server.url + "blog/"  # type: ignore[attr-defined]
    crawl(url, db, "--delay", "0", "--retries", "2", "--max-pages", "3")
    assert settings(db)["retries"] == 2


def test_max_pages_of_a_crawl_is_for_that_run_only(tmp_path: Path, demo_server: object) -> None:
    db = tmp_path / "a.db"
    url = demo_server.url + "blog/"  # type: ignore[attr-defined]
    crawl(url, db, "--delay", "0", "--max-pages", "3")
    assert "max_pages" not in settings(db)
    limited = runner.invoke(app, ["sites", "set", url, "--max-pages", "500", "--db", str(db)])
    assert limited.exit_code == 0, limited.stderr
    crawl(url, db, "--max-pages", "2")
    assert settings(db)["max_pages"] == 500


def test_a_crawl_without_an_option_keeps_the_sites_setting(
    tmp_path: Path, demo_server: object
) -> None:
    db = tmp_path / "a.db"
    url = demo_server.url + "blog/"  # type: ignore[attr-defined]
    crawl(url, db, "--delay", "0", "--max-pages", "3")
    changed = runner.invoke(
        app, ["sites", "set", url, "--delay", "0.01", "--retries", "1", "--db", str(db)]
    )
    assert changed.exit_code == 0, changed.stderr
    crawl(url, db, "--max-pages", "3")
    stored = settings(db)
    assert (stored["delay"], stored["retries"]) == (0.01, 1)
    crawl(url, db, "--max-pages", "3", "--delay", "0")
    assert settings(db)["delay"] == 0


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("delay", math.nan),
        ("delay", math.inf),
        ("delay", -1),
        ("delay", "fast"),
        ("max_pages", 0),
        ("max_pages", 2.5),
        ("max_depth", -1),
        ("retries", 0),
        ("retries", True),
        ("sweep_days", math.nan),
        ("user_agent", "bot\r\nX-Evil: 1"),
        ("user_agent", "  "),
        ("colour", "blue"),
    ],
)
def test_set_settings_refuses_what_no_run_could_use(
    key: str, value: object, archive: Archive
) -> None:
    site = archive.ensure_site("http://one.test/blog/", "one.test/blog/", {"delay": 1.0})
    with pytest.raises(SiteError):
        set_settings(archive, site, {key: value})
    assert archive.site(site.id).settings == {"delay": 1.0}  # type: ignore[union-attr]


def test_set_settings_stores_what_a_run_can_use(archive: Archive) -> None:
    site = archive.ensure_site("http://one.test/blog/", "one.test/blog/", {})
    changed = set_settings(
        archive, site, {"delay": 0, "max_pages": 1, "retries": 3.0, "user_agent": "my-bot/1.0"}
    )
    assert changed.settings == {
        "delay": 0.0, "max_pages": 1, "retries": 3, "user_agent": "my-bot/1.0"
    }
