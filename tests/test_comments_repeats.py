"""A reader's double post is two records; a thread rendered twice is one. Replies that only a
class marks (in a flat list) answer the item before them. Pages here are written for the tests
in the shape of a hand-built blog app (Bootstrap panels)."""

from __future__ import annotations

from scraper import parse_post

URL = "http://blog.example/posts/the-right-diet"
PANEL = """<div class="panel panel-default{extra}"><div class="panel-heading comment-meta">
<span class="comment-author">{name}</span> {day}. December 2017</div>
<div class="panel-body">{text}</div></div>"""
PAGE = """<html><head><title>The right diet - Blog</title></head><body>
<div class="container"><h2 class="blog-post-title">The right diet</h2>
<p class="blog-post-meta">15. December 2017 · Pam</p>
<p>Eat plants, mostly, and enjoy every meal without counting anything at all, ever.</p>
<p>What is right for you depends on you: listen to your body and to your doctor.</p></div>
<div class="card comments-card">{panels}</div></body></html>"""


def _panel(name: str, day: int, text: str, extra: str = "") -> str:
    return PANEL.format(name=name, day=day, text=text, extra=extra)


def test_same_text_by_the_same_reader_twice_in_one_list_is_two_comments() -> None:
    panels = (
        _panel("Ann", 16, "Thank you for this careful post!")
        + _panel("Ann", 16, "Thank you for this careful post!")
        + _panel("Bo", 17, "Very helpful, merci.")
    )
    post = parse_post(PAGE.format(panels=panels), URL)
    assert post is not None
    assert [c.author for c in post.comments] == ["Ann", "Ann", "Bo"]


def test_a_thread_rendered_twice_is_kept_once() -> None:
    panels = _panel("Ann", 16, "Thank you for this careful post!") + _panel(
        "Bo", 17, "Very helpful, merci."
    )
    twice = panels.replace("</div></div>", "</div></div>", 1)
    page = PAGE.format(panels=f'<div class="list">{panels}</div><div class="list">{twice}</div>')
    post = parse_post(page, URL)
    assert post is not None
    assert [c.author for c in post.comments] == ["Ann", "Bo"]


def test_a_reply_marked_only_by_its_class_answers_the_item_before_it() -> None:
    panels = (
        _panel("Ann", 16, "Thank you for this careful post!")
        + _panel("Bo", 17, "Very helpful, merci.")
        + _panel("Pam", 21, "Thanks Bo!", extra=" comment-reply-panel")
        + _panel("Cy", 18, "Saved for later.")
    )
    post = parse_post(PAGE.format(panels=panels), URL)
    assert post is not None
    assert [(c.author, c.parent) for c in post.comments] == [
        ("Ann", None), ("Bo", None), ("Pam", 1), ("Cy", None)
    ]
