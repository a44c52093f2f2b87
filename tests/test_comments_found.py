"""Comment threads the generic finder must find: relative stamps, a lone comment under a
heading that sits just before its list, copies of a comment that markup hides, and a photo post
whose only text is its comments. Pages here are written for the tests, in the shapes seen on
real blogs and news sites."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from scraper import parse_post
from scraper.dates import is_relative_stamp
from scraper.parse.comments import extract_comments
from scraper.parse.comments.regions import COMMENT_HEADING

POST = """<html><head><title>Soup season</title></head><body>
<div id="content"><h1>Soup season</h1>
<p>Leek and potato again, because it is the only soup anyone here eats without a fight.</p>
<p>Sweat the leeks slowly, never brown them, and blend only half of the pot.</p>
</div>{comments}</body></html>"""

RELATIVE = """<div class="discussion">
<div class="entry"><div class="who"><a href="/u/ann" class="username">ann</a>
<span class="when">added 2 days ago</span></div>
<p class="entry-text">Half blended is the trick, thank you.</p></div>
<div class="entry"><div class="who"><a href="/u/bo" class="username">bo</a>
<span class="when">added about 9 hours ago</span></div>
<p class="entry-text">Mine went grey, I browned the leeks.</p></div>
</div>"""

COUNT_BAR = """<div class="count-bar"><a href="#commentform">Add your own comment below</a>
<h2>1 Comment</h2></div>
<div class="comments"><div class="comment" id="div-comment-7">
<p><a href="#comment-7">Robin</a> on <span>March 3rd, 2012</span> said:</p>
<p>so good, trying it tonight</p>
</div></div>"""

HIDDEN_COPY = """<div id="comments-block"><h3>Comments</h3>
<div class="item"><a href="/u/kim">kim</a><div class="stamp">3 minutes ago (2:26 PM)</div>
<div class="item-body">Chives on top.</div>
<div class="hidden">kim: Chives on top. http://news.example/social/kim/1</div></div>
<div class="item"><a href="/u/lee">lee</a><div class="stamp">5 minutes ago (2:24 PM)</div>
<div class="item-body">A little nutmeg works.</div>
<div class="hidden">lee: A little nutmeg works. http://news.example/social/lee/2</div></div>
</div>"""

SCRIPT_SHOWN = """<div id="postComments" style="display: none;">
<div class="reader-comment"><span class="who">mo</span>
<span class="when">July 24, 2012 4:04 PM</span><p>Cream is cheating.</p></div>
<div class="reader-comment"><span class="who">jo</span>
<span class="when">July 24, 2012 3:54 PM</span><p>Cream is allowed in winter.</p></div>
</div>"""

PHOTO_POST = """<html><head><title>Sunday</title></head><body>
<div class="post"><h3 class="post-title">Sunday</h3>
<div class="post-body"><img src="/sunday.jpg"></div></div>
<div class="comments" id="comments"><h4>2 comments:</h4>
<dl id="comments-block">
<dt class="comment-author"><a href="/p/1">Lena</a> said...</dt>
<dd class="comment-body"><p>What a light!</p></dd>
<dd class="comment-footer"><span class="comment-timestamp">
<a href="?showComment=1347266731706#c1">September 10, 2012 4:45 AM</a></span></dd>
<dt class="comment-author"><a href="/p/2">Omar</a> said...</dt>
<dd class="comment-body"><p>Where is this?</p></dd>
<dd class="comment-footer"><span class="comment-timestamp">
<a href="?showComment=1347272040178#c2">September 10, 2012 6:14 AM</a></span></dd>
</dl></div></body></html>"""


def _comments(fragment: str) -> list[tuple[str | None, str]]:
    soup = BeautifulSoup(POST.format(comments=fragment), "lxml")
    found = extract_comments(soup, "https://blog.example/soup/", platform="generic")
    return [(c.author, c.text) for c in found.comments]


@pytest.mark.parametrize(
    "stamp",
    ["3 days ago", "added 1 day ago", "about 9 hours ago", "1 second ago ( 2:26 PM)",
     "vor 2 Tagen"],
)
def test_relative_stamps_are_recognised(stamp: str) -> None:
    assert is_relative_stamp(stamp)


@pytest.mark.parametrize("text", ["I bought this pot two years ago at a fair", "Jul 4, 2012"])
def test_sentences_and_absolute_dates_are_not_relative_stamps(text: str) -> None:
    assert not is_relative_stamp(text)


def test_comments_with_relative_stamps_are_found() -> None:
    assert _comments(RELATIVE) == [
        ("ann", "Half blended is the trick, thank you."),
        ("bo", "Mine went grey, I browned the leeks."),
    ]


def test_relative_stamp_gives_no_date_without_a_fetch_time() -> None:
    soup = BeautifulSoup(POST.format(comments=RELATIVE), "lxml")
    found = extract_comments(soup, "https://blog.example/soup/", platform="generic")
    assert [c.published for c in found.comments] == [None, None]


@pytest.mark.parametrize(
    "heading", ["One comment", "One Response", "Ein Kommentar", "One thought on “Soup season”"]
)
def test_spelled_out_counts_are_comment_headings(heading: str) -> None:
    assert COMMENT_HEADING.match(heading)


def test_lone_short_comment_under_heading_just_before_its_list_is_kept() -> None:
    assert _comments(COUNT_BAR) == [("Robin", "so good, trying it tonight")]


def test_hidden_copies_of_a_comment_are_not_its_text() -> None:
    assert _comments(HIDDEN_COPY) == [("kim", "Chives on top."), ("lee", "A little nutmeg works.")]


def test_thread_hidden_until_a_script_shows_it_is_kept() -> None:
    assert [text for _, text in _comments(SCRIPT_SHOWN)] == [
        "Cream is cheating.",
        "Cream is allowed in winter.",
    ]


def test_photo_post_with_comments_is_a_post() -> None:
    post = parse_post(PHOTO_POST, "")
    assert post is not None
    assert [c.author for c in post.comments] == ["Lena", "Omar"]


SAID = """<div id="comment_tpl"><h2>3 users responded in "Soup season"</h2>
<div class="coms" id="com_101"><div class="coms_mid">
<span class="blod-user"><a href="http://ann.example" class="url">Ann</a> said, </span>
<div class="blod-text"><p>I add a spoonful of mustard at the end.</p></div></div></div>
<div class="coms" id="com_102"><div class="coms_mid">
<span class="blod-user">Bo Lind said, </span>
<div class="blod-text"><p>Mustard? Brave. I will try it on Sunday.</p></div></div></div>
</div>"""

SAID_ALONE = """<div id="comment_tpl"><h2>Comments</h2>
<div class="coms"><span class="blod-user">Ann said, </span>
<div class="blod-text"><p>I add a spoonful of mustard at the end.</p></div></div>
</div>"""

LONE_BLOCK = """<div class="blog_footer"><a href="#respond">one comment</a></div>
<div class="comment"><div class="comment_header"><div class="comment_name"><span>
<a href="http://jen.example" class="url">Jen from Place Designs</a> writes </span></div>
<div class="comment_date">11/09/12 at 11:18 am</div></div>
<p>This is so pretty and looks simple enough to try this weekend!</p></div>"""

LINKED_DATE = """<div class="comments"><h3>Comments</h3>
<div class="commentbody" id="c1"><div class="c_text">
<p>Not true, the violent crime figures went up last year for the first time in decades, see
<a href="http://news.example/2012/10/17/crime/">http://news.example/2012/10/17/crime/</a></p>
<span class="commentdate">#1 - Mon Oct 29, 2012 10:07 AM EDT</span></div></div>
<div class="commentbody" id="c2"><div class="c_text"><p>Read the whole piece first.</p>
<span class="commentdate">#2 - Mon Oct 29, 2012 10:12 AM EDT</span></div></div>
</div>"""

SIDEBAR_LAYOUT = """<html><body><div id="body_main" class="sidebar">
<div id="sidebar_grid"><div id="sidebar"><p>What is this site? A place for news.</p></div></div>
<div id="main_grid"><h1>Soup season</h1>
<p>Leek and potato again, because it is the only soup anyone here eats without a fight.</p>
<div class="discussion"><div class="commentbody" id="c71"><a href="/u/sam">sam</a>
<p>Leeks are underrated, truly.</p><span class="commentdate">Mon Oct 29, 2012 10:07 AM</span>
</div><div class="commentbody" id="c72"><a href="/u/kai">kai</a>
<p>Agreed, and cheap in winter.</p><span class="commentdate">Mon Oct 29, 2012 10:40 AM</span>
</div></div></div></div></body></html>"""

TUMBLR_NOTES = """<ol class="notes">
<li class="note like tumblelog_ann without_commentary"><span class="action">
<a href="http://ann.tumblr.example/">ann</a> liked this</span></li>
<li class="note reblog tumblelog_bo with_commentary"><span class="action">
<a href="http://bo.tumblr.example/" class="tumblelog">bo</a> reblogged this from
<a href="http://me.tumblr.example/" class="source_tumblelog">me</a> and added:</span>
<blockquote><a href="http://bo.tumblr.example/post/1">Making this tonight.</a></blockquote></li>
<li class="note reblog tumblelog_cy without_commentary"><span class="action">
<a href="http://cy.tumblr.example/" class="tumblelog">cy</a> reblogged this from
<a href="http://me.tumblr.example/" class="source_tumblelog">me</a></span></li>
<li class="note reply tumblelog_di without_commentary"><span class="action">
<a href="http://di.tumblr.example/">di</a> said:
<span class="answer_content">looks so cosy</span></span></li>
</ol>"""


def test_undated_said_units_in_a_comment_area_are_comments() -> None:
    assert _comments(SAID) == [
        ("Ann", "I add a spoonful of mustard at the end."),
        ("Bo Lind", "Mustard? Brave. I will try it on Sunday."),
    ]


def test_one_undated_said_unit_is_not_enough() -> None:
    assert _comments(SAID_ALONE) == []


def test_lone_comment_block_is_its_own_unit() -> None:
    assert _comments(LONE_BLOCK) == [
        ("Jen from Place Designs", "This is so pretty and looks simple enough to try this weekend!")
    ]


def test_dated_link_in_a_comment_is_not_its_stamp() -> None:
    soup = BeautifulSoup(POST.format(comments=LINKED_DATE), "lxml")
    found = extract_comments(soup, "https://blog.example/soup/", platform="generic")
    assert [c.published.day if c.published else None for c in found.comments] == [29, 29]


def test_layout_wrapper_named_sidebar_is_not_a_sidebar() -> None:
    soup = BeautifulSoup(SIDEBAR_LAYOUT, "lxml")
    found = extract_comments(soup, "https://news.example/soup/", platform="generic")
    assert [c.text for c in found.comments] == [
        "Leeks are underrated, truly.",
        "Agreed, and cheap in winter.",
    ]


def test_tumblr_replies_and_reblogs_with_commentary_are_comments() -> None:
    soup = BeautifulSoup(POST.format(comments=TUMBLR_NOTES), "lxml")
    found = extract_comments(soup, "https://me.tumblr.example/post/9", platform="tumblr")
    assert found.system == "tumblr"
    assert [(c.author, c.text) for c in found.comments] == [
        ("bo", "Making this tonight."),
        ("di", "looks so cosy"),
    ]


ALTERNATING = """<div id="jc_commentsDiv">
<div class="jomentry2" id="pc_1"><span class="small">written by mike, October 19, 2012</span>
<div class="comment-text">Feedstock for animals dwarfs what goes to fuel.</div></div>
<div class="jomentry1" id="pc_2"><span class="small">written by Best Man, October 20, 2012</span>
<div class="comment-text">Recycled paper in the mix was supposed to be cheaper.</div></div>
<div class="jomentry2" id="pc_3"><span class="small">written by lynn, October 22, 2012</span>
<div class="comment-text">Food pellets from coal, now there is an idea.</div></div>
</div>"""

AUTHOR_REPLY = """<div class="commentsblock"><h3>Post a Comment</h3>
<ol class="commentlist"><li class="commentpost"><strong>1 Stephan</strong> |
<small class="commentmetadata">10/29/2012 5:14:46 PM</small><p>The link seems to be broken.</p>
</li></ol>
<ol class="commentlist"><li class="authorpost"><strong>2 Ed</strong> |
<small class="commentmetadata">10/29/2012 5:25:25 PM</small><p>@1 thanks, fixed it.</p>
</li></ol>
<ol class="commentlist"><li class="commentpost"><strong>3 Ranjit</strong> |
<small class="commentmetadata">11/6/2012 3:07:08 AM</small><p>Will it run in the browser?</p>
</li></ol></div>"""


def test_rows_with_alternating_classes_are_one_list() -> None:
    assert [text for _, text in _comments(ALTERNATING)] == [
        "Feedstock for animals dwarfs what goes to fuel.",
        "Recycled paper in the mix was supposed to be cheaper.",
        "Food pellets from coal, now there is an idea.",
    ]


def test_items_of_the_same_list_under_another_class_are_kept() -> None:
    assert [text for _, text in _comments(AUTHOR_REPLY)] == [
        "The link seems to be broken.",
        "@1 thanks, fixed it.",
        "Will it run in the browser?",
    ]


FOLDING_TITLES = """<div class="comments"><h3>Comments</h3>
<div class="citem"><div class="comment"><h5 class="comment_title">
<a href="#" onclick="toggle('c1')">
One sad thought, today was the last home game on grass.</a>
</h5><div class="cbody"><p>Next game is on dead turf.</p></div>
<p class="by">by <a href="/users/ath">Ath</a> on <span class="time">Aug 8, 2012 11:19 PM</span></p>
</div></div>
<div class="citem"><div class="comment"><h5 class="comment_title">
<a href="#" onclick="toggle('c2'); return false">Hahahaha</a></h5>
<div class="cbody"><p>Well played, sir, well played.</p></div>
<p class="by">by <a href="/users/510">510As</a> on
<span class="time">Aug 8, 2012 11:25 PM</span></p>
</div></div></div>"""


def test_comment_titles_that_fold_the_comment_are_not_links() -> None:
    texts = [text for _, text in _comments(FOLDING_TITLES)]
    assert [t.splitlines()[-1] for t in texts] == [
        "Next game is on dead turf.",
        "Well played, sir, well played.",
    ]



NOTICES = """<div id="comments"><h2>Comments</h2>
<div class="comment-item"><span class="who">Sparky</span>
<span class="when">Aug 9, 2012 2:32 PM</span>
<p>Gold at 1650, I will take it.</p>
<ul class="links"><li><a href="/user/login">Login</a> or <a href="/user/register">register</a>
to post comments</li></ul></div>
<div class="comment-item"><span class="who">Scotty</span>
<span class="when">Aug 9, 2012 2:45 PM</span>
<p>Do not forget silver.</p>
<div class="tools"><a href="/c/2/reply">Reply to this comment</a></div></div>
</div>"""


def test_interface_lines_are_not_comment_text() -> None:
    assert _comments(NOTICES) == [
        ("Sparky", "Gold at 1650, I will take it."),
        ("Scotty", "Do not forget silver."),
    ]
