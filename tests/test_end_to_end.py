"""The whole pipeline on the bundled demo blog, over real HTTP on 127.0.0.1: crawl with the CLI,
then check the archive holds every post with the right title, date and comments, and that search
finds the right post."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from archive.cli import app
from archive.store import Archive
from scraper.demo import COMMENT_ONLY_WORDS, UNIQUE_WORDS, DemoServer, expected_posts

runner = CliRunner()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = tmp_path_factory.mktemp("e2e") / "demo.db"
    with DemoServer() as server:
        result = runner.invoke(
            app, ["crawl", server.url + "blog/", "--db", str(db), "--delay", "0", "--json"]
        )
        log = list(server.request_log)
    return db, result, log, server.url


def test_crawl_succeeds(crawled: Any) -> None:
    _db, result, _, _ = crawled
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["status"] == "ok"
    assert summary["errors"] == 0


def test_every_demo_post_is_archived_with_title_date_and_author(crawled: Any) -> None:
    db, _, _, url = crawled
    with Archive(db, create=False) as archive:
        for exp in expected_posts():
            post = archive.post(url.rstrip("/") + exp.path)
            assert post is not None, f"missing {exp.path}"
            assert post.title == exp.title
            assert post.published is not None and post.published[:10] == exp.published.isoformat()
            assert post.author == exp.author


def test_only_posts_are_archived_as_posts(crawled: Any) -> None:
    db, _, _, _ = crawled
    with Archive(db, create=False) as archive:
        urls = [row[0] for row in archive.db.execute("SELECT url FROM posts").fetchall()]
    assert sorted(urls) == sorted(crawled[3].rstrip("/") + exp.path for exp in expected_posts())


def test_every_comment_is_archived_with_thread_and_spam_flag(crawled: Any) -> None:
    db, _, _, url = crawled
    with Archive(db, create=False) as archive:
        for exp in expected_posts():
            post = archive.post(url.rstrip("/") + exp.path)
            assert post is not None
            assert len(post.comments) == exp.comment_count, exp.path
            assert sum(c.likely_spam for c in post.comments) == exp.spam_count, exp.path


def test_no_page_is_fetched_twice(crawled: Any) -> None:
    _, _, log, _ = crawled
    pages = [path for path in log if path != "/robots.txt"]
    assert len(pages) == len(set(pages))


@pytest.mark.parametrize(("word", "sid"), sorted(UNIQUE_WORDS.items()))
def test_search_finds_the_one_post_with_a_distinctive_word(
    crawled: Any, word: str, sid: int
) -> None:
    db = crawled[0]
    result = runner.invoke(app, ["search", word, "--db", str(db), "--in", "posts", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert [h["url"].split("?")[-1] for h in hits] == [f"sid={sid}"]
    assert hits[0]["snippet"]


@pytest.mark.parametrize(("word", "sid"), sorted(COMMENT_ONLY_WORDS.items()))
def test_search_finds_comments(crawled: Any, word: str, sid: int) -> None:
    db = crawled[0]
    result = runner.invoke(app, ["search", word, "--db", str(db), "--in", "comments", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits and all(h["kind"] == "comment" for h in hits)
    assert all(f"sid={sid}#comment-" in h["url"] for h in hits)


def test_show_prints_the_post_and_its_thread(crawled: Any) -> None:
    db = crawled[0]
    exp = next(e for e in expected_posts() if e.comment_count >= 2)
    result = runner.invoke(app, ["show", crawled[3].rstrip("/") + exp.path, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert exp.title in result.stdout
    assert f"{exp.comment_count} comments" in result.stdout


def test_a_second_crawl_uses_conditional_requests_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    with DemoServer() as server:
        args = ["crawl", server.url + "blog/", "--db", str(db), "--delay", "0", "--json"]
        first = runner.invoke(app, args)
        assert first.exit_code == 0, first.output
        server.clear_log()
        second = runner.invoke(app, args)
        assert second.exit_code == 0, second.output
    summary = json.loads(second.stdout)
    assert summary["new_posts"] == 0
    assert summary["changed_posts"] == 0
    assert summary["new_comments"] == 0
    assert summary["not_modified"] >= len(expected_posts())
    with Archive(db, create=False) as archive:
        assert archive.db.execute("SELECT count(*) FROM post_versions").fetchone()[0] == 0


def test_search_as_csv(crawled: Any) -> None:
    import csv
    import io

    db = crawled[0]
    result = runner.invoke(app, ["search", "insomnia", "--db", str(db), "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["url"].endswith(f"sid={UNIQUE_WORDS['insomnia']}")
    assert "**" in rows[0]["snippet"]


def test_check_reports_a_healthy_archive(crawled: Any) -> None:
    result = runner.invoke(app, ["check", "--db", str(crawled[0])])
    assert result.exit_code == 0, result.output
    assert "ok" in result.stdout


def test_reparse_without_parser_changes_records_no_new_versions(crawled: Any) -> None:
    result = runner.invoke(app, ["reparse", "--db", str(crawled[0])])
    assert result.exit_code == 0, result.output
    assert " 0 changed" in result.stdout
    with Archive(crawled[0], create=False) as archive:
        assert archive.db.execute("SELECT count(*) FROM post_versions").fetchone()[0] == 0


def test_every_post_is_parsed_with_the_sites_learned_profile(crawled: Any) -> None:
    from archive.profiles import profile_of

    with Archive(crawled[0], create=False) as archive:
        site = archive.sites()[0]
        profile = profile_of(site)
        keys = {row[0] for row in archive.db.execute("SELECT profile_key FROM posts")}
    assert profile.boilerplate, "the sidebar/footer template was learned"
    assert profile.date_order == "DMY"
    assert keys == {profile.key()}


def _demo_stamps(comments: Any) -> list[str]:
    out: list[str] = []
    for c in comments:
        out.append(c.stamp.isoformat(timespec="minutes"))
        out += _demo_stamps(c.replies)
    return out


def test_comment_stamps_are_read_month_first_while_post_dates_are_day_first(
    crawled: Any,
) -> None:
    from scraper.demo import POSTS

    db, _, _, url = crawled
    with Archive(db, create=False) as archive:
        for demo in POSTS:
            post = archive.post(f"{url.rstrip('/')}/blog/post/?sid={demo.sid}")
            assert post is not None
            got = sorted((c.published or "")[:16] for c in post.comments)
            assert got == sorted(_demo_stamps(demo.comments)), demo.sid


def test_tags_are_archived(crawled: Any) -> None:
    db, _, _, url = crawled
    with Archive(db, create=False) as archive:
        for exp in expected_posts():
            post = archive.post(url.rstrip("/") + exp.path)
            assert post is not None and post.tags == list(exp.tags), exp.path
    result = runner.invoke(app, ["search", "tag:grief", "--in", "posts", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    found = {h["url"].split("?")[-1] for h in json.loads(result.stdout)}
    assert found == {f"sid={e.sid}" for e in expected_posts() if "grief" in e.tags}
