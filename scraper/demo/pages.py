"""The main-column HTML of each kind of demo page: home, blog listing, post, plain page, 404.

Each function returns an escaped HTML fragment; ``layout.page`` wraps it in the shared shell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from urllib.parse import quote

from scraper.demo.content import INTRO
from scraper.demo.layout import esc, format_date, format_stamp
from scraper.demo.model import DemoComment, DemoPage, DemoPost

#: Comment threads per comment page: a post with more shows its newest page at its own URL and
#: links the older ones (``?sid=N&cpage=K``), as WordPress's "Break comments into pages" does.
COMMENTS_PER_PAGE = 3
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.S)
_EPOCH = datetime(2000, 1, 1)
_URL = re.compile(r"https?://[^\s<>\"']+")


def first_sentence(post: DemoPost) -> str:
    """The teaser the builder shows in listings: the body's first sentence."""
    text = post.body[0] if post.body else ""
    match = _FIRST_SENTENCE.match(text)
    return match.group(1) if match else text


def tag_path(tag: str) -> str:
    """The listing of one tag's posts, as the tags line links it."""
    return f"/blog/?tag={quote(tag, safe='')}"


def _comment_label(n: int) -> str:
    return "1 Comment" if n == 1 else f"{n} Comments"


def teaser(post: DemoPost) -> str:
    """One listing entry: title link, date, first sentence, comment count."""
    n = len(post.all_comments())
    return (
        '<div class="blog-teaser" style="margin-bottom:28px;">'
        f'<h2 class="blog-post-title" style="font-size:20px;">'
        f'<a class="blog-title-link" href="{esc(post.path)}">{esc(post.title)}</a></h2>'
        f'<div class="blogPostDate" style="color:#888;font-size:12px;">'
        f"{format_date(post.published)}</div>"
        f'<div class="blog-teaser-text">{esc(first_sentence(post))} '
        f'<a class="blog-read-more" href="{esc(post.path)}">Read More</a></div>'
        f'<div class="blog-teaser-comments" style="font-size:12px;">'
        f'<a href="{esc(post.path)}#comments">{_comment_label(n)}</a></div>'
        "</div>\n"
    )


def home(latest: Sequence[DemoPost]) -> str:
    """The home page: a short introduction and the latest posts' teasers."""
    intro = "".join(f'<div class="paragraph">{esc(p)}</div>' for p in INTRO)
    return (
        f'<div class="sb-home-intro" style="margin-bottom:30px;">{intro}</div>'
        '<div class="sb-home-latest"><div class="sb-section-title" '
        'style="font-weight:bold;">From the Blog</div>'
        f"{''.join(teaser(p) for p in latest)}"
        '<div class="sb-home-more"><a href="/blog/">Read the blog</a></div></div>'
    )


def listing(
    posts: Sequence[DemoPost], older: str | None, newer: str | None, heading: str | None
) -> str:
    """One page of the blog index: teasers, then the builder's "Older/Newer posts" links."""
    links = []
    if newer is not None:
        links.append(f'<a class="blog-newer-link" href="{esc(newer)}">Newer posts</a>')
    if older is not None:
        links.append(f'<a class="blog-older-link" href="{esc(older)}">Older posts</a>')
    head = f'<div class="blog-list-heading">{esc(heading)}</div>' if heading else ""
    return (
        f'<div class="blog-list">{head}{"".join(teaser(p) for p in posts)}'
        f'<div class="blog-page-nav" style="margin-top:20px;">{" | ".join(links)}</div></div>'
    )


def _linkify(text: str) -> str:
    """Escape comment text, turning bare URLs into links as the builder's comment box does."""
    out: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        out.append(esc(text[last : match.start()]))
        url = match.group(0)
        out.append(f'<a href="{esc(url)}" rel="nofollow">{esc(url)}</a>')
        last = match.end()
    out.append(esc(text[last:]))
    return "".join(out)


def comment_id(comment: DemoComment) -> str:
    """The builder's stable comment id: minutes since 2000, so deleting one shifts no other."""
    return f"cmt-{(comment.stamp - _EPOCH) // timedelta(minutes=1)}"


def _comment(comment: DemoComment) -> str:
    name = esc(comment.name)
    if comment.website:
        name = f'<a href="{esc(comment.website)}" rel="nofollow">{name}</a>'
    replies = ""
    if comment.replies:
        inner = "".join(_comment(r) for r in comment.replies)
        replies = f'<div class="cmt-replies" style="margin-left:30px;">{inner}</div>'
    return (
        f'<div class="comment-entry" id="{comment_id(comment)}" '
        'style="border-top:1px solid #e5e0d5;padding:10px 0;">'
        f'<div class="cmt-name" style="font-weight:bold;">{name}</div>'
        f'<div class="cmt-text">{_linkify(comment.text)}</div>'
        f'<div class="cmt-stamp" style="color:#999;font-size:11px;">'
        f"{format_stamp(comment.stamp)}</div>"
        f"{replies}</div>\n"
    )


def _comment_form(post: DemoPost) -> str:
    return (
        '<div class="blog-comment-form" style="margin-top:20px;">'
        f'<form method="post" action="{esc(post.path)}#comments">'
        '<div class="form-label">Name</div><input type="text" name="cmt_name">'
        '<div class="form-label">Email (not published)</div><input type="text" name="cmt_email">'
        '<div class="form-label">Website</div><input type="text" name="cmt_url">'
        '<div class="form-label">Comment</div><textarea name="cmt_text" rows="6"></textarea>'
        '<div><input type="submit" value="Submit"></div></form></div>'
    )


def comment_page_count(post: DemoPost) -> int:
    """How many comment pages the post has (at least one, which may be empty)."""
    return max(1, -(-len(post.comments) // COMMENTS_PER_PAGE))


def comment_page_path(post: DemoPost, number: int) -> str:
    """Comment page ``number`` (one-based, oldest first); the newest is the post's own URL."""
    return post.path if number >= comment_page_count(post) else f"{post.path}&cpage={number}"


def _comment_pager(post: DemoPost, number: int) -> str:
    count = comment_page_count(post)
    if count == 1:
        return ""
    links = [
        f'<span class="pager-current">{n}</span>' if n == number
        else f'<a class="pager-link" href="{esc(comment_page_path(post, n))}#comments">{n}</a>'
        for n in range(1, count + 1)
    ]
    if number > 1:
        older = esc(comment_page_path(post, number - 1))
        links.insert(0, f'<a class="pager-link" href="{older}#comments">&laquo; Older comments</a>')
    return f'<div class="blog-comments-pager" style="margin:10px 0;">{" ".join(links)}</div>'


def post_page(post: DemoPost, comment_page: int | None = None) -> str:
    """A single post: title, date line, author line, body, tags, comments and the form.

    ``comment_page`` picks the page of comment threads shown (default: the newest, as the post's
    own URL shows it)."""
    number = comment_page or comment_page_count(post)
    threads = post.comments[(number - 1) * COMMENTS_PER_PAGE : number * COMMENTS_PER_PAGE]
    pager = _comment_pager(post, number)
    body = "".join(
        f'<div class="paragraph" style="text-align:left;margin-bottom:12px;">{esc(p)}</div>\n'
        for p in post.body
    )
    tags = ""
    if post.tags:
        links = ", ".join(f'<a href="{tag_path(t)}">{esc(t)}</a>' for t in post.tags)
        tags = f'<div class="blog-post-tags" style="font-size:12px;">Tags: {links}</div>'
    comments = "".join(_comment(c) for c in threads)
    return (
        f'<div class="blog-post" id="blog-post-{post.sid}">'
        '<div class="blog-header">'
        f'<h2 class="blog-post-title" style="font-size:24px;">'
        f'<a class="blog-title-link" href="{esc(post.path)}">{esc(post.title)}</a></h2>'
        f'<div class="blogPostDate" style="color:#888;font-size:12px;">'
        f"{format_date(post.published)}</div>"
        f'<div class="blog-post-author" style="font-size:12px;">Posted by {esc(post.author)}</div>'
        "</div>"
        f'<div class="blog-content" style="margin-top:16px;">{body}</div>'
        f"{tags}"
        "</div>"
        '<div id="comments" class="blog-comments-area" style="margin-top:30px;">'
        '<div class="blog-comments-title" style="font-weight:bold;font-size:18px;">'
        "Comments</div>"
        f'{pager}<div class="blog-comments-list">{comments}</div>{pager}'
        f"{_comment_form(post)}</div>"
    )


def plain_page(demo_page: DemoPage) -> str:
    """An About/Services/Contact page: a headline and paragraphs."""
    body = "".join(f'<div class="paragraph">{esc(p)}</div>' for p in demo_page.body)
    return (
        f'<div class="sb-page-title" style="font-size:24px;">{esc(demo_page.title)}</div>'
        f'<div class="sb-page-body">{body}</div>'
    )


def not_found() -> str:
    """The builder's friendly 404 body."""
    return (
        '<div class="sb-page-title" style="font-size:24px;">Page not found</div>'
        '<div class="paragraph">Sorry, the page you were looking for could not be found. '
        'Try the <a href="/blog/">blog</a> or the <a href="/">home page</a>.</div>'
    )
