"""Deadline alerts, the room alone: a warning before each breach with the action that meets
it, one notification when an update becomes overdue, one when a SEV-2's timed escalation falls
due; each said once, however many seconds tick. Real incidents on a throwaway SQLite store."""

from datetime import timedelta

import pytest

from oncall_desktop.core.policy import Severity
from tests.unit.app.conftest import RecordingNotifier

AUDIENCES = ("Executive (email/phone)", "External (status page)", "Internal (Slack #incidents)")


@pytest.fixture
def room(qapp, database, runner, clock, policy, preferences):
    from oncall_desktop.app.collaborators import Dues, Notifications
    from oncall_desktop.app.deadline_alerts import DeadlineAlerts
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.storage.incidents import IncidentRepository

    incidents = IncidentService(IncidentRepository(database), runner, clock, policy, "alice")
    recorder = RecordingNotifier()
    deadlines = DeadlineAlerts(
        incidents, policy, preferences, Notifications(recorder.notifier), Dues(policy)
    )
    deadlines.shown = recorder.shown
    return deadlines


def declared(qtbot, room, severity=Severity.SEV1, title="API Down"):
    with qtbot.waitSignal(room.incidents.incident_declared, timeout=5000) as declaring:
        room.incidents.declare(title, severity, "100% users")
    incident_id = declaring.args[0].id
    qtbot.waitUntil(lambda: [i.id for i in room.incidents.active] == [incident_id], timeout=5000)
    return incident_id


def ticks(room, clock, count=1):
    for _ in range(count):
        room.on_tick(clock.now())


def test_updates_are_warned_once_before_they_are_due_with_compose(qtbot, room, clock):
    incident_id = declared(qtbot, room)
    clock.advance(timedelta(minutes=2, seconds=29))  # first updates due at 5:00, warned at 2:30
    ticks(room, clock)
    assert not [n for n in room.shown if n.title.startswith("Update due")]
    clock.advance(timedelta(seconds=1))
    ticks(room, clock, 3)
    warnings = [n for n in room.shown if n.title.startswith("Update due")]
    assert sorted(n.title for n in warnings) == [f"Update due in 2:30: {a}" for a in AUDIENCES]
    assert {n.key for n in warnings} == {
        f"compose:{incident_id}:{a}" for a in ("internal", "status_page", "executive")
    }
    assert all(n.actions == (("compose", "Compose…"),) and n.urgent for n in warnings)
    assert all(n.body == "SEV-1 · API Down" for n in warnings)


def test_an_overdue_update_notifies_once(qtbot, room, clock):
    incident_id = declared(qtbot, room)
    clock.advance(timedelta(minutes=6))
    ticks(room, clock, 2)  # a second tick must not alert again
    overdue = [n for n in room.shown if n.title.startswith("Update overdue")]
    assert sorted(n.title for n in overdue) == [f"Update overdue: {a}" for a in AUDIENCES]
    assert {n.key for n in overdue} == {
        f"compose:{incident_id}:{a}" for a in ("internal", "status_page", "executive")
    }
    assert all(n.actions == (("compose", "Compose…"),) for n in overdue)


def test_a_sev2_unresolved_at_two_hours_raises_one_escalation_notification(qtbot, room, clock):
    declared(qtbot, room, Severity.SEV2, "Login fails for Gmail users")

    def escalations():
        return [n for n in room.shown if "escalate" in n.title and "unresolved" in n.title]

    clock.advance(timedelta(minutes=119, seconds=59))
    ticks(room, clock)
    assert escalations() == []
    clock.advance(timedelta(seconds=1))
    ticks(room, clock, 2)
    assert [(n.title, n.urgent) for n in escalations()] == [
        ("SEV-2 unresolved: escalate to Lead dev + on-call", True)
    ]


def test_a_resolved_incident_says_nothing_more(qtbot, room, clock):
    from oncall_desktop.core.incident import Status

    incident_id = declared(qtbot, room)
    room.incidents.move_to(incident_id, Status.RESOLVED, note="fixed")
    qtbot.waitUntil(lambda: room.incidents.active == [], timeout=5000)
    clock.advance(timedelta(hours=3))
    ticks(room, clock)
    assert room.shown == []
