"""A blog that lives: archived once, then changed upstream, then updated.

Before run 2 a post is added, one is edited, a comment is added on another, a comment is deleted,
a post is deleted (410) and a page starts failing with 500. Runs happen on a simulated clock
(``UpdateOptions.now``): run 2 two days after the first crawl, run 3 an hour later on the
unchanged site. A deleted post is marked deleted by the second 404/410 in a row, so it is
confirmed by run 3.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from archive.jobs import CrawlOptions, crawl_site
from archive.sites import set_settings
from archive.store import Archive
from archive.update import UpdateOptions, UpdateSummary, update_site
from scraper.demo.living import LivingBlog, Served, generated_posts
from scraper.demo.model import DemoComment, DemoPost

TODAY = date.today()
NEW, EDITED, COMMENTED, UNCOMMENTED, DELETED, FAILING = 13, 2, 5, 12, 11, 10
NEW_COMMENT = "This note arrived at the right time for us; we tried the evening walk idea."


@dataclass(frozen=True)
class Lived:
    db: Path
    url: str
    run2: UpdateSummary
    run3: UpdateSummary
    log3: list[Served]
    versions_after_2: int


def _changed(posts: tuple[DemoPost, ...]) -> list[DemoPost]:
    stamp = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=9)
    out = []
    for post in posts:
        if post.sid == EDITED:
            post = replace(post, body=(*post.body, "An added paragraph."), updated=TODAY)
        elif post.sid == COMMENTED:
            post = replace(post, comments=(DemoComment("Ada", NEW_COMMENT, stamp),))
        elif post.sid == UNCOMMENTED:
            post = replace(post, comments=())
        out.append(post)
    extra = generated_posts(NEW, newest=TODAY)[-1]
    return [*out, replace(extra, title="A brand new note")]


def _update(db: Path, now: datetime) -> UpdateSummary:
    with Archive(db) as archive:
        return update_site(archive, archive.sites()[0], UpdateOptions(now=now))


@pytest.fixture(scope="module")
def lived(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lived]:
    db = tmp_path_factory.mktemp("living") / "archive.db"
    start = datetime.now(timezone.utc)
    with LivingBlog(generated_posts(12, newest=TODAY - timedelta(days=1))) as blog:
        with Archive(db) as archive:
            crawl_site(archive, blog.url + "blog/", CrawlOptions(delay=0.0))
            set_settings(archive, archive.sites()[0], {"retries": 1, "delay": 0.0})
        blog.posts = _changed(blog.posts)
        blog.delete(DELETED)
        blog.fail([f"/blog/post/?sid={FAILING}"])
        run2 = _update(db, start + timedelta(days=2))
        with Archive(db) as archive:
            versions = archive.db.execute("SELECT count(*) FROM post_versions").fetchone()[0]
        blog.clear_log()
        run3 = _update(db, start + timedelta(days=2, hours=1))
        yield Lived(db, blog.url, run2, run3, blog.log, versions)


def _post_url(lived: Lived, sid: int) -> str:
    return f"{lived.url}blog/post/?sid={sid}"


def test_run_with_a_failing_page_is_partial_with_exit_code_1(lived: Lived) -> None:
    assert lived.run2.status == "partial"
    assert lived.run2.exit_code == 1
    assert lived.run2.errors == 1


def test_new_post_is_archived(lived: Lived) -> None:
    with Archive(lived.db) as archive:
        post = archive.post(_post_url(lived, NEW))
    assert post is not None and post.title == "A brand new note"
    assert lived.run2.new_posts == 1


def test_edited_post_keeps_both_versions(lived: Lived) -> None:
    with Archive(lived.db) as archive:
        post = archive.post(_post_url(lived, EDITED))
        assert post is not None
        versions = archive.versions(post.id)
    assert [v["version"] for v in versions] == [1, 2]
    assert "An added paragraph." in post.body_text
    assert "An added paragraph." not in versions[0]["body_text"]


def test_new_comment_is_archived(lived: Lived) -> None:
    with Archive(lived.db) as archive:
        post = archive.post(_post_url(lived, COMMENTED))
    assert post is not None
    assert [c.text for c in post.comments] == [NEW_COMMENT]


def test_comment_deleted_upstream_is_kept_with_removed_at(lived: Lived) -> None:
    with Archive(lived.db) as archive:
        post = archive.post(_post_url(lived, UNCOMMENTED))
    assert post is not None
    assert len(post.comments) == 1
    assert post.comments[0].removed_at is not None
    assert lived.run2.removed_comments == 1


def test_deleted_post_is_kept_and_marked_deleted_by_the_second_410(lived: Lived) -> None:
    assert lived.run2.gone == 1 and lived.run2.deleted_posts == 0
    assert lived.run3.deleted_posts == 1
    with Archive(lived.db) as archive:
        post = archive.post(_post_url(lived, DELETED))
    assert post is not None and post.deleted_at is not None
    assert post.body_text


def test_failing_page_keeps_its_old_copy_and_records_the_error(lived: Lived) -> None:
    url = _post_url(lived, FAILING)
    with Archive(lived.db) as archive:
        post = archive.post(url)
        state, status, error = archive.db.execute(
            "SELECT state, status, error FROM pages WHERE url = ?", [url]
        ).fetchone()
    assert post is not None and post.version == 1 and post.body_text
    assert (state, status) == ("failed", 500)
    assert error
    assert any(url in sample for sample in lived.run2.error_samples)


def test_unchanged_site_makes_no_new_versions(lived: Lived) -> None:
    with Archive(lived.db) as archive:
        versions = archive.db.execute("SELECT count(*) FROM post_versions").fetchone()[0]
    assert versions == lived.versions_after_2
    assert lived.run3.new_posts == lived.run3.changed_posts == lived.run3.new_comments == 0


def test_unchanged_site_costs_robots_sitemap_start_page_and_the_pages_in_trouble(
    lived: Lived,
) -> None:
    paths = sorted(entry.path for entry in lived.log3)
    assert paths == sorted(
        [
            "/robots.txt",
            "/sitemap.xml",
            "/blog/",
            f"/blog/post/?sid={DELETED}",  # the second 410, which confirms the deletion
            f"/blog/post/?sid={FAILING}",  # still failing: retried every run
        ]
    )
    assert lived.run3.requests == len(lived.log3)
    assert lived.run3.exit_code == 1
