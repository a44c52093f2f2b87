"""learn_profile: blocks repeated across a site's pages are boilerplate; dates settle the order."""

from __future__ import annotations

from scraper.parse import parse_post
from scraper.parse.body import block_fingerprint
from scraper.parse.template import learn_profile

SIDEBAR = ('<div class="col-right"><div class="box">Popular reading: Ten garden myths, '
           'Winter pruning, Seed swaps</div></div>')


def _page(n: int, date: str) -> tuple[str, str]:
    body = " ".join(f"Sentence {n}-{i} about topic number {n}, with detail." for i in range(12))
    html = (f"<html><body><div class='main'><h2>Post {n}</h2><div class='d'>{date}</div>"
            f"<div class='txt'><p>{body}</p></div></div>{SIDEBAR}</body></html>")
    return html, f"http://site.example/p?id={n}"


def test_block_on_every_page_is_boilerplate() -> None:
    profile = learn_profile([_page(1, "4.12.2016"), _page(2, "5.1.2017"), _page(3, "6.2.2017")])
    text = "Popular reading: Ten garden myths, Winter pruning, Seed swaps"
    assert block_fingerprint(text) in profile.boilerplate


def test_block_on_one_page_only_is_not_boilerplate() -> None:
    profile = learn_profile([_page(1, "4.12.2016"), _page(2, "5.1.2017"), _page(3, "6.2.2017")])
    own = " ".join(f"Sentence 1-{i} about topic number 1, with detail." for i in range(12))
    assert block_fingerprint(own) not in profile.boilerplate


def test_single_page_learns_no_boilerplate() -> None:
    assert learn_profile([_page(1, "4.12.2016")]).boilerplate == frozenset()


def test_unambiguous_date_on_another_page_settles_day_first_order() -> None:
    profile = learn_profile([_page(1, "4.12.2016"), _page(2, "23.11.2016")])
    assert profile.date_order == "DMY"
    assert profile.date_order_evidence


def test_profile_order_is_applied_to_an_ambiguous_post_date() -> None:
    profile = learn_profile([_page(1, "4.12.2016"), _page(2, "12/23/2016")])
    html, url = _page(1, "4/12/2016")
    post = parse_post(html, url, profile)
    assert post is not None and post.published is not None
    assert (post.published.month, post.published.day) == (4, 12)


def test_learned_boilerplate_is_dropped_from_the_body() -> None:
    pages = [_page(1, "4.12.2016"), _page(2, "5.1.2017"), _page(3, "6.2.2017")]
    profile = learn_profile(pages)
    post = parse_post(pages[0][0], pages[0][1], profile)
    assert post is not None
    assert "Popular reading" not in post.body_text


def test_profile_keeps_the_order_per_date_style() -> None:
    profile = learn_profile([_page(1, "23.11.2016 and 12/28/18 10:09 PM"), _page(2, "5.1.2017")])
    assert profile.date_orders.get(".") == "DMY"
    assert profile.date_orders.get("/12h") == "MDY"


def test_post_date_follows_the_site_order_for_its_style() -> None:
    from scraper.models import SiteProfile

    html, url = _page(7, "4.12.2016")
    site = SiteProfile(date_order="MDY", date_orders={".": "DMY"})
    post = parse_post(html, url, site)
    assert post is not None and post.published is not None
    assert (post.published.month, post.published.day) == (12, 4)
    assert post.date_order == "DMY (site)"
