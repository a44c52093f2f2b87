"""The bundled demo blog: its content, its pages (through ``render``) and its HTTP server."""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup, Tag

from scraper.demo import (
    COMMENT_ONLY_WORDS,
    PAGES,
    POSTS,
    SITE_NAME,
    UNIQUE_WORDS,
    DemoComment,
    DemoPage,
    DemoPost,
    DemoServer,
    expected_posts,
    format_date,
    format_stamp,
    render,
)
from scraper.demo.pages import COMMENTS_PER_PAGE, comment_page_count, comment_page_path

POST_BY_SID = {p.sid: p for p in POSTS}


def get(url_path: str) -> tuple[int, str, bytes]:
    """render() for a path with its query string, the way the server calls it."""
    parts = urlsplit(url_path)
    return render(parts.path, parse_qs(parts.query, keep_blank_values=True))


def soup_of(url_path: str) -> BeautifulSoup:
    status, _, body = get(url_path)
    assert status == 200, url_path
    return BeautifulSoup(body, "html.parser")


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert isinstance(found, Tag), selector
    return found


def post_text(post: DemoPost) -> str:
    comments = " ".join(c.text for c in post.all_comments())
    return " ".join((post.title, *post.body, comments)).lower()


def walk_listing(fetch: Callable[[str], str], start: str = "/blog/") -> list[str]:
    """Follow "Older posts" from ``start``; return every post link in listing order."""
    found: list[str] = []
    url: str | None = start
    while url is not None:
        soup = BeautifulSoup(fetch(url), "html.parser")
        found += [str(a["href"]) for a in soup.select(".blog-teaser .blog-title-link")]
        older = soup.select_one("a.blog-older-link")
        url = str(older["href"]) if older is not None else None
    return found


# --- content ---------------------------------------------------------------------------------


def test_post_ids_have_holes_like_deleted_posts() -> None:
    sids = sorted(POST_BY_SID)
    assert len(sids) == len(POSTS) >= 25
    assert sids != list(range(sids[0], sids[0] + len(sids)))


def test_dates_include_both_unambiguous_and_ambiguous_day_month() -> None:
    days = [p.published for p in POSTS]
    assert sum(d.day > 12 for d in days) >= 5
    assert sum(d.day <= 12 and d.day != d.month for d in days) >= 5


def test_most_posts_have_no_or_few_comments_and_some_have_several() -> None:
    counts = [len(p.all_comments()) for p in POSTS]
    assert counts.count(0) >= 8
    assert max(counts) >= 4


def test_spam_and_threaded_replies_are_present() -> None:
    comments = [c for p in POSTS for c in p.all_comments()]
    assert sum(c.spam for c in comments) >= 4
    assert any(r.replies for p in POSTS for c in p.comments for r in c.replies)


def test_every_comment_is_stamped_after_its_post_and_replies_after_their_parent() -> None:
    def check(comment: DemoComment, after: datetime) -> None:
        assert comment.stamp > after
        for reply in comment.replies:
            check(reply, comment.stamp)

    for post in POSTS:
        for comment in post.comments:
            check(comment, datetime.combine(post.published, datetime.min.time()))


@pytest.mark.parametrize(("word", "sid"), sorted(UNIQUE_WORDS.items()))
def test_unique_word_occurs_in_exactly_one_post(word: str, sid: int) -> None:
    assert [p.sid for p in POSTS if word in post_text(p)] == [sid]


@pytest.mark.parametrize(("word", "sid"), sorted(COMMENT_ONLY_WORDS.items()))
def test_comment_only_word_occurs_in_one_comment_and_no_post_body(word: str, sid: int) -> None:
    comments = [c for p in POSTS for c in p.all_comments() if word in c.text.lower()]
    assert len(comments) == 1
    assert [p.sid for p in POSTS if word in post_text(p)] == [sid]
    assert not any(word in " ".join(p.body).lower() for p in POSTS)


def test_date_and_stamp_formats_match_the_builder() -> None:
    assert format_date(date(2016, 12, 4)) == "4.12.2016"
    assert format_stamp(datetime(2018, 12, 3, 22, 9)) == "12/03/18 10:09 PM"
    assert format_stamp(datetime(2018, 1, 5, 0, 7)) == "01/05/18 12:07 AM"
    assert format_stamp(datetime(2018, 1, 5, 12, 0)) == "01/05/18 12:00 PM"


def test_expected_posts_count_every_comment_and_the_spam() -> None:
    expected = {e.sid: e for e in expected_posts()}
    assert sorted(expected) == sorted(POST_BY_SID)
    assert expected[26].comment_count == 4
    assert expected[33].spam_count == 1
    assert expected[33].path == "/blog/post/?sid=33"
    assert expected[33].published == date(2016, 12, 4)


# --- pages through render() ------------------------------------------------------------------


@pytest.mark.parametrize("post", POSTS, ids=lambda p: f"sid{p.sid}")
def test_post_page_shows_title_date_author_body_and_tags(post: DemoPost) -> None:
    soup = soup_of(post.path)
    assert soup.title is not None
    assert soup.title.get_text() == f"{post.title} | {SITE_NAME}"
    assert one(soup, ".blog-post-title").get_text() == post.title
    assert one(soup, ".blogPostDate").get_text() == format_date(post.published)
    assert one(soup, ".blog-post-author").get_text() == f"Posted by {post.author}"
    paragraphs = [d.get_text() for d in soup.select(".blog-content .paragraph")]
    assert paragraphs == list(post.body)
    assert [a.get_text() for a in soup.select(".blog-post-tags a")] == list(post.tags)


def _comment_pages(post: DemoPost) -> list[str]:
    return [comment_page_path(post, n) for n in range(1, comment_page_count(post) + 1)]


@pytest.mark.parametrize("post", POSTS, ids=lambda p: f"sid{p.sid}")
def test_post_pages_show_every_comment_with_name_text_and_stamp(post: DemoPost) -> None:
    entries = [e for path in _comment_pages(post) for e in soup_of(path).select(".comment-entry")]
    shown = [
        (
            one(e, ".cmt-name").get_text(),
            one(e, ".cmt-text").get_text(),
            one(e, ".cmt-stamp").get_text(),
        )
        for e in entries
    ]
    wanted = [(c.name, c.text, format_stamp(c.stamp)) for c in post.all_comments()]
    assert shown == wanted


def test_a_post_with_many_comments_shows_the_newest_page_and_links_the_older_ones() -> None:
    post = next(p for p in POSTS if comment_page_count(p) > 1)
    newest = soup_of(post.path)
    shown = [one(e, ".cmt-name").get_text() for e in newest.select(".blog-comments-list > div")]
    assert shown == [c.name for c in post.comments[COMMENTS_PER_PAGE:]]
    older = [a["href"] for a in newest.select("#comments .blog-comments-pager a")]
    assert f"{post.path}&cpage=1#comments" in older
    assert get(f"{post.path}&cpage={comment_page_count(post) + 1}")[0] == 404
    assert get(f"{post.path}&cpage=x")[0] == 404


def test_replies_are_nested_inside_the_comment_they_answer() -> None:
    soup = soup_of("/blog/post/?sid=14")
    top = soup.select(".blog-comments-list > .comment-entry")
    assert len(top) == 1
    reply = one(top[0], ".cmt-replies > .comment-entry")
    assert one(reply, ".cmt-name").get_text() == "Helen Marsh"
    second = one(reply, ".cmt-replies > .comment-entry")
    assert one(second, ".cmt-text").get_text() == "I booked an appointment. Thank you."


def test_every_post_page_has_a_comments_heading_and_form_even_with_no_comments() -> None:
    soup = soup_of("/blog/post/?sid=3")
    assert one(soup, ".blog-comments-title").get_text() == "Comments"
    assert soup.select(".comment-entry") == []
    assert soup.find("form") is not None


def test_text_is_html_escaped() -> None:
    _, _, body = get("/blog/post/?sid=26")
    assert b"A&amp;E" in body
    assert b"&lt;3" in body
    _, _, body = get("/blog/post/?sid=14")
    assert b"When &quot;Fine&quot; Isn&#x27;t Fine" in body


def test_spam_links_in_comment_text_become_nofollow_anchors() -> None:
    text = one(soup_of("/blog/post/?sid=33"), ".cmt-text")
    hrefs = [a["href"] for a in text.find_all("a")]
    assert hrefs == ["http://hair-wigs-outlet.example/", "http://diamond-jewelry-sale.example/"]
    assert all(a["rel"] == ["nofollow"] for a in text.find_all("a"))


def test_pages_are_utf8_with_meta_charset_and_non_ascii_text() -> None:
    status, content_type, body = get("/blog/post/?sid=28")
    assert status == 200 and content_type == "text/html; charset=utf-8"
    assert b'<meta charset="utf-8">' in body
    assert "Café".encode() in body


def test_pages_carry_no_structured_metadata() -> None:
    soup = soup_of("/blog/post/?sid=33")
    assert soup.find("meta", attrs={"name": "generator"}) is None
    assert soup.find("script", attrs={"type": "application/ld+json"}) is None
    assert soup.find(["article", "time"]) is None
    assert soup.find("meta", attrs={"property": re.compile("^og:")}) is None


@pytest.mark.parametrize("path", ["/", "/blog/", "/blog/post/?sid=9", "/about/", "/nope"])
def test_every_page_has_nav_sidebar_lists_and_footer(path: str) -> None:
    soup = BeautifulSoup(get(path)[2], "html.parser")
    nav = [a["href"] for a in soup.select("#sb-nav-menu a")]
    assert nav == ["/", "/about/", "/services/", "/blog/", "/contact/"]
    titles = [t.get_text() for t in soup.select(".sb-side-title")]
    assert titles == ["Recent Blog Post", "Popular Post"]
    boxes = soup.select(".sb-side-box")
    assert len(boxes[0].select("a")) == 5 and len(boxes[1].select("a")) == 5
    assert soup.select_one("#sb-footer") is not None


def test_recent_sidebar_lists_the_five_newest_posts() -> None:
    newest = sorted(POSTS, key=lambda p: p.published, reverse=True)[:5]
    box = soup_of("/about/").select(".sb-side-box")[0]
    assert [a["href"] for a in box.select("a")] == [p.path for p in newest]


def test_home_page_shows_the_three_latest_posts() -> None:
    soup = soup_of("/")
    assert soup.title is not None and soup.title.get_text() == SITE_NAME
    newest = sorted(POSTS, key=lambda p: p.published, reverse=True)[:3]
    links = [a["href"] for a in soup.select(".blog-teaser .blog-title-link")]
    assert links == [p.path for p in newest]


def test_pagination_reaches_every_post_once_newest_first() -> None:
    links = walk_listing(lambda path: get(path)[2].decode("utf-8"))
    newest_first = sorted(POSTS, key=lambda p: p.published, reverse=True)
    assert links == [p.path for p in newest_first]


def test_listing_pages_hold_ten_teasers_with_date_and_first_sentence() -> None:
    soup = soup_of("/blog/?page=2")
    teasers = soup.select(".blog-teaser")
    assert len(teasers) == 10
    first = POST_BY_SID[int(str(one(teasers[0], "a")["href"]).rsplit("=", 1)[1])]
    assert one(teasers[0], ".blogPostDate").get_text() == format_date(first.published)
    assert one(teasers[0], ".blog-teaser-text").get_text().startswith(first.body[0][:20])


def test_second_page_links_newer_to_the_first_and_older_to_the_third() -> None:
    soup = soup_of("/blog/?page=2")
    assert one(soup, "a.blog-newer-link")["href"] == "/blog/"
    assert one(soup, "a.blog-older-link")["href"] == "/blog/?page=3"


@pytest.mark.parametrize("query", ["page=99", "page=0", "page=two", "tag=no-such-tag"])
def test_listing_out_of_range_is_404(query: str) -> None:
    assert get(f"/blog/?{query}")[0] == 404


def test_tag_listing_shows_only_posts_with_that_tag() -> None:
    links = walk_listing(lambda path: get(path)[2].decode("utf-8"), "/blog/?tag=anxiety")
    assert sorted(links) == sorted(p.path for p in POSTS if "anxiety" in p.tags)


@pytest.mark.parametrize("sid", ["5", "1", "999", "abc", "", "-3"])
def test_unknown_or_malformed_sid_is_404(sid: str) -> None:
    status, content_type, body = get(f"/blog/post/?sid={sid}")
    assert status == 404
    assert content_type.startswith("text/html")
    assert b"Page not found" in body


def test_post_page_without_sid_is_404() -> None:
    assert get("/blog/post/")[0] == 404


def test_unknown_path_is_404() -> None:
    assert get("/wp-admin/")[0] == 404


@pytest.mark.parametrize("demo_page", PAGES, ids=lambda p: p.slug)
def test_plain_pages_glue_the_site_name_onto_their_title(demo_page: DemoPage) -> None:
    soup = soup_of(demo_page.path)
    assert soup.title is not None
    assert soup.title.get_text() == f"{demo_page.title} | {SITE_NAME}"
    assert one(soup, ".sb-page-title").get_text() == demo_page.title


def test_robots_txt_allows_everything_and_names_no_sitemap() -> None:
    status, content_type, body = get("/robots.txt")
    assert status == 200 and content_type.startswith("text/plain")
    assert body.splitlines() == [b"User-agent: *", b"Disallow:"]
    assert b"sitemap" not in body.lower()


def test_render_serves_an_altered_copy_of_the_posts() -> None:
    edited = dataclasses.replace(POST_BY_SID[33], title="A New Title")
    others = [p for p in POSTS if p.sid != 33]
    status, _, body = render("/blog/post/", {"sid": ["33"]}, [*others, edited])
    assert status == 200 and b"A New Title" in body


# --- the real server -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_server() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer() as fresh:
        yield fresh


def test_server_listens_on_loopback_on_a_free_port(shared_server: DemoServer) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", shared_server.url)
    assert shared_server.port > 0


def test_crawling_the_listing_over_http_finds_every_post(shared_server: DemoServer) -> None:
    with requests.Session() as session:

        def fetch(path: str) -> str:
            response = session.get(urljoin(shared_server.url, path), timeout=5)
            response.raise_for_status()
            return response.text

        links = walk_listing(fetch)
    assert sorted(links) == sorted(e.path for e in expected_posts())


def test_post_page_over_http_matches_the_content(shared_server: DemoServer) -> None:
    response = requests.get(urljoin(shared_server.url, "/blog/post/?sid=33"), timeout=5)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    soup = BeautifulSoup(response.content, "html.parser")
    assert one(soup, ".blogPostDate").get_text() == "4.12.2016"
    assert one(soup, ".cmt-stamp").get_text() == "12/03/18 10:09 PM"


def test_unknown_sid_over_http_is_404(shared_server: DemoServer) -> None:
    response = requests.get(urljoin(shared_server.url, "/blog/post/?sid=5"), timeout=5)
    assert response.status_code == 404


def test_robots_txt_over_http(shared_server: DemoServer) -> None:
    response = requests.get(urljoin(shared_server.url, "/robots.txt"), timeout=5)
    assert response.status_code == 200
    assert "Disallow:" in response.text


def test_post_page_sends_etag_and_last_modified(shared_server: DemoServer) -> None:
    response = requests.get(urljoin(shared_server.url, "/blog/post/?sid=33"), timeout=5)
    assert response.headers["ETag"].startswith('"')
    last_modified = parsedate_to_datetime(response.headers["Last-Modified"])
    assert last_modified.replace(tzinfo=None) == datetime(2018, 12, 3, 22, 9)


def test_if_none_match_with_the_etag_gets_304_and_no_body(shared_server: DemoServer) -> None:
    url = urljoin(shared_server.url, "/blog/post/?sid=26")
    etag = requests.get(url, timeout=5).headers["ETag"]
    response = requests.get(url, headers={"If-None-Match": etag}, timeout=5)
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == etag


def test_if_modified_since_last_modified_gets_304(shared_server: DemoServer) -> None:
    url = urljoin(shared_server.url, "/blog/post/?sid=26")
    last_modified = requests.get(url, timeout=5).headers["Last-Modified"]
    response = requests.get(url, headers={"If-Modified-Since": last_modified}, timeout=5)
    assert response.status_code == 304


def test_if_modified_since_before_last_modified_gets_200(shared_server: DemoServer) -> None:
    url = urljoin(shared_server.url, "/blog/post/?sid=26")
    since = "Mon, 01 Aug 2016 00:00:00 GMT"
    response = requests.get(url, headers={"If-Modified-Since": since}, timeout=5)
    assert response.status_code == 200


def test_stale_etag_gets_the_full_page(shared_server: DemoServer) -> None:
    url = urljoin(shared_server.url, "/blog/post/?sid=26")
    response = requests.get(url, headers={"If-None-Match": '"stale"'}, timeout=5)
    assert response.status_code == 200 and response.content


def test_editing_a_post_changes_its_etag_but_not_other_posts(server: DemoServer) -> None:
    def etag(sid: int) -> str:
        url = urljoin(server.url, f"/blog/post/?sid={sid}")
        return requests.get(url, timeout=5).headers["ETag"]

    before = {33: etag(33), 26: etag(26)}
    edited = dataclasses.replace(POST_BY_SID[33], body=("Rewritten.",), updated=date(2019, 1, 2))
    server.posts = [edited if p.sid == 33 else p for p in POSTS]
    assert etag(33) != before[33]
    assert etag(26) == before[26]


def test_head_sends_headers_without_a_body(shared_server: DemoServer) -> None:
    url = urljoin(shared_server.url, "/blog/post/?sid=33")
    response = requests.head(url, timeout=5)
    assert response.status_code == 200
    assert int(response.headers["Content-Length"]) > 1000
    assert response.content == b""


def test_request_log_records_each_path_with_its_query(server: DemoServer) -> None:
    for path in ("/robots.txt", "/blog/post/?sid=9", "/missing"):
        requests.get(urljoin(server.url, path), timeout=5)
    assert server.request_log == ["/robots.txt", "/blog/post/?sid=9", "/missing"]
    assert [r.status for r in server.requests] == [200, 200, 404]


def test_delay_slows_every_answer() -> None:
    with DemoServer(delay=0.2) as slow:
        started = time.monotonic()
        requests.get(slow.url, timeout=5)
        assert time.monotonic() - started >= 0.2


def test_stop_releases_the_port() -> None:
    with DemoServer() as server:
        url = server.url
        assert requests.get(url, timeout=5).status_code == 200
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=2)


def test_serve_forever_blocks_until_stopped_from_another_thread() -> None:
    server = DemoServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    assert requests.get(server.url, timeout=5).status_code == 200
    server.stop()
    thread.join(timeout=5)
    assert not thread.is_alive()
