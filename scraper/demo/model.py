"""The shapes of the demo blog's content: posts, their comments, and the few plain pages.

These are the *source* records the demo site renders from, not what a parser extracts; tests
compare the archiver's output against them. Kept separate from ``content`` so that tests can
build altered copies (an edited post, a deleted comment) with ``dataclasses.replace``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DemoComment:
    """One reader comment as the builder stores it.

    ``replies`` nest one level below this comment on the page (and may nest again). ``spam``
    is ground truth for tests: the page itself never says so.
    """

    name: str
    text: str
    stamp: datetime
    website: str | None = None
    spam: bool = False
    replies: tuple[DemoComment, ...] = ()

    def walk(self) -> Iterator[DemoComment]:
        """Yield this comment, then its replies depth-first, in page order."""
        yield self
        for reply in self.replies:
            yield from reply.walk()


@dataclass(frozen=True)
class DemoPost:
    """One blog post. ``sid`` is the builder's id, the only identity in the post's URL.

    ``updated`` is when the post was last edited; it feeds the page's ``Last-Modified`` header,
    so a test that edits a post should set it to keep conditional GET honest.
    """

    sid: int
    title: str
    published: date
    author: str
    body: tuple[str, ...]
    tags: tuple[str, ...] = ()
    comments: tuple[DemoComment, ...] = ()
    updated: date | None = None

    @property
    def path(self) -> str:
        """The post page's path and query, exactly as the site links it."""
        return f"/blog/post/?sid={self.sid}"

    def all_comments(self) -> list[DemoComment]:
        """Every comment, replies included, in page order."""
        return [c for top in self.comments for c in top.walk()]


@dataclass(frozen=True)
class DemoPage:
    """A non-post page (About, Contact, ...), linked from the header nav."""

    slug: str
    title: str
    body: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"/{self.slug}/"
