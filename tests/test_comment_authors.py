"""Commenter names read from comment headers, one test per header family.

The pages are written for these tests (made-up people and posts), shaped like the comment markup
blog themes print when their author element carries no class the markup selectors know.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from scraper.models import Comment
from scraper.parse.comments import extract_comments
from scraper.parse.comments.fields import author_url, clean_author
from scraper.parse.comments.names import dated_author, is_dateish

URL = "https://blog.example/2012/07/garden-notes/"


def _comments(body: str) -> list[Comment]:
    html = f"<html><body><article><h1>Garden notes</h1><p>Post text.</p></article>{body}"
    soup = BeautifulSoup(html + "</body></html>", "lxml")
    return extract_comments(soup, URL, platform="generic").comments


THREADED_NEWS = """
<ul id="commentlisting">
 <li id="tree_101" class="comment">
  <div class="commentTop"><div class="title">
   <h4><a href="//news.example/c.pl?cid=101">Soil first</a>
   <span class="score">(<a href="#">Score:</a>4)</span></h4></div>
   <div class="details"><span class="by"><span class="byby">by </span>
    <a href="//news.example/~gardenfan">gardenfan <span class="uid">(543817)</span></a></span>
    <span class="writes" style="display:none"> writes:</span></div></div>
  <div class="commentBody">
   <div id="comment_body_101">Compost before you plant, not after.</div></div>
  <ul id="commtree_101"><li id="tree_102" class="comment">
   <div class="commentTop"><div class="title"><h4><a href="//news.example/c.pl?cid=102">Re:</a></h4>
    </div><div class="details"><span class="by"><span class="byby">by </span>
    <a href="//news.example/~Mulcher">Mulcher <span class="uid">(1134931)</span></a></span>
   </div></div>
   <div class="commentBody"><div id="comment_body_102"><p>Both, in my experience.</p></div></div>
  </li></ul>
 </li>
</ul>"""


def test_by_name_with_user_id_names_every_comment_of_a_thread() -> None:
    comments = _comments(THREADED_NEWS)
    assert [c.author for c in comments] == ["gardenfan", "Mulcher"]
    assert comments[0].text == "Compost before you plant, not after."
    assert comments[1].parent == 0
    assert comments[0].author_url == "https://news.example/~gardenfan"


SAYS_SPANS = """
<ol class="commentlist">
 <li class="comment" id="li-comment-7"><div class="comment-head">
   <span class="date">09. Jul, 2012 / </span><span class="name">Meg B says: </span></div>
  <div class="comment-entry" id="comment-7"><p>Glad the basil came back.</p>
   <p class="thdrpy">[<a href="javascript:void(0)">Reply</a>]</p></div></li>
 <li class="comment" id="li-comment-8"><div class="comment-head">
   <span class="date">10. Jul, 2012 / </span><span class="name">Debra says: </span></div>
  <div class="comment-entry" id="comment-8"><p>Mine never did.</p></div></li>
</ol>"""


def test_name_says_drops_the_verb() -> None:
    comments = _comments(SAYS_SPANS)
    assert [c.author for c in comments] == ["Meg B", "Debra"]
    assert comments[0].published == datetime(2012, 7, 9)


POSTED_BY_FOOTER = """
<div class="comments-content">
 <div class="comment" id="comment-6a01">
  <div class="comment-avatar"><img alt="Karen W (rainy Towson)" src="/u.gif"></div>
  <div class="comment-content"><p>Loved the photos of the raised beds.</p></div>
  <p class="comment-footer">Posted by: Karen W (rainy Towson) |
   <a href="/2012/07/garden-notes.html?cid=6a01#comment-6a01">July 12, 2012 at 01:33 PM</a></p>
 </div>
 <div class="comment" id="comment-6a02">
  <div class="comment-avatar"><img alt="Samuel Stone" src="/u.gif"></div>
  <div class="comment-content"><p>Which mulch do you use?</p></div>
  <p class="comment-footer">Posted by: <a href="http://stone.example">Samuel Stone</a> |
   <a href="/2012/07/garden-notes.html?cid=6a02#comment-6a02">July 12, 2012 at 02:10 PM</a></p>
 </div>
</div>"""


def test_posted_by_footer_names_the_commenter_not_the_avatar() -> None:
    comments = _comments(POSTED_BY_FOOTER)
    assert [c.author for c in comments] == ["Karen W (rainy Towson)", "Samuel Stone"]
    assert [c.author_url for c in comments] == [None, "http://stone.example"]
    assert comments[1].text == "Which mulch do you use?"


META_LINE_IN_TEXT = """
<ul id="comment_list">
 <li class="comment" id="comment-129">
  <div class="comment_entry">
   <p class="cm-meta"><a href="http://pixel.example" class="url">Jeremy Warren</a> &#8212;
    <a href="#comment-129">July 10th, 2012, 7:20 pm</a></p>
   <p>The tomatoes look great this year.</p>
   <a class="comment-reply-link" href="?replytocom=129#respond">Reply</a></div></li>
 <li class="comment" id="comment-130">
  <div class="comment_entry">
   <p class="cm-meta">Graham &#8212; <a href="#comment-130">July 11th, 2012, 4:30 am</a></p>
   <p>Mine split in the rain.</p></div></li>
</ul>"""


def test_meta_line_inside_the_text_gives_name_and_date() -> None:
    comments = _comments(META_LINE_IN_TEXT)
    assert [c.author for c in comments] == ["Jeremy Warren", "Graham"]
    assert [c.author_url for c in comments] == ["http://pixel.example", None]
    assert [c.text for c in comments] == ["The tomatoes look great this year.",
                                          "Mine split in the rain."]
    assert comments[0].published == datetime(2012, 7, 10, 19, 20)


HEADING_LINE = """
<div class="commentlist">
 <div class="comment depth-1" id="comment-1133120"><p class="comment-number">1</p>
  <div class="comment-text">
   <h4><a class="url" href="https://blog.example/2012/07/garden-notes/#commentform">Lora Lee</a>
    <span>On Thursday, November 1 at 2:57 pm</span></h4>
   <p>Too funny! The kids rolled their eyes.</p></div></div>
 <div class="comment depth-1" id="comment-1133121"><p class="comment-number">2</p>
  <div class="comment-text"><h4>Mary Jane <span>On Thursday, November 1 at 2:58 pm</span></h4>
   <p>Sounds like an interesting Halloween.</p></div></div>
</div>"""


def test_heading_with_name_and_date_names_the_commenter() -> None:
    comments = _comments(HEADING_LINE)
    assert [c.author for c in comments] == ["Lora Lee", "Mary Jane"]
    assert comments[0].author_url is None  # a link back to the comment form is not the author's
    assert comments[1].text == "Sounds like an interesting Halloween."


DATE_THEN_SAID = """
<div class="comments"><ol>
 <li id="comment-721766"><p>August 9th, 2012 at 8:38 am</p>
  <p><strong><a class="url" href="http://hustle.example">infamousdx</a></strong> said,</p>
  <p>Which hotels did you stay at?</p></li>
 <li id="comment-721769"><p>August 9th, 2012 at 8:41 am</p><p><strong>lucky</strong> said,</p>
  <p>The first two, in that order.</p></li>
</ol></div>"""


def test_date_line_then_name_said_line() -> None:
    comments = _comments(DATE_THEN_SAID)
    assert [c.author for c in comments] == ["infamousdx", "lucky"]
    assert [c.text for c in comments] == ["Which hotels did you stay at?",
                                          "The first two, in that order."]
    assert comments[1].published == datetime(2012, 8, 9, 8, 41)


NUMBERED_DL = """
<div id="comments"><h2>Comments</h2><dl>
 <dt><a href="#4931018">1.</a> James Cannon - October 26, 2012</dt>
 <dd><p>Preferred the old one.</p></dd>
 <dt><a href="#4931020">2.</a> The Keeper - October 26, 2012</dt><dd><p>Why? It is dull.</p></dd>
</dl></div>"""


def test_numbered_name_dash_date_line() -> None:
    assert [c.author for c in _comments(NUMBERED_DL)] == ["James Cannon", "The Keeper"]


BY_FOOTER_IN_BODY = """
<div class="post-comments" id="comments"><h2>2 comments</h2>
 <div class="comment depth-1" id="comment-1683"><div class="comment-body">
  <p>Nice system you got here!</p>
  <p class="comment-meta">by <a class="url" href="http://kris.example/">Kris R</a>
   on February 8, 2012 at 1:26 pm.
   <a class="comment-reply-link" href="?replytocom=1683#respond">Reply</a>
   <a href="#comment-1683">#</a></p></div></div>
 <div class="comment depth-1" id="comment-1684"><div class="comment-body">
  <p>Thanks for answering.</p>
  <p class="comment-meta">by than on February 8, 2012 at 2:12 pm. <a href="#comment-1684">#</a></p>
 </div></div>
</div>"""


def test_by_footer_among_the_paragraphs_names_the_commenter() -> None:
    comments = _comments(BY_FOOTER_IN_BODY)
    assert [c.author for c in comments] == ["Kris R", "than"]
    assert [c.text for c in comments] == ["Nice system you got here!", "Thanks for answering."]


NO_NAME = """
<ol class="commentlist">
 <li class="comment" id="comment-1"><div class="comment-meta">March 3, 2012 at 10:00 am</div>
  <div class="comment-content"><p>First!</p></div></li>
 <li class="comment" id="comment-2"><div class="comment-meta">March 4, 2012 at 9:00 am</div>
  <div class="comment-content"><p>Second.</p></div></li>
</ol>"""


def test_header_without_a_name_leaves_author_empty() -> None:
    assert [c.author for c in _comments(NO_NAME)] == [None, None]


@pytest.mark.parametrize("name", ["James Cannon", "Jason", "Anton", "Byron"])
def test_names_ending_like_a_verb_keep_their_letters(name: str) -> None:
    assert clean_author(name) == name
    assert clean_author(f"{name} says:") == name


@pytest.mark.parametrize(
    "href", ["#comment-5", "?replytocom=5#respond", "javascript:void(0)", URL + "#comment-5", URL]
)
def test_links_back_into_the_page_are_not_author_urls(href: str) -> None:
    link = BeautifulSoup(f'<a href="{href}">Anna</a>', "lxml").a
    assert author_url(link, URL) is None


@pytest.mark.parametrize(
    ("text", "dated"),
    [("On Thursday, November 1 at 2:57 pm", True), ("09. Jul, 2012 /", True),
     ("0123456", False), ("2 at 5", False), ("Graham", False)],
)
def test_date_only_strings(text: str, dated: bool) -> None:
    assert is_dateish(text) is dated


NAME_COMMA_ON_DATE = """
<ol class="commentlist">
 <li class="alt" id="comment-175123"><div class="commentmetadata">
  <strong><a class="url" href="http://jamie.example">Jamie Wayne</a></strong>,
  <small>on <a href="#comment-175123">November 7th, 2012</a> // </small></div>
  <p>Well done on this project.</p></li>
 <li id="comment-175125"><div class="commentmetadata"><strong>sampath</strong>,
  <small>on <a href="#comment-175125">November 7th, 2012</a> // </small></div>
  <p>That was wonderful.</p></li>
</ol>"""


def test_name_comma_on_date_when_the_date_element_holds_the_name_too() -> None:
    comments = _comments(NAME_COMMA_ON_DATE)
    assert [c.author for c in comments] == ["Jamie Wayne", "sampath"]
    assert comments[0].author_url == "http://jamie.example"


NAME_LINE_OVER_DATE_LINE = """
<ol class="commentlist">
 <li class="comment" id="comment-11"><div class="comment-body">
  <p>Marie</p><p>November 1, 2012 at 10:57 am <a href="#comment-11">#</a></p>
  <p>How does one cut the mushrooms in half?</p></div></li>
 <li class="comment" id="comment-12"><div class="comment-body">
  <p><a href="http://natkin.example">Michael Natkin</a></p>
  <p>November 1, 2012 at 11:00 pm <a href="#comment-12">#</a></p>
  <p>Lengthwise, with a sharp knife.</p></div></li>
</ol>"""


def test_name_line_over_a_date_line() -> None:
    comments = _comments(NAME_LINE_OVER_DATE_LINE)
    assert [c.author for c in comments] == ["Marie", "Michael Natkin"]
    assert comments[1].author_url == "http://natkin.example"
    assert comments[1].published == datetime(2012, 11, 1, 23, 0)
    assert comments[0].text == "How does one cut the mushrooms in half?"


PROFILE_LINK_AUTHOR = """
<ol class="commentlist">
 <li class="comment" id="comment-369516"><div id="c369516">
  <div class="comment-author vcard"><a class="view_profile" href="http://people.example/u/19976">
   <img alt="[avatar]" src="/a.jpg"></a>
   <a class="profile_link" href="http://people.example/u/19976">Profile</a></div>
  <div class="comment_date">11.05.12 at 1:55 pm</div>
  <div class="comment_author"> James Spader's Ghost</div>
  <div class="comment-content"><p>That is funny.</p></div></div></li>
</ol>"""


def test_an_author_element_that_only_says_profile_does_not_name_the_commenter() -> None:
    (comment,) = _comments(PROFILE_LINK_AUTHOR)
    assert comment.author == "James Spader's Ghost"
    assert comment.author_url == "http://people.example/u/19976"


TITLED_UNITS = """
<div id="comments"><h3>2 Comments</h3>
 <div class="entry"><p>LIES!</p><p>The numbers say otherwise, read the report.</p>
  <p>March 3, 2012</p></div>
 <div class="entry"><p>Anna</p><p>Thanks for the post, very useful.</p><p>March 4, 2012</p></div>
</div>"""


def test_a_comment_title_is_not_taken_for_the_commenter() -> None:
    comments = _comments(TITLED_UNITS)
    assert [c.author for c in comments] == [None, "Anna"]
    assert comments[0].text.startswith("LIES!")


def test_a_vote_score_and_number_before_a_name_are_not_part_of_it() -> None:
    assert clean_author("+4 #1 munya") == "munya"


@pytest.mark.parametrize(
    ("footer", "name"),
    [("Posted by: Rusty Cawley, APR |", "Rusty Cawley, APR"),
     ("Posted by: Bram | Bramus! |", "Bram | Bramus!"),
     ("Posted by: Robert - author |", "Robert"),
     ("Posted by: user42 | cool |", "user42")],
)
def test_a_name_is_kept_as_typed_unless_a_badge_or_digits_follow(footer: str, name: str) -> None:
    page = f"""<div class="comments-content"><div class="comment" id="comment-1">
      <div class="comment-content"><p>Nice.</p></div>
      <p class="comment-footer">{footer} <a href="?cid=1#comment-1">July 12, 2012 at 01:33 PM</a>
      </p></div></div>"""
    assert [c.author for c in _comments(page)] == [name]


PINGBACK_LABEL = """
<ol id="commentlist">
 <li id="comment-40812"><p>Great list, thanks.</p>
  <div class="commentby"><cite><a class="url" href="http://reader.example">Rita</a></cite>
   &#8212; <a href="#comment-40812">November 7, 2012 at 11:02</a></div></li>
 <li id="comment-40813"><p>[...] via [...]</p>
  <div class="commentby"><cite>Pingback by <a class="url" href="http://other.example/p">Movie
   Presidents: fifty-one film presidents of the United States remixed, at Other Example</a>
   &#8212; November 7, 2012 @ <a href="#comment-40813">12:22</a></cite>
  </div></li>
</ol>"""


def test_a_pingback_told_by_its_label_is_not_named_and_not_kept() -> None:
    assert [c.author for c in _comments(PINGBACK_LABEL)] == ["Rita"]


#: A theme whose only meta is one attribution line after the text, inside the author element:
#: "Comment by NAME — DATE @ TIME" (a permalink on the time), no date element.
ATTRIBUTION_LINE = """
<ol class="commentlist">
 <li id="comment-11">
  <p>Mulch keeps the beds from drying out.</p>
  <p>It also feeds the soil.</p>
  <p><cite>Comment by <a href="https://gardener.example/" class="url">Rosa Beet</a> &#8212;
   17.07, 2011 @ <a href="#comment-11">13:04</a></cite></p>
 </li>
 <li id="comment-12">
  <p>Which mulch do you use?</p>
  <p><cite>Comment by Tom Kohl &#8212; 18.07, 2011 @ <a href="#comment-12">9:15</a></cite></p>
 </li>
</ol>"""


def test_author_element_with_trailing_date_gives_name_and_stamp() -> None:
    comments = _comments(ATTRIBUTION_LINE)
    assert [(c.author, c.published) for c in comments] == [
        ("Rosa Beet", datetime(2011, 7, 17, 13, 4)),
        ("Tom Kohl", datetime(2011, 7, 18, 9, 15)),
    ]
    assert comments[0].author_url == "https://gardener.example/"
    assert comments[1].author_url is None
    assert comments[0].text == "Mulch keeps the beds from drying out.\n\nIt also feeds the soil."
    assert comments[1].text == "Which mulch do you use?"


@pytest.mark.parametrize(
    ("text", "name", "stamp"),
    [
        ("Comment by Rosa Beet — 17.07, 2011 @ 13:04", "Rosa Beet", "17.07, 2011 @ 13:04"),
        ("Rosa Beet | Apr 6, 2007", "Rosa Beet", "Apr 6, 2007"),
        ("Rosa Beet on July 3, 2011 @ 1:04 pm", "Rosa Beet", "July 3, 2011 @ 1:04 pm"),
        ("Rosa Beet, July 3, 2011", "Rosa Beet", "July 3, 2011"),
    ],
)
def test_dated_author_splits_name_and_date(text: str, name: str, stamp: str) -> None:
    found = dated_author(text)
    assert found is not None and (found.name, found.stamp) == (name, stamp)


@pytest.mark.parametrize(
    "text", ["Rosa Beet", "Rusty Cawley, APR", "Tom - my 2 cents", "R2D2 - July 3, 2011"]
)
def test_dated_author_leaves_names_without_a_trailing_date(text: str) -> None:
    assert dated_author(text) is None


#: Comment panels (name and date in a heading, text in a body): a comment whose whole text
#: is one number is still a comment; a number beside a comment's words is its number.
ONE_CHARACTER = """
<div id="comments"><h3>Comments</h3>
 <div class="panel"><div class="panel-heading comment-meta">
  <span class="comment-author">Rosa</span> 22. December 2017</div>
  <div class="panel-body">Lovely garden, thanks for the tips on mulch.</div></div>
 <div class="panel"><div class="panel-heading comment-meta">
  <span class="comment-author">Tom</span> 24. December 2017</div>
  <div class="panel-body">1</div></div>
 <div class="panel"><div class="panel-heading comment-meta">
  <span class="comment-author">Lena</span> 25. December 2017</div>
  <div class="panel-body">+1</div></div>
 <div class="panel"><div class="panel-heading comment-meta">
  <span class="comment-author">Anna</span> 26. December 2017</div>
  <div class="panel-body">How deep should the mulch be?</div></div>
</div>"""


def test_one_character_comment_with_its_own_item_is_kept() -> None:
    comments = _comments(ONE_CHARACTER)
    assert [(c.author, c.text) for c in comments] == [
        ("Rosa", "Lovely garden, thanks for the tips on mulch."),
        ("Tom", "1"),
        ("Lena", "+1"),
        ("Anna", "How deep should the mulch be?"),
    ]
