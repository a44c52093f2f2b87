"""An update parses with the site profile the first crawl learned (template, day/month order per
date style), so re-fetching an unchanged page never records a new version."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from archive.cli import app
from archive.store import Archive
from scraper.demo import DemoServer, expected_posts

runner = CliRunner()


def test_a_full_update_without_validators_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with DemoServer() as server:
        crawl = runner.invoke(
            app, ["crawl", server.url + "blog/", "--db", str(db), "--delay", "0", "--json"]
        )
        assert crawl.exit_code == 0, crawl.output
        with Archive(db) as archive:  # forget the validators: every page answers 200 again
            archive.db.execute("UPDATE pages SET etag = NULL, last_modified = NULL")
            archive.db.conn.commit()
            before = {c[0]: c[1] for c in archive.db.execute("SELECT id, published FROM comments")}
        update = runner.invoke(app, ["update", "--db", str(db), "--full", "--json"])
        assert update.exit_code == 0, update.output
    summaries = json.loads(update.stdout)
    summary = summaries[0] if isinstance(summaries, list) else summaries
    assert summary["changed_posts"] == 0
    with Archive(db, create=False) as archive:
        assert archive.db.execute("SELECT count(*) FROM post_versions").fetchone()[0] == 0
        after = {c[0]: c[1] for c in archive.db.execute("SELECT id, published FROM comments")}
        assert archive.counts()["posts"] == len(expected_posts())
    assert after == before
