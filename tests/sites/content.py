"""Deterministic posts and realistic page markup shared by the synthetic sites.

Posts carry WordPress-like article markup (``h1.entry-title``, ``time.entry-date``, JSON-LD
``BlogPosting``, ``ol.comment-list``) so the real parser reads them as posts with their comments.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

_TEXT = (
    "anxiety calm breath morning session listening grief change courage sleep worry family "
    "boundary trust body season winter garden patience habit kindness silence rhythm shame "
    "anger letter journal walk river memory practice attention compassion story question"
)
WORDS = tuple(_TEXT.split(" "))
TAGS = ("anxiety", "sleep", "grief", "couples", "work", "parenting", "mindfulness", "body")
CATEGORIES = ("therapy", "news", "self-help")
NAMES = ("Ana", "Ben", "Chloe", "Dev", "Eli", "Farah")


@dataclass(frozen=True)
class SynthComment:
    author: str
    text: str
    when: str


@dataclass(frozen=True)
class SynthPost:
    number: int
    slug: str
    title: str
    published: date
    tags: tuple[str, ...]
    category: str
    paragraphs: tuple[str, ...]
    comments: tuple[SynthComment, ...]


def make_posts(
    count: int, *, seed: int = 7, start: date = date(2015, 1, 5), gap: tuple[int, int] = (2, 4)
) -> list[SynthPost]:
    """``count`` posts, oldest first, ``gap`` days apart (two to four), some with comments."""
    rng = random.Random(seed)
    posts: list[SynthPost] = []
    day = start
    for number in range(1, count + 1):
        day += timedelta(days=rng.randint(*gap))
        words = rng.sample(WORDS, 3)
        title = f"{words[0].title()} and {words[1]} {number}"
        slug = f"{words[0]}-and-{words[1]}-{number}"
        paragraphs = tuple(
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 70))).capitalize() + "."
            for _ in range(3)
        )
        comments = tuple(
            SynthComment(
                rng.choice(NAMES),
                f"Comment {i} on post {number}: " + " ".join(rng.sample(WORDS, 8)) + ".",
                f"{day.isoformat()}T1{i}:0{i}:00",
            )
            for i in range(rng.choice((0, 0, 1, 2, 3)))
        )
        posts.append(
            SynthPost(
                number,
                slug,
                title,
                day,
                tuple(rng.sample(TAGS, 2)),
                rng.choice(CATEGORIES),
                paragraphs,
                comments,
            )
        )
    return posts


def shell(
    title: str, content: str, *, head: str = "", sidebar: str = "", body_class: str = ""
) -> bytes:
    nav = (
        '<nav class="main-nav"><a href="/">Home</a> <a href="/about/">About</a> '
        '<a href="/contact/">Contact</a></nav>'
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f" - Quiet Harbour Counselling</title>{head}</head>"
        f'<body class="{body_class}"><header class="site-header">'
        f'<p class="site-title"><a href="/">Quiet Harbour Counselling</a></p>{nav}</header>'
        f'<div id="content" class="site-content"><main id="main">{content}</main>'
        f'<aside id="secondary" class="widget-area">{sidebar}</aside></div>'
        f'<footer class="site-footer"><p>© Quiet Harbour Counselling</p></footer></body></html>'
    ).encode()


def post_article(post: SynthPost, url: str, links: dict[str, str]) -> tuple[str, str]:
    """(head, main content) of a single post page; ``links`` maps tag/category names and
    ``author``, ``prev``, ``next``, ``date`` to URLs (missing keys are left out)."""
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "datePublished": f"{post.published.isoformat()}T09:00:00+00:00",
        "author": {"@type": "Person", "name": "Mara Quinn"},
        "mainEntityOfPage": url,
    }
    head = (
        f'<link rel="canonical" href="{escape(url)}">'
        f'<meta property="og:type" content="article">'
        f'<meta property="og:title" content="{escape(post.title)}">'
        f'<script type="application/ld+json">{json.dumps(data)}</script>'
    )
    tag_links = " ".join(
        f'<a href="{escape(links[t])}" rel="tag">{escape(t)}</a>' for t in post.tags if t in links
    )
    cat = links.get(post.category)
    cat_link = f'<a href="{escape(cat)}" rel="category tag">{post.category}</a>' if cat else ""
    author = links.get("author")
    byline = (
        (
            f'<span class="byline"><span class="author vcard"><a class="url fn n" '
            f'href="{escape(author)}">Mara Quinn</a></span></span>'
        )
        if author
        else ""
    )
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in post.paragraphs)
    nav = ""
    if "prev" in links or "next" in links:
        nav = '<nav class="navigation post-navigation"><div class="nav-links">'
        if "prev" in links:
            nav += (
                f'<div class="nav-previous"><a href="{links["prev"]}" rel="prev">Previous</a></div>'
            )
        if "next" in links:
            nav += f'<div class="nav-next"><a href="{links["next"]}" rel="next">Next</a></div>'
        nav += "</div></nav>"
    content = (
        f'<article class="post type-post status-publish hentry">'
        f'<header class="entry-header"><h1 class="entry-title">{escape(post.title)}</h1>'
        f'<div class="entry-meta"><span class="posted-on"><time class="entry-date published" '
        f'datetime="{post.published.isoformat()}T09:00:00+00:00">'
        f"{post.published.strftime('%B %-d, %Y')}</time></span> {byline}</div></header>"
        f'<div class="entry-content">{paragraphs}</div>'
        f'<footer class="entry-footer"><span class="cat-links">{cat_link}</span> '
        f'<span class="tags-links">{tag_links}</span></footer></article>{nav}' + comments_html(post)
    )
    return head, content


def comments_html(post: SynthPost) -> str:
    if not post.comments:
        return ""
    items = "".join(
        f'<li id="comment-{post.number}{i}" class="comment even thread-even depth-1">'
        f'<article id="div-comment-{post.number}{i}" class="comment-body">'
        f'<footer class="comment-meta"><div class="comment-author vcard">'
        f'<b class="fn">{escape(c.author)}</b> <span class="says">says:</span></div>'
        f'<div class="comment-metadata"><time datetime="{c.when}+00:00">{c.when}</time></div>'
        f'</footer><div class="comment-content"><p>{escape(c.text)}</p></div>'
        f'<div class="reply"><a rel="nofollow" class="comment-reply-link" '
        f'href="?replytocom={post.number}{i}#respond">Reply</a></div></article></li>'
        for i, c in enumerate(post.comments)
    )
    return (
        f'<div id="comments" class="comments-area"><h2 class="comments-title">'
        f'{len(post.comments)} thoughts</h2><ol class="comment-list">{items}</ol></div>'
    )


def listing_content(
    teasers: list[tuple[str, SynthPost]], older: str | None, newer: str | None, heading: str = ""
) -> str:
    items = "".join(
        f'<article class="post type-post hentry"><header class="entry-header">'
        f'<h2 class="entry-title"><a href="{escape(url)}" rel="bookmark">{escape(p.title)}</a>'
        f'</h2><time class="entry-date" datetime="{p.published.isoformat()}">'
        f'{p.published.isoformat()}</time></header><div class="entry-summary"><p>'
        f"{escape(p.paragraphs[0][:160])}</p></div></article>"
        for url, p in teasers
    )
    nav = '<nav class="navigation pagination"><div class="nav-links">'
    if newer:
        nav += f'<a class="prev page-numbers" href="{escape(newer)}">Newer posts</a>'
    if older:
        nav += f'<a class="next page-numbers" href="{escape(older)}">Older posts</a>'
    nav += "</div></nav>"
    title = f'<header class="page-header"><h1 class="page-title">{escape(heading)}</h1></header>'
    return (title if heading else "") + items + nav


def static_page(title: str) -> bytes:
    text = (
        "We are a small counselling practice. Sessions are fifty minutes, online or in "
        "person, and the first conversation is free. Call us or write to book a time."
    )
    return shell(
        title,
        f'<article class="page type-page"><h1 class="entry-title">{title}</h1>'
        f'<div class="entry-content"><p>{text}</p><p>{text}</p></div></article>',
        body_class="page",
    )


NOT_FOUND: tuple[int, str, bytes] = (
    404,
    "text/html; charset=utf-8",
    shell("Not found", "<h1>Page not found</h1>"),
)
HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
