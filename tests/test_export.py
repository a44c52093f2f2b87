"""Exports: JSONL is the contract other tools read; Markdown file names are safe; WARC reads back
with warcio."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from archive.cli import app
from archive.export import export_jsonl, export_warc, slug
from archive.frontier import SiteFrontier
from archive.store import Archive
from scraper.models import Comment, FetchResult, PageOutcome, ParsedPage, Post, QueueItem

runner = CliRunner()
URL = "http://blog.test/blog/post/?sid=7"
HTML = b"<html><body><h1>On grief</h1><p>Grief is love with nowhere to go.</p></body></html>"
POST = Post(
    url=URL,
    title="On grief: ../../etc/passwd",
    published=datetime(2017, 3, 14, 9, 30),
    author="Helen Marsh",
    body_text="Grief is love with nowhere to go.",
    tags=["grief", "loss"],
    comments=[
        Comment("Ann", datetime(2018, 12, 3, 22, 9), "This helped me."),
        Comment("Helen Marsh", datetime(2018, 12, 4, 8, 0), "Thank you, Ann.", parent=0),
        Comment(
            "aa123 aa123",
            None,
            "Cheap wigs www.example",
            likely_spam=True,
            spam_reason="link stuffing",
        ),
    ],
)


def filled(archive: Archive) -> Archive:
    site = archive.ensure_site("http://blog.test/blog/", "blog.test/", {})
    run = archive.start_run(site.id, "test")
    frontier = SiteFrontier(archive, site.id, run)
    result = FetchResult(
        URL,
        URL,
        200,
        {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", "ETag": '"v1"'},
        body=HTML,
        text=HTML.decode(),
        content_type="text/html",
    )
    item = QueueItem(URL)
    frontier.enqueue([item])
    frontier.complete(PageOutcome(item, result=result, page=ParsedPage(URL, "post", POST)))
    # the post later loses a comment upstream
    archive.save_post(site.id, replace(POST, comments=POST.comments[:2]), url=URL)
    return archive


def test_jsonl_has_the_contract_fields(archive: Archive) -> None:
    buf = io.StringIO()
    assert export_jsonl(filled(archive), buf) == 1
    record = json.loads(buf.getvalue())
    for key in (
        "url",
        "title",
        "published",
        "updated",
        "author",
        "tags",
        "body_text",
        "deleted_at",
        "comments",
    ):
        assert key in record
    assert record["url"] == URL
    assert record["tags"] == ["grief", "loss"]
    comments = record["comments"]
    assert [c["author"] for c in comments] == ["Ann", "Helen Marsh", "aa123 aa123"]
    assert comments[1]["parent"] == 0
    for key in ("author", "published", "text", "parent", "likely_spam", "removed_at"):
        assert key in comments[0]
    assert comments[2]["likely_spam"] is True
    assert comments[2]["removed_at"] is not None


def test_cli_jsonl_to_stdout(archive_path: Path) -> None:
    with Archive(archive_path) as archive:
        filled(archive)
    result = runner.invoke(app, ["export", "--db", str(archive_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["title"] == POST.title


def test_cli_csv_file(archive_path: Path, tmp_path: Path) -> None:
    with Archive(archive_path) as archive:
        filled(archive)
    out = tmp_path / "posts.csv"
    result = runner.invoke(
        app, ["export", "--db", str(archive_path), "--format", "csv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["title"] == POST.title
    assert rows[0]["comment_count"] == "3"


def test_markdown_file_names_cannot_escape_the_folder(archive_path: Path, tmp_path: Path) -> None:
    with Archive(archive_path) as archive:
        filled(archive)
    folder = tmp_path / "md"
    result = runner.invoke(
        app, ["export", "--db", str(archive_path), "--format", "markdown", "--out", str(folder)]
    )
    assert result.exit_code == 0, result.output
    files = list(folder.iterdir())
    assert len(files) == 1
    assert files[0].parent == folder
    text = files[0].read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: ")
    assert "> > **Helen Marsh**" in text
    assert "removed upstream" in text


def test_slug_is_safe() -> None:
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("Café & naïve — über") == "cafe-naive-uber"
    assert slug("???") == "post"
    assert len(slug("word " * 100)) <= 60


def test_warc_reads_back_with_warcio(archive: Archive) -> None:
    buf = io.BytesIO()
    assert export_warc(filled(archive), buf) == 1
    buf.seek(0)
    seen = [
        (
            r.rec_headers.get_header("WARC-Target-URI"),
            r.http_headers.get_statuscode(),
            r.http_headers.get_header("Content-Encoding"),
            r.content_stream().read(),
        )
        for r in ArchiveIterator(buf)
        if r.rec_type == "response"
    ]
    assert seen == [(URL, "200", None, HTML)]


def test_export_of_a_missing_archive_is_one_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no archive at")


def test_unknown_format_is_refused(archive_path: Path) -> None:
    Archive(archive_path).close()
    result = runner.invoke(app, ["export", "--db", str(archive_path), "--format", "pdf"])
    assert result.exit_code == 2
    assert "--format" in result.stderr
