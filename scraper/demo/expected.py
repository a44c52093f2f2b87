"""What an archive of the demo blog should contain, for tests and for ``make demo``'s checks.

Derived from ``content.POSTS`` (never written out twice), so an edit to the content cannot leave
the expectations stale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from scraper.demo.content import POSTS
from scraper.demo.model import DemoPost


@dataclass(frozen=True)
class ExpectedPost:
    """One post as the archiver should record it.

    ``comment_count`` counts every comment on the page, replies and spam included;
    ``spam_count`` how many of those are spam.
    """

    sid: int
    path: str
    title: str
    published: date
    author: str
    comment_count: int
    spam_count: int
    tags: tuple[str, ...]


def expected_post(post: DemoPost) -> ExpectedPost:
    comments = post.all_comments()
    return ExpectedPost(
        sid=post.sid,
        path=post.path,
        title=post.title,
        published=post.published,
        author=post.author,
        comment_count=len(comments),
        spam_count=sum(c.spam for c in comments),
        tags=post.tags,
    )


def expected_posts(posts: Sequence[DemoPost] = POSTS) -> list[ExpectedPost]:
    """Every post the demo blog serves, in ascending sid order."""
    return [expected_post(p) for p in sorted(posts, key=lambda p: p.sid)]
