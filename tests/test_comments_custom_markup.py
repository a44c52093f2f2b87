"""Comments in custom markup no adapter knows, read by the generic finder.

The pages are written for these tests (made-up people and posts). Each is shaped like a family
of hand-made comment systems: prefixed class names (``li.xy-comment > article``), yearless and
digit-less stamps, staff tools and action links beside the name, an author box with a label in
it, replies in a container that follows their parent.
"""

from __future__ import annotations

from datetime import datetime

from bs4 import BeautifulSoup

from scraper.models import Comment
from scraper.parse.comments import extract_comments
from scraper.parse.comments.threads import is_reply_container
from scraper.parse.comments.tokens import is_comment_token
from scraper.parse.sanitize import html_to_text

URL = "https://paper.example/2013/04/05/harbour-plans.html"


def _comments(body: str, head: str = "") -> list[Comment]:
    html = (
        f"<html><head>{head}</head><body><article><h1>Harbour plans</h1>"
        f"<p>The council met on Friday.</p></article>{body}</body></html>"
    )
    return extract_comments(BeautifulSoup(html, "lxml"), URL, platform="generic").comments


def test_comment_tokens_with_a_prefix_or_suffix_name_a_comment() -> None:
    assert all(
        is_comment_token(t)
        for t in ("xy-comment", "comment-item", "c-comment", "js-comment", "commentBackground")
    )
    assert not any(
        is_comment_token(t)
        for t in ("comment-form", "comments-count", "comment-reply-link", "no-comments")
    )


PREFIXED_ARTICLES = """
<div id="reactions"><h2>3 commentaires</h2>
<ul class="xy-comments">
 <li class="xy-comment 501"><article class="xy-comment-content">
  <div class="xy-comment-avatar-wrapper"><img src="m.png" alt=""><span>Abonné</span></div>
  <div class="xy-comment-header"><a href="/u/marin" class="xy-comment-user">marin</a></div>
  <div class="xy-comment-msg"><p>Enfin une bonne nouvelle pour le port.</p></div>
  <div class="xy-comment-footer"><span class="xy-comment-timestamp">Le 21/04/2013 à 02:20</span>
   <a href="/c/501/alert">Alerter</a> <a href="/c/501/reply">Répondre</a></div>
 </article>
 <ul class="xy-comment-child"><li class="xy-comment 503"><article class="xy-comment-content">
  <div class="xy-comment-header"><a href="/u/lea" class="xy-comment-user">lea</a></div>
  <div class="xy-comment-msg"><p>Pas si vite.</p></div>
  <div class="xy-comment-footer"><span class="xy-comment-timestamp">Le 22/04/2013 à 08:00</span>
   <a href="/c/503/alert">Alerter</a></div>
 </article></li></ul></li>
 <li class="xy-comment 502"><article class="xy-comment-content">
  <div class="xy-comment-header"><a href="/u/paul" class="xy-comment-user">paul</a></div>
  <div class="xy-comment-msg"><p>Il faudra voir le budget.</p></div>
  <div class="xy-comment-footer"><span class="xy-comment-timestamp">Le 07/04/2013 à 17:29</span>
   <a href="/c/502/alert">Alerter</a></div>
 </article></li>
</ul></div>"""


def test_comment_articles_in_prefixed_classes_are_comments_with_their_user_link() -> None:
    comments = _comments(PREFIXED_ARTICLES)
    assert [c.author for c in comments] == ["marin", "lea", "paul"]
    assert comments[0].text == "Enfin une bonne nouvelle pour le port."
    assert comments[0].published == datetime(2013, 4, 21, 2, 20)
    assert [c.parent for c in comments] == [None, 0, None]


YEARLESS = """
<div id="comments"><h3>2 Comments</h3>
 <div id="comment-a1" class="comments odd"><div class="inner"><div>
  <div class="votes"><a href="#" class="up">0</a><a href="#" class="down">2</a>
   <div class="offensive"><a href="#" onclick="return flag(this)">Flag as Offensive</a></div></div>
  <b>dock_worker</b>
  <span class="small">on <a href="/c/a1" title="Permalink">Sep 21, 3:29 PM</a> said:</span>
  <div class="comment-content"><div class="comment-text">buy the dips<br>
   <a href="https://notes.example/dock">https://notes.example/dock</a></div></div>
 </div></div></div>
 <div id="comment-a2" class="comments even"><div class="inner"><div>
  <div class="votes"><a href="#" class="up">3</a><a href="#" class="down">0</a>
   <div class="offensive"><a href="#" onclick="return flag(this)">Flag as Offensive</a></div></div>
  <b>Anna Berg</b>
  <span class="small">on <a href="/c/a2" title="Permalink">Jan 2, 9:05 AM</a> said:</span>
  <div class="comment-content"><div class="comment-text">Ships are late again this year, as
   every year since the new quay opened.</div></div>
 </div></div></div>
</div>"""


def test_yearless_stamps_take_the_post_year_and_the_flag_link_is_no_author() -> None:
    comments = _comments(YEARLESS, '<meta name="date" content="2011-09-21">')
    assert [c.author for c in comments] == ["dock_worker", "Anna Berg"]
    assert comments[0].published == datetime(2011, 9, 21, 15, 29)
    assert comments[1].published == datetime(2012, 1, 2, 9, 5)  # before Sep 21: next year
    assert comments[0].text.startswith("buy the dips")


RELATIVE = """
<div id="comments"><h3>Comments (2)</h3><ul class="talk-list">
 <li class="talk-item"><cite><a href="/p/ok"><strong>ok_anna</strong></a>
  <span class="talk-stamp"><abbr title="2011-08-25T02:45:01+0000">about a minute ago</abbr></span>
  </cite><blockquote class="talk-text">Short and sweet.</blockquote></li>
 <li class="talk-item"><cite><a href="/p/bo"><strong>bo</strong></a>
  <span class="talk-stamp"><abbr title="2011-08-25T02:30:00+0000">16 minutes ago</abbr></span>
  </cite><blockquote class="talk-text">Agreed with the above.</blockquote></li>
</ul></div>"""


def test_a_stamp_without_digits_counts_and_its_abbr_title_gives_the_date() -> None:
    comments = _comments(RELATIVE)
    assert [c.author for c in comments] == ["ok_anna", "bo"]
    assert [c.published.minute if c.published else None for c in comments] == [45, 30]


STAFF_TOOLS = """
<div class="comment-list">
 <div class="comment" id="comment7"><div class="comment-head">
  <span class="comment-author"> Sue from Toledo, OH </span></div>
  <div class="comment-text"><p>Lovely episode, thank you.</p></div>
  <div class="comment-foot"><span class="comment-date">May. 29 2013 02:47 PM</span>
   <div class="staff-utils"><a class="stf feature_comment">Feature this Comment</a>
   <a class="stf">Moderate</a></div></div></div>
 <div class="comment" id="comment8"><div class="comment-head">
  <span class="comment-author"> Dan from Brazil </span></div>
  <div class="comment-text"><p>Please bring the old episodes back.</p></div>
  <div class="comment-foot"><span class="comment-date">May. 29 2013 12:07 PM</span>
   <div class="staff-utils"><a class="stf feature_comment">Feature this Comment</a>
   <a class="stf">Moderate</a></div></div></div>
</div>"""


def test_staff_moderation_links_are_neither_author_nor_text() -> None:
    comments = _comments(STAFF_TOOLS)
    assert [c.author for c in comments] == ["Sue from Toledo, OH", "Dan from Brazil"]
    assert comments[0].text == "Lovely episode, thank you."


LABELLED = """
<div id="comments"><h2>Readers' Comments (2)</h2><ol id="commentsList">
 <li class="clearfix"><div><a name="4606297"></a></div><div class="group">
  <div class="commentor-info"><div><a href="/profile?id=1">Dread-neck</a>
   <div>Party: Conservative</div></div></div>
  <div class="comment-meta">Reply #1 <div>Oct. 9, 2010 - 7:28 AM EST</div></div></div>
  <div class="submitted-comment"><p>Same words twice.</p></div></li>
 <li class="odd clearfix"><div><a name="4606298"></a></div><div class="group">
  <div class="commentor-info"><div><a href="/profile?id=1">Dread-neck</a>
   <div>Party: Conservative</div></div></div>
  <div class="comment-meta">Reply #2 <div>Oct. 9, 2010 - 7:29 AM EST</div></div></div>
  <div class="submitted-comment"><p>Same words twice.</p></div></li>
</ol></div>"""


def test_a_time_zone_is_no_name_and_a_reply_number_is_no_text() -> None:
    comments = _comments(LABELLED)
    assert [c.author for c in comments] == ["Dread-neck", "Dread-neck"]
    assert all("Reply #" not in c.text for c in comments)
    assert comments[0].text.endswith("Same words twice.")


def test_a_double_post_under_two_anchors_stays_two_comments() -> None:
    comments = _comments(LABELLED.replace("7:29 AM", "7:28 AM"))
    assert len(comments) == 2


def test_reply_containers_are_named_by_their_class_words() -> None:
    soup = BeautifulSoup(
        '<div class="indented"></div><div class="comment_children"></div>'
        '<ul class="fig-comment-child"></ul><a class="replies-link"></a>',
        "lxml",
    )
    found = [is_reply_container(t) for t in soup.find_all(["div", "ul", "a"])]
    assert found == [True, True, True, False]


FOLLOWING_REPLIES = """
<div class="article_comments"><h3>3 réactions</h3>
 <div class="comment_item"><div class="comment_infos">
   <div class="comment_author">Soumis par <span class="comment_author_name">monslate</span>,
   le lundi 29 octobre 2012 à 15h46</div></div>
  <div class="comment_content"><p>Premier commentaire sur le rachat.</p></div></div>
 <div class="indented">
  <div class="comment_answer"><div class="comment_answer_infos">
    <div class="comment_author"><span class="comment_author_name">Stephane</span> a répondu le
    mardi 30 octobre 2012 à 11h45</div></div>
   <div class="comment_content"><p>Tout à fait d'accord.</p></div></div>
 </div>
 <div class="comment_item"><div class="comment_infos">
   <div class="comment_author">Soumis par <span class="comment_author_name">Roger</span>,
   le mardi 30 octobre 2012 à 16h01</div></div>
  <div class="comment_content"><p>Une histoire bien française.</p></div></div>
</div>"""


def test_replies_in_a_following_indented_container_answer_the_comment_before_it() -> None:
    comments = _comments(FOLLOWING_REPLIES)
    assert [c.author for c in comments] == ["monslate", "Stephane", "Roger"]
    assert [c.parent for c in comments] == [None, 0, None]


SOFT_HYPHENS = """
<div id="comments"><h3>2 Comments</h3>
 <div class="entry"><p class="meta"><b>Ann</b> | May 4, 2012</p>
  <p>A trip at Thanksgivi<wbr>&shy;ng was fine.</p></div>
 <div class="entry"><p class="meta"><b>Bob</b> | May 5, 2012</p>
  <p>Enthusi&shy;astic, as always.</p></div>
</div>"""


def test_soft_hyphens_are_invisible_in_comment_text() -> None:
    comments = _comments(SOFT_HYPHENS)
    assert [c.text for c in comments] == [
        "A trip at Thanksgiving was fine.",
        "Enthusiastic, as always.",
    ]


def test_soft_hyphens_are_invisible_in_plain_text() -> None:
    assert html_to_text("<p>Thanksgivi<wbr>&shy;ng is enthusi&shy;astic.</p>") == (
        "Thanksgiving is enthusiastic."
    )


TABLE_ROWS = """
<div id="comments"><h3>Comments</h3>
 <table id="c0" class="commentBackgroundAlternate"><tr>
  <td><a href="/p?id=1"><img src="a.jpg"></a></td>
  <td><div><div class="commentAdminLink"><a href="#">Report Comment</a></div>
   <a class="comment" href="/p?id=1">Richard Hart</a> <span class="comment">(1 day ago)</span></div>
   <div class="comment">Simply ghastly, and nobody asked the public.</div></td></tr></table>
 <table id="c1" class="commentBackground"><tr>
  <td><a href="/p?id=2"><img src="b.jpg"></a></td>
  <td><div><div class="commentAdminLink"><a href="#">Report Comment</a></div>
   <a class="comment" href="/p?id=2">SalinaDave</a> <span class="comment">(2 days ago)</span></div>
   <div class="comment">Who came up with this idea?</div></td></tr></table>
</div>"""


def test_comments_as_alternating_layout_tables_are_comments() -> None:
    comments = _comments(TABLE_ROWS)
    assert [c.author for c in comments] == ["Richard Hart", "SalinaDave"]
    assert comments[1].text == "Who came up with this idea?"


SPIP_CRAYONS = """
<div class="forum"><ul class="forum">
 <li class="forum-fil"><div class="forum-top">
  <a href="#forum11" name="forum11" id="forum11">#</a>
  <b class="crayon forum-qui-11 ">Tristan</b>
  <div class="forum-nav">(22 juin 2018 @11h29)</div></div>
  <div class="crayon forum-texte-11 forum-texte"><p>Une critique du capital reste utile.</p></div>
 </li>
</ul></div>"""


def test_spip_crayon_classes_name_the_commenter() -> None:
    comments = _comments(SPIP_CRAYONS)
    assert [c.author for c in comments] == ["Tristan"]


AUTHOR_BOXES = """
<div id="comments"><h3>Comments</h3>
 <div class="talk_item"><div class="talk_top">
  <div class="author_name has_title"><div class="small bold">SITE SUPER USER</div>
   <a class="big" href="/social/cliff">cliff</a>
   <div class="bio_teaser">Onward through the fog!</div>
   <div class="author_fans"><a class="author_fans_count" href="/social/cliff">1271 Fans</a></div>
  </div></div>
  <div class="talk_body"><div class="talk_time">30 seconds ago (7:18 PM)</div>
   We should get a debate scheduled in Mobile.</div></div>
 <div class="talk_item"><div class="talk_top">
  <div class="author_name"><a class="big" href="/social/kozy">kozy</a>
   <div class="author_fans"><a class="author_fans_count" href="/social/kozy">150 Fans</a></div>
  </div></div>
  <div class="talk_body"><div class="talk_time">1 minute ago (7:17 PM)</div>
   When I was sixteen I worked in the fields, as of a week ago.</div></div>
</div>"""


def test_the_profile_link_in_an_author_box_is_the_name_not_the_badge_over_it() -> None:
    comments = _comments(AUTHOR_BOXES)
    assert [c.author for c in comments] == ["cliff", "kozy"]
    assert comments[1].text.endswith("in the fields, as of a week ago.")
