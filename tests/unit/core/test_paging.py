import random
from datetime import UTC, datetime, timedelta

from oncall_desktop.core.paging import AlertTracker, Backoff, Page


def page(pid, status="triggered"):
    return Page(pid, 1, "t", status, "high", "svc", None, "")


def test_tracker_notifies_new_escalated_and_retriggered_once():
    tracker = AlertTracker()
    first = tracker.update([page("A"), page("B", "acknowledged")])
    assert [p.id for p in first.new_alerts] == ["A"]
    # same state again: nothing new
    assert tracker.update([page("A"), page("B", "acknowledged")]).new_alerts == ()
    # an old incident escalated to me now appears: it notifies
    escalated = tracker.update([page("A"), page("B", "acknowledged"), page("OLD")])
    assert [p.id for p in escalated.new_alerts] == ["OLD"]
    # B came back to triggered (ack timeout): notifies again; A was acknowledged elsewhere
    changes = tracker.update([page("A", "acknowledged"), page("B"), page("OLD")])
    assert [p.id for p in changes.new_alerts] == ["B"]
    assert [p.id for p in changes.changed] == ["A"]
    # OLD resolved by a colleague: gone
    assert tracker.update([page("A", "acknowledged"), page("B")]).gone == ("OLD",)


def test_backoff_grows_caps_and_honours_the_server():
    backoff = Backoff(base=timedelta(seconds=2), cap=timedelta(seconds=60))
    rng = random.Random(1)
    delays = [backoff.delay(n, rng=rng).total_seconds() for n in range(1, 10)]
    assert all(1 <= d <= 60 for d in delays)
    assert delays[0] <= 2 and delays[-1] >= 30
    assert backoff.delay(1, timedelta(seconds=45), rng=rng) == timedelta(seconds=45)
    assert backoff.delay(0) == timedelta(0)


def test_quiet_hours_and_snooze_let_high_urgency_through():
    from oncall_desktop.core.paging import QuietHours, should_notify

    quiet = QuietHours.parse("22:00", "07:00")
    assert quiet.contains(datetime(2025, 1, 1, 23, 30).time())
    assert quiet.contains(datetime(2025, 1, 1, 6, 59).time())
    assert not quiet.contains(datetime(2025, 1, 1, 7, 0).time())
    assert QuietHours.parse("", "07:00") is None
    night = datetime(2025, 1, 1, 3, 0, tzinfo=UTC)
    low = Page("L", 1, "t", "triggered", "low", "svc", None, "")
    high = Page("H", 1, "t", "triggered", "high", "svc", None, "")
    assert not should_notify(low, night, night, quiet)
    assert should_notify(high, night, night, quiet)
    noon = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    assert should_notify(low, noon, noon, quiet)
    snoozed = noon + timedelta(minutes=30)
    assert not should_notify(low, noon, noon, None, snoozed)
    assert should_notify(high, noon, noon, None, snoozed)
    assert should_notify(low, snoozed, snoozed, None, snoozed)
