"""Date parsing: formats, offsets, relative dates, and day/month order learned per site."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from scraper.dates import (
    find_numeric_dates,
    parse_date,
    parse_date_detail,
    resolve_order,
    resolve_orders,
)

REFERENCE = datetime(2020, 12, 10, 12, 0)

WRITTEN = [
    ("2016-12-04", datetime(2016, 12, 4)),
    ("2016-12-04 22:09", datetime(2016, 12, 4, 22, 9)),
    ("2020/12/07", datetime(2020, 12, 7)),
    ("Monday, December 7, 2020", datetime(2020, 12, 7)),
    ("7 December 2020 at 10:09", datetime(2020, 12, 7, 10, 9)),
    ("Dec 7, 2020", datetime(2020, 12, 7)),
    ("Dec. 7th, 2020", datetime(2020, 12, 7)),
    ("December 8, 2020 at 3:14 am", datetime(2020, 12, 8, 3, 14)),
    ("1st of March 2019", datetime(2019, 3, 1)),
    ("10:09 pm, 7 December 2020", datetime(2020, 12, 7, 22, 9)),
    ("7. Dezember 2020 um 14:30 Uhr", datetime(2020, 12, 7, 14, 30)),
    ("Posted on 7. März 2019", datetime(2019, 3, 7)),
    ("1er mars 2019", datetime(2019, 3, 1)),
    ("14 octobre 2020 à 22h09", datetime(2020, 10, 14, 22, 9)),
    ("7 de diciembre de 2020", datetime(2020, 12, 7)),
    ("7 dicembre 2020 alle 10:09", datetime(2020, 12, 7, 10, 9)),
    ("7 dezembro 2020 às 10:09", datetime(2020, 12, 7, 10, 9)),
    ("7 de setembro de 2021", datetime(2021, 9, 7)),
    ("12 mei 2020", datetime(2020, 5, 12)),
    ("3 okt. 2018", datetime(2018, 10, 3)),
    ("23/11/2016", datetime(2016, 11, 23)),
    ("11/23/2016", datetime(2016, 11, 23)),
    ("2012年12月10日", datetime(2012, 12, 10)),
    ("2012年12月10日 16:42", datetime(2012, 12, 10, 16, 42)),
    ("更新：2018年6月20日（水）9:05", datetime(2018, 6, 20, 9, 5)),
    ("２０１２年１２月１０日", datetime(2012, 12, 10)),
    ("2019년 8월 20일", datetime(2019, 8, 20)),
]


@pytest.mark.parametrize(("text", "expected"), WRITTEN)
def test_written_and_numeric_formats_parse(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


def test_iso_offset_stays_in_its_own_offset() -> None:
    value = parse_date("2020-12-07T23:01:00-06:00")
    assert value == datetime(2020, 12, 7, 23, 1, tzinfo=timezone(timedelta(hours=-6)))
    assert value is not None and value.utcoffset() == timedelta(hours=-6)


ISO_BASIC = [
    ("20180619T055000+0900", datetime(2018, 6, 19, 5, 50, tzinfo=timezone(timedelta(hours=9)))),
    ("20180619T0550Z", datetime(2018, 6, 19, 5, 50, tzinfo=timezone.utc)),
    ("2016-06-13T1603Z", datetime(2016, 6, 13, 16, 3, tzinfo=timezone.utc)),
    ("20180619T055000", datetime(2018, 6, 19, 5, 50)),
]


@pytest.mark.parametrize(("text", "expected"), ISO_BASIC)
def test_iso_basic_and_compact_clock_forms_keep_their_offset(
    text: str, expected: datetime
) -> None:
    value = parse_date(text)
    assert value == expected
    assert value is not None and value.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["20180619", "2018年13月1日", "20181345T1200"])
def test_impossible_or_clockless_basic_dates_give_none(text: str) -> None:
    assert parse_date(text) is None


def test_iso_z_is_aware_utc() -> None:
    assert parse_date("2019-05-30T08:15:00Z") == datetime(2019, 5, 30, 8, 15, tzinfo=timezone.utc)


def test_iso_without_offset_is_naive() -> None:
    value = parse_date("2019-05-30T08:15:00")
    assert value is not None and value.tzinfo is None


def test_rfc2822_keeps_its_offset() -> None:
    value = parse_date("Mon, 07 Dec 2020 10:09:00 +0100")
    assert value == datetime(2020, 12, 7, 10, 9, tzinfo=timezone(timedelta(hours=1)))


RELATIVE = [
    ("3 days ago", REFERENCE - timedelta(days=3)),
    ("an hour ago", REFERENCE - timedelta(hours=1)),
    ("vor 2 Tagen", REFERENCE - timedelta(days=2)),
    ("vor einem Tag", REFERENCE - timedelta(days=1)),
    ("il y a 3 jours", REFERENCE - timedelta(days=3)),
    ("hace 3 días", REFERENCE - timedelta(days=3)),
    ("3 giorni fa", REFERENCE - timedelta(days=3)),
    ("2 uur geleden", REFERENCE - timedelta(hours=2)),
    ("há 2 semanas", REFERENCE - timedelta(weeks=2)),
    ("yesterday", REFERENCE - timedelta(days=1)),
    ("gestern um 14:30", datetime(2020, 12, 9, 14, 30)),
]


@pytest.mark.parametrize(("text", "expected"), RELATIVE)
def test_relative_dates_count_back_from_reference(text: str, expected: datetime) -> None:
    assert parse_date(text, reference=REFERENCE) == expected


def test_relative_date_without_reference_is_none() -> None:
    assert parse_date("3 days ago") is None


@pytest.mark.parametrize(
    "text", ["", "garbage", "13/13/2020", "31.02.2019", "version 1.2.3", "call 555-1234", "42"]
)
def test_garbage_gives_none(text: str) -> None:
    assert parse_date(text) is None


def test_non_string_input_gives_none() -> None:
    assert parse_date(None) is None  # type: ignore[arg-type]


def test_dotted_date_defaults_to_day_first_and_is_marked_ambiguous() -> None:
    found = parse_date_detail("4.12.2016")
    assert found is not None
    assert (found.value, found.ambiguous, found.order) == (datetime(2016, 12, 4), True, "DMY")


def test_slashed_date_with_am_pm_defaults_to_month_first() -> None:
    found = parse_date_detail("12/03/18 10:09 PM")
    assert found is not None
    assert (found.value, found.ambiguous, found.order) == (
        datetime(2018, 12, 3, 22, 9),
        True,
        "MDY",
    )


def test_dotted_post_date_and_slashed_comment_stamp_on_one_page_both_come_out_right() -> None:
    samples = ["4.12.2016", "12/03/18 10:09 PM"]
    order, _ = resolve_order(samples, "en")
    orders = resolve_orders(samples)
    assert parse_date("4.12.2016", order=order, orders=orders) == datetime(2016, 12, 4)
    stamp = parse_date("12/03/18 10:09 PM", order=order, orders=orders)
    assert stamp == datetime(2018, 12, 3, 22, 9)


def test_date_settled_by_its_own_fields_is_not_ambiguous() -> None:
    found = parse_date_detail("23.11.2016", order="MDY")
    assert found is not None
    assert (found.value, found.ambiguous) == (datetime(2016, 11, 23), False)


def test_site_order_reads_ambiguous_dates() -> None:
    assert parse_date("04/12/2016", order="DMY") == datetime(2016, 12, 4)
    assert parse_date("04/12/2016", order="MDY") == datetime(2016, 4, 12)


def test_per_style_order_wins_over_site_order() -> None:
    value = parse_date("12/03/18 10:09 PM", order="DMY", orders={"/12h": "MDY"})
    assert value == datetime(2018, 12, 3, 22, 9)


def test_slashed_date_without_clock_follows_page_language() -> None:
    assert parse_date("04/12/2016", language="fr") == datetime(2016, 12, 4)
    assert parse_date("04/12/2016", language="en-US") == datetime(2016, 4, 12)


RESOLVE = [
    (["4.12.2016", "23.11.2016"], None, "DMY"),
    (["12/23/18 10:09 PM", "12/03/18 10:09 PM"], None, "MDY"),
    (["04/12/2016"], "de-DE", "DMY"),
    (["04/12/2016"], "en-US", "MDY"),
    (["04/12/2016"], "en-GB", "DMY"),
    (["04/12/2016", "05/11/2016"], None, None),
    ([], "en", None),
    (["23/11/2016", "23/11/2016", "11/24/2016"], "en-US", "DMY"),
]


@pytest.mark.parametrize(("samples", "language", "expected"), RESOLVE)
def test_resolve_order_from_site_evidence(
    samples: list[str], language: str | None, expected: str | None
) -> None:
    order, evidence = resolve_order(samples, language)
    assert order == expected
    assert evidence


def test_resolve_order_evidence_names_the_deciding_date() -> None:
    _, evidence = resolve_order(["4.12.2016", "23.11.2016"])
    assert "23.11.2016" in evidence


def test_resolve_orders_keeps_separator_styles_apart() -> None:
    assert resolve_orders(["23.11.2016", "12/23/18 10:09 PM", "4.12.2016"]) == {
        ".": "DMY",
        "/12h": "MDY",
    }


def test_find_numeric_dates_keeps_clock_and_skips_versions_and_ips() -> None:
    text = "posted 4.12.2016, reply 12/03/18 10:09 PM; v1.2.3 at 192.168.1.1 on 2016-12-04"
    assert find_numeric_dates(text) == ["4.12.2016", "12/03/18 10:09 PM"]


def test_two_digit_year_is_read_in_this_century() -> None:
    assert parse_date("04.12.16") == datetime(2016, 12, 4)


AFTER = datetime(2024, 7, 13, 7, 30)

YEARLESS = [
    ("Jul 14", datetime(2024, 7, 14)),
    ("14 Jul", datetime(2024, 7, 14)),
    ("Jul 13", datetime(2024, 7, 13)),
    ("Le 9 janvier à 13:06", datetime(2025, 1, 9, 13, 6)),
    ("9. Januar um 13:06", datetime(2025, 1, 9, 13, 6)),
]


@pytest.mark.parametrize(("text", "expected"), YEARLESS)
def test_yearless_stamp_is_the_first_such_day_after_the_post(text: str, expected: datetime) -> None:
    assert parse_date(text, after=AFTER) == expected


def test_yearless_stamp_without_a_post_date_is_none() -> None:
    assert parse_date("Jul 14") is None


def test_full_date_ignores_the_post_date() -> None:
    assert parse_date("Dec 7, 2020", after=AFTER) == datetime(2020, 12, 7)


@pytest.mark.parametrize("text", ["at 10:09", "3 replies", "May 10:30"])
def test_yearless_reading_needs_a_month_and_a_day(text: str) -> None:
    assert parse_date(text, after=AFTER) is None


#: Stamps that put the clock after an "@" (WordPress themes print "DATE @ TIME"), and a dotted
#: day.month whose year follows a comma.
AT_CLOCK = [
    ("17.07, 2011 @ 13:04", datetime(2011, 7, 17, 13, 4)),
    ("17.07, 2011", datetime(2011, 7, 17)),
    ("5.07, 2011 @ 9:15", datetime(2011, 7, 5, 9, 15)),
    ("17.07.2011 @ 13:04", datetime(2011, 7, 17, 13, 4)),
    ("July 3, 2011 @ 1:04 pm", datetime(2011, 7, 3, 13, 4)),
    ("July 3, 2011 @1:04pm", datetime(2011, 7, 3, 13, 4)),
    ("3 July 2011 @ 13:04", datetime(2011, 7, 3, 13, 4)),
    ("07/03/2011 @ 1:04 pm", datetime(2011, 7, 3, 13, 4)),
    ("2011-07-03 @ 13:04", datetime(2011, 7, 3, 13, 4)),
    ("2011-07-03, 13:04", datetime(2011, 7, 3, 13, 4)),
    ("13:04 @ July 3, 2011", datetime(2011, 7, 3, 13, 4)),
]


@pytest.mark.parametrize(("text", "expected"), AT_CLOCK)
def test_clock_after_an_at_sign_and_dotted_date_with_comma_year(
    text: str, expected: datetime
) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["version 1.5, 2011", "1.50, 2011", "17.07, 11"])
def test_dotted_comma_year_needs_a_two_digit_month_and_a_full_year(text: str) -> None:
    assert parse_date(text) is None


def test_dotted_comma_year_votes_with_the_dotted_style() -> None:
    assert resolve_orders(["17.07, 2011 @ 13:04"]) == {".": "DMY"}
