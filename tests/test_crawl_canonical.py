"""One post, one archive row: rel=canonical, redirects and trailing-slash twins never make a
post be stored twice or fetched twice."""

from __future__ import annotations

from pathlib import Path

from sites.content import HTML, NOT_FOUND, TEXT, listing_content, make_posts, post_article, shell
from sites.harness import crawl

POSTS = make_posts(6, seed=9)
Response = tuple[int, str, bytes]


def render(raw: str) -> Response:
    """Posts live at /posts/N/; the home page links some as /old/N/ (whose pages name
    /posts/N/ as canonical) and some without the trailing slash (redirected)."""
    path = raw.split("?", 1)[0]
    if path == "/robots.txt":
        return 200, TEXT, b"User-agent: *\nDisallow:\n"
    if path == "/":
        teasers = [(f"/old/{p.number}/" if p.number % 2 else f"/posts/{p.number}", p)
                   for p in POSTS]
        return 200, HTML, shell("Blog", listing_content(teasers, None, None))
    if path.startswith("/posts/") and not path.endswith("/"):
        return 301, HTML, (path + "/").encode()
    for prefix in ("/posts/", "/old/"):
        if path.startswith(prefix) and path.endswith("/"):
            number = int(path[len(prefix) : -1])
            if not 1 <= number <= len(POSTS):
                return NOT_FOUND
            post = POSTS[number - 1]
            head, content = post_article(post, f"/posts/{number}/", {})
            return 200, HTML, shell(post.title, content, head=head)
    return NOT_FOUND


def test_canonical_and_slash_twins_store_each_post_once(tmp_path: Path) -> None:
    crawled = crawl(render, tmp_path / "a.db")
    assert crawled.post_paths == {f"/posts/{p.number}/" for p in POSTS}


def test_a_canonical_target_is_not_fetched_again(tmp_path: Path) -> None:
    crawled = crawl(render, tmp_path / "a.db")
    assert len(crawled.requests) == len(set(crawled.requests))
    for post in POSTS:  # /posts/N redirects to /posts/N/: one fetch, two requests
        pages = {f"/old/{post.number}/", f"/posts/{post.number}/"}
        assert len(pages & set(crawled.requests)) == 1


def render_shared_canonical(raw: str) -> Response:
    """A broken template: every post names the blog index as its canonical URL."""
    path = raw.split("?", 1)[0]
    if path.startswith("/posts/") and path.endswith("/"):
        number = int(path[len("/posts/") : -1])
        if not 1 <= number <= len(POSTS):
            return NOT_FOUND
        post = POSTS[number - 1]
        head, content = post_article(post, "/blog/index/", {})
        return 200, HTML, shell(post.title, content, head=head)
    if path == "/":
        teasers = [(f"/posts/{p.number}/", p) for p in POSTS]
        return 200, HTML, shell("Blog", listing_content(teasers, None, None))
    return render(raw)


def test_a_canonical_shared_by_many_posts_merges_none_of_them(tmp_path: Path) -> None:
    crawled = crawl(render_shared_canonical, tmp_path / "a.db")
    own = {f"/posts/{p.number}/" for p in POSTS}
    assert len(crawled.post_paths & own) >= len(POSTS) - 1
    assert len(crawled.post_paths) == len(POSTS)
