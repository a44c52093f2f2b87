"""The re-check schedule: young posts often, old posts rarely, back-off, the sweep cap, spread."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from archive.schedule import RecheckPolicy, Scheduler, parse_date
from archive.store import Archive

POLICY = RecheckPolicy()
NOW = datetime(2024, 6, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("age_days", "every_days"), [(2, 0.25), (20, 1.0), (200, 7.0), (2000, 30.0), (None, 7.0)]
)
def test_interval_depends_on_the_posts_age(age_days: float | None, every_days: float) -> None:
    assert POLICY.interval(age_days=age_days, streak=0) == timedelta(days=every_days)


def test_each_unchanged_check_doubles_the_interval() -> None:
    intervals = [POLICY.interval(age_days=2, streak=n) for n in range(4)]
    assert intervals == [timedelta(hours=6 * 2**n) for n in range(4)]


def test_back_off_stops_at_sixteen_times() -> None:
    assert POLICY.interval(age_days=2, streak=50) == timedelta(hours=6 * 16)


def test_no_interval_is_longer_than_the_sweep() -> None:
    policy = RecheckPolicy(sweep_days=10)
    assert policy.interval(age_days=2000, streak=9) == timedelta(days=10)


def test_spread_shortens_by_at_most_the_jitter_and_is_stable_per_url() -> None:
    dues = {
        f"http://x/p/{n}": POLICY.next_check(f"http://x/p/{n}", NOW, age_days=2000, streak=0)
        for n in range(50)
    }
    moments = [datetime.fromisoformat(d) for d in dues.values()]
    assert all(NOW + timedelta(days=15) <= m <= NOW + timedelta(days=30) for m in moments)
    assert len(set(moments)) > 40
    assert POLICY.next_check("http://x/p/1", NOW, age_days=2000, streak=0) == dues["http://x/p/1"]


@pytest.mark.parametrize(
    "text", ["2024-05-01", "2024-05-01T10:00:00+02:00", "Wed, 01 May 2024 08:00:00 GMT"]
)
def test_sitemap_and_feed_dates_are_read(text: str) -> None:
    assert parse_date(text) is not None and parse_date(text).tzinfo is not None  # type: ignore[union-attr]


def _archive_with_page(archive: Archive, lastmod: str) -> Scheduler:
    site = archive.ensure_site("http://x/", "x/", {})
    archive.db.execute(
        "INSERT INTO pages (site_id, url, state, lastmod) VALUES (?, 'http://x/p', 'done', ?)",
        [site.id, lastmod],
    )
    return Scheduler(archive.db, site.id, NOW)


def test_a_lastmod_that_moved_forward_makes_the_page_due(archive: Archive) -> None:
    scheduler = _archive_with_page(archive, "2024-05-01T00:00:00+00:00")
    assert scheduler.apply_lastmods([("http://x/p", "2024-05-02")]) == ["http://x/p"]


def test_the_same_date_written_differently_is_not_a_change(archive: Archive) -> None:
    scheduler = _archive_with_page(archive, "2024-05-01T08:00:00+00:00")
    assert scheduler.apply_lastmods([("http://x/p", "Wed, 01 May 2024 08:00:00 GMT")]) == []


def test_a_page_due_now_is_queued_and_one_due_later_is_not(archive: Archive) -> None:
    scheduler = _archive_with_page(archive, "2024-05-01")
    archive.db.execute("UPDATE pages SET next_check = '2024-06-02T00:00:00+00:00'")
    assert scheduler.plan() == 0
    archive.db.execute("UPDATE pages SET next_check = '2024-05-31T00:00:00+00:00'")
    assert scheduler.plan() == 1


def test_full_queues_every_page(archive: Archive) -> None:
    scheduler = _archive_with_page(archive, "2024-05-01")
    archive.db.execute("UPDATE pages SET next_check = '2030-01-01T00:00:00+00:00'")
    assert scheduler.plan(full=True) == 1


def test_a_failed_page_is_due_on_the_next_run(archive: Archive) -> None:
    scheduler = _archive_with_page(archive, "2024-05-01")
    scheduler.record("http://x/p", changed=None, failed=True, gone=False)
    later = Scheduler(archive.db, scheduler.site_id, NOW + timedelta(minutes=1))
    assert later.plan() == 1
