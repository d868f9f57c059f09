"""The tray's summary, counted as plain data (issue 16: the app's busiest function, tested on
its own)."""

from datetime import timedelta

from oncall_desktop.core.deadlines import next_updates
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Audience, Severity
from oncall_desktop.core.traysummary import TrayLevel, summarize


def incident(clock, updates_sent=True):
    inc = Incident.declare(title="x", severity=Severity.SEV1, at=clock.now(), actor="a")
    if updates_sent:
        for audience in Audience:
            inc.record_update_sent(audience, at=clock.now(), actor="a")
    return inc


def test_levels_most_urgent_first(clock, policy):
    def dues(i):
        return next_updates(i, policy)

    now = clock.now()
    quiet = summarize([], dues, 0, False, 0, 0, now)
    assert quiet.level is TrayLevel.IDLE and quiet.quiet
    assert summarize([], dues, 1, False, 0, 0, now).level is TrayLevel.INCIDENT_OPEN
    assert summarize([], dues, 0, True, 0, 0, now).level is TrayLevel.OFFLINE
    fresh = incident(clock)
    assert summarize([fresh], dues, 0, True, 0, 0, now).level is TrayLevel.OFFLINE
    late = clock.now() + timedelta(minutes=16)  # SEV-1 internal every 15 min
    summary = summarize([fresh], dues, 2, True, 1, 1, late)
    assert summary.level is TrayLevel.UPDATE_OVERDUE  # outranks being offline
    assert (summary.overdue_incidents, summary.pages_to_acknowledge, summary.open_incidents) == (
        1,
        2,
        1,
    )


def test_handoffs_are_counted_apart_from_post_mortems(clock, policy):
    summary = summarize([], lambda i: {}, 0, False, 0, 1, clock.now())
    assert (summary.postmortems_overdue, summary.handoffs_pending) == (0, 1)
    assert not summary.quiet and summary.level is TrayLevel.IDLE
