"""A post whose comments are split over three pages is archived with all seven, over real HTTP on
127.0.0.1: in page order, with replies under the right comment (also across pages), and no
comment page stored or queued as a page of its own. A comment page that fails loses nothing,
is reported, and is fetched on the next run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sites.pagedcomments import COMMENTS, PAGED_PATH, PagedCommentsBlog
from sites.server import SiteServer

from archive.jobs import CrawlOptions, CrawlSummary, crawl_site, reparse_site
from archive.profiles import profile_of
from archive.sites import set_settings
from archive.store import Archive, StoredPost
from archive.update import UpdateOptions, UpdateSummary, update_site
from scraper.urls import canonical_url

OPTIONS = CrawlOptions(delay=0, retries=1)
AUTHORS = [c.author for c in COMMENTS]
#: Parent of each comment as an index into the list, in page order.
PARENTS = [None, 0, None, 2, None, None, 5]


@pytest.fixture
def served() -> Iterator[tuple[PagedCommentsBlog, str]]:
    blog = PagedCommentsBlog()
    with SiteServer(blog.render) as server:
        blog.origin = server.url.rstrip("/")
        yield blog, server.url


def _crawl(db: Path, url: str) -> CrawlSummary:
    with Archive(db) as archive:
        summary = crawl_site(archive, url, OPTIONS)
        set_settings(archive, archive.sites()[0], {"retries": 1, "delay": 0.0})
        return summary


def _update(db: Path) -> UpdateSummary:
    with Archive(db) as archive:
        return update_site(archive, archive.sites()[0], UpdateOptions())


def _post(db: Path, blog: PagedCommentsBlog) -> StoredPost:
    with Archive(db, create=False) as archive:
        post = archive.post(blog.page_url(blog.shown))
    assert post is not None
    return post


def _kept(post: StoredPost) -> list[str | None]:
    return [c.author for c in post.comments if c.removed_at is None]


def _parents(post: StoredPost) -> list[int | None]:
    index = {c.id: i for i, c in enumerate(post.comments)}
    return [index[c.parent_id] if c.parent_id is not None else None for c in post.comments]


@pytest.mark.parametrize(
    ("default_page", "plain"),
    [("newest", False), ("oldest", False), ("newest", True)],
    ids=["newest-first", "oldest-first", "plain-permalinks-cpage"],
)
def test_all_seven_comments_of_three_pages_are_stored_in_page_order(
    served: tuple[PagedCommentsBlog, str], tmp_path: Path, default_page: str, plain: bool
) -> None:
    blog, url = served
    blog.default_page, blog.plain_permalinks = default_page, plain
    summary = _crawl(tmp_path / "a.db", url)
    assert summary.status == "ok", summary.error_samples
    post = _post(tmp_path / "a.db", blog)
    assert [c.author for c in post.comments] == AUTHORS
    assert _parents(post) == PARENTS
    assert [c.text for c in post.comments] == [c.text for c in COMMENTS]


def test_comment_pages_are_neither_posts_nor_crawl_pages(
    served: tuple[PagedCommentsBlog, str], tmp_path: Path
) -> None:
    blog, url = served
    _crawl(tmp_path / "a.db", url)
    with Archive(tmp_path / "a.db", create=False) as archive:
        posts = [r[0] for r in archive.db.execute("SELECT url FROM posts")]
        pages = [r[0] for r in archive.db.execute("SELECT url FROM pages")]
        fetched = [r[0] for r in archive.db.execute("SELECT url FROM fetches")]
    assert len(posts) == 3
    assert not [u for u in posts + pages if "comment-page" in u]
    assert sorted(u for u in fetched if "comment-page" in u) == [
        blog.page_url(1), blog.page_url(2)
    ]


def test_a_failed_comment_page_keeps_what_was_fetched_is_reported_and_retried(
    served: tuple[PagedCommentsBlog, str], tmp_path: Path
) -> None:
    blog, url = served
    blog.default_page, blog.fail = "oldest", {3}
    db = tmp_path / "a.db"
    first = _crawl(db, url)
    assert first.status == "partial"
    assert first.errors == 1
    assert any("comment-page-3" in s for s in first.error_samples)
    assert _kept(_post(db, blog)) == AUTHORS[:5]
    assert _fetches_of(db, blog.page_url(3)) == [("http-status", 500)]

    blog.fail = set()
    second = _update(db)
    assert second.status == "ok", second.error_samples
    assert _fetches_of(db, blog.page_url(3)) == [("http-status", 500), (None, 200)]
    post = _post(db, blog)
    assert _kept(post) == AUTHORS
    assert _parents(post) == PARENTS


def _fetches_of(db: Path, url: str) -> list[tuple[str | None, int]]:
    with Archive(db, create=False) as archive:
        return [
            (r[0], r[1])
            for r in archive.db.execute(
                "SELECT error_kind, status FROM fetches WHERE url = ? ORDER BY id", [url]
            )
        ]


def test_a_comment_page_failing_later_does_not_mark_its_comments_removed(
    served: tuple[PagedCommentsBlog, str], tmp_path: Path
) -> None:
    blog, url = served
    blog.default_page = "oldest"
    db = tmp_path / "a.db"
    assert _crawl(db, url).status == "ok"
    blog.fail = {3}
    with Archive(db) as archive:
        run = update_site(archive, archive.sites()[0], UpdateOptions(full=True))
    assert run.status == "partial"
    assert run.removed_comments == 0
    assert _kept(_post(db, blog)) == AUTHORS


def test_a_reparse_reads_the_stored_comment_pages(
    served: tuple[PagedCommentsBlog, str], tmp_path: Path
) -> None:
    blog, url = served
    db = tmp_path / "a.db"
    _crawl(db, url)
    with Archive(db) as archive:
        site = archive.sites()[0]
        archive.db.execute("UPDATE posts SET profile_key = 'stale'")
        reparse_site(archive, site.id, profile_of(site), only_stale=True)
    post = _post(db, blog)
    assert _kept(post) == AUTHORS
    assert _parents(post) == PARENTS


def test_the_post_page_is_fetched_before_its_comment_pages_and_each_once(
    tmp_path: Path,
) -> None:
    blog = PagedCommentsBlog()
    with SiteServer(blog.render) as server:
        blog.origin = server.url.rstrip("/")
        _crawl(tmp_path / "a.db", server.url)
        log = server.log
    wanted = [PAGED_PATH, PAGED_PATH + "comment-page-2/", PAGED_PATH + "comment-page-1/"]
    assert [p for p in log if p.startswith(PAGED_PATH)] == wanted


def test_a_comment_page_already_in_the_frontier_is_not_stored_as_a_post(
    served: tuple[PagedCommentsBlog, str], tmp_path: Path
) -> None:
    """An archive made before comment pages were known may hold ``?cpage=2`` as a page to visit:
    visiting it again stores no post under it."""
    blog, url = served
    blog.plain_permalinks = True
    db = tmp_path / "a.db"
    _crawl(db, url)
    with Archive(db) as archive:
        site = archive.sites()[0]
        archive.db.execute(
            "INSERT INTO pages (site_id, url, state, depth, source, priority, first_seen, "
            "last_seen) VALUES (?, ?, 'pending', 1, 'link', 0, '2026-01-01', '2026-01-01')",
            [site.id, canonical_url(blog.page_url(2))],
        )
    _crawl(db, url)
    with Archive(db, create=False) as archive:
        posts = [r[0] for r in archive.db.execute("SELECT url FROM posts")]
        kind = archive.db.execute(
            "SELECT kind, state FROM pages WHERE url = ?", [canonical_url(blog.page_url(2))]
        ).fetchone()
    assert not [u for u in posts if "cpage" in u]
    assert tuple(kind) == ("other", "done")
