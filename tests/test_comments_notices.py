"""The comment area's own heading ("Kommentare") is never a commenter's name: a lone entry
whose writer cannot be read (an unmarked pingback titled "Post | Series | site") is no
comment, and a lone real comment keeps the name its meta line shows. Pages are written for the
tests in the shape of a WordPress theme that prints "Kommentar von <cite>NAME</cite> am DATE"."""

from __future__ import annotations

from scraper import parse_post

URL = "http://blog.example/?p=2895"
PROSE = "<p>" + "Words of the article, with commas, going on and on. " * 5 + "</p>"
PAGE = """<html><head><title>Ein Post | Blog</title></head><body>
<div class="post single hentry"><div class="postContent"><h3 class="entry-title">Ein Post</h3>
<div class="entry-content">{prose}</div></div>
<div class="postMeta"><div class="postDate">Veröffentlicht am: 6. August 2009</div></div>
<div id="comments"><h4 id="comments">Kommentare</h4>
<div class="commentEntry"><div class="commentContent" id="comment-7"><p>{text}</p>
<div class="commentMeta">Kommentar von <cite>{who}</cite> am <a href="#comment-7">07.08.09</a>
um 10:25</div></div></div>
<div class="nocomments">Leider sind keine Kommentare möglich.</div></div></div></body></html>"""


def test_unmarked_pingback_under_the_area_heading_is_not_a_comment() -> None:
    who = (
        "<a href='http://other.example/2905/tagebuch-10.html' rel='external nofollow' "
        "class='url'>Aus dem Tagebuch | Folge 10 | other.example</a>"
    )
    text = "[…] Heute feiert die Stadt. Mein Lieblingslied kennt Ihr ja schon. […]"
    post = parse_post(PAGE.format(prose=PROSE, text=text, who=who), URL)
    assert post is not None and post.comments == []


def test_lone_comment_keeps_its_meta_line_name_not_the_area_heading() -> None:
    who = "<a href='http://anna.example/' rel='external nofollow' class='url'>Anna</a>"
    post = parse_post(PAGE.format(prose=PROSE, text="Schöner Beitrag, danke!", who=who), URL)
    assert post is not None and [c.author for c in post.comments] == ["Anna"]
    assert post.comments[0].text == "Schöner Beitrag, danke!"
